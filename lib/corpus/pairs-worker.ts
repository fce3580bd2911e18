/**
 * Worker-thread entry for lib/corpus/parallel.ts: one share of the story pair
 * loop, on the data given as workerData or, for a thread started ahead
 * (startPairWorkers), in its first message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PairsWorkerData, PairsWorkerResult } from './parallel.js';
import { storyPairs } from './stories.js';

function run({ input, part }: PairsWorkerData): void {
  const pairs = storyPairs(input, part);
  const result: PairsWorkerResult = {
    i: Int32Array.from(pairs, (p) => p.i),
    j: Int32Array.from(pairs, (p) => p.j),
    sim: Float64Array.from(pairs, (p) => p.sim),
  };
  parentPort!.postMessage(result, [result.i.buffer as ArrayBuffer, result.j.buffer as ArrayBuffer, result.sim.buffer as ArrayBuffer]);
}

if (workerData) run(workerData as PairsWorkerData);
else parentPort!.once('message', (data: PairsWorkerData) => run(data));
