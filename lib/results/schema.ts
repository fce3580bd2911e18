/**
 * The PostgreSQL schema for stored results: tables a researcher can query with
 * plain SQL, created and migrated by the tool itself (`migrate`), never by hand.
 *
 * Keys are content hashes (`doc_hash`: sha256 of the input document as read,
 * see lib/results/doc-hash.ts), so writing the same document twice, from a
 * retried job or from two workers racing, leaves one row.
 *
 * - articles       one row per analyzed document: metadata, origin and scores
 *                  as columns, plus the per-article analysis (`analysis`, what
 *                  `report --db` rebuilds the corpus layer from) and the
 *                  ArticleReport of the article analyzed alone (`report`).
 *                  Both are `json`, not `jsonb`: jsonb reorders keys, and the
 *                  Report must come back byte for byte.
 * - inputs         which documents an enqueued batch holds, in input order
 *                  (`part`: the enqueue run, `seq`: the position in it); the
 *                  same document may be in several batches, once in each.
 * - input_errors   inputs that could not be read or analyzed.
 * - attributions   one row per attribution (who is quoted, type, country, cue).
 * - origins        the documents an article's text was found in (origin.sources).
 * - reuse_pairs    shared passages between an article and a reference document.
 */
import type { PoolClient } from 'pg';

/** Each entry moves the schema one version up; append only, never edit a shipped step. */
export const MIGRATIONS: string[][] = [
  [
    `CREATE TABLE articles (
       doc_hash text PRIMARY KEY,
       file text NOT NULL,
       title text,
       url text,
       published text,
       crawl_date text,
       publisher text,
       publisher_kind text,
       publisher_country text,
       body_chars integer NOT NULL,
       origin_kind text NOT NULL,
       origin_agency text,
       derivation text NOT NULL,
       coverage double precision NOT NULL,
       credit_stripped boolean NOT NULL,
       truncated boolean NOT NULL,
       attribution_count integer NOT NULL,
       state_reliance double precision,
       anonymity double precision,
       one_sidedness double precision,
       wire_dependence double precision,
       unattributed_claims double precision,
       tool_version text NOT NULL,
       analysis json NOT NULL,
       report json NOT NULL
     )`,
    `CREATE INDEX articles_derivation ON articles (derivation)`,
    `CREATE INDEX articles_publisher ON articles (publisher)`,
    `CREATE TABLE inputs (
       batch text NOT NULL,
       seq bigint NOT NULL,
       file text NOT NULL,
       doc_hash text NOT NULL REFERENCES articles (doc_hash) ON DELETE CASCADE,
       PRIMARY KEY (batch, seq)
     )`,
    `CREATE INDEX inputs_doc_hash ON inputs (doc_hash)`,
    `CREATE TABLE input_errors (
       batch text NOT NULL,
       file text NOT NULL,
       message text NOT NULL,
       PRIMARY KEY (batch, file, message)
     )`,
    `CREATE TABLE attributions (
       doc_hash text NOT NULL REFERENCES articles (doc_hash) ON DELETE CASCADE,
       attribution_id text NOT NULL,
       zone text NOT NULL,
       source_text text NOT NULL,
       canonical text NOT NULL,
       source_type text NOT NULL,
       identity text NOT NULL,
       countries text[] NOT NULL,
       cue text NOT NULL,
       cue_lemma text NOT NULL,
       cue_form text NOT NULL,
       quote text NOT NULL,
       via text,
       told_to text,
       channel text,
       rule_id text NOT NULL,
       start_offset integer NOT NULL,
       end_offset integer NOT NULL,
       sentence text NOT NULL,
       PRIMARY KEY (doc_hash, attribution_id)
     )`,
    `CREATE INDEX attributions_canonical ON attributions (canonical)`,
    `CREATE INDEX attributions_type ON attributions (source_type)`,
    `CREATE TABLE origins (
       doc_hash text NOT NULL REFERENCES articles (doc_hash) ON DELETE CASCADE,
       rank integer NOT NULL,
       source_file text NOT NULL,
       coverage double precision NOT NULL,
       PRIMARY KEY (doc_hash, rank)
     )`,
    `CREATE INDEX origins_source ON origins (source_file)`,
    `CREATE TABLE reuse_pairs (
       doc_hash text NOT NULL REFERENCES articles (doc_hash) ON DELETE CASCADE,
       a text NOT NULL,
       b text NOT NULL,
       coverage_a double precision NOT NULL,
       coverage_b double precision NOT NULL,
       passages json NOT NULL,
       PRIMARY KEY (doc_hash, a, b)
     )`,
  ],
  // 2: several enqueue runs may fill one batch; an input is keyed by its content within the batch.
  [
    `ALTER TABLE inputs ADD COLUMN part bigint NOT NULL DEFAULT 0`,
    `ALTER TABLE inputs DROP CONSTRAINT inputs_pkey`,
    `ALTER TABLE inputs ADD PRIMARY KEY (batch, doc_hash)`,
    `CREATE INDEX inputs_order ON inputs (batch, part, seq)`,
  ],
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Any fixed number: the advisory lock that serializes migrations across processes. */
const MIGRATION_LOCK = 0x5eed7ace;

/**
 * Bring the schema up to SCHEMA_VERSION. Safe when many workers start at
 * once: an advisory lock makes them take turns, and each step runs in the
 * transaction that records it. Refuses a database made by a newer version.
 */
export async function migrate(client: PoolClient): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS sourcetrace_schema (component text PRIMARY KEY, version integer NOT NULL)');
    const row = await client.query<{ version: number }>(`SELECT version FROM sourcetrace_schema WHERE component = 'results'`);
    const current = row.rows[0]?.version ?? 0;
    if (current > SCHEMA_VERSION)
      throw new Error(`the database holds results schema version ${current}; this sourcetrace knows up to ${SCHEMA_VERSION} (upgrade sourcetrace)`);
    for (let v = current; v < SCHEMA_VERSION; v++) for (const statement of MIGRATIONS[v]) await client.query(statement);
    await client.query(
      `INSERT INTO sourcetrace_schema (component, version) VALUES ('results', $1)
       ON CONFLICT (component) DO UPDATE SET version = EXCLUDED.version`,
      [SCHEMA_VERSION],
    );
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
