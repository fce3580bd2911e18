/**
 * The pipeline: documents in, Report out. Each stage lives in its own folder;
 * this module only wires them together in the order DESIGN.md gives:
 *
 *   per article (any order, any thread):  extract -> nlp -> attribution   (analyzeDocument)
 *   once over all articles:               reuse/corpus -> origin -> scores -> report   (finishReport)
 *
 * `analyze` runs everything in this thread over an array; `analyzeStream`
 * reads documents as they come and spreads the per-article stage over worker
 * threads (`jobs`), keeping results in input order so the Report is the same
 * byte for byte whatever the number of workers.
 */
import { availableParallelism } from 'node:os';
import { findAttributions } from './attribution/index.js';
import { extractHtml } from './extract/html.js';
import { extractArticle } from './extract/index.js';
import { extractionFindings } from './extract/findings.js';
import { loadLexicons, type LexiconSet } from './lexicon/load.js';
import { annotate } from './nlp/index.js';
import { buildOrigin, markerOrigin } from './reuse/origin.js';
import { analyzeReuse, type ReuseDocument, type ReuseResult } from './reuse/index.js';
import { referenceText } from './reuse/reference.js';
import { buildReport, type AnalyzedArticle } from './report/build.js';
import { scoreArticle, type ScoreContext } from './score/index.js';
import type { ArticleReport, InputError, InputItem, Origin, RawDocument, Report, ReusePair } from './types.js';
import { WorkerPool, type TaskItem } from './workers/pool.js';
import type { CorpusPrep } from './corpus/index.js';
import { PARALLEL_MIN_ARTICLES, startCorpusPrep, startPairWorkers, type PairWorkers } from './corpus/parallel.js';
import { SentenceIndexBuilder } from './corpus/claims.js';
import type { StoryArticle } from './corpus/stories.js';
import { analyzeReuseWithStore } from './store/query.js';
import type { ReferenceStore } from './store/reference-store.js';

export interface AnalyzeOptions {
  /** Extra lexicon directories (`--lexicons DIR`), on top of the bundled ones. */
  lexiconDirs?: string[];
  /** Candidate source documents (a wire feed), not analyzed as articles. */
  references?: RawDocument[];
  /** Input problems found before analysis (unreadable files), carried into the Report. */
  errors?: InputError[];
}

export interface StreamOptions extends AnalyzeOptions {
  /** Worker threads for the per-article stage; 0 runs it in this thread (no time limit then). Default: the number of cores. */
  jobs?: number;
  /** Milliseconds one article may take before it is abandoned as an error entry (workers only). */
  timeLimitMs?: number;
  /** Called after each input item is settled (analyzed, or an error). */
  onProgress?: (state: { done: number; errors: number }) => void;
  /** A lasting reference index (`--index`): its documents are the references, read only as candidates need them. */
  index?: ReferenceStore;
  /**
   * Workers the caller started early (their start-up overlapping its own);
   * used instead of `jobs` new ones and closed at the end, like the pool made here.
   */
  pool?: WorkerPool;
}

/** Default per-article time limit: far above any real article (a long one takes well under a second). */
export const DEFAULT_TIME_LIMIT_MS = 30_000;

/**
 * Where a batch of input starts depends on the input alone: after
 * BATCH_MAX_DOCS articles or BATCH_MAX_CHARS characters (the queue's jobs,
 * lib/queue/jobs.ts). Results never depend on batches: every text is read by
 * the NLP stage as from its pristine state (lib/nlp).
 */
export const BATCH_MAX_DOCS = 200;
export const BATCH_MAX_CHARS = 2_000_000;

/**
 * Batches for the worker threads: big enough that messaging costs little,
 * small enough that work spreads evenly over the workers to the end.
 */
export const POOL_BATCH = { docs: 16, chars: 256_000 };

/** Says, document by document, whether it opens a new batch. */
export function createBatcher(limits: { docs: number; chars: number } = { docs: BATCH_MAX_DOCS, chars: BATCH_MAX_CHARS }): (doc: RawDocument) => boolean {
  let docs = 0;
  let chars = 0;
  return (doc) => {
    const opens = docs === 0 || docs >= limits.docs || chars >= limits.chars;
    if (opens) {
      docs = 0;
      chars = 0;
    }
    docs++;
    chars += doc.content.length;
    return opens;
  };
}

export function defaultJobs(): number {
  return availableParallelism();
}

/** Page to article: HTML pages through the HTML extractor, text through the text extractor. */
export function extractDocument(doc: RawDocument, lexicons: LexiconSet) {
  return doc.format === 'html' ? extractHtml(doc, lexicons) : extractArticle(doc, lexicons);
}

/** Analyze a single document: extraction, NLP and the per-article detectors. */
export function analyzeDocument(doc: RawDocument, lexicons: LexiconSet, id: string): AnalyzedArticle {
  const extracted = extractDocument(doc, lexicons);
  const nlpDoc = annotate(extracted.body.text);
  const found = findAttributions(extracted, nlpDoc, lexicons);
  return { id, extracted, ...found, findings: [...extractionFindings(extracted), ...found.findings] };
}

/**
 * Ids are the file's base name without extension; a record inside a container
 * (`crawl.warc.gz#12`, `feed.jsonl#3`) gets its number appended (`crawl-12`).
 * Duplicates get -2, -3 in input order. Incremental, for streaming.
 */
export function createIdAllocator(): (file: string) => string {
  const used = new Map<string, number>();
  return (file) => {
    const hash = file.lastIndexOf('#');
    const path = hash >= 0 ? file.slice(0, hash) : file;
    const record = hash >= 0 ? file.slice(hash + 1) : '';
    let base = (path.split(/[\\/]/).pop() ?? path).replace(/(\.[^.]+)?\.gz$/i, '').replace(/\.[^.]+$/, '') || 'article';
    if (record) base = `${base}-${record}`;
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  };
}

export function articleIds(files: string[]): string[] {
  return files.map(createIdAllocator());
}

/**
 * The once-over-all stages: reuse across the corpus, origin, scores, the
 * Report. `corpus`: the corpus stage's costly part, done ahead for these
 * articles (startCorpusPrep).
 */
export function finishReport(analyzed: AnalyzedArticle[], options: AnalyzeOptions, errors: InputError[], lexicons: LexiconSet, storedReuse?: ReuseResult, corpus?: CorpusPrep): Report {
  const { articles, pairs } = reportArticles(analyzed, options, lexicons, storedReuse);
  return buildReport({ articles, pairs, errors, lexicons, corpus });
}

/** Reuse across the corpus, then each article's origin and scores. */
function reportArticles(analyzed: AnalyzedArticle[], options: AnalyzeOptions, lexicons: LexiconSet, storedReuse?: ReuseResult): { articles: ArticleReport[]; pairs: ReusePair[] } {
  // A reference is named by its path in corpus.reuse and origin.sources.
  const references = (options.references ?? []).map((doc) => ({ id: doc.file, file: doc.file, text: referenceText(doc, lexicons), reference: true }));
  const reuse = storedReuse ?? analyzeReuse([...reuseArticles(analyzed), ...references]);

  // Each article's scores read only the reuse pairs naming it (by id or file): looked
  // up here, in the pairs' order, instead of every article scanning every pair.
  const pairsNaming = new Map<string, number[]>();
  reuse.pairs.forEach((pair, k) => {
    for (const name of new Set([pair.a, pair.b])) {
      const list = pairsNaming.get(name);
      if (list) list.push(k);
      else pairsNaming.set(name, [k]);
    }
  });
  const pairsOf = (id: string, file: string) => {
    const ks = id === file ? (pairsNaming.get(id) ?? []) : [...new Set([...(pairsNaming.get(id) ?? []), ...(pairsNaming.get(file) ?? [])])].sort((x, y) => x - y);
    return ks.map((k) => reuse.pairs[k]);
  };

  // Without a feed, a source article counts as wire when its own credits say so.
  const wireFiles = new Set(analyzed.filter((a) => markerOrigin(a.extracted).kind === 'wire').map((a) => a.extracted.file));
  const articles: ArticleReport[] = analyzed.map((a) => {
    const text = reuse.derivations.get(a.id);
    const origin = buildOrigin(a.extracted, text, text !== undefined && (text.fromReferences || text.sources.some((s) => wireFiles.has(s.file))));
    return articleReport(a, origin, { reuse: pairsOf(a.id, a.extracted.file) });
  });
  return { articles, pairs: reuse.pairs };
}

/** An analyzed article as the corpus stage reads it (the same objects its ArticleReport will hold). */
function storyArticle(a: AnalyzedArticle): StoryArticle {
  const e = a.extracted;
  return { id: a.id, file: e.file, title: e.title, body: e.body, published: e.published, crawlDate: e.crawlDate, attributions: a.attributions, unattributed: a.unattributed };
}

/** One article's part of the Report: what it says, where its text came from, and its scorecard. */
export function articleReport(a: AnalyzedArticle, origin: Origin, context: ScoreContext = {}): ArticleReport {
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
    origin,
    attributions: a.attributions,
    unattributed: a.unattributed,
    findings: a.findings,
  };
  return { ...base, scores: scoreArticle(base, context) };
}

/** The articles as the reuse stage sees them. */
export function reuseArticles(analyzed: AnalyzedArticle[]): ReuseDocument[] {
  return analyzed.map((a) => ({ id: a.id, file: a.extracted.file, text: a.extracted.body.text, reference: false }));
}

/** Analyze documents as one corpus and build the Report (in this thread). */
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
  return finishReport(analyzed, options, errors, lexicons);
}

/**
 * Analyze a stream of documents and errors (from lib/ingest/sources.ts) as one
 * corpus. Reading is paced by the workers: at most one batch per worker plus
 * the one being filled are in memory, so raw input never piles up; what is
 * kept per article is its analysis, which the Report holds anyway.
 */
export async function analyzeStream(items: AsyncIterable<InputItem>, options: StreamOptions = {}): Promise<Report> {
  const lexicons = loadLexicons({ userDirs: options.lexiconDirs });
  const errors: InputError[] = [...(options.errors ?? [])];
  const nextId = createIdAllocator();
  const slots: (AnalyzedArticle | null)[] = [];
  let done = 0;
  const settle = () => options.onProgress?.({ done: ++done, errors: errors.length });
  const jobs = options.pool?.size ?? options.jobs ?? defaultJobs();
  let pairWorkers: PairWorkers | undefined;
  // The corpus stage's per-article part (each body's words and claim sentences) is
  // done as articles settle, in input order, while the workers analyze the rest.
  const sentences = new SentenceIndexBuilder();
  let indexed = 0;
  const settled: boolean[] = [];
  const indexSettled = () => {
    for (; indexed < slots.length && settled[indexed]; indexed++) {
      const a = slots[indexed];
      if (a) sentences.add(storyArticle(a));
    }
  };

  if (jobs <= 0) {
    for await (const item of items) {
      if (item.kind === 'error') errors.push(item.error);
      else {
        try {
          const a = analyzeDocument(item.doc, lexicons, nextId(item.doc.file));
          slots.push(a);
          sentences.add(storyArticle(a));
        } catch (e) {
          errors.push({ file: item.doc.file, message: `analysis failed: ${(e as Error).message}` });
        }
      }
      settle();
    }
  } else {
    const pool = options.pool ?? new WorkerPool({ size: jobs, lexiconDirs: options.lexiconDirs, timeLimitMs: options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS });
    const finished: Promise<void>[] = [];
    const files = new Map<number, string>();
    const onResult = (r: { seq: number; ok: true; article: AnalyzedArticle } | { seq: number; ok: false; message: string }) => {
      if (r.ok) slots[r.seq] = r.article;
      else errors.push({ file: files.get(r.seq)!, message: r.message });
      files.delete(r.seq);
      settled[r.seq] = true;
      indexSettled();
      settle();
    };
    const opensBatch = createBatcher(POOL_BATCH);
    let batch: TaskItem[] = [];
    const send = async () => {
      if (!batch.length) return;
      const taken = batch;
      batch = [];
      finished.push((await pool.submit(taken, onResult)).finished);
    };
    try {
      for await (const item of items) {
        if (item.kind === 'error') {
          errors.push(item.error);
          settle();
          continue;
        }
        if (opensBatch(item.doc)) await send();
        const seq = slots.length;
        slots.push(null);
        // The corpus stage will run its pair loop in threads: start them while articles are analyzed.
        if (jobs >= 2 && seq + 1 === PARALLEL_MIN_ARTICLES) pairWorkers = startPairWorkers(jobs);
        files.set(seq, item.doc.file);
        batch.push({ seq, id: nextId(item.doc.file), doc: item.doc });
      }
      await send();
      await Promise.all(finished);
    } finally {
      await pool.close();
    }
  }
  const analyzed = slots.filter((a): a is AnalyzedArticle => a !== null);
  if (options.index && options.references?.length) throw new Error('references come from --reference or from an index, not both');
  // With threads to spare and a corpus of 500+ articles, the story pair loop runs
  // in worker threads while this thread finds reuse and scores the articles.
  indexSettled();
  const pendingCorpus = jobs >= 2 && analyzed.length >= PARALLEL_MIN_ARTICLES ? startCorpusPrep(analyzed.map(storyArticle), jobs, sentences.index, pairWorkers) : null;
  pairWorkers?.discard();
  const storedReuse = options.index ? await analyzeReuseWithStore(reuseArticles(analyzed), options.index) : undefined;
  const { articles, pairs } = reportArticles(analyzed, options, lexicons, storedReuse);
  const corpus = pendingCorpus ? await pendingCorpus : { index: sentences.index };
  return buildReport({ articles, pairs, errors, lexicons, corpus });
}
