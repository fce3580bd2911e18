/**
 * Runs the attribution finder on a body written in a test, as if extraction had
 * produced it (paragraphs split at blank lines), and checks that every offset of
 * every attribution points at the words it claims.
 */
import assert from 'node:assert/strict';
import { findAttributions } from '../lib/attribution/index.js';
import { loadLexicons } from '../lib/lexicon/load.js';
import { annotate } from '../lib/nlp/index.js';
import type { Attribution, ExtractedArticle, Span } from '../lib/types.js';

/** An article as extraction would give it for `body` (paragraphs split at blank lines), with fields set by `over`. */
export function articleOf(body: string, over: Partial<ExtractedArticle> = {}): ExtractedArticle {
  const paragraphs: Span[] = [];
  const re = /[^\n]+(?:\n(?!\n)[^\n]+)*/g;
  for (let m = re.exec(body); m; m = re.exec(body)) paragraphs.push({ start: m.index, end: m.index + m[0].length });
  return {
    file: 'fixture.txt',
    title: null,
    url: null,
    crawlDate: null,
    published: null,
    byline: null,
    dateline: null,
    publisher: null,
    body: { text: body, paragraphs, repeated: [] },
    credits: [],
    truncated: false,
    imageCredits: [],
    ...over,
  };
}

export function attributionsOf(body: string, dateline: string | null = null): Attribution[] {
  const { attributions } = findAttributions(articleOf(body, { dateline }), annotate(body), loadLexicons());
  for (const a of attributions) {
    assert.equal(body.slice(a.source.start, a.source.end), a.source.text);
    assert.equal(body.slice(a.cue.start, a.cue.end), a.cue.text);
    assert.equal(body.slice(a.sentence.start, a.sentence.end), a.sentence.text);
  }
  return attributions;
}

/** source text, canonical, type, identity, country: the fields a test compares. */
export const brief = (list: Attribution[]) => list.map((a) => [a.source.text, a.source.canonical, a.source.type, a.source.identity, a.source.country]);
