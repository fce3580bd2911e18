/**
 * The reference index in PostgreSQL (`--db postgres://...`): one index shared
 * by many readers and writers on many machines. Same contract as the SQLite
 * engine (lib/store/reference-store.ts); the differences are in how many
 * processes can write at once.
 *
 * Layout (tables prefixed `ref_`, so results tables can share the database):
 *   ref_meta(key, value)          the INDEX_FORMAT, written once
 *   ref_documents(ordinal identity, file UNIQUE, content_hash UNIQUE, words, text, grams int4[])
 *   ref_postings(hash int4, ordinal, PRIMARY KEY (hash, ordinal))
 *                                 the candidate look-up: one short range of the
 *                                 B-tree per n-gram, index-only; all of an
 *                                 article's n-grams go in one round trip
 *                                 (unnest + LATERAL ... LIMIT).
 *   ref_totals(documents, words, postings)
 *                                 one row of deltas per write, summed by stats():
 *                                 a single counter row would make every writer
 *                                 wait for the one before it to commit.
 * A document keeps its n-gram hashes (`grams`) so a removal deletes its
 * postings through the primary key without a second index on ordinal.
 * Hashes are stored as signed 32-bit integers (int4), as in the SQLite engine.
 *
 * Writers: each add/remove is one transaction. Two writers adding the same text
 * at once meet on the unique content_hash: the second waits for the first to
 * commit, then finds the row and reports `unchanged`/`duplicate`. Ordinals come
 * from an identity sequence, strictly increasing, never reused.
 */
import type pg from 'pg';
import { errorMessage, inTransaction, openPool } from '../results/connect.js';
import {
  INDEX_FORMAT,
  StoreError,
  type AddOutcome,
  type PreparedReference,
  type ReferenceStats,
  type ReferenceStore,
  type StoredReference,
} from './reference-store.js';

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS ref_meta (key text PRIMARY KEY, value text NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS ref_documents (
     ordinal bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     file text NOT NULL UNIQUE,
     content_hash text NOT NULL UNIQUE,
     words integer NOT NULL,
     text text NOT NULL,
     grams int4[] NOT NULL
   )`,
  `CREATE TABLE IF NOT EXISTS ref_postings (hash int4 NOT NULL, ordinal bigint NOT NULL, PRIMARY KEY (hash, ordinal))`,
  `CREATE TABLE IF NOT EXISTS ref_totals (documents bigint NOT NULL, words bigint NOT NULL, postings bigint NOT NULL)`,
];

/** Any fixed number: serializes schema creation when many processes open a new index at once. */
const SCHEMA_LOCK = 0x5eed7acf;

export interface PgStoreOptions {
  readonly?: boolean;
  create?: boolean;
  /** Connections in the pool (default 4). */
  max?: number;
}

function describe(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return u.toString();
  } catch {
    return 'postgres';
  }
}

/** Open (or with `create`, make) a PostgreSQL reference index. Errors are StoreErrors with one-line messages. */
export async function openPgStore(url: string, options: PgStoreOptions = {}): Promise<PgStore> {
  const where = describe(url);
  const pool = openPool(url, { max: options.max ?? 4 });
  try {
    const exists = (await pool.query(`SELECT to_regclass('ref_meta') IS NOT NULL AS exists`)).rows[0].exists as boolean;
    if (!exists) {
      if (!options.create || options.readonly) throw new StoreError(`${where}: no reference index in this database (create one with index add)`);
      await inTransaction(pool, async (c) => {
        await c.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
        for (const statement of SCHEMA) await c.query(statement);
        await c.query(`INSERT INTO ref_meta (key, value) VALUES ('format', $1) ON CONFLICT (key) DO NOTHING`, [INDEX_FORMAT]);
      });
    }
    const format = (await pool.query<{ value: string }>(`SELECT value FROM ref_meta WHERE key = 'format'`)).rows[0]?.value;
    if (format !== INDEX_FORMAT)
      throw new StoreError(`${where}: index format "${format ?? 'none'}", this sourcetrace reads "${INDEX_FORMAT}" (build a new index with index add)`);
  } catch (e) {
    await pool.end().catch(() => undefined);
    if (e instanceof StoreError) throw e;
    throw new StoreError(`${where}: ${errorMessage(e)}`);
  }
  return new PgStore(where, pool);
}

interface Row {
  ordinal: string;
  file: string;
  text: string;
  content_hash: string;
  words: number;
}

function toStored(r: Row): StoredReference {
  return { ordinal: Number(r.ordinal), file: r.file, text: r.text, contentHash: r.content_hash, words: r.words };
}

/** Postings per INSERT statement (two arrays of this length as parameters). */
const POSTINGS_CHUNK = 200_000;

/** Documents' postings as (hash, ordinal) arrays sorted by signed hash, then ordinal. */
function sortedPostings(added: { ordinal: number; grams: Uint32Array }[]): { hashes: number[]; ordinals: number[] } {
  const pairs: [number, number][] = [];
  for (const a of added) for (const h of a.grams) pairs.push([h | 0, a.ordinal]);
  pairs.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  return { hashes: pairs.map((p) => p[0]), ordinals: pairs.map((p) => p[1]) };
}

function signed(hashes: Uint32Array): number[] {
  return Array.from(hashes, (h) => h | 0);
}

export class PgStore implements ReferenceStore {
  constructor(
    readonly location: string,
    private readonly pool: pg.Pool,
  ) {}

  /** One transaction on one connection; a connection cut mid-way is thrown away, not reused. */
  private transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.pool, work);
  }

  async add(docs: PreparedReference[]): Promise<AddOutcome[]> {
    return this.transaction(async (c) => {
      const out: AddOutcome[] = [];
      const totals = { documents: 0, words: 0, postings: 0 };
      const added: { ordinal: number; grams: Uint32Array }[] = [];
      const dropped = new Set<number>();
      for (const doc of docs) {
        // At most two rounds: a concurrent writer may insert the same text or name between our look and our insert.
        for (let round = 0; ; round++) {
          const same = await c.query<{ ordinal: string; file: string }>(`SELECT ordinal, file FROM ref_documents WHERE content_hash = $1`, [doc.contentHash]);
          if (same.rows.length) {
            const s = same.rows[0];
            out.push(
              s.file === doc.file
                ? { file: doc.file, status: 'unchanged', ordinal: Number(s.ordinal) }
                : { file: doc.file, status: 'duplicate', ordinal: Number(s.ordinal), existing: s.file },
            );
            break;
          }
          const old = await this.drop(c, doc.file, totals);
          if (old !== null) dropped.add(old);
          const inserted = await c.query<{ ordinal: string }>(
            `INSERT INTO ref_documents (file, content_hash, words, text, grams) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT DO NOTHING RETURNING ordinal`,
            [doc.file, doc.contentHash, doc.words, doc.text, signed(doc.grams)],
          );
          if (!inserted.rows.length) {
            if (round >= 2) throw new StoreError(`${this.location}: ${doc.file}: kept colliding with concurrent writers; try again`);
            continue;
          }
          const ordinal = Number(inserted.rows[0].ordinal);
          added.push({ ordinal, grams: doc.grams });
          totals.documents++;
          totals.words += doc.words;
          totals.postings += doc.grams.length;
          out.push({ file: doc.file, status: old !== null ? 'replaced' : 'added', ordinal });
          break;
        }
      }
      // The batch's postings in one statement per POSTINGS_CHUNK, sorted: the B-tree takes them page by page.
      const postings = sortedPostings(added.filter((a) => !dropped.has(a.ordinal)));
      for (let from = 0; from < postings.hashes.length; from += POSTINGS_CHUNK)
        await c.query(`INSERT INTO ref_postings (hash, ordinal) SELECT * FROM unnest($1::int4[], $2::bigint[])`, [
          postings.hashes.slice(from, from + POSTINGS_CHUNK),
          postings.ordinals.slice(from, from + POSTINGS_CHUNK),
        ]);
      await this.addTotals(c, totals);
      return out;
    });
  }

  /** Remove the document stored under `file`, if any (inside the caller's transaction); its ordinal, or null. */
  private async drop(c: pg.PoolClient, file: string, totals: { documents: number; words: number; postings: number }): Promise<number | null> {
    const old = await c.query<{ ordinal: string; words: number; grams: number[] }>(
      `SELECT ordinal, words, grams FROM ref_documents WHERE file = $1 FOR UPDATE`,
      [file],
    );
    if (!old.rows.length) return null;
    const { ordinal, words, grams } = old.rows[0];
    await c.query(`DELETE FROM ref_postings WHERE hash = ANY($1::int4[]) AND ordinal = $2`, [grams, ordinal]);
    await c.query(`DELETE FROM ref_documents WHERE ordinal = $1`, [ordinal]);
    totals.documents--;
    totals.words -= words;
    totals.postings -= grams.length;
    return Number(ordinal);
  }

  private async addTotals(c: pg.PoolClient, t: { documents: number; words: number; postings: number }): Promise<void> {
    if (t.documents || t.words || t.postings)
      await c.query(`INSERT INTO ref_totals (documents, words, postings) VALUES ($1, $2, $3)`, [t.documents, t.words, t.postings]);
  }

  async lookup(hashes: Uint32Array, limit: number): Promise<Map<number, number[]>> {
    const out = new Map<number, number[]>();
    if (!hashes.length) return out;
    // One statement: one snapshot, one round trip for all of an article's n-grams.
    const rows = await this.pool.query<{ hash: number; ordinals: string[] }>(
      `SELECT u.hash, array_agg(p.ordinal ORDER BY p.ordinal) AS ordinals
       FROM unnest($1::int4[]) AS u(hash)
       CROSS JOIN LATERAL (SELECT ordinal FROM ref_postings WHERE hash = u.hash ORDER BY ordinal LIMIT $2) AS p
       GROUP BY u.hash`,
      [signed(hashes), limit],
    );
    const found = new Map<number, number[]>();
    for (const r of rows.rows) found.set(r.hash >>> 0, r.ordinals.map(Number));
    // In the order asked (ascending unsigned hashes), as the contract's Map is read in insertion order by some callers.
    for (const h of hashes) {
      const ordinals = found.get(h);
      if (ordinals) out.set(h, ordinals);
    }
    return out;
  }

  async fetch(ordinals: number[]): Promise<StoredReference[]> {
    if (!ordinals.length) return [];
    const rows = await this.pool.query<Row>(
      `SELECT ordinal, file, text, content_hash, words FROM ref_documents WHERE ordinal = ANY($1::bigint[]) ORDER BY ordinal`,
      [ordinals],
    );
    return rows.rows.map(toStored);
  }

  async fetchAll(): Promise<StoredReference[]> {
    const rows = await this.pool.query<Row>(`SELECT ordinal, file, text, content_hash, words FROM ref_documents ORDER BY ordinal`);
    return rows.rows.map(toStored);
  }

  async stats(): Promise<ReferenceStats> {
    const t = await this.pool.query<{ documents: string; words: string; postings: string; bytes: string }>(
      `SELECT coalesce(sum(documents), 0) AS documents, coalesce(sum(words), 0) AS words, coalesce(sum(postings), 0) AS postings,
              pg_total_relation_size('ref_documents') + pg_total_relation_size('ref_postings') + pg_total_relation_size('ref_totals') AS bytes
       FROM ref_totals`,
    );
    const r = t.rows[0];
    return {
      location: `postgres ${this.location}`,
      format: INDEX_FORMAT,
      documents: Number(r.documents),
      words: Number(r.words),
      postings: Number(r.postings),
      bytes: Number(r.bytes),
    };
  }

  async remove(files: string[]): Promise<string[]> {
    return this.transaction(async (c) => {
      const removed: string[] = [];
      const totals = { documents: 0, words: 0, postings: 0 };
      for (const file of files) if ((await this.drop(c, file, totals)) !== null) removed.push(file);
      await this.addTotals(c, totals);
      return removed;
    });
  }

  async vacuum(): Promise<void> {
    // Fold the totals' delta rows into one, then let PostgreSQL reclaim dead rows and refresh its statistics.
    await this.transaction(async (c) => {
      await c.query('LOCK TABLE ref_totals IN EXCLUSIVE MODE');
      await c.query(
        `WITH gone AS (DELETE FROM ref_totals RETURNING documents, words, postings)
         INSERT INTO ref_totals SELECT coalesce(sum(documents), 0), coalesce(sum(words), 0), coalesce(sum(postings), 0) FROM gone`,
      );
    });
    await this.pool.query('VACUUM ANALYZE ref_documents, ref_postings, ref_totals');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
