/**
 * `npm run bench -- reuse [N...]`: time and peak memory of the reuse index
 * (fingerprint, index, candidate pairs, alignment, derivation) self-matching N
 * documents, for N = 1k, 10k and 100k by default. Each size runs in its own
 * process so that its peak RSS is its own.
 *
 * The corpus: Reuters-21578 bodies (../shared/eval/reuters21578, research use
 * only: read at run time, never copied) padded to ~300 words with text from a
 * word-bigram model of those bodies, and more such generated originals beyond
 * the 3,000 bodies; one document in five is a synthetic repost of an earlier
 * original (copied whole, trimmed, reordered or two paragraphs taken into new
 * text, with words edited). A seeded generator makes it the same every run.
 * Prints, per size: documents, words, candidate pairs, pairs with passages,
 * wall and CPU time (the machine may be shared: CPU time is the fairer cost),
 * wall time per phase, peak RSS, and the share of reposts whose source was found.
 * For measuring choices: BENCH_N (index n), BENCH_MS (min shared n-grams),
 * BENCH_DF (max document frequency) override the defaults.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { SHARED_DIR } from '../lib/eval/index.js';
import { analyzeReuse, type ReuseDocument } from '../lib/reuse/index.js';

const DEFAULT_SIZES = [1000, 10000, 100000];
const REPOST_EVERY = 5;
const SEED = 20260324;

/** mulberry32: a small seeded generator, so the corpus is the same every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function reutersBodies(): string[][] {
  const dir = resolve(SHARED_DIR, 'eval/reuters21578');
  const bodies: string[][] = [];
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.sgm.gz')).sort()) {
    const sgml = gunzipSync(readFileSync(resolve(dir, f))).toString('latin1');
    for (const m of sgml.matchAll(/<BODY>([\s\S]*?)<\/BODY>/g)) {
      const text = m[1].replace(/&#\d+;/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s*Reuter\s*$/, '');
      const paragraphs = text.split(/\n\s{2,}/).map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean);
      if (paragraphs.length) bodies.push(paragraphs);
    }
  }
  return bodies;
}

/**
 * A word-bigram model of the bodies, to write fresh text in their vocabulary.
 * Words are numbered and successor lists packed into typed arrays, so that a
 * million documents are generated in seconds, not minutes (same text as the
 * Map-of-strings version it replaced, draw for draw).
 */
export class Bigrams {
  private words: string[] = [];
  /** Successors of word w: successors[offsets[w] .. offsets[w + 1]), in the order they occur. */
  private offsets: Int32Array;
  private successors: Int32Array;
  private starts: number[] = [];
  private all: number[] = [];
  /** Words with at least 4 distinct successors; the others would replay the source text verbatim: jump instead. */
  private varied: Uint8Array;
  constructor(bodies: string[][]) {
    const ids = new Map<string, number>();
    const id = (w: string) => {
      let n = ids.get(w);
      if (n === undefined) {
        ids.set(w, (n = this.words.length));
        this.words.push(w);
      }
      return n;
    };
    const pairs: number[] = [];
    for (const body of bodies)
      for (const p of body) {
        const words = p.split(' ').map(id);
        this.starts.push(words[0]);
        for (const w of words) this.all.push(w);
        for (let i = 0; i + 1 < words.length; i++) pairs.push(words[i], words[i + 1]);
      }
    const n = this.words.length;
    this.offsets = new Int32Array(n + 1);
    for (let i = 0; i < pairs.length; i += 2) this.offsets[pairs[i] + 1]++;
    for (let w = 0; w < n; w++) this.offsets[w + 1] += this.offsets[w];
    this.successors = new Int32Array(pairs.length / 2);
    const fill = this.offsets.slice(0, n);
    for (let i = 0; i < pairs.length; i += 2) this.successors[fill[pairs[i]]++] = pairs[i + 1];
    this.varied = new Uint8Array(n);
    for (let w = 0; w < n; w++) if (new Set(this.successors.subarray(this.offsets[w], this.offsets[w + 1])).size >= 4) this.varied[w] = 1;
  }
  paragraph(random: () => number, words: number): string {
    const out: string[] = [];
    let w = this.starts[Math.floor(random() * this.starts.length)];
    while (out.length < words) {
      out.push(this.words[w]);
      const from = this.offsets[w];
      w = this.varied[w] ? this.successors[from + Math.floor(random() * (this.offsets[w + 1] - from))] : this.all[Math.floor(random() * this.all.length)];
    }
    return out.join(' ') + '.';
  }
}

export function countWords(paragraphs: string[]): number {
  return paragraphs.reduce((n, p) => n + p.split(' ').length, 0);
}

/** Copy-edit: change, drop or add a word here and there. */
export function edit(paragraph: string, random: () => number, rate: number, vocabulary: string[]): string {
  const out: string[] = [];
  for (const w of paragraph.split(' ')) {
    const r = random();
    if (r < rate / 3) continue;
    if (r < (2 * rate) / 3) out.push(vocabulary[Math.floor(random() * vocabulary.length)]);
    else out.push(w);
    if (r > 1 - rate / 3) out.push(vocabulary[Math.floor(random() * vocabulary.length)]);
  }
  return out.join(' ');
}

export interface Synthetic {
  documents: ReuseDocument[];
  /** For each repost, the index of the original it was made from. */
  repostOf: Map<number, number>;
}

export function makeCorpus(size: number, bodies: string[][], model: Bigrams): Synthetic {
  const random = rng(SEED);
  const vocabulary = bodies.slice(0, 200).flatMap((b) => b.join(' ').split(' '));
  const paragraphs: string[][] = [];
  const originals: number[] = [];
  const repostOf = new Map<number, number>();
  let body = 0;
  for (let i = 0; i < size; i++) {
    if (i % REPOST_EVERY === REPOST_EVERY - 1 && originals.length) {
      const src = originals[Math.floor(random() * originals.length)];
      const from = paragraphs[src];
      const kind = random();
      let doc: string[];
      if (kind < 0.3) doc = from.map((p) => edit(p, random, 0.03, vocabulary));
      else if (kind < 0.55) doc = from.slice(0, Math.max(1, Math.ceil(from.length * (0.4 + 0.4 * random())))).map((p) => edit(p, random, 0.03, vocabulary));
      else if (kind < 0.8) {
        const k = Math.floor(random() * from.length);
        doc = [model.paragraph(random, 60), from[k], model.paragraph(random, 50), from[(k + 2) % from.length], model.paragraph(random, 70)];
      } else {
        doc = from.filter(() => random() > 0.2).map((p) => edit(p, random, 0.05, vocabulary));
        doc.sort(() => (random() < 0.5 ? -1 : 1));
        if (!doc.length) doc = [from[0]];
      }
      paragraphs.push(doc);
      repostOf.set(i, src);
    } else {
      const doc = body < bodies.length ? [...bodies[body++]] : [];
      const target = 250 + Math.floor(random() * 100);
      while (countWords(doc) < target) doc.push(model.paragraph(random, 30 + Math.floor(random() * 50)));
      paragraphs.push(doc);
      originals.push(i);
    }
  }
  const documents = paragraphs.map((p, i) => ({ id: `d${i}`, file: `d${i}`, text: p.join('\n\n'), reference: false }));
  return { documents, repostOf };
}

function runOne(size: number): void {
  const bodies = reutersBodies();
  const model = new Bigrams(bodies);
  const { documents, repostOf } = makeCorpus(size, bodies, model);
  const words = documents.reduce((n, d) => n + d.text.split(/\s+/).length, 0);
  const rssBefore = process.memoryUsage().rss;
  const timings: Record<string, number> = {};
  const stats: Record<string, number> = {};
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const result = analyzeReuse(documents, { timings, stats, indexN: process.env.BENCH_N ? Number(process.env.BENCH_N) : undefined, minShared: process.env.BENCH_MS ? Number(process.env.BENCH_MS) : undefined, maxDf: process.env.BENCH_DF ? Number(process.env.BENCH_DF) : undefined });
  const total = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const peak = process.resourceUsage().maxRSS * 1024;
  let found = 0;
  const pairKeys = new Set(result.pairs.map((p) => `${p.a}|${p.b}`));
  for (const [r, s] of repostOf) if (pairKeys.has(`d${s}|d${r}`) || pairKeys.has(`d${r}|d${s}`)) found++;
  const mb = (b: number) => `${Math.round(b / 1024 / 1024)} MB`;
  const phases = Object.entries(timings)
    .map(([k, v]) => `${k} ${(v / 1000).toFixed(2)}s`)
    .join(', ');
  process.stdout.write(
    `${String(size).padStart(7)} docs  ${(words / size).toFixed(0)} words/doc  ${String(stats.candidates).padStart(6)} candidates ${String(result.pairs.length).padStart(6)} pairs  ` +
      `wall ${(total / 1000).toFixed(2)} s, cpu ${cpuSeconds.toFixed(2)} s (${phases})  peak RSS ${mb(peak)} (corpus alone ${mb(rssBefore)})  ` +
      `reposts found ${found}/${repostOf.size}\n`,
  );
}

export function main(args: string[]): void {
  const child = args.indexOf('--child');
  if (child >= 0) return runOne(Number(args[child + 1]));
  const sizes = args.length ? args.map(Number) : DEFAULT_SIZES;
  process.stdout.write(`reuse bench: self-match of N documents (Reuters-21578 bodies + generated text, 1 in ${REPOST_EVERY} a repost), ${process.version}\n`);
  const here = fileURLToPath(new URL('./run.js', import.meta.url));
  for (const size of sizes) {
    const r = spawnSync(process.execPath, ['--max-old-space-size=4096', here, 'reuse', '--child', String(size)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    process.stdout.write(r.stdout);
    if (r.status !== 0) process.stdout.write(`${size}: failed (exit ${r.status})\n`);
  }
}
