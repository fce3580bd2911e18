/**
 * The corpus stage's costly part over worker threads. Finding stories compares
 * every candidate pair of articles (tf-idf cosine, then claim sentences); on a
 * few thousand articles that loop is most of the serial time after the
 * per-article stages. Here the sentence index and the story vectors are built
 * in this thread, and the pair loop is split over `workers` threads by first
 * article (i modulo workers). Each pair's similarity is computed the same way
 * whichever thread computes it, and findStories sorts the pairs into a total
 * order, so the Report is the same byte for byte as with the loop in one thread.
 */
import { Worker } from 'node:worker_threads';
import { indexSentences, type SentenceIndex } from './claims.js';
import type { CorpusPrep } from './index.js';
import { prepareStories, storyPairs, type StoryArticle, type StoryPair, type StoryPairInput } from './stories.js';

/** Below this many articles the pair loop takes less time than starting threads for it (on l3s-gn1, 621 articles, it moves ~0.1 CPU s off the main thread). */
export const PARALLEL_MIN_ARTICLES = 500;

export interface PairsWorkerData {
  input: StoryPairInput;
  part: { of: number; index: number };
}

/** A worker's pairs as three columns (sent back without copying). */
export interface PairsWorkerResult {
  i: Int32Array;
  j: Int32Array;
  sim: Float64Array;
}

const WORKER_URL = new URL('./pairs-worker.js', import.meta.url);

/**
 * Start the corpus stage's costly part: returns at once (the index and
 * vectors are built here first) with a promise of the whole CorpusPrep, so
 * the caller can do other work (reuse, scores) while the threads run.
 */
export function startCorpusPrep(articles: StoryArticle[], workers: number, sentences?: SentenceIndex): Promise<CorpusPrep> {
  // `sentences`: these articles' sentence index, built while they were analyzed.
  const index = sentences ?? indexSentences(articles);
  const prep = prepareStories(articles, index);
  const parts = Array.from({ length: Math.max(1, workers) }, (_, k) => pairsInWorker({ input: prep.input, part: { of: Math.max(1, workers), index: k } }));
  return Promise.all(parts).then((lists): CorpusPrep => ({ index, prep, pairs: lists.flat() }));
}

/** One share of the pairs in a thread of its own; in this thread if the thread cannot run. */
function pairsInWorker(data: PairsWorkerData): Promise<StoryPair[]> {
  return new Promise((resolve) => {
    let settled = false;
    const fallback = () => {
      if (settled) return;
      settled = true;
      resolve(storyPairs(data.input, data.part));
    };
    let worker: Worker;
    try {
      worker = new Worker(WORKER_URL, { workerData: data });
    } catch {
      fallback();
      return;
    }
    worker.once('message', (r: PairsWorkerResult) => {
      if (settled) return;
      settled = true;
      const pairs: StoryPair[] = new Array<StoryPair>(r.i.length);
      for (let k = 0; k < r.i.length; k++) pairs[k] = { i: r.i[k], j: r.j[k], sim: r.sim[k] };
      resolve(pairs);
      void worker.terminate();
    });
    worker.once('error', fallback);
    worker.once('exit', fallback);
  });
}
