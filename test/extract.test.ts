/**
 * Extraction of plain-text scrapes: crawl header, boilerplate, repeats,
 * metadata, credits and origin markers, on fixtures written for this project.
 * Expected values were worked out by reading the fixtures, not from output.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { splitBlocks } from '../lib/extract/blocks.js';
import { findDateline, findImageCredits, findSignoff, parseByline } from '../lib/extract/credits.js';
import { extractCues } from '../lib/extract/cues.js';
import { dateFromUrl, findDates, withYear } from '../lib/extract/dates.js';
import { parseCrawlHeader } from '../lib/extract/header.js';
import { extractDetailed } from '../lib/extract/index.js';
import { originFromMarkers } from '../lib/extract/origin-markers.js';
import { removeRepeats } from '../lib/extract/repeats.js';
import { splitSentences } from '../lib/extract/sentences.js';
import { loadLexicons } from '../lib/lexicon/load.js';
import type { ExtractedArticle } from '../lib/types.js';
import { fixture } from './helpers.js';

const lexicons = loadLexicons();
const cues = extractCues(lexicons);

function extract(name: string) {
  const file = fixture('articles', name);
  return extractDetailed({ file, content: readFileSync(file, 'utf8'), format: 'text' }, lexicons);
}

function paragraphsOf(a: ExtractedArticle): string[] {
  return a.body.paragraphs.map((p) => a.body.text.slice(p.start, p.end));
}

// ------------------------------------------------------------ header

test('crawl header: date, URL and the glued first line', () => {
  const text = ' date 2022-06-02 https://example.test/a/b.html Menu\nHome';
  const h = parseCrawlHeader(text)!;
  assert.equal(h.crawlDate, '2022-06-02');
  assert.equal(h.url, 'https://example.test/a/b.html');
  assert.equal(text.slice(h.length), 'Menu\nHome');
});

test('crawl header: date only, URL alone on the line, BOM, no header, impossible date', () => {
  const a = parseCrawlHeader(' date 2018-10-08 Russian Politics')!;
  assert.deepEqual([a.crawlDate, a.url], ['2018-10-08', null]);
  assert.equal(' date 2018-10-08 Russian Politics'.slice(a.length), 'Russian Politics');
  const b = parseCrawlHeader(' date 2023-09-11 https://example.test/x\nTitle')!;
  assert.equal(b.url, 'https://example.test/x');
  assert.equal(' date 2023-09-11 https://example.test/x\nTitle'.slice(b.length), '\nTitle');
  assert.equal(parseCrawlHeader('\uFEFFdate 2020-02-29 Menu')?.crawlDate, '2020-02-29');
  assert.equal(parseCrawlHeader('The date 2020-01-01 was chosen'), null);
  assert.equal(parseCrawlHeader(' date 2021-02-30 Menu'), null);
  assert.equal(parseCrawlHeader(' date 2021-13-01 Menu'), null);
  assert.equal(parseCrawlHeader(' date 2021-01-01Menu'), null);
});

// ------------------------------------------------------------ blocks, sentences, dates

test('blocks: a line broken mid-sentence is rejoined, offsets point into the page', () => {
  const page = 'Title Line\n\nThe minister met the delegation from the north\nduring a visit to the capital.\nNext line here.';
  const blocks = splitBlocks(page);
  assert.deepEqual(
    blocks.map((b) => b.text),
    ['Title Line', 'The minister met the delegation from the north during a visit to the capital.', 'Next line here.'],
  );
  assert.equal(page.slice(blocks[1].start, blocks[1].end), 'The minister met the delegation from the north\nduring a visit to the capital.');
  assert.equal(blocks[1].blankBefore, true);
});

test('sentences: glued sentences split, abbreviations do not', () => {
  const text = 'Mr. Lind met Gen. Okafor on Sept. 4 in the U.S. capital.The talks ended in 1999.Both sides left.';
  assert.deepEqual(
    splitSentences(text).map((s) => text.slice(s.start, s.end)),
    ['Mr. Lind met Gen. Okafor on Sept. 4 in the U.S. capital.', 'The talks ended in 1999.', 'Both sides left.'],
  );
});

test('dates: written forms, year completion and URL dates', () => {
  assert.deepEqual(
    findDates('Posted March 5, 2024 9:12 am').map((d) => d.iso),
    ['2024-03-05'],
  );
  assert.equal(findDates('Published : Sept. 11, 2023 - 20:38')[0].iso, '2023-09-11');
  assert.equal(findDates('14 February 2019')[0].iso, '2019-02-14');
  assert.equal(findDates('datePublished 2023-09-11T09:12:00Z')[0].iso, '2023-09-11');
  const noYear = findDates('MOSCOW, October 8')[0];
  assert.deepEqual([noYear.iso, noYear.month, noYear.day], [null, 10, 8]);
  assert.equal(withYear(10, 8, '2018-10-08'), '2018-10-08');
  assert.equal(withYear(12, 30, '2019-01-02'), '2018-12-30');
  assert.equal(dateFromUrl('https://x.test/20230911/story-1.html'), '2023-09-11');
  assert.equal(dateFromUrl('https://x.test/news/2021/04/14/story'), '2021-04-14');
  assert.equal(dateFromUrl('https://x.test/news/story-20231399'), null);
});

// ------------------------------------------------------------ credits

test('credits: datelines with agency credits, plain datelines, sign-offs', () => {
  const slash = findDateline('MOSCOW, April 14. /TASS/. Talks will continue.', cues)!;
  assert.deepEqual([slash.place, slash.creditText, slash.agency?.outlet.name, slash.form], ['MOSCOW, April 14', '/TASS/.', 'TASS', 'dateline-slash']);
  const paren = findDateline('LISBON, March 5 (Reuters) - Talks on the harbour will resume.', cues)!;
  assert.deepEqual([paren.place, paren.creditText, paren.agency?.outlet.name], ['LISBON, March 5', '(Reuters)', 'Reuters']);
  assert.equal('LISBON, March 5 (Reuters) - Talks on the harbour will resume.'.slice(paren.prefix.length), 'Talks on the harbour will resume.');
  const ap = findDateline('NEW HAVEN, Conn. (AP) — The mayor said on Monday.', cues)!;
  assert.equal(ap.agency?.outlet.name, 'Associated Press');
  const plain = findDateline('KARVIK — The festival opened on Friday.', cues)!;
  assert.deepEqual([plain.place, plain.agency], ['KARVIK', null]);
  assert.equal(findDateline('The minister said on Monday that talks would resume.', cues), null);
  const signoff = findSignoff('The bridge will reopen in May. (Yonhap)', cues)!;
  assert.deepEqual([signoff.credit, signoff.agency.outlet.name], ['(Yonhap)', 'Yonhap']);
  assert.equal('The bridge will reopen in May. (Yonhap)'.slice(0, signoff.start).trimEnd(), 'The bridge will reopen in May.');
});

test('credits: bylines with glued dates, photo credits', () => {
  assert.equal(parseByline('By Staff Reuters')?.names, 'Staff Reuters');
  assert.equal(parseByline('By YonhapPublished : Sept. 11, 2023 - 20:38')?.names, 'Yonhap');
  assert.equal(parseByline('By Mara Ellison | March 3, 2024')?.names, 'Mara Ellison');
  assert.equal(parseByline('By the end of the week, the river had risen by two metres and flooded the lower town.'), null);
  const line = '(Left) The mayor (L) (KCNA via REUTERS). (Right) The minister (Ola Brenn/AFP/Getty Images)';
  const credits = findImageCredits(line, cues);
  assert.deepEqual(
    credits.map((c) => c.text),
    ['KCNA via REUTERS', 'Ola Brenn/AFP/Getty Images'],
  );
  for (const c of credits) assert.equal(line.slice(c.start, c.end), c.text);
  assert.deepEqual(findImageCredits('© Ivan Dorn/TASS', cues).map((c) => c.text), ['Ivan Dorn/TASS']);
  assert.deepEqual(findImageCredits('The minister (left) met the mayor (right).', cues), []);
  assert.deepEqual(findImageCredits('Crowds watch the parade in Velmora, May 1, 2025. REUTERS/Ana Lind', cues).map((c) => c.text), ['REUTERS/Ana Lind']);
  assert.deepEqual(findImageCredits('The minister arrives in Ostrin. Jon P. Dale/AFP via Getty Images', cues).map((c) => c.text), ['Jon P. Dale/AFP via Getty Images']);
  assert.deepEqual(findImageCredits('He said the plan would work. It was approved by Reuters.', cues), []);
});

// ------------------------------------------------------------ repeats

test('repeats: paragraph copies kept once, a glued digest dropped for its standalone paragraphs', () => {
  const p1 = 'The regional water board said on Wednesday that the survey had found the fish.';
  const s2 = 'The board said the survey team counted more than 200 fish in two bays.';
  const s3 = 'Volunteers from three villages helped to carry the equipment to the shore.';
  const r = removeRepeats([p1, `${s2}${s3}`, 'Local anglers had reported unusual catches for years.', p1, s2, s3]);
  assert.deepEqual(r.paragraphs, [p1, 'Local anglers had reported unusual catches for years.', s2, s3]);
  assert.deepEqual(
    r.repeated.map((x) => [x.paragraph, r.paragraphs[x.paragraph].slice(x.start, x.end), x.count]),
    [
      [0, p1, 2],
      [2, s2, 2],
      [3, s3, 2],
    ],
  );
});

test('repeats: a sentence repeated inside a longer paragraph is cut there, not in its own paragraph', () => {
  const a = 'The council approved the budget for the new ferry terminal on Tuesday.';
  const b = 'Work on the terminal is due to start in the autumn, officials said.';
  const r = removeRepeats([`${a} ${b}`, a]);
  assert.deepEqual(r.paragraphs, [b, a]);
  assert.deepEqual(r.repeated, [{ paragraph: 1, start: 0, end: a.length, count: 2 }]);
});

// ------------------------------------------------------------ whole articles

test('content-farm repost: furniture out, truncated tail kept, repost origin', () => {
  const { article: a } = extract('content-farm-truncated.txt');
  const paras = paragraphsOf(a);
  assert.match(paras[0], /^The harbour authority of Port Caldwick said on Tuesday/);
  assert.equal(paras[paras.length - 1], 'On March 2, the');
  for (const junk of ['Breaking News', 'You May Also Like', 'Island Bakery Wins', 'Source link', 'the author behind', 'Leave a Reply', 'Photo by'])
    assert.ok(!a.body.text.includes(junk), junk);
  assert.equal(a.title, 'Harbour Authority Confirms Ferry Link to Varnholm Island');
  assert.equal(a.truncated, true);
  assert.deepEqual(a.imageCredits, ['Elsa Marn/AFP/Getty Images']);
  assert.deepEqual(a.publisher, {
    name: 'NewsBuzz Daily Wire',
    kind: 'content-farm',
    country: null,
    evidence: ["I'm NewsBuzz, the author behind NewsBuzz Daily Wire", 'Source link'],
  });
  assert.equal(a.published, null);
  const o = originFromMarkers(a);
  assert.deepEqual([o.kind, o.agency, o.derivation, o.truncated], ['repost', null, 'wholly', true]);
  assert.deepEqual(o.evidence, ['Source link', 'On March 2, the']);
});

test('state agency on its own site: house dateline names the publisher, origin original', () => {
  const { article: a } = extract('state-agency-dateline.txt');
  assert.equal(a.crawlDate, '2021-04-14');
  assert.equal(a.title, 'Northern rail corridor talks to continue — ministry');
  assert.equal(a.dateline, 'MOSCOW, April 14');
  assert.equal(a.published, '2021-04-14');
  assert.deepEqual(paragraphsOf(a), [
    'Talks on the planned northern rail corridor will continue next month, a spokesman for the Ministry of Transit Affairs told reporters on Wednesday.',
    '"We are ready to resume the consultations at any time," the spokesman said, adding that no date had been set yet for the next meeting.',
  ]);
  assert.deepEqual(a.publisher, { name: 'TASS', kind: 'state-media', country: 'RU', evidence: ['MOSCOW, April 14. /TASS/.'] });
  const o = originFromMarkers(a);
  assert.deepEqual([o.kind, o.agency, o.derivation], ['original', 'TASS', 'non']);
  assert.deepEqual(o.evidence, ['/TASS/.']);
  assert.deepEqual(o.imageCredits, ['Ivan Dorn/TASS']);
});

test('scrape with repeats: one copy of each, spans and counts, title and URL date', () => {
  const { article: a } = extract('scrape-repeats.txt');
  assert.equal(a.url, 'https://news.example-observer.test/20220601/lake-survey-finds-rare-fish-in-upper-ormsby-basin-1234.html');
  assert.equal(a.published, '2022-06-01');
  assert.equal(a.title, 'Lake Survey Finds Rare Fish in Upper Ormsby Basin');
  assert.ok(!a.body.text.includes('Lake Survey Finds'));
  const paras = paragraphsOf(a);
  assert.equal(paras.length, 5);
  assert.match(paras[0], /^Biologists surveying/);
  assert.equal(paras[4], 'The survey will be repeated next spring to confirm the finding.');
  assert.equal(a.body.text.split('Biologists surveying').length, 2, 'lede once');
  assert.equal(a.body.repeated.length, 4);
  for (const r of a.body.repeated) {
    assert.equal(a.body.text.slice(r.start, r.end), r.text);
    assert.equal(r.count, 2);
  }
  assert.deepEqual(originFromMarkers(a).derivation, null);
});

test('wire repost: byline, dateline and copyright credits, publisher not guessed from the wire', () => {
  const { article: a } = extract('plain-wire-repost.txt');
  assert.equal(a.byline, 'Staff Reuters');
  assert.equal(a.dateline, 'LISBON, March 5');
  assert.equal(a.published, '2024-03-05');
  assert.match(a.body.text, /^Talks on the future of the northern harbour/);
  assert.match(a.body.text, /according to the Lusa news agency\.$/);
  assert.equal(a.publisher, null);
  const o = originFromMarkers(a);
  assert.deepEqual([o.kind, o.agency, o.derivation], ['wire', 'Reuters', 'wholly']);
  assert.deepEqual(o.evidence, ['By Staff Reuters', '(Reuters)', '© 2024 Reuters']);
});

test('paragraph spans point into body.text and the body has no blank paragraphs', () => {
  for (const name of ['content-farm-truncated.txt', 'state-agency-dateline.txt', 'scrape-repeats.txt', 'plain-wire-repost.txt']) {
    const { article: a } = extract(name);
    assert.equal(a.body.paragraphs.map((p) => a.body.text.slice(p.start, p.end)).join('\n\n'), a.body.text);
    for (const p of a.body.paragraphs) assert.ok(p.end > p.start);
  }
});

test('a bare snippet without furniture is kept as the body', () => {
  const d = extractDetailed({ file: '-', content: 'The minister said talks would resume.\n', format: 'text' }, lexicons);
  assert.equal(d.article.body.text, 'The minister said talks would resume.');
  const menu = extractDetailed({ file: '-', content: 'Home\nWorld\nSport\n', format: 'text' }, lexicons);
  assert.equal(menu.article.body.text, '');
});

test('agency page and wire repost details: end marks, contributor lines, copyright names', () => {
  const xinhua = [
    ' date 2025-06-03 https://english.news.cn/20250603/abc/c.html Home',
    'World',
    '',
    'Estavia, Dornland sign river water-sharing accord',
    'Editor: Liu Wen',
    '2025-06-03 14:20:11',
    '',
    'VELMORA, June 3 (Xinhua) -- Estavia and Dornland on Tuesday signed an accord on sharing the waters of the Ulm river, the two governments said.',
    '',
    '"This turns a source of tension into a source of cooperation," Estavian Prime Minister Rasa Kell said at the ceremony. Enditem',
    '',
    'Copyright © 2000-2025 XINHUANET.com All rights reserved.',
  ].join('\n');
  const a = extractDetailed({ file: 'x.txt', content: xinhua, format: 'text' }, lexicons).article;
  assert.match(a.body.text, /at the ceremony\.$/);
  assert.equal(a.dateline, 'VELMORA, June 3');
  assert.deepEqual([a.publisher?.name, a.publisher?.kind, a.publisher?.evidence], ['Xinhua', 'state-media', ['news.cn']]);
  assert.deepEqual([originFromMarkers(a).kind, originFromMarkers(a).agency], ['original', 'Xinhua']);

  const ap = [
    'Valley Tribune',
    'Mine rescue crews reach trapped workers in Ostrin',
    'By ANNA KORVEL and PETER DAHL Associated Press',
    'Updated 9:14 PM EDT, Wed June 4, 2025',
    '',
    'OSTRIN, Estavia (AP) — Rescue crews on Wednesday reached 12 miners trapped for two days in a flooded shaft near Ostrin, the company said.',
    '',
    'Mining authorities said an investigation into the flooding would begin next week, according to the regional mining office.',
    '',
    'Associated Press writer Mira Holt in Velmora contributed to this report.',
    '',
    'Copyright 2025 The Associated Press. All rights reserved.',
  ].join('\n');
  const b = extractDetailed({ file: 'y.txt', content: ap, format: 'text' }, lexicons).article;
  assert.equal(b.published, '2025-06-04');
  assert.equal(b.publisher, null, 'the wire copyright names the text, not the site');
  assert.ok(!b.body.text.includes('contributed'));
  assert.deepEqual(
    b.credits.map((c) => [c.kind, c.agency]),
    [
      ['byline', 'Associated Press'],
      ['dateline', 'Associated Press'],
      ['reporting-credit', 'Associated Press'],
      ['copyright', 'Associated Press'],
    ],
  );
  const o = originFromMarkers(b);
  assert.deepEqual([o.kind, o.agency, o.derivation], ['wire', 'Associated Press', 'wholly']);
});

test('a name-dense sentence between body paragraphs stays in the body', () => {
  const page = [
    'Home',
    'World',
    '',
    'The summit opened on Monday in the lakeside town of Ostrin, where the delegations were greeted by the mayor and a brass band.',
    '',
    'Estavian President Ilka Varro, Dornish Premier Tomas Brek, Valley Governor Rasa Kell attended.',
    '',
    'The talks are expected to last for three days and to end with a joint statement on the future of the river trade.',
    '',
    'Trending Now',
  ].join('\n');
  const a = extractDetailed({ file: 'n.txt', content: page, format: 'text' }, lexicons).article;
  assert.equal(a.body.paragraphs.length, 3);
  assert.match(a.body.text, /Valley Governor Rasa Kell attended\./);
});

test('a name-dense sentence at the end of a story stays in the body, and so does the paragraph after it', () => {
  const page = [
    'Fishing quotas cut again',
    '',
    'BRAVIK (Reuters) - The fisheries ministry cut next year\'s cod quota by a fifth on Tuesday, saying that the stock had not recovered as fast as it had hoped.',
    '',
    'Boat owners said that the cut would force some of them out of business, and that they would ask the courts to look at the decision again.',
    '',
    'A ministry spokesman declined to comment. The coastal guard did not respond to a request for comment.',
    '',
    'Dornish fisheries minister Pel Arno told state broadcaster DTV that Estavian trawlers were fishing illegally, news agency Nordpress reported.',
    '',
    'It is widely expected that the courts will rule by spring.',
  ].join('\n');
  const a = extractDetailed({ file: 'q.txt', content: page, format: 'text' }, lexicons).article;
  const paragraphs = paragraphsOf(a);
  assert.equal(paragraphs.length, 5);
  assert.equal(paragraphs[3], 'Dornish fisheries minister Pel Arno told state broadcaster DTV that Estavian trawlers were fishing illegally, news agency Nordpress reported.');
  assert.equal(paragraphs[4], 'It is widely expected that the courts will rule by spring.');
});

test('short final paragraphs stay in the body: at the end of the page, and above a reporting credit', () => {
  const lede = 'Schools across the north of Dornia were closed on Friday as a storm brought heavy snow and winds of up to 90 miles an hour, the weather service said.';
  const second = 'Police asked drivers to stay at home unless their journey was essential, and several main roads were blocked by fallen trees.';
  const atEnd = ['Storm closes schools', '', lede, '', second, '', 'Shares of power company Nordgrid fell.'].join('\n');
  const a = extractDetailed({ file: 'e.txt', content: atEnd, format: 'text' }, lexicons).article;
  assert.deepEqual(paragraphsOf(a), [lede, second, 'Shares of power company Nordgrid fell.']);

  const credited = [
    'Storm closes schools',
    '',
    lede,
    '',
    second,
    '',
    'Power company Nordgrid said 40,000 homes were without electricity.',
    '',
    '"Nobody go out," Mayor Ivo Tanner said.',
    '',
    '(Reporting by Jane Doe; Editing by Mark Smith)',
    '',
    'Our Standards: The Trust Principles.',
  ].join('\n');
  const b = extractDetailed({ file: 'c.txt', content: credited, format: 'text' }, lexicons).article;
  assert.deepEqual(paragraphsOf(b), [lede, second, 'Power company Nordgrid said 40,000 homes were without electricity.', '"Nobody go out," Mayor Ivo Tanner said.']);
  assert.ok(b.credits.some((c) => c.kind === 'reporting-credit' && c.text === '(Reporting by Jane Doe; Editing by Mark Smith)'));
});

test('a reporting credit glued to the last paragraph is cut from the body and kept as a credit', () => {
  const lede = 'Schools across the north of Dornia were closed on Friday as a storm brought heavy snow and winds of up to 90 miles an hour, the weather service said.';
  const second = 'Police asked drivers to stay at home unless their journey was essential, and several main roads were blocked by fallen trees.';
  const page = ['Storm closes schools', '', lede, '', second, '', 'Schools will reopen on Monday. (Reporting by Jane Doe; Editing by Mark Smith)'].join('\n');
  const a = extractDetailed({ file: 'g.txt', content: page, format: 'text' }, lexicons).article;
  assert.deepEqual(paragraphsOf(a), [lede, second, 'Schools will reopen on Monday.']);
  assert.ok(a.credits.some((c) => c.kind === 'reporting-credit' && c.text === '(Reporting by Jane Doe; Editing by Mark Smith)'));
});
