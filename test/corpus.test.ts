import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { candidatePairs } from '../lib/corpus/words.js';
import { drawableGraph, MAX_DRAWN_EDGES } from '../lib/report/text.js';
import type { Report } from '../lib/types.js';
import { fixture } from './helpers.js';

const report = JSON.parse(readFileSync(fixture('reports/bridge.json'), 'utf8')) as Report;
const { stories, sharedClaims, graph } = report.corpus;

test('stories: the four March 2025 articles together, the 2019 one apart despite the same topic', () => {
  assert.deepEqual(
    stories.map((s) => s.articles),
    [['lakeside-bridge', 'viralnow-bridge', 'steppe-bridge', 'pacific-ledger-bridge'], ['steppe-consultations-2019']],
  );
  assert.equal(stories[0].firstDate, '2025-03-14');
  assert.equal(stories[0].lastDate, '2025-03-15');
});

test('shared claims: the same statement in several articles, with whom each credits', () => {
  const span = sharedClaims.find((c) => c.text.startsWith('Construction crews finished'));
  assert.ok(span, 'the last-span claim is shared');
  assert.deepEqual(span.mentions.map((m) => [m.article, m.source]), [
    ['lakeside-bridge', 'a Chinese source'],
    ['viralnow-bridge', 'a Chinese source'],
    ['pacific-ledger-bridge', 'a Chinese railway official'],
  ]);
  const flood = sharedClaims.find((c) => c.text.startsWith('The river crossing'));
  assert.ok(flood);
  assert.equal(flood.origin, null);
  assert.deepEqual(flood.mentions.map((m) => m.source), [null, null]);
  // Nothing from the 2019 story is matched with the 2025 one.
  for (const c of sharedClaims) assert.ok(c.mentions.every((m) => m.article !== 'steppe-consultations-2019'));
});

test('provenance graph: government -> state agency -> wire -> newspaper, wire -> broadcaster -> repost', () => {
  const has = (from: string, kind: string, to: string) => graph.edges.some((e) => e.from === from && e.kind === kind && e.to === to);
  assert.ok(has('n:mongolian government', 'via', 'n:steppe news agency'));
  assert.ok(has('n:steppe news agency', 'quoted', 'n:eastern press agency'));
  assert.ok(has('n:eastern press agency', 'carried', 'article:pacific-ledger-bridge'));
  assert.ok(has('n:harbor wire', 'carried', 'article:lakeside-bridge'));
  assert.ok(has('article:lakeside-bridge', 'reposted', 'article:viralnow-bridge'));
  // A source "told" the agency that wrote the copy: quoted by it, no extra hop.
  assert.ok(has('n:a chinese railway official', 'quoted', 'n:eastern press agency'));
  const ids = new Set(graph.nodes.map((n) => n.id));
  for (const e of graph.edges) assert.ok(ids.has(e.from) && ids.has(e.to), `${e.from} -> ${e.to}`);
  assert.equal(graph.nodes.find((n) => n.id === 'article:steppe-bridge')?.kind, 'publisher');
});

test('candidate pairs: every pair when small; in a large set only pairs sharing an uncommon key', () => {
  const keys = [['a', 'x'], ['a', 'y'], ['b', 'x'], ['c', 'x']];
  assert.deepEqual(candidatePairs(keys, { maxPosting: 2, allPairsUpTo: 10 }).length, 6);
  // 'x' is on three items (over maxPosting 2): only 'a' makes a pair.
  assert.deepEqual(candidatePairs(keys, { maxPosting: 2, allPairsUpTo: 0 }), [[0, 1]]);
  assert.deepEqual(candidatePairs(keys, { maxPosting: 3, allPairsUpTo: 0 }), [[0, 1], [0, 2], [0, 3], [2, 3]]);
  assert.deepEqual(candidatePairs(keys, { maxPosting: 3, allPairsUpTo: 0, allowed: (i) => i !== 0 }), [[2, 3]]);
});

test('a drawn graph keeps at most MAX_DRAWN_EDGES links, sources of words first', () => {
  const many = structuredClone(report);
  const extra = Array.from({ length: MAX_DRAWN_EDGES + 20 }, (_, i) => ({ from: 'article:lakeside-bridge', to: `article:x${i}`, kind: 'shares-passages' as const, articles: [], attributions: [], weight: 1 }));
  many.corpus.graph.edges.push(...extra);
  const { graph: drawn, hidden } = drawableGraph(many);
  assert.equal(drawn.edges.length, MAX_DRAWN_EDGES);
  assert.equal(hidden, many.corpus.graph.edges.length - MAX_DRAWN_EDGES);
  for (const e of graph.edges.filter((x) => x.kind !== 'shares-passages')) assert.ok(drawn.edges.includes(e) || drawn.edges.some((d) => d.from === e.from && d.to === e.to && d.kind === e.kind));
});
