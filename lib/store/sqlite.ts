/**
 * The reference index in one SQLite file (better-sqlite3), the default store.
 *
 * Layout (INDEX_FORMAT in reference-store.ts names what the postings mean):
 *   meta(key, value)           format, written once
 *   totals(documents, words, postings)   one row, kept in step by every write
 *   documents(ordinal AUTOINCREMENT, file UNIQUE, content_hash UNIQUE, words, text)
 *   runs(id AUTOINCREMENT, first_ordinal, last_ordinal, postings)
 *   postings_<run id>(hash, ordinal) WITHOUT ROWID, primary key (hash, ordinal):
 *     the postings of one run of consecutive documents, clustered on hash.
 *   postings                   a view: every run's postings (for SQL users and tests)
 *
 * Why runs (a log-structured merge, as search engines keep inverted indexes):
 * n-gram hashes are uniformly random, so one big (hash, ordinal) B-tree takes
 * a batch's postings at random places all over itself. Past a few hundred MB
 * every batch rewrote nearly every page of it (100k documents: 144 docs/s
 * against 494 at 10k; 1M documents out of reach). Instead each add writes its
 * postings, sorted, into a new table (appended, pages full), and when FANOUT
 * runs of about the same size sit at the end they are merged into one by a
 * streaming merge of the sorted tables (SQLite's ORDER BY over UNION ALL of
 * index-ordered inputs): every posting is rewritten about log_FANOUT(N / batch)
 * times in all, sequentially, instead of one random page write per posting.
 * A look-up reads one short range per run (at most ~(FANOUT - 1) runs per size
 * tier: ~20 at a million documents). Documents get increasing ordinals and runs
 * hold consecutive ordinal ranges, so reading the runs in id order gives a
 * hash's postings in ordinal order, as the interface asks.
 *
 * Hashes are stored as signed 32-bit integers (4 bytes in SQLite's record
 * format, where values past 2^31 take 6). Postings are not stored twice: a
 * removal recomputes the document's n-grams from its stored text.
 *
 * WAL journal: readers keep reading while one writer writes; every add and
 * remove (with any merge it triggers) is one transaction, so a killed process
 * leaves the file as it was before or after a whole batch, never in between.
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
  raw(toggle?: boolean): Statement;
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

const RUNS_TABLE = 'CREATE TABLE runs(id INTEGER PRIMARY KEY AUTOINCREMENT, first_ordinal INTEGER NOT NULL, last_ordinal INTEGER NOT NULL, postings INTEGER NOT NULL)';

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
${RUNS_TABLE};
CREATE VIEW postings(hash, ordinal) AS SELECT 0, 0 WHERE 0;
`;

/** A run is written under this name, then renamed to postings_<id> (fixed statements fill it). */
const NEW_RUN = 'postings_new';
const NEW_RUN_TABLE = `CREATE TABLE ${NEW_RUN}(hash INTEGER NOT NULL, ordinal INTEGER NOT NULL, PRIMARY KEY (hash, ordinal)) WITHOUT ROWID`;
/** Runs merge when FANOUT of about the same size (same tier) sit at the end: each posting is rewritten ~log_FANOUT(total / batch) times. */
const FANOUT = 8;
/** Size tiers: runs under TIER_BASE postings (~800 documents) are tier 0; each tier FANOUT times the one below. */
const TIER_BASE = 2 ** 18;
/** Postings per multi-row INSERT (2 parameters each): one call into SQLite per 512 rows, not per row. */
const INSERT_ROWS = 512;

function tier(postings: number): number {
  return postings < TIER_BASE ? 0 : Math.floor(Math.log(postings / TIER_BASE) / Math.log(FANOUT)) + 1;
}

/**
 * Which runs to merge, given their postings counts oldest first: the index of
 * the first of the tail to merge, or -1. Runs get older and bigger towards the
 * start. When the newest run and the runs before it of no higher tier are
 * FANOUT or more, they merge; a big old run is merged again only when FANOUT
 * runs of its own tier have piled up after it.
 */
export function mergeFrom(postings: number[]): number {
  if (postings.length < FANOUT) return -1;
  const top = tier(postings[postings.length - 1]);
  let from = postings.length;
  while (from > 0 && tier(postings[from - 1]) <= top) from--;
  return postings.length - from >= FANOUT ? from : -1;
}

const runTable = (id: number) => `postings_${id}`;

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
    // Look-ups read pages straight from the OS page cache instead of copying them into SQLite's.
    pragma(db, `mmap_size = ${2 ** 30}`);
    if (!options.readonly) {
      pragma(db, 'journal_mode = WAL');
      // Safe against a killed process in WAL mode; only a power cut may lose the last commits.
      pragma(db, 'synchronous = NORMAL');
      pragma(db, `cache_size = ${-1024 * (options.cacheMiB ?? 256)}`);
      // A merge's transaction can grow the WAL to the size of the run it writes: give that back after the checkpoint.
      pragma(db, `journal_size_limit = ${64 * 2 ** 20}`);
      if (!tables.includes('runs') && tables.includes('postings')) upgradeLayout(db);
    }
    const legacy = !(prepare(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'runs'").pluck().get() as number);
    return new SqliteStore(path, db, legacy);
  } catch (e) {
    db.close();
    if (e instanceof StoreError) throw e;
    const message = (e as Error).message;
    if (/not a database|malformed/i.test(message)) throw new StoreError(`${path}: not an SQLite database (${message})`);
    throw new StoreError(`${path}: ${message}`);
  }
}

/**
 * An index written before runs (one postings table) becomes an index of one
 * run, in place, when first opened for writing. Opened read-only it is read as
 * it is (see SqliteStore.runs).
 */
function upgradeLayout(db: Database): void {
  db.transaction(() => {
    db.exec(RUNS_TABLE);
    const range = prepare(db, 'SELECT count(*) AS n, min(ordinal) AS first, max(ordinal) AS last FROM postings').get() as { n: number; first: number; last: number };
    if (range.n) {
      const id = Number(prepare(db, 'INSERT INTO runs(first_ordinal, last_ordinal, postings) VALUES (?, ?, ?)').run(range.first, range.last, range.n).lastInsertRowid);
      db.exec(`ALTER TABLE postings RENAME TO ${runTable(id)}`);
    } else {
      db.exec('DROP TABLE postings');
    }
    writeView(db);
  })();
}

/** The `postings` view over every run, rewritten whenever the runs change (in the same transaction). */
function writeView(db: Database): void {
  const ids = prepare(db, 'SELECT id FROM runs ORDER BY id').pluck().all() as number[];
  db.exec('DROP VIEW IF EXISTS postings');
  const body = ids.length ? ids.map((id) => `SELECT hash, ordinal FROM ${runTable(id)}`).join(' UNION ALL ') : 'SELECT 0, 0 WHERE 0';
  db.exec(`CREATE VIEW postings(hash, ordinal) AS ${body}`);
}

interface Run {
  id: number;
  /** Only for a legacy index's one postings table (else postings_<id>). */
  table?: string;
  first: number;
  last: number;
  postings: number;
}

/** A raw connection whose statements are kept alive as above (tests inspect index files with it). */
export function openRawSqlite(path: string, options: { readonly?: boolean } = {}): { prepare(sql: string): Statement; exec(sql: string): void; close(): void } {
  const db = keep(new (loadDriver())(path, { readonly: Boolean(options.readonly) }));
  return { prepare: (sql) => prepare(db, sql), exec: (sql) => db.exec(sql), close: () => db.close() };
}

export class SqliteStore implements ReferenceStore {
  private readonly statements: Record<string, Statement>;
  /** Statements on run tables and on the run being written, prepared on first use (a run's table exists only once written). */
  private readonly onTable = new Map<string, Statement>();
  private readonly addBatch: (docs: PreparedReference[]) => AddOutcome[];
  private readonly removeFiles: (files: string[]) => string[];
  private readonly mergeAll: () => void;

  constructor(
    readonly path: string,
    private readonly db: Database,
    /** An index from before runs, opened read-only: its one postings table is the only run. */
    private readonly legacy = false,
  ) {
    const s = (sql: string) => prepare(db, sql);
    this.statements = {
      byHash: s('SELECT ordinal, file FROM documents WHERE content_hash = ?'),
      byFile: s('SELECT ordinal, words, text FROM documents WHERE file = ?'),
      insertDoc: s('INSERT INTO documents(file, content_hash, words, text) VALUES (?, ?, ?, ?)'),
      deleteDoc: s('DELETE FROM documents WHERE ordinal = ?'),
      fetch: s('SELECT ordinal, file, text, content_hash AS contentHash, words FROM documents WHERE ordinal = ?'),
      fetchAll: s('SELECT ordinal, file, text, content_hash AS contentHash, words FROM documents ORDER BY ordinal'),
      totals: s('SELECT documents, words, postings FROM totals WHERE id = 1'),
      addTotals: s('UPDATE totals SET documents = documents + ?, words = words + ?, postings = postings + ? WHERE id = 1'),
      ...(legacy
        ? {}
        : {
            runs: s('SELECT id, first_ordinal AS first, last_ordinal AS last, postings FROM runs ORDER BY id'),
            runOf: s('SELECT id FROM runs WHERE first_ordinal <= ? AND last_ordinal >= ?'),
            insertRun: s('INSERT INTO runs(first_ordinal, last_ordinal, postings) VALUES (?, ?, ?)'),
            runPostings: s('UPDATE runs SET postings = postings + ? WHERE id = ?'),
            deleteRuns: s('DELETE FROM runs WHERE id >= ?'),
          }),
    };
    const st = this.statements;
    const drop = (ordinal: number, words: number, text: string) => {
      const grams = referenceGrams(text);
      // A document added earlier in the same batch has no run yet: nothing to delete there.
      const run = st.runOf.get(ordinal, ordinal) as { id: number } | undefined;
      if (run) {
        const del = this.onRun(run.id, 'delete', (t) => `DELETE FROM ${t} WHERE hash = ? AND ordinal = ?`);
        let removed = 0;
        for (const h of grams) removed += del.run(h | 0, ordinal).changes;
        st.runPostings.run(-removed, run.id);
      }
      st.deleteDoc.run(ordinal);
      st.addTotals.run(-1, -words, -grams.length);
    };
    this.addBatch = db.transaction((docs: PreparedReference[]) => {
      const added: { ordinal: number; grams: Uint32Array }[] = [];
      const dropped = new Set<number>();
      const outcomes = docs.map((doc): AddOutcome => {
        const same = st.byHash.get(doc.contentHash) as { ordinal: number; file: string } | undefined;
        if (same) return same.file === doc.file ? { file: doc.file, status: 'unchanged', ordinal: same.ordinal } : { file: doc.file, status: 'duplicate', ordinal: same.ordinal, existing: same.file };
        const old = st.byFile.get(doc.file) as { ordinal: number; words: number; text: string } | undefined;
        if (old) {
          drop(old.ordinal, old.words, old.text);
          dropped.add(old.ordinal);
        }
        const ordinal = Number(st.insertDoc.run(doc.file, doc.contentHash, doc.words, doc.text).lastInsertRowid);
        added.push({ ordinal, grams: doc.grams });
        st.addTotals.run(1, doc.words, doc.grams.length);
        return { file: doc.file, status: old ? 'replaced' : 'added', ordinal };
      });
      const kept = added.filter((a) => !dropped.has(a.ordinal));
      if (kept.length) {
        db.exec('DROP VIEW IF EXISTS postings'); // renaming tables checks every view, and this one names runs about to go
        writeRun(kept);
        compact(false);
        writeView(db);
      }
      return outcomes;
    });
    // The batch's postings sorted by (hash, ordinal) into a new, empty table: every insert appends.
    const writeRun = (added: { ordinal: number; grams: Uint32Array }[]) => {
      let total = 0;
      for (const a of added) total += a.grams.length;
      if (added.length > BATCH_SPACE) throw new Error(`at most ${BATCH_SPACE} documents per add`);
      const keys = new Float64Array(total);
      let k = 0;
      added.forEach((a, i) => {
        for (const h of a.grams) keys[k++] = (h | 0) * BATCH_SPACE + i;
      });
      keys.sort();
      db.exec(NEW_RUN_TABLE);
      const many = this.onTable_(NEW_RUN, 'insert-many', `INSERT INTO ${NEW_RUN}(hash, ordinal) VALUES ${'(?, ?), '.repeat(INSERT_ROWS - 1)}(?, ?)`);
      const one = this.onTable_(NEW_RUN, 'insert', `INSERT INTO ${NEW_RUN}(hash, ordinal) VALUES (?, ?)`);
      const params: number[] = new Array(2 * INSERT_ROWS);
      let p = 0;
      for (const key of keys) {
        const hash = Math.floor(key / BATCH_SPACE);
        params[p++] = hash;
        params[p++] = added[key - hash * BATCH_SPACE].ordinal;
        if (p === params.length) {
          many.run(params);
          p = 0;
        }
      }
      for (let q = 0; q < p; q += 2) one.run(params[q], params[q + 1]);
      const id = Number(st.insertRun.run(added[0].ordinal, added[added.length - 1].ordinal, total).lastInsertRowid);
      db.exec(`ALTER TABLE ${NEW_RUN} RENAME TO ${runTable(id)}`);
    };
    const compact = (all: boolean) => {
      for (;;) {
        const runs = st.runs.all() as Run[];
        const from = all ? (runs.length > 1 ? 0 : -1) : mergeFrom(runs.map((r) => r.postings));
        if (from < 0) return;
        merge(runs.slice(from));
      }
    };
    // Sorted tables merged by SQLite's ORDER BY over a UNION ALL (a streaming merge, no sort), appended to a new table.
    const merge = (runs: Run[]) => {
      db.exec(NEW_RUN_TABLE);
      const union = runs.map((r) => `SELECT hash, ordinal FROM ${runTable(r.id)}`).join(' UNION ALL ');
      db.exec(`INSERT INTO ${NEW_RUN}(hash, ordinal) ${union} ORDER BY 1, 2`);
      for (const r of runs) db.exec(`DROP TABLE ${runTable(r.id)}`);
      st.deleteRuns.run(runs[0].id);
      const postings = runs.reduce((n, r) => n + r.postings, 0);
      const id = Number(st.insertRun.run(runs[0].first, runs[runs.length - 1].last, postings).lastInsertRowid);
      db.exec(`ALTER TABLE ${NEW_RUN} RENAME TO ${runTable(id)}`);
    };
    this.mergeAll = db.transaction(() => {
      db.exec('DROP VIEW IF EXISTS postings');
      compact(true);
      writeView(db);
    });
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

  /** A statement on a table, prepared once and kept (see `retained`). */
  private onTable_(table: string, kind: string, sql: string): Statement {
    const key = `${kind} ${table}`;
    let st = this.onTable.get(key);
    if (!st) this.onTable.set(key, (st = prepare(this.db, sql)));
    return st;
  }

  private onRun(id: number, kind: string, sql: (table: string) => string): Statement {
    const table = id === 0 ? 'postings' : runTable(id);
    return this.onTable_(table, kind, sql(table));
  }

  /** The runs in id order, which is ordinal order (inside a read transaction). */
  private runs(): Run[] {
    if (this.legacy) return [{ id: 0, table: 'postings', first: 0, last: Number.MAX_SAFE_INTEGER, postings: 0 }];
    return this.statements.runs.all() as Run[];
  }

  async add(docs: PreparedReference[]): Promise<AddOutcome[]> {
    return this.addBatch(docs);
  }

  async lookup(hashes: Uint32Array, limit: number): Promise<Map<number, number[]>> {
    const out = new Map<number, number[]>();
    if (!hashes.length) return out;
    const asked = JSON.stringify(Array.from(hashes, (h) => h | 0));
    let rows: [number, string | null][] = [];
    const read = this.db.transaction(() => {
      rows = this.lookupStatement(this.runs()).all({ hashes: asked, limit }) as [number, string | null][];
    });
    read(); // one read transaction: one snapshot for the whole call
    for (const [hash, ordinals] of rows) if (ordinals !== null) out.set(hash >>> 0, ordinals.split(',').map(Number));
    return out;
  }

  /**
   * All of a call's hashes in one statement: for each hash, the first `limit`
   * postings over every run, read as a streaming merge of one short B-tree
   * range per run that stops at the limit (so a phrase in a million documents
   * costs `limit` rows). Prepared once per set of runs.
   */
  private lookupStatement(runs: Run[]): Statement {
    const key = `lookup ${runs.map((r) => r.id).join(',')}`;
    let st = this.onTable.get(key);
    if (!st) {
      const union = runs.map((r) => `SELECT ordinal FROM ${r.table ?? runTable(r.id)} WHERE hash = asked.value`).join(' UNION ALL ');
      const postings = runs.length ? `(SELECT group_concat(ordinal, ',' ORDER BY ordinal) FROM (${union} ORDER BY 1 LIMIT @limit))` : 'NULL';
      st = prepare(this.db, `SELECT asked.value, ${postings} FROM json_each(@hashes) AS asked`).raw();
      this.onTable.set(key, st);
    }
    return st;
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
    const runs = this.legacy ? 1 : (this.statements.runs.all() as Run[]).length;
    return { location: `sqlite ${this.path}`, format: INDEX_FORMAT, documents: t.documents, words: t.words, postings: t.postings, bytes, runs };
  }

  async remove(files: string[]): Promise<string[]> {
    return this.removeFiles(files);
  }

  /** Copy the WAL into the file and truncate it (SQLite only: the bench measures the file alone). */
  checkpoint(): void {
    pragma(this.db, 'wal_checkpoint(TRUNCATE)');
  }

  /** Bytes of the file's pages that are free (left by merged runs and removals, reused by later adds). */
  freeBytes(): number {
    const count = (pragma(this.db, 'freelist_count') as { freelist_count: number }[])[0].freelist_count;
    const size = (pragma(this.db, 'page_size') as { page_size: number }[])[0].page_size;
    return count * size;
  }

  /** Merge every run into one (fastest look-ups), then VACUUM. */
  async vacuum(): Promise<void> {
    if (!this.legacy) this.mergeAll();
    pragma(this.db, 'wal_checkpoint(TRUNCATE)');
    this.db.exec('VACUUM');
    pragma(this.db, 'wal_checkpoint(TRUNCATE)');
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
