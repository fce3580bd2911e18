/**
 * Analysis results in PostgreSQL (schema in ./schema.ts). Writes are
 * idempotent: an article is inserted with its attributions, origins and reuse
 * pairs in one transaction, or not at all when its doc_hash is already there,
 * so a retried job or a second worker on the same document adds nothing.
 */
import type pg from 'pg';
import type { AnalyzedArticle } from '../report/build.js';
import type { ArticleReport, InputError, ReusePair } from '../types.js';
import { TOOL_VERSION } from '../version.js';
import { inTransaction, openPool } from './connect.js';
import { migrate } from './schema.js';

/** One analyzed input, ready to store. */
export interface ResultRecord {
  docHash: string;
  /** The enqueued batch it belongs to, the enqueue run, and its position in that run (input order). */
  batch: string;
  part: number;
  seq: number;
  /** The per-article stages' output (what `report --db` rebuilds a corpus from). */
  analyzed: AnalyzedArticle;
  /** The article's report as analyzed alone (or against a reference index). */
  report: ArticleReport;
  /** Shared passages with reference documents (corpus.reuse of the article analyzed against its references). */
  pairs?: ReusePair[];
}

export interface BatchError extends InputError {
  batch: string;
}

export interface WriteOutcome {
  /** Articles written now. */
  inserted: number;
  /** Articles that were already stored (a retry, or another worker got there first). */
  existing: number;
}

function countries(country: string | string[] | null): string[] {
  return country === null ? [] : Array.isArray(country) ? country : [country];
}

export class PgResults {
  private constructor(readonly pool: pg.Pool) {}

  /** Connect and bring the schema up to date. */
  static async open(url: string, options: { max?: number; onError?: (e: Error) => void } = {}): Promise<PgResults> {
    const pool = openPool(url, options);
    try {
      // A cut connection's 'error' is heard by openPool's listener; the migration's query rejects, and that is the error reported.
      const client = await pool.connect();
      try {
        await migrate(client);
      } finally {
        client.release();
      }
    } catch (e) {
      await pool.end().catch(() => undefined);
      throw e;
    }
    return new PgResults(pool);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** Store a job's results in one transaction (all or nothing, so a killed worker leaves no half job). */
  async write(records: ResultRecord[], errors: BatchError[] = []): Promise<WriteOutcome> {
    return inTransaction(this.pool, async (client) => {
      let inserted = 0;
      for (const r of records) {
        if (await this.insertArticle(client, r)) inserted++;
        await client.query(
          `INSERT INTO inputs (batch, part, seq, file, doc_hash) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (batch, doc_hash) DO NOTHING`,
          [r.batch, r.part, r.seq, r.analyzed.extracted.file, r.docHash],
        );
      }
      for (const e of errors)
        await client.query(`INSERT INTO input_errors (batch, file, message) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [e.batch, e.file, e.message]);
      return { inserted, existing: records.length - inserted };
    });
  }

  private async insertArticle(client: pg.PoolClient, r: ResultRecord): Promise<boolean> {
    const a = r.report;
    const s = a.scores;
    const res = await client.query(
      `INSERT INTO articles (doc_hash, file, title, url, published, crawl_date, publisher, publisher_kind, publisher_country,
         body_chars, origin_kind, origin_agency, derivation, coverage, credit_stripped, truncated, attribution_count,
         state_reliance, anonymity, one_sidedness, wire_dependence, unattributed_claims, tool_version, analysis, report)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25)
       ON CONFLICT (doc_hash) DO NOTHING`,
      [
        r.docHash, a.file, a.title, a.url, a.published, a.crawlDate, a.publisher?.name ?? null, a.publisher?.kind ?? null, a.publisher?.country ?? null,
        a.body.text.length, a.origin.kind, a.origin.agency, a.origin.derivation, a.origin.coverage, a.origin.creditStripped, a.origin.truncated,
        a.attributions.length, s.stateReliance.value, s.anonymity.value, s.oneSidedness.value, s.wireDependence.value, s.unattributedClaims.value,
        TOOL_VERSION, JSON.stringify(r.analyzed), JSON.stringify(a),
      ],
    );
    if (res.rowCount !== 1) return false;
    if (a.attributions.length)
      await client.query(
        `INSERT INTO attributions
         SELECT $1, x.id, x.zone, x.source_text, x.canonical, x.source_type, x.identity, ARRAY(SELECT json_array_elements_text(x.countries)),
                x.cue, x.cue_lemma, x.cue_form, x.quote, x.via, x.told_to, x.channel, x.rule_id, x.start_offset, x.end_offset, x.sentence
         FROM json_to_recordset($2::json) AS x(id text, zone text, source_text text, canonical text, source_type text, identity text,
              countries json, cue text, cue_lemma text, cue_form text, quote text, via text, told_to text, channel text, rule_id text,
              start_offset integer, end_offset integer, sentence text)`,
        [
          r.docHash,
          JSON.stringify(
            a.attributions.map((t) => ({
              id: t.id, zone: t.zone, source_text: t.source.text, canonical: t.source.canonical, source_type: t.source.type,
              identity: t.source.identity, countries: countries(t.source.country), cue: t.cue.text, cue_lemma: t.cue.lemma,
              cue_form: t.cue.form, quote: t.quote, via: t.via, told_to: t.toldTo, channel: t.channel, rule_id: t.ruleId,
              start_offset: t.source.start, end_offset: t.source.end, sentence: t.sentence.text,
            })),
          ),
        ],
      );
    if (a.origin.sources.length)
      await client.query(
        `INSERT INTO origins SELECT $1, x.rank, x.file, x.coverage FROM json_to_recordset($2::json) AS x(rank integer, file text, coverage double precision)`,
        [r.docHash, JSON.stringify(a.origin.sources.map((o, rank) => ({ rank, file: o.file, coverage: o.coverage })))],
      );
    for (const p of r.pairs ?? [])
      await client.query(
        `INSERT INTO reuse_pairs (doc_hash, a, b, coverage_a, coverage_b, passages) VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT DO NOTHING`,
        [r.docHash, p.a, p.b, p.coverageA, p.coverageB, JSON.stringify(p.passages)],
      );
    return true;
  }

  /**
   * The stored analyses of one batch in input order (all batches, each
   * document once, when `batch` is not given), with the batch's input errors.
   */
  async load(batch?: string): Promise<{ analyzed: AnalyzedArticle[]; errors: InputError[] }> {
    // `analysis::text` gives the JSON exactly as written (json keeps the text).
    const rows = await this.pool.query<{ doc_hash: string; analysis: string }>(
      batch === undefined
        ? `SELECT i.doc_hash, a.analysis::text AS analysis FROM inputs i JOIN articles a USING (doc_hash) ORDER BY i.batch, i.part, i.seq, i.doc_hash`
        : `SELECT i.doc_hash, a.analysis::text AS analysis FROM inputs i JOIN articles a USING (doc_hash) WHERE i.batch = $1 ORDER BY i.part, i.seq, i.doc_hash`,
      batch === undefined ? [] : [batch],
    );
    const seen = new Set<string>();
    const analyzed: AnalyzedArticle[] = [];
    for (const row of rows.rows) {
      if (seen.has(row.doc_hash)) continue;
      seen.add(row.doc_hash);
      analyzed.push(JSON.parse(row.analysis) as AnalyzedArticle);
    }
    const errs = await this.pool.query<InputError>(
      batch === undefined
        ? `SELECT DISTINCT file, message FROM input_errors ORDER BY file, message`
        : `SELECT file, message FROM input_errors WHERE batch = $1 ORDER BY file, message`,
      batch === undefined ? [] : [batch],
    );
    return { analyzed, errors: errs.rows.map((e) => ({ file: e.file, message: e.message })) };
  }
}
