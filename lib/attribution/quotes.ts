/**
 * Quotations in a text: pairs opening and closing marks (curly and straight
 * double quotes, guillemets) paragraph by paragraph. A quote left open at the
 * end of a paragraph continues when the next paragraph opens with a quote mark
 * (the newspaper convention for multi-paragraph quotes), so it stays one run.
 */
import type { Span } from '../types.js';

export interface QuoteRun {
  /** From the opening mark to after the closing mark (or the paragraph end when unclosed). */
  start: number;
  end: number;
  /** The quoted words without the marks, one span per paragraph the quote crosses. */
  spans: Span[];
}

const OPENERS = new Set(['\u201c', '\u00ab', '\u201e']);
const CLOSERS = new Set(['\u201d', '\u00bb']);
const STRAIGHT = '"';

const QUOTE_SEARCH = /["\u201c\u201d\u00ab\u00bb\u201e]/g;

export function findQuotes(text: string, paragraphs: Span[]): QuoteRun[] {
  const paras = paragraphs.length ? paragraphs : [{ start: 0, end: text.length }];
  const runs: QuoteRun[] = [];
  let current: QuoteRun | null = null;
  let innerStart = -1;

  const closeSpan = (end: number) => {
    if (current && innerStart >= 0 && end > innerStart) current.spans.push({ start: innerStart, end });
    innerStart = -1;
  };

  for (let p = 0; p < paras.length; p++) {
    const { start, end } = paras[p];
    let i = start;
    while (i < end && /\s/.test(text[i])) i++;
    if (current) {
      // An open quote continues only if this paragraph re-opens with a mark.
      if (i < end && (OPENERS.has(text[i]) || text[i] === STRAIGHT)) {
        innerStart = i + 1;
        i++;
      } else {
        runs.push(current);
        current = null;
      }
    }
    for (; i < end; i++) {
      // Jump to the next quote mark instead of testing every character.
      QUOTE_SEARCH.lastIndex = i;
      const found = QUOTE_SEARCH.exec(text);
      if (!found || found.index >= end) break;
      i = found.index;
      const ch = text[i];
      const opening = OPENERS.has(ch) || (ch === STRAIGHT && !current);
      if (opening && !current) {
        current = { start: i, end: i + 1, spans: [] };
        innerStart = i + 1;
      } else if (!opening || ch === STRAIGHT) {
        if (!current) continue; // a stray closing mark
        closeSpan(i);
        current.end = i + 1;
        if (current.spans.length) runs.push(current);
        current = null;
      }
    }
    if (current) {
      // Unclosed at the paragraph end: keep the words so far; the next paragraph decides.
      let e = end;
      while (e > innerStart && /\s/.test(text[e - 1])) e--;
      closeSpan(e);
      current.end = e;
    }
  }
  if (current && current.spans.length) runs.push(current);
  return runs;
}
