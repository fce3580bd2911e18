/**
 * Where a text quotes someone: spans inside quotation marks. Handles curly and
 * straight double quotes, curly single quotes, and straight single quotes used
 * as quotation marks (British papers: 'like this'), told apart from
 * apostrophes by the characters around them. A quote still open at the end of
 * a paragraph ends there (news style reopens it in the next paragraph).
 */
import type { Span } from '../types.js';

const isLetter = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
const isSpace = (ch: string | undefined) => ch === undefined || /\s|[([{\u2014\u2013-]/.test(ch);

/** Spans of quoted text (the marks included), in text order. */
export function quoteSpans(text: string): Span[] {
  const spans: Span[] = [];
  let open = -1;
  let closer = '';
  const close = (end: number) => {
    if (open >= 0 && end > open) spans.push({ start: open, end });
    open = -1;
    closer = '';
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\n' && text[i + 1] === '\n') {
      close(i);
      continue;
    }
    if (open < 0) {
      if (ch === '"' || ch === '\u201c' || ch === '\u201e') {
        open = i;
        closer = ch === '"' ? '"' : '\u201d';
      } else if (ch === '\u2018' || (ch === "'" && isSpace(text[i - 1]) && isLetter(text[i + 1]))) {
        open = i;
        closer = ch === "'" ? "'" : '\u2019';
      } else if (ch === '`' && text[i + 1] === '`') {
        open = i;
        closer = "''";
        i++;
      }
      continue;
    }
    if (closer === '"' || closer === '\u201d') {
      if (ch === '"' || ch === '\u201d') close(i + 1);
    } else if (closer === "''") {
      if (ch === "'" && text[i + 1] === "'") close(i + 2);
    } else if ((ch === closer || ch === '\u2019') && !isLetter(text[i + 1])) {
      // A single quote closes when no letter follows (else it is an apostrophe: "don't").
      // "the Joneses' house": a plural possessive inside a quote would close it early; rare enough.
      close(i + 1);
    }
  }
  close(text.length);
  return spans;
}

/** Per token: 1 when the token lies inside a quotation. */
export function tokensInQuotes(spans: Span[], starts: Uint32Array, ends: Uint32Array, count: number): Uint8Array {
  const flags = new Uint8Array(count);
  let s = 0;
  for (let t = 0; t < count; t++) {
    while (s < spans.length && spans[s].end <= starts[t]) s++;
    if (s < spans.length && spans[s].start <= starts[t] && ends[t] <= spans[s].end) flags[t] = 1;
  }
  return flags;
}
