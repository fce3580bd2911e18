/**
 * Page text to blocks. A plain-text scrape keeps one paragraph, heading, menu
 * item or caption per line, so a line is the unit we classify. Repairs:
 *
 * - whitespace runs (incl. no-break spaces) become one space;
 * - a lone symbol glued to the end of a line, or after a closing full stop
 *   (`...tomorrow.<`, `...Casino. <`: a feed's paragraph mark), is dropped
 *   from the block text and ends the paragraph; in a page that marks its
 *   paragraphs so, an unmarked line carries on into the next;
 * - hard-wrapped text (wire feeds, news archives: lines broken near a common
 *   right margin) is joined back into paragraphs: see `unwrapRun`;
 * - elsewhere, a line the scrape broke mid-sentence (no closing punctuation,
 *   the next line starts in lower case) is joined to the next one.
 *
 * Block offsets stay offsets into the page text (first to last character of
 * the block's lines); only the block's `text` is normalized.
 */

import { isSpaceCode } from './cues.js';

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
/** Closes a sentence, for unwrapping (colons and semicolons go on). */
const SENTENCE_CLOSE = /[.!?…]["'”’»)\]]*$/u;
/** A lone paragraph mark at the end of a line: glued (`word.<`, `end<`) or after a sentence's end (`word. <`). */
const LINE_MARK = /(?:(?<=[\p{L}\p{N}.!?…:;,"'”’»)\]`])|(?<=[.!?…]["'”’»)\]]* ))[<>|~^#\\¶]$/u;
/** LINE_MARK's last character: a line ending in none of these is not tried against it. */
const PARAGRAPH_MARKS = new Set([...'<>|~^#\\¶'].map((c) => c.charCodeAt(0)));
/** A page whose lines end in paragraph marks this often (count and share of its lines) marks every paragraph end. */
export const MARKED_MIN_LINES = 2;
export const MARKED_MIN_SHARE = 0.25;
const HAS_WORD = /[\p{L}\p{N}]/u;
/** Columns aligned with spaces inside a line: a table row, not wrapped prose. */
const TABLE_ROW = /\S {3,}\S/u;
/** C0 controls other than tab and newline, and DEL: stray feed bytes (PA wires carry U+0019). */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** Hard-wrap detection: a right margin in this column range... */
export const WRAP_MARGIN_MIN = 40;
export const WRAP_MARGIN_MAX = 110;
/** ...reached (within WRAP_NEAR columns) by at least this many lines of the run... */
export const WRAP_MIN_LINES = 3;
/** ...and by at least this share of its lines (paragraph ends fall short of it). */
export const WRAP_MIN_SHARE = 0.3;
/** A line ending this close to the margin was broken by the wrapper (the next word did not fit; wrappers are ragged). */
export const WRAP_NEAR = 16;
/** A line not ending a sentence, with room for the next word and this many more columns, ended its paragraph (a heading). */
export const WRAP_ROOM = 10;

/**
 * The page text the blocks point into: line breaks as `\n`, C0 control
 * characters (but tab and newline) removed. The one place extraction
 * normalizes characters; everything after reads offsets into this text.
 */
export function normalizePage(content: string): string {
  // Most pages have neither: one scan instead of two replacements' regex scans.
  for (let i = 0; i < content.length; i++) {
    const c = content.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10) || c === 127) return content.replace(/\r\n?/g, '\n').replace(CONTROL, '');
  }
  return content;
}

interface Line {
  /** Whitespace-normalized text, paragraph mark dropped. */
  text: string;
  start: number;
  end: number;
  blankBefore: boolean;
  /** Leading whitespace columns. */
  indent: number;
  /** Column after the last non-space character. */
  endCol: number;
  /** Ended by a paragraph mark. */
  marked: boolean;
  /** The line as in the page, for its spacing. */
  raw: string;
}

export function splitBlocks(page: string): TextBlock[] {
  const lines: Line[] = [];
  let blank = false;
  // The page's lines (as `page.split('\n')` gives them), each read once, in the page itself: where
  // its first and last non-space characters are, and whether any whitespace between is other than
  // a single space (then it is normalized as `raw.replace(/\s+/gu, ' ').trim()`).
  for (let lineStart = 0; lineStart <= page.length; ) {
    let lineEnd = page.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = page.length;
    let first = -1;
    let last = -1;
    let irregular = false;
    // Whitespace characters since the last non-space one, and whether they were all plain spaces.
    let gap = 0;
    let plainGap = true;
    for (let i = lineStart; i < lineEnd; i++) {
      const c = page.charCodeAt(i);
      if (c === 32 || (c < 128 ? c >= 9 && c <= 13 : isSpaceCode(c))) {
        gap++;
        if (c !== 32) plainGap = false;
        continue;
      }
      if (first < 0) first = i;
      else if (gap > 1 || !plainGap) irregular = true;
      last = i;
      gap = 0;
      plainGap = true;
    }
    const raw = page.slice(lineStart, lineEnd);
    const start = lineStart;
    lineStart = lineEnd + 1;
    if (first < 0) {
      blank = true;
      continue;
    }
    let text = irregular ? raw.replace(/\s+/gu, ' ').trim() : page.slice(first, last + 1);
    let marked = false;
    if (text.length > 1 && PARAGRAPH_MARKS.has(text.charCodeAt(text.length - 1)) && LINE_MARK.test(text)) {
      text = text.slice(0, -1).trimEnd();
      marked = true;
    }
    const lead = first - start;
    const trimmedEnd = last + 1 - start;
    lines.push({ text, start: start + lead, end: start + trimmedEnd, blankBefore: blank, indent: lead, endCol: trimmedEnd, marked, raw });
    blank = false;
  }

  // Decide, for each line, whether it continues into the next one.
  const joinNext: boolean[] = lines.map(() => false);
  const pageWrap = wrapOf(lines);
  let runStart = 0;
  for (let i = 1; i <= lines.length; i++) {
    if (i < lines.length && !lines[i].blankBefore) continue;
    unwrapRun(lines, runStart, i, joinNext, pageWrap);
    runStart = i;
  }

  // A feed that marks its paragraph ends marks them all: an unmarked line goes on into the next.
  const marked = lines.filter((l) => l.marked).length;
  if (marked >= MARKED_MIN_LINES && marked >= MARKED_MIN_SHARE * lines.length) {
    for (let i = 0; i < lines.length - 1; i++) {
      const [line, next] = [lines[i], lines[i + 1]];
      if (line.marked || next.blankBefore || TABLE_ROW.test(line.raw) || TABLE_ROW.test(next.raw)) continue;
      if (HAS_WORD.test(line.text) && HAS_WORD.test(next.text)) joinNext[i] = true;
    }
  }

  const blocks: TextBlock[] = [];
  let prevJoins = false;
  lines.forEach((line, i) => {
    const prev = blocks[blocks.length - 1];
    if (prev && !line.blankBefore && (prevJoins || (!lines[i - 1].marked && isBrokenLine(prev.text, line.text)))) {
      prev.text = joinText(prev.text, line.text);
      prev.end = line.end;
    } else {
      blocks.push({ text: line.text, start: line.start, end: line.end, index: blocks.length, blankBefore: line.blankBefore });
    }
    prevJoins = joinNext[i];
  });
  return blocks;
}

/** `text.split(' ').length >= n`, without building the pieces. */
function pieces(text: string, n: number): boolean {
  let count = 1;
  for (let i = text.indexOf(' '); i >= 0 && count < n; i = text.indexOf(' ', i + 1)) count++;
  return count >= n;
}

/** Two wrapped lines as one: a word hyphenated across the break keeps its hyphen, without a space. */
function joinText(a: string, b: string): string {
  return /\p{L}-$/u.test(a) && /^\p{Ll}/u.test(b) ? `${a}${b}` : `${a} ${b}`;
}

/**
 * A run of lines with no blank line between them, [from, to). When enough of
 * its lines (or of the page's, for a short run) end near a common right
 * margin, and a sentence carries on in lower case across at least one break,
 * it is hard-wrapped text (`wrapOf`): each line
 * joins the next unless a paragraph break shows, by
 * - a paragraph mark at the end of the line,
 * - a next line indented deeper than the run's usual indentation,
 * - a line well short of the margin: ending a sentence with room for the
 *   next line's first word (the wrapper would have put it there), or (a
 *   heading, a sign-off) with room for that word and WRAP_ROOM more, the next
 *   line starting in capitals;
 * - a table row (columns aligned with runs of spaces) or a rule on either side.
 */
function unwrapRun(lines: Line[], from: number, to: number, joinNext: boolean[], page: Wrap | null): void {
  const run = lines.slice(from, to);
  // A run too short to show its own margin (a two-line paragraph between blank lines) takes the page's.
  const wrap = wrapOf(run) ?? (run.length >= 2 ? page : null);
  if (!wrap) return;
  const { margin, indent } = wrap;
  for (let i = from; i < to - 1; i++) {
    const line = lines[i];
    const next = lines[i + 1];
    if (line.marked) continue;
    // A table row (columns aligned with runs of spaces) or a rule (`-----`) stands alone.
    if (TABLE_ROW.test(line.raw) || TABLE_ROW.test(next.raw) || !HAS_WORD.test(line.text) || !HAS_WORD.test(next.text)) continue;
    // Deeper than usual: a first-line indent (after an indented one-line paragraph too, when the line closes a sentence).
    if (next.indent > indent && (next.indent > line.indent || SENTENCE_CLOSE.test(line.text))) continue;
    const space = next.text.indexOf(' ');
    const firstWord = space < 0 ? next.text.length : space;
    const room = margin - line.endCol;
    if (SENTENCE_CLOSE.test(line.text) && room > firstWord) continue;
    if (room > firstWord + WRAP_ROOM && !/^\p{Ll}/u.test(next.text)) continue;
    joinNext[i] = true;
  }
}

interface Wrap {
  /** The right margin: the last column any line reaches. */
  margin: number;
  /** The usual indentation of a line. */
  indent: number;
}

/** The margin of hard-wrapped lines (blank lines may separate them), or null when they are not wrapped. */
function wrapOf(run: Line[]): Wrap | null {
  if (run.length < WRAP_MIN_LINES) return null;
  const margin = run.reduce((m, l) => Math.max(m, l.endCol), 0);
  if (margin < WRAP_MARGIN_MIN || margin > WRAP_MARGIN_MAX) return null;
  // Near-margin lines must be prose-length, not a column of figures.
  const near = run.filter((l) => l.endCol >= margin - WRAP_NEAR && pieces(l.text, 4)).length;
  if (near < WRAP_MIN_LINES || near < WRAP_MIN_SHARE * run.length) return null;
  // And at least one sentence visibly carries on across a break (a stack of headline, byline and date lines does not).
  const carriesOn = (l: Line, k: number) =>
    k < run.length - 1 && !run[k + 1].blankBefore && l.endCol >= margin - WRAP_NEAR && !l.marked && !SENTENCE_CLOSE.test(l.text) && /^\p{Ll}/u.test(run[k + 1].text);
  if (!run.some(carriesOn)) return null;
  return { margin, indent: mode(run.map((l) => l.indent)) };
}

function mode(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = values[0];
  for (const [v, c] of counts) if (c > counts.get(best)! || (c === counts.get(best)! && v < best)) best = v;
  return best;
}

/** `prev` stops mid-sentence and `next` carries on in lower case. */
function isBrokenLine(prev: string, next: string): boolean {
  if (SENTENCE_END.test(prev)) return false;
  if (!/^\p{Ll}/u.test(next)) return false;
  // Both sides must be prose, not a list of lowercase tags (a short tail that ends the sentence is prose: `tomorrow.`).
  return pieces(prev, 5) && (pieces(next, 3) || SENTENCE_CLOSE.test(next));
}
