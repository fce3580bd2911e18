/**
 * Text against text: which passages each article shares with the others and
 * with reference documents, and how much of each body is derived.
 *
 *   tokenize -> word n-gram fingerprints -> index of rare n-grams -> candidate
 *   pairs -> alignment into passages -> quotation check -> coverage per source
 *   -> derivation.
 */
import type { Derivation, ReusePair, ReusePassage } from '../types.js';
import { alignTokens } from './align.js';
import { findCandidates } from './candidates.js';
import { classifyCoverage, DEFAULT_THRESHOLDS, type Thresholds } from './derive.js';
import { quoteSpans, tokensInQuotes } from './quotes.js';
import { ngramHashes, tokenize, type Tokens } from './tokenize.js';

/** Index n-gram length (chosen on METER, see README). */
export const INDEX_N = 5;
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
}

export interface ReuseResult {
  pairs: ReusePair[];
  derivations: Map<string, ArticleDerivation>;
}

export interface ReuseOptions {
  thresholds?: Thresholds;
  indexN?: number;
  maxDf?: number;
  minShared?: number;
  coverage?: CoverageMode;
}

interface Prepared {
  doc: ReuseDocument;
  tokens: Tokens;
  quoted: Uint8Array;
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
}

/** What counts as covered: the whole span of a passage, or only its exactly matched words. */
export type CoverageMode = 'span' | 'matched';
export const COVERAGE_MODE: CoverageMode = 'span';

export function analyzeReuse(documents: ReuseDocument[], options: ReuseOptions = {}): ReuseResult {
  const n = options.indexN ?? INDEX_N;
  const prepared: Prepared[] = documents.map((doc) => {
    const tokens = tokenize(doc.text);
    return { doc, tokens, quoted: tokensInQuotes(quoteSpans(doc.text), tokens.starts, tokens.ends, tokens.count) };
  });
  const fingerprints = prepared.map((p) => ngramHashes(p.tokens.hashes, p.tokens.count, n));
  const candidates = findCandidates(fingerprints, {
    maxDf: options.maxDf,
    minShared: options.minShared,
    wantPair: (x, y) => !(documents[x].reference && documents[y].reference),
  });

  const alignments: PairAlignment[] = [];
  for (const c of candidates) {
    // The article is side a; between two articles, input order decides.
    const [a, b] = documents[c.a].reference ? [c.b, c.a] : [c.a, c.b];
    const al = alignPair(prepared[a], prepared[b], options.coverage ?? COVERAGE_MODE);
    if (al.passages.length) alignments.push({ a, b, ...al });
  }

  const pairs: ReusePair[] = alignments.map((al) => ({
    a: documents[al.a].id,
    b: documents[al.b].id,
    coverageA: share(al.coveredA),
    coverageB: share(al.coveredB),
    passages: al.passages,
  }));

  const haveReferences = documents.some((d) => d.reference);
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const derivations = new Map<string, ArticleDerivation>();
  prepared.forEach((p, index) => {
    if (p.doc.reference) return;
    const covered = new Uint8Array(p.tokens.count);
    const sources: { file: string; coverage: number }[] = [];
    for (const al of alignments) {
      let other: number;
      let flags: Uint8Array;
      if (al.a === index) [other, flags] = [al.b, al.coveredA];
      else if (al.b === index) [other, flags] = [al.a, al.coveredB];
      else continue;
      // With a wire feed given, origin is measured against it alone.
      if (haveReferences && !documents[other].reference) continue;
      const coverage = share(flags);
      if (coverage === 0) continue;
      for (let t = 0; t < flags.length; t++) covered[t] |= flags[t];
      sources.push({ file: documents[other].file, coverage });
    }
    sources.sort((x, y) => y.coverage - x.coverage || (x.file < y.file ? -1 : x.file > y.file ? 1 : 0));
    const coverage = share(covered);
    derivations.set(p.doc.id, { derivation: classifyCoverage(coverage, thresholds), coverage, sources, fromReferences: haveReferences && sources.length > 0 });
  });
  return { pairs, derivations };
}

function alignPair(A: Prepared, B: Prepared, mode: CoverageMode): Omit<PairAlignment, 'a' | 'b'> {
  const passages: ReusePassage[] = [];
  const coveredA = new Uint8Array(A.tokens.count);
  const coveredB = new Uint8Array(B.tokens.count);
  const quotedRun = (r: { a: number; b: number; length: number }) => {
    let q = 0;
    for (let k = 0; k < r.length; k++) q += A.quoted[r.a + k] & B.quoted[r.b + k];
    return q >= QUOTATION_MIN_SHARE * r.length;
  };
  for (const tp of alignTokens(A.tokens, B.tokens, quotedRun)) {
    const quotation = tp.quotation;
    const a = { start: A.tokens.starts[tp.aStart], end: A.tokens.ends[tp.aEnd - 1] };
    const b = { start: B.tokens.starts[tp.bStart], end: B.tokens.ends[tp.bEnd - 1] };
    passages.push({ a, b, text: A.doc.text.slice(a.start, a.end), quotation });
    if (quotation) continue;
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
  return { passages, coveredA, coveredB };
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
