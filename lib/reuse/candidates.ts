/**
 * The index: which documents share rare word n-grams. All (n-gram, document)
 * postings are packed into one Float64Array as hash * 2^20 + doc and sorted, so
 * memory and time grow with the number of n-grams, never with the number of
 * document pairs. As in passim, n-grams found in more than `maxDf` documents
 * (boilerplate, set phrases, stories carried by everyone) are dropped; pairs
 * are proposed only by the rare n-grams they share.
 */

/** Documents per index: doc ids are packed into 20 bits. */
export const MAX_DOCUMENTS = 1 << 20;
const DOC_SPACE = 2 ** 20;

/** Drop n-grams in more documents than this (passim's --max-df plays the same role). */
export const DEFAULT_MAX_DF = 64;
/** A pair is a candidate when it shares at least this many rare n-grams. */
export const DEFAULT_MIN_SHARED = 2;

export interface CandidateOptions {
  maxDf?: number;
  minShared?: number;
  /** Which pairs are wanted (e.g. not reference against reference); default all. */
  wantPair?: (a: number, b: number) => boolean;
}

export interface Candidate {
  a: number;
  b: number;
  /** Rare n-grams the two share. */
  shared: number;
}

/** Candidate pairs (a < b) among documents given by their n-gram hashes. */
export function findCandidates(fingerprints: Uint32Array[], options: CandidateOptions = {}): Candidate[] {
  const maxDf = options.maxDf ?? DEFAULT_MAX_DF;
  const minShared = options.minShared ?? DEFAULT_MIN_SHARED;
  if (fingerprints.length > MAX_DOCUMENTS) throw new Error(`reuse index: at most ${MAX_DOCUMENTS} documents per index, got ${fingerprints.length}`);
  let total = 0;
  for (const fp of fingerprints) total += fp.length;
  const postings = new Float64Array(total);
  let p = 0;
  fingerprints.forEach((fp, doc) => {
    for (let i = 0; i < fp.length; i++) postings[p++] = fp[i] * DOC_SPACE + doc;
  });
  postings.sort();

  let pairs = new Float64Array(1 << 16);
  let nPairs = 0;
  const group: number[] = [];
  const flush = () => {
    if (group.length < 2 || group.length > maxDf) return;
    for (let x = 0; x < group.length; x++)
      for (let y = x + 1; y < group.length; y++) {
        const a = group[x];
        const b = group[y];
        if (options.wantPair && !options.wantPair(a, b)) continue;
        if (nPairs === pairs.length) {
          const grown = new Float64Array(pairs.length * 2);
          grown.set(pairs);
          pairs = grown;
        }
        pairs[nPairs++] = a * DOC_SPACE + b;
      }
  };
  let currentHash = -1;
  let lastDoc = -1;
  for (let i = 0; i < total; i++) {
    const key = postings[i];
    const hash = Math.floor(key / DOC_SPACE);
    const doc = key - hash * DOC_SPACE;
    if (hash !== currentHash) {
      flush();
      group.length = 0;
      currentHash = hash;
      lastDoc = -1;
    }
    // Postings of one hash are sorted by doc: skip repeats inside a document.
    if (doc !== lastDoc) {
      group.push(doc);
      lastDoc = doc;
    }
  }
  flush();

  const used = pairs.subarray(0, nPairs).sort();
  const out: Candidate[] = [];
  for (let i = 0; i < nPairs; ) {
    let j = i + 1;
    while (j < nPairs && used[j] === used[i]) j++;
    if (j - i >= minShared) {
      const a = Math.floor(used[i] / DOC_SPACE);
      out.push({ a, b: used[i] - a * DOC_SPACE, shared: j - i });
    }
    i = j;
  }
  return out;
}
