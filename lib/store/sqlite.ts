/**
 * The reference index in one SQLite file (better-sqlite3), the default store.
 *
 * Layout (INDEX_FORMAT in reference-store.ts names it):
 *   meta(key, value)           format, written once
 *   totals(documents, words, postings)   one row, kept in step by every write
 *   documents(ordinal AUTOINCREMENT, file UNIQUE, content_hash UNIQUE, words, text)
 *   postings(hash, ordinal) WITHOUT ROWID, primary key (hash, ordinal):
 *     the candidate look-up reads one short range of the B-tree per n-gram.
 * Hashes are stored as signed 32-bit integers (4 bytes in SQLite's record
 * format, where values past 2^31 take 6). Postings are not stored twice: a
 * removal recomputes the document's n-grams from its stored text.
 *
 * WAL journal: readers keep reading while one writer writes; every add and
 * remove is one transaction, so a killed process leaves the file as it was
 * before or after a whole batch, never in between.
 *
 * better-sqlite3 is an optional dependency with a native addon: it is loaded
 * only when an index is opened, so `analyze` runs on machines where it did not build.
 */
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { referenceGrams } from './query.js';
import {
  INDEX_FORMAT,
  StoreError,
  type AddOutcome,
  type PreparedReference,
  type ReferenceStats,
  type ReferenceStore,
  type StoredReference,
} from './reference-store.js';

/** The part of better-sqlite3's API used here (its types are not a dependency). */
interface Statement {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  pluck(toggle?: boolean): Statement;
  readonly reader: boolean;
}
interface Database {
  prepare(sql: string): Statement;
  exec(sql: string): void;
  pragma(sql: string, options?: { simple?: boolean }): unknown;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
  close(): void;
}
type DatabaseConstructor = new (path: string, options?: { readonly?: boolean; fileMustExist?: boolean; timeout?: number }) => Database;

export interface SqliteOpenOptions {
  /** Open for reading only (analyze, stats). */
  readonly?: boolean;
  /** Create the file and its schema when missing (index add). */
  create?: boolean;
  /** Page cache for writing, in MiB (default 256: an add touches postings pages all over the file). */
  cacheMiB?: number;
}

let constructor: DatabaseConstructor | null = null;

/**
 * Every connection and statement stays referenced for the life of the process.
 * better-sqlite3 12 wraps them in node::ObjectWrap, whose destructor on Node 24
 * asserts on an Environment that a garbage-collection pass may run without, and
 * aborts the process (WiseLibs/better-sqlite3#1515, fixed in v13, which needs
 * Node 22). Never collected, never destructed mid-run: the cost is a few
 * statements per opened index.
 */
const retained: object[] = [];
function keep<T extends object>(x: T): T {
  retained.push(x);
  return x;
}
function prepare(db: Database, sql: string): Statement {
  return keep(db.prepare(sql));
}
function pragma(db: Database, sql: string): unknown {
  const st = prepare(db, `PRAGMA ${sql}`);
  return st.reader ? st.all() : st.run();
}

/** A signed 32-bit hash and a document's place in its batch (< 2^21) pack into one exact double for sorting. */
const BATCH_SPACE = 2 ** 21;

function loadDriver(): DatabaseConstructor {
  if (constructor) return constructor;
  try {
    constructor = createRequire(import.meta.url)('better-sqlite3') as DatabaseConstructor;
  } catch (e) {
    const first = String((e as Error).message).split('\n')[0];
    throw new StoreError(`the SQLite index needs better-sqlite3, an optional dependency that is not installed or did not build here (${first}); run npm install better-sqlite3@12`);
  }
  return constructor;
}

const SCHEMA = `
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE totals(id INTEGER PRIMARY KEY CHECK (id = 1), documents INTEGER NOT NULL, words INTEGER NOT NULL, postings INTEGER NOT NULL);
INSERT INTO totals VALUES (1, 0, 0, 0);
CREATE TABLE documents(
  ordinal INTEGER PRIMARY KEY AUTOINCREMENT,
  file TEXT NOT NULL UNIQUE,
  content_hash TEXT NOT NULL UNIQUE,
  words INTEGER NOT NULL,
  text TEXT NOT NULL
);
CREATE TABLE postings(hash INTEGER NOT NULL, ordinal INTEGER NOT NULL, PRIMARY KEY (hash, ordinal)) WITHOUT ROWID;
`;

function isFile(path: string): boolean | null {
  try {
    const s = statSync(path);
    return s.isFile();
  } catch {
    return null;
  }
}

/** Open (or with `create`, make) an SQLite reference index. Errors are StoreErrors with one-line messages naming the file. */
export function openSqliteStore(path: string, options: SqliteOpenOptions = {}): SqliteStore {
  const Driver = loadDriver();
  const exists = isFile(path);
  if (exists === false) throw new StoreError(`${path}: not a file`);
  if (exists === null && !options.create) throw new StoreError(`${path}: no such index file`);
  let db: Database;
  try {
    db = keep(new Driver(path, { readonly: Boolean(options.readonly), fileMustExist: !options.create }));
  } catch (e) {
    throw new StoreError(`${path}: cannot open: ${(e as Error).message}`);
  }
  try {
    const tables = prepare(db, "SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    if (tables.length === 0 && options.create && !options.readonly) {
      pragma(db, 'journal_mode = WAL');
      db.transaction(() => {
        db.exec(SCHEMA);
        prepare(db, "INSERT INTO meta VALUES ('format', ?)").run(INDEX_FORMAT);
      })();
    } else if (!tables.includes('meta')) {
      throw new StoreError(`${path}: not a sourcetrace reference index (an SQLite file without its tables)`);
    }
    const format = prepare(db, "SELECT value FROM meta WHERE key = 'format'").pluck().get() as string | undefined;
    if (format !== INDEX_FORMAT)
      throw new StoreError(`${path}: index format "${format ?? 'none'}", this sourcetrace reads "${INDEX_FORMAT}" (build a new index with index add)`);
    if (!options.readonly) {
      pragma(db, 'journal_mode = WAL');
      // Safe against a killed process in WAL mode; only a power cut may lose the last commits.
      pragma(db, 'synchronous = NORMAL');
      pragma(db, `cache_size = ${-1024 * (options.cacheMiB ?? 256)}`);
    }
    return new SqliteStore(path, db);
  } catch (e) {
    db.close();
    if (e instanceof StoreError) throw e;
    const message = (e as Error).message;
    if (/not a database|malformed/i.test(message)) throw new StoreError(`${path}: not an SQLite database (${message})`);
    throw new StoreError(`${path}: ${message}`);
  }
}

/** A raw connection whose statements are kept alive as above (tests inspect index files with it). */
export function openRawSqlite(path: string, options: { readonly?: boolean } = {}): { prepare(sql: string): Statement; exec(sql: string): void; close(): void } {
  const db = keep(new (loadDriver())(path, { readonly: Boolean(options.readonly) }));
  return { prepare: (sql) => prepare(db, sql), exec: (sql) => db.exec(sql), close: () => db.close() };
}

export class SqliteStore implements ReferenceStore {
  private readonly statements: Record<string, Statement>;
  private readonly addBatch: (docs: PreparedReference[]) => AddOutcome[];
  private readonly removeFiles: (files: string[]) => string[];

  constructor(
    readonly path: string,
    private readonly db: Database,
  ) {
    const s = (sql: string) => prepare(db, sql);
    this.statements = {
      byHash: s('SELECT ordinal, file FROM documents WHERE content_hash = ?'),
      byFile: s('SELECT ordinal, words, text FROM documents WHERE file = ?'),
      insertDoc: s('INSERT INTO documents(file, content_hash, words, text) VALUES (?, ?, ?, ?)'),
      deleteDoc: s('DELETE FROM documents WHERE ordinal = ?'),
      insertPosting: s('INSERT INTO postings(hash, ordinal) VALUES (?, ?)'),
      deletePosting: s('DELETE FROM postings WHERE hash = ? AND ordinal = ?'),
      lookup: s('SELECT ordinal FROM postings WHERE hash = ? ORDER BY ordinal LIMIT ?').pluck(),
      fetch: s('SELECT ordinal, file, text, content_hash AS contentHash, words FROM documents WHERE ordinal = ?'),
      fetchAll: s('SELECT ordinal, file, text, content_hash AS contentHash, words FROM documents ORDER BY ordinal'),
      totals: s('SELECT documents, words, postings FROM totals WHERE id = 1'),
      addTotals: s('UPDATE totals SET documents = documents + ?, words = words + ?, postings = postings + ? WHERE id = 1'),
    };
    const st = this.statements;
    const drop = (ordinal: number, words: number, text: string) => {
      const grams = referenceGrams(text);
      for (const h of grams) st.deletePosting.run(h | 0, ordinal);
      st.deleteDoc.run(ordinal);
      st.addTotals.run(-1, -words, -grams.length);
    };
    this.addBatch = db.transaction((docs: PreparedReference[]) => {
      const added: { ordinal: number; grams: Uint32Array }[] = [];
      const outcomes = docs.map((doc): AddOutcome => {
        const same = st.byHash.get(doc.contentHash) as { ordinal: number; file: string } | undefined;
        if (same) return same.file === doc.file ? { file: doc.file, status: 'unchanged', ordinal: same.ordinal } : { file: doc.file, status: 'duplicate', ordinal: same.ordinal, existing: same.file };
        const old = st.byFile.get(doc.file) as { ordinal: number; words: number; text: string } | undefined;
        if (old) drop(old.ordinal, old.words, old.text);
        const ordinal = Number(st.insertDoc.run(doc.file, doc.contentHash, doc.words, doc.text).lastInsertRowid);
        added.push({ ordinal, grams: doc.grams });
        st.addTotals.run(1, doc.words, doc.grams.length);
        return { file: doc.file, status: old ? 'replaced' : 'added', ordinal };
      });
      insertPostings(added);
      return outcomes;
    });
    // The batch's postings in key order: each B-tree page is then visited once per
    // batch, not once per document (random hashes would thrash the page cache).
    const insertPostings = (added: { ordinal: number; grams: Uint32Array }[]) => {
      let total = 0;
      for (const a of added) total += a.grams.length;
      const keys = new Float64Array(total);
      let k = 0;
      if (added.length > BATCH_SPACE) throw new Error(`at most ${BATCH_SPACE} documents per add`);
      added.forEach((a, i) => {
        for (const h of a.grams) keys[k++] = (h | 0) * BATCH_SPACE + i;
      });
      keys.sort();
      for (const key of keys) {
        const hash = Math.floor(key / BATCH_SPACE);
        st.insertPosting.run(hash, added[key - hash * BATCH_SPACE].ordinal);
      }
    };
    this.removeFiles = db.transaction((files: string[]) => {
      const removed: string[] = [];
      for (const file of files) {
        const old = st.byFile.get(file) as { ordinal: number; words: number; text: string } | undefined;
        if (!old) continue;
        drop(old.ordinal, old.words, old.text);
        removed.push(file);
      }
      return removed;
    });
  }

  async add(docs: PreparedReference[]): Promise<AddOutcome[]> {
    return this.addBatch(docs);
  }

  async lookup(hashes: Uint32Array, limit: number): Promise<Map<number, number[]>> {
    const out = new Map<number, number[]>();
    const read = this.db.transaction(() => {
      for (const h of hashes) {
        const ordinals = this.statements.lookup.all(h | 0, limit) as number[];
        if (ordinals.length) out.set(h, ordinals);
      }
    });
    read(); // one read transaction: one snapshot for the whole call
    return out;
  }

  async fetch(ordinals: number[]): Promise<StoredReference[]> {
    const out: StoredReference[] = [];
    const read = this.db.transaction(() => {
      for (const o of [...ordinals].sort((x, y) => x - y)) {
        const doc = this.statements.fetch.get(o) as StoredReference | undefined;
        if (doc) out.push(doc);
      }
    });
    read();
    return out;
  }

  async fetchAll(): Promise<StoredReference[]> {
    return this.statements.fetchAll.all() as StoredReference[];
  }

  async stats(): Promise<ReferenceStats> {
    const t = this.statements.totals.get() as { documents: number; words: number; postings: number };
    let bytes = 0;
    for (const suffix of ['', '-wal']) {
      try {
        bytes += statSync(this.path + suffix).size;
      } catch {
        // no WAL file: nothing to add
      }
    }
    return { location: `sqlite ${this.path}`, format: INDEX_FORMAT, documents: t.documents, words: t.words, postings: t.postings, bytes };
  }

  async remove(files: string[]): Promise<string[]> {
    return this.removeFiles(files);
  }

  /** Copy the WAL into the file and truncate it (SQLite only: the bench measures the file alone). */
  checkpoint(): void {
    pragma(this.db, 'wal_checkpoint(TRUNCATE)');
  }

  async vacuum(): Promise<void> {
    pragma(this.db, 'wal_checkpoint(TRUNCATE)');
    this.db.exec('VACUUM');
    pragma(this.db, 'wal_checkpoint(TRUNCATE)');
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
