/**
 * `npm run bench -- throughput [--corpus l3s|reuters] [--reuters-files N|all]`
 * (or `--scaling 1,2,4,8`, see `scaling` below): end-to-end articles
 * per second of `sourcetrace analyze` with --jobs 1 and --jobs 2, against
 * wink-nlp's bare throughput (readDoc + POS tags, single thread) on the same
 * body texts, and the run's peak memory (max RSS of the process, worker
 * threads included), on:
 *
 *   l3s      the L3S-GN1 WARC (621 news pages, HTML extraction included)
 *   reuters  Reuters-21578 (the first 3 .sgm.gz files, 2,761 stories with a
 *            body; `--reuters-files N|all` for more where present), as a
 *            JSONL file written to a temporary directory at run time
 *
 * End to end means the CLI as a user runs it: process start, reading,
 * extraction, NLP, attribution, the corpus stage, the JSON report written.
 * The machine may be shared: the load average is printed with the figures,
 * and each run's CPU seconds (user + system, all threads) beside its wall
 * time: articles per CPU second against bare wink's is the steadier figure
 * when other processes compete for the cores. The stage split (in-process,
 * report not rendered) says how long the corpus stage takes after the last
 * article, and how much of it the main thread computes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, cpus, tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { gunzipSync } from 'node:zlib';
import { SHARED_DIR } from '../lib/eval/index.js';
import { tagOnly } from '../lib/nlp/index.js';
import { analyzeStream } from '../lib/analyze.js';
import { readInputs } from '../lib/ingest/sources.js';

const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '../lib/cli/main.js');
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

interface Run {
  jobs: number;
  seconds: number;
  /** User + system CPU seconds of the process and its threads (null without /usr/bin/time). */
  cpuSeconds: number | null;
  maxRssMb: number | null;
  articles: number;
  errors: number;
  bodies: string[];
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** "26-FEB-1987 15:01:01.79" as 1987-02-26; undefined when it is not such a date. */
function reutersDate(raw: string): string | undefined {
  const m = /^\s*(\d{1,2})-([A-Z]{3})-(\d{4})/.exec(raw);
  const month = m ? MONTHS.indexOf(m[2]) + 1 : 0;
  return m && month ? `${m[3]}-${String(month).padStart(2, '0')}-${m[1].padStart(2, '0')}` : undefined;
}

/**
 * Reuters-21578 stories as JSONL lines: title, dateline and body as the text;
 * with `dated`, the story's date as `published` (the bench's 3-file line runs
 * without, as it always has: every article undated).
 */
export function reutersJsonl(dir: string, options: { dated?: boolean; files?: number } = {}): string {
  const lines: string[] = [];
  const decode = (s: string) => s.replace(/&#\d+;/g, '').replace(/&(\w+);/g, (all, e: string) => ENTITIES[e] ?? all).trim();
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.sgm.gz')).sort().slice(0, options.files ?? Infinity)) {
    const sgml = gunzipSync(readFileSync(join(dir, name))).toString('latin1');
    for (const m of sgml.matchAll(/<REUTERS[^>]*NEWID="(\d+)"[^>]*>([\s\S]*?)<\/REUTERS>/g)) {
      const body = /<BODY>([\s\S]*?)<\/BODY>/.exec(m[2]);
      if (!body) continue;
      const title = /<TITLE>([\s\S]*?)<\/TITLE>/.exec(m[2]);
      const dateline = /<DATELINE>([\s\S]*?)<\/DATELINE>/.exec(m[2]);
      const text = `${dateline ? decode(dateline[1]) + ' ' : ''}${decode(body[1])}`;
      const date = options.dated ? /<DATE>([\s\S]*?)<\/DATE>/.exec(m[2]) : null;
      lines.push(JSON.stringify({ text, title: title ? decode(title[1]) : undefined, url: `reuters21578:${m[1]}`, published: date ? reutersDate(date[1]) : undefined }));
    }
  }
  return lines.join('\n') + '\n';
}

/** Words of the corpus kept in every synthetic copy: the most common ones (function words, reporting verbs, house style). */
const SCALE_COMMON_WORDS = 300;
/** Share of the other words a copy keeps as written (so a word's article count grows with the copies, as in a larger real crawl). */
const SCALE_KEEP_SHARE = 0.25;
/** Days between rounds of a dated corpus: 2,761 stories of 12 days every two weeks, like a crawl going on (the full Reuters-21578 is ~21,000 stories over 8 months). */
const SCALE_ROUND_DAYS = 14;

function laterBy(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** What a copy rewrites: words of 4+ letters and numbers of 2+ digits (earnings tables differ from story to story). */
const WORD = /[A-Za-z]{4,}|[0-9]{2,}/g;

function hash(s: string): number {
  let h = 2166136261;
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), 16777619) >>> 0;
  return h;
}

/**
 * A larger corpus made from `jsonl` (one story per line, as reutersJsonl
 * writes): `copies` rounds of every story, round 0 as written. In round k a
 * word of 4+ letters outside the corpus's SCALE_COMMON_WORDS most common is
 * kept as written with probability SCALE_KEEP_SHARE (decided by a hash of
 * word and round) and otherwise has its letters shifted by an amount per
 * round (same length; rounds below 1,000 all differ); numbers of 2+ digits alike. So each round is a new
 * set of events told in the same house style: common words and attribution
 * cues stay, names and topics change, and a rarer word's article count grows
 * with the corpus, though slower than the corpus (as vocabulary does).
 * Dated stories move SCALE_ROUND_DAYS later per round.
 * Synthetic: for measuring how cost grows, not for quality.
 */
export function scaledJsonl(jsonl: string, copies: number): string {
  const stories = jsonl.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { text: string; title?: string; url: string; published?: string });
  const df = new Map<string, number>();
  for (const s of stories) for (const w of new Set(`${s.title ?? ''} ${s.text}`.toLowerCase().match(WORD) ?? [])) df.set(w, (df.get(w) ?? 0) + 1);
  const common = new Set([...df.entries()].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, SCALE_COMMON_WORDS).map(([w]) => w));
  const vary = (text: string, copy: number) =>
    text.replace(WORD, (word) => {
      const lower = word.toLowerCase();
      if (common.has(lower) || hash(`${lower}#${copy}`) % 1000 < SCALE_KEEP_SHARE * 1000) return word;
      let out = '';
      for (let k = 0; k < word.length; k++) {
        const c = word.charCodeAt(k);
        const [base, size] = c <= 57 ? [48, 10] : c >= 97 ? [97, 26] : [65, 26];
        const shift = Math.floor(copy / size ** (k % 3)) % size;
        out += String.fromCharCode(base + ((c - base + shift) % size));
      }
      return out;
    });
  const lines: string[] = [];
  for (let copy = 0; copy < copies; copy++)
    for (const s of stories)
      lines.push(
        copy === 0
          ? JSON.stringify(s)
          : JSON.stringify({
              text: vary(s.text, copy),
              title: s.title === undefined ? undefined : vary(s.title, copy),
              url: `${s.url}-${copy}`,
              published: s.published === undefined ? undefined : laterBy(s.published, copy * SCALE_ROUND_DAYS),
            }),
      );
  return lines.join('\n') + '\n';
}

function runCli(input: string, jobs: number, out: string): Run {
  const timed = existsSync('/usr/bin/time');
  const cmd = timed ? '/usr/bin/time' : process.execPath;
  const args = [...(timed ? ['-f', '%e %M %U %S', process.execPath] : []), CLI, 'analyze', '--format', 'json', '--quiet', '--jobs', String(jobs), input];
  const started = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  writeFileSync(out, r.stdout);
  const report = JSON.parse(r.stdout.toString('utf8')) as { articles: { body: { text: string } }[]; errors: unknown[] };
  let maxRssMb: number | null = null;
  let cpuSeconds: number | null = null;
  if (timed) {
    const last = r.stderr.toString('utf8').trim().split('\n').pop() ?? '';
    const m = /^([\d.]+) (\d+) ([\d.]+) ([\d.]+)$/.exec(last);
    if (m) {
      maxRssMb = Number(m[2]) / 1024;
      cpuSeconds = Number(m[3]) + Number(m[4]);
    }
  }
  return { jobs, seconds: wall, cpuSeconds, maxRssMb, articles: report.articles.length, errors: report.errors.length, bodies: report.articles.map((a) => a.body.text) };
}

/**
 * wink-nlp alone on the same texts, single thread: best of two passes after a
 * warm-up, as articles per second of wall time and per CPU second (the latter
 * steadier on a shared machine).
 */
function bareRate(bodies: string[]): { wall: number; cpu: number } {
  for (const b of bodies.slice(0, 50)) tagOnly(b);
  let best = Infinity;
  let bestCpu = Infinity;
  for (let pass = 0; pass < 2; pass++) {
    const t = process.hrtime.bigint();
    const c = process.cpuUsage();
    for (const b of bodies) tagOnly(b);
    const used = process.cpuUsage(c);
    best = Math.min(best, Number(process.hrtime.bigint() - t) / 1e9);
    bestCpu = Math.min(bestCpu, (used.user + used.system) / 1e6);
  }
  return { wall: bodies.length / best, cpu: bodies.length / bestCpu };
}

/**
 * Bare wink in `threads` worker threads at once, each over all the bodies
 * (best of two rounds, started together): articles per second of all of them
 * together. Against the one-thread rate this is what the machine lets
 * CPU-bound threads scale to (two vCPUs may share a physical core or memory
 * bandwidth), a ceiling for `--jobs 2 / --jobs 1`.
 */
async function bareRateThreads(bodies: string[], threads: number): Promise<number> {
  const url = new URL('./_bare-thread.js', import.meta.url);
  const workers = Array.from({ length: threads }, () => new Worker(url, { workerData: { bodies } }));
  const next = (w: Worker) => new Promise<unknown>((resolve, reject) => w.once('message', resolve).once('error', reject));
  try {
    await Promise.all(workers.map(next));
    let best = Infinity;
    for (let round = 0; round < 2; round++) {
      const done = workers.map(next);
      for (const w of workers) w.postMessage('go');
      best = Math.min(best, Math.max(...((await Promise.all(done)) as number[])));
    }
    return (threads * bodies.length) / best;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** CPU seconds of this process's main thread (Linux /proc), null where that cannot be read. */
function mainThreadCpu(): number | null {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

interface Split {
  perArticle: number;
  corpus: number;
  /** Main thread CPU seconds in the corpus stage (with --jobs 2 part of it runs in worker threads). */
  corpusMainCpu: number | null;
}

/**
 * How the time splits between the per-article stages and the once-over-all
 * corpus stage: with `jobs` 0 all in this thread; with 2, as `--jobs 2` runs.
 */
async function stageSplit(input: string, jobs: number): Promise<Split> {
  const t0 = process.hrtime.bigint();
  let lastSettled = t0;
  let cpuAtLast = mainThreadCpu();
  await analyzeStream(readInputs([input]), {
    jobs,
    onProgress: () => {
      lastSettled = process.hrtime.bigint();
      cpuAtLast = mainThreadCpu();
    },
  });
  const end = process.hrtime.bigint();
  const cpuEnd = mainThreadCpu();
  return { perArticle: Number(lastSettled - t0) / 1e9, corpus: Number(end - lastSettled) / 1e9, corpusMainCpu: cpuEnd === null || cpuAtLast === null ? null : cpuEnd - cpuAtLast };
}

/** The split, measured in a fresh process (so nothing measured before it shares its heap or NLP state). */
function stageSplitFresh(input: string, jobs: number): Split {
  const r = spawnSync(process.execPath, [resolve(dirname(fileURLToPath(import.meta.url)), 'run.js'), 'throughput', '--split', input, String(jobs)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  return JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as Split;
}

export async function main(args: string[]): Promise<void> {
  if (args[0] === '--split') {
    process.stdout.write(JSON.stringify(await stageSplit(args[1], Number(args[2] ?? 0))) + '\n');
    return;
  }
  const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : null);
  if (option('--scaling') !== null) return scaling(option('--scaling')!, option('--reuters-files'));
  const only = option('--corpus');
  const reutersFiles = option('--reuters-files') === 'all' ? undefined : Number(option('--reuters-files') ?? 3);
  const work = mkdtempSync(join(tmpdir(), 'st-bench-'));
  const corpora: { name: string; input: string }[] = [];
  const warc = join(SHARED_DIR, 'eval/l3s-gn1/L3S-GN1-20100130203947-00001.warc.gz');
  if (existsSync(warc) && (!only || only === 'l3s')) corpora.push({ name: 'l3s-gn1 WARC (621 pages)', input: warc });
  const reuters = join(SHARED_DIR, 'eval/reuters21578');
  if (existsSync(reuters) && (!only || only === 'reuters')) {
    const path = join(work, 'reuters21578.jsonl');
    writeFileSync(path, reutersJsonl(reuters, { files: reutersFiles }));
    const files = readdirSync(reuters).filter((f) => f.endsWith('.sgm.gz')).length;
    corpora.push({ name: `Reuters-21578 JSONL (${Math.min(files, reutersFiles ?? files)} files)`, input: path });
  }
  const print = (s: string) => process.stdout.write(s + '\n');
  print(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average before: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  try {
    for (const corpus of corpora) {
      const runs = [1, 2].map((jobs) => runCli(corpus.input, jobs, join(work, `out-${jobs}.json`)));
      const identical = readFileSync(join(work, 'out-1.json')).equals(readFileSync(join(work, 'out-2.json')));
      const bareRates = bareRate(runs[0].bodies);
      const bare = bareRates.wall;
      const rate = (r: Run) => r.articles / r.seconds;
      print(`\n${corpus.name}: ${runs.map((r) => `--jobs ${r.jobs}: ${r.articles} articles, ${r.errors} error entries`).join('; ')}`);
      for (const r of runs) {
        const perWorker = rate(r) / r.jobs / bare;
        print(
          `  --jobs ${r.jobs}  ${r.seconds.toFixed(1).padStart(6)} s  ${rate(r).toFixed(1).padStart(7)} articles/s  ` +
            `${(perWorker * 100).toFixed(0)}% of bare wink per worker  peak RSS ${r.maxRssMb === null ? '?' : r.maxRssMb.toFixed(0) + ' MB'}` +
          (r.cpuSeconds === null ? '' : `  CPU ${r.cpuSeconds.toFixed(1)} s (${((r.articles / r.cpuSeconds / bareRates.cpu) * 100).toFixed(0)}% of bare wink per CPU second)`),
        );
      }
      print(`  wink-nlp bare (readDoc + POS, one thread, same bodies): ${bare.toFixed(1)} articles/s, ${bareRates.cpu.toFixed(1)} per CPU second`);
      const bareTwo = await bareRateThreads(runs[0].bodies, 2);
      print(`  wink-nlp bare in 2 threads at once: ${bareTwo.toFixed(1)} articles/s, ${(bareTwo / bare).toFixed(2)}x one thread (this machine's ceiling for --jobs 2 / --jobs 1)`);
      print(`  --jobs 2 / --jobs 1: ${(rate(runs[1]) / rate(runs[0])).toFixed(2)}x; reports identical: ${identical ? 'yes' : 'NO'}`);
      const split = stageSplitFresh(corpus.input, 0);
      const cpu = (x: Split) => (x.corpusMainCpu === null ? '' : `, main thread ${x.corpusMainCpu.toFixed(1)} CPU s`);
      print(
        `  in one thread: reading + per-article stages ${split.perArticle.toFixed(1)} s (${(runs[0].articles / split.perArticle).toFixed(1)} articles/s, ` +
          `${((runs[0].articles / split.perArticle / bare) * 100).toFixed(0)}% of bare wink), corpus stage + report ${split.corpus.toFixed(1)} s (serial${cpu(split)})`,
      );
      // With 2 workers the story pair loop of a large corpus runs in threads too (lib/corpus/parallel.ts): what stays serial.
      const split2 = stageSplitFresh(corpus.input, 2);
      print(`  with --jobs 2: per-article stages ${split2.perArticle.toFixed(1)} s, corpus stage + report ${split2.corpus.toFixed(1)} s${cpu(split2)}`);
    }
    print(`\nload average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * `--scaling 1,2,4,8`: how a run grows with the corpus. Reuters-21578 with its
 * dates (`--reuters-files`, default all present), then 2, 4, 8... rounds of it
 * (scaledJsonl: each round new events in the same house style, two weeks
 * later). Per size: the CLI with --jobs 1 (wall, CPU, peak RSS) and, in a
 * fresh process in one thread, the corpus stage + report (wall, and the main
 * thread's CPU: all of the corpus stage with --jobs 0).
 */
function scaling(rounds: string, files: string | null): void {
  const print = (s: string) => process.stdout.write(s + '\n');
  const work = mkdtempSync(join(tmpdir(), 'st-bench-'));
  try {
    const base = reutersJsonl(join(SHARED_DIR, 'eval/reuters21578'), { dated: true, files: files === null || files === 'all' ? undefined : Number(files) });
    print(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average before: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    print('Reuters-21578 JSONL with dates, in synthetic rounds (bench/throughput.ts scaledJsonl); --jobs 1:');
    print('  rounds  articles    wall s   CPU s  peak RSS | corpus stage + report: wall s  main CPU s | load');
    let previous: { articles: number; cpu: number | null; corpus: number | null } | null = null;
    for (const k of rounds.split(',').map(Number)) {
      const input = join(work, `reuters-${k}.jsonl`);
      writeFileSync(input, scaledJsonl(base, k));
      const load = loadavg()[0].toFixed(2);
      const run = runCli(input, 1, join(work, 'out.json'));
      const split = stageSplitFresh(input, 0);
      const growth =
        previous && run.cpuSeconds !== null && previous.cpu !== null && split.corpusMainCpu !== null && previous.corpus
          ? `  (x${(run.articles / previous.articles).toFixed(1)} articles: CPU x${(run.cpuSeconds / previous.cpu).toFixed(2)}, corpus CPU x${(split.corpusMainCpu / previous.corpus).toFixed(2)})`
          : '';
      print(
        `  ${String(k).padStart(6)}  ${String(run.articles).padStart(8)}  ${run.seconds.toFixed(1).padStart(8)}  ${(run.cpuSeconds?.toFixed(1) ?? '?').padStart(6)}  ` +
          `${(run.maxRssMb === null ? '?' : run.maxRssMb.toFixed(0) + ' MB').padStart(8)} | ${split.corpus.toFixed(1).padStart(28)}  ${(split.corpusMainCpu?.toFixed(1) ?? '?').padStart(10)} | ${load}${growth}`,
      );
      previous = { articles: run.articles, cpu: run.cpuSeconds, corpus: split.corpusMainCpu };
    }
    print(`load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
