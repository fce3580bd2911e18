/**
 * Word normalization that newspaper rewriting of wire copy defeats exact
 * matching with: inflection ("charged" / "charges" / "charging"), British and
 * American spelling ("colour" / "color", "organised" / "organized"), numbers
 * written out or as digits ("four" / "4", "Radio One" / "Radio 1"), and the
 * shift of the wire's "today" to the next morning's "yesterday". Applied the
 * same way to both sides, so an over-eager rule merges two words at worst.
 *
 * The stemmer is a light suffix stripper (Porter's step 1 and -ly, after
 * Harman 1991's S-stemmer), not a lemmatizer: it runs on every article matched
 * against a feed, and wink's lemmas cost a parse.
 */
import type { Tokens } from './tokenize.js';

const NUMBER_WORDS: Record<string, string> = {
  one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10',
  eleven: '11', twelve: '12', thirteen: '13', fourteen: '14', fifteen: '15', sixteen: '16', seventeen: '17',
  eighteen: '18', nineteen: '19', twenty: '20', thirty: '30', forty: '40', fifty: '50', sixty: '60',
  seventy: '70', eighty: '80', ninety: '90', hundred: '100', thousand: '1000', million: '1000000',
  first: '1st', second: '2nd', third: '3rd', fourth: '4th', fifth: '5th', sixth: '6th', seventh: '7th',
  eighth: '8th', ninth: '9th', tenth: '10th',
};

/** Relative days a story written for the next morning shifts: one token for the day of the event. */
const EVENT_DAY: Record<string, string> = { today: 'yesterday', tonight: 'yesterday', yesterday: 'yesterday' };

const VOWEL = /[aeiouy]/;
const DOUBLE_END = /([bdfgklmnprt])\1$/;

/** A light stem of a lower-case word (letters only; digits and short words are kept). */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3 || /\d/.test(w)) return w;
  // British spelling to one form: -our (colour, labour, behaviour), -ise/-isation (organise).
  if (w.length >= 6 && w.endsWith('our')) w = `${w.slice(0, -3)}or`;
  w = w.replace(/is(e|ed|es|ing|ation|ations)$/, (_, end: string) => (w.length >= 7 ? `iz${end}` : `is${end}`));
  // Plurals.
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  // -ed, -ing, -ly when a vowel stays before them.
  const strip = (suffix: string, min: number) => {
    if (w.endsWith(suffix) && w.length - suffix.length >= min && VOWEL.test(w.slice(0, -suffix.length))) {
      w = w.slice(0, -suffix.length);
      if (suffix !== 'ly' && DOUBLE_END.test(w)) w = w.slice(0, -1);
      return true;
    }
    return false;
  };
  if (w.endsWith('ied') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else strip('ed', 3) || strip('ing', 3) || strip('ly', 5); // -ly leaves five letters: quickly, not family or only
  // A final silent e (charge / charged / charging all end "charg").
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/** The normalized form of one word (its text as written). */
export function normalizeWord(raw: string): string {
  const lower = raw.toLowerCase().replace(/\u2019/g, "'");
  const base = lower.replace(/'s?$/, '').replace(/n't$/, '');
  return NUMBER_WORDS[base] ?? EVENT_DAY[base] ?? stem(base.replace(/'/g, ''));
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function hashString(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/** Per token, the hash of its normalized form (same token positions as `tokens`). */
export function normalizedHashes(text: string, tokens: Tokens): Uint32Array {
  const out = new Uint32Array(tokens.count);
  for (let i = 0; i < tokens.count; i++) out[i] = hashString(normalizeWord(text.slice(tokens.starts[i], tokens.ends[i])));
  return out;
}
