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

interface MarkRules {
  search: RegExp;
  /** Is the mark at i an opening mark, given whether a quote is open? */
  opens(text: string, i: number, open: boolean): boolean;
  /** Is the mark at i a closing mark of an open quote? */
  closes(text: string, i: number): boolean;
}

const DOUBLE: MarkRules = {
  search: /["\u201c\u201d\u00ab\u00bb\u201e]/g,
  opens: (text, i, open) => text[i] === '\u201c' || text[i] === '\u00ab' || text[i] === '\u201e' || (text[i] === '"' && !open),
  closes: (text, i) => text[i] === '\u201d' || text[i] === '\u00bb' || text[i] === '"',
};

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
}

/**
 * Single quotes (British style, 'like this'): a mark opens after a space or
 * bracket and before a word, and closes after a non-space and before a space or
 * punctuation; an apostrophe inside a word (don't, Findus's) is neither.
 */
const SINGLE: MarkRules = {
  search: /['\u2018\u2019]/g,
  opens: (text, i, open) => !open && (text[i] === "'" || text[i] === '\u2018') && (i === 0 || /[\s(\[\u2014\u2013-]/.test(text[i - 1])) && isWordChar(text[i + 1]),
  closes: (text, i) =>
    (text[i] === "'" || text[i] === '\u2019') && i > 0 && !/\s/.test(text[i - 1]) && (i + 1 >= text.length || /[\s.,;:!?)\u2014\u2013-]/.test(text[i + 1])),
};

function scan(text: string, paras: Span[], rules: MarkRules): QuoteRun[] {
  const runs: QuoteRun[] = [];
  let current: QuoteRun | null = null;
  let innerStart = -1;

  // The last search for a mark: from `searchedFrom`, found at `found` (-1: none to the text's end). A search
  // from any position between the two finds the same mark, so paragraphs without marks do not search again.
  let searchedFrom = -1;
  let found = -1;
  const nextMark = (i: number): number => {
    if (searchedFrom < 0 || i < searchedFrom || (found >= 0 && i > found)) {
      rules.search.lastIndex = i;
      const m = rules.search.exec(text);
      searchedFrom = i;
      found = m ? m.index : -1;
    }
    return found;
  };

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
      if (i < end && rules.opens(text, i, false)) {
        innerStart = i + 1;
        i++;
      } else {
        runs.push(current);
        current = null;
      }
    }
    for (; i < end; i++) {
      // Jump to the next quote mark instead of testing every character.
      const at = nextMark(i);
      if (at < 0 || at >= end) break;
      i = at;
      if (!current) {
        if (rules.opens(text, i, false)) {
          current = { start: i, end: i + 1, spans: [] };
          innerStart = i + 1;
        }
      } else if (rules.closes(text, i)) {
        closeSpan(i);
        current.end = i + 1;
        if (current.spans.length) runs.push(current);
        current = null;
      } else if (rules.opens(text, i, true)) {
        // A second opening mark: the first was never closed; start again here.
        current = { start: i, end: i + 1, spans: [] };
        innerStart = i + 1;
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

export function findQuotes(text: string, paragraphs: Span[]): QuoteRun[] {
  const paras = paragraphs.length ? paragraphs : [{ start: 0, end: text.length }];
  const double = scan(text, paras, DOUBLE);
  // Single quotes count only outside double ones (inside, they are quotes within a quote).
  const single = text.includes("'") || text.includes('\u2018') ? scan(text, paras, SINGLE).filter((r) => !double.some((d) => r.start < d.end && r.end > d.start)) : [];
  if (single.length === 0) return double;
  return [...double, ...single].sort((a, b) => a.start - b.start);
}
