/**
 * A fast word tokenizer for fingerprinting (not wink-nlp: this runs over whole
 * crawls). Words are runs of letters and digits, with inner apostrophes kept
 * ("don't"); each token gets its [start, end) offsets and a 32-bit hash of its
 * normalized form (lower case, curly apostrophes straightened, a trailing
 * possessive "'s" or "'" dropped, so "Jones's" and "Jones" match).
 */

export interface Tokens {
  count: number;
  starts: Uint32Array;
  ends: Uint32Array;
  /** FNV-1a hash of each normalized token. */
  hashes: Uint32Array;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const NON_ASCII_WORD = /[\p{L}\p{N}\p{M}]/u;

function isWordCode(c: number, text: string, i: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return NON_ASCII_WORD.test(text[i]);
}

function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019;
}

// Scratch buffers reused across calls (one token per two characters at most),
// so a crawl's worth of documents does not churn the garbage collector.
let scratchStarts = new Uint32Array(4096);
let scratchEnds = new Uint32Array(4096);
let scratchHashes = new Uint32Array(4096);

export function tokenize(text: string): Tokens {
  const cap = (text.length >> 1) + 1;
  if (scratchStarts.length < cap) {
    const size = Math.max(cap, scratchStarts.length * 2);
    scratchStarts = new Uint32Array(size);
    scratchEnds = new Uint32Array(size);
    scratchHashes = new Uint32Array(size);
  }
  const starts = scratchStarts;
  const ends = scratchEnds;
  const hashes = scratchHashes;
  let count = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (!isWordCode(c, text, i)) {
      i++;
      continue;
    }
    const start = i;
    let h = FNV_OFFSET;
    // Hash of the token up to its last apostrophe, for the possessive fold.
    let hBeforeApostrophe = -1;
    let afterApostrophe = 0;
    for (;;) {
      if (c < 128) {
        if (c >= 65 && c <= 90) c |= 0x20;
        h = Math.imul(h ^ c, FNV_PRIME);
      } else {
        const lower = text[i].toLowerCase();
        for (let k = 0; k < lower.length; k++) h = Math.imul(h ^ lower.charCodeAt(k), FNV_PRIME);
      }
      afterApostrophe++;
      i++;
      if (i >= n) break;
      c = text.charCodeAt(i);
      if (isWordCode(c, text, i)) continue;
      // An apostrophe joins two word characters ("don't", "O'Brien").
      if (isApostrophe(c) && i + 1 < n && isWordCode(text.charCodeAt(i + 1), text, i + 1)) {
        hBeforeApostrophe = h;
        afterApostrophe = 0;
        h = Math.imul(h ^ 39, FNV_PRIME);
        i++;
        c = text.charCodeAt(i);
        continue;
      }
      break;
    }
    const end = i;
    // Possessive: "Jones's" hashes as "jones"; "Jones'" (trailing apostrophe) is not part of the token.
    if (hBeforeApostrophe !== -1 && afterApostrophe === 1 && (text.charCodeAt(end - 1) | 0x20) === 115) h = hBeforeApostrophe;
    starts[count] = start;
    ends[count] = end;
    hashes[count] = h >>> 0;
    count++;
  }
  return { count, starts: starts.slice(0, count), ends: ends.slice(0, count), hashes: hashes.slice(0, count) };
}

/** Hashes of the word n-grams starting at each token (count - n + 1 of them). */
export function ngramHashes(tokenHashes: Uint32Array, count: number, n: number): Uint32Array {
  const m = Math.max(0, count - n + 1);
  const out = new Uint32Array(m);
  for (let i = 0; i < m; i++) {
    let h = FNV_OFFSET;
    for (let k = 0; k < n; k++) h = Math.imul(h ^ tokenHashes[i + k], FNV_PRIME) ^ (h >>> 15);
    out[i] = h >>> 0;
  }
  return out;
}
