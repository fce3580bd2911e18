/**
 * "told a news conference", "told a briefing": the audience a source told is no part of
 * the cue and no source; the cue stays "told" and the channel is the press conference.
 * Sentences written for this test; expected values worked out by hand; every offset
 * is checked (attribution-fixture.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attributionsOf as run, brief } from './attribution-fixture.js';

test('"X told a news conference that ..." is X\'s attribution, channel press-conference', () => {
  const body =
    'Central bank governor Mirela Dascalu told a news conference on Tuesday that rates would stay on hold.\n\n' +
    'Exports would recover by autumn, she told a press briefing.\n\n' +
    'Union leader Tomas Brann told a briefing the strike would go ahead.';
  const list = run(body);
  assert.deepEqual(brief(list).map((r) => [r[0], r[1]]), [
    ['Central bank governor Mirela Dascalu', 'Mirela Dascalu'],
    ['she', 'Mirela Dascalu'],
    ['Union leader Tomas Brann', 'Tomas Brann'],
  ]);
  assert.deepEqual(list.map((a) => [a.cue.text, a.channel]), [
    ['told', 'press-conference'],
    ['told', 'press-conference'],
    ['told', 'press-conference'],
  ]);
  assert.equal(body.slice(list[0].cue.start, list[0].cue.end), 'told');
});

test('"X quoted Y, appositive, as saying": Y spoke through X', () => {
  const body =
    'Xinhua quoted Deputy Energy Minister Lars Vik, a former grid engineer, as saying the outage was over.\n\n' +
    'Interfax quoted Mina Sato, currently in Geneva for the talks, as saying a deal was close.';
  const list = run(body);
  assert.deepEqual(list.map((a) => [a.source.text, a.source.canonical, a.via, a.ruleId]), [
    ['Xinhua', 'Xinhua', null, 'attribution/quoted-by'],
    ['Deputy Energy Minister Lars Vik', 'Lars Vik', 'Xinhua', 'attribution/quoted-as-saying'],
    ['Interfax', 'Interfax', null, 'attribution/quoted-by'],
    ['Mina Sato', 'Mina Sato', 'Interfax', 'attribution/quoted-as-saying'],
  ]);
});
