/**
 * One place that opens PostgreSQL pools. A pool whose idle connection is cut
 * (a server restart, pg_terminate_backend) emits 'error'; unhandled, that
 * would kill the process, so it is logged and the pool opens a new connection
 * on next use. Queries that were running on the cut connection reject, and the
 * caller (a queue job) fails and is retried.
 */
import pg from 'pg';

export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value);
}

export function openPool(url: string, options: { max?: number; onError?: (e: Error) => void } = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 4, connectionTimeoutMillis: 10_000 });
  pool.on('error', options.onError ?? ((e) => process.stderr.write(`sourcetrace: postgres: idle connection lost (${e.message}); reconnecting on next use\n`)));
  return pool;
}
