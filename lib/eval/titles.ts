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
import { readInputs } from '../ingest/sources.js';
import { loadLexicons } from '../lexicon/load.js';
import { SHARED_DIR, type EvalSuite } from './index.js';

/** Letters and digits only, lower case: what two spellings of one headline share. */
export function foldTitle(title: string): string {
  return title.normalize('NFKD').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

type Verdict = 'same' | 'extra' | 'cut' | 'other' | 'none';

function judge(title: string | null, headline: string): Verdict {
  if (!title) return 'none';
  const t = foldTitle(title);
  const h = foldTitle(headline);
  if (t === h) return 'same';
  if (t.includes(h)) return 'extra';
  if (h.includes(t)) return 'cut';
  return 'other';
}

export const titlesSuite: EvalSuite = {
  name: 'titles',
  description: 'HTML titles against the annotated headlines of the L3S-GN1 pages (site names and sections left in, words lost)',
  async run(args, print) {
    const dir = join(SHARED_DIR, 'eval/l3s-gn1');
    const warc = args[0] ?? join(dir, 'L3S-GN1-20100130203947-00001.warc.gz');
    const truthFile = join(dir, 'groundtruth.jsonl.gz');
    if (!existsSync(warc) || !existsSync(truthFile)) {
      print(`titles: ${existsSync(warc) ? truthFile : warc}: not found`);
      return 2;
    }
    const headlines = new Map<string, string>();
    for (const line of gunzipSync(readFileSync(truthFile)).toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      const row = JSON.parse(line) as { url: string; headline?: string | null };
      if (row.headline && row.headline.trim()) headlines.set(row.url, row.headline.trim());
    }
    const lexicons = loadLexicons();
    const ours: Record<Verdict, number> = { same: 0, extra: 0, cut: 0, other: 0, none: 0 };
    const theirs: Record<Verdict, number> = { same: 0, extra: 0, cut: 0, other: 0, none: 0 };
    const wrong: string[] = [];
    let pages = 0;
    for await (const item of readInputs([warc])) {
      if (item.kind !== 'doc' || item.doc.format !== 'html') continue;
      const headline = item.doc.meta?.url ? headlines.get(item.doc.meta.url) : undefined;
      if (!headline) continue;
      pages++;
      let r;
      try {
        r = extractHtmlDetailed(item.doc, lexicons);
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
