/**
 * The NLP stage reads every text as a freshly loaded wink-nlp would: what
 * wink's cache learned from earlier texts must not change a later text's
 * tokens (that is what keeps --jobs 1 and --jobs N byte-identical whatever
 * lands in which worker), and reloading the model must keep working.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { POOL_BATCH } from '../lib/analyze.js';
import { annotate, joinTitleAbbreviations, unloadNlp, type NlpDoc } from '../lib/nlp/index.js';
import { CLI } from './helpers.js';

const PROBE = "Standard and Poor's said it would act. 'The plan', he added, 'is late.'";
/** Read once, this teaches a pristine wink "Poor's" and "'The" as single tokens. */
const TEACHERS = ["Poor's.", "'The.", 'Zorblax Quibbleton-Fnord’s zzyzx shapes: ÅÄÖ ŞĞ 42x7q.'];

const view = (d: NlpDoc) => JSON.stringify([d.values, d.pos, Array.from(d.starts), Array.from(d.ends), d.sentences, d.lemmas]);

test('a text gets the same analysis whatever was read before it', () => {
  const pristine = annotate(PROBE, { lemmas: true });
  assert.deepEqual(pristine.values.slice(0, 4), ['Standard', 'and', 'Poor', "'s"]);
  for (let i = 0; i < pristine.values.length; i++) assert.equal(PROBE.slice(pristine.starts[i], pristine.ends[i]), pristine.values[i]);
  for (const t of TEACHERS) annotate(t);
  assert.equal(view(annotate(PROBE, { lemmas: true })), view(pristine));
  // The teacher itself, read again, is read as the first time too.
  assert.deepEqual(annotate("Poor's.").values, annotate("Poor's.").values);
});

test('words wink learned as currency symbols, or with digits, hyphens, apostrophes or accents, are forgotten; plain words read the same known or not', () => {
  // "USD100" teaches wink "USD" as a currency symbol (tagged SYM from then on); read alone, "USD" is a proper noun.
  const probe = 'Then USD rose and INR fell, said Zorblaxian traders in Quibbleton.';
  unloadNlp();
  const pristine = view(annotate(probe, { lemmas: true }));
  assert.deepEqual(annotate(probe).pos.slice(0, 3), ['ADV', 'PROPN', 'VERB']);
  for (const teacher of ['He paid USD100 and INR5 yesterday.', 'Zorblaxian Quibbleton traders, Zorblaxian-style, café Zorblaxian’s 3M.']) {
    unloadNlp();
    annotate(teacher);
    assert.equal(view(annotate(probe, { lemmas: true })), pristine, teacher);
  }
  // Read in either order, a set of texts gets the same analysis.
  const texts = [probe, PROBE, ...TEACHERS, 'USD rose. The USD100 note.', 'Quibbleton said Zorblaxian officials met.'];
  unloadNlp();
  const forward = texts.map((t) => view(annotate(t, { lemmas: true })));
  unloadNlp();
  const backward = [...texts].reverse().map((t) => view(annotate(t, { lemmas: true }))).reverse();
  assert.deepEqual(backward, forward);
});

test('the model reloads any number of times (wink-eng-lite-web-model grew a string on each load)', () => {
  const first = view(annotate(PROBE));
  for (let i = 0; i < 25; i++) {
    unloadNlp();
    assert.equal(view(annotate(PROBE)), first);
  }
});

test('CLI: articles spread over several batches and workers give the same report as one thread', () => {
  // The first batch (POOL_BATCH.docs articles) teaches, the later ones would learn: with
  // --jobs 3 the later batches land on workers that never read the first, so any wink
  // state kept from one text to the next would change their analysis.
  const lines: string[] = [];
  const count = POOL_BATCH.docs * 3 + 5;
  for (let i = 0; i < count; i++) {
    const text =
      i < POOL_BATCH.docs
        ? `Poor's. 'The. Zorblax Quibbleton-Fnord’s report number ${i} was read aloud.`
        : `Standard and Poor's said on Monday it would cut rating ${i}. 'The outlook is weak', an analyst told reporters.`;
    lines.push(JSON.stringify({ text, url: `https://example.org/${i}` }));
  }
  const dir = mkdtempSync(join(tmpdir(), 'st-nlp-'));
  const file = join(dir, 'feed.jsonl');
  writeFileSync(file, lines.join('\n') + '\n');
  const run = (jobs: string) => spawnSync(process.execPath, [CLI, 'analyze', '--format', 'json', '--quiet', '--jobs', jobs, file], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const one = run('1');
  assert.equal(one.status, 0, one.stderr);
  assert.equal(JSON.parse(one.stdout).articles.length, count);
  assert.equal(run('3').stdout, one.stdout);
  assert.equal(run('0').stdout, one.stdout);
});

test('a title abbreviation wink does not know joins its sentence to the name that follows, in the same paragraph only', () => {
  const titles = new Set(['const', 'det', 'insp']);
  const texts = (doc: NlpDoc) => doc.sentences.map((s) => doc.text.slice(s.start, s.end));
  const text = 'Police said Const. Mandeep Gill arrested a man. He was charged. Det. Insp. Tom Evers spoke.';
  const doc = joinTitleAbbreviations(annotate(text), titles);
  assert.deepEqual(texts(doc), ['Police said Const. Mandeep Gill arrested a man.', 'He was charged.', 'Det. Insp. Tom Evers spoke.']);
  // Every token's sentence index agrees with the sentences' token ranges.
  doc.sentences.forEach((s, i) => {
    for (let t = s.tokenStart; t < s.tokenEnd; t++) assert.equal(doc.sentenceOf[t], i);
  });
  // A paragraph break still ends the sentence; a lower-case word after the period too; unknown words are not titles.
  assert.deepEqual(texts(joinTitleAbbreviations(annotate('They called the Det.\n\nNext paragraph.'), titles)), ['They called the Det.', 'Next paragraph.']);
  const plain = annotate('The vote was close. Officials said so.');
  assert.equal(joinTitleAbbreviations(plain, titles), plain);
});
