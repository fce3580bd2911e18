/**
 * A small sentence splitter for comparing text, not for NLP (lib/nlp does
 * that): it also splits sentences a scrape glued together without a space
 * ("relations.In July, ..."), which a tokenizer reads as one.
 */

export interface SentenceSpan {
  start: number;
  end: number;
}

// Words whose trailing period does not end a sentence.
const ABBREVIATIONS = new Set(
  'mr mrs ms dr prof sen rep gen col lt sgt gov st jr sr inc ltd co corp no vs etc jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m'.split(' '),
);

const BOUNDARY = /([.!?…]+)(["'”’»)\]]*)(\s+(?=["'“‘«(\[]?[\p{Lu}\p{N}])|(?<=[\p{Ll}\p{N}]{2}[.!?]["'”’]?)(?=\p{Lu}\p{Ll}))/gu;

export function splitSentences(text: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  let start = 0;
  for (const m of text.matchAll(BOUNDARY)) {
    const punctEnd = m.index! + m[1].length + m[2].length;
    if (m[1] === '.') {
      const word = text.slice(wordBefore(text, start, m.index!), m.index!).toLowerCase();
      if (ABBREVIATIONS.has(word) || /^\p{L}$/u.test(word)) continue;
    }
    pushTrimmed(text, start, punctEnd, out);
    start = punctEnd;
  }
  pushTrimmed(text, start, text.length, out);
  return out;
}

const LETTER_OR_DOT = /^[\p{L}.]$/u;

/**
 * Start of the run of letters and dots that ends at `end` (`/[\p{L}.]+$/u` over
 * text[from, end), read backwards instead of matched from `from` at each full stop).
 */
function wordBefore(text: string, from: number, end: number): number {
  let i = end;
  while (i > from) {
    const c = text.charCodeAt(i - 1);
    if (c < 128) {
      if (!(c === 46 || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) break;
      i--;
      continue;
    }
    // A surrogate pair is one character (a letter outside the BMP) when both halves are in range.
    const pair = c >= 0xdc00 && c <= 0xdfff && i - 2 >= from && text.charCodeAt(i - 2) >= 0xd800 && text.charCodeAt(i - 2) <= 0xdbff;
    const width = pair ? 2 : 1;
    if (!LETTER_OR_DOT.test(text.slice(i - width, i))) break;
    i -= width;
  }
  return i;
}

function pushTrimmed(text: string, start: number, end: number, out: SentenceSpan[]): void {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  if (end > start) out.push({ start, end });
}
