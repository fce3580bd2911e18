/**
 * `npm run bench -- attribution [MB]`: throughput of the whole per-article
 * analysis of plain text (extraction -> annotate -> attribution and sources ->
 * findings, origin and scores), and of annotate + attribution alone, against
 * wink-nlp's bare readDoc + POS tagging on the same body texts (issue 3 asks
 * >= 70%): the seed files repeated to about MB megabytes of input (default 2),
 * and the Reuters-21578 stories.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { analyzeDocument, articleReport } from '../lib/analyze.js';
import { findAttributions } from '../lib/attribution/index.js';
import { SHARED_DIR } from '../lib/eval/index.js';
import { extractArticle } from '../lib/extract/index.js';
import { loadLexicons, type LexiconSet } from '../lib/lexicon/load.js';
import { annotate, startBareRun, tagOnly } from '../lib/nlp/index.js';
import { buildOrigin } from '../lib/reuse/origin.js';
import type { RawDocument } from '../lib/types.js';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Bodies of the Reuters-21578 SGML files (gzip), entities decoded. */
export function reutersBodies(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.sgm.gz')).sort()) {
    const sgml = gunzipSync(readFileSync(join(dir, name))).toString('latin1');
    for (const m of sgml.matchAll(/<BODY>([\s\S]*?)<\/BODY>/g)) {
      out.push(m[1].replace(/&#\d+;/g, '').replace(/&(\w+);/g, (all, e: string) => ENTITIES[e] ?? all).trim());
    }
  }
  return out;
}

/** Rounds of the interleaved measurement; each variant's median round counts. */
const ROUNDS = 5;
/**
 * Articles per timed chunk. Chunks, not single calls, are timed (a CPU-time reading costs a
 * system call), and each variant runs a run of articles in a row, as a real run does (switching
 * variant every article would charge each one for refilling the CPU's caches the others emptied).
 */
const CHUNK = 50;

/** CPU time of this process in seconds (user + system): on a shared machine, time spent descheduled is not ours. */
function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The whole per-article analysis of one document, as lib/analyze.ts runs it for
 * each article (extraction, NLP, attribution and sources, extraction findings),
 * plus the article's origin and scorecard (which the corpus stage computes once
 * reuse is known; here without reuse).
 */
function wholeAnalysis(doc: RawDocument, lexicons: LexiconSet, id: string): number {
  const a = analyzeDocument(doc, lexicons, id);
  return Object.keys(articleReport(a, buildOrigin(a.extracted, undefined, false)).scores).length;
}

type Variant = 'bare' | 'run' | 'pristine' | 'lean' | 'analysis' | 'whole';
const VARIANTS: Variant[] = ['bare', 'run', 'pristine', 'lean', 'analysis', 'whole'];

/**
 * Six variants run over the same articles, interleaved chunk by chunk in
 * rotating order, so that load from other processes and wink's word cache hit
 * all alike; each is timed in CPU time and the median of ROUNDS rounds counts:
 * - bare: wink-nlp readDoc + POS with its default pipe (`winkNLP(model)`) on the body text;
 *   its cache keeps every word it learned, so after the warm-up it meets no new word on the
 *   repeated seed pages, nor, from the second round on, on Reuters-21578 (a single real run would);
 * - run: bare as one real pass over the set: its cache back to pristine at the start of each
 *   round, then kept from text to text (each text read once, after those before it);
 * - pristine: bare read from wink's pristine state exactly, its cache emptied before every
 *   text (stricter than annotate, which keeps the inert words it learned: see lib/nlp);
 * - lean: readDoc + POS as annotate runs it: pipe sbd + pos (the least wink work giving tokens, sentences,
 *   tags), read as annotate reads: as from wink's pristine state (lib/nlp forgets what each text
 *   taught its cache, except the inert words, which read the same known or not);
 * - analysis: annotate + attribution (sources, coreference, quotes) on the body;
 * - whole: the whole per-article analysis from the raw input (`wholeAnalysis`).
 */
function measure(label: string, docs: RawDocument[], print: (s: string) => void): void {
  const lexicons = loadLexicons();
  const extracted = docs.map((d) => extractArticle(d, lexicons));
  const bodies = extracted.map((e) => e.body.text);
  const size = bodies.reduce((a, b) => a + b.length, 0) / 1e6;
  const run: Record<Variant, (i: number) => void> = {
    bare: (i) => tagOnly(bodies[i], 'default'),
    run: (i) => tagOnly(bodies[i], 'run'),
    pristine: (i) => tagOnly(bodies[i], 'pristine'),
    lean: (i) => tagOnly(bodies[i], 'lean'),
    analysis: (i) => findAttributions(extracted[i], annotate(bodies[i]), lexicons),
    whole: (i) => wholeAnalysis(docs[i], lexicons, `a${i}`),
  };
  // Warm up (model load, lexicon compilation, JIT).
  for (let i = 0; i < Math.min(30, docs.length); i++) for (const v of VARIANTS) run[v](i);
  const rounds: Record<Variant, number[]> = { bare: [], run: [], pristine: [], lean: [], analysis: [], whole: [] };
  for (let round = 0; round < ROUNDS; round++) {
    startBareRun();
    const total: Record<Variant, number> = { bare: 0, run: 0, pristine: 0, lean: 0, analysis: 0, whole: 0 };
    for (let from = 0, chunk = 0; from < docs.length; from += CHUNK, chunk++) {
      const to = Math.min(docs.length, from + CHUNK);
      for (let k = 0; k < VARIANTS.length; k++) {
        const v = VARIANTS[(k + chunk + round) % VARIANTS.length];
        const t = cpuSeconds();
        for (let i = from; i < to; i++) run[v](i);
        total[v] += cpuSeconds() - t;
      }
    }
    for (const v of VARIANTS) rounds[v].push(total[v]);
  }
  const time = Object.fromEntries(VARIANTS.map((v) => [v, median(rounds[v])])) as Record<Variant, number>;
  const pct = (s: number, of: number) => `${((of / s) * 100).toFixed(0).padStart(3)}%`;
  const line = (name: string, s: number, shares: boolean) =>
    `  ${name.padEnd(44)} ${(size / s).toFixed(2).padStart(5)} MB/s ${(docs.length / s).toFixed(0).padStart(5)} articles/s` +
    (shares ? `  ${pct(s, time.bare)} of bare  ${pct(s, time.lean)} of lean  ${pct(s, time.run)} of one-pass bare  ${pct(s, time.pristine)} of pristine bare` : '');
  const input = docs.reduce((a, d) => a + d.content.length, 0) / 1e6;
  print(`${label}: ${docs.length} articles, ${input.toFixed(2)} MB of input, ${size.toFixed(2)} MB of body text; CPU time, median of ${ROUNDS} interleaved rounds; MB/s of body text`);
  print(line('bare: wink readDoc + POS, default pipe', time.bare, false));
  print(line('lean: wink sbd + pos, pristine (as annotate)', time.lean, false));
  print(line('one-pass bare: default pipe, one pass', time.run, false));
  print(line('pristine bare: default pipe, cache reset', time.pristine, false));
  print(line('annotate + attribution', time.analysis, true));
  print(line('WHOLE per-article analysis (from raw input)', time.whole, true));
}

export function main(args: string[]): void {
  const targetMb = Number(args[0] ?? 2);
  const print = (s: string) => process.stdout.write(s + '\n');
  const seedDir = join(SHARED_DIR, 'seeds');
  const seeds = readdirSync(seedDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(seedDir, f), 'utf8'));
  const docs: RawDocument[] = [];
  let total = 0;
  for (let i = 0; total < targetMb * 1e6; i++) {
    const content = seeds[i % seeds.length];
    docs.push({ file: `seed-${i}.txt`, content, format: 'text' });
    total += content.length;
  }
  measure('seeds repeated', docs, print);
  const reuters = reutersBodies(join(SHARED_DIR, 'eval', 'reuters21578')).map((content, i): RawDocument => ({ file: `reuters-${i}`, content, format: 'text' }));
  measure('reuters-21578', reuters, print);
}
