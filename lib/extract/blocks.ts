/**
 * Page text to blocks. A plain-text scrape keeps one paragraph, heading, menu
 * item or caption per line, so a line is the unit we classify. Two repairs:
 * whitespace runs (incl. no-break spaces) become one space, and a line the
 * scrape broke mid-sentence (no closing punctuation, the next line starts in
 * lower case) is joined to the next one.
 */

export interface TextBlock {
  /** Whitespace-normalized text of the block. */
  text: string;
  /** Offsets of the block in the page text (first to last character of its lines). */
  start: number;
  end: number;
  /** Index in the block list. */
  index: number;
  /** A blank line separates it from the previous block. */
  blankBefore: boolean;
}

const SENTENCE_END = /[.!?…:;]["'”’»)\]]*$/u;

export function splitBlocks(page: string): TextBlock[] {
  const lines: { text: string; start: number; end: number; blankBefore: boolean }[] = [];
  let pos = 0;
  let blank = false;
  for (const raw of page.split('\n')) {
    const lineStart = pos;
    pos += raw.length + 1;
    const text = raw.replace(/\s+/gu, ' ').trim();
    if (!text) {
      blank = true;
      continue;
    }
    const lead = raw.length - raw.trimStart().length;
    const start = lineStart + lead;
    const end = lineStart + raw.trimEnd().length;
    lines.push({ text, start, end, blankBefore: blank });
    blank = false;
  }
  const blocks: TextBlock[] = [];
  for (const line of lines) {
    const prev = blocks[blocks.length - 1];
    if (prev && !line.blankBefore && isBrokenLine(prev.text, line.text)) {
      prev.text = `${prev.text} ${line.text}`;
      prev.end = line.end;
      continue;
    }
    blocks.push({ text: line.text, start: line.start, end: line.end, index: blocks.length, blankBefore: line.blankBefore });
  }
  return blocks;
}

/** `prev` stops mid-sentence and `next` carries on in lower case. */
function isBrokenLine(prev: string, next: string): boolean {
  if (SENTENCE_END.test(prev)) return false;
  if (!/^\p{Ll}/u.test(next)) return false;
  // Both sides must be prose, not a list of lowercase tags.
  return prev.split(' ').length >= 5 && next.split(' ').length >= 3;
}
