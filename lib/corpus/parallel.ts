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
export function startCorpusPrep(articles: StoryArticle[], workers: number, sentences?: SentenceIndex, started?: PairWorkers): Promise<CorpusPrep> {
  // `sentences`: these articles' sentence index, built while they were analyzed.
  const index = sentences ?? indexSentences(articles);
  const prep = prepareStories(articles, index);
  const of = Math.max(1, workers);
  const parts = Array.from({ length: of }, (_, k) => pairsInWorker({ input: prep.input, part: { of, index: k } }, started?.take()));
  started?.discard();
  return Promise.all(parts).then((lists): CorpusPrep => ({ index, prep, pairs: lists.flat() }));
}

/** Threads for the pair loop started ahead, waiting for their data (unused ones are discarded). */
export interface PairWorkers {
  take(): Worker | undefined;
  discard(): void;
}

/**
 * Start `count` pair-loop threads now (a stream does once it has
 * PARALLEL_MIN_ARTICLES articles), so their start-up (a thread, its modules:
 * ~0.1 s each) happens while articles are still being analyzed, not after the last.
 */
export function startPairWorkers(count: number): PairWorkers {
  const idle: Worker[] = [];
  for (let k = 0; k < count; k++) {
    try {
      const worker = new Worker(WORKER_URL);
      // A waiting thread must not keep the process alive; one that failed is not handed out.
      worker.unref();
      worker.on('error', () => undefined);
      worker.once('exit', () => {
        const at = idle.indexOf(worker);
        if (at >= 0) idle.splice(at, 1);
      });
      idle.push(worker);
    } catch {
      break;
    }
  }
  return {
    take: () => idle.shift(),
    discard: () => {
      for (const w of idle.splice(0)) void w.terminate();
    },
  };
}

/** One share of the pairs in a thread of its own (`started` ahead, or new); in this thread if the thread cannot run. */
function pairsInWorker(data: PairsWorkerData, started?: Worker): Promise<StoryPair[]> {
  return new Promise((resolve) => {
    let settled = false;
    const fallback = () => {
      if (settled) return;
      settled = true;
      resolve(storyPairs(data.input, data.part));
    };
    let worker: Worker;
    try {
      if (started) {
        worker = started;
        worker.ref();
        worker.postMessage(data);
      } else worker = new Worker(WORKER_URL, { workerData: data });
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
