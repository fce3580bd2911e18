/**
 * Page titles: the headline cut out of the site furniture around it, and the
 * headline rules that must not read that furniture as a source. All titles are
 * invented for these tests.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findAttributions } from '../lib/attribution/index.js';
import { extractCues } from '../lib/extract/cues.js';
import { extractHtml } from '../lib/extract/html.js';
import { cleanTitle, type TitleContext } from '../lib/extract/title.js';
import { loadLexicons } from '../lib/lexicon/load.js';
import { annotate } from '../lib/nlp/index.js';
import type { Publisher } from '../lib/types.js';
import { articleOf } from './attribution-fixture.js';

const lexicons = loadLexicons();
const sectionWords = extractCues(lexicons).titleSectionWords;
const page = (over: Partial<TitleContext> = {}): TitleContext => ({ siteNames: [], host: null, headings: [], sectionWords, ...over });

test('site names, sections and dates around the headline are cut off at either end', () => {
  const cases: [string, Partial<TitleContext>, string][] = [
    ['Council approves new bus lanes - Local News - The Harbour Herald', { siteNames: ['The Harbour Herald'] }, 'Council approves new bus lanes'],
    ['Ferry strike ends | Business | Lakeside Times', { siteNames: ['Lakeside Times'] }, 'Ferry strike ends'],
    // The site's words found in its host name, with no site name given.
    ['Harbour TV Toronto - Police find missing kayaker', { host: 'toronto.harbourtv.example' }, 'Police find missing kayaker'],
    ['Floods close railway - 15 Jan 2025 - valleytimes.net', {}, 'Floods close railway'],
    ['Mill to reopen in spring_English_Lakenews', { host: 'www.lakenews.example' }, 'Mill to reopen in spring'],
    ['Town mourns goalkeeper (from Lakeside Echo)', {}, 'Town mourns goalkeeper'],
    // Colon-separated tails are cut only when they are sections or the site's name.
    ['Bulls and Jones pursue talks: Sport: Rugby: Veld24', { host: 'www.veld24.example' }, 'Bulls and Jones pursue talks'],
    ['Storm Gaia: Wind warnings for the coast : World News', {}, 'Storm Gaia: Wind warnings for the coast'],
  ];
  for (const [title, context, headline] of cases) assert.equal(cleanTitle(title, page(context)), headline, title);
});

test('a segment that is not known furniture stays: a headline source, a kicker, a second clause', () => {
  for (const title of [
    'Consultations on the treaty underway \u2014 Kremlin',
    'Ferry fares to rise next year: minister',
    'Rovers - Derby confirm interest in striker',
    'Riley unlikely to return as coach: report',
    'Cricket: Windward seal historic win',
  ])
    assert.equal(cleanTitle(title, page({ siteNames: ['Lakeside Times'], host: 'lakesidetimes.example' })), title);
});

test('the page heading that is a run of the title is its headline, unless it is shorter than what it would drop', () => {
  assert.equal(cleanTitle('Rovers - Derby confirm interest in striker', page({ headings: ['Derby confirm interest in striker'] })), 'Derby confirm interest in striker');
  // A column's name shown as a heading is not the story's headline.
  assert.equal(cleanTitle('Daily Dish : Singer denies split rumours', page({ headings: ['Daily Dish'] })), 'Daily Dish : Singer denies split rumours');
  // A heading that is the site's logo is never taken.
  assert.equal(cleanTitle('Ferry strike ends | Lakeside Times', page({ siteNames: ['Lakeside Times'], headings: ['Lakeside Times'] })), 'Ferry strike ends');
});

test('a title that is only the site name, or none, gives way to the page heading', () => {
  assert.equal(cleanTitle('The Harbour Herald', page({ siteNames: ['The Harbour Herald'], headings: ['The Harbour Herald', 'Council approves new bus lanes'] })), 'Council approves new bus lanes');
  assert.equal(cleanTitle(null, page({ headings: ['Council approves new bus lanes'] })), 'Council approves new bus lanes');
  assert.equal(cleanTitle(null, page()), null);
  // Nothing better known: the title stays what it was.
  assert.equal(cleanTitle('The Harbour Herald', page({ siteNames: ['The Harbour Herald'] })), 'The Harbour Herald');
});

test('a heading that opens the story stands in for a missing title or a slogan title, never for a title about the story', () => {
  const story = 'Ferry strike ends after three days\n\nThe ferry strike ended on Tuesday after the union and the operator agreed a new pay deal.';
  const opening = page({ storyHeading: 'Ferry strike ends after three days', storyOpening: story });
  assert.equal(cleanTitle(null, opening), 'Ferry strike ends after three days');
  // A slogan sharing no word with the story gives way; one that shares a word ("ferry") is kept.
  assert.equal(cleanTitle('Your home for all things local', opening), 'Ferry strike ends after three days');
  assert.equal(cleanTitle('Ferry deal reached on Tuesday', opening), 'Ferry deal reached on Tuesday');
  // A wire service's routing slug shown as a heading is not a headline.
  assert.equal(cleanTitle(null, page({ storyHeading: 'BC-EU-GEN--Ferries, 2nd Ld-Writethru,0412', storyOpening: story })), null);
  // An unrelated top heading is no better than the slogan: the slogan stays.
  assert.equal(cleanTitle('Your home for all things local', page({ headings: ['Weather warnings'], storyOpening: story })), 'Your home for all things local');
});

test('in a page, an h2 above the story is its headline when the title is only the site', () => {
  const html =
    '<html><head><title>Valley Times Online</title></head><body><div class="nav"><a href="/">Home</a></div><div id="story">' +
    '<h2>Council approves new bus lanes</h2><p>' +
    'The city council approved four new bus lanes on Monday after a two-hour debate, the transport committee chair said. '.repeat(4) +
    '</p></div></body></html>';
  assert.equal(extractHtml({ file: 'page.html', content: html, format: 'html', meta: { url: 'https://www.valleytimes.example/news/1' } }, lexicons).title, 'Council approves new bus lanes');
});

test('an HTML page gets the cleaned headline; a title its container gave is kept as given', () => {
  const html =
    '<html><head><title>Ferry strike ends after three days - Business - Lakeside Times</title><meta property="og:site_name" content="Lakeside Times"></head>' +
    '<body><h1>Lakeside Times</h1><article><p>' +
    'The ferry strike ended on Tuesday after the union and the operator agreed a new pay deal, the union said in a statement. '.repeat(4) +
    '</p></article></body></html>';
  assert.equal(extractHtml({ file: 'page.html', content: html, format: 'html' }, lexicons).title, 'Ferry strike ends after three days');
  const given = extractHtml({ file: 'page.html', content: html, format: 'html', meta: { title: 'As exported - Lakeside Times' } }, lexicons);
  assert.equal(given.title, 'As exported - Lakeside Times');
});

function titleSources(title: string, publisher: Publisher | null = null): string[] {
  const body = 'The river rose overnight.';
  const article = articleOf(body, { title, publisher });
  const found = findAttributions(article, annotate(body), lexicons).attributions.filter((a) => a.zone === 'title');
  for (const a of found) assert.equal(title.slice(a.source.start, a.source.end), a.source.text);
  return found.map((a) => a.source.text);
}

test('headline furniture is not a source: pipes, clauses after a colon, unknown words after a hyphen, the page itself', () => {
  assert.deepEqual(titleSources('Ferry strike ends | Lakeside Times'), []);
  assert.deepEqual(titleSources('Daily Dish : Singer Is Expecting Twins'), []);
  assert.deepEqual(titleSources('Say Hello To the Cheapest Scooter - The $900 Zip'), []);
  assert.deepEqual(titleSources('Patriots: Coach never better - The Boston Globe', { name: 'The Boston Globe', kind: 'newspaper', country: 'US', evidence: ['The Boston Globe'] }), []);
  assert.deepEqual(titleSources('Lakers vs. Celtics Pre-Game Report'), []);
});

test('headline sources still found after a colon, a dash, a hyphen when the lexicons know them, and in ", X says"', () => {
  assert.deepEqual(titleSources('Port to reopen next week: Xinhua'), ['Xinhua']);
  assert.deepEqual(titleSources('Ferry fares to rise next year: officials'), ['officials']);
  assert.deepEqual(titleSources('Talks on the treaty underway \u2014 Kremlin'), ['Kremlin']);
  assert.deepEqual(titleSources('Talks on the treaty underway - Kremlin'), ['Kremlin']);
  assert.deepEqual(titleSources('Dam repairs to finish in spring, Kremlin says', { name: 'TASS', kind: 'state-media', country: 'RU', evidence: ['TASS'] }), ['Kremlin']);
});
