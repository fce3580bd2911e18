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

function mb(texts: string[]): number {
  return texts.reduce((n, t) => n + t.length, 0) / 1e6;
}

function time(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

function measure(label: string, docs: RawDocument[], print: (s: string) => void): void {
  const lexicons = loadLexicons();
  const extracted = docs.map((d) => extractArticle(d, lexicons));
  const bodies = extracted.map((e) => e.body.text);
  const size = mb(bodies);
  // Warm up (model load, lexicon compilation, JIT).
  for (const b of bodies.slice(0, 20)) findAttributions(extracted[0], annotate(b), lexicons);
  const bare = time(() => {
    for (const b of bodies) tagOnly(b);
  });
  const analysis = time(() => {
    extracted.forEach((e) => findAttributions(e, annotate(e.body.text), lexicons));
  });
  const whole = time(() => {
    for (const d of docs) {
      const e = extractArticle(d, lexicons);
      findAttributions(e, annotate(e.body.text), lexicons);
    }
  });
  const rate = (s: number) => `${(size / s).toFixed(2)} MB/s`;
  print(`${label}: ${docs.length} articles, ${size.toFixed(2)} MB of body text`);
  print(`  wink readDoc + POS (bare)          ${rate(bare)}`);
  print(`  annotate + attribution             ${rate(analysis)}  (${((bare / analysis) * 100).toFixed(0)}% of bare)`);
  print(`  extract + annotate + attribution   ${rate(whole)}  (${((bare / whole) * 100).toFixed(0)}% of bare)`);
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
