/**
 * The work queue on Redis, with BullMQ: `enqueue` puts jobs (batches of
 * documents, see ./jobs.ts) on it; `startWorker` takes them on any machine,
 * analyzes, and writes to PostgreSQL.
 *
 * What makes it safe to kill anything at any time:
 * - a job is written to PostgreSQL in one transaction, keyed by content hash,
 *   so a job done twice (retried after a crash, or taken by two workers)
 *   stores its articles once;
 * - a worker holds a lock on its job and renews it while it works; a worker
 *   that dies (SIGKILL, power cut) stops renewing, and BullMQ's stalled-job
 *   check, run by every live worker, puts the job back on the queue;
 * - a job that throws (database down, a WARC missing on this machine) is
 *   retried with exponential backoff, and after `attempts` tries it stays in
 *   BullMQ's failed set (the dead-letter queue: `sourcetrace queue-status`)
 *   and is noted in the results' input_errors so the report says so.
 */
import { Queue, Worker, type Job } from 'bullmq';
import { DEFAULT_TIME_LIMIT_MS } from '../analyze.js';
import { readInputs } from '../ingest/sources.js';
import { loadLexicons } from '../lexicon/load.js';
import { PgResults } from '../results/pg-results.js';
import type { InputError } from '../types.js';
import { WorkerPool } from '../workers/pool.js';
import { inThreadAnalyzer, poolAnalyzer } from './analyzers.js';
import { jobId, planJobs, type AnalyzeJob } from './jobs.js';
import { processJob } from './process.js';
import type { ReferenceStore } from '../store/reference-store.js';
import { DEFAULT_QUEUE, redisConnection } from './redis.js';
import { DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_MS, DEFAULT_LOCK_MS } from './defaults.js';

export { DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_MS, DEFAULT_LOCK_MS };

export interface EnqueueOptions {
  redis: string;
  queue?: string;
  batch?: string;
  attempts?: number;
  backoffMs?: number;
  glob?: string;
}

export interface EnqueueSummary {
  jobs: number;
  documents: number;
  errors: InputError[];
}

export async function enqueue(inputs: string[], options: EnqueueOptions): Promise<EnqueueSummary> {
  const queue = new Queue<AnalyzeJob>(options.queue ?? DEFAULT_QUEUE, { connection: redisConnection(options.redis, { failFast: true }) });
  queue.on('error', () => undefined); // the command that failed rejects with it
  const summary: EnqueueSummary = { jobs: 0, documents: 0, errors: [] };
  try {
    for await (const job of planJobs(readInputs(inputs, { glob: options.glob }), options.batch ?? 'default')) {
      await queue.add('analyze', job, {
        jobId: jobId(job),
        attempts: options.attempts ?? DEFAULT_ATTEMPTS,
        backoff: { type: 'exponential', delay: options.backoffMs ?? DEFAULT_BACKOFF_MS },
        // Done jobs leave Redis (their results are in PostgreSQL); dead letters stay.
        removeOnComplete: true,
        removeOnFail: false,
      });
      summary.jobs++;
      summary.documents += job.count;
      summary.errors.push(...job.errors);
    }
  } finally {
    await queue.close();
  }
  return summary;
}

export interface WorkerOptions {
  redis: string;
  db: string;
  queue?: string;
  concurrency?: number;
  lexiconDirs?: string[];
  timeLimitMs?: number;
  lockMs?: number;
  /** How often this worker looks for jobs whose worker died (default: half the lock). */
  stalledIntervalMs?: number;
  /** Analyze in this thread instead of worker threads (tests). */
  inThread?: boolean;
  /** A reference index every article is matched against (its origin then says which wire copy it carries). */
  index?: ReferenceStore;
  log?: (line: string) => void;
}

export interface RunningWorker {
  /** Resolves when the queue has nothing waiting, delayed or active. */
  drained(): Promise<void>;
  /** Finish the jobs in hand, then stop. */
  close(): Promise<void>;
}

export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const log = options.log ?? (() => undefined);
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const lexicons = loadLexicons({ userDirs: options.lexiconDirs });
  const results = await PgResults.open(options.db, {
    max: concurrency + 1,
    onError: (e) => log(`postgres: idle connection lost (${e.message}); reconnecting on next use`),
  });
  const pool = options.inThread
    ? null
    : new WorkerPool({ size: concurrency, lexiconDirs: options.lexiconDirs, timeLimitMs: options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS });
  const analyze = pool ? poolAnalyzer(pool) : inThreadAnalyzer(lexicons);
  const name = options.queue ?? DEFAULT_QUEUE;
  const connection = redisConnection(options.redis);
  const lockMs = options.lockMs ?? DEFAULT_LOCK_MS;

  const worker = new Worker<AnalyzeJob>(
    name,
    async (job: Job<AnalyzeJob>) => {
      const outcome = await processJob(job.data, { analyze, lexicons, results, index: options.index });
      log(
        `job ${job.id}: ${job.data.count} documents, ${outcome.inserted} stored, ${outcome.existing} already stored, ${outcome.errors} input errors` +
          ` (analysis ${(outcome.analyzeMs / 1000).toFixed(2)} s, database ${(outcome.writeMs / 1000).toFixed(2)} s)`,
      );
      return outcome;
    },
    {
      connection,
      concurrency,
      lockDuration: lockMs,
      stalledInterval: options.stalledIntervalMs ?? Math.max(500, Math.floor(lockMs / 2)),
      // A job whose worker died is handed out again a few times before it counts as failed.
      maxStalledCount: 3,
    },
  );
  const notes = new Set<Promise<void>>();
  worker.on('failed', (job, err) => {
    if (!job) return;
    // The job's state says whether this was its last try: a retry waits (delayed), a dead letter stays failed.
    // (Counting attempts is not enough: a job whose workers kept dying fails on its stalled count.)
    const noted = (async () => {
      const state = await job.getState().catch(() => 'unknown');
      const attempts = job.opts.attempts ?? 1;
      if (state !== 'failed') {
        log(`job ${job.id}: attempt ${job.attemptsMade} of ${attempts} failed (${err.message}); retrying`);
        return;
      }
      log(`job ${job.id}: dead-lettered after ${job.attemptsMade} attempts (${err.message})`);
      // Best effort: if the database is what failed, this fails too, and the failed set still holds the job.
      const file = `${job.data.batch} job ${job.id}`;
      await results.write([], [{ batch: job.data.batch, file, message: `not analyzed: failed ${job.attemptsMade} times (${err.message})` }]);
    })().catch(() => undefined);
    notes.add(noted);
    void noted.then(() => notes.delete(noted));
  });
  // Connection trouble (Redis restarting) is reported and retried by ioredis; it must not kill the worker.
  worker.on('error', (err) => log(`queue: ${err.message}`));

  const queue = new Queue(name, { connection });
  queue.on('error', (err) => log(`queue: ${err.message}`));
  let closed: Promise<void> | null = null;
  return {
    async drained() {
      for (;;) {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
        if (Object.values(counts).every((n) => n === 0)) return;
        await new Promise((r) => setTimeout(r, 250));
      }
    },
    close() {
      closed ??= (async () => {
        await worker.close();
        await Promise.all(notes);
        await queue.close();
        await pool?.close();
        await results.close();
      })();
      return closed;
    },
  };
}

export interface QueueStatus {
  counts: Record<string, number>;
  failed: { id: string; batch: string; seq: number; attempts: number; reason: string }[];
}

/** Job counts and the dead letters (failed jobs with their last error). */
export async function queueStatus(redis: string, queueName = DEFAULT_QUEUE): Promise<QueueStatus> {
  const queue = new Queue<AnalyzeJob>(queueName, { connection: redisConnection(redis, { failFast: true }) });
  queue.on('error', () => undefined); // the command that failed rejects with it
  try {
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed');
    const failed = (await queue.getFailed(0, 99)).map((j) => ({
      id: j.id ?? '',
      batch: j.data.batch,
      seq: j.data.seq,
      attempts: j.attemptsMade,
      reason: j.failedReason,
    }));
    return { counts, failed };
  } finally {
    await queue.close();
  }
}
