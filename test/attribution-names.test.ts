/**
 * Hyphenated given names ("Lee Ji-won", "Li Ka-shing"): the tokenizer splits
 * them and tags the syllable as a verb or noun ("won", "un"); the whole name is
 * the source. Sentences written for these tests.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attributionsOf, brief } from './attribution-fixture.js';

test('a hyphenated given name is one name, as subject, after an inverted cue and before "was quoted as saying"', () => {
  assert.deepEqual(brief(attributionsOf('Lee Min-ho told the meeting that the test had worked.')).map((r) => r.slice(0, 2)), [['Lee Min-ho', 'Lee Min-ho']]);
  const inverted = attributionsOf('"The launch failed," said Dr Han Ji-won, a researcher at a Seoul institute.');
  assert.deepEqual(inverted.map((a) => a.source.canonical), ['Han Ji-won']);
  assert.match(inverted[0].source.text, /^Dr Han Ji-won\b/);
  const quoted = attributionsOf('Deputy Minister Ri Chol-su was quoted as saying by KCNA that the test had worked.');
  assert.ok(quoted.some((a) => a.source.canonical === 'Ri Chol-su'), JSON.stringify(brief(quoted)));
  // Later mentions by surname resolve to the whole name.
  const later = attributionsOf('Chairman Wong Ka-ming said the bid was fair. Wong said he would not raise it.');
  assert.deepEqual(later.map((a) => a.source.canonical), ['Wong Ka-ming', 'Wong Ka-ming']);
});

test('a compound after a place name stays a compound ("a Seoul-based analyst", "North Korea-led")', () => {
  const based = attributionsOf('A Seoul-based analyst said the test had worked.');
  assert.deepEqual(based.map((a) => a.source.text), ['A Seoul-based analyst']);
  assert.notEqual(based[0].source.type, 'unknown');
});
