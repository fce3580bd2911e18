/**
 * Text against text: which passages each article shares with the others and
 * with reference documents, and how much of each body is derived.
 *
 *   tokenize -> word n-gram fingerprints -> index of rare n-grams -> candidate
 *   pairs -> alignment into passages -> quotation check -> coverage per source
 *   -> derivation.
 */
import type { Derivation, ReusePair, ReusePassage } from '../types.js';
import { AlignIndex, alignTokens } from './align.js';
import { DEFAULT_MIN_SHARED, findCandidates, type Candidate } from './candidates.js';
import { classifyDerivation, classifyFeatures, DEFAULT_THRESHOLDS, loadDerivationModel, type DerivationModel, type Thresholds } from './derive.js';
import { derivationFeatures, emptyFeatures, needsMeasuredFeatures, runBackground, type Background, type DerivationFeatures } from './features.js';
import { normalizedHashes } from './normalize.js';
import { quoteSpans, tokensInQuotes } from './quotes.js';
import { ngramHashes, tokenize, type Tokens } from './tokenize.js';

/**
 * Index n-gram length. "Rare" is relative to the corpus: in a small set (an
 * editor's articles against a day's wire feed) even word trigrams are rare
 * enough to propose few pairs, and they find copy rewritten down to short
 * shared phrases; over a crawl only 5-grams keep the candidate pairs (and the
 * cost) close to linear. Measured with `npm run eval -- meter` (n=3: best
 * METER figures) and `npm run bench -- reuse` (n=5: 3x to 15x fewer pairs than
 * n=4 and n=3 at 10k documents); see README.
 */
export const INDEX_N = 5;
export const SMALL_CORPUS_INDEX_N = 3;
/** Corpora with at most this many words in all are small. */
export const SMALL_CORPUS_MAX_WORDS = 200_000;
/**
 * Over a crawl a pair must share this many rare 5-grams to be aligned: chance
 * pairs sharing one or two set phrases grow with the square of the corpus,
 * copies share dozens (bench: 2.1 -> 0.7 candidates per document at 20k).
 */
export const LARGE_CORPUS_MIN_SHARED = 3;
/** A run of matched words is a shared quotation when at least this share of them is quoted on both sides. */
export const QUOTATION_MIN_SHARE = 0.7;

export interface ReuseDocument {
  id: string;
  file: string;
  text: string;
  /** Reference documents are candidate sources only, not analyzed as articles. */
  reference: boolean;
}

export interface ArticleDerivation {
  derivation: Derivation;
  coverage: number;
  sources: { file: string; coverage: number }[];
  /** The sources found are reference documents (a wire feed). */
  fromReferences: boolean;
  /** Lexical overlap with the candidate sources (all of them, passages or not), for the classifier. */
  overlap: Overlap;
  /** The evidence the derivation model weighs (features.ts); word features only against references. */
  features: DerivationFeatures;
}

export interface Overlap {
  /** Share of the article's distinct words found in its candidate sources. */
  words: number;
  /** Share of its content words (five letters or more: a stopword list without the list) found there. */
  contentWords: number;
}

/** Words at least this long count as content words for the overlap. */
export { CONTENT_WORD_MIN_LENGTH } from './features.js';

export interface ReuseResult {
  pairs: ReusePair[];
  derivations: Map<string, ArticleDerivation>;
}

export interface ReuseOptions {
  thresholds?: Thresholds;
  /** The derivation model used with references (default: lib/reuse/derivation-model.json). */
  model?: DerivationModel;
  indexN?: number;
  maxDf?: number;
  minShared?: number;
  coverage?: CoverageMode;
  /** Compute the measured-only derivation features too (features.ts; the METER suite). */
  measureAll?: boolean;
  /** Word document frequencies for their idf weights (default: the documents of the run). */
  background?: Background;
  /** Filled with milliseconds per phase (for bench/reuse.ts). */
  timings?: Record<string, number>;
  /** Filled with counts: n-grams indexed, candidate pairs. */
  stats?: Record<string, number>;
}

export interface Prepared {
  doc: ReuseDocument;
  tokens: Tokens;
  quoted: Uint8Array;
  /** Normalized word hashes (normalize.ts), filled when first needed. */
  normalized?: Uint32Array;
}

interface PairAlignment {
  /** Indexes into the prepared documents; `a` is the article side. */
  a: number;
  b: number;
  passages: ReusePassage[];
  /** Token ranges of A covered by non-quotation passages. */
  /** Per token: 1 when covered by a non-quotation passage. */
  coveredA: Uint8Array;
  coveredB: Uint8Array;
  /** Per token: 1 inside a shared-quotation passage. */
  quotationA: Uint8Array;
  quotationB: Uint8Array;
}

/** What counts as covered: the whole span of a passage, or only its exactly matched words. */
export type CoverageMode = 'span' | 'matched';
export const COVERAGE_MODE: CoverageMode = 'span';

export function analyzeReuse(documents: ReuseDocument[], options: ReuseOptions = {}): ReuseResult {
  let words = 0;
  let clock = performance.now();
  const lap = (phase: string) => {
    const now = performance.now();
    if (options.timings) options.timings[phase] = now - clock;
    clock = now;
  };
  const prepared: Prepared[] = documents.map((doc) => {
    const p = prepareDocument(doc);
    words += p.tokens.count;
    return p;
  });
  const small = words <= SMALL_CORPUS_MAX_WORDS;
  const n = options.indexN ?? (small ? SMALL_CORPUS_INDEX_N : INDEX_N);
  const fingerprints = prepared.map((p) => ngramHashes(p.tokens.hashes, p.tokens.count, n));
  lap('fingerprint');
  const candidates = findCandidates(fingerprints, {
    maxDf: options.maxDf,
    minShared: options.minShared ?? (small ? DEFAULT_MIN_SHARED : LARGE_CORPUS_MIN_SHARED),
    wantPair: (x, y) => !(documents[x].reference && documents[y].reference),
  });

  fingerprints.length = 0; // the index is built: let the n-grams go before alignment
  lap('index');
  return reuseFromCandidates(prepared, candidates, documents.some((d) => d.reference), options, lap);
}

/** A document's normalized word hashes, computed once. */
export function normalizedOf(p: Prepared): Uint32Array {
  return (p.normalized ??= normalizedHashes(p.doc.text, p.tokens));
}

/** A document tokenized for reuse, with its quoted tokens flagged. */
export function prepareDocument(doc: ReuseDocument): Prepared {
  const tokens = tokenize(doc.text);
  return { doc, tokens, quoted: tokensInQuotes(quoteSpans(doc.text), tokens.starts, tokens.ends, tokens.count) };
}

/**
 * The stages after the index: align candidate pairs, coverage, derivation.
 * `candidates` index into `prepared` (a < b, sorted by a then b, articles
 * before references); `haveReferences` says whether the run has a feed at all
 * (a stored index may have one even when no reference document is a candidate).
 * Shared by the in-memory index and the lasting one (lib/store/query.ts).
 */
export function reuseFromCandidates(
  prepared: Prepared[],
  candidates: Candidate[],
  haveReferences: boolean,
  options: ReuseOptions = {},
  lap: (phase: string) => void = () => {},
): ReuseResult {
  const documents = prepared.map((p) => p.doc);
  if (options.stats) {
    options.stats.candidates = candidates.length;
  }
  const alignments: PairAlignment[] = [];
  // Candidates come sorted by their first document: index it once for all its partners.
  let indexedDoc = -1;
  let index: AlignIndex | null = null;
  for (const c of candidates) {
    if (indexedDoc !== c.a || !index) [indexedDoc, index] = [c.a, new AlignIndex(prepared[c.a].tokens)];
    const al = alignPair(prepared[c.a], index, prepared[c.b], options.coverage ?? COVERAGE_MODE);
    if (!al.passages.length) continue;
    // The article is side a; between two articles, input order decides.
    if (documents[c.a].reference) {
      const passages = al.passages.map((p) => ({ ...p, a: p.b, b: p.a, text: documents[c.b].text.slice(p.b.start, p.b.end) }));
      passages.sort((x, y) => x.a.start - y.a.start || x.b.start - y.b.start || x.a.end - y.a.end || x.b.end - y.b.end);
      alignments.push({ a: c.b, b: c.a, passages, coveredA: al.coveredB, coveredB: al.coveredA, quotationA: al.quotationB, quotationB: al.quotationA });
    } else alignments.push({ a: c.a, b: c.b, ...al });
  }
  lap('align');
  const pairs: ReusePair[] = alignments.map((al) => ({
    a: documents[al.a].id,
    b: documents[al.b].id,
    coverageA: share(al.coveredA),
    coverageB: share(al.coveredB),
    passages: al.passages,
  }));

  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const derivations = new Map<string, ArticleDerivation>();
  const partners: number[][] = prepared.map(() => []);
  for (const c of candidates) {
    partners[c.a].push(c.b);
    partners[c.b].push(c.a);
  }
  const byDocument: PairAlignment[][] = prepared.map(() => []);
  for (const al of alignments) {
    byDocument[al.a].push(al);
    byDocument[al.b].push(al);
  }
  // The measured-only features cost a second pass over each article: only when asked or weighed.
  const model = haveReferences ? (options.model ?? loadDerivationModel()) : undefined;
  const measured =
    model && (options.measureAll || needsMeasuredFeatures([...model.derived.features, ...model.wholly.features]))
      ? { background: options.background ?? runBackground(prepared) }
      : undefined;
  prepared.forEach((p, index) => {
    if (p.doc.reference) return;
    const covered = new Uint8Array(p.tokens.count);
    const sharedQuotation = new Uint8Array(p.tokens.count);
    const sources: { file: string; coverage: number }[] = [];
    for (const al of byDocument[index]) {
      let other: number;
      let flags: Uint8Array;
      let quotation: Uint8Array;
      if (al.a === index) [other, flags, quotation] = [al.b, al.coveredA, al.quotationA];
      else if (al.b === index) [other, flags, quotation] = [al.a, al.coveredB, al.quotationB];
      else continue;
      // With a wire feed given, origin is measured against it alone.
      if (haveReferences && !documents[other].reference) continue;
      for (let t = 0; t < quotation.length; t++) sharedQuotation[t] |= quotation[t];
      const coverage = share(flags);
      if (coverage === 0) continue;
      for (let t = 0; t < flags.length; t++) covered[t] |= flags[t];
      sources.push({ file: documents[other].file, coverage });
    }
    sources.sort((x, y) => y.coverage - x.coverage || (x.file < y.file ? -1 : x.file > y.file ? 1 : 0));
    const coverage = share(covered);
    // Word overlap speaks only against a feed the user named as sources: between peer
    // articles on one event, shared words are expected and only passages count.
    let features: DerivationFeatures;
    let derivation: Derivation;
    if (haveReferences) {
      const refs = partners[index]
        .filter((o) => documents[o].reference)
        .map((o) => ({ text: documents[o].text, tokens: prepared[o].tokens, inQuotes: prepared[o].quoted, normalized: measured && normalizedOf(prepared[o]) }));
      const article = { text: p.doc.text, tokens: p.tokens, quoted: sharedQuotation, inQuotes: p.quoted, normalized: measured && normalizedOf(p) };
      features = derivationFeatures(article, refs, coverage, measured);
      derivation = classifyFeatures(features, model);
    } else {
      features = emptyFeatures(coverage, p.tokens.count);
      derivation = classifyDerivation(coverage, { words: 0, contentWords: 0 }, thresholds);
    }
    const overlap = { words: features.words, contentWords: features.contentWords };
    derivations.set(p.doc.id, { derivation, coverage, sources, fromReferences: haveReferences && sources.length > 0, overlap, features });
  });
  lap('derive');
  return { pairs, derivations };
}

function alignPair(A: Prepared, indexA: AlignIndex, B: Prepared, mode: CoverageMode): Omit<PairAlignment, 'a' | 'b'> {
  const passages: ReusePassage[] = [];
  const coveredA = new Uint8Array(A.tokens.count);
  const coveredB = new Uint8Array(B.tokens.count);
  const quotationA = new Uint8Array(A.tokens.count);
  const quotationB = new Uint8Array(B.tokens.count);
  const quotedRun = (r: { a: number; b: number; length: number }) => {
    let q = 0;
    for (let k = 0; k < r.length; k++) q += A.quoted[r.a + k] & B.quoted[r.b + k];
    return q >= QUOTATION_MIN_SHARE * r.length;
  };
  for (const tp of alignTokens(indexA, B.tokens, quotedRun)) {
    const quotation = tp.quotation;
    const a = { start: A.tokens.starts[tp.aStart], end: A.tokens.ends[tp.aEnd - 1] };
    const b = { start: B.tokens.starts[tp.bStart], end: B.tokens.ends[tp.bEnd - 1] };
    passages.push({ a, b, text: A.doc.text.slice(a.start, a.end), quotation });
    if (quotation) {
      quotationA.fill(1, tp.aStart, tp.aEnd);
      quotationB.fill(1, tp.bStart, tp.bEnd);
      continue;
    }
    if (mode === 'span') {
      // The whole passage counts, copy-edited words included.
      coveredA.fill(1, tp.aStart, tp.aEnd);
      coveredB.fill(1, tp.bStart, tp.bEnd);
    } else
      for (const r of tp.runs) {
        coveredA.fill(1, r.a, r.a + r.length);
        coveredB.fill(1, r.b, r.b + r.length);
      }
  }
  return { passages, coveredA, coveredB, quotationA, quotationB };
}

function quotedShare(flags: Uint8Array, from: number, to: number): number {
  let q = 0;
  for (let t = from; t < to; t++) q += flags[t];
  return to > from ? q / (to - from) : 0;
}

/** Share of tokens flagged, rounded to 4 places for stable output. */
function share(flags: Uint8Array): number {
  if (!flags.length) return 0;
  let covered = 0;
  for (let t = 0; t < flags.length; t++) covered += flags[t];
  return Math.round((covered / flags.length) * 10000) / 10000;
}
