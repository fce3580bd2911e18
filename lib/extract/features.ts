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
const SENTENCE_PUNCT = new Set([...'.!?…'].map((c) => c.charCodeAt(0)));
const CLOSERS = new Set([...'"\'”’»)]'].map((c) => c.charCodeAt(0)));

/**
 * `/[.!?…]["'”’»)\]]*$/u`, read backwards: past the closing quotes and brackets, a full stop, ! ? or ….
 * (The two sets share no character, so the greedy reading is the only one.)
 */
function endsSentence(text: string): boolean {
  let i = text.length - 1;
  while (i >= 0 && CLOSERS.has(text.charCodeAt(i))) i--;
  return i >= 0 && SENTENCE_PUNCT.has(text.charCodeAt(i));
}
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
 * Per stoplist: its ASCII words as a character trie (flat arrays, 128 slots a node), so a
 * word is looked up by its character codes, lower-cased on the fly, without building a string.
 */
interface StopTrie {
  next: Int32Array;
  end: Uint8Array;
  /** Some stopword is not plain ASCII: the trie does not hold it, words go through the set. */
  loose: boolean;
}
const stopTries = new WeakMap<ReadonlySet<string>, StopTrie>();

function stopTrie(stopwords: ReadonlySet<string>): StopTrie {
  let trie = stopTries.get(stopwords);
  if (!trie) {
    let loose = false;
    const next: number[] = new Array(128).fill(0);
    const end: number[] = [0];
    for (const w of stopwords) {
      if (!/^[\x00-\x7f]*$/.test(w)) {
        loose = true;
        continue;
      }
      let node = 0;
      for (let i = 0; i < w.length; i++) {
        const slot = node * 128 + w.charCodeAt(i);
        if (!next[slot]) {
          next[slot] = end.length;
          end.push(0);
          for (let k = 0; k < 128; k++) next.push(0);
        }
        node = next[slot];
      }
      end[node] = 1;
    }
    trie = { next: Int32Array.from(next), end: Uint8Array.from(end), loose };
    stopTries.set(stopwords, trie);
  }
  return trie;
}

/** Is text[start, end) (ASCII letters, digits, ' - and ’) a stopword once lower-cased with ’ as '? */
function inTrie(trie: StopTrie, text: string, start: number, end: number): boolean {
  let node = 0;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    else if (c === 0x2019) c = 39;
    node = trie.next[node * 128 + c];
    if (node === 0) return false;
  }
  return trie.end[node] === 1;
}

/** WORD over text of ASCII, ’ and SEPARATORS, without building the words: null when another character occurs. */
function scanWords(text: string, stopwords: ReadonlySet<string>): { words: number; stop: number; capital: number; lower: boolean } | null {
  const trie = stopTrie(stopwords);
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
    if (trie.loose) {
      const lowered = text.slice(start, i).toLowerCase();
      if (stopwords.has(lowered.indexOf('’') < 0 ? lowered : lowered.replace(/’/g, "'"))) stop++;
    } else if (inTrie(trie, text, start, i)) stop++;
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
      endsSentence: endsSentence(text),
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
    endsSentence: endsSentence(text),
    startsSentence: STARTS_SENTENCE.test(text),
    hasLowercaseWord: lower,
  };
}
