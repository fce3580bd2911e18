/**
 * A reference index by its location. An SQLite file path is the default
 * engine; other engines (a `postgres://` URL) plug in here by scheme.
 */
import { isPostgresUrl } from '../results/connect.js';
import { openPgStore } from './postgres.js';
import type { ReferenceStore } from './reference-store.js';
import { openSqliteStore } from './sqlite.js';

export interface OpenOptions {
  /** Only reading (analyze --index, index stats). */
  readonly?: boolean;
  /** Create the index when missing (index add). */
  create?: boolean;
}

export async function openReferenceStore(location: string, options: OpenOptions = {}): Promise<ReferenceStore> {
  if (isPostgresUrl(location)) return openPgStore(location, options);
  return openSqliteStore(location, options);
}
