/**
 * Attribution on hard cases written for this project (not taken from any
 * article): every form of cue, coreference, quotes across paragraphs, chains,
 * anonymity, headlines. Every span is checked against the text it points at.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findAttributions } from '../lib/attribution/index.js';
import { findQuotes } from '../lib/attribution/quotes.js';
import { loadLexicons } from '../lib/lexicon/load.js';
import { annotate } from '../lib/nlp/index.js';
import type { Attribution, ExtractedArticle, Span } from '../lib/types.js';

function paragraphsOf(text: string): Span[] {
  const out: Span[] = [];
  const re = /[^\n]+(?:\n(?!\n)[^\n]+)*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

function run(body: string, title: string | null = null) {
  const article: ExtractedArticle = {
    file: 'fixture.txt',
    title,
    url: null,
    crawlDate: null,
    published: null,
    byline: null,
    dateline: null,
    publisher: null,
    body: { text: body, paragraphs: paragraphsOf(body), repeated: [] },
    credits: [],
    truncated: false,
    imageCredits: [],
  };
  const result = findAttributions(article, annotate(body), loadLexicons());
  // Every offset points at the text it claims.
  for (const a of result.attributions) {
    const text = a.zone === 'title' ? title! : body;
    assert.equal(text.slice(a.source.start, a.source.end), a.source.text);
    assert.equal(text.slice(a.cue.start, a.cue.end), a.cue.text);
    assert.equal(text.slice(a.sentence.start, a.sentence.end), a.sentence.text);
    for (const q of a.quoteSpans) assert.ok(q.start >= 0 && q.end <= text.length && q.start < q.end);
  }
  for (const u of result.unattributed) for (const h of u.hedges) assert.equal(body.slice(h.start, h.end), h.text);
  return result;
}

function only(list: Attribution[], sourceText: string): Attribution {
  const found = list.filter((a) => a.source.text === sourceText);
  assert.equal(found.length, 1, `one attribution with source "${sourceText}"; have ${JSON.stringify(list.map((a) => a.source.text))}`);
  return found[0];
}

test('active, inverted and fronted forms with a titled name', () => {
  const body =
    'The finance ministry will cut fuel subsidies next year, Deputy Finance Minister Olga Varenko said on Tuesday.\n\n' +
    '"We cannot keep paying for this," said Varenko.\n\n' +
    'According to Varenko, the savings will go to schools.';
  const { attributions } = run(body);
  assert.equal(attributions.length, 3);
  const first = only(attributions, 'Deputy Finance Minister Olga Varenko');
  assert.deepEqual([first.source.canonical, first.source.type, first.source.identity, first.cue.form], ['Olga Varenko', 'official', 'named', 'active']);
  assert.equal(first.cue.text, 'said');
  const inverted = attributions.find((a) => a.cue.form === 'inverted')!;
  assert.equal(inverted.source.text, 'Varenko');
  assert.equal(inverted.source.canonical, 'Olga Varenko');
  assert.equal(inverted.quote, 'direct');
  const fronted = attributions.find((a) => a.cue.form === 'according-to')!;
  assert.equal(fronted.source.canonical, 'Olga Varenko');
  assert.equal(fronted.quote, 'indirect');
});

test('passive voice: "confirmed by" state media, with the country from the demonym', () => {
  const body = 'The launch was later confirmed by Chinese state media.';
  const { attributions } = run(body);
  const a = only(attributions, 'Chinese state media');
  assert.deepEqual([a.cue.form, a.source.type, a.source.identity, a.source.country], ['passive', 'state-media', 'role', 'CN']);
});

test('nested attribution: the Kremlin via TASS, and TASS itself', () => {
  const body = 'The Kremlin also said the talks would resume "within weeks," according to Russia\'s TASS news agency.';
  const { attributions } = run(body);
  assert.equal(attributions.length, 2);
  const kremlin = only(attributions, 'The Kremlin');
  assert.equal(kremlin.source.canonical, 'Kremlin');
  assert.equal(kremlin.source.type, 'government');
  assert.equal(kremlin.via, 'TASS');
  assert.equal(kremlin.quote, 'mixed');
  const tass = only(attributions, "Russia's TASS news agency");
  assert.deepEqual([tass.source.canonical, tass.source.type, tass.source.country, tass.via], ['TASS', 'state-media', 'RU', null]);
});

test('a quote that runs over two paragraphs belongs to one attribution', () => {
  const body =
    'The mayor defended the budget.\n\n' +
    '\u201cWe listened to every neighbourhood. Nobody was left out.\n\n' +
    '\u201cThe roads come first, and the parks come next,\u201d she told reporters.';
  const { attributions, unattributed } = run(body);
  // One attribution carries the whole quotation; the earlier paragraph also gets a continuation
  // entry for the same speaker, as paragraphs after an attribution do.
  const main = attributions.filter((x) => x.ruleId !== 'attribution/quote-continuation');
  assert.equal(main.length, 1);
  assert.deepEqual(attributions.filter((x) => x.ruleId === 'attribution/quote-continuation').map((x) => [x.source.canonical, x.sentence.text]), [[main[0].source.canonical, '\u201cWe listened to every neighbourhood.']]);
  const a = main[0];
  assert.equal(a.source.text, 'she');
  assert.equal(a.quote, 'direct');
  assert.equal(a.quoteSpans.length, 2);
  assert.equal(body.slice(a.quoteSpans[0].start, a.quoteSpans[0].end), 'We listened to every neighbourhood. Nobody was left out.');
  assert.equal(body.slice(a.quoteSpans[1].start, a.quoteSpans[1].end), 'The roads come first, and the parks come next,');
  // The quoted sentences are the mayor's words, not unattributed claims.
  assert.ok(!unattributed.some((u) => body.slice(u.start, u.end).includes('Nobody was left out')));
});

test('multi-paragraph quote runs: an unclosed paragraph continues only when the next reopens', () => {
  const text = '"First part.\n\n"Second part," he said.\n\nNo quote here.';
  const runs = findQuotes(text, paragraphsOf(text));
  assert.equal(runs.length, 1);
  assert.deepEqual(
    runs[0].spans.map((s) => text.slice(s.start, s.end)),
    ['First part.', 'Second part,'],
  );
});

test('"sources say": anonymous plural sources and officials who spoke on condition of anonymity', () => {
  const body =
    'The deal could be signed this month, sources say.\n\n' +
    'Two officials who spoke on condition of anonymity said the vote was delayed.\n\n' +
    'A person familiar with the matter said talks had stalled.';
  const { attributions } = run(body);
  const sources = only(attributions, 'sources');
  assert.deepEqual([sources.source.identity, sources.source.type], ['anonymous', 'unknown']);
  const officials = attributions.find((a) => a.source.text.startsWith('Two officials'))!;
  assert.equal(officials.source.text, 'Two officials who spoke on condition of anonymity');
  assert.deepEqual([officials.source.identity, officials.source.type], ['anonymous', 'official']);
  const person = only(attributions, 'A person familiar with the matter');
  assert.equal(person.source.identity, 'anonymous');
});

test('headline attributions: ", X says", ": AGENCY" and "— body", with offsets into the title', () => {
  for (const [title, source, canonical, type] of [
    ['Dam repairs to finish in spring, Kremlin says', 'Kremlin', 'Kremlin', 'government'],
    ['Leader to visit Moscow soon: KCNA', 'KCNA', 'KCNA', 'state-media'],
    ['Talks on border crossing underway \u2014 Kremlin', 'Kremlin', 'Kremlin', 'government'],
  ] as const) {
    const { attributions } = run('The river rose overnight.', title);
    const a = attributions.find((x) => x.zone === 'title');
    assert.ok(a, `a headline attribution in "${title}"`);
    assert.equal(title.slice(a.source.start, a.source.end), source);
    assert.deepEqual([a.source.canonical, a.source.type], [canonical, type]);
  }
});

test('a headline verb that takes an action, not a claim ("agree to reopen"), names no source; "Official Confirms Visit" still does', () => {
  const agree = run('The river rose overnight.', 'Kyiv and Warsaw agree to reopen border crossing, ministers say').attributions.filter((x) => x.zone === 'title');
  assert.deepEqual(agree.map((a) => a.source.text), ['ministers']);
  const confirms = run('The river rose overnight.', 'Kremlin Official Confirms Leader\'s Visit').attributions.filter((x) => x.zone === 'title');
  assert.deepEqual(confirms.map((a) => [a.source.text, a.cue.text]), [['Kremlin Official', 'Confirms']]);
});

test('a sentence with two sources: an anonymous one and capitals speaking as governments', () => {
  const body = 'The convoy crossed the border at dawn, a Ukrainian source said, as Kyiv and Warsaw confirmed that the crossing had reopened.';
  const { attributions } = run(body);
  const source = only(attributions, 'a Ukrainian source');
  assert.deepEqual([source.source.identity, source.source.country], ['anonymous', 'UA']);
  const capitals = only(attributions, 'Kyiv and Warsaw');
  assert.deepEqual([capitals.source.type, capitals.source.identity, capitals.source.country], ['government', 'named', ['UA', 'PL']]);
});

test('possessive outlets and countries: told Yonhap, South Korea\'s foreign ministry', () => {
  const body =
    "Japan's NHK reported that the typhoon had weakened.\n\n" +
    'A South Korean government official told Yonhap News Agency that the ministry was monitoring it.\n\n' +
    "Japan's foreign ministry said it had no comment.";
  const { attributions } = run(body);
  const official = only(attributions, 'A South Korean government official');
  assert.deepEqual([official.source.type, official.source.identity, official.source.country, official.toldTo], ['official', 'role', 'KR', 'Yonhap']);
  const ministry = only(attributions, "Japan's foreign ministry");
  assert.deepEqual([ministry.source.canonical, ministry.source.type, ministry.source.identity, ministry.source.country], ['Japanese foreign ministry', 'government', 'named', 'JP']);
});

test('pronoun and role coreference, with the gender the text gives', () => {
  const body =
    'Foreign ministry spokeswoman Ana Ruiz said the embassy would reopen.\n\n' +
    'Parliament Speaker Tomas Berg said the vote would go ahead.\n\n' +
    '"We have no reason to wait," he said. She later added that staff had returned.\n\n' +
    '"The doors are open," the spokeswoman said.';
  const { attributions } = run(body);
  const he = only(attributions, 'he');
  assert.equal(he.source.canonical, 'Tomas Berg');
  const she = only(attributions, 'She');
  assert.equal(she.source.canonical, 'Ana Ruiz');
  const role = only(attributions, 'the spokeswoman');
  assert.deepEqual([role.source.canonical, role.source.identity, role.source.type], ['Ana Ruiz', 'named', 'official']);
});

test('a statement is a channel; a mixed quote keeps its fragment', () => {
  const body = 'In a statement, the White House said the president would travel "as planned" next week.';
  const { attributions } = run(body);
  const a = only(attributions, 'the White House');
  assert.deepEqual([a.source.canonical, a.source.country, a.channel, a.quote], ['White House', 'US', 'statement', 'mixed']);
  assert.equal(body.slice(a.quoteSpans[0].start, a.quoteSpans[0].end), 'as planned');
});

test('unattributed claims carry their hedges; attributed ones are not listed', () => {
  const body = 'The plant is believed to have closed in March after the floods.\n\nThe company said output would recover.';
  const { unattributed, attributions } = run(body);
  assert.equal(attributions.length, 1);
  assert.equal(unattributed.length, 1);
  const u = unattributed[0];
  assert.equal(body.slice(u.start, u.end), 'The plant is believed to have closed in March after the floods.');
  assert.ok(u.hedges.some((h) => /believed/.test(h.text)));
});

test('non-reporting uses of cue verbs are not attributions', () => {
  const body = 'The bank added 40 branches last year.\n\nShe confirmed her booking online.\n\nHe told a story about the war.';
  const { attributions } = run(body);
  assert.deepEqual(attributions.map((a) => a.source.text), []);
});

test('appositives: name, role, age and affiliation pieces before the verb make one source', () => {
  const body =
    'Maria Lind, 52, a spokeswoman for the Swedish foreign ministry, said the talks would go on.\n\n' +
    'The coroner, Ian Moss, said the death was accidental.';
  const { attributions } = run(body);
  const lind = attributions.find((a) => a.source.canonical === 'Maria Lind')!;
  assert.ok(lind, JSON.stringify(attributions.map((a) => a.source.text)));
  assert.equal(lind.source.text, 'Maria Lind, 52, a spokeswoman for the Swedish foreign ministry');
  assert.deepEqual([lind.source.type, lind.source.identity, lind.source.country], ['official', 'named', 'SE']);
  const moss = attributions.find((a) => a.source.canonical === 'Ian Moss')!;
  assert.equal(moss.source.type, 'official');
});

test('a passive with no agent names no source; reported speech inside a quote is not the article\'s', () => {
  const body =
    'The jury was told the bottle had no label.\n\n' +
    '"If people believed what they said, I was finished," the composer told the court.';
  const { attributions } = run(body);
  assert.deepEqual(attributions.map((a) => a.source.text), ['the composer']);
});

test('a quoted paragraph with no cue continues the previous speaker', () => {
  const body =
    'Ana Ruiz, the head teacher, said: "We were ready for this."\n\n' +
    '"Every child had a place to go and every parent knew it."\n\n' +
    'The school reopened on Monday.';
  const { attributions, unattributed } = run(body);
  assert.equal(attributions.length, 2);
  const next = attributions[1];
  assert.equal(next.cue.form, 'continuation');
  assert.equal(next.source.canonical, 'Ana Ruiz');
  assert.equal(next.quote, 'direct');
  assert.equal(body.slice(next.sentence.start, next.sentence.end), '"Every child had a place to go and every parent knew it."');
  assert.deepEqual(unattributed.map((u) => body.slice(u.start, u.end)), []);
});

test('a cue after "but" shares the subject that opens the sentence', () => {
  const body = 'He ruled the pair were not guilty, but added: "This was a tragedy."';
  const article = 'Judge Peter Kemp heard the case.\n\n' + body;
  const { attributions } = run(article);
  const a = attributions.find((x) => x.cue.text === 'added')!;
  assert.ok(a);
  assert.equal(a.source.text, 'He');
  assert.equal(a.source.canonical, 'Peter Kemp');
  assert.equal(a.quote, 'mixed');
});

test('a pronoun keeps the identity of what it refers to; "sources close to" a minister are anonymous', () => {
  const body =
    'Sources close to Deputy Prime Minister Luca Berti said the coalition would hold.\n\n' +
    'They said talks would resume tomorrow.\n\n' +
    'Growth figures released in December indicate that demand is slowing.';
  const { attributions } = run(body);
  assert.deepEqual(
    attributions.map((a) => [a.source.text, a.source.identity]),
    [
      ['Sources close to Deputy Prime Minister Luca Berti', 'anonymous'],
      ['They', 'anonymous'],
    ],
  );
});

test('name particles across a line break, and a two-word surname later', () => {
  const body = 'Belgian Trade Minister Herman\nDe Wit said a compromise was near. De Wit also said talks would go on.';
  const { attributions } = run(body);
  assert.deepEqual(
    attributions.map((a) => [a.source.text, a.source.canonical, a.source.type, a.source.country]),
    [
      ['Belgian Trade Minister Herman\nDe Wit', 'Herman De Wit', 'official', 'BE'],
      ['De Wit', 'Herman De Wit', 'official', 'BE'],
    ],
  );
});

test('an inverted cue with an appositive keeps one exact source span', () => {
  const body = '"We will win the vote," said Pavel Orlov, the party spokesman.';
  const { attributions } = run(body);
  assert.equal(attributions.length, 1);
  assert.equal(attributions[0].source.text, 'Pavel Orlov, the party spokesman');
  assert.equal(attributions[0].source.canonical, 'Pavel Orlov');
  assert.equal(attributions[0].quote, 'direct');
});

/** The attribution's source span, checked against where the phrase stands in the body. */
function assertSource(body: string, a: Attribution, text: string, fields: Partial<Attribution['source']>, occurrence = 0) {
  let at = -1;
  for (let n = 0; n <= occurrence; n++) at = body.indexOf(text, at + 1);
  assert.deepEqual([a.source.start, a.source.end, a.source.text], [at, at + text.length, text]);
  for (const [k, v] of Object.entries(fields)) assert.deepEqual(a.source[k as keyof Attribution['source']], v, k);
}

test('a participle cue in an absolute "with" clause names its own source', () => {
  const body = 'The central bank held its key rate at 4 percent, with Governor Ana Ruiz telling lawmakers that "prices are still too high."';
  const { attributions } = run(body);
  assert.equal(attributions.length, 1);
  const a = only(attributions, 'Governor Ana Ruiz');
  assertSource(body, a, 'Governor Ana Ruiz', { canonical: 'Ana Ruiz', type: 'official', identity: 'named', country: null });
  assert.deepEqual([a.cue.text, a.cue.start, a.cue.form], ['telling', body.indexOf('telling'), 'active']);
  assert.equal(a.quote, 'mixed');
  // The same with a body and "saying", no quotation.
  const body2 = 'Dock workers walked out on Monday, with the union saying the strike would last a week.';
  const b = only(run(body2).attributions, 'the union');
  assertSource(body2, b, 'the union', { type: 'organization', identity: 'role' });
  assert.equal(b.quote, 'indirect');
  // A participle with no "with" before its subject stays part of the clause.
  assert.equal(run('The minister left early, saying nothing to reporters.').attributions.length, 0);
});

test('"a person familiar with" is an anonymous source whatever the complement', () => {
  const body = 'A person familiar with the negotiations said the deal could be signed next week.';
  const a = only(run(body).attributions, 'A person familiar with the negotiations');
  assertSource(body, a, 'A person familiar with the negotiations', { canonical: 'A person familiar with the negotiations', type: 'unknown', identity: 'anonymous', country: null });
  assert.equal(a.cue.text, 'said');
});

test('"wrote in a research note": a written channel lets the cue take its clause', () => {
  const body = 'Strategists at Nordvik Bank wrote in a research note that the merger would cut costs.';
  const a = only(run(body).attributions, 'Strategists at Nordvik Bank');
  assertSource(body, a, 'Strategists at Nordvik Bank', { identity: 'role', type: 'person' });
  assert.deepEqual([a.cue.text, a.channel], ['wrote', 'written']);
});

test('"according to figures published by X": the producer of the cited data is the source', () => {
  const body = 'Exports fell for a third month, according to figures published by the World Bank.';
  const a = only(run(body).attributions, 'the World Bank');
  assertSource(body, a, 'the World Bank', { canonical: 'World Bank', type: 'organization', identity: 'named' });
  assert.deepEqual([a.cue.text, a.cue.form], ['according to', 'according-to']);
  // A cited thing with no producer names no source.
  assert.equal(run('Prices rose sharply last month, according to figures.').attributions.length, 0);
});

test('US departments resolve to their country through the lexicon of government bodies', () => {
  const body = 'A spokesman for the Justice Department declined to comment on the case.';
  const a = only(run(body).attributions, 'A spokesman for the Justice Department');
  assertSource(body, a, 'A spokesman for the Justice Department', { type: 'official', identity: 'role', country: 'US' });
  assert.ok(a.source.evidence.some((e) => e.entryId === 'us-justice-department'));
});

test('"it is widely believed" is a vague attribution of an unattributed sentence', () => {
  const body = 'It is widely believed that the tariff will be lifted before the summer.';
  const { attributions, unattributed } = run(body);
  assert.equal(attributions.length, 0);
  assert.equal(unattributed.length, 1);
  assert.deepEqual(unattributed[0].hedges.map((h) => [h.text, h.start, h.entryId]), [['It is widely believed', 0, 'it-is-believed']]);
});

test('a surname alone takes the full name written earlier outside any attribution', () => {
  const body = 'Several unions, among them the nurses led by Dana Kohl, walked out on Friday. Kohl told reporters the strike would go on.';
  const a = only(run(body).attributions, 'Kohl');
  assertSource(body, a, 'Kohl', { canonical: 'Dana Kohl', identity: 'named' }, 1);
  const body2 = 'Opponents, including Senator Rhea Malik, have attacked the plan. Malik said on Twitter that it would fail.';
  const b = only(run(body2).attributions, 'Malik');
  assertSource(body2, b, 'Malik', { canonical: 'Rhea Malik', type: 'official', identity: 'named' }, 1);
  assert.equal(b.channel, 'social-media');
});

test('"was quoted as saying": the subject of the passive spoke', () => {
  const body = 'Deputy Mayor Ivo Brandt was quoted as saying the bridge would reopen in May.';
  const a = only(run(body).attributions, 'Deputy Mayor Ivo Brandt');
  assertSource(body, a, 'Deputy Mayor Ivo Brandt', { canonical: 'Ivo Brandt', type: 'official', identity: 'named' });
  assert.deepEqual([a.cue.text, a.cue.start, a.ruleId], ['saying', body.indexOf('saying'), 'attribution/quoted-as-saying']);
});

test('"The report, published by X, said": the publisher of the document is the source', () => {
  const body = 'The report, published by the World Bank on Tuesday, said growth in the region would slow.';
  const a = only(run(body).attributions, 'the World Bank');
  assertSource(body, a, 'the World Bank', { canonical: 'World Bank', type: 'organization', identity: 'named' });
  assert.equal(a.cue.text, 'said');
});

test('"They spoke on condition of anonymity" makes the role sources just before anonymous', () => {
  const body = 'Two senior diplomats said the ceasefire talks had stalled. The diplomats spoke on condition of anonymity because the talks were private.';
  const a = only(run(body).attributions, 'Two senior diplomats');
  assertSource(body, a, 'Two senior diplomats', { type: 'official', identity: 'anonymous' });
  // A named source is not made anonymous, and a subject that names someone else changes nothing.
  const body2 = 'Police said the road was closed. The driver asked not to be named.';
  assert.equal(only(run(body2).attributions, 'Police').source.identity, 'role');
});
