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

/** A failed connection's error in one line (PostgreSQL, Redis). */
export function errorMessage(e: unknown): string {
  const err = e as Error & { code?: string; errors?: Error[] };
  // Node's AggregateError (connection refused on every address) has an empty message.
  return err.message || err.errors?.map((x) => x.message).join('; ') || err.code || String(e);
}

export function openPool(url: string, options: { max?: number; onError?: (e: Error) => void } = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 4, connectionTimeoutMillis: 10_000 });
  pool.on('error', options.onError ?? ((e) => process.stderr.write(`sourcetrace: postgres: idle connection lost (${e.message}); reconnecting on next use\n`)));
  // A connection cut right after its handshake can deliver the server's FATAL in the
  // same read as ReadyForQuery: the client emits 'error' after the pool has handed it
  // out and before the caller could listen (seen in CI under pg_terminate_backend).
  // Every client keeps this listener for life, so no 'error' goes unheard; the query
  // that needed the connection still rejects, and the pool's own idle listener and
  // the callers' listeners still see every error.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/**
 * `work` in one transaction on one pooled connection. A connection that failed
 * (a query rejected, or the server cut it between two queries, which errors on
 * the client, not the pool) is thrown away on release, never reused.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (e: Error) => (broken = e);
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const out = await work(client);
    await client.query('COMMIT');
    return out;
  } catch (e) {
    broken ??= e as Error;
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
