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
 * The list decides without reference documents (overlap is then zero, so only
 * the coverage thresholds act); with references the model below decides.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Derivation } from '../types.js';
import type { DerivationFeatures } from './features.js';
import type { Overlap } from './index.js';

type FeatureName = keyof DerivationFeatures;

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

/**
 * With reference documents given, a small learned model decides instead of the
 * decision list: two logistic regressions over standardized features of
 * features.ts, one scoring derived (wholly or partially) against non-derived,
 * one scoring wholly against the rest, and two thresholds on their scores:
 *   non        derived score < thresholds.derived
 *   wholly     otherwise, when wholly score >= thresholds.wholly
 *   partially  otherwise.
 * The classes are ordered and the derived/non boundary is what macro-F1 is
 * most sensitive to, so the thresholds are set for macro-F1 on the fitting data
 * rather than left at a softmax's argmax. Weights and thresholds live in
 * lib/reuse/derivation-model.json, fitted on the METER development half by
 * `npm run eval -- meter ... save=PATH` (cross-validated figures in the README).
 * Without references only passages count, and the decision list above (with
 * no word overlap) decides.
 */
/** A logistic regression over standardized features. */
export interface LogisticModel {
  features: FeatureName[];
  mean: number[];
  scale: number[];
  /** Bias, then one weight per feature. */
  weights: number[];
}

export interface DerivationModel {
  description: string;
  source: string;
  /** Log-odds of derived (wholly or partially) against non. */
  derived: LogisticModel;
  /** Log-odds of wholly against partially or non. */
  wholly: LogisticModel;
  /** Score cut-offs (log-odds) for the decision above. */
  thresholds: { derived: number; wholly: number };
}

let bundled: DerivationModel | null = null;
export const MODEL_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '../../../lib/reuse/derivation-model.json');

export function loadDerivationModel(): DerivationModel {
  if (!bundled) bundled = JSON.parse(readFileSync(MODEL_FILE, 'utf8')) as DerivationModel;
  return bundled;
}

/** The two scores (log-odds) of an article's features. */
export function modelScores(f: DerivationFeatures, model: DerivationModel): { derived: number; wholly: number } {
  return { derived: logisticScore(f, model.derived), wholly: logisticScore(f, model.wholly) };
}

export function logisticScore(f: DerivationFeatures, m: LogisticModel): number {
  return m.features.reduce((s, name, i) => s + ((f[name] - m.mean[i]) / m.scale[i]) * m.weights[i + 1], m.weights[0]);
}

/** The decision of the thresholds on the two scores. */
export function decide(scores: { derived: number; wholly: number }, thresholds: DerivationModel['thresholds']): Derivation {
  if (scores.derived < thresholds.derived) return 'non';
  return scores.wholly >= thresholds.wholly ? 'wholly' : 'partially';
}

export function classifyFeatures(f: DerivationFeatures, model: DerivationModel = loadDerivationModel()): Derivation {
  return decide(modelScores(f, model), model.thresholds);
}

/** Probability of derived (wholly or partially), for ranking (AUC). */
export function derivedProbability(f: DerivationFeatures, model: DerivationModel = loadDerivationModel()): number {
  return 1 / (1 + Math.exp(-modelScores(f, model).derived));
}
