/**
 * `sourcetrace eval metadata [GOLD]`: how well extraction agrees with a hand
 * annotation in the seeds' expected.json format (articles are read from the
 * gold file's folder): title, byline, published, url, crawlDate, dateline,
 * publisher name/kind/country/evidence, origin kind/agency/derivation/
 * truncated/evidence/imageCredits, body first/last/notBody, repeated passages.
 *
 * Comparisons: text fields after Unicode, quote and whitespace normalization;
 * evidence strings match when one contains the other ("By Yonhap" in "By
 * YonhapPublished : ..."); body.first must open the body (a dateline of up to
 * DATELINE_SLACK characters may precede it) and body.last close it (a sign-off
 * of up to SIGNOFF_SLACK may follow). A field the gold does not annotate is
 * not scored, except truncated (absent means false) and dateline (scored only
 * where given). The articles are analyzed together, as the CLI does.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { analyze } from '../analyze.js';
import { readDocument } from '../ingest/files.js';
import type { ArticleReport, RawDocument } from '../types.js';
import { SHARED_DIR, type EvalSuite } from './index.js';

export const DATELINE_SLACK = 60;
export const SIGNOFF_SLACK = 30;

interface GoldArticle {
  file: string;
  crawlDate?: string | null;
  url?: string | null;
  publisher?: { name: string | null; kind: string | null; country: string | null; evidence?: string[] } | null;
  published?: string | null;
  title?: string | null;
  byline?: string | null;
  dateline?: string | null;
  origin?: { kind: string; agency: string | null; derivation: string; truncated?: boolean; evidence?: string[]; imageCredits?: string[] };
  repeatedPassages?: string[];
  body?: { first?: string; last?: string; notBody?: string[] };
}

export interface FieldResult {
  field: string;
  ok: boolean;
  expected: unknown;
  found: unknown;
}

function norm(s: string): string {
  return s.normalize('NFC').replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim();
}

function sameText(a: string | null | undefined, b: string | null | undefined): boolean {
  if (a == null || b == null) return (a ?? null) === (b ?? null);
  return norm(a) === norm(b);
}

function looselyIn(needle: string, hay: string[]): boolean {
  const n = norm(needle);
  return hay.some((h) => {
    const x = norm(h);
    return x.includes(n) || n.includes(x);
  });
}

/** Compare one article's report with its gold entry. */
export function compareArticle(gold: GoldArticle, a: ArticleReport): FieldResult[] {
  const out: FieldResult[] = [];
  const add = (field: string, ok: boolean, expected: unknown, found: unknown) => out.push({ field, ok, expected, found });
  const scalar = (field: string, expected: string | null | undefined, found: string | null) => {
    if (expected === undefined) return;
    add(field, sameText(expected, found), expected, found);
  };
  scalar('title', gold.title, a.title);
  scalar('byline', gold.byline, a.byline);
  scalar('published', gold.published, a.published);
  scalar('url', gold.url, a.url);
  scalar('crawlDate', gold.crawlDate, a.crawlDate);
  scalar('dateline', gold.dateline, a.dateline);
  if (gold.publisher !== undefined) {
    const p = gold.publisher;
    const f = a.publisher;
    scalar('publisher.name', p?.name ?? null, f?.name ?? null);
    scalar('publisher.kind', p?.kind ?? null, f?.kind ?? null);
    scalar('publisher.country', p?.country ?? null, f?.country ?? null);
    const ev = p?.evidence ?? [];
    const found = f?.evidence ?? [];
    add('publisher.evidence', ev.every((e) => looselyIn(e, found)) && found.every((e) => looselyIn(e, ev)), ev, found);
  }
  if (gold.origin) {
    const o = gold.origin;
    scalar('origin.kind', o.kind, a.origin.kind);
    scalar('origin.agency', o.agency, a.origin.agency);
    scalar('origin.derivation', o.derivation, a.origin.derivation);
    add('origin.truncated', (o.truncated ?? false) === a.origin.truncated, o.truncated ?? false, a.origin.truncated);
    if (o.evidence) {
      const found = a.origin.evidence;
      add('origin.evidence', o.evidence.every((e) => looselyIn(e, found)) && found.every((e) => looselyIn(e, o.evidence!)), o.evidence, found);
    }
    if (o.imageCredits) {
      const found = a.origin.imageCredits;
      add('origin.imageCredits', o.imageCredits.every((e) => looselyIn(e, found)) && found.every((e) => looselyIn(e, o.imageCredits!)), o.imageCredits, found);
    }
  }
  const body = norm(a.body.text);
  if (gold.body?.first) {
    const at = body.indexOf(norm(gold.body.first));
    add('body.first', at >= 0 && at <= DATELINE_SLACK && !/[.!?]["'”’]?\s/.test(body.slice(0, at)), gold.body.first, body.slice(0, 100));
  }
  if (gold.body?.last) {
    const last = norm(gold.body.last);
    const at = body.lastIndexOf(last);
    add('body.last', at >= 0 && body.length - (at + last.length) <= SIGNOFF_SLACK, gold.body.last, body.slice(-100));
  }
  if (gold.body?.notBody) {
    const leaked = gold.body.notBody.filter((s) => body.includes(norm(s)));
    add('body.notBody', leaked.length === 0, [], leaked);
  }
  if (gold.repeatedPassages) {
    const found = a.body.repeated.map((r) => r.text);
    const missed = gold.repeatedPassages.filter((p) => !looselyIn(p, found));
    // Each gold passage must be reported, and each kept once in the body.
    const twice = gold.repeatedPassages.filter((p) => body.split(norm(p)).length > 2);
    add('body.repeated', missed.length === 0 && twice.length === 0, gold.repeatedPassages, { reported: found.length, missed, keptTwice: twice });
  }
  return out;
}

export const metadataSuite: EvalSuite = {
  name: 'metadata',
  description: 'extraction metadata, origin markers and body bounds against a gold file in expected.json format (default ../shared/seeds/expected.json)',
  run(args, print) {
    const goldPath = resolve(args[0] ?? join(SHARED_DIR, 'seeds', 'expected.json'));
    let gold: { articles: GoldArticle[] };
    try {
      gold = JSON.parse(readFileSync(goldPath, 'utf8')) as { articles: GoldArticle[] };
    } catch (e) {
      print(`metadata: cannot read ${goldPath}: ${(e as Error).message}`);
      return 2;
    }
    const dir = dirname(goldPath);
    const docs: RawDocument[] = [];
    for (const g of gold.articles) {
      const read = readDocument(join(dir, g.file));
      if (read.ok) docs.push({ ...read.doc, file: g.file });
      else print(`metadata: ${g.file}: ${read.error.message}`);
    }
    const report = analyze(docs, {});
    const byFile = new Map(report.articles.map((a) => [a.file, a] as const));
    const totals = new Map<string, { ok: number; n: number }>();
    const mismatches: string[] = [];
    let allOk = 0;
    let allN = 0;
    print(`metadata: ${gold.articles.length} articles, gold ${goldPath}`);
    print('');
    for (const g of gold.articles) {
      const a = byFile.get(g.file);
      if (!a) {
        print(`${g.file}  not analyzed`);
        continue;
      }
      const results = compareArticle(g, a);
      const ok = results.filter((r) => r.ok).length;
      allOk += ok;
      allN += results.length;
      print(`${g.file.padEnd(28)} ${String(ok).padStart(2)}/${results.length} fields agree`);
      for (const r of results) {
        const t = totals.get(r.field) ?? { ok: 0, n: 0 };
        t.n++;
        if (r.ok) t.ok++;
        totals.set(r.field, t);
        if (!r.ok) mismatches.push(`  ${g.file} ${r.field}: expected ${JSON.stringify(r.expected)}, found ${JSON.stringify(r.found)}`);
      }
    }
    print('');
    print('field                 agree');
    for (const [field, t] of totals) print(`${field.padEnd(21)} ${t.ok}/${t.n}`);
    print(`${'all fields'.padEnd(21)} ${allOk}/${allN} (${allN ? ((100 * allOk) / allN).toFixed(1) : '0.0'}%)`);
    print('');
    print(mismatches.length ? `mismatches (${mismatches.length}):` : 'mismatches: none');
    for (const m of mismatches) print(m);
    return 0;
  },
};
