/**
 * Hard-wrapped plain text (wire feeds, news archives): wrapped lines joined
 * back into paragraphs, paragraph marks and control characters dropped, block
 * offsets still pointing into the page text. Fixtures in
 * test/fixtures/wire-text/ were written for this project; the expected
 * paragraphs are the ones the fixtures were written from.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyze } from '../lib/analyze.js';
import { normalizePage, splitBlocks } from '../lib/extract/blocks.js';
import { extractDetailed } from '../lib/extract/index.js';
import { loadLexicons } from '../lib/lexicon/load.js';
import type { ExtractedArticle } from '../lib/types.js';
import { fixture } from './helpers.js';

const lexicons = loadLexicons();

function extract(name: string, encoding: BufferEncoding = 'utf8') {
  const file = fixture('wire-text', name);
  return extractDetailed({ file, content: readFileSync(file, encoding), format: 'text' }, lexicons);
}

function paragraphsOf(a: ExtractedArticle): string[] {
  return a.body.paragraphs.map((p) => a.body.text.slice(p.start, p.end));
}

test('normalizePage: CRLF and CR to LF, C0 controls but tab and newline removed', () => {
  assert.equal(normalizePage('a\r\nb\rc\u0019d\te\u0000\u007f\n'), 'a\nb\ncd\te\n');
});

test('a wrapped wire story with a headline, dateline, indented paragraphs and sign-off', () => {
  const { article: a } = extract('wrapped-wire-story.txt');
  assert.equal(a.dateline, 'LESSING, March 3');
  assert.equal(a.title, 'RIVER STATES AGREE TO SHARE COST OF WEIR REPAIR');
  assert.deepEqual(paragraphsOf(a), [
    'Ministers from the four river states agreed on Tuesday to share the cost of rebuilding the Harlan weir, which failed during the spring floods and left two towns without drinking water for a week.',
    'The agreement, reached after two days of talks in the regional capital, splits the bill according to how much water each state draws from the river, officials said.',
    'Farmers downstream had warned that another dry summer without the weir would ruin the harvest. "We cannot wait for another commission," said Mira Olsen, who grows barley near the town of Lessing.',
    'Work is due to start in May and to finish before the autumn rains.',
  ]);
});

test('a feed with `<` paragraph marks and stray U+0019: header dropped, paragraphs whole', () => {
  const d = extract('marked-feed.txt', 'latin1');
  assert.ok(!d.page.includes('\u0019'));
  assert.deepEqual(paragraphsOf(d.article), [
    'A man who set fire to a village hall after being refused entry to a wedding party was jailed for three years today.',
    'Tomas Keller, 34, admitted arson at Northbridge Crown Court. The judge said he had put the lives of more than sixty guests at risk.',
    "Prosecutor Ann Hale said: ``He came back with a can of petrol and poured it through the letterbox while the band was still playing.''",
    ':: Keller had been drinking since the afternoon, the court heard.',
    'His lawyer said he was deeply ashamed and had written to the couple to apologise.',
  ]);
  // Block offsets point into the page: from the first word of the paragraph's first line to its mark.
  const quote = d.blocks.find((b) => b.text.startsWith('Prosecutor'))!;
  assert.equal(d.page.slice(quote.start, quote.end), "Prosecutor Ann Hale said: ``He came back with a can of petrol and poured it\nthrough the letterbox while the band was still playing.''<");
});

test('indented paragraphs, and a paragraph ending well short of the margin without indentation', () => {
  const { article: a } = extract('indented-paragraphs.txt');
  assert.deepEqual(paragraphsOf(a), [
    'The council will vote next week on a plan to close the old market hall on Mondays, when few traders open their stalls and heating the building costs more than the rents bring in.',
    'Traders are divided. Some say a quiet day helps nobody and that customers will simply go to the supermarket instead.',
    'Others welcome the change.',
    'The market hall has stood on the square since 1887 and was last restored in the 1970s, when its iron roof was replaced and the clock tower repaired.',
  ]);
});

test('a stack of short header lines is not taken for wrapped text', () => {
  const page = [
    'Valley Tribune',
    'Mine rescue crews reach trapped workers in Ostrin',
    'By ANNA KORVEL and PETER DAHL Associated Press',
    'Updated 9:14 PM EDT, Wed June 4, 2025',
  ].join('\n');
  assert.equal(splitBlocks(page).length, 4);
});

test('a lone mark after a word or a full stop is dropped; a spaced arrow after a word is not', () => {
  assert.deepEqual(
    splitBlocks('He said it was over.<\nThe end. |\nRead more >\n').map((b) => b.text),
    ['He said it was over.', 'The end.', 'Read more >'],
  );
});

test('a one-paragraph wrapped story too short to be "good" prose is still kept', () => {
  const d = extractDetailed({ file: '-', content: 'SHORT ITEM<\nThe trial, expected to last a week, was adjourned until\ntomorrow.<\nend<\n', format: 'text' }, lexicons);
  assert.equal(d.article.body.text, 'The trial, expected to last a week, was adjourned until tomorrow.');
});

test('input/empty-body: a page with no article text says so; a story does not', () => {
  const report = analyze([
    { file: 'menu.txt', content: 'Home\nWorld\nSport\n', format: 'text' },
    { file: 'story.txt', content: readFileSync(fixture('wire-text', 'indented-paragraphs.txt'), 'utf8'), format: 'text' },
  ]);
  const byFile = new Map(report.articles.map((x) => [x.file, x.findings.map((f) => f.ruleId)]));
  assert.deepEqual(byFile.get('menu.txt'), ['input/empty-body']);
  assert.deepEqual(byFile.get('story.txt'), []);
});

test('wrapped text: one-line indented paragraphs stay apart, table rows stand alone', () => {
  const page = [
    'OSTRIN, June 4 - Rescue crews on Wednesday reached twelve miners',
    'trapped for two days in a flooded shaft near Ostrin, the company',
    'said on its website.',
    '    All twelve were brought to the surface by early evening.',
    '    Doctors said two of them had been taken to hospital in the',
    'regional capital with broken bones and would stay there overnight.',
    '    Miners rescued      12      (0)',
    '    Still missing        0     (12)',
  ].join('\n');
  assert.deepEqual(
    splitBlocks(page).map((b) => b.text),
    [
      'OSTRIN, June 4 - Rescue crews on Wednesday reached twelve miners trapped for two days in a flooded shaft near Ostrin, the company said on its website.',
      'All twelve were brought to the surface by early evening.',
      'Doctors said two of them had been taken to hospital in the regional capital with broken bones and would stay there overnight.',
      'Miners rescued 12 (0)',
      'Still missing 0 (12)',
    ],
  );
});

test('a wire end mark on its own line closes the story instead of pulling its last paragraphs out', () => {
  const content = [
    'RESERVES AT RECORD',
    'VELMORA, March 2 - The central bank said on Monday that foreign reserves rose to a record at the end of February, helped by strong exports of grain and timber.',
    'A year earlier reserves were far lower.',
    'Reuter',
  ].join('\n');
  const a = extractDetailed({ file: '-', content, format: 'text' }, lexicons).article;
  assert.match(a.body.text, /A year earlier reserves were far lower\.$/);
  assert.ok(!a.body.text.includes('Reuter'));
});

test('in a page that marks paragraph ends, an unmarked line carries on into the next; rules stay apart', () => {
  const page = ['  ------------', '10:12 05/03/00: Page 2 (HHH) SHOWBIZ Gala', '  ------------', '(update)<', 'The singer was joined on stage by her brother and by the', 'Northbridge Choir.<', 'end'].join('\n');
  assert.deepEqual(
    splitBlocks(page).map((b) => b.text),
    ['------------', '10:12 05/03/00: Page 2 (HHH) SHOWBIZ Gala', '------------', '(update)', 'The singer was joined on stage by her brother and by the Northbridge Choir.', 'end'],
  );
});

test('wrapped paragraphs between blank lines: a two-line paragraph takes the page margin', () => {
  const page = [
    'The harbour board said on Friday that the new quay would open in',
    'April, a month later than planned, because of the winter storms.',
    '',
    'Work stopped twice in January when waves damaged the temporary',
    'wall and flooded the site office, the board said in a statement.',
    '',
    'The delay was confirmed by the board chairman, Ingrid Vaaler, and by',
    'Deputy Mayor Tomas Brenn.',
    '',
    'Contact: press office',
  ].join('\n');
  assert.deepEqual(
    splitBlocks(page).map((b) => b.text),
    [
      'The harbour board said on Friday that the new quay would open in April, a month later than planned, because of the winter storms.',
      'Work stopped twice in January when waves damaged the temporary wall and flooded the site office, the board said in a statement.',
      'The delay was confirmed by the board chairman, Ingrid Vaaler, and by Deputy Mayor Tomas Brenn.',
      'Contact: press office',
    ],
  );
});

test('text in fragments that no rule rejoins is kept when, read together, it is plainly prose', () => {
  const content = [
    'The river authority said',
    'on Monday that the',
    'old bridge at Harlan',
    'would be closed to',
    'all traffic for at',
    'least two weeks while',
    'engineers inspected it for',
    'damage done by the',
    'floods of last month.',
  ].join('\n');
  const a = extractDetailed({ file: '-', content, format: 'text' }, lexicons).article;
  assert.equal(a.body.text.split('\n\n').join(' '), content.split('\n').join(' '));
  const menu = extractDetailed({ file: '-', content: 'Home\nWorld News\nSport\nBusiness\nCulture and Arts\nWeather\nContact Us\nAbout Us\n', format: 'text' }, lexicons);
  assert.equal(menu.article.body.text, '');
});
