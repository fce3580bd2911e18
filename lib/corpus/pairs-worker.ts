/** Worker-thread entry for lib/corpus/parallel.ts: one share of the story pair loop. */
import { parentPort, workerData } from 'node:worker_threads';
import type { PairsWorkerData, PairsWorkerResult } from './parallel.js';
import { storyPairs } from './stories.js';

const { input, part } = workerData as PairsWorkerData;
const pairs = storyPairs(input, part);
const result: PairsWorkerResult = {
  i: Int32Array.from(pairs, (p) => p.i),
  j: Int32Array.from(pairs, (p) => p.j),
  sim: Float64Array.from(pairs, (p) => p.sim),
};
parentPort!.postMessage(result, [result.i.buffer as ArrayBuffer, result.j.buffer as ArrayBuffer, result.sim.buffer as ArrayBuffer]);
