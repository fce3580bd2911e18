import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { scoreArticle } from '../lib/score/index.js';
import type { ArticleReport, Report } from '../lib/types.js';
import { fixture, schemaErrors } from './helpers.js';
import { bridgeReport, hostileReport } from './report-fixtures.js';

const report = JSON.parse(readFileSync(fixture('reports/bridge.json'), 'utf8')) as Report;
const byId = (id: string): ArticleReport => report.articles.find((a) => a.id === id)!;

test('the report fixtures validate against the schema and are current (UPDATE: node dist/test/report-fixtures.js)', () => {
  assert.equal(schemaErrors(report), '');
  assert.equal(schemaErrors(JSON.parse(readFileSync(fixture('reports/hostile.json'), 'utf8'))), '');
  assert.deepEqual(report, JSON.parse(JSON.stringify(bridgeReport())));
  assert.deepEqual(JSON.parse(readFileSync(fixture('reports/hostile.json'), 'utf8')), JSON.parse(JSON.stringify(hostileReport())));
});

test('every offset in the fixtures points at the words it claims', () => {
  for (const a of report.articles) {
    const text = a.body.text;
    for (const x of a.attributions) {
      assert.equal(text.slice(x.sentence.start, x.sentence.end), x.sentence.text);
      assert.equal(text.slice(x.source.start, x.source.end), x.source.text);
      assert.equal(text.slice(x.cue.start, x.cue.end), x.cue.text);
    }
    for (const u of a.unattributed) for (const h of u.hedges) assert.equal(text.slice(h.start, h.end), h.text);
    for (const item of Object.values(a.scores)) for (const s of item.basis.spans) assert.ok(s.start >= 0 && s.start < s.end && s.end <= text.length);
  }
  for (const c of report.corpus.sharedClaims)
    for (const m of c.mentions) assert.equal(byId(m.article).body.text.slice(m.sentence.start, m.sentence.end), m.sentence.text);
});

test('state media quoting only its own government: full state reliance, one-sided, publisher state-controlled', () => {
  // steppe-bridge: Mongolian government x2, a Mongolian official x1; publisher is state media.
  const s = byId('steppe-bridge').scores;
  assert.equal(s.stateReliance.value, 1);
  assert.equal(s.stateReliance.total, 3);
  assert.equal(s.stateReliance.facts.publisherStateControlled, true);
  assert.equal(s.oneSidedness.value, 1);
  assert.equal(s.oneSidedness.facts.dominantCountry, 'MN');
  assert.equal(s.oneSidedness.facts.evenness, 0);
  assert.equal(s.anonymity.value, 0);
  assert.match(s.oneSidedness.explanation, /All 3 sources .* from Mongolia/);
  assert.match(s.stateReliance.explanation, /itself state-controlled/);
});

test('wire copy with sources from three countries: shares, parts and credit', () => {
  // pacific-ledger: government MN, state-media MN x2, official CN (role), media US; 2 of 6 sentences unattributed.
  const s = byId('pacific-ledger-bridge').scores;
  assert.equal(s.sourcingByType.value, 5);
  assert.deepEqual(
    s.sourcingByType.parts.map((p) => [p.key, p.count]),
    [['state-media', 2], ['government', 1], ['media', 1], ['official', 1]],
  );
  assert.equal(s.stateReliance.value, 0.8);
  assert.equal(s.anonymity.value, 0.2);
  assert.deepEqual(s.anonymity.parts.map((p) => p.key), ['role']);
  assert.equal(s.oneSidedness.value, 0.6);
  assert.equal(s.sourcingByCountry.value, 3);
  assert.equal(s.wireDependence.value, 1);
  assert.equal(s.wireDependence.facts.credit, 'kept');
  assert.equal(s.wireDependence.facts.coverage, 0);
  assert.equal(s.unattributedClaims.value, 0.3333);
  assert.equal(s.unattributedClaims.total, 6);
  assert.equal(s.hedging.value, 1);
  const text = byId('pacific-ledger-bridge').body.text;
  assert.equal(text.slice(s.hedging.basis.spans[0].start, s.hedging.basis.spans[0].end), 'It is believed');
});

test('a truncated repost: wholly derived, coverage from the text layer, vague source counted', () => {
  const a = byId('viralnow-bridge');
  assert.equal(a.scores.wireDependence.value, 1);
  assert.equal(a.scores.wireDependence.facts.coverage, 0.97);
  assert.equal(a.scores.wireDependence.facts.truncated, true);
  assert.match(a.scores.wireDependence.explanation, /cuts it off mid-sentence/);
  assert.equal(a.scores.hedging.value, 1);
  assert.deepEqual(a.scores.hedging.basis.attributions, ['a4']);
  // The passages it shares with the wire copy are the spans behind the number.
  assert.deepEqual(a.scores.wireDependence.basis.spans, [report.corpus.reuse[0].passages[0].b]);
});

test('wire dependence: the matched share when partially derived, none for an original', () => {
  const base = byId('steppe-bridge');
  const partly = scoreArticle({ ...base, origin: { ...base.origin, kind: 'wire', agency: 'Harbor Wire', derivation: 'partially', coverage: 0.4, sources: [{ file: 'x.txt', coverage: 0.4 }] } });
  assert.equal(partly.wireDependence.value, 0.4);
  assert.match(partly.wireDependence.explanation, /partly wire copy from Harbor Wire/);
  assert.equal(scoreArticle(base).wireDependence.value, 0);
  assert.equal(scoreArticle(base).wireDependence.facts.credit, 'n/a');
  const stripped = scoreArticle({ ...base, origin: { ...base.origin, kind: 'wire', agency: 'Harbor Wire', derivation: 'wholly', coverage: 0.9, creditStripped: true, evidence: [] } });
  assert.equal(stripped.wireDependence.facts.credit, 'stripped');
  assert.match(stripped.wireDependence.explanation, /does not credit/);
});

test('a multi-country source splits its weight; no sources gives null shares', () => {
  const base = byId('steppe-bridge');
  const two = { ...base, attributions: [{ ...base.attributions[0], source: { ...base.attributions[0].source, country: ['MN', 'CN'] } }] };
  const s = scoreArticle(two);
  assert.deepEqual(s.sourcingByCountry.parts.map((p) => [p.key, p.count]), [['CN', 0.5], ['MN', 0.5]]);
  assert.equal(s.oneSidedness.value, 0.5);
  const none = scoreArticle({ ...base, attributions: [], unattributed: [] });
  assert.equal(none.stateReliance.value, null);
  assert.equal(none.anonymity.value, null);
  assert.equal(none.oneSidedness.value, null);
  assert.equal(none.unattributedClaims.value, null);
  assert.equal(none.sourcingByType.value, 0);
  for (const item of Object.values(none)) assert.ok(item.explanation.length > 0);
});
