/**
 * What a worker does with one job: read its documents (inline, or WARC
 * records by range), analyze them as one of `analyze`'s batches, and store the
 * results in one transaction. Analysis problems of one document become input
 * errors, as in `analyze`; anything else (a WARC file missing on this machine,
 * the database gone) throws, and the queue retries the job.
 */
import { existsSync } from 'node:fs';
import { createIdAllocator, finishReport, reuseArticles } from '../analyze.js';
import { readOne } from '../ingest/sources.js';
import type { LexiconSet } from '../lexicon/load.js';
import type { AnalyzedArticle } from '../report/build.js';
import { docHash } from '../results/doc-hash.js';
import type { BatchError, PgResults, ResultRecord, WriteOutcome } from '../results/pg-results.js';
import type { InputError, RawDocument } from '../types.js';
import { analyzeReuseWithStore } from '../store/query.js';
import type { ReferenceStore } from '../store/reference-store.js';
import { warcRecord, type AnalyzeJob } from './jobs.js';

/** Analyzes one batch of documents in order, from a fresh NLP state (a worker thread pool, or this thread in tests). */
export type BatchAnalyzer = (docs: { id: string; doc: RawDocument }[]) => Promise<({ ok: true; article: AnalyzedArticle } | { ok: false; message: string })[]>;


export class MissingInputError extends Error {}

/** The job's documents in input order, and the read errors met on the way. */
export async function jobDocuments(job: AnalyzeJob): Promise<{ docs: RawDocument[]; errors: InputError[] }> {
  const docs: RawDocument[] = [];
  const errors: InputError[] = [];
  for (const segment of job.segments) {
    if (segment.kind === 'docs') {
      docs.push(...segment.docs);
      continue;
    }
    // Without the file the job cannot be done here: fail it (retried, then dead-lettered), do not record it as done.
    if (!existsSync(segment.path)) throw new MissingInputError(`${segment.path}: no such file on this worker (WARC jobs need the file at the same path)`);
    for await (const item of readOne(segment.path)) {
      const label = item.kind === 'doc' ? item.doc.file : item.error.file;
      const record = warcRecord(label)?.record ?? 0;
      if (record > segment.last) break;
      if (record < segment.first) continue;
      if (item.kind === 'doc') docs.push(item.doc);
      else errors.push(item.error);
    }
  }
  if (docs.length !== job.count)
    throw new MissingInputError(`job ${job.batch}#${job.seq} expected ${job.count} documents, read ${docs.length} (the input changed since it was enqueued?)`);
  return { docs, errors };
}

export interface ProcessOptions {
  analyze: BatchAnalyzer;
  lexicons: LexiconSet;
  results: PgResults;
  /** A reference index (`worker --index`): each article's origin is computed against it. */
  index?: ReferenceStore;
}

export interface JobOutcome extends WriteOutcome {
  errors: number;
  /** Milliseconds reading and analyzing, and writing to the database. */
  analyzeMs: number;
  writeMs: number;
}

export async function processJob(job: AnalyzeJob, options: ProcessOptions): Promise<JobOutcome> {
  const started = performance.now();
  const { docs, errors } = await jobDocuments(job);
  const baseId = createIdAllocator();
  const outcomes = await options.analyze(docs.map((doc) => ({ id: baseId(doc.file), doc })));
  const records: ResultRecord[] = [];
  const batchErrors: BatchError[] = [...job.errors, ...errors].map((e) => ({ ...e, batch: job.batch }));
  for (let i = 0; i < docs.length; i++) {
    const outcome = outcomes[i];
    if (!outcome.ok) {
      batchErrors.push({ batch: job.batch, file: docs[i].file, message: outcome.message });
      continue;
    }
    // The stored per-article report: the article alone, or against the reference index.
    const a = outcome.article;
    const stored = options.index ? await analyzeReuseWithStore(reuseArticles([a]), options.index) : undefined;
    const alone = finishReport([a], {}, [], options.lexicons, stored);
    records.push({ docHash: docHash(docs[i]), batch: job.batch, part: job.part ?? 0, seq: job.seq + i, analyzed: outcome.article, report: alone.articles[0], pairs: alone.corpus.reuse });
  }
  const analyzed = performance.now();
  const written = await options.results.write(records, batchErrors);
  return { ...written, errors: batchErrors.length, analyzeMs: analyzed - started, writeMs: performance.now() - analyzed };
}
