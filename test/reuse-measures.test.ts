/**
 * The normalization of words (normalize.ts) and the measured-only derivation
 * features (features.ts), on sentences of our own with values worked out by hand.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DerivationModel } from '../lib/reuse/derive.js';
import { derivationFeatures, emptyFeatures, needsMeasuredFeatures, runBackground, type DerivationFeatures, type SourceText } from '../lib/reuse/features.js';
import { analyzeReuse } from '../lib/reuse/index.js';
import { normalizeWord, stem } from '../lib/reuse/normalize.js';
import { quoteSpans, tokensInQuotes } from '../lib/reuse/quotes.js';
import { tokenize } from '../lib/reuse/tokenize.js';

test('stem: inflections of one word meet, short words and numbers stay', () => {
  for (const w of ['charged', 'charges', 'charging', 'charge']) assert.equal(stem(w), 'charg', w);
  assert.equal(stem('jailed'), 'jail');
  assert.equal(stem('stopped'), 'stop', 'doubled consonant undone');
  assert.equal(stem('families'), 'family');
  assert.equal(stem('classes'), 'class');
  assert.equal(stem('quickly'), 'quick');
  assert.equal(stem('status'), 'status', '-us is not a plural');
  assert.equal(stem('was'), 'was');
  assert.equal(stem('1998'), '1998');
});

test('normalizeWord: British and American spelling, numbers, the day of the event, possessives', () => {
  assert.equal(normalizeWord('Colour'), normalizeWord('color'));
  assert.equal(normalizeWord('behaviour'), normalizeWord('behavior'));
  assert.equal(normalizeWord('organised'), normalizeWord('organized'));
  assert.equal(normalizeWord('apologised'), normalizeWord('apologized'));
  assert.equal(normalizeWord('Four'), '4');
  assert.equal(normalizeWord('One'), normalizeWord('1'));
  assert.equal(normalizeWord('today'), normalizeWord('yesterday'), 'the wire says today, the morning paper yesterday');
  assert.equal(normalizeWord('court\u2019s'), normalizeWord('courts'));
  assert.equal(normalizeWord('four'), normalizeWord('4'));
  assert.notEqual(normalizeWord('hour'), normalizeWord('hor'), '-our only on longer words');
});

function source(text: string, quotes = false): SourceText {
  const tokens = tokenize(text);
  return { text, tokens, inQuotes: quotes ? tokensInQuotes(quoteSpans(text), tokens.starts, tokens.ends, tokens.count) : undefined };
}

const WIRE = [
  'Thames Water was today fined heavily for polluting the river.',
  'Families in Erith were evacuated from their flooded homes.',
  'The company apologised to residents at a hearing in Croydon.',
  'Inspectors found chemicals leaking from a broken pipe.',
].join(' ');

test('normalized containment matches what copy editing rewrote; exact containment does not', () => {
  // Every content word of the article is a wire word under another form (jailed/jail is absent: all from the wire).
  const article = source('Thames Water was fined yesterday for pollution of the river. Families were evacuated.');
  const f = derivationFeatures(article, [source(WIRE)], 0, {});
  // Content words (5+ letters): Thames Water fined yesterday pollution river Families evacuated = 8 distinct.
  // Exactly in the wire: Thames Water fined river Families evacuated (6 of 8).
  assert.equal(f.contentWords, 0.75);
  // Normalized: yesterday meets today; "pollution" stems to "pollution", the wire's "polluting" to "pollut": 7 of 8.
  assert.equal(f.normContent, 0.875);
  assert.equal(f.contentFound, 7);
  assert.equal(f.contentMissing, 1);
});

test('sentence order: a story that follows the wire scores tau 1, the same sentences reversed -1', () => {
  const wire = source(WIRE);
  const inOrder = source(
    'Thames Water was fined for polluting the river. Families in Erith were evacuated from flooded homes. The company apologised to the residents. Inspectors found chemicals leaking.',
  );
  const reversed = source(
    'Inspectors found chemicals leaking. The company apologised to the residents. Families in Erith were evacuated from flooded homes. Thames Water was fined for polluting the river.',
  );
  const a = derivationFeatures(inOrder, [wire], 0, {});
  const b = derivationFeatures(reversed, [wire], 0, {});
  assert.equal(a.normSentences, 1, 'all four sentences aligned');
  assert.equal(a.sentenceOrder, 1);
  assert.equal(a.sentenceRun, 1, 'one run of four ascending sentences');
  assert.equal(b.normSentences, 1);
  assert.equal(b.sentenceOrder, -1);
  assert.equal(b.sentenceRun, 0.25, 'no two consecutive sentences ascend: runs of 1 of 4');
});

test('source use and relative length: a two-sentence brief of a four-sentence wire story', () => {
  const brief = source('Thames Water was fined for polluting the river. Families in Erith were evacuated.');
  const f = derivationFeatures(brief, [source(WIRE)], 0, {});
  // Wire content words (5+ letters): Thames Water today fined heavily polluting river Families Erith evacuated
  // their flooded homes company apologised residents hearing Croydon Inspectors found chemicals leaking broken = 23;
  // the brief has 8 of them (Thames Water fined polluting river Families Erith evacuated).
  assert.equal(f.sourceUse, Math.round((8 / 23) * 10000) / 10000);
  // 13 words against the wire's 37 (10 + 9 + 10 + 8): log2(14 / 38).
  assert.equal(f.relLength, Math.round(Math.log2(14 / 38) * 10000) / 10000);
});

test('narrative containment leaves out quoted words on both sides', () => {
  const wire = source('The judge said: "This was a disgraceful episode of neglect." Thames Water was fined.', true);
  const article = source('"This was a disgraceful episode of neglect," the judge remarked. Inspectors visited.', true);
  const f = derivationFeatures(article, [wire], 0, {});
  // Unquoted content words of the article: judge remarked Inspectors visited: only "judge" is in the wire's narrative.
  assert.equal(f.narrative, 0.25);
  // Content words 5+ letters: disgraceful episode neglect (quoted), judge remarked Inspectors visited: 3 of 7 quoted.
  assert.equal(f.quotedShare, Math.round((3 / 7) * 10000) / 10000);
});

test('measured features are computed only when asked or weighed by the model', () => {
  const wire = WIRE;
  const article = 'Thames Water was fined yesterday for pollution of the river. Families were evacuated.';
  const docs = [
    { id: 'a', file: 'a.txt', text: article, reference: false },
    { id: 'w', file: 'w.txt', text: wire, reference: true },
  ];
  const regression = (features: (keyof DerivationFeatures)[]) => ({ features, mean: features.map(() => 0), scale: features.map(() => 1), weights: [0, ...features.map(() => 1)] });
  const model = (extra: (keyof DerivationFeatures)[]): DerivationModel => ({
    description: 'test',
    source: 'test',
    derived: regression(['coverage', 'contentWords', ...extra]),
    wholly: regression(['coverage']),
    thresholds: { derived: 0, wholly: 0 },
  });
  const plain = analyzeReuse(docs, { model: model([]) }).derivations.get('a')!.features;
  assert.equal(plain.normContent, 0, 'a model weighing none of them: not computed');
  assert.equal(plain.contentWords, 0.75);
  assert.equal(analyzeReuse(docs, { model: model([]), measureAll: true }).derivations.get('a')!.features.normContent, 0.875);
  assert.equal(analyzeReuse(docs, { model: model(['sentenceRun']) }).derivations.get('a')!.features.normContent, 0.875, 'weighed by the model: computed');
  assert.equal(needsMeasuredFeatures(['coverage', 'contentWords']), false);
  assert.equal(needsMeasuredFeatures(['coverage', 'sentenceOrder']), true);
  assert.equal(emptyFeatures(0, 0).sentenceOrder, 0);
});

test('idf weighting: a word every background document has weighs nothing; sentence order needs three aligned sentences', () => {
  const doc = (text: string) => ({ doc: { text }, tokens: tokenize(text) });
  const background = runBackground([doc('The court sat.'), doc('A court rose.'), doc('Court again.')]);
  assert.equal(background.documents, 3);
  const article = source('Court hearing.');
  const wire = source('Court session.');
  // Content words court and hearing; only court is in the wire. Unweighted: 1 of 2.
  assert.equal(derivationFeatures(article, [wire], 0, {}).idfContent, 0.5);
  // court is in all 3 background documents: idf log(4/4) = 0; hearing unseen: log(4/1). Weighted share ~0.
  assert.equal(derivationFeatures(article, [wire], 0, { background }).idfContent, 0);
  const two = derivationFeatures(source('Thames Water was fined for polluting the river. Families in Erith were evacuated.'), [source(WIRE)], 0, {});
  assert.equal(two.normSentences, 1);
  assert.equal(two.sentenceOrder, 0, 'two aligned sentences: order not measured');
  assert.equal(two.sentenceRun, 1);
});
