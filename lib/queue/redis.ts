/** Redis connection settings from a `redis://[:password@]host:port[/db]` URL, as BullMQ (ioredis) takes them. */
export interface RedisConnection {
  host: string;
  port: number;
  password?: string;
  username?: string;
  db?: number;
  /** null: retry commands forever (BullMQ workers, which wait out a Redis restart). */
  maxRetriesPerRequest: number | null;
  retryStrategy?: (times: number) => number | null;
  connectTimeout?: number;
}

export const DEFAULT_REDIS = 'redis://127.0.0.1:6379';
export const DEFAULT_QUEUE = 'sourcetrace';

/**
 * `failFast` is for short commands (enqueue, queue-status): a Redis that does
 * not answer is an error after a few tries, not a wait without end. Workers
 * keep retrying, so that they ride out a Redis restart.
 */
export function redisConnection(url: string, options: { failFast?: boolean } = {}): RedisConnection {
  const u = new URL(url);
  if (u.protocol !== 'redis:') throw new Error(`not a redis:// URL: ${url}`);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : undefined;
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(db !== undefined && Number.isInteger(db) ? { db } : {}),
    ...(options.failFast
      ? { maxRetriesPerRequest: 2, connectTimeout: 5_000, retryStrategy: (times: number) => (times > 3 ? null : 250 * times) }
      : { maxRetriesPerRequest: null }),
  };
}
