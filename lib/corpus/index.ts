/**
 * What a set of articles tells together: which articles cover the same story,
 * which claims they share and where each came from, and the provenance graph.
 * Computed from the per-article findings in the Report; no new text analysis.
 */
import type { ArticleReport, Corpus, ReusePair } from '../types.js';
import { findSharedClaims } from './claims.js';
import { buildGraph } from './graph.js';
import { findStories } from './stories.js';

export { findStories, findSharedClaims, buildGraph };

export function buildCorpus(articles: ArticleReport[], reuse: ReusePair[]): Corpus {
  const stories = findStories(articles);
  return {
    reuse,
    stories,
    sharedClaims: findSharedClaims(articles, stories),
    graph: buildGraph(articles, reuse),
  };
}
