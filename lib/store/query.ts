/**
 * The reference index, engine-independent: what goes into a store
 * (prepareReference) and how articles are matched against it
 * (analyzeReuseWithStore). Every decision that shapes results is made here, the
 * same way lib/reuse/index.ts makes it in memory, so that `analyze --index F`
 * and `analyze --reference <the same documents>` give the same Report bytes:
 *
 * - The corpus is the articles plus every stored document. Its word count picks
 *   the n-gram length as in memory: up to SMALL_CORPUS_MAX_WORDS words, word
 *   trigrams. Such an index is small by definition (at most 200k words, ~1.5 MB
 *   of text), so it is read whole and the in-memory path runs on it unchanged.
 *   Past that size, 5-grams (the stored postings) and LARGE_CORPUS_MIN_SHARED.
 * - An n-gram's document frequency counts articles and stored documents
 *   together; one in more than maxDf documents proposes no pair. The store is
 *   asked for at most maxDf + 1 postings per n-gram, so a phrase carried by a
 *   million stored documents costs one bounded read.
 * - Pairs are article-article and article-reference (never reference-reference,
 *   as wantPair says in memory); a pair sharing at least minShared rare n-grams
 *   is a candidate. Only candidate documents are fetched.
 * - Stored documents keep their insertion order (ordinal), which is the order
 *   `--reference` would list them in when given in the order they were added.
 */
import { createHash } from 'node:crypto';
import { DEFAULT_MAX_DF, type Candidate } from '../reuse/candidates.js';
import {
  analyzeReuse,
  INDEX_N,
  LARGE_CORPUS_MIN_SHARED,
  prepareDocument,
  reuseFromCandidates,
  SMALL_CORPUS_MAX_WORDS,
  type ReuseDocument,
  type ReuseOptions,
  type ReuseResult,
} from '../reuse/index.js';
import { ngramHashes, tokenize } from '../reuse/tokenize.js';
import { INDEX_GRAM_N, type PreparedReference, type ReferenceStore, type StoredReference } from './reference-store.js';

/** Hashes asked of the store per call, and documents fetched per call (bounded memory per round trip). */
const LOOKUP_CHUNK = 20_000;
const FETCH_CHUNK = 500;
/** Keys for pair counts: article indexes and ordinals packed into one safe integer. */
const ARTICLE_SPACE = 2 ** 20;
const ORDINAL_SPACE = 2 ** 32;

if (INDEX_GRAM_N !== INDEX_N) throw new Error(`reference index: stored ${INDEX_GRAM_N}-grams, but lib/reuse uses ${INDEX_N}-grams for large corpora`);

/** Distinct INDEX_GRAM_N-gram hashes of a text, ascending. */
export function referenceGrams(text: string): Uint32Array {
  const tokens = tokenize(text);
  return distinctSorted(ngramHashes(tokens.hashes, tokens.count, INDEX_GRAM_N));
}

/** A document's text made ready for ReferenceStore.add. */
export function prepareReference(file: string, text: string): PreparedReference {
  const tokens = tokenize(text);
  return {
    file,
    text,
    contentHash: createHash('sha256').update(text).digest('hex'),
    words: tokens.count,
    grams: distinctSorted(ngramHashes(tokens.hashes, tokens.count, INDEX_GRAM_N)),
  };
}

function distinctSorted(hashes: Uint32Array): Uint32Array {
  const sorted = Uint32Array.from(hashes).sort();
  let m = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[m++] = sorted[i];
  return sorted.slice(0, m);
}

function asReuseDocument(doc: StoredReference): ReuseDocument {
  // As finishReport names a `--reference` document: by its path, for id and file.
  return { id: doc.file, file: doc.file, text: doc.text, reference: true };
}

/**
 * analyzeReuse(articles + the store's documents), reading from the store only
 * what the candidate look-up needs. `articles` are the input articles (not references).
 */
export async function analyzeReuseWithStore(articles: ReuseDocument[], store: ReferenceStore, options: ReuseOptions = {}): Promise<ReuseResult> {
  if (options.indexN !== undefined) throw new Error('reference index: indexN cannot be overridden with a stored index');
  const stats = await store.stats();
  if (stats.documents === 0) return analyzeReuse(articles, options);
  const prepared = articles.map(prepareDocument);
  let articleWords = 0;
  for (const p of prepared) articleWords += p.tokens.count;
  if (articleWords + stats.words <= SMALL_CORPUS_MAX_WORDS) {
    // Word trigrams, as in memory: the index is small, read it whole.
    const stored = await store.fetchAll();
    return analyzeReuse([...articles, ...stored.map(asReuseDocument)], options);
  }

  const maxDf = options.maxDf ?? DEFAULT_MAX_DF;
  const minShared = options.minShared ?? LARGE_CORPUS_MIN_SHARED;
  // n-gram -> the articles that have it (ascending: articles are visited in order).
  const articlesOf = new Map<number, number[]>();
  prepared.forEach((p, a) => {
    for (const h of distinctSorted(ngramHashes(p.tokens.hashes, p.tokens.count, INDEX_N))) {
      const list = articlesOf.get(h);
      if (list) list.push(a);
      else articlesOf.set(h, [a]);
    }
  });
  // Already too common among the articles alone: no need to ask the store.
  const asked = Uint32Array.from([...articlesOf].filter(([, list]) => list.length <= maxDf).map(([h]) => h)).sort();

  const articlePairs = new Map<number, number>();
  const referencePairs = new Map<number, number>();
  const count = (pairs: Map<number, number>, key: number) => pairs.set(key, (pairs.get(key) ?? 0) + 1);
  for (let from = 0; from < asked.length; from += LOOKUP_CHUNK) {
    const chunk = asked.subarray(from, from + LOOKUP_CHUNK);
    const postings = await store.lookup(chunk, maxDf + 1);
    for (const h of chunk) {
      const arts = articlesOf.get(h)!;
      const refs = postings.get(h) ?? [];
      const df = arts.length + refs.length;
      if (df < 2 || df > maxDf) continue;
      for (let x = 0; x < arts.length; x++) {
        for (let y = x + 1; y < arts.length; y++) count(articlePairs, arts[x] * ARTICLE_SPACE + arts[y]);
        for (const r of refs) count(referencePairs, arts[x] * ORDINAL_SPACE + r);
      }
    }
  }
  // n-grams too common among the articles still count toward nothing, as in memory.

  const wanted = new Set<number>();
  for (const [key, shared] of referencePairs) if (shared >= minShared) wanted.add(key % ORDINAL_SPACE);
  const ordinals = [...wanted].sort((x, y) => x - y);
  const fetched: StoredReference[] = [];
  for (let from = 0; from < ordinals.length; from += FETCH_CHUNK) fetched.push(...(await store.fetch(ordinals.slice(from, from + FETCH_CHUNK))));
  fetched.sort((x, y) => x.ordinal - y.ordinal);
  // A document removed between look-up and fetch is simply not there: local indexes follow what was fetched.
  const localIndex = new Map<number, number>();
  fetched.forEach((doc, i) => localIndex.set(doc.ordinal, prepared.length + i));

  const candidates: Candidate[] = [];
  for (const [key, shared] of articlePairs) {
    if (shared < minShared) continue;
    const a = Math.floor(key / ARTICLE_SPACE);
    candidates.push({ a, b: key - a * ARTICLE_SPACE, shared });
  }
  for (const [key, shared] of referencePairs) {
    if (shared < minShared) continue;
    const a = Math.floor(key / ORDINAL_SPACE);
    const b = localIndex.get(key - a * ORDINAL_SPACE);
    if (b !== undefined) candidates.push({ a, b, shared });
  }
  candidates.sort((x, y) => x.a - y.a || x.b - y.b);
  const all = [...prepared, ...fetched.map((doc) => prepareDocument(asReuseDocument(doc)))];
  return reuseFromCandidates(all, candidates, true, options);
}
