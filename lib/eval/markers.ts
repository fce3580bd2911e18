/**
 * `sourcetrace eval markers [GOLD] [SHARED]`: the text markers of provenance
 * (layer 1: bylines, datelines, sign-offs, copyright and credit lines) on real
 * pages nobody on the team wrote.
 *
 * Reads three shared sets: l3s-gn1 (621 Google News pages of 2008, a WARC),
 * Mozilla's readability-test-pages and newspaper3k's test HTML. Each page goes
 * through extraction and `originFromMarkers` alone (no text matching between
 * pages: that is layer 2). Prints, per set, what the markers say (agency
 * credited as carried copy, agency's own page, repost, nothing), then scores
 * the agency credit against our hand judgments (test/fixtures/markers-gold/
 * gold.json: page -> expected agency or none, and the derivation the markers
 * imply): precision and recall of agency credits (a wrong agency counts as a
 * false credit and a missed one), derivation agreement, and each disagreement.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractDocument } from '../analyze.js';
import { originFromMarkers, type MarkerOrigin } from '../extract/origin-markers.js';
import { readOne } from '../ingest/sources.js';
import { loadLexicons } from '../lexicon/load.js';
import type { RawDocument } from '../types.js';
import { SHARED_DIR, type EvalSuite } from './index.js';

export const DEFAULT_MARKERS_GOLD = resolve(dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/markers-gold/gold.json');

export interface MarkerLabel {
  set: string;
  page: string;
  agency: string | null;
  derivation: string | null;
  before?: string;
  /** 'audit' (chosen and judged before the fixes) or 'post-fix' (pages the fixes changed, judged after). */
  sample?: string;
  note?: string;
}

interface PageResult {
  set: string;
  page: string;
  origin: MarkerOrigin | null;
  publisher?: string | null;
  error?: string;
}

/** A publisher name that is footer or toolbar text, not a site's name ("Copyright", "RSS Feed", "2008", "... All Rights Reserved"). */
export function furniturePublisher(name: string): boolean {
  return /^\d{4}$/.test(name.trim()) || /\b(?:copyright|all rights reserved|rss|advertise|terms|privacy)\b/i.test(name);
}

/** Where each set's pages are and how a page is named in the gold (URL for the WARC, folder or file name otherwise). */
function setFiles(shared: string): { set: string; file: string; page: string | null }[] {
  const out: { set: string; file: string; page: string | null }[] = [];
  const warc = join(shared, 'eval/l3s-gn1/L3S-GN1-20100130203947-00001.warc.gz');
  if (existsSync(warc)) out.push({ set: 'l3s-gn1', file: warc, page: null });
  const rtp = join(shared, 'eval/readability-test-pages');
  if (existsSync(rtp))
    for (const d of readdirSync(rtp).sort()) if (existsSync(join(rtp, d, 'source.html.gz'))) out.push({ set: 'readability-test-pages', file: join(rtp, d, 'source.html.gz'), page: d });
  const n3k = join(shared, 'eval/newspaper3k-tests/html');
  if (existsSync(n3k))
    for (const f of readdirSync(n3k).sort()) if (f.endsWith('.html.gz')) out.push({ set: 'newspaper3k-tests', file: join(n3k, f), page: f.slice(0, -'.html.gz'.length) });
  return out;
}

export async function markerPages(shared: string): Promise<PageResult[]> {
  const lexicons = loadLexicons();
  const results: PageResult[] = [];
  for (const { set, file, page } of setFiles(shared)) {
    for await (const item of readOne(file)) {
      if (item.kind !== 'doc') {
        results.push({ set, page: page ?? item.error.file, origin: null, error: item.error.message });
        continue;
      }
      const doc: RawDocument = item.doc;
      const name = page ?? doc.meta?.url ?? doc.file;
      try {
        const article = extractDocument(doc, lexicons);
        results.push({ set, page: name, origin: originFromMarkers(article), publisher: article.publisher?.name ?? null });
      } catch (e) {
        results.push({ set, page: name, origin: null, error: e instanceof Error ? e.message : String(e) });
      }
    }
  }
  return results;
}

export interface AgencyScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  derivationAgree: number;
  judged: number;
  missing: number;
  disagreements: { label: MarkerLabel; agency: string | null; derivation: string | null }[];
}

/** Agency credits against the hand labels: a page's predicted agency is right only when it is the labelled one. */
export function scoreAgencies(labels: MarkerLabel[], results: PageResult[]): AgencyScore {
  const byKey = new Map(results.map((r) => [`${r.set}\t${r.page}`, r]));
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let derivationAgree = 0;
  let judged = 0;
  let missing = 0;
  const disagreements: AgencyScore['disagreements'] = [];
  for (const label of labels) {
    const r = byKey.get(`${label.set}\t${label.page}`);
    if (!r || !r.origin) {
      missing++;
      continue;
    }
    judged++;
    const agency = r.origin.agency;
    const derivation = r.origin.derivation;
    if (agency !== null && agency === label.agency) tp++;
    else {
      if (agency !== null) fp++;
      if (label.agency !== null) fn++;
    }
    if (derivation === label.derivation) derivationAgree++;
    if (agency !== label.agency || derivation !== label.derivation) disagreements.push({ label, agency, derivation });
  }
  const ratio = (a: number, b: number) => (b ? a / b : 1);
  return { tp, fp, fn, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn), derivationAgree, judged, missing, disagreements };
}

function tabulate(results: PageResult[], print: (line: string) => void): void {
  const sets = [...new Set(results.map((r) => r.set))];
  print('set                     pages  carried  own-agency  repost  none  errors  furniture-publisher  (carried: agencies)');
  for (const set of sets) {
    const rs = results.filter((r) => r.set === set);
    const ok = rs.filter((r) => r.origin);
    const carried = ok.filter((r) => r.origin!.kind === 'wire');
    const own = ok.filter((r) => r.origin!.kind === 'original' && r.origin!.agency);
    const repost = ok.filter((r) => r.origin!.kind === 'repost');
    const agencies = new Map<string, number>();
    for (const r of carried) agencies.set(r.origin!.agency ?? '(none)', (agencies.get(r.origin!.agency ?? '(none)') ?? 0) + 1);
    const list = [...agencies].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([a, n]) => `${a} ${n}`).join(', ');
    const none = ok.length - carried.length - own.length - repost.length;
    const junk = ok.filter((r) => r.publisher && furniturePublisher(r.publisher)).length;
    print(
      `${set.padEnd(22)} ${String(rs.length).padStart(6)} ${String(carried.length).padStart(8)} ${String(own.length).padStart(11)} ${String(repost.length).padStart(7)} ${String(none).padStart(5)} ${String(rs.length - ok.length).padStart(7)} ${String(junk).padStart(20)}  ${list}`,
    );
  }
}

export const markersSuite: EvalSuite = {
  name: 'markers',
  description: 'origin markers (agency credits) on l3s-gn1, readability and newspaper3k pages vs our hand judgments: precision/recall',
  async run(args, print) {
    const goldPath = args[0] ?? DEFAULT_MARKERS_GOLD;
    const shared = args[1] ?? SHARED_DIR;
    const labels = (JSON.parse(readFileSync(goldPath, 'utf8')) as { labels: MarkerLabel[] }).labels;
    const results = await markerPages(shared);
    if (results.length === 0) {
      print(`no pages found under ${shared}/eval`);
      return 1;
    }
    tabulate(results, print);
    const samples = [...new Set(labels.map((l) => l.sample ?? 'audit'))];
    for (const sample of samples.length > 1 ? [...samples, 'all'] : samples) {
      const chosen = sample === 'all' ? labels : labels.filter((l) => (l.sample ?? 'audit') === sample);
      const s = scoreAgencies(chosen, results);
      const before = new Map<string, number>();
      for (const l of chosen) before.set(l.before ?? '?', (before.get(l.before ?? '?') ?? 0) + 1);
      print('');
      print(`${sample}: ${chosen.length} hand-judged pages (before the fixes: ${[...before].map(([k, n]) => `${k} ${n}`).join(', ')}), ${s.missing} not found`);
      print(`  agency credits: TP ${s.tp}, FP ${s.fp}, FN ${s.fn}; precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)}`);
      print(`  derivation from markers agrees on ${s.derivationAgree}/${s.judged}`);
    }
    const s = scoreAgencies(labels, results);
    print('');
    print(`disagreements (${s.disagreements.length}):`);
    for (const d of s.disagreements)
      print(`  ${d.label.set} ${d.label.page.slice(0, 90)}: expected ${d.label.agency ?? 'none'}/${d.label.derivation ?? '-'}, got ${d.agency ?? 'none'}/${d.derivation ?? '-'}`);
    return 0;
  },
};
