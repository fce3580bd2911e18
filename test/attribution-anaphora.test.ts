/**
 * A definite noun with no name ("the spokesman", "the sources", "the official") refers
 * back to the unnamed source named before with the same head noun: it takes that source's
 * name, type and country. Sentences written for this test; expected values worked out by
 * hand; every offset is checked (attribution-fixture.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attributionsOf as run, brief } from './attribution-fixture.js';

test('"the official" after "a senior Japanese government official" is that official, with the country', () => {
  const body =
    'A senior Japanese government official said talks on rice imports would resume in May.\n\n' +
    'The official said the yen was too strong for exporters.';
  const list = run(body);
  assert.deepEqual(brief(list), [
    ['A senior Japanese government official', 'A senior Japanese government official', 'official', 'role', 'JP'],
    ['The official', 'A senior Japanese government official', 'official', 'role', 'JP'],
  ]);
  assert.equal(body.slice(list[1].source.start, list[1].source.end), 'The official');
});

test('"the sources" after "Banking sources", and "they" after them, are those sources', () => {
  const body =
    'Finance Ministry sources said the bond auction would be delayed.\n\n' +
    'The sources said demand had been weak.\n\n' +
    'They said the decision would come on Friday.';
  assert.deepEqual(brief(run(body)).map((r) => [r[0], r[1], r[2], r[3], r[4]]), [
    ['Finance Ministry sources', 'Finance Ministry sources', 'official', 'anonymous', null],
    ['The sources', 'Finance Ministry sources', 'official', 'anonymous', null],
    ['They', 'Finance Ministry sources', 'official', 'anonymous', null],
  ]);
});

test('the nearest unnamed source with that noun wins; a different noun or number is no antecedent', () => {
  const body =
    'A Harwell Motors spokesman said the plant would close.\n\n' +
    'A Lindqvist Steel spokesman said supplies were secure.\n\n' +
    'The spokesman said 200 jobs were affected.\n\n' +
    'Two analysts said the cuts were overdue.\n\n' +
    'The analyst said margins were thin.';
  const list = brief(run(body)).map((r) => [r[0], r[1]]);
  assert.deepEqual(list.slice(0, 3), [
    ['A Harwell Motors spokesman', 'A Harwell Motors spokesman'],
    ['A Lindqvist Steel spokesman', 'A Lindqvist Steel spokesman'],
    ['The spokesman', 'A Lindqvist Steel spokesman'],
  ]);
  // "The analyst" is one person; "Two analysts" are a group: not the same source.
  assert.deepEqual(list[4], ['The analyst', 'analyst']);
});

test('a named person in that role comes first: "the spokesman" after "spokesman Ivan Petrov" is Petrov', () => {
  const body =
    'A ministry official said the talks had stalled.\n\n' +
    'Foreign ministry spokesman Ivan Petrov said a new round was planned.\n\n' +
    'The spokesman said the date was not set.';
  assert.deepEqual(brief(run(body)).map((r) => [r[0], r[1]]).slice(1), [
    ['Foreign ministry spokesman Ivan Petrov', 'Ivan Petrov'],
    ['The spokesman', 'Ivan Petrov'],
  ]);
});

test('"the newspaper" is the outlet named before; "the agency" a news agency or a body named "... Agency"', () => {
  const body =
    'The Washington Post reported that the governor would resign.\n\n' +
    'The newspaper said the decision came on Monday.\n\n' +
    'Xinhua said the talks had ended.\n\n' +
    'The agency said a statement would follow.\n\n' +
    'The Environmental Protection Agency said the plant was safe.\n\n' +
    'The agency said tests would continue.';
  const list = run(body);
  assert.deepEqual(list.map((a) => [a.source.text, a.source.canonical, a.source.type]), [
    ['The Washington Post', 'The Washington Post', 'media'],
    ['The newspaper', 'The Washington Post', 'media'],
    ['Xinhua', 'Xinhua', 'state-media'],
    ['The agency', 'Xinhua', 'state-media'],
    ['The Environmental Protection Agency', 'Environmental Protection Agency', 'government'],
    ['The agency', 'Environmental Protection Agency', 'government'],
  ]);
  assert.equal(body.slice(list[1].source.start, list[1].source.end), 'The newspaper');
});
