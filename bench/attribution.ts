/**
 * `npm run bench -- attribution [MB]`: throughput of the per-article analysis
 * (NLP annotation + attribution, and with text extraction in front) against
 * wink-nlp's bare readDoc + POS tagging on the same texts: the seed bodies
 * repeated to about MB megabytes (default 2), and the Reuters-21578 bodies.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { findAttributions } from '../lib/attribution/index.js';
import { SHARED_DIR } from '../lib/eval/index.js';
import { extractArticle } from '../lib/extract/index.js';
import { loadLexicons } from '../lib/lexicon/load.js';
import { annotate, tagOnly } from '../lib/nlp/index.js';
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
 * Bare tagging and the analysis (annotate + attribution) run article by article,
 * interleaved and in alternating order, so that load from other processes and
 * wink's word cache hit both alike; each is timed in CPU time and the median of
 * ROUNDS rounds counts. Extraction is timed in its own pass per round (its garbage
 * would otherwise be collected on the analysis' clock) and added for the whole
 * per-article figure.
 */
function measure(label: string, docs: RawDocument[], print: (s: string) => void): void {
  const lexicons = loadLexicons();
  let extracted = docs.map((d) => extractArticle(d, lexicons));
  const bodies = extracted.map((e) => e.body.text);
  const size = bodies.reduce((a, b) => a + b.length, 0) / 1e6;
  // Warm up (model load, lexicon compilation, JIT).
  for (const e of extracted.slice(0, 30)) {
    tagOnly(e.body.text);
    findAttributions(e, annotate(e.body.text), lexicons);
  }
  const rounds = { bare: [] as number[], analysis: [] as number[], extract: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    const t0 = cpuSeconds();
    extracted = docs.map((d) => extractArticle(d, lexicons));
    rounds.extract.push(cpuSeconds() - t0);
    let bare = 0;
    let analysis = 0;
    extracted.forEach((e, i) => {
      const bareFirst = (i + round) % 2 === 0;
      if (bareFirst) {
        const t = cpuSeconds();
        tagOnly(bodies[i]);
        bare += cpuSeconds() - t;
      }
      const t1 = cpuSeconds();
      findAttributions(e, annotate(e.body.text), lexicons);
      analysis += cpuSeconds() - t1;
      if (!bareFirst) {
        const t = cpuSeconds();
        tagOnly(bodies[i]);
        bare += cpuSeconds() - t;
      }
    });
    rounds.bare.push(bare);
    rounds.analysis.push(analysis);
  }
  const bare = median(rounds.bare);
  const analysis = median(rounds.analysis);
  const whole = analysis + median(rounds.extract);
  const line = (name: string, s: number, share: boolean) =>
    `  ${name.padEnd(34)} ${(size / s).toFixed(2).padStart(5)} MB/s ${(docs.length / s).toFixed(0).padStart(5)} articles/s` +
    (share ? `  ${((bare / s) * 100).toFixed(0)}% of bare` : '');
  const input = docs.reduce((a, d) => a + d.content.length, 0) / 1e6;
  print(`${label}: ${docs.length} articles, ${input.toFixed(2)} MB of input, ${size.toFixed(2)} MB of body text; CPU time, median of ${ROUNDS} interleaved rounds`);
  print(line('wink readDoc + POS (bare)', bare, false));
  print(line('annotate + attribution', analysis, true));
  print(line('extract + annotate + attribution', whole, true));
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
