/**
 * The queue's default settings, apart from lib/queue/queue.ts so the command
 * line can show them in its help without loading BullMQ and ioredis (a few
 * hundred milliseconds of every run's start-up, `analyze` included).
 */

/** Tries per job before it is dead-lettered. */
export const DEFAULT_ATTEMPTS = 5;
/** First retry delay; doubles with each try (1 s, 2 s, 4 s, 8 s). */
export const DEFAULT_BACKOFF_MS = 1_000;
/** How long a job stays locked by a worker that stopped renewing it (a killed worker) before it is handed out again. */
export const DEFAULT_LOCK_MS = 30_000;
