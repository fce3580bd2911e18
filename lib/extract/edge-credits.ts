/**
 * Credits at the edges of an HTML story. Pages that carry wire copy put the
 * agency's credit just around the text the extractor keeps, in shapes the
 * first and last paragraph rules miss:
 *
 *   - a credit line of its own above or below the story, inside the kept body
 *     ("Reuters", "Press Association", "- AFP") or just outside it in the page
 *     ("By NAME, Associated Press Writer", "Brought to you by AAP", "- REUTERS");
 *   - the agency's dateline in the second to fourth paragraph, after a repeated
 *     headline, a section label or a photo caption;
 *   - the agency's copyright as the story's last paragraph;
 *   - an agency dateline set on a line of its own just above the story.
 *
 * Only agency credits are taken from these places; a person's byline or a
 * plain dateline further down is left to the rules that read the first lines.
 */
import type { CreditMarker } from '../types.js';
import { bylineAgency, findCopyrightAgency, findCreditLine, findDateline, findSignoff, parseByline, type Dateline } from './credits.js';
import type { Agency, ExtractCues } from './cues.js';

export interface EdgeCredit {
  text: string;
  kind: CreditMarker['kind'];
  agency: Agency;
}

/** Paragraphs after the first in which an agency dateline may still open the story. */
export const DATELINE_REACH = 3;
/** Body paragraphs read for an agency byline (a repeated headline, a label and a date may come first). */
export const LEAD_BYLINE_REACH = 5;
/** Page lines above the story's first paragraph, and below its last, read for a credit line. */
export const LINES_BEFORE = 4;
export const LINES_AFTER = 3;
/** Outside the kept body, an agency name alone must have at least 3 letters ("AFP", not "AA", a font-size button). */
export const BARE_NAME_OUTSIDE = 3;

/** Credit lines and copyright paragraphs trimmed off both ends of the body (at most two at the top, three at the bottom). */
export function trimEdgeCredits(paragraphs: string[], cues: ExtractCues): { paragraphs: string[]; credits: EdgeCredit[] } {
  const out = [...paragraphs];
  const credits: EdgeCredit[] = [];
  for (let i = 0; i < 2 && out.length > 1; i++) {
    const c = findCreditLine(out[0], cues);
    if (!c) break;
    credits.push({ text: c.credit, kind: 'byline', agency: c.agency });
    out.shift();
  }
  // Inside the body, an agency copyright notice or a credit line with a dash or lead words ("- REUTERS",
  // "Source: Press Association") is never story text, even where the kept body runs on into the page.
  for (let i = out.length - 2; i > 0; i--) {
    const credit = closingCredit(out[i], cues, Infinity);
    if (!credit) continue;
    credits.push(credit);
    out.splice(i, 1);
  }
  for (let i = 0; i < 3 && out.length > 1; i++) {
    const credit = closingCredit(out[out.length - 1], cues);
    if (!credit) break;
    credits.push(credit);
    out.pop();
  }
  return { paragraphs: out, credits };
}

/** A paragraph that is an agency's sign-off credit line or its copyright notice, as a credit; else null. */
function closingCredit(paragraph: string, cues: ExtractCues, bareName?: number): EdgeCredit | null {
  const line = findCreditLine(paragraph, cues, bareName);
  if (line) return { text: line.credit, kind: 'signoff', agency: line.agency };
  const copyright = findCopyrightAgency(paragraph, cues);
  return copyright ? { text: copyright.credit, kind: 'copyright', agency: copyright.agency } : null;
}

/** The dateline opening the story: the first paragraph's (any shape), else an agency's in the next DATELINE_REACH paragraphs. */
export function findStoryDateline(paragraphs: string[], cues: ExtractCues): { index: number; dateline: Dateline } | null {
  if (!paragraphs.length) return null;
  const first = findDateline(paragraphs[0], cues);
  if (first) return { index: 0, dateline: first };
  for (let i = 1; i <= DATELINE_REACH && i < paragraphs.length; i++) {
    const d = findDateline(paragraphs[i], cues);
    if (d?.agency) return { index: i, dateline: d };
  }
  return null;
}

/** Agency bylines among the body's first paragraphs ("By MARK LAVIE, Associated Press Writer"). */
export function leadBylineCredits(paragraphs: string[], cues: ExtractCues): EdgeCredit[] {
  const out: EdgeCredit[] = [];
  for (const p of paragraphs.slice(0, LEAD_BYLINE_REACH)) {
    const b = parseByline(p);
    const agency = b ? bylineAgency(b.names, cues) : null;
    if (b && agency) out.push({ text: b.raw, kind: 'byline', agency });
  }
  return out;
}

/** Credit lines in the page just above the story's first paragraph and just below its last. */
export function surroundingCredits(paragraphs: string[], pageLines: string[], cues: ExtractCues): EdgeCredit[] {
  if (!paragraphs.length || !pageLines.length) return [];
  const first = lineOf(pageLines, paragraphs[0], false);
  const last = lineOf(pageLines, paragraphs[paragraphs.length - 1], true);
  const out: EdgeCredit[] = [];
  if (first >= 0) {
    for (let i = Math.max(0, first - LINES_BEFORE); i < first; i++) {
      const line = pageLines[i];
      const c = findCreditLine(line, cues, BARE_NAME_OUTSIDE);
      const b = c ? null : parseByline(line);
      const agency = c?.agency ?? (b ? bylineAgency(b.names, cues) : null);
      if (agency) out.push({ text: c?.credit ?? b!.raw, kind: 'byline', agency });
      else {
        // A dateline set on its own line above the story ("SEATTLE Jan 14, 2008 (AP)").
        const d = findDateline(line, cues);
        if (d?.agency && d.creditText && d.prefix.trim() === line.trim()) out.push({ text: d.creditText, kind: 'dateline', agency: d.agency });
      }
    }
  }
  if (last >= 0) {
    for (let i = last + 1; i < Math.min(pageLines.length, last + 1 + LINES_AFTER); i++) {
      const line = pageLines[i];
      const c = findCreditLine(line, cues, BARE_NAME_OUTSIDE);
      const s = c ? null : findSignoff(line, cues);
      if (c) out.push({ text: c.credit, kind: 'signoff', agency: c.agency });
      else if (s && s.start === 0) out.push({ text: s.credit, kind: 'signoff', agency: s.agency });
    }
  }
  return out;
}

/** Index of the page line holding a body paragraph (the paragraph may be the line or open it), first or last occurrence; -1 if none. */
function lineOf(lines: string[], paragraph: string, lastOccurrence: boolean): number {
  const key = paragraph.slice(0, 60);
  if (!key.trim()) return -1;
  const exact = lastOccurrence ? lines.lastIndexOf(paragraph) : lines.indexOf(paragraph);
  if (exact >= 0) return exact;
  if (lastOccurrence) {
    for (let i = lines.length - 1; i >= 0; i--) if (lines[i].startsWith(key)) return i;
    return -1;
  }
  return lines.findIndex((l) => l.startsWith(key));
}
