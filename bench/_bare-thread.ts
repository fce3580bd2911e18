/**
 * Worker-thread entry for bench/throughput.ts: bare wink-nlp (readDoc + POS,
 * wink's default pipe) over the bodies it is given, after the same warm-up
 * as the one-thread figure; on each `go` it tags them all once and posts the
 * seconds it took. Several of these at once show how far the machine itself
 * lets CPU-bound threads scale.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { tagOnly } from '../lib/nlp/index.js';

const bodies = (workerData as { bodies: string[] }).bodies;
for (const b of bodies.slice(0, 50)) tagOnly(b);
parentPort!.postMessage('ready');
parentPort!.on('message', () => {
  const t = process.hrtime.bigint();
  for (const b of bodies) tagOnly(b);
  parentPort!.postMessage(Number(process.hrtime.bigint() - t) / 1e9);
});
