/**
 * `npm run bench -- index-store [N...]`: the SQLite reference index (lib/store/)
 * with N indexed documents (default 10k): add rate, query latency per
 * article, file size. Each size runs in its own process, on a fresh file in
 * the temp directory (deleted afterwards).
 *
 * Documents: Reuters-21578 bodies (../shared/eval/reuters21578, read at run
 * time, never copied) padded to ~300 words with text from a word-bigram model
 * of those bodies (bench/reuse.ts), then generated originals once the bodies
 * are used up; one in five is a repost (copy-edited, trimmed or two paragraphs
 * in new text) of one of the last 1,000 originals. Generated as they are
 * added, so N is not bounded by memory.
 *
 * Printed per size:
 * - add: documents/s for `prepareReference` + `store.add` in batches of 1,000
 *   (what `index add` does after reading and extracting; generation not timed);
 * - query: per article, `analyzeReuseWithStore([article], store)`, i.e. the
 *   whole reuse stage against the index: n-gram look-up, fetch of candidate
 *   documents, alignment, derivation; 200 articles (half reposts of indexed
 *   documents, half fresh text), median and p99 in ms;
 * - size: file bytes after the adds (and after a checkpoint), per document and
 *   scaled to a million documents (linear scaling: an estimate, marked so), and
 *   how much of the file is free pages (merged runs leave them; later adds reuse them);
 * - where the add time goes: prepare (tokenize, hash, fingerprint) and store
 *   (SQL inserts, run merges, commits); generating the documents is not in it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReuseDocument } from '../lib/reuse/index.js';
import { analyzeReuseWithStore, prepareReference } from '../lib/store/query.js';
import { openSqliteStore } from '../lib/store/sqlite.js';
import { Bigrams, countWords, edit, reutersBodies, rng } from './reuse.js';

const DEFAULT_SIZES = [10_000];
const BATCH = 1000;
const QUERIES = 200;
const RECENT = 1000;
const REPOST_EVERY = 5;
const SEED = 20261124;

/** An endless stream of documents (paragraph lists), deterministic. */
function* documents(bodies: string[][], model: Bigrams, random: () => number): Generator<string[]> {
  const vocabulary = bodies.slice(0, 200).flatMap((b) => b.join(' ').split(' '));
  const recent: string[][] = [];
  let body = 0;
  for (let i = 0; ; i++) {
    if (i % REPOST_EVERY === REPOST_EVERY - 1 && recent.length) {
      yield repost(recent[Math.floor(random() * recent.length)], random, model, vocabulary);
      continue;
    }
    const doc = body < bodies.length ? [...bodies[body++]] : [];
    const target = 250 + Math.floor(random() * 100);
    // Counted as it grows (a paragraph of n words adds n), not recounted per paragraph.
    for (let words = countWords(doc); words < target; ) {
      const n = 30 + Math.floor(random() * 50);
      doc.push(model.paragraph(random, n));
      words += n;
    }
    recent.push(doc);
    if (recent.length > RECENT) recent.shift();
    yield doc;
  }
}

function repost(from: string[], random: () => number, model: Bigrams, vocabulary: string[]): string[] {
  const kind = random();
  if (kind < 0.4) return from.map((p) => edit(p, random, 0.03, vocabulary));
  if (kind < 0.7) return from.slice(0, Math.max(1, Math.ceil(from.length * (0.4 + 0.4 * random())))).map((p) => edit(p, random, 0.03, vocabulary));
  const k = Math.floor(random() * from.length);
  return [model.paragraph(random, 60), from[k], model.paragraph(random, 50), from[(k + 2) % from.length], model.paragraph(random, 70)];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function runOne(size: number): Promise<void> {
  const bodies = reutersBodies();
  const model = new Bigrams(bodies);
  const random = rng(SEED);
  const stream = documents(bodies, model, random);
  const dir = mkdtempSync(join(tmpdir(), 'sourcetrace-bench-index-'));
  const path = join(dir, 'index.db');
  try {
    const store = openSqliteStore(path, { create: true });
    // Keep a sample of indexed documents to repost as queries.
    const sample: string[][] = [];
    let addMs = 0;
    let prepareMs = 0;
    let generateMs = 0;
    let words = 0;
    const cpu0 = process.cpuUsage();
    for (let done = 0; done < size; ) {
      const generating = performance.now();
      const batch: string[][] = [];
      while (batch.length < BATCH && done + batch.length < size) batch.push(stream.next().value as string[]);
      const started = performance.now();
      generateMs += started - generating;
      const prepared = batch.map((p, i) => prepareReference(`wire/${String(done + i).padStart(8, '0')}.txt`, p.join('\n\n')));
      prepareMs += performance.now() - started;
      await store.add(prepared);
      addMs += performance.now() - started;
      for (const p of prepared) words += p.words;
      for (const p of batch) if (random() < QUERIES / size) sample.push(p);
      done += batch.length;
      if (size >= 100_000 && done % 50_000 === 0) process.stderr.write(`  ${done} added, ${(done / (addMs / 1000)).toFixed(0)} docs/s so far\n`);
    }
    const cpuAdd = process.cpuUsage(cpu0);
    store.checkpoint(); // the WAL copied into the file and truncated: bytes are the file's
    const stats = await store.stats();
    const free = store.freeBytes();

    const vocabulary = bodies.slice(0, 200).flatMap((b) => b.join(' ').split(' '));
    const queries: ReuseDocument[] = [];
    for (let q = 0; q < QUERIES; q++) {
      const paragraphs = q % 2 === 0 && sample.length ? repost(sample[q % sample.length], random, model, vocabulary) : (stream.next().value as string[]);
      queries.push({ id: `q${q}`, file: `q${q}.txt`, text: paragraphs.join('\n\n'), reference: false });
    }
    const times: number[] = [];
    let derived = 0;
    for (const article of queries) {
      const started = performance.now();
      const result = await analyzeReuseWithStore([article], store);
      times.push(performance.now() - started);
      if (result.derivations.get(article.id)?.derivation !== 'non') derived++;
    }
    await store.close();
    times.sort((x, y) => x - y);
    const perDoc = stats.bytes! / size;
    process.stdout.write(
      `${String(size).padStart(8)} docs (${(words / size).toFixed(0)} words/doc, ${stats.postings} postings)  ` +
        `add ${(size / (addMs / 1000)).toFixed(0)} docs/s (wall ${(addMs / 1000).toFixed(1)} s: prepare ${(prepareMs / 1000).toFixed(1)} s, store ${((addMs - prepareMs) / 1000).toFixed(1)} s; process cpu ${((cpuAdd.user + cpuAdd.system) / 1e6).toFixed(1)} s incl. generating ${(generateMs / 1000).toFixed(1)} s wall)  ` +
        `query per article: median ${percentile(times, 50).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms (${QUERIES} articles, ${derived} found derived)  ` +
        `file ${(stats.bytes! / 1e6).toFixed(1)} MB = ${(perDoc / 1000).toFixed(2)} kB/doc (x1M docs: ${((perDoc * 1e6) / 1e9).toFixed(1)} GB, linear estimate; ` +
        `${(free / 1e6).toFixed(1)} MB of it free pages left by merges, reused by later adds; ${stats.runs} runs)\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function main(args: string[]): Promise<void> {
  const child = args.indexOf('--child');
  if (child >= 0) return runOne(Number(args[child + 1]));
  const sizes = args.length ? args.map(Number) : DEFAULT_SIZES;
  process.stdout.write(`index-store bench: SQLite reference index (better-sqlite3), Reuters-21578 bodies + generated text, 1 in ${REPOST_EVERY} a repost; ${process.version}\n`);
  const here = fileURLToPath(new URL('./run.js', import.meta.url));
  for (const size of sizes) {
    const r = spawnSync(process.execPath, [here, 'index-store', '--child', String(size)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    process.stdout.write(r.stdout);
    if (r.status !== 0) process.stdout.write(`${size}: failed (exit ${r.status})\n`);
  }
}
