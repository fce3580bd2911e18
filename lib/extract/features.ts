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

export function blockFeatures(text: string, stopwords: ReadonlySet<string>): BlockFeatures {
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
