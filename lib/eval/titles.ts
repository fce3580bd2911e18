/**
 * `sourcetrace eval titles [WARC]`: how often the HTML path's article title is
 * the page's headline, on the L3S-GN1 pages (621 real news pages of 408 sites;
 * the headline is the span human annotators marked as such).
 *
 * A page's <title> usually carries the site's name and section ("Carle sparks
 * A-League interest - National - Sport"); a title with that furniture shows up
 * in every report table and invites the headline rules to read "Sport" as a
 * source. Titles are compared after folding case and dropping everything but
 * letters and digits (the annotated copies show some non-ASCII characters as
 * "?"). Printed for Readability's title alone and for ours, with counts of
 * titles that still carry extra words around the headline and of titles that
 * lost some of it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { extractHtmlDetailed } from '../extract/html.js';
import { fold } from '../extract/title.js';
import { readInputs } from '../ingest/sources.js';
import { loadLexicons } from '../lexicon/load.js';
import type { RawDocument } from '../types.js';
import { prf, shingleCounts, type Counts } from './extraction.js';
import { SHARED_DIR, type EvalSuite } from './index.js';


type Verdict = 'same' | 'extra' | 'cut' | 'other' | 'none';

function judge(title: string | null, headline: string): Verdict {
  if (!title) return 'none';
  const t = fold(title);
  const h = fold(headline);
  if (t === h) return 'same';
  if (t.includes(h)) return 'extra';
  if (h.includes(t)) return 'cut';
  return 'other';
}

/**
 * The L3S-GN1 pages (from the WARC given first in `args`, else the shared one) that
 * have the ground-truth `field`, with its value; null, after a line, when the data is missing.
 */
function l3sPages(args: string[], field: 'headline' | 'fulltext', print: (line: string) => void): AsyncGenerator<{ doc: RawDocument; truth: string }> | null {
  const dir = join(SHARED_DIR, 'eval/l3s-gn1');
  const warc = args.find((a) => a !== 'list') ?? join(dir, 'L3S-GN1-20100130203947-00001.warc.gz');
  const truthFile = join(dir, 'groundtruth.jsonl.gz');
  if (!existsSync(warc) || !existsSync(truthFile)) {
    print(`l3s-gn1: ${existsSync(warc) ? truthFile : warc}: not found`);
    return null;
  }
  const byUrl = new Map<string, string>();
  for (const line of gunzipSync(readFileSync(truthFile)).toString('utf8').split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { url: string; headline?: string | null; fulltext?: string | null };
    const value = row[field];
    if (value && value.trim()) byUrl.set(row.url, field === 'headline' ? value.trim() : value);
  }
  return (async function* () {
    for await (const item of readInputs([warc])) {
      if (item.kind !== 'doc' || item.doc.format !== 'html') continue;
      const truth = item.doc.meta?.url ? byUrl.get(item.doc.meta.url) : undefined;
      if (truth) yield { doc: item.doc, truth };
    }
  })();
}

export const titlesSuite: EvalSuite = {
  name: 'titles',
  description: 'HTML titles against the annotated headlines of the L3S-GN1 pages (site names and sections left in, words lost)',
  async run(args, print) {
    const ours: Record<Verdict, number> = { same: 0, extra: 0, cut: 0, other: 0, none: 0 };
    const theirs: Record<Verdict, number> = { same: 0, extra: 0, cut: 0, other: 0, none: 0 };
    const wrong: string[] = [];
    let pages = 0;
    const lexicons = loadLexicons();
    const found = l3sPages(args, 'headline', print);
    if (!found) return 2;
    for await (const { doc, truth: headline } of found) {
      pages++;
      let r;
      try {
        r = extractHtmlDetailed(doc, lexicons);
      } catch {
        ours.none++;
        theirs.none++;
        continue;
      }
      const verdict = judge(r.article.title, headline);
      ours[verdict]++;
      theirs[judge(r.readability.title, headline)]++;
      if (verdict !== 'same' && args.includes('list')) wrong.push(`  ${verdict.padEnd(5)} ${JSON.stringify(r.article.title)}  (headline ${JSON.stringify(headline)})`);
    }
    const line = (name: string, v: Record<Verdict, number>) =>
      `  ${name.padEnd(18)} headline ${v.same}/${pages} (${(v.same / Math.max(1, pages)).toFixed(3)})  extra words ${v.extra}  words lost ${v.cut}  other ${v.other}  none ${v.none}`;
    print(`titles, l3s-gn1 (${pages} pages with an annotated headline; case, spacing and punctuation folded)`);
    print(line('Readability alone', theirs));
    print(line('ours', ours));
    if (wrong.length) {
      print('not the headline (ours):');
      for (const w of wrong) print(w);
    }
    return 0;
  },
};

/**
 * `sourcetrace eval l3s-body [WARC]`: body extraction on the L3S-GN1 pages, with
 * the article-extraction benchmark's metric (whitespace tokens, 4-token
 * shingles, micro-averaged), against the full text the annotators marked
 * (headline, supplemental text such as captions, related links and user
 * comments are not body). 2008 templates: tables, inline comment threads, blog
 * signatures. Readability's own text on the same DOM is the baseline.
 */
export const l3sBodySuite: EvalSuite = {
  name: 'l3s-body',
  description: 'HTML body precision/recall/F1 on the L3S-GN1 pages (annotated full text; 4-token shingles, micro-averaged)',
  async run(args, print) {
    const lexicons = loadLexicons();
    const ours: Counts = { tp: 0, fp: 0, fn: 0 };
    const base: Counts = { tp: 0, fp: 0, fn: 0 };
    const rows: { f1: number; line: string }[] = [];
    let pages = 0;
    const found = l3sPages(args, 'fulltext', print);
    if (!found) return 2;
    for await (const { doc, truth } of found) {
      pages++;
      let text = '';
      let baseline = '';
      try {
        const r = extractHtmlDetailed(doc, lexicons);
        text = r.article.body.text;
        baseline = r.readabilityText;
      } catch {
        // an error entry in a real run: nothing extracted
      }
      const c = shingleCounts(text, truth);
      const b = shingleCounts(baseline, truth);
      for (const k of ['tp', 'fp', 'fn'] as const) {
        ours[k] += c[k];
        base[k] += b[k];
      }
      if (args.includes('list')) {
        const s = prf(c);
        rows.push({ f1: s.f1, line: `  ${s.f1.toFixed(3)} (P ${s.precision.toFixed(3)} R ${s.recall.toFixed(3)}) readability ${prf(b).f1.toFixed(3)}  ${doc.file}  ${doc.meta?.url ?? ''}` });
      }
    }
    const o = prf(ours);
    const b = prf(base);
    print(`body extraction, l3s-gn1 (${pages} pages with annotated full text; 4-token shingles, micro-averaged)`);
    print(`  Readability alone  precision ${b.precision.toFixed(3)}  recall ${b.recall.toFixed(3)}  F1 ${b.f1.toFixed(3)}`);
    print(`  ours               precision ${o.precision.toFixed(3)}  recall ${o.recall.toFixed(3)}  F1 ${o.f1.toFixed(3)}`);
    for (const r of rows.sort((x, y) => x.f1 - y.f1 || (x.line < y.line ? -1 : 1))) print(r.line);
    return 0;
  },
};
