/**
 * The NLP stage reads every text as a freshly loaded wink-nlp would: what
 * wink's cache learned from earlier texts must not change a later text's
 * tokens (that is what keeps --jobs 1 and --jobs N byte-identical whatever
 * lands in which worker), and reloading the model must keep working.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { annotate, unloadNlp, type NlpDoc } from '../lib/nlp/index.js';

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

test('the model reloads any number of times (wink-eng-lite-web-model grew a string on each load)', () => {
  const first = view(annotate(PROBE));
  for (let i = 0; i < 25; i++) {
    unloadNlp();
    assert.equal(view(annotate(PROBE)), first);
  }
});
