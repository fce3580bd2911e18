/**
 * A descriptor before a private person's name ("Tycoon", "Billionaire", "Investor"),
 * even capitalized at the start of a sentence, is no part of the name; titled
 * representatives are officials; "-men" roles are plural. Sentences written for this
 * test; expected values worked out by hand; every offset is checked (attribution-fixture.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attributionsOf as run, brief } from './attribution-fixture.js';

test('"Tycoon Wong Ka-ming", "Billionaire Ana Ferro": the descriptor is no part of the name; a person', () => {
  const body =
    'Tycoon Wong Ka-ming said the harbour project would go ahead.\n\n' +
    'Billionaire Ana Ferro said she would not sell her stake.\n\n' +
    'The bid was raised, investor Karl Brandt said.';
  const list = run(body);
  assert.deepEqual(brief(list), [
    ['Tycoon Wong Ka-ming', 'Wong Ka-ming', 'person', 'named', null],
    ['Billionaire Ana Ferro', 'Ana Ferro', 'person', 'named', null],
    ['investor Karl Brandt', 'Karl Brandt', 'person', 'named', null],
  ]);
  assert.equal(body.slice(list[0].source.start, list[0].source.end), 'Tycoon Wong Ka-ming');
});

test('a trade or special representative is an official', () => {
  const body = 'Special Representative Lina Okafor said the mission would stay.';
  assert.deepEqual(brief(run(body)), [['Special Representative Lina Okafor', 'Lina Okafor', 'official', 'named', null]]);
});

test('"Businessmen" are several: a later "He" does not refer to them, "They" does', () => {
  const body =
    'Businessmen polled by a local paper said the budget had done little for them.\n\n' +
    'He told ministries to curb spending.\n\n' +
    'They said taxes were too high.';
  assert.deepEqual(brief(run(body)).map((r) => [r[0], r[1], r[2]]), [
    ['Businessmen', 'Businessmen', 'person'],
    ['They', 'Businessmen', 'person'],
  ]);
});

test('a capitalized name word the tagger reads as a verb stays in the name ("Xerox Corp", "Ted Nolan")', () => {
  const body =
    'Xerox Corp said it had added a new copier line.\n\n' +
    'Islanders coach Ted Nolan said the team had played well.';
  const list = run(body);
  assert.deepEqual(brief(list).map((r) => [r[0], r[1], r[2]]), [
    ['Xerox Corp', 'Xerox Corp', 'organization'],
    ['Islanders coach Ted Nolan', 'Ted Nolan', 'person'],
  ]);
  assert.equal(body.slice(list[1].source.start, list[1].source.end), 'Islanders coach Ted Nolan');
});

test('bankers, arbitrageurs and underwriters are people quoted for their expertise; delegates at talks are officials', () => {
  const body =
    'Bankers said the syndicated loan would be signed next week.\n\n' +
    'The bid undervalues the company, one arbitrageur said.\n\n' +
    'No date was set for the next session, delegates said.';
  assert.deepEqual(brief(run(body)), [
    ['Bankers', 'Bankers', 'person', 'role', null],
    ['one arbitrageur', 'one arbitrageur', 'person', 'role', null],
    ['delegates', 'delegates', 'official', 'role', null],
  ]);
});
