/**
 * The pipeline: documents in, Report out. Each stage lives in its own folder;
 * this module only wires them together in the order DESIGN.md gives.
 */
import { findAttributions } from './attribution/index.js';
import { extractArticle } from './extract/index.js';
import { loadLexicons, type LexiconSet } from './lexicon/load.js';
import { annotate } from './nlp/index.js';
import { buildOrigin } from './reuse/origin.js';
import { analyzeReuse } from './reuse/index.js';
import { buildReport, type AnalyzedArticle } from './report/build.js';
import { scoreArticle } from './score/index.js';
import type { ArticleReport, InputError, RawDocument, Report } from './types.js';

export interface AnalyzeOptions {
  /** Extra lexicon directories (`--lexicons DIR`), on top of the bundled ones. */
  lexiconDirs?: string[];
  /** Candidate source documents (a wire feed), not analyzed as articles. */
  references?: RawDocument[];
  /** Input problems found before analysis (unreadable files), carried into the Report. */
  errors?: InputError[];
}

/** Analyze a single document: extraction, NLP and the per-article detectors. */
export function analyzeDocument(doc: RawDocument, lexicons: LexiconSet, id: string): AnalyzedArticle {
  const extracted = extractArticle(doc, lexicons);
  const nlpDoc = annotate(extracted.body.text);
  const found = findAttributions(extracted, nlpDoc, lexicons);
  return { id, extracted, ...found };
}

/** Ids are the file's base name; duplicates get -2, -3 in input order. */
export function articleIds(files: string[]): string[] {
  const used = new Map<string, number>();
  return files.map((file) => {
    const base = (file.split(/[\\/]/).pop() ?? file).replace(/\.[^.]+$/, '') || 'article';
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  });
}

/** Analyze documents as one corpus and build the Report. */
export function analyze(documents: RawDocument[], options: AnalyzeOptions = {}): Report {
  const lexicons = loadLexicons({ userDirs: options.lexiconDirs });
  const errors: InputError[] = [...(options.errors ?? [])];
  const ids = articleIds(documents.map((d) => d.file));
  const analyzed: AnalyzedArticle[] = [];
  documents.forEach((doc, i) => {
    try {
      analyzed.push(analyzeDocument(doc, lexicons, ids[i]));
    } catch (e) {
      // One bad document never sinks the run.
      errors.push({ file: doc.file, message: `analysis failed: ${(e as Error).message}` });
    }
  });

  const references = (options.references ?? []).map((doc, i) => {
    const extracted = extractArticle(doc, lexicons);
    return { id: `ref:${i}`, file: doc.file, text: extracted.body.text, reference: true };
  });
  const reuse = analyzeReuse([
    ...analyzed.map((a) => ({ id: a.id, file: a.extracted.file, text: a.extracted.body.text, reference: false })),
    ...references,
  ]);

  const articles: ArticleReport[] = analyzed.map((a) => {
    const base = {
      id: a.id,
      file: a.extracted.file,
      title: a.extracted.title,
      url: a.extracted.url,
      crawlDate: a.extracted.crawlDate,
      published: a.extracted.published,
      byline: a.extracted.byline,
      dateline: a.extracted.dateline,
      publisher: a.extracted.publisher,
      body: a.extracted.body,
      origin: buildOrigin(a.extracted, reuse.derivations.get(a.id), { references: references.length > 0 }),
      attributions: a.attributions,
      unattributed: a.unattributed,
      findings: a.findings,
    };
    return { ...base, scores: scoreArticle(base) };
  });
  return buildReport({ articles, pairs: reuse.pairs, errors, lexicons });
}
