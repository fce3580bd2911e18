/**
 * Unnamed sources keep what they know in their name ("a source close to the
 * negotiations", as "people familiar with the matter"), not why they are
 * unnamed ("who asked not to be named"). Sentences written for these tests.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attributionsOf } from './attribution-fixture.js';

test('"close to", "familiar with" and "with knowledge of" stay in an unnamed source\'s name; the reason for anonymity does not', () => {
  const cases: [string, string][] = [
    ['A source close to the negotiations said the ferry deal was near.', 'A source close to the negotiations'],
    ['A source familiar with the talks, who asked not to be named, said the ferry deal was near.', 'A source familiar with the talks'],
    ['Two sources with knowledge of the matter said the ferry deal was near.', 'Two sources with knowledge of the matter'],
    ['Officials who spoke on condition of anonymity said the ferry deal was near.', 'Officials'],
  ];
  for (const [sentence, canonical] of cases) {
    const found = attributionsOf(sentence);
    assert.deepEqual(found.map((a) => [a.source.canonical, a.source.identity]), [[canonical, 'anonymous']], sentence);
  }
});
