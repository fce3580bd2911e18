/** Redis connection settings from a `redis://[:password@]host:port[/db]` URL, as BullMQ (ioredis) takes them. */
export interface RedisConnection {
  host: string;
  port: number;
  password?: string;
  username?: string;
  db?: number;
  /** BullMQ workers block on Redis; ioredis must retry commands forever, not give up after 20 tries. */
  maxRetriesPerRequest: null;
}

export const DEFAULT_REDIS = 'redis://127.0.0.1:6379';
export const DEFAULT_QUEUE = 'sourcetrace';

export function redisConnection(url: string): RedisConnection {
  const u = new URL(url);
  if (u.protocol !== 'redis:') throw new Error(`not a redis:// URL: ${url}`);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : undefined;
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(db !== undefined && Number.isInteger(db) ? { db } : {}),
    maxRetriesPerRequest: null,
  };
}
