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

/** Rounds of the interleaved measurement; the fastest round of each variant counts. */
const ROUNDS = 3;

/**
 * Bare tagging and the analysis (annotate + attribution) run article by article,
 * interleaved and in alternating order, so that load from other processes and
 * wink's word cache hit both alike; the best of ROUNDS rounds counts. Extraction
 * is timed in its own pass (its garbage would otherwise be collected on the
 * analysis' clock) and added for the whole per-article figure.
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
  const best = { bare: Infinity, analysis: Infinity, extract: Infinity };
  for (let round = 0; round < ROUNDS; round++) {
    const t0 = process.hrtime.bigint();
    extracted = docs.map((d) => extractArticle(d, lexicons));
    best.extract = Math.min(best.extract, Number(process.hrtime.bigint() - t0) / 1e9);
    let bare = 0n;
    let analysis = 0n;
    extracted.forEach((e, i) => {
      const bareFirst = (i + round) % 2 === 0;
      if (bareFirst) {
        const t = process.hrtime.bigint();
        tagOnly(bodies[i]);
        bare += process.hrtime.bigint() - t;
      }
      const t1 = process.hrtime.bigint();
      findAttributions(e, annotate(e.body.text), lexicons);
      analysis += process.hrtime.bigint() - t1;
      if (!bareFirst) {
        const t = process.hrtime.bigint();
        tagOnly(bodies[i]);
        bare += process.hrtime.bigint() - t;
      }
    });
    best.bare = Math.min(best.bare, Number(bare) / 1e9);
    best.analysis = Math.min(best.analysis, Number(analysis) / 1e9);
  }
  const whole = best.analysis + best.extract;
  const rate = (s: number) => `${(size / s).toFixed(2)} MB/s`;
  print(`${label}: ${docs.length} articles, ${size.toFixed(2)} MB of body text (best of ${ROUNDS} interleaved rounds)`);
  print(`  wink readDoc + POS (bare)          ${rate(best.bare)}`);
  print(`  annotate + attribution             ${rate(best.analysis)}  (${((best.bare / best.analysis) * 100).toFixed(0)}% of bare)`);
  print(`  extract + annotate + attribution   ${rate(whole)}  (${((best.bare / whole) * 100).toFixed(0)}% of bare)`);
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
