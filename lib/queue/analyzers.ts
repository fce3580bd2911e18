/**
 * The two ways a worker analyzes a job's batch: in worker threads (the
 * existing pool, with its per-article time limit), or in this thread.
 * Both start the batch from a fresh NLP state, as `analyze` does.
 */
import { analyzeDocument } from '../analyze.js';
import type { LexiconSet } from '../lexicon/load.js';
import { resetNlp } from '../nlp/index.js';
import type { WorkerPool } from '../workers/pool.js';
import type { BatchAnalyzer } from './process.js';

export function inThreadAnalyzer(lexicons: LexiconSet): BatchAnalyzer {
  return async (docs) => {
    resetNlp();
    return docs.map(({ id, doc }) => {
      try {
        return { ok: true as const, article: analyzeDocument(doc, lexicons, id) };
      } catch (e) {
        return { ok: false as const, message: `analysis failed: ${(e as Error).message}` };
      }
    });
  };
}

export function poolAnalyzer(pool: WorkerPool): BatchAnalyzer {
  return async (docs) => {
    const out: Awaited<ReturnType<BatchAnalyzer>> = new Array(docs.length);
    const { finished } = await pool.submit(
      docs.map((d, seq) => ({ seq, id: d.id, doc: d.doc })),
      (r) => (out[r.seq] = r.ok ? { ok: true, article: r.article } : { ok: false, message: r.message }),
    );
    await finished;
    return out;
  };
}
