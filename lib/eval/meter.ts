/**
 * `sourcetrace eval meter [DIR] [key=value...]`: the METER corpus (Clough et al.
 * 2002), Press Association wire stories and the UK newspaper stories written
 * from them, labelled wholly / partially / non-derived by journalists. Per
 * catchline group, its PA files are the references and its newspaper stories
 * the articles, exactly as `analyze --reference PA/... newspapers/...` would
 * treat them (the text layer alone decides derivation when references are given).
 *
 * Prints, for the model refitted by k-fold cross-validation over catchline
 * groups and for the shipped model: macro-F1 over the three classes, per-class
 * F1, the confusion matrix; and the AUC of the model's derived score (and of
 * each single feature) for derived (wholly + partially) against non-derived.
 * Knobs for measuring (not for users): n=INDEX_N, folds=5, seed=N (another
 * assignment of groups to folds; 0 the default one), features=a,b,... (wholly
 * regression), derivedFeatures=a,b,... (derived regression), l2=, balance=,
 * background=corpus|reuters (idf weights of the measured features), dump=PATH
 * (every feature of every story as TSV), save=PATH (refit the shipped model).
 * Every feature of features.ts is computed, the measured-only ones included,
 * so that each prints its single-feature AUC and can be tried in a regression.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, resolve } from 'node:path';
import { extractArticle } from '../extract/index.js';
import { decodeBytes } from '../ingest/decode.js';
import { loadLexicons, type LexiconSet } from '../lexicon/load.js';
import { analyzeReuse, prepareDocument, INDEX_N, SMALL_CORPUS_INDEX_N, SMALL_CORPUS_MAX_WORDS, type CoverageMode, type Overlap, type ReuseDocument } from '../reuse/index.js';
import { referenceText } from '../reuse/reference.js';
import { classifyFeatures, derivedProbability, loadDerivationModel, MODEL_FILE } from '../reuse/derive.js';
import type { Derivation } from '../types.js';
import { emptyFeatures, FEATURE_NAMES, runBackground, type Background, type DerivationFeatures } from '../reuse/features.js';
import { fitDerivationModel } from './fit-model.js';
import { SHARED_DIR, type EvalSuite } from './index.js';
import { reutersStories } from './wire-text.js';

const CLASSES: Derivation[] = ['wholly', 'partially', 'non'];
const LABELS: Record<string, Derivation> = { wholly_derived: 'wholly', partially_derived: 'partially', non_derived: 'non' };

interface Story {
  path: string;
  group: string;
  gold: Derivation;
  sources: string[];
}

export interface Scored {
  story: Story;
  coverage: number;
  overlap: Overlap;
  features: DerivationFeatures;
}

/** Measuring knob `articles=raw`: newspaper stories read as plain text, not through extraction. */
let rawArticles = false;

function readText(path: string, lexicons: LexiconSet, reference: boolean): string {
  const doc = { file: path, content: decodeBytes(readFileSync(path)).text.normalize('NFC'), format: 'text' as const };
  // As `analyze --reference` reads them: articles through extraction, references as they are.
  return reference || rawArticles ? referenceText(doc, lexicons) : extractArticle(doc, lexicons).body.text;
}

export function readManifest(dir: string): Story[] {
  const lines = readFileSync(resolve(dir, 'manifest.tsv'), 'latin1').split('\n').filter((l) => l.trim());
  const head = lines[0].split('\t');
  const col = (name: string) => {
    const i = head.indexOf(name);
    if (i < 0) throw new Error(`${dir}/manifest.tsv: no column "${name}"`);
    return i;
  };
  const [pathCol, classCol, sourcesCol] = [col('newspaper_path'), col('class'), col('pa_source_paths')];
  return lines.slice(1).map((line) => {
    const f = line.split('\t');
    const gold = LABELS[f[classCol]];
    if (!gold) throw new Error(`${dir}/manifest.tsv: unknown class "${f[classCol]}"`);
    return { path: f[pathCol], group: dirname(f[pathCol]), gold, sources: f[sourcesCol].split(';').filter(Boolean) };
  });
}

/** Coverage of every story by its group's PA files. */
/**
 * Measuring knob `background=`: the idf weights of the measured features against
 * every story and PA file of the set (`corpus`) or Reuters-21578 bodies
 * (`reuters`) instead of the documents of each run (what analyze does).
 */
function measuringBackground(kind: string | undefined, dir: string, stories: Story[], lexicons: LexiconSet): Background | undefined {
  const texts: string[] = [];
  if (kind === 'corpus') {
    for (const p of [...new Set(stories.flatMap((s) => [s.path, ...s.sources]))].sort()) texts.push(readText(resolve(dir, p), lexicons, p.startsWith('PA/')));
  } else if (kind === 'reuters') {
    const reuters = resolve(SHARED_DIR, 'eval/reuters21578');
    for (const f of readdirSync(reuters).filter((f) => f.endsWith('.sgm.gz')).sort())
      for (const story of reutersStories(gunzipSync(readFileSync(resolve(reuters, f))).toString('latin1'))) texts.push(story.body);
  } else return undefined;
  return runBackground(texts.map((text, i) => prepareDocument({ id: String(i), file: String(i), text, reference: false })));
}

export function scoreStories(dir: string, stories: Story[], n?: number, coverage?: CoverageMode, backgroundKind?: string): Scored[] {
  const lexicons = loadLexicons();
  const background = measuringBackground(backgroundKind, dir, stories, lexicons);
  const groups = new Map<string, Story[]>();
  for (const s of stories) groups.set(s.group, [...(groups.get(s.group) ?? []), s]);
  const out: Scored[] = [];
  for (const [, members] of [...groups].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    const refs = [...new Set(members.flatMap((s) => s.sources))].sort();
    const docs: ReuseDocument[] = [
      ...members.map((s) => ({ id: s.path, file: s.path, text: readText(resolve(dir, s.path), lexicons, false), reference: false })),
      ...refs.map((r) => ({ id: r, file: r, text: readText(resolve(dir, r), lexicons, true), reference: true })),
    ];
    const result = analyzeReuse(docs, { indexN: n, coverage, background, measureAll: true });
    for (const s of members) {
      const d = result.derivations.get(s.path);
      out.push({ story: s, coverage: d?.coverage ?? 0, overlap: d?.overlap ?? { words: 0, contentWords: 0 }, features: d?.features ?? emptyFeatures(0, 0) });
    }
  }
  return out;
}

export function auc(scored: Scored[], score: (s: Scored) => number): number {
  const pos = scored.filter((s) => s.story.gold !== 'non').map(score);
  const neg = scored.filter((s) => s.story.gold === 'non').map(score);
  let wins = 0;
  for (const p of pos) for (const q of neg) wins += p > q ? 1 : p === q ? 0.5 : 0;
  return pos.length && neg.length ? wins / (pos.length * neg.length) : NaN;
}

interface Figures {
  macroF1: number;
  f1: Record<Derivation, number>;
  confusion: Record<Derivation, Record<Derivation, number>>;
}

function figures(gold: Derivation[], predicted: Derivation[]): Figures {
  const confusion = Object.fromEntries(CLASSES.map((g) => [g, Object.fromEntries(CLASSES.map((p) => [p, 0]))])) as Figures['confusion'];
  gold.forEach((g, i) => confusion[g][predicted[i]]++);
  const f1 = {} as Record<Derivation, number>;
  for (const c of CLASSES) {
    const tp = confusion[c][c];
    const predictedC = CLASSES.reduce((sum, g) => sum + confusion[g][c], 0);
    const goldC = CLASSES.reduce((sum, p) => sum + confusion[c][p], 0);
    f1[c] = tp ? (2 * tp) / (predictedC + goldC) : 0;
  }
  return { macroF1: CLASSES.reduce((s, c) => s + f1[c], 0) / CLASSES.length, f1, confusion };
}

function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function printFigures(title: string, f: Figures, print: (line: string) => void): void {
  print(`${title}: macro-F1 ${f.macroF1.toFixed(3)}  (F1 wholly ${f.f1.wholly.toFixed(3)}, partially ${f.f1.partially.toFixed(3)}, non ${f.f1.non.toFixed(3)})`);
  print(`  gold \\ predicted   wholly  partially    non`);
  for (const g of CLASSES)
    print(`  ${g.padEnd(18)}${String(f.confusion[g].wholly).padStart(7)}${String(f.confusion[g].partially).padStart(11)}${String(f.confusion[g].non).padStart(7)}`);
}

/** A function (hoisted), so the registry can call it whichever module loads first. */
export function meterSuite(): EvalSuite {
  return {
  name: 'meter',
  description: 'derivation (wholly/partially/non) on the METER corpus: macro-F1, per-class F1, AUC, confusion matrix',
  run(args, print) {
    const positional = args.filter((a) => !a.includes('='));
    const knobs = Object.fromEntries(args.filter((a) => a.includes('=')).map((a) => a.split('=', 2)));
    const dir = positional[0] ? resolve(process.cwd(), positional[0]) : resolve(SHARED_DIR, 'eval/meter-dev');
    const n = knobs.n ? Number(knobs.n) : undefined;
    const k = knobs.folds ? Number(knobs.folds) : 5;
    let stories: Story[];
    try {
      stories = readManifest(dir);
    } catch (e) {
      process.stderr.write(`sourcetrace: meter: ${(e as Error).message}\n`);
      return 2;
    }
    rawArticles = knobs.articles === 'raw';
    const started = performance.now();
    const scored = scoreStories(dir, stories, n, knobs.coverage as CoverageMode | undefined, knobs.background);
    const groups = [...new Set(stories.map((s) => s.group))];
    const counts = CLASSES.map((c) => `${c} ${stories.filter((s) => s.gold === c).length}`).join(', ');
    print(`METER ${dir}: ${stories.length} newspaper stories (${counts}) in ${groups.length} catchline groups; index n=${n ?? `${SMALL_CORPUS_INDEX_N} (small sets; ${INDEX_N} over ${SMALL_CORPUS_MAX_WORDS} words)`}; ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const gold = scored.map((s) => s.story.gold);
    const list = (v?: string) => (v ? (v.split(',') as (keyof DerivationFeatures)[]) : undefined);
    // `features=` sets the wholly regression's features, `derivedFeatures=` the derived one's.
    const names = { derived: list(knobs.derivedFeatures), wholly: list(knobs.features) };
    const fit = { l2: knobs.l2 ? Number(knobs.l2) : undefined, balance: knobs.balance ? Number(knobs.balance) : undefined };

    // k-fold by catchline group: a group's stories are never split between fitting and testing.
    // `seed=N` draws another assignment of groups to folds (for repeated cross-validation); seed=0 is the default one.
    const seed = knobs.seed && knobs.seed !== '0' ? knobs.seed : undefined;
    const fold = new Map(groups.map((g) => [g, fnv(seed ? `${g}#${seed}` : g) % k]));
    const predicted: Derivation[] = new Array(scored.length);
    const derivedP: number[] = new Array(scored.length);
    for (let f = 0; f < k; f++) {
      const train = scored.filter((s) => fold.get(s.story.group) !== f);
      const model = fitDerivationModel(train.map((s) => s.features), train.map((s) => s.story.gold), names, fit);
      scored.forEach((s, i) => {
        if (fold.get(s.story.group) !== f) return;
        predicted[i] = classifyFeatures(s.features, model);
        derivedP[i] = derivedProbability(s.features, model);
      });
    }
    const index = new Map(scored.map((s, i) => [s, i]));
    print(`AUC derived vs non: ${auc(scored, (s) => derivedP[index.get(s)!]).toFixed(3)} (model, ${k}-fold cross-validated by catchline group)`);
    print(`  single features: ${FEATURE_NAMES.map((f) => `${f} ${auc(scored, (s) => s.features[f]).toFixed(3)}`).join(', ')}`);
    printFigures(`${k}-fold cross-validated by catchline group (model fitted on the other folds)`, figures(gold, predicted), print);

    if (knobs.dump) {
      // One row per story: its group, gold class and every feature, for measuring outside the suite.
      const rows = scored.map((s) => [s.story.path, s.story.group, s.story.gold, ...FEATURE_NAMES.map((f) => String(s.features[f]))].join('\t'));
      writeFileSync(resolve(process.cwd(), knobs.dump), `${['path', 'group', 'gold', ...FEATURE_NAMES].join('\t')}\n${rows.join('\n')}\n`);
      print(`features of all ${scored.length} stories written to ${knobs.dump}`);
    }
    if (knobs.save) {
      const model = fitDerivationModel(scored.map((s) => s.features), gold, names, fit);
      writeFileSync(resolve(process.cwd(), knobs.save), `${JSON.stringify(model, null, 1)}\n`);
      print(`model fitted on all ${scored.length} stories written to ${knobs.save}`);
    }
    const shipped = loadDerivationModel();
    printFigures(`shipped model (${MODEL_FILE}, fitted on all of the dev half)`, figures(gold, scored.map((s) => classifyFeatures(s.features, shipped))), print);
    return 0;
  },
};
}
