/**
 * `report --db`: the Report of stored results. The per-article stages are
 * read back from the database; the corpus stages (reuse between articles,
 * origin, scores, stories, claims, graph) run again over the selected articles,
 * as `analyze` runs them over its inputs. So the Report is the one `analyze`
 * gives for the same inputs in the same order, byte for byte (test/queue.test.ts).
 */
import { createIdAllocator, finishReport, reuseArticles } from '../analyze.js';
import { loadLexicons } from '../lexicon/load.js';
import type { RawDocument, Report } from '../types.js';
import { analyzeReuseWithStore } from '../store/query.js';
import type { ReferenceStore } from '../store/reference-store.js';
import type { PgResults } from './pg-results.js';

export interface StoredReportOptions {
  /** One enqueued batch; all stored articles (each once) when absent. */
  batch?: string;
  references?: RawDocument[];
  /** A reference index (`--index`) instead of `references`. */
  index?: ReferenceStore;
  lexiconDirs?: string[];
}

export async function reportFromResults(results: PgResults, options: StoredReportOptions = {}): Promise<Report> {
  const lexicons = loadLexicons({ userDirs: options.lexiconDirs });
  const { analyzed, errors } = await results.load(options.batch);
  // Ids are given over the whole selection, in input order, as `analyze` gives them.
  const nextId = createIdAllocator();
  const articles = analyzed.map((a) => ({ ...a, id: nextId(a.extracted.file) }));
  const stored = options.index ? await analyzeReuseWithStore(reuseArticles(articles), options.index) : undefined;
  return finishReport(articles, { references: options.references }, errors, lexicons, stored);
}
