/**
 * Plain-text extraction around a story's edges: a short last sentence before
 * page furniture, timestamp lines, menu bars as headline candidates. Pages are
 * written here for the test; expected values were worked out by reading them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findDateline } from '../lib/extract/credits.js';
import { extractCues } from '../lib/extract/cues.js';
import { extractDetailed } from '../lib/extract/index.js';
import { isMenuLike } from '../lib/extract/metadata.js';
import { loadLexicons } from '../lib/lexicon/load.js';

const lexicons = loadLexicons();

function extract(content: string) {
  return extractDetailed({ file: 'inline.txt', content, format: 'text' }, lexicons).article;
}

const PROSE = [
  'The town council on Tuesday approved a plan to close the old bridge over the river for repairs that are expected to last until the spring.',
  'Engineers told the council that the bridge had been inspected in March and that two of its supports needed to be replaced before the winter.',
  'Residents who use the bridge to reach the market will have to take a bus that the council said would run every twenty minutes during the works.',
];

test('a short last sentence between prose and a related box or comments stays in the body', () => {
  for (const furniture of [['Related', 'Bridge repairs delayed in the next county'], ['Comments (3)'], ['Share this story']]) {
    const page = ['Bridge to close for repairs', '', ...PROSE.flatMap((p) => [p, '']), 'Work starts on Monday.', '', ...furniture].join('\n');
    const a = extract(page);
    const paras = a.body.paragraphs.map((p) => a.body.text.slice(p.start, p.end));
    assert.equal(paras.at(-1), 'Work starts on Monday.', furniture[0]);
    assert.equal(paras.length, 4);
  }
});

test('a short line before furniture that is not a sentence, or has no stopword, stays out', () => {
  for (const tail of ['Get the newsletter in your inbox', 'Smith, Jones, Brown.']) {
    const page = ['Bridge to close for repairs', '', ...PROSE.flatMap((p) => [p, '']), tail, '', 'Comments (3)'].join('\n');
    const a = extract(page);
    assert.ok(!a.body.text.includes(tail), tail);
    assert.ok(a.body.text.endsWith('during the works.'));
  }
});

test('a timestamp line with a time is a date line: out of the body, and the publication date', () => {
  const page = ['Bridge to close for repairs', '', 'By Ann Lee', 'March 4, 2025 at 9:30 a.m.', '', ...PROSE.flatMap((p) => [p, ''])].join('\n');
  const a = extract(page);
  assert.ok(a.body.text.startsWith('The town council'));
  assert.equal(a.published, '2025-03-04');
  assert.equal(a.byline, 'Ann Lee');
});

test('menu bars lose to the headline', () => {
  assert.ok(isMenuLike('HOME | NEWS | COUNTIES | BUSINESS | SPORTS'));
  assert.ok(isMenuLike('Trending: Finance Bill | Teachers strike | Cup final'));
  assert.ok(isMenuLike('News • Sport • Weather'));
  assert.ok(!isMenuLike('Storm hits the coast | Live updates'));
  assert.ok(!isMenuLike('Council approves bridge closure after engineers warn of failing supports'));
  for (const menu of ['Home | News | Business | World | Sport | Opinion', 'Trending: Budget | Bridge repairs | Cup final']) {
    const page = [menu, '', 'Council votes to close bridge for winter repairs', '', 'By Ann Lee', 'March 4, 2025', '', ...PROSE.flatMap((p) => [p, ''])].join('\n');
    assert.equal(extract(page).title, 'Council votes to close bridge for winter repairs', menu);
  }
});

test('datelines: places joined by a slash, and an all-caps place with a colon on the first paragraph only', () => {
  const cues = extractCues(lexicons);
  const slash = findDateline('KYIV/MOSCOW — Talks resumed on Monday, officials said.', cues)!;
  assert.equal(slash.place, 'KYIV/MOSCOW');
  assert.equal('KYIV/MOSCOW — Talks resumed on Monday, officials said.'.slice(slash.prefix.length), 'Talks resumed on Monday, officials said.');
  const line = 'NEW DELHI: The ministry said on Monday that talks had resumed.';
  assert.equal(findDateline(line, cues), null);
  assert.equal(findDateline(line, cues, true)!.place, 'NEW DELHI');
  assert.equal(findDateline('NOTE: Net includes a one-time gain.', cues, true), null);
  assert.equal(findDateline('BREAKING: The ministry said on Monday that talks had resumed.', cues, true), null);
  // The labels are lexicon data (page-furniture role 'label'), matched whatever the apostrophe; alone on a line they are no furniture.
  assert.equal(findDateline('EDITOR’S NOTE: The story was updated on Tuesday.', cues, true), null);
  assert.equal(findDateline("EDITOR'S NOTE: The story was updated on Tuesday.", cues, true), null);
  assert.equal(cues.furniture('UPDATE'), null);
  const page = ['Talks resume in the capital', '', `${line} ${PROSE[0]}`, '', ...PROSE.slice(1).flatMap((p) => [p, ''])].join('\n');
  const a = extract(page);
  assert.equal(a.dateline, 'NEW DELHI');
  assert.ok(a.body.text.startsWith('The ministry said on Monday'));
});
