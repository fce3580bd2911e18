/**
 * What a set of articles tells together: which articles cover the same story,
 * which claims they share and where each came from, and the provenance graph.
 * Computed from the per-article findings in the Report; no new text analysis.
 */
import type { ArticleReport, Corpus, ReusePair } from '../types.js';
import { findSharedClaims, indexSentences, type SentenceIndex } from './claims.js';
import { buildGraph } from './graph.js';
import { findStories, type StoryPair, type StoryPrep } from './stories.js';

export { findStories, findSharedClaims, buildGraph, indexSentences };

/**
 * The corpus stage's costly part done ahead (lib/corpus/parallel.ts, from the
 * same articles in the same order): the sentence index, the story vectors and
 * the candidate story pairs.
 */
export interface CorpusPrep {
  index: SentenceIndex;
  /** The story vectors and candidate pairs, when the pair loop ran ahead too (else computed here). */
  prep?: StoryPrep;
  pairs?: StoryPair[];
}

export function buildCorpus(articles: ArticleReport[], reuse: ReusePair[], prepared?: CorpusPrep): Corpus {
  // Sentences are tokenized once for both stories and shared claims.
  const sentences = prepared?.index ?? indexSentences(articles);
  const stories = findStories(articles, sentences, prepared?.prep && prepared.pairs ? { prep: prepared.prep, pairs: prepared.pairs } : undefined);
  return {
    reuse,
    stories,
    sharedClaims: findSharedClaims(articles, stories, sentences),
    graph: buildGraph(articles, reuse),
  };
}
