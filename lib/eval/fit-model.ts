/**
 * Fitting the derivation model (lib/reuse/derive.ts): multinomial logistic
 * regression, features standardized, L2 penalty, classes weighted by inverse
 * frequency (the target is macro-F1), full-batch gradient descent from zero
 * weights for a fixed number of steps: deterministic, no dependencies.
 */
import type { DerivationModel } from '../reuse/derive.js';
import type { DerivationFeatures } from '../reuse/features.js';
import type { Derivation } from '../types.js';

export interface FitOptions {
  l2?: number;
  steps?: number;
  rate?: number;
  /** Classes weighted by inverse frequency to this power (0: unweighted, 1: balanced; default 0.5: best of 0, 0.5, 0.7, 1 by cross-validated macro-F1 on METER dev). */
  balance?: number;
}

export function fitDerivationModel(
  rows: DerivationFeatures[],
  gold: Derivation[],
  features: readonly (keyof DerivationFeatures)[],
  classes: Derivation[],
  options: FitOptions = {},
): DerivationModel {
  const l2 = options.l2 ?? 0.01;
  const steps = options.steps ?? 3000;
  const rate = options.rate ?? 0.5;
  const d = features.length;
  const n = rows.length;
  const mean = features.map((f) => rows.reduce((s, r) => s + r[f], 0) / n);
  const scale = features.map((f, j) => Math.sqrt(rows.reduce((s, r) => s + (r[f] - mean[j]) ** 2, 0) / n) || 1);
  const X = rows.map((r) => features.map((f, j) => (r[f] - mean[j]) / scale[j]));
  const y = gold.map((g) => classes.indexOf(g));
  const counts = classes.map((_, c) => y.filter((v) => v === c).length);
  const weightOf = y.map((c) => (n / (classes.length * Math.max(1, counts[c]))) ** (options.balance ?? 0.5));
  const W = classes.map(() => new Array<number>(d + 1).fill(0));
  for (let step = 0; step < steps; step++) {
    const grad = classes.map(() => new Array<number>(d + 1).fill(0));
    for (let i = 0; i < n; i++) {
      const z = W.map((w) => w[0] + X[i].reduce((s, v, j) => s + v * w[j + 1], 0));
      const top = Math.max(...z);
      const e = z.map((v) => Math.exp(v - top));
      const sum = e.reduce((s, v) => s + v, 0);
      for (let c = 0; c < classes.length; c++) {
        const g = weightOf[i] * (e[c] / sum - (y[i] === c ? 1 : 0));
        grad[c][0] += g;
        for (let j = 0; j < d; j++) grad[c][j + 1] += g * X[i][j];
      }
    }
    for (let c = 0; c < classes.length; c++)
      for (let j = 0; j <= d; j++) W[c][j] -= rate * (grad[c][j] / n + (j ? l2 * W[c][j] : 0));
  }
  const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
  return {
    description: 'Derivation of an article from reference documents (wholly / partially / non): multinomial logistic regression over standardized features (lib/reuse/features.ts).',
    source: 'Fitted on the METER corpus development half (Clough, Gaizauskas, Piao and Wilks 2002; 470 newspaper stories) by `npm run eval -- meter ../shared/eval/meter-dev save=lib/reuse/derivation-model.json`.',
    features: [...features],
    classes,
    mean: mean.map(r6),
    scale: scale.map(r6),
    weights: W.map((w) => w.map(r6)),
  };
}
