/**
 * Origin markers found on real pages in the audit (eval markers): copyright lines
 * "by" an agency, dash sign-offs, AP-style writer bylines, credit lines of their own,
 * credits at the edges of an HTML story, and the false credits to refuse. Sentences
 * and pages written for these tests.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bylineAgency, findCopyrightAgency, findCreditLine, findDateline, findSignoff, reportingAgency } from '../lib/extract/credits.js';
import { extractCues } from '../lib/extract/cues.js';
import { extractHtml } from '../lib/extract/html.js';
import { originFromMarkers } from '../lib/extract/origin-markers.js';
import { resolvePublisher } from '../lib/extract/publisher.js';
import { loadLexicons } from '../lib/lexicon/load.js';
import { prose } from './warc-builder.js';

const lexicons = loadLexicons();
const cues = extractCues(lexicons);
const name = (a: { outlet: { name: string } } | null | undefined) => a?.outlet.name ?? null;

test('copyright lines: "by" the agency, a second mark, a parenthesis; the mark must open the line', () => {
  assert.deepEqual(findCopyrightAgency('Copyright 2008 by UPI', cues)?.credit, 'Copyright 2008 by UPI');
  assert.equal(name(findCopyrightAgency('Copyright 2008 by UPI', cues)?.agency), 'United Press International');
  const paren = findCopyrightAgency('(© 2008 The Associated Press. All Rights Reserved. This material may not be published.)', cues);
  assert.equal(paren?.credit, '© 2008 The Associated Press');
  assert.equal(name(paren?.agency), 'Associated Press');
  assert.equal(name(findCopyrightAgency('Copyright (c) Press Association Ltd. 2008, All Rights Reserved.', cues)?.agency), 'Press Association');
  assert.equal(name(findCopyrightAgency('© Copyright 2007 Reuters. Reuters content is the property of Reuters.', cues)?.agency), 'Reuters');
  assert.equal(name(findCopyrightAgency('Copyright © 2008 The Canadian Press. All rights reserved.', cues)?.agency), 'The Canadian Press');
  // A site's footer about some of its other articles, and a photo credit, credit nothing here.
  assert.equal(findCopyrightAgency('Wire articles: Copyright © 2015 The Associated Press. All rights reserved.', cues), null);
  assert.equal(findCopyrightAgency('© Jane Roe/AFP', cues), null);
});

test('dash sign-offs close a story or stand alone on a line; a dash inside prose is no sign-off', () => {
  const text = 'The coach said he expects the forward back in March. - Sapa';
  const s = findSignoff(text, cues)!;
  assert.equal(name(s.agency), 'South African Press Association');
  assert.equal(text.slice(s.start), '- Sapa');
  assert.equal(s.credit, '- Sapa');
  const alone = findSignoff('- REUTERS', cues)!;
  assert.equal(alone.start, 0);
  assert.equal(name(alone.agency), 'Reuters');
  assert.equal(findSignoff('The plan was agreed - in principle - on Friday.', cues), null);
  assert.equal(findSignoff('Fans met the players at the airport - AP reporters were there.', cues), null);
});

test('agency bylines: job titles, capitals, "Published" tails; a photo credit is no byline', () => {
  assert.equal(name(bylineAgency('JOSEPH WHITE AP Sports Writer', cues)), 'Associated Press');
  assert.equal(name(bylineAgency('MARK LAVIE, Associated Press Writer 1 hour, 44 minutes ago', cues)), 'Associated Press');
  assert.equal(name(bylineAgency('AHMED SALEH - Associated Press Writer --', cues)), 'Associated Press');
  assert.equal(name(bylineAgency('TOM BRADY ASSOCIATED PRESS', cues)), 'Associated Press');
  assert.equal(name(bylineAgency('Reuters Published: December 11, 2007', cues)), 'Reuters');
  assert.equal(name(bylineAgency('Press Trust Of India', cues)), 'Press Trust of India');
  assert.equal(name(bylineAgency('Friday, January 11, 2008By Ali Khan, AFP', cues)), 'Agence France-Presse');
  assert.equal(bylineAgency('Photo by: The Associated Press', cues), null);
  assert.equal(bylineAgency('Jane Doe', cues), null);
  assert.equal(bylineAgency('Jane Doe, Staff Writer', cues), null);
});

test('credit lines of their own: lead words from the lexicon, bare names, and what is not one', () => {
  assert.equal(name(findCreditLine('Brought to you by AAP', cues)?.agency), 'Australian Associated Press');
  assert.equal(name(findCreditLine('Source: Press Association', cues)?.agency), 'Press Association');
  assert.equal(name(findCreditLine('THE CANADIAN PRESS', cues)?.agency), 'The Canadian Press');
  assert.equal(name(findCreditLine('Associated Press Writer', cues)?.agency), 'Associated Press');
  assert.equal(name(findCreditLine('- NZPA', cues)?.agency), 'New Zealand Press Association');
  assert.equal(findCreditLine('Brought to you by AAP', cues)?.credit, 'Brought to you by AAP');
  // Two letters alone may be a font-size button; outside the body three are needed, unless a dash or lead word says credit.
  assert.equal(findCreditLine('AA', cues, 3), null);
  assert.equal(name(findCreditLine('- AP', cues, 3)?.agency), 'Associated Press');
  assert.equal(findCreditLine('Getty Images', cues), null);
  assert.equal(findCreditLine('Reuters reported the deal on Monday.', cues), null);
  assert.equal(findCreditLine('Reuters', cues, Infinity), null);
});

test('datelines: the underscore dash of old AP copy and a bare credit opening the story', () => {
  const u = findDateline('Fairfield (AP) _ Investigators looked into a fire at the station.', cues)!;
  assert.equal(u.place, 'Fairfield');
  assert.equal(u.creditText, '(AP)');
  assert.equal(name(u.agency), 'Associated Press');
  const bare = findDateline('(AP) A screenwriter apologized on Monday for the crash.', cues)!;
  assert.equal(bare.place, '');
  assert.equal(bare.prefix, '(AP) ');
  assert.equal(name(bare.agency), 'Associated Press');
  assert.equal(findDateline('(Updated) The council met on Monday.', cues), null);
});

test('"contributed to this report" names the agency that contributed', () => {
  assert.equal(name(reportingAgency('The Associated Press contributed to this report.', cues.agencies)), 'Associated Press');
  assert.equal(reportingAgency('Jane Doe contributed to this report.', cues.agencies), null);
});

const page = (before: string, paragraphs: string[], after: string) =>
  `<html><head><meta property="og:site_name" content="Valley Gazette"></head><body><div class="tools">${before}</div><article>${paragraphs
    .map((p) => `<p>${p}</p>`)
    .join('')}</article><div class="foot">${after}</div></body></html>`;
const meta = { url: 'https://valley-gazette.example/news/1' };

test('HTML: an agency dateline after a repeated headline, and the agency copyright closing the body', () => {
  const lead = 'Officials said on Thursday that the bridge would stay closed until the spring because of damage found in the piers.';
  const html = page(
    '<p>Home</p><p>News</p>',
    ['Bridge to stay shut until spring', `SPRINGTOWN, Idaho, Jan 17 (Reuters) - ${lead}`, prose(31), prose(32), '© 2008 Reuters. All rights reserved.'],
    '<p>© 2008 Valley Gazette</p>',
  );
  const a = extractHtml({ file: 'g.html', content: html, format: 'html', meta }, lexicons);
  assert.equal(a.dateline, 'SPRINGTOWN, Idaho, Jan 17');
  assert.ok(a.body.text.includes(lead));
  assert.ok(!a.body.text.includes('All rights reserved'), a.body.text.slice(-80));
  const o = originFromMarkers(a);
  assert.equal(o.kind, 'wire');
  assert.equal(o.agency, 'Reuters');
  assert.equal(o.derivation, 'wholly');
  assert.deepEqual(a.credits.filter((c) => c.agency).map((c) => [c.kind, c.text]), [
    ['dateline', '(Reuters)'],
    ['copyright', '© 2008 Reuters'],
  ]);
});

test('HTML: a writer byline just above the story and a credit line just below it', () => {
  const html = page(
    '<p>Print</p><p>By SAM PARK, Associated Press Writer</p>',
    [prose(41), prose(42), prose(43)],
    '<p>Brought to you by AAP</p><p>More news</p>',
  );
  const a = extractHtml({ file: 'b.html', content: html, format: 'html', meta }, lexicons);
  const credited = a.credits.filter((c) => c.agency).map((c) => [c.kind, c.agency]);
  assert.deepEqual(credited, [
    ['byline', 'Associated Press'],
    ['signoff', 'Australian Associated Press'],
  ]);
  // Both are whole-story credits; the first credited wins the tie.
  assert.equal(originFromMarkers(a).agency, 'Associated Press');
});

test('HTML: a footer note about other articles, a photo byline and a font-size button are no credit', () => {
  const html = `<html><head><meta property="og:site_name" content="Valley Gazette"><meta name="author" content="Photo by: The Associated Press"></head><body>
<div class="tools"><p>AA</p></div><article>${[prose(51), prose(52), prose(53)].map((p) => `<p>${p}</p>`).join('')}</article>
<footer><p>Copyright © 2015 Valley Gazette.</p><p>Wire articles: Copyright © 2015 The Associated Press. All rights reserved.</p></footer></body></html>`;
  const a = extractHtml({ file: 'f.html', content: html, format: 'html', meta }, lexicons);
  assert.deepEqual(a.credits.filter((c) => c.agency), []);
  const o = originFromMarkers(a);
  assert.equal(o.agency, null);
  assert.equal(o.kind, 'original');
});

test('publisher: a footer link label or a year caught by a publisher cue is no site name; a legal tail is cut off', () => {
  const story = [prose(61), prose(62), prose(63)].map((p) => `<p>${p}</p>`).join('');
  const junk = `<html><body><article>${story}</article><footer><p>© 2008 Advertise</p><p>Subscribe to RSS Feed</p></footer></body></html>`;
  assert.equal(extractHtml({ file: 'j.html', content: junk, format: 'html' }, lexicons).publisher, null);
  const tail = `<html><body><article>${story}</article><footer><p>Copyright © 2008 Harbour Ledger All Rights Reserved</p></footer></body></html>`;
  const a = extractHtml({ file: 't.html', content: tail, format: 'html' }, lexicons);
  assert.equal(a.publisher?.name, 'Harbour Ledger');
  // A paper whose name ends in a navigation word keeps it.
  const own = `<html><body><article>${story}</article><footer><p>© 2008 Harbour Today</p></footer></body></html>`;
  assert.equal(extractHtml({ file: 'o.html', content: own, format: 'html' }, lexicons).publisher?.name, 'Harbour Today');
});

test('datelines: a wire date after the place without a comma ("SEATTLE Jan 14, 2008 (AP)")', () => {
  const d = findDateline('PORTLAND Jan 9, 2008 (AP) The company said it would hire.', cues)!;
  assert.equal(d.place, 'PORTLAND Jan 9, 2008');
  assert.equal(d.creditText, '(AP)');
  assert.equal(findDateline('PORTLAND Jan 9, 2008 The company said it would hire.', cues), null);
});

test('HTML: an agency dateline on a line of its own just above the story', () => {
  const html = page('<p>Print</p><p>PORTLAND Jan 9, 2008 (AP)</p>', [prose(71), prose(72), prose(73)], '<p>More news</p>');
  const a = extractHtml({ file: 'd.html', content: html, format: 'html', meta }, lexicons);
  assert.deepEqual(a.credits.filter((c) => c.agency).map((c) => [c.kind, c.text, c.agency]), [['dateline', '(AP)', 'Associated Press']]);
  assert.equal(originFromMarkers(a).agency, 'Associated Press');
});

test('a footer copyright names the publisher with its initials whole, and "All Rights Reserved" is never a name', () => {
  const base = { url: null, houseDateline: null, repostFooter: null, creditedAgencies: new Set<string>() };
  const publisher = (line: string) => resolvePublisher({ ...base, furnitureLines: [line] }, cues)?.name ?? null;
  assert.equal(publisher('© 2008 The E.W. Scripps Co. All rights reserved.'), 'The E.W. Scripps Co');
  assert.equal(publisher('Copyright © 2008 Harbour J. Press Group'), 'Harbour J. Press Group');
  assert.equal(publisher('© 2008 All Rights Reserved'), null);
  // A dot that ends the name still ends it.
  assert.equal(publisher('© 2008 Lakeside Times. All rights reserved.'), 'Lakeside Times');
});
