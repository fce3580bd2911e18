/**
 * `npm run bench -- throughput [--corpus l3s|reuters]`: end-to-end articles
 * per second of `sourcetrace analyze` with --jobs 1 and --jobs 2, against
 * wink-nlp's bare throughput (readDoc + POS tags, single thread) on the same
 * body texts, and the run's peak memory (max RSS of the process, worker
 * threads included), on:
 *
 *   l3s      the L3S-GN1 WARC (621 news pages, HTML extraction included)
 *   reuters  Reuters-21578 (3 files, 3,000 wire stories), as a JSONL file
 *            written to a temporary directory at run time
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

/** Reuters-21578 stories as JSONL lines: title, dateline and body as the text. */
export function reutersJsonl(dir: string): string {
  const lines: string[] = [];
  const decode = (s: string) => s.replace(/&#\d+;/g, '').replace(/&(\w+);/g, (all, e: string) => ENTITIES[e] ?? all).trim();
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.sgm.gz')).sort()) {
    const sgml = gunzipSync(readFileSync(join(dir, name))).toString('latin1');
    for (const m of sgml.matchAll(/<REUTERS[^>]*NEWID="(\d+)"[^>]*>([\s\S]*?)<\/REUTERS>/g)) {
      const body = /<BODY>([\s\S]*?)<\/BODY>/.exec(m[2]);
      if (!body) continue;
      const title = /<TITLE>([\s\S]*?)<\/TITLE>/.exec(m[2]);
      const dateline = /<DATELINE>([\s\S]*?)<\/DATELINE>/.exec(m[2]);
      const text = `${dateline ? decode(dateline[1]) + ' ' : ''}${decode(body[1])}`;
      lines.push(JSON.stringify({ text, title: title ? decode(title[1]) : undefined, url: `reuters21578:${m[1]}` }));
    }
  }
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
  const only = args.includes('--corpus') ? args[args.indexOf('--corpus') + 1] : null;
  const work = mkdtempSync(join(tmpdir(), 'st-bench-'));
  const corpora: { name: string; input: string }[] = [];
  const warc = join(SHARED_DIR, 'eval/l3s-gn1/L3S-GN1-20100130203947-00001.warc.gz');
  if (existsSync(warc) && (!only || only === 'l3s')) corpora.push({ name: 'l3s-gn1 WARC (621 pages)', input: warc });
  const reuters = join(SHARED_DIR, 'eval/reuters21578');
  if (existsSync(reuters) && (!only || only === 'reuters')) {
    const path = join(work, 'reuters21578.jsonl');
    writeFileSync(path, reutersJsonl(reuters));
    corpora.push({ name: 'Reuters-21578 JSONL (3 files)', input: path });
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
