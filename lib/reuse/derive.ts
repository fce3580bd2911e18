/**
 * From coverage to a METER class. The thresholds were chosen by
 * cross-validation on the METER development half (`npm run eval -- meter`),
 * by catchline group; see README "Provenance" for the figures.
 */
import type { Derivation } from '../types.js';

/** Share of the body covered by a source's non-quotation passages from which the article is wholly derived. */
export const WHOLLY_MIN_COVERAGE = 0.6;
/** ... and from which it is partially derived. */
export const PARTIALLY_MIN_COVERAGE = 0.15;

export interface Thresholds {
  wholly: number;
  partially: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { wholly: WHOLLY_MIN_COVERAGE, partially: PARTIALLY_MIN_COVERAGE };

export function classifyCoverage(coverage: number, t: Thresholds = DEFAULT_THRESHOLDS): Derivation {
  return coverage >= t.wholly ? 'wholly' : coverage >= t.partially ? 'partially' : 'non';
}
