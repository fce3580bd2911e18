/**
 * Shallow text features of one block, the inputs of boilerplate
 * classification (jusText's length and stopword density, plus the cues of
 * Kohlschuetter et al.'s shallow-feature classifier: capitalization, closing
 * punctuation, numbers).
 */

export interface BlockFeatures {
  length: number;
  words: number;
  stopwords: number;
  /** stopwords / words (0 for no words). */
  stopwordDensity: number;
  /** Share of words that start with a capital letter or digit. */
  capitalShare: number;
  /** Ends like a sentence: . ! ? … optionally followed by closing quotes/brackets. */
  endsSentence: boolean;
  /** Starts like a sentence: capital letter, digit or opening quote (incl. ``). */
  startsSentence: boolean;
  /** Has at least one lower-case word (menus and tag clouds often do not). */
  hasLowercaseWord: boolean;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*/gu;
const ENDS_SENTENCE = /[.!?…]["'”’»)\]]*$/u;
// Old wire copy opens quotes TeX-style (``); a bulleted item (`:: The film...`) starts after its bullet.
const STARTS_SENTENCE = /^(?:[-–—•·*▪:>]+ )?(?:``|["'“‘«(\[`])?[\p{Lu}\p{N}]/u;

const CAPITAL_START = /^[\p{Lu}\p{N}]/u;
const LOWER_START = /^\p{Ll}/u;

export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Non-ASCII characters that are neither in WORD nor whitespace-sensitive: separators for the fast scan. */
const SEPARATORS = new Set([0x2018, 0x201c, 0x201d, 0x2013, 0x2014, 0x2026, 0xab, 0xbb, 0xa0, 0xb7, 0x2022, 0xa9]);
/**
 * Per stoplist: its longest word, and a bit filter on (length, first letter, last letter) of
 * its ASCII words, so that most words are ruled out without building their lower-case string.
 */
interface StopFilter {
  longest: number;
  bits: Int32Array;
  /** Some stopword is not plain ASCII: the filter cannot rule words out. */
  loose: boolean;
}
const stopFilters = new WeakMap<ReadonlySet<string>, StopFilter>();

function stopHash(length: number, first: number, last: number): number {
  return (length * 1031 + first * 37 + last) & 0xffff;
}

function stopFilter(stopwords: ReadonlySet<string>): StopFilter {
  let f = stopFilters.get(stopwords);
  if (!f) {
    f = { longest: 0, bits: new Int32Array(2048), loose: false };
    for (const w of stopwords) {
      f.longest = Math.max(f.longest, w.length);
      if (!/^[\x20-\x7e]+$/.test(w)) f.loose = true;
      else {
        const h = stopHash(w.length, w.charCodeAt(0), w.charCodeAt(w.length - 1));
        f.bits[h >>> 5] |= 1 << (h & 31);
      }
    }
    stopFilters.set(stopwords, f);
  }
  return f;
}

/** ASCII letter to lower case; other codes as they are. */
function lowerAscii(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** WORD over text of ASCII, ’ and SEPARATORS, without building the words: null when another character occurs. */
function scanWords(text: string, stopwords: ReadonlySet<string>): { words: number; stop: number; capital: number; lower: boolean } | null {
  const filter = stopFilter(stopwords);
  const longest = filter.longest;
  let words = 0;
  let stop = 0;
  let capital = 0;
  let lower = false;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const alnum = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
    if (!alnum) {
      if (c >= 128 && c !== 0x2019 && !SEPARATORS.has(c)) return null;
      i++;
      continue;
    }
    // A word: [A-Za-z0-9] then [A-Za-z0-9'’-]*.
    const start = i++;
    for (; i < n; i++) {
      const d = text.charCodeAt(i);
      if ((d >= 97 && d <= 122) || (d >= 65 && d <= 90) || (d >= 48 && d <= 57) || d === 39 || d === 45 || d === 0x2019) continue;
      if (d >= 128 && !SEPARATORS.has(d)) return null;
      break;
    }
    words++;
    if (c >= 97) lower = true;
    else capital++;
    const last = text.charCodeAt(i - 1);
    let candidate = i - start <= longest;
    if (candidate && !filter.loose && last !== 0x2019) {
      // Lower-casing keeps ASCII at its length; a word with ’ is looked up as it is (rare).
      const h = stopHash(i - start, lowerAscii(c), lowerAscii(last));
      candidate = (filter.bits[h >>> 5] & (1 << (h & 31))) !== 0;
    }
    if (candidate) {
      const lowered = text.slice(start, i).toLowerCase();
      if (stopwords.has(lowered.indexOf('’') < 0 ? lowered : lowered.replace(/’/g, "'"))) stop++;
    }
  }
  return { words, stop, capital, lower };
}

export function blockFeatures(text: string, stopwords: ReadonlySet<string>): BlockFeatures {
  const fast = scanWords(text, stopwords);
  if (fast) {
    const { words, stop, capital, lower } = fast;
    return {
      length: text.length,
      words,
      stopwords: stop,
      stopwordDensity: words ? stop / words : 0,
      capitalShare: words ? capital / words : 0,
      endsSentence: ENDS_SENTENCE.test(text),
      startsSentence: STARTS_SENTENCE.test(text),
      hasLowercaseWord: lower,
    };
  }
  const ws = words(text);
  let stop = 0;
  let capital = 0;
  let lower = false;
  for (const w of ws) {
    const lowered = w.toLowerCase();
    if (stopwords.has(lowered.indexOf('’') < 0 ? lowered : lowered.replace(/’/g, "'"))) stop++;
    // The first character, by code for ASCII (most words); by class for the rest.
    const c = w.charCodeAt(0);
    if (c < 128) {
      if ((c >= 65 && c <= 90) || (c >= 48 && c <= 57)) capital++;
      else if (c >= 97 && c <= 122) lower = true;
    } else if (CAPITAL_START.test(w)) capital++;
    else if (LOWER_START.test(w)) lower = true;
  }
  return {
    length: text.length,
    words: ws.length,
    stopwords: stop,
    stopwordDensity: ws.length ? stop / ws.length : 0,
    capitalShare: ws.length ? capital / ws.length : 0,
    endsSentence: ENDS_SENTENCE.test(text),
    startsSentence: STARTS_SENTENCE.test(text),
    hasLowercaseWord: lower,
  };
}
