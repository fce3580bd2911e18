/**
 * Alignment of one candidate pair into passages. Anchors are word n-grams
 * (short ones, `ALIGN_N`) the two texts share; consecutive anchors on one
 * diagonal form exact runs; runs close to each other on both sides are chained
 * into one passage, so copy editing (a word changed, a clause inserted or cut)
 * does not break a passage, and reordered or dropped sentences give separate
 * passages. Works on token indexes; the caller maps them to characters.
 */
import { ngramHashes, type Tokens } from './tokenize.js';

/** Anchor n-gram length inside a pair. */
export const ALIGN_N = 3;
/** N-grams repeated more often than this in the indexed text are not anchors (repeated phrases). */
export const MAX_ANCHOR_OCCURRENCES = 4;
/** Largest gap, in tokens on either side, bridged inside one passage. */
export const MAX_GAP = 12;
/** A passage needs at least this many matched tokens... */
export const MIN_PASSAGE_MATCHED = 7;
/** ... and one exact run at least this long: names and set phrases ("North Korean leader Kim Jong Un", 6 words) are shared by chance. */
export const MIN_LONGEST_RUN = 8;
/**
 * ... and at least this share of its words matched exactly on the longer side:
 * copy-edited text stays dense, while same-event stories chain names and set
 * phrases ("North Korean leader ... President Vladimir Putin") across gaps.
 */
export const MIN_PASSAGE_DENSITY = 0.6;

export interface TokenPassage {
  /** Token index range [aStart, aEnd) in A and [bStart, bEnd) in B. */
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
  /** Exact runs inside it, as A token ranges matched to B. */
  runs: { a: number; b: number; length: number }[];
  matched: number;
  /** Made of runs the caller's `quoted` test put apart (shared quotations). */
  quotation: boolean;
}

interface Run {
  a: number;
  b: number;
  length: number;
}

/** One side of a pair, indexed once and reused for all its candidate partners. */
export class AlignIndex {
  readonly positions = new Map<number, number[]>();
  constructor(
    readonly tokens: Tokens,
    readonly n = ALIGN_N,
  ) {
    const grams = ngramHashes(tokens.hashes, tokens.count, n);
    for (let i = 0; i < grams.length; i++) {
      const list = this.positions.get(grams[i]);
      if (list) list.push(i);
      else this.positions.set(grams[i], [i]);
    }
  }
}

/**
 * `quoted(run)` tells runs of quoted words (shared quotations) apart: they are
 * chained only with each other, so a quotation never lends its length to copy.
 */
export function alignTokens(A: Tokens | AlignIndex, B: Tokens, quoted: (run: { a: number; b: number; length: number }) => boolean = () => false): TokenPassage[] {
  const index = A instanceof AlignIndex ? A : new AlignIndex(A);
  const n = index.n;
  const tokensA = index.tokens;
  if (tokensA.count < n || B.count < n) return [];
  const gb = ngramHashes(B.hashes, B.count, n);

  // Exact runs: anchors on the same diagonal at consecutive positions of B.
  const runs: Run[] = [];
  const openRun = new Map<number, number>(); // diagonal -> index in runs of the run ending at j-1
  for (let j = 0; j < gb.length; j++) {
    const list = index.positions.get(gb[j]);
    if (!list || list.length > MAX_ANCHOR_OCCURRENCES) continue;
    for (const i of list) {
      // Verify the tokens (hash collisions).
      let same = true;
      for (let k = 0; k < n && same; k++) same = tokensA.hashes[i + k] === B.hashes[j + k];
      if (!same) continue;
      const diag = i - j;
      const r = openRun.get(diag);
      if (r !== undefined && runs[r].b + runs[r].length - n + 1 === j) runs[r].length++;
      else {
        openRun.set(diag, runs.length);
        runs.push({ a: i, b: j, length: n });
      }
    }
  }
  runs.sort((x, y) => x.a - y.a || x.b - y.b);
  const quoteRuns: Run[] = [];
  const copyRuns: Run[] = [];
  for (const run of runs) (quoted(run) ? quoteRuns : copyRuns).push(run);
  return [...chainRuns(copyRuns, n, false), ...chainRuns(quoteRuns, n, true)].sort((x, y) => x.aStart - y.aStart || x.bStart - y.bStart);
}

function chainRuns(runs: Run[], n: number, quotation: boolean): TokenPassage[] {
  // Chain runs that follow each other closely on both sides.
  interface Chain {
    runs: Run[];
    aEnd: number;
    bEnd: number;
  }
  const chains: Chain[] = [];
  for (const run of runs) {
    let best: Chain | null = null;
    let bestCost = Infinity;
    for (let c = chains.length - 1; c >= 0; c--) {
      const ch = chains[c];
      const gapA = run.a - ch.aEnd;
      if (gapA > MAX_GAP) continue;
      const gapB = run.b - ch.bEnd;
      if (gapA < -n || gapB < -n || gapB > MAX_GAP) continue;
      const cost = Math.abs(gapA) + Math.abs(gapB);
      if (cost < bestCost) {
        bestCost = cost;
        best = ch;
      }
    }
    if (best) {
      best.runs.push(run);
      best.aEnd = Math.max(best.aEnd, run.a + run.length);
      best.bEnd = Math.max(best.bEnd, run.b + run.length);
    } else chains.push({ runs: [run], aEnd: run.a + run.length, bEnd: run.b + run.length });
  }

  const passages: TokenPassage[] = [];
  for (const ch of chains) {
    let matched = 0;
    let covered = -1;
    let longest = 0;
    for (const r of ch.runs) {
      longest = Math.max(longest, r.length);
      const from = Math.max(r.a, covered);
      if (r.a + r.length > from) matched += r.a + r.length - from;
      covered = Math.max(covered, r.a + r.length);
    }
    if (matched < MIN_PASSAGE_MATCHED || longest < MIN_LONGEST_RUN) continue;
    const bStart = Math.min(...ch.runs.map((r) => r.b));
    if (matched < MIN_PASSAGE_DENSITY * Math.max(ch.aEnd - ch.runs[0].a, ch.bEnd - bStart)) continue;
    passages.push({
      aStart: ch.runs[0].a,
      aEnd: ch.aEnd,
      bStart,
      bEnd: ch.bEnd,
      runs: ch.runs.map((r) => ({ a: r.a, b: r.b, length: r.length })),
      matched,
      quotation,
    });
  }
  return passages;
}
