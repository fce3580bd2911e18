/**
 * From evidence to a METER class (wholly / partially / non-derived).
 *
 * Two kinds of evidence: aligned passages (the share of the body that copy
 * covers, quotations left out) and, for copy rewritten too much to align
 * (a wire story boiled down to a two-sentence brief), lexical overlap with the
 * candidate sources the index proposed (documents sharing rare n-grams with the
 * article). A decision list:
 *   wholly     coverage >= whollyCoverage  or  distinct-word overlap >= whollyWords
 *   partially  coverage >= partiallyCoverage  or  content-word overlap >= partiallyContentWords
 *   non        otherwise.
 * The thresholds were fitted on the METER development half and checked by
 * 5-fold cross-validation over catchline groups (`npm run eval -- meter`); the
 * README gives the figures.
 */
import type { Derivation } from '../types.js';
import type { Overlap } from './index.js';

export interface Thresholds {
  whollyCoverage: number;
  whollyWords: number;
  partiallyCoverage: number;
  partiallyContentWords: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  whollyCoverage: 0.4,
  whollyWords: 0.9,
  partiallyCoverage: 0.2,
  partiallyContentWords: 0.6,
};

export function classifyDerivation(coverage: number, overlap: Overlap, t: Thresholds = DEFAULT_THRESHOLDS): Derivation {
  if (coverage >= t.whollyCoverage || overlap.words >= t.whollyWords) return 'wholly';
  if (coverage >= t.partiallyCoverage || overlap.contentWords >= t.partiallyContentWords) return 'partially';
  return 'non';
}

/** One number for ranking derived above non-derived (AUC): the evidence relative to the partial thresholds. */
export function derivationScore(coverage: number, overlap: Overlap, t: Thresholds = DEFAULT_THRESHOLDS): number {
  return Math.max(coverage / t.partiallyCoverage, overlap.contentWords / t.partiallyContentWords);
}
