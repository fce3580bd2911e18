/**
 * Text-against-text evidence that an article was written from reference
 * documents (a wire feed), for the derivation model (derive.ts). The features
 * of the METER literature, computed on hashed word tokens:
 *   - containment of the article's words, bigrams, trigrams in the union of
 *     its sources (Clough et al. 2002; Broder's containment);
 *   - tiling coverage: the share of the article's tokens inside runs of at
 *     least k words found in a source (k = 2, 3, 5, 8: Greedy String Tiling's
 *     coverage at minimum match lengths, approximated by n-gram membership),
 *     and Greedy String Tiling itself at minimum tile length 3 (tiling.ts: a
 *     source word lends itself to one article word only);
 *   - the best single source's word containment;
 *   - the share of the article's sentences that have a close source sentence
 *     (sentence alignment, as Media Cloud's AP detector did);
 *   - the longest common run, and the article's length (briefs are short).
 * They apply only against documents the user named as sources (`--reference`):
 * between peer articles on one event shared words are expected.
 */
import { greedyStringTiling } from './tiling.js';
import { ngramHashes, type Tokens } from './tokenize.js';

export interface SourceText {
  text: string;
  tokens: Tokens;
  /** Per token, 1 inside a quotation shared with a source (a quotation passage): left out of every feature. */
  quoted?: Uint8Array;
}

export interface DerivationFeatures {
  /** Share of the body inside aligned non-quotation passages (index.ts). */
  coverage: number;
  /** Share of the article's distinct words found in the union of its sources. */
  words: number;
  /** Same, content words only (five letters or more). */
  contentWords: number;
  bigrams: number;
  trigrams: number;
  /** Share of the article's tokens inside shared runs of at least 2, 3, 5, 8 words. */
  tile2: number;
  tile3: number;
  tile5: number;
  tile8: number;
  /** Distinct-word containment in the single best source. */
  bestSourceWords: number;
  /** Share of the article's sentences with a source sentence holding >= half their content words. */
  sentences: number;
  /** log2(1 + longest shared run of words). */
  longestRun: number;
  /** log2(1 + article words). */
  length: number;
  /** Share of the article's tokens inside Greedy String Tiling tiles of at least 3 words against its sources. */
  gst3: number;
}

export const FEATURE_NAMES = [
  'coverage', 'words', 'contentWords', 'bigrams', 'trigrams', 'tile2', 'tile3', 'tile5', 'tile8',
  'bestSourceWords', 'sentences', 'longestRun', 'length', 'gst3',
] as const satisfies readonly (keyof DerivationFeatures)[];

/** Minimum tile length of the Greedy String Tiling feature (Clough et al. 2002 measured 1 to 8; 3 keeps names and phrases, drops chance pairs of words). */
export const GST_MIN_TILE = 3;

/** Words at least this long are content words. */
export const CONTENT_WORD_MIN_LENGTH = 5;
/** An article sentence is aligned when one source sentence holds this share of its content words. */
export const SENTENCE_MIN_CONTAINMENT = 0.5;
/** Sentences with fewer content words than this are not counted (datelines, bylines). */
const SENTENCE_MIN_CONTENT = 3;

const round4 = (x: number) => Math.round(x * 10000) / 10000;

export function emptyFeatures(coverage: number, length: number): DerivationFeatures {
  return {
    coverage, words: 0, contentWords: 0, bigrams: 0, trigrams: 0, tile2: 0, tile3: 0, tile5: 0, tile8: 0,
    bestSourceWords: 0, sentences: 0, longestRun: 0, length: round4(Math.log2(1 + length)), gst3: 0,
  };
}

function hashSet(tokens: Tokens, n: number, into: Set<number>): void {
  const h = n === 1 ? tokens.hashes : ngramHashes(tokens.hashes, tokens.count, n);
  for (let i = 0; i < h.length; i++) into.add(h[i]);
}

/** Share of distinct n-grams of the article found in the set. */
function containment(hashes: ArrayLike<number>, set: Set<number>): number {
  const mine = new Set<number>();
  let found = 0;
  for (let i = 0; i < hashes.length; i++) {
    const h = hashes[i];
    if (mine.has(h)) continue;
    mine.add(h);
    if (set.has(h)) found++;
  }
  return mine.size ? found / mine.size : 0;
}

/** Share of tokens inside an n-gram found in the set; also the longest chain of such n-grams, in words. */
/** The n-gram starting at token i touches a quotation. */
function spanQuoted(quoted: Uint8Array, i: number, n: number): boolean {
  for (let k = 0; k < n; k++) if (quoted[i + k]) return true;
  return false;
}

/** Tokens not in quotations (the denominator of the tiling shares). */
function unquoted(t: Tokens, quoted?: Uint8Array): number {
  let c = t.count;
  if (quoted) for (let i = 0; i < t.count; i++) c -= quoted[i];
  return c;
}

function tiling(tokens: Tokens, n: number, set: Set<number>, quoted?: Uint8Array): { share: number; longest: number } {
  const h = ngramHashes(tokens.hashes, tokens.count, n);
  const covered = new Uint8Array(tokens.count);
  let longest = 0;
  let run = 0;
  for (let i = 0; i < h.length; i++) {
    if (set.has(h[i]) && !(quoted && spanQuoted(quoted, i, n))) {
      covered.fill(1, i, i + n);
      run++;
      longest = Math.max(longest, run + n - 1);
    } else run = 0;
  }
  let c = 0;
  for (let i = 0; i < covered.length; i++) c += covered[i];
  const base = unquoted(tokens, quoted);
  return { share: base ? c / base : 0, longest };
}

const isContent = (t: Tokens, i: number) => t.ends[i] - t.starts[i] >= CONTENT_WORD_MIN_LENGTH;

/** Token ranges of sentences: a break after a token followed by . ! ? or a blank line. */
function sentenceRanges(src: SourceText): [number, number][] {
  const { tokens, text } = src;
  const out: [number, number][] = [];
  let start = 0;
  for (let i = 0; i < tokens.count; i++) {
    const gapEnd = i + 1 < tokens.count ? tokens.starts[i + 1] : text.length;
    const gap = text.slice(tokens.ends[i], gapEnd);
    if (i + 1 === tokens.count || /[.!?]/.test(gap) || /\n\s*\n/.test(gap)) {
      out.push([start, i + 1]);
      start = i + 1;
    }
  }
  return out;
}

function alignedSentenceShare(article: SourceText, sources: SourceText[]): number {
  // Inverted index: content word -> source sentence ids.
  const postings = new Map<number, number[]>();
  let sid = 0;
  for (const s of sources)
    for (const [from, to] of sentenceRanges(s)) {
      const seen = new Set<number>();
      for (let i = from; i < to; i++) {
        if (!isContent(s.tokens, i)) continue;
        const h = s.tokens.hashes[i];
        if (seen.has(h)) continue;
        seen.add(h);
        const list = postings.get(h);
        if (list) list.push(sid);
        else postings.set(h, [sid]);
      }
      sid++;
    }
  let counted = 0;
  let aligned = 0;
  const t = article.tokens;
  for (const [from, to] of sentenceRanges(article)) {
    const words = new Set<number>();
    for (let i = from; i < to; i++) if (isContent(t, i) && !article.quoted?.[i]) words.add(t.hashes[i]);
    if (words.size < SENTENCE_MIN_CONTENT) continue;
    counted++;
    const hits = new Map<number, number>();
    let best = 0;
    for (const w of words)
      for (const s of postings.get(w) ?? []) {
        const c = (hits.get(s) ?? 0) + 1;
        hits.set(s, c);
        if (c > best) best = c;
      }
    if (best >= SENTENCE_MIN_CONTAINMENT * words.size) aligned++;
  }
  return counted ? aligned / counted : 0;
}

/** The features of an article against its reference sources (none: only coverage and length). */
export function derivationFeatures(article: SourceText, sources: SourceText[], coverage: number): DerivationFeatures {
  const t = article.tokens;
  // Quoted words are what independent reports of one statement share: they are not evidence of copy.
  const own = (h: Uint32Array, n: number) => (article.quoted ? h.filter((_, i) => !spanQuoted(article.quoted!, i, n)) : h);
  const f = emptyFeatures(coverage, t.count);
  if (!sources.length || !t.count) return f;
  const union = [new Set<number>(), new Set<number>(), new Set<number>()];
  let best = 0;
  for (const s of sources) {
    const words = new Set<number>();
    hashSet(s.tokens, 1, words);
    best = Math.max(best, containment(own(t.hashes, 1), words));
    for (const h of words) union[0].add(h);
    hashSet(s.tokens, 2, union[1]);
    hashSet(s.tokens, 3, union[2]);
  }
  f.words = round4(containment(own(t.hashes, 1), union[0]));
  const content: number[] = [];
  for (let i = 0; i < t.count; i++) if (isContent(t, i) && !article.quoted?.[i]) content.push(t.hashes[i]);
  f.contentWords = round4(containment(content, union[0]));
  f.bigrams = round4(containment(own(ngramHashes(t.hashes, t.count, 2), 2), union[1]));
  f.trigrams = round4(containment(own(ngramHashes(t.hashes, t.count, 3), 3), union[2]));
  f.tile2 = round4(tiling(t, 2, union[1], article.quoted).share);
  const tri = tiling(t, 3, union[2], article.quoted);
  f.tile3 = round4(tri.share);
  // Runs of 5 and 8: chains of shared trigrams at least that long.
  f.tile5 = round4(longRunShare(t, union[2], 5, article.quoted));
  f.tile8 = round4(longRunShare(t, union[2], 8, article.quoted));
  f.bestSourceWords = round4(best);
  f.sentences = round4(alignedSentenceShare(article, sources));
  f.longestRun = round4(Math.log2(1 + tri.longest));
  f.gst3 = round4(gstCoverage(article, sources, GST_MIN_TILE));
  return f;
}

/** Share of the article's unquoted tokens tiled against its sources (shared quotations may not be tiled). */
function gstCoverage(article: SourceText, sources: SourceText[], min: number): number {
  const t = article.tokens;
  const { markedA } = greedyStringTiling(t.hashes, sources.map((s) => s.tokens.hashes), min, article.quoted);
  let c = 0;
  for (let i = 0; i < t.count; i++) c += markedA[i];
  const base = unquoted(t, article.quoted);
  return base ? c / base : 0;
}

/** Share of tokens inside chains of shared trigrams spanning at least `min` words. */
function longRunShare(t: Tokens, trigrams: Set<number>, min: number, quoted?: Uint8Array): number {
  const h = ngramHashes(t.hashes, t.count, 3);
  const shared = (i: number) => trigrams.has(h[i]) && !(quoted && spanQuoted(quoted, i, 3));
  const covered = new Uint8Array(t.count);
  let i = 0;
  while (i < h.length) {
    if (!shared(i)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < h.length && shared(j + 1)) j++;
    if (j - i + 3 >= min) covered.fill(1, i, j + 3);
    i = j + 1;
  }
  let c = 0;
  for (let k = 0; k < covered.length; k++) c += covered[k];
  const base = unquoted(t, quoted);
  return base ? c / base : 0;
}
