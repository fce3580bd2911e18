/**
 * What travels on the queue. A job is exactly one of `analyze`'s batches
 * (lib/analyze.ts createBatcher: where a batch starts depends on the input
 * alone), so a worker that starts each job with a fresh NLP state computes
 * what `analyze` computes for the same inputs, whatever the number of workers
 * and machines.
 *
 * Documents travel inside the job (a worker needs no shared disk for them);
 * WARC records travel as a path and a range of record numbers (`file.warc.gz#N`
 * labels, as the WARC reader numbers them), so the queue does not hold the
 * crawl; workers then need the WARC files at the same path (a shared mount).
 */
import { createHash } from 'node:crypto';
import { createBatcher } from '../analyze.js';
import { docHash } from '../results/doc-hash.js';
import type { InputError, InputItem, RawDocument } from '../types.js';

export type JobSegment =
  | { kind: 'docs'; docs: RawDocument[] }
  | { kind: 'warc'; path: string; first: number; last: number };

export interface AnalyzeJob {
  /** The batch label given to `enqueue` (reports are rendered per batch). */
  batch: string;
  /**
   * Which `enqueue` run of the batch (its start time, ms): several runs may
   * fill one batch (one per WARC file, from several machines); the report
   * orders them by run, then by position.
   */
  part: number;
  /** The input position of the job's first document within its enqueue run. */
  seq: number;
  /** How many documents the job holds. */
  count: number;
  segments: JobSegment[];
  /** Inputs that could not be read, carried to the results database. */
  errors: InputError[];
}

const WARC_NAME = /\.w?arc(\.gz)?$/i;

/** `crawl.warc.gz#12` -> the WARC path and record number; null for anything else. */
export function warcRecord(label: string): { path: string; record: number } | null {
  const hash = label.lastIndexOf('#');
  if (hash < 0) return null;
  const path = label.slice(0, hash);
  const record = Number(label.slice(hash + 1));
  return WARC_NAME.test(path) && Number.isInteger(record) && record > 0 ? { path, record } : null;
}

/** Cut a stream of inputs into jobs at `analyze`'s batch boundaries. */
export async function* planJobs(items: AsyncIterable<InputItem>, batch: string, part = Date.now()): AsyncGenerator<AnalyzeJob> {
  const opensBatch = createBatcher();
  let job: AnalyzeJob = { batch, part, seq: 0, count: 0, segments: [], errors: [] };
  let seq = 0;
  for await (const item of items) {
    if (item.kind === 'error') {
      job.errors.push(item.error);
      continue;
    }
    if (opensBatch(item.doc) && job.count > 0) {
      yield job;
      job = { batch, part, seq, count: 0, segments: [], errors: [] };
    }
    seq++;
    job.count++;
    const last = job.segments.at(-1);
    const record = warcRecord(item.doc.file);
    if (record) {
      if (last?.kind === 'warc' && last.path === record.path) last.last = record.record;
      else job.segments.push({ kind: 'warc', path: record.path, first: record.record, last: record.record });
    } else if (last?.kind === 'docs') last.docs.push(item.doc);
    else job.segments.push({ kind: 'docs', docs: [item.doc] });
  }
  if (job.count > 0 || job.errors.length > 0) yield job;
}

/**
 * A job's id on the queue: its batch and what it holds (the documents' hashes,
 * or the WARC path and range), not its position, so enqueuing the same inputs
 * again adds nothing while the job is kept, and two runs filling one batch
 * with different inputs never share an id. (BullMQ refuses ':' in custom ids.)
 */
export function jobId(job: AnalyzeJob): string {
  const content = createHash('sha256');
  for (const s of job.segments) content.update(s.kind === 'docs' ? s.docs.map(docHash).join(',') : `${s.path}#${s.first}-${s.last}`).update('\u0000');
  return `${encodeURIComponent(job.batch)}.${content.digest('hex').slice(0, 32)}`;
}
