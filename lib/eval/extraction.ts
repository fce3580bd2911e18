/**
 * `sourcetrace eval extraction`: how well the HTML path finds article bodies
 * and metadata.
 *
 * Body: the Zyte/Scrapinghub article-extraction benchmark (181 pages with
 * human-checked bodies), scored with the benchmark's own metric: whitespace
 * tokens, 4-token shingles counted with multiplicity, TP/FP/FN summed over the
 * set (micro average), precision/recall/F1. Printed for Readability alone and
 * for our extractor (Readability + page metadata + clean-up rules).
 *
 * Metadata: Mozilla's readability test pages, comparing title, byline,
 * siteName and publishedTime loosely (case, spacing and punctuation ignored;
 * containment counts; dates by day), since the expectations are Readability's
 * own regression output, not independent gold.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { extractHtmlDetailed } from '../extract/html.js';
import { loadLexicons, type LexiconSet } from '../lexicon/load.js';
import { SHARED_DIR, type EvalSuite } from './index.js';

export const SHINGLE = 4;

/** Shingle counts of a text: whitespace tokens, n-grams of SHINGLE tokens. */
export function shingles(text: string): Map<string, number> {
  const tokens = text.split(/\s+/).filter(Boolean);
  const out = new Map<string, number>();
  if (tokens.length === 0) return out;
  const n = Math.min(SHINGLE, tokens.length);
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = tokens.slice(i, i + n).join(' ');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export function shingleCounts(predicted: string, truth: string): Counts {
  const p = shingles(predicted);
  const t = shingles(truth);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [k, c] of p) {
    const tc = t.get(k) ?? 0;
    tp += Math.min(c, tc);
    fp += Math.max(0, c - tc);
  }
  for (const [k, c] of t) fn += Math.max(0, c - (p.get(k) ?? 0));
  return { tp, fp, fn };
}

export function prf(c: Counts): { precision: number; recall: number; f1: number } {
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

function add(a: Counts, b: Counts): void {
  a.tp += b.tp;
  a.fp += b.fp;
  a.fn += b.fn;
}

const fmt = (x: number) => x.toFixed(3);

function bodyBenchmark(dir: string, lexicons: LexiconSet, print: (line: string) => void, verbose: boolean): void {
  const truth = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string; url: string }>;
  const ours: Counts = { tp: 0, fp: 0, fn: 0 };
  const base: Counts = { tp: 0, fp: 0, fn: 0 };
  const keys = Object.keys(truth).sort();
  const rows: string[] = [];
  for (const key of keys) {
    const html = gunzipSync(readFileSync(join(dir, 'html', `${key}.html.gz`))).toString('utf8');
    const r = extractHtmlDetailed({ file: key, content: html, format: 'html', meta: { url: truth[key].url } }, lexicons);
    const c = shingleCounts(r.article.body.text, truth[key].articleBody);
    const b = shingleCounts(r.readabilityText, truth[key].articleBody);
    add(ours, c);
    add(base, b);
    if (verbose) {
      const s = prf(c);
      const sb = prf(b);
      rows.push(`  ${fmt(s.f1)} (P ${fmt(s.precision)} R ${fmt(s.recall)}) readability ${fmt(sb.f1)}  ${truth[key].url}`);
    }
  }
  const o = prf(ours);
  const b = prf(base);
  print(`body extraction, scrapinghub-aeb (${keys.length} pages; 4-token shingles, micro-averaged)`);
  print(`  Readability alone  precision ${fmt(b.precision)}  recall ${fmt(b.recall)}  F1 ${fmt(b.f1)}`);
  print(`  ours               precision ${fmt(o.precision)}  recall ${fmt(o.recall)}  F1 ${fmt(o.f1)}`);
  print(`  reference points: readability-lxml 0.922, newspaper3k 0.912, Diffbot 0.951`);
  if (verbose) for (const r of rows.sort()) print(r);
}

/** Lower-case, letters and digits only, single spaces. */
function loose(s: string | null | undefined): string {
  return (s ?? '').normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

function looseMatch(got: string | null, expected: string): boolean {
  const g = loose(got);
  const e = loose(expected);
  if (!g || !e) return g === e;
  return g === e || g.includes(e) || e.includes(g);
}

function sameDay(got: string | null, expected: string): boolean {
  if (!got) return false;
  const day = (s: string) => {
    const iso = /\d{4}-\d{2}-\d{2}/.exec(s);
    if (iso) return iso[0];
    const t = Date.parse(s);
    return Number.isNaN(t) ? loose(s) : new Date(t).toISOString().slice(0, 10);
  };
  return day(got) === day(expected);
}

function metadataBenchmark(dir: string, lexicons: LexiconSet, print: (line: string) => void, verbose: boolean): void {
  const fields = ['title', 'byline', 'siteName', 'publishedTime'] as const;
  const tally = Object.fromEntries(fields.map((f) => [f, { ours: 0, readability: 0, total: 0 }])) as Record<(typeof fields)[number], { ours: number; readability: number; total: number }>;
  const misses: string[] = [];
  const names = readdirSync(dir).filter((n) => existsSync(join(dir, n, 'expected-metadata.json'))).sort();
  for (const name of names) {
    const expected = JSON.parse(readFileSync(join(dir, name, 'expected-metadata.json'), 'utf8')) as Record<string, string | null>;
    const html = gunzipSync(readFileSync(join(dir, name, 'source.html.gz'))).toString('utf8');
    const r = extractHtmlDetailed({ file: name, content: html, format: 'html', meta: { url: 'http://fakehost/test/page.html' } }, lexicons);
    const ours = {
      title: r.article.title,
      byline: r.article.byline,
      siteName: r.article.publisher?.name ?? null,
      publishedTime: r.article.published,
    };
    const theirs = { title: r.readability.title, byline: r.readability.byline, siteName: r.readability.siteName, publishedTime: r.readability.publishedTime };
    for (const f of fields) {
      const e = expected[f];
      if (!e) continue;
      tally[f].total++;
      const cmp = f === 'publishedTime' ? sameDay : looseMatch;
      if (cmp(ours[f], e)) tally[f].ours++;
      else misses.push(`  ${name} ${f}: got ${JSON.stringify(ours[f])}, expected ${JSON.stringify(e)}`);
      if (cmp(theirs[f] ?? null, e)) tally[f].readability++;
    }
  }
  print(`metadata, readability-test-pages (${names.length} pages; loose match, expected values present)`);
  for (const f of fields) {
    const t = tally[f];
    print(`  ${f.padEnd(14)} ours ${t.ours}/${t.total}  Readability alone ${t.readability}/${t.total}`);
  }
  if (verbose) for (const m of misses) print(m);
}

export const extractionSuite: EvalSuite = {
  name: 'extraction',
  description: 'HTML body precision/recall/F1 (scrapinghub-aeb) and metadata agreement (readability-test-pages)',
  run(args, print) {
    const verbose = args.includes('--verbose') || args.includes('-v');
    const aeb = join(SHARED_DIR, 'eval/scrapinghub-aeb');
    const pages = join(SHARED_DIR, 'eval/readability-test-pages');
    if (!existsSync(aeb) || !existsSync(pages)) {
      print(`extraction: evaluation data not found under ${SHARED_DIR}/eval`);
      return 2;
    }
    const lexicons = loadLexicons();
    bodyBenchmark(aeb, lexicons, print, verbose);
    print('');
    metadataBenchmark(pages, lexicons, print, verbose);
    return 0;
  },
};
