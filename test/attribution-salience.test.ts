/**
 * Which company "the company" means: the one the story is about (the company that
 * spoke), not the last one named; with no company word anywhere, the story's lede
 * subject. And a bare name its own clause calls "its" is an organization.
 * Sentences written for this test; expected values worked out by hand; every
 * offset is checked (attribution-fixture.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attributionsOf as run, brief } from './attribution-fixture.js';

test('"the company" is the company that spoke, not one named in passing since', () => {
  const body =
    'Kestrel Foods Inc said on Monday it would close two plants in Ohio.\n\n' +
    'The move follows a similar cut by Marlow Dairies Inc last year.\n\n' +
    'The company said 300 jobs would go.';
  const list = run(body);
  assert.deepEqual(brief(list).map((r) => [r[0], r[1], r[2], r[3]]), [
    ['Kestrel Foods Inc', 'Kestrel Foods Inc', 'organization', 'named'],
    ['The company', 'Kestrel Foods Inc', 'organization', 'named'],
  ]);
  assert.equal(body.slice(list[1].source.start, list[1].source.end), 'The company');
});

test('with no company that spoke, "the company" is still the one named in passing', () => {
  const body =
    'Councillor Jane Okafor said the budget was tight.\n\n' +
    'Shares in Marlow Dairies Inc fell 3 percent.\n\n' +
    'The company said it would appeal.';
  assert.deepEqual(brief(run(body)).map((r) => [r[0], r[1], r[2]]), [
    ['Councillor Jane Okafor', 'Jane Okafor', 'official'],
    ['The company', 'Marlow Dairies Inc', 'organization'],
  ]);
});

test('a person who speaks for a company is not "the company"', () => {
  const body =
    'Rudd Mining Corp chairman Alan Pierce told analysts the mine would reopen.\n\n' +
    'Output would double by 2028, the company said.';
  assert.deepEqual(brief(run(body)).map((r) => [r[0], r[1], r[2]]), [
    ['Rudd Mining Corp chairman Alan Pierce', 'Alan Pierce', 'person'],
    ['the company', 'Rudd Mining Corp', 'organization'],
  ]);
});

test('with no company word anywhere, "the company" and "It" are the lede\'s bare name, which is then an organization', () => {
  const body =
    'Norwell said on Tuesday it had hired an adviser to review the bid.\n\n' +
    'The company said no decision had been taken.\n\n' +
    'It said talks were at an early stage.';
  const list = run(body);
  assert.deepEqual(brief(list), [
    ['Norwell', 'Norwell', 'organization', 'named', null],
    ['The company', 'Norwell', 'organization', 'named', null],
    ['It', 'Norwell', 'organization', 'named', null],
  ]);
  assert.equal(body.slice(list[2].source.start, list[2].source.end), 'It');
});

test('a bare name that its own clause calls "its" is an organization; "her" leaves it a name', () => {
  const body =
    'Brantwood said its board had approved a share buyback.\n\n' +
    'Okafor said her team would review the plan.';
  assert.deepEqual(brief(run(body)), [
    ['Brantwood', 'Brantwood', 'organization', 'named', null],
    ['Okafor', 'Okafor', 'unknown', 'named', null],
  ]);
});

test('a name a relative "which" follows is an organization, and "the company" refers back to it', () => {
  const body =
    'Cordillera Nickel, which runs the Tambo mine, said the road had been blocked since Sunday.\n\n' +
    'The company said output had stopped.';
  const list = run(body);
  assert.deepEqual(brief(list).map((r) => [r[0], r[1], r[2], r[3]]), [
    ['Cordillera Nickel, which runs the Tambo mine', 'Cordillera Nickel', 'organization', 'named'],
    ['The company', 'Cordillera Nickel', 'organization', 'named'],
  ]);
});

test('"its" after a person named with an affiliation or named earlier leaves them a person', () => {
  const body =
    'Rita Lomax of Harbor Freight Analytics said its survey showed demand falling.\n\n' +
    'Tom Varga, a fund manager, said prices were high.\n\n' +
    'Varga said its outlook was poor.';
  assert.deepEqual(brief(run(body)).map((r) => [r[1], r[2]]), [
    ['Rita Lomax', 'person'],
    ['Tom Varga', 'person'],
    ['Tom Varga', 'person'],
  ]);
});

test('"It said" with no body or group before it is the bare name spoken of last, which is then an organization', () => {
  const body =
    'Cantrex said on Friday it planned to merge a new unit with a buying group.\n\n' +
    'It said shareholders of the group would receive preferred shares.';
  const list = run(body);
  assert.deepEqual(brief(list), [
    ['Cantrex', 'Cantrex', 'organization', 'named', null],
    ['It', 'Cantrex', 'organization', 'named', null],
  ]);
  assert.equal(body.slice(list[1].source.start, list[1].source.end), 'It');
});
