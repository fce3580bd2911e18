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
 * decision list: multinomial logistic regression over the features of
 * features.ts (standardized), weights in lib/reuse/derivation-model.json,
 * fitted on the METER development half by `npm run eval -- meter ... save=PATH`
 * (cross-validated figures in the README). Without references only passages
 * count, and the decision list above (with no word overlap) decides.
 */
export interface DerivationModel {
  description: string;
  source: string;
  features: FeatureName[];
  classes: Derivation[];
  mean: number[];
  scale: number[];
  /** One row per class: bias, then one weight per feature. */
  weights: number[][];
}

let bundled: DerivationModel | null = null;
export const MODEL_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '../../../lib/reuse/derivation-model.json');

export function loadDerivationModel(): DerivationModel {
  if (!bundled) bundled = JSON.parse(readFileSync(MODEL_FILE, 'utf8')) as DerivationModel;
  return bundled;
}

/** Class probabilities, in `model.classes` order. */
export function modelProbabilities(f: DerivationFeatures, model: DerivationModel): number[] {
  const x = model.features.map((name, i) => (f[name] - model.mean[i]) / model.scale[i]);
  const z = model.weights.map((w) => w[0] + x.reduce((s, v, i) => s + v * w[i + 1], 0));
  const top = Math.max(...z);
  const e = z.map((v) => Math.exp(v - top));
  const sum = e.reduce((s, v) => s + v, 0);
  return e.map((v) => v / sum);
}

export function classifyFeatures(f: DerivationFeatures, model: DerivationModel = loadDerivationModel()): Derivation {
  const p = modelProbabilities(f, model);
  let best = 0;
  for (let c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
  return model.classes[best];
}

/** Probability of derived (wholly or partially), for ranking (AUC). */
export function derivedProbability(f: DerivationFeatures, model: DerivationModel = loadDerivationModel()): number {
  return 1 - modelProbabilities(f, model)[model.classes.indexOf('non')];
}
