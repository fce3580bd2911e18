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
import { normalizedHashes } from './normalize.js';
import { ngramHashes, type Tokens } from './tokenize.js';

export interface SourceText {
  text: string;
  tokens: Tokens;
  /** Per token, 1 inside a quotation shared with a source (a quotation passage): left out of every feature. */
  quoted?: Uint8Array;
  /** Per token, 1 inside quotation marks in this text (quotes.ts), shared or not. */
  inQuotes?: Uint8Array;
  /** Per token, the hash of its normalized form (normalize.ts); computed when absent. */
  normalized?: Uint32Array;
}

/** Document frequencies of normalized words over a background collection, for idf weights. */
export interface Background {
  documents: number;
  df: Map<number, number>;
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
  /** The same measures on normalized words (normalize.ts: stems, spelling, numbers, today/yesterday). */
  normContent: number;
  normBigrams: number;
  normGst3: number;
  /** Content-word containment weighted by rarity (idf against the background). */
  idfContent: number;
  /** Share of sentences aligned on normalized content words, each word weighted by its idf. */
  normSentences: number;
  /** Kendall tau of the source positions of the article's aligned sentences in article order (0 when under 3 aligned). */
  sentenceOrder: number;
  /** Longest run of consecutive article sentences aligned to ascending source positions, as a share of the counted sentences. */
  sentenceRun: number;
  /** Share of the best source's distinct normalized content words found in the article (how much of the source is used). */
  sourceUse: number;
  /** log2 of the article's word count over its best source's. */
  relLength: number;
  /** Content-word and bigram containment of the narrative: words outside quotation marks, against the sources' narrative. */
  narrative: number;
  narrativeBigrams: number;
  /** Share of the article's content words inside quotation marks. */
  quotedShare: number;
  /** Distinct unquoted content words of the article found in the sources, and not found (counts: the evidence of a long story weighs more). */
  contentFound: number;
  contentMissing: number;
  /** Normalized content words of the article's lead (first two sentences) found in its sources' leads. */
  lead: number;
}

/** The features computed for every article matched against references. */
export const CORE_FEATURES = [
  'coverage', 'words', 'contentWords', 'bigrams', 'trigrams', 'tile2', 'tile3', 'tile5', 'tile8',
  'bestSourceWords', 'sentences', 'longestRun', 'length', 'gst3',
] as const satisfies readonly (keyof DerivationFeatures)[];

/**
 * Measures computed only when asked (the METER suite) or when the model weighs
 * one of them: measured on METER and not adopted (README), kept so that the
 * figures stay reproducible by command and a refit can try them.
 */
export const MEASURED_FEATURES = [
  'normContent', 'normBigrams', 'normGst3', 'idfContent', 'normSentences', 'sentenceOrder', 'sentenceRun',
  'sourceUse', 'relLength', 'narrative', 'narrativeBigrams', 'quotedShare', 'contentFound', 'contentMissing', 'lead',
] as const satisfies readonly (keyof DerivationFeatures)[];

export const FEATURE_NAMES = [...CORE_FEATURES, ...MEASURED_FEATURES] as const;

/** Whether a list of model features needs the measured-only ones computed. */
export function needsMeasuredFeatures(names: readonly string[]): boolean {
  return names.some((n) => (MEASURED_FEATURES as readonly string[]).includes(n));
}

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
    normContent: 0, normBigrams: 0, normGst3: 0, idfContent: 0, normSentences: 0, sentenceOrder: 0, sentenceRun: 0, sourceUse: 0, relLength: 0, narrative: 0, narrativeBigrams: 0, quotedShare: 0, contentFound: 0, contentMissing: 0, lead: 0,
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

/**
 * Per counted article sentence (SENTENCE_MIN_CONTENT content words or more
 * outside shared quotations), the source sentence holding at least
 * SENTENCE_MIN_CONTAINMENT of its content words' weight, or -1. Source
 * sentences are numbered in the order of the sources, then of their text;
 * `hashesOf` gives a text's word hashes (as written or normalized).
 */
function alignSentences(article: SourceText, sources: SourceText[], hashesOf: (s: SourceText) => Uint32Array, weight: (h: number) => number): number[] {
  // Inverted index: content word -> source sentence ids.
  const postings = new Map<number, number[]>();
  let sid = 0;
  for (const s of sources) {
    const n = hashesOf(s);
    for (const [from, to] of sentenceRanges(s)) {
      const seen = new Set<number>();
      for (let i = from; i < to; i++) {
        if (!isContent(s.tokens, i) || seen.has(n[i])) continue;
        seen.add(n[i]);
        const list = postings.get(n[i]);
        if (list) list.push(sid);
        else postings.set(n[i], [sid]);
      }
      sid++;
    }
  }
  const t = article.tokens;
  const a = hashesOf(article);
  const positions: number[] = [];
  for (const [from, to] of sentenceRanges(article)) {
    const words = new Set<number>();
    for (let i = from; i < to; i++) if (isContent(t, i) && !article.quoted?.[i]) words.add(a[i]);
    if (words.size < SENTENCE_MIN_CONTENT) continue;
    const hits = new Map<number, number>();
    let total = 0;
    let best = 0;
    let bestId = -1;
    for (const w of words) {
      const x = weight(w);
      total += x;
      for (const s of postings.get(w) ?? []) {
        const c = (hits.get(s) ?? 0) + x;
        hits.set(s, c);
        if (c > best || (c === best && s < bestId)) [best, bestId] = [c, s];
      }
    }
    positions.push(best >= SENTENCE_MIN_CONTAINMENT * total ? bestId : -1);
  }
  return positions;
}

/** Share of the article's counted sentences aligned to a source sentence (words as written, unweighted). */
function alignedSentenceShare(article: SourceText, sources: SourceText[]): number {
  const positions = alignSentences(article, sources, (s) => s.tokens.hashes, () => 1);
  return positions.length ? positions.filter((p) => p >= 0).length / positions.length : 0;
}

/**
 * The features of an article against its reference sources (none: only
 * coverage and length). `measured`: also the measured-only features, with idf
 * against its background (left at 0 otherwise).
 */
export function derivationFeatures(article: SourceText, sources: SourceText[], coverage: number, measured?: { background?: Background }): DerivationFeatures {
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
  f.gst3 = round4(gstCoverage(t, t.hashes, sources.map((s) => s.tokens.hashes), article.quoted));
  if (measured) normalizedFeatures(article, sources, f, measured.background);
  return f;
}

/**
 * Share of the article's unquoted tokens tiled (tiles of GST_MIN_TILE words)
 * against its sources, on the word hashes given (as written or normalized);
 * shared quotations may not be tiled.
 */
function gstCoverage(t: Tokens, hashes: Uint32Array, sources: Uint32Array[], quoted?: Uint8Array): number {
  const { markedA } = greedyStringTiling(hashes, sources, GST_MIN_TILE, quoted);
  let c = 0;
  for (let i = 0; i < t.count; i++) c += markedA[i];
  const base = unquoted(t, quoted);
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

const normOf = (s: SourceText) => s.normalized ?? (s.normalized = normalizedHashes(s.text, s.tokens));

/** idf of a normalized word against the background (unseen words: as rare as a word seen once). */
export function idf(background: Background | undefined, h: number): number {
  if (!background) return 1;
  return Math.log((background.documents + 1) / ((background.df.get(h) ?? 0) + 1)) + 1e-6;
}

/** The features on normalized words: containment, tiling, weighted sentence alignment and order, source use. */
function normalizedFeatures(article: SourceText, sources: SourceText[], f: DerivationFeatures, background?: Background): void {
  const t = article.tokens;
  const a = normOf(article);
  const q = article.quoted;
  const unigrams = new Set<number>();
  const bigrams = new Set<number>();
  for (const s of sources) {
    const n = normOf(s);
    for (const h of n) unigrams.add(h);
    for (const h of ngramHashes(n, n.length, 2)) bigrams.add(h);
  }
  // Content words: five letters or more as written, or a number.
  const content: number[] = [];
  for (let i = 0; i < t.count; i++) if ((isContent(t, i) || /\d/.test(article.text[t.starts[i]])) && !q?.[i]) content.push(a[i]);
  f.normContent = round4(containment(content, unigrams));
  const big = ngramHashes(a, a.length, 2);
  f.normBigrams = round4(containment(q ? big.filter((_, i) => !spanQuoted(q, i, 2)) : big, bigrams));
  f.normGst3 = round4(gstCoverage(t, a, sources.map(normOf), q));
  // Distinct content words found in the sources: counted, and weighted by idf.
  const distinct = new Set(content);
  let found = 0;
  let total = 0;
  let k = 0;
  for (const h of distinct) {
    const w = idf(background, h);
    total += w;
    if (unigrams.has(h)) {
      found += w;
      k++;
    }
  }
  f.idfContent = round4(total ? found / total : 0);
  f.contentFound = k;
  f.contentMissing = distinct.size - k;
  sentenceFeatures(article, sources, f, background);
  // How much of the best source the article uses, and their relative length.
  let use = 0;
  let bestWords = 0;
  let bestLength = 1;
  for (const s of sources) {
    const n = normOf(s);
    const words = new Set<number>();
    for (let i = 0; i < s.tokens.count; i++) if (isContent(s.tokens, i)) words.add(n[i]);
    let shared = 0;
    for (const h of words) if (distinct.has(h)) shared++;
    if (words.size) use = Math.max(use, shared / words.size);
    if (shared > bestWords) [bestWords, bestLength] = [shared, s.tokens.count];
  }
  f.sourceUse = round4(use);
  narrativeFeatures(article, sources, f);
  f.lead = round4(leadContainment(article, sources));
  f.relLength = round4(Math.log2((t.count + 1) / (bestLength + 1)));
}

/**
 * Sentence alignment on normalized content words weighted by idf: an article
 * sentence is aligned when one source sentence holds half of its weight.
 * Then the order of the aligned source positions (sources in the order given,
 * sentences in text order): derived copy follows its source, an independent
 * report orders the event its own way.
 */
function sentenceFeatures(article: SourceText, sources: SourceText[], f: DerivationFeatures, background?: Background): void {
  const positions = alignSentences(article, sources, normOf, (h) => idf(background, h));
  const counted = positions.length;
  const aligned = positions.filter((p) => p >= 0);
  f.normSentences = round4(counted ? aligned.length / counted : 0);
  // Kendall tau over pairs of aligned sentences (ties count zero).
  if (aligned.length >= 3) {
    let concordant = 0;
    let discordant = 0;
    for (let i = 0; i < aligned.length; i++)
      for (let j = i + 1; j < aligned.length; j++) {
        if (aligned[j] > aligned[i]) concordant++;
        else if (aligned[j] < aligned[i]) discordant++;
      }
    const pairs = (aligned.length * (aligned.length - 1)) / 2;
    f.sentenceOrder = round4((concordant - discordant) / pairs);
  }
  let run = 0;
  let longest = 0;
  let previous = -1;
  for (const p of positions) {
    run = p >= 0 && (run === 0 || p > previous) ? run + 1 : p >= 0 ? 1 : 0;
    if (p >= 0) previous = p;
    longest = Math.max(longest, run);
  }
  f.sentenceRun = round4(counted ? longest / counted : 0);
}

/** Document frequencies of the normalized content words of a run's documents (articles and references). */
export function runBackground(docs: { doc: { text: string }; tokens: Tokens; normalized?: Uint32Array }[]): Background {
  const df = new Map<number, number>();
  for (const d of docs) {
    const n = (d.normalized ??= normalizedHashes(d.doc.text, d.tokens));
    const seen = new Set<number>();
    for (let i = 0; i < d.tokens.count; i++) if (isContent(d.tokens, i)) seen.add(n[i]);
    for (const h of seen) df.set(h, (df.get(h) ?? 0) + 1);
  }
  return { documents: docs.length, df };
}

/** Containment outside quotation marks on both sides: what the reporter wrote, not what someone said. */
function narrativeFeatures(article: SourceText, sources: SourceText[], f: DerivationFeatures): void {
  const uni = new Set<number>();
  const bi = new Set<number>();
  for (const s of sources) {
    const n = normOf(s);
    for (let i = 0; i < s.tokens.count; i++) if (!s.inQuotes?.[i]) uni.add(n[i]);
    for (const h of unquotedBigrams(s)) bi.add(h);
  }
  const t = article.tokens;
  const a = normOf(article);
  const q = article.inQuotes;
  const words: number[] = [];
  let content = 0;
  let quotedContent = 0;
  for (let i = 0; i < t.count; i++) {
    if (!isContent(t, i)) continue;
    content++;
    if (q?.[i]) quotedContent++;
    else words.push(a[i]);
  }
  f.narrative = round4(containment(words, uni));
  f.narrativeBigrams = round4(containment(unquotedBigrams(article), bi));
  f.quotedShare = round4(content ? quotedContent / content : 0);
}

/** A text's normalized bigrams outside quotation marks. */
function unquotedBigrams(s: SourceText): Uint32Array {
  const b = ngramHashes(normOf(s), s.tokens.count, 2);
  const q = s.inQuotes;
  return q ? b.filter((_, i) => !spanQuoted(q, i, 2)) : b;
}

/** Content words of the first `count` sentences holding at least three of them. */
function leadWords(src: SourceText, count: number): Set<number> {
  const n = normOf(src);
  const out = new Set<number>();
  let taken = 0;
  for (const [from, to] of sentenceRanges(src)) {
    const words: number[] = [];
    for (let i = from; i < to; i++) if (isContent(src.tokens, i)) words.push(n[i]);
    if (words.length < SENTENCE_MIN_CONTENT) continue;
    for (const w of words) out.add(w);
    if (++taken === count) break;
  }
  return out;
}

/** The lead of a derived story is its source's lead rewritten; an independent report writes its own. */
function leadContainment(article: SourceText, sources: SourceText[]): number {
  const mine = leadWords(article, 2);
  const theirs = new Set<number>();
  for (const s of sources) for (const w of leadWords(s, 2)) theirs.add(w);
  let found = 0;
  for (const w of mine) if (theirs.has(w)) found++;
  return mine.size ? found / mine.size : 0;
}
