import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { analyze } from '../lib/analyze.js';
import { alignTokens } from '../lib/reuse/align.js';
import { findCandidates } from '../lib/reuse/candidates.js';
import { analyzeReuse, type ReuseDocument } from '../lib/reuse/index.js';
import { quoteSpans } from '../lib/reuse/quotes.js';
import { ngramHashes, tokenize } from '../lib/reuse/tokenize.js';
import type { RawDocument } from '../lib/types.js';
import { fixture, schemaErrors } from './helpers.js';

const read = (name: string) => readFileSync(fixture('reuse', name), 'utf8');
const wire = read('wire.txt');
const edited = read('edited.txt');
const partial = read('partial.txt');
const independent = read('independent.txt');

function docs(articles: Record<string, string>, references: Record<string, string> = {}): ReuseDocument[] {
  return [
    ...Object.entries(articles).map(([id, text]) => ({ id, file: `${id}.txt`, text, reference: false })),
    ...Object.entries(references).map(([id, text]) => ({ id, file: `${id}.txt`, text, reference: true })),
  ];
}

test('tokenize: offsets slice the words; case and possessives fold', () => {
  const text = "Jones's lawyer said: \u201cDON\u2019T panic\u201d, Jones said.";
  const t = tokenize(text);
  const words = Array.from({ length: t.count }, (_, i) => text.slice(t.starts[i], t.ends[i]));
  assert.deepEqual(words, ["Jones's", 'lawyer', 'said', 'DON\u2019T', 'panic', 'Jones', 'said']);
  assert.equal(t.hashes[0], t.hashes[5], "Jones's hashes as Jones");
  assert.equal(t.hashes[2], t.hashes[6]);
  assert.equal(tokenize("don't").hashes[0], t.hashes[3], 'curly and straight apostrophes, any case');
});

test('quoteSpans: double, curly and British single quotes; apostrophes are not quotes', () => {
  const text = "He said 'we won't go' and \u201cnever\u201d. It's \"fine\".";
  const spans = quoteSpans(text).map((s) => text.slice(s.start, s.end));
  assert.deepEqual(spans, ["'we won't go'", '\u201cnever\u201d', '"fine"']);
});

test('candidates come only from shared rare n-grams, never all pairs', () => {
  const texts = [wire, edited, independent, 'Completely unrelated words about a cricket match in the rain that nobody watched at all.'];
  const fps = texts.map((t) => {
    const tok = tokenize(t);
    return ngramHashes(tok.hashes, tok.count, 5);
  });
  const pairs = findCandidates(fps).map((c) => `${c.a}-${c.b}`);
  assert.ok(pairs.includes('0-1'));
  assert.ok(!pairs.some((p) => p.includes('3')), 'the unrelated text pairs with nothing');
  // With a document-frequency cap of 1 every shared n-gram is too common: no pairs.
  assert.deepEqual(findCandidates(fps, { maxDf: 1 }), []);
});

test('alignment bridges copy edits: one passage across a changed word', () => {
  const a = tokenize('the quick brown fox jumps over the lazy dog near the river bank today');
  const b = tokenize('yesterday the quick brown fox leaped over the lazy dog near the river bank today');
  const passages = alignTokens(a, b);
  assert.equal(passages.length, 1);
  assert.deepEqual([passages[0].aStart, passages[0].aEnd, passages[0].bStart, passages[0].bEnd], [0, 14, 1, 15]);
  assert.equal(passages[0].matched, 13);
});

test('lightly edited wire story is wholly derived; passages carry offsets on both sides', () => {
  const { derivations, pairs } = analyzeReuse(docs({ edited }, { wire }));
  const d = derivations.get('edited')!;
  assert.equal(d.derivation, 'wholly');
  assert.ok(d.coverage > 0.8, `coverage ${d.coverage}`);
  assert.deepEqual(d.sources.map((s) => s.file), ['wire.txt']);
  assert.equal(pairs.length, 1);
  const pair = pairs[0];
  assert.equal(pair.a, 'edited');
  assert.equal(pair.b, 'wire');
  for (const p of pair.passages) {
    assert.equal(edited.slice(p.a.start, p.a.end), p.text);
    assert.ok(p.b.end <= wire.length);
  }
  // One long passage runs across the copy edits (a word changed, "Local" cut, a paragraph dropped)...
  const long = pair.passages[0];
  assert.match(long.text, /^the old ferry terminal on the east bank .* coming off the morning boats$/s);
  assert.equal(wire.slice(long.b.start, long.b.start + 22), 'the old ferry terminal');
  assert.match(wire.slice(long.b.start, long.b.end), /morning boats$/);
  // ...and the last paragraph, cut short, is its own passage.
  const last = pair.passages[1];
  assert.equal(last.text, "Repairs to the old pier would cost an estimated twelve million pounds, according to the engineers' report");
  assert.equal(wire.slice(last.b.start, last.b.end), last.text);
});

test('two paragraphs of the wire story: partially derived', () => {
  const { derivations, pairs } = analyzeReuse(docs({ partial }, { wire }));
  const d = derivations.get('partial')!;
  assert.equal(d.derivation, 'partially');
  assert.ok(d.coverage > 0.2 && d.coverage < 0.45, `coverage ${d.coverage}`);
  const texts = pairs[0].passages.map((p) => p.text);
  assert.equal(texts.length, 2);
  assert.match(texts[0], /^The terminal, opened in 1962,.*past decade$/);
  assert.match(texts[1], /^Repairs to the old pier.*council website$/);
  for (const p of pairs[0].passages) {
    assert.equal(partial.slice(p.a.start, p.a.end), p.text);
    assert.equal(wire.slice(p.b.start, p.b.end), p.text, 'copied verbatim: same words on both sides');
    assert.equal(p.quotation, false);
  }
});

test('independent same-event story sharing one quotation: non, passage marked as quotation', () => {
  const { derivations, pairs } = analyzeReuse(docs({ independent }, { wire }));
  const d = derivations.get('independent')!;
  assert.equal(d.derivation, 'non');
  assert.ok(d.coverage < 0.1, `coverage ${d.coverage}`);
  const quote = pairs[0].passages.find((p) => p.quotation);
  assert.ok(quote, 'a quotation passage');
  assert.match(independent.slice(quote.a.start, quote.a.end), /We cannot ask families.*last the winter/);
  assert.match(wire.slice(quote.b.start, quote.b.end), /We cannot ask families.*last the winter/);
});

test('no self-reuse: a text repeating its own paragraph shares nothing with itself', () => {
  const para = 'The terminal, opened in 1962, carried about four thousand passengers a day before the pandemic.';
  const { pairs, derivations } = analyzeReuse(docs({ repeated: `${para}\n\n${para}\n\nAnd then something else happened entirely.` }));
  assert.deepEqual(pairs, []);
  assert.equal(derivations.get('repeated')!.derivation, 'non');
});

test('a repeated paragraph matched once in the source: both copies reported, coverage counted once', () => {
  const para = 'The terminal, opened in 1962, carried about four thousand passengers a day before the pandemic and has been losing money for most of the past decade.';
  const text = `${para}\n\n${para}`;
  const { pairs, derivations } = analyzeReuse(docs({ twice: text }, { wire }));
  assert.equal(pairs[0].passages.length, 2);
  assert.equal(derivations.get('twice')!.coverage, 1);
});

test('without references, articles are measured against each other; with references, against the feed only', () => {
  const none = analyzeReuse(docs({ edited, wire }));
  assert.equal(none.derivations.get('edited')!.derivation, 'wholly');
  assert.equal(none.derivations.get('wire')!.derivation, 'wholly', 'no feed: the text layer cannot tell which came first');
  const feed = analyzeReuse(docs({ edited, partial }, { wire }));
  assert.deepEqual(feed.derivations.get('partial')!.sources.map((s) => s.file), ['wire.txt'], 'the other article is not a source');
  assert.deepEqual(
    feed.pairs.map((p) => `${p.a}|${p.b}`),
    ['edited|partial', 'edited|wire', 'partial|wire'],
    'article pairs still reported',
  );
});

test('analyze() with --reference: origin filled, corpus.reuse ordered, report validates', () => {
  const doc = (file: string, content: string): RawDocument => ({ file, content, format: 'text' });
  const report = analyze([doc('edited.txt', edited), doc('partial.txt', partial), doc('independent.txt', independent)], {
    references: [doc('feed/wire.txt', wire)],
  });
  assert.equal(schemaErrors(report), '');
  const origin = Object.fromEntries(report.articles.map((a) => [a.id, a.origin]));
  assert.equal(origin.edited.derivation, 'wholly');
  assert.equal(origin.partial.derivation, 'partially');
  assert.equal(origin.independent.derivation, 'non');
  assert.deepEqual(origin.edited.sources.map((s) => s.file), ['feed/wire.txt']);
  assert.equal(origin.edited.creditStripped, true, 'wire copy found by text, no credit on the page');
  assert.equal(origin.independent.creditStripped, false);
  const keys = report.corpus.reuse.map((p) => `${p.a}|${p.b}`);
  assert.deepEqual(keys, [...keys].sort());
  for (const pair of report.corpus.reuse) {
    const a = report.articles.find((x) => x.id === pair.a)!;
    for (const p of pair.passages) assert.equal(a.body.text.slice(p.a.start, p.a.end), p.text);
  }
  // Articles sharing text with each other still show in corpus.reuse.
  assert.ok(keys.includes('edited|partial'), keys.join(', '));
});

test('classifyDerivation: passages or, for rewritten copy, word overlap with the candidate sources', async () => {
  const { classifyDerivation } = await import('../lib/reuse/derive.js');
  assert.equal(classifyDerivation(0.45, { words: 0.2, contentWords: 0.2 }), 'wholly', 'a large share of the body aligned');
  assert.equal(classifyDerivation(0.1, { words: 0.95, contentWords: 0.7 }), 'wholly', 'a brief rewritten from the source: nearly every word is there');
  assert.equal(classifyDerivation(0.25, { words: 0.3, contentWords: 0.3 }), 'partially');
  assert.equal(classifyDerivation(0, { words: 0.7, contentWords: 0.65 }), 'partially');
  assert.equal(classifyDerivation(0.05, { words: 0.5, contentWords: 0.4 }), 'non', 'same event, own words');
});

test('between peer articles (no feed), shared words alone never make a copy', () => {
  const { derivations } = analyzeReuse(docs({ independent, wire }));
  assert.equal(derivations.get('independent')!.derivation, 'non');
  assert.deepEqual(derivations.get('independent')!.overlap, { words: 0, contentWords: 0 });
});

test('a reference listed before the article: passages still oriented article-first and in article order', () => {
  const docsRefFirst: ReuseDocument[] = [
    { id: 'wire', file: 'wire.txt', text: wire, reference: true },
    { id: 'partial', file: 'partial.txt', text: partial, reference: false },
  ];
  const { pairs, derivations } = analyzeReuse(docsRefFirst);
  assert.equal(derivations.get('partial')!.derivation, 'partially');
  assert.equal(pairs.length, 1);
  assert.equal(pairs[0].a, 'partial');
  assert.equal(pairs[0].b, 'wire');
  const starts = pairs[0].passages.map((p) => p.a.start);
  assert.deepEqual(starts, [...starts].sort((x, y) => x - y));
  for (const p of pairs[0].passages) {
    assert.equal(partial.slice(p.a.start, p.a.end), p.text);
    assert.equal(wire.slice(p.b.start, p.b.end), p.text);
  }
});

test('with a feed, the model finds a brief rewritten from the wire (no passage survives); between peers it stays non', () => {
  const brief = read('brief.txt');
  const feed = analyzeReuse(docs({ brief }, { wire })).derivations.get('brief')!;
  assert.equal(feed.coverage, 0, 'no run of 8 words in common: no passage');
  assert.ok(feed.features.sentences === 1, `every sentence has a close wire sentence: ${feed.features.sentences}`);
  assert.equal(feed.derivation, 'wholly');
  const peers = analyzeReuse(docs({ brief, wire })).derivations.get('brief')!;
  assert.equal(peers.derivation, 'non');
  assert.equal(peers.features.words, 0, 'word features only against references');
});

test('a quotation shared with the feed is left out of the word features', () => {
  const f = analyzeReuse(docs({ independent }, { wire })).derivations.get('independent')!.features;
  // The only long shared run is the council leader's quoted sentence: without it no run reaches 5 words.
  assert.equal(f.tile5, 0);
  assert.equal(f.tile8, 0);
  assert.ok(f.words > 0.3, 'same-event words are still shared');
});

test('greedyStringTiling: longest tiles first, each source word used once, no tile across two sources', async () => {
  const { greedyStringTiling } = await import('../lib/reuse/tiling.js');
  const h = (s: string) => tokenize(s).hashes;
  const article = h('the cat sat on the mat today');
  // "sat on the mat today" (5 words) is tiled first; "cat sat on" then overlaps it, and "the cat" is too short.
  const g = greedyStringTiling(article, [h('a cat sat on a rug'), h('he sat on the mat today')], 3);
  assert.deepEqual([...g.markedA], [0, 0, 1, 1, 1, 1, 1]);
  assert.deepEqual(g.tiles, [5]);
  assert.deepEqual([...g.markedB[0]], [0, 0, 0, 0, 0, 0]);
  assert.deepEqual([...g.markedB[1]], [0, 1, 1, 1, 1, 1]);
  // A repeated phrase is tiled once against one occurrence in the source (n-gram membership would mark both).
  const twice = greedyStringTiling(h('one two three one two three'), [h('one two three')], 3);
  assert.deepEqual([...twice.markedA], [1, 1, 1, 0, 0, 0]);
  // "the cat | sat on" spans two sources: no tile of 3 words in either.
  assert.deepEqual([...greedyStringTiling(h('the cat sat on'), [h('x y the cat'), h('sat on z')], 3).markedA], [0, 0, 0, 0]);
  // Blocked tokens (shared quotations) are never tiled and cut runs.
  const blocked = greedyStringTiling(h('he sat on the mat today'), [h('he sat on the mat today')], 3, Uint8Array.from([0, 0, 1, 0, 0, 0]));
  assert.deepEqual([...blocked.markedA], [0, 0, 0, 1, 1, 1]);
});

test('derivation model: non below the derived threshold, else wholly at or above the wholly threshold', async () => {
  const { decide } = await import('../lib/reuse/derive.js');
  const t = { derived: 0.5, wholly: 1 };
  assert.equal(decide({ derived: 0.4, wholly: 5 }, t), 'non', 'not derived, whatever the wholly score');
  assert.equal(decide({ derived: 0.5, wholly: 1 }, t), 'wholly');
  assert.equal(decide({ derived: 2, wholly: 0.9 }, t), 'partially');
});
