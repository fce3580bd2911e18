/**
 * `sourcetrace eval seeds [GOLD]` (the default suite): scores attributions
 * against a hand annotation in the seeds' expected.json format (articles are
 * read from the gold file's folder), as ../shared/seeds/README.md says:
 *
 * - a found attribution matches a gold one when it lies in the same sentence
 *   (its sentence, or a quote it carries across sentences, overlaps the gold
 *   sentence) and its source resolves to the same entity (canonical compared
 *   loosely: case, articles, possessives and punctuation aside; the names of one
 *   outlet in the outlets lexicon, or of one body in source-terms, are one entity);
 * - precision and recall count non-optional gold entries; an optional entry
 *   counts neither as a miss nor, when found, as a false alarm;
 * - type, identity, country and quote are accuracies over matched pairs.
 *
 * A quotation that runs on over several sentences is one attribution: the
 * analyzer reports its continuation sentences (rule quote-continuation) beside
 * the attribution they continue; they count when a gold entry is in them and
 * are not false alarms when none is.
 *
 * Only body attributions inside the gold body (first..last sentence, minus its
 * notBody lines) are scored, since the gold annotates the body; attributions the
 * scrape repeats are counted once. Prints the misses and false alarms.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { analyzeDocument } from '../analyze.js';
import { readDocument } from '../ingest/files.js';
import { loadLexicons } from '../lexicon/load.js';
import type { Attribution } from '../types.js';
import { SHARED_DIR, type EvalSuite } from './index.js';

interface GoldAttribution {
  sentence: string;
  source: string;
  canonical: string;
  type: string;
  identity: string;
  country: string | string[] | null;
  quote: string;
  via?: string;
  channel?: string;
  optional?: boolean;
}

interface GoldArticle {
  file: string;
  body?: { first?: string; last?: string; notBody?: string[] };
  attributions: GoldAttribution[];
}

/** Canonical names compared loosely: case, accents, articles, possessives and punctuation aside. */
export function looseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/'s\b/g, '')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter((w) => w && w !== 'the' && w !== 'a' && w !== 'an')
    .join(' ');
}

function sameCountry(a: string | string[] | null, b: string | string[] | null): boolean {
  const norm = (c: string | string[] | null) => (c === null ? '' : (Array.isArray(c) ? [...c] : [c]).sort().join(','));
  return norm(a) === norm(b);
}

function occurrences(text: string, needle: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  if (!needle) return out;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) out.push({ start: at, end: at + needle.length });
  return out;
}

/** Where an attribution's words lie: its sentence and any quote it carries. */
function extent(a: Attribution): { start: number; end: number } {
  let start = a.sentence.start;
  let end = a.sentence.end;
  for (const q of a.quoteSpans) {
    start = Math.min(start, q.start);
    end = Math.max(end, q.end);
  }
  return { start, end };
}

export interface SeedScore {
  tp: number;
  found: number;
  gold: number;
  fields: Record<'type' | 'identity' | 'country' | 'quote', { right: number; total: number }>;
  misses: string[];
  falseAlarms: string[];
  fieldErrors: string[];
  /** Headline attributions (not scored: the gold annotates body sentences). */
  headlines: string[];
  /** Body attributions outside the gold body (page furniture the extractor kept). */
  outside: string[];
}

export function scoreSeeds(goldPath: string): SeedScore {
  const gold = JSON.parse(readFileSync(goldPath, 'utf8')) as { articles: GoldArticle[] };
  const dir = dirname(goldPath);
  const lexicons = loadLexicons();
  const score: SeedScore = {
    tp: 0,
    found: 0,
    gold: 0,
    fields: { type: { right: 0, total: 0 }, identity: { right: 0, total: 0 }, country: { right: 0, total: 0 }, quote: { right: 0, total: 0 } },
    misses: [],
    falseAlarms: [],
    fieldErrors: [],
    headlines: [],
    outside: [],
  };
  // One outlet or institution goes by several names ("Bloomberg", "Bloomberg News"; "IAEA",
  // "International Atomic Energy Agency"): the outlets lexicon and the named bodies of source-terms say which.
  const outletOf = new Map<string, string>();
  for (const o of lexicons.entries<{ id: string; name: string; aliases?: string[]; source: string }>('outlets')) {
    for (const n of [o.name, ...(o.aliases ?? [])]) outletOf.set(looseName(n), `outlet:${o.id}`);
  }
  for (const b of lexicons.entries<{ id: string; kind: string; canonical?: string; phrases: string[]; source: string }>('source-terms')) {
    if (b.kind !== 'body') continue;
    for (const n of [b.canonical ?? '', ...b.phrases]) if (n && !outletOf.has(looseName(n))) outletOf.set(looseName(n), `body:${b.id}`);
  }
  const sameEntity = (found: string, goldName: string) => {
    const a = looseName(found);
    const b = looseName(goldName);
    return a === b || (outletOf.has(a) && outletOf.get(a) === outletOf.get(b));
  };
  for (const article of gold.articles) {
    const read = readDocument(join(dir, article.file));
    const label = article.file.slice(0, 3);
    if (!read.ok) {
      score.misses.push(`${article.file}: ${read.error.message}`);
      continue;
    }
    const analyzed = analyzeDocument(read.doc, lexicons, article.file);
    const text = analyzed.extracted.body.text;
    // The gold body: first..last sentence, minus notBody lines.
    const first = article.body?.first ? text.indexOf(article.body.first) : -1;
    const lastAt = article.body?.last ? text.lastIndexOf(article.body.last) : -1;
    const bodyStart = first >= 0 ? first : 0;
    const bodyEnd = lastAt >= 0 ? lastAt + article.body!.last!.length : text.length;
    const furniture = (article.body?.notBody ?? []).flatMap((line) => occurrences(text, line));
    const inBody = (a: Attribution) =>
      a.zone === 'body' && a.sentence.end > bodyStart && a.sentence.start < bodyEnd && !furniture.some((f) => f.start < a.sentence.end && f.end > a.sentence.start);

    for (const a of analyzed.attributions) {
      if (a.zone === 'title') score.headlines.push(`${label} ${JSON.stringify(a.source.text)} (${a.source.canonical}, ${a.source.type}) in "${a.sentence.text.slice(0, 70)}"`);
    }
    // The scrape may repeat a passage: one attribution per (sentence text, source).
    const seen = new Set<string>();
    const found: Attribution[] = [];
    for (const a of analyzed.attributions) {
      if (!inBody(a)) {
        if (a.zone === 'body') score.outside.push(`${label} ${JSON.stringify(a.source.text)} in "${a.sentence.text.slice(0, 70)}"`);
        continue;
      }
      const key = `${a.sentence.text}\u0000${looseName(a.source.canonical)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      found.push(a);
    }
    const used = new Set<Attribution>();
    const ordered = [...article.attributions.filter((g) => !g.optional), ...article.attributions.filter((g) => g.optional)];
    for (const g of ordered) {
      const places = occurrences(text, g.sentence);
      const match = found.find((a) => {
        if (used.has(a)) return false;
        const x = extent(a);
        return places.some((p) => p.start < x.end && p.end > x.start) && sameEntity(a.source.canonical, g.canonical);
      });
      if (g.optional) {
        if (match) used.add(match);
        continue;
      }
      score.gold++;
      if (!match) {
        score.misses.push(`${label} ${JSON.stringify(g.source)} (${g.canonical}) in "${g.sentence.slice(0, 70)}"${places.length ? '' : ' [sentence not in body]'}`);
        continue;
      }
      used.add(match);
      score.tp++;
      score.found++;
      const check = (field: 'type' | 'identity' | 'quote', want: string, got: string) => {
        score.fields[field].total++;
        if (want === got) score.fields[field].right++;
        else score.fieldErrors.push(`${label} ${g.canonical}: ${field} ${got}, gold ${want} ("${g.sentence.slice(0, 50)}")`);
      };
      check('type', g.type, match.source.type);
      check('identity', g.identity, match.source.identity);
      check('quote', g.quote, match.quote);
      score.fields.country.total++;
      if (sameCountry(g.country, match.source.country)) score.fields.country.right++;
      else score.fieldErrors.push(`${label} ${g.canonical}: country ${JSON.stringify(match.source.country)}, gold ${JSON.stringify(g.country)}`);
    }
    for (const a of found) {
      if (used.has(a)) continue;
      // A quote running on past its attribution's sentence is one attribution (seeds README):
      // its continuation sentences may match a gold entry, but are no extra finding when they do not.
      if (a.ruleId === 'attribution/quote-continuation' && found.some((p) => p !== a && p.ruleId !== a.ruleId && p.source.start === a.source.start && p.source.end === a.source.end)) continue;
      score.found++;
      score.falseAlarms.push(`${label} ${JSON.stringify(a.source.text)} (${a.source.canonical}, ${a.ruleId}) in "${a.sentence.text.slice(0, 70)}"`);
    }
  }
  return score;
}

function ratio(n: number, d: number): string {
  return d === 0 ? 'n/a' : (n / d).toFixed(3);
}

export const seedsSuite: EvalSuite = {
  name: 'seeds',
  description: 'attributions against a hand annotation (default: the seed articles expected.json)',
  run(args, print) {
    const goldPath = resolve(args[0] ?? join(SHARED_DIR, 'seeds', 'expected.json'));
    let score: SeedScore;
    try {
      score = scoreSeeds(goldPath);
    } catch (e) {
      process.stderr.write(`sourcetrace: eval seeds: ${goldPath}: ${(e as Error).message}\n`);
      return 2;
    }
    const p = score.found ? score.tp / score.found : 0;
    const r = score.gold ? score.tp / score.gold : 0;
    const f = p + r ? (2 * p * r) / (p + r) : 0;
    print(`attributions: ${goldPath}`);
    print(`  gold ${score.gold} (non-optional), found ${score.found} (scored), matched ${score.tp}`);
    print(`  precision ${ratio(score.tp, score.found)}  recall ${ratio(score.tp, score.gold)}  F1 ${f.toFixed(3)}`);
    const fields = (['type', 'identity', 'country', 'quote'] as const).map((k) => `${k} ${ratio(score.fields[k].right, score.fields[k].total)}`);
    print(`  over matched pairs: ${fields.join('  ')}`);
    print(`misses (${score.misses.length}):`);
    for (const m of score.misses) print(`  ${m}`);
    print(`false alarms (${score.falseAlarms.length}):`);
    for (const m of score.falseAlarms) print(`  ${m}`);
    print(`field errors (${score.fieldErrors.length}):`);
    for (const m of score.fieldErrors) print(`  ${m}`);
    print(`outside the gold body, not scored (${score.outside.length}):`);
    for (const m of score.outside) print(`  ${m}`);
    print(`headline attributions, not scored (${score.headlines.length}):`);
    for (const m of score.headlines) print(`  ${m}`);
    return 0;
  },
};
