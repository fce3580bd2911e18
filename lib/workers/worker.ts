/**
 * Worker-thread entry: loads the lexicons once, then analyzes each batch it is
 * sent, article by article, with the same analyzeDocument the single-threaded
 * path uses, posting one result per article.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeDocument } from '../analyze.js';
import { loadLexicons } from '../lexicon/load.js';
import { annotate } from '../nlp/index.js';
import type { BatchMessage, ReadyMessage, ResultMessage } from './pool.js';

// The main thread validated these files before it started the pool.
const lexicons = loadLexicons({ userDirs: (workerData as { lexiconDirs: string[] }).lexiconDirs, validated: true });
// Load the language model now, so the first article's time limit measures the article.
annotate('Ready.');
parentPort!.postMessage({ ready: true } satisfies ReadyMessage);

parentPort!.on('message', (batch: BatchMessage) => {
  for (const task of batch.items) {
    let reply: ResultMessage;
    try {
      reply = { seq: task.seq, ok: true, article: analyzeDocument(task.doc, lexicons, task.id) };
    } catch (e) {
      reply = { seq: task.seq, ok: false, message: `analysis failed: ${String((e as Error)?.message ?? e).split('\n')[0]}` };
    }
    parentPort!.postMessage(reply);
  }
});
