/**
 * What a set of articles tells together: which articles cover the same story,
 * which claims they share and where each came from, and the provenance graph.
 * Computed from the per-article findings in the Report; no new text analysis.
 */
import type { ArticleReport, Corpus, ReusePair } from '../types.js';
import { findSharedClaims, indexSentences } from './claims.js';
import { buildGraph } from './graph.js';
import { findStories } from './stories.js';

export { findStories, findSharedClaims, buildGraph, indexSentences };

export function buildCorpus(articles: ArticleReport[], reuse: ReusePair[]): Corpus {
  // Sentences are tokenized once for both stories and shared claims.
  const sentences = indexSentences(articles);
  const stories = findStories(articles, sentences);
  return {
    reuse,
    stories,
    sharedClaims: findSharedClaims(articles, stories, sentences),
    graph: buildGraph(articles, reuse),
  };
}
