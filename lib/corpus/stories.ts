/**
 * Stories: articles about the same event. Two articles may join when their
 * content words are similar (tf-idf cosine) or they state the same claims
 * (sentences matched as in shared claims), and they do join when the story's
 * known dates stay within a window, so a follow-up years later on the same
 * topic stays apart. Strongest links are merged first, so an undated article
 * joins the story it resembles most.
 */
import { compareStrings } from '../report/build.js';
import type { ArticleReport, Story } from '../types.js';
import { CLAIM_MIN_SHARED_WORDS, CLAIM_MIN_SIMILARITY, indexSentences, type SentenceIndex } from './claims.js';
import { Vocabulary, candidatePairs, contentWords, tokenize } from './words.js';

/** Cosine similarity of tf-idf vectors above which two articles may share a story. */
export const STORY_MIN_SIMILARITY = 0.25;
/** Below this cosine two articles share too few words to share a claim: not compared sentence by sentence. */
export const STORY_NO_OVERLAP = 0.03;
/** Share of the shorter article's sentences matched in the other above which two articles may share a story. */
export const STORY_MIN_SHARED_SENTENCES = 0.1;
/** Matched sentences that suffice on their own, whatever the articles' length. */
export const STORY_MIN_MATCHED_SENTENCES = 2;
/** Largest span, in days, between the first and last known date of a story. */
export const STORY_DATE_WINDOW_DAYS = 10;
/** Below this many articles every pair is compared; above, only pairs sharing a distinctive word. */
const ALL_PAIRS_UP_TO = 300;
/** Distinctive words per article used to find candidate pairs in a large corpus. */
const INDEX_TERMS = 40;
/** Words shared by more articles than this do not make candidates on their own. */
const MAX_POSTING = 500;
/** Words in a story's label. */
const LABEL_WORDS = 5;

type Vector = Map<string, number>;

export function articleDate(a: Pick<ArticleReport, 'published' | 'crawlDate'>): string | null {
  return a.published ?? a.crawlDate ?? null;
}

function days(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / 86_400_000;
}

function tfidf(docs: string[][]): Vector[] {
  const df = new Map<string, number>();
  for (const words of docs) for (const w of new Set(words)) df.set(w, (df.get(w) ?? 0) + 1);
  return docs.map((words) => {
    const tf = new Map<string, number>();
    for (const w of words) tf.set(w, (tf.get(w) ?? 0) + 1);
    const v: Vector = new Map();
    // Smoothed idf: words every article uses still count a little (a corpus of one story).
    for (const [w, n] of tf) v.set(w, (1 + Math.log(n)) * Math.log(1 + docs.length / (df.get(w) ?? 1)));
    return v;
  });
}

export function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [w, x] of a) {
    na += x * x;
    const y = b.get(w);
    if (y !== undefined) dot += x * y;
  }
  for (const y of b.values()) nb += y * y;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/**
 * A tf-idf vector as term ids and weights in the Map's order, with its
 * squared norm summed in that order: `cosine` on these gives the very same
 * float as `cosine` on the Maps (same additions in the same order).
 */
interface PackedVector {
  ids: Int32Array;
  weights: Float64Array;
  norm2: number;
}

function pack(v: Vector, vocab: Vocabulary): PackedVector {
  const ids = new Int32Array(v.size);
  const weights = new Float64Array(v.size);
  let norm2 = 0;
  let k = 0;
  for (const [w, x] of v) {
    ids[k] = vocab.id(w);
    weights[k++] = x;
    norm2 += x * x;
  }
  return { ids, weights, norm2 };
}

/** Cosine of packed vectors; `dense` is all zeros on entry and on exit (b is spread into it). */
function packedCosine(a: PackedVector, b: PackedVector, dense: Float64Array): number {
  for (let k = 0; k < b.ids.length; k++) dense[b.ids[k]] = b.weights[k];
  let dot = 0;
  // Absent words read 0 and add +0, which leaves the sum unchanged.
  for (let k = 0; k < a.ids.length; k++) dot += a.weights[k] * dense[a.ids[k]];
  for (let k = 0; k < b.ids.length; k++) dense[b.ids[k]] = 0;
  return a.norm2 && b.norm2 ? dot / Math.sqrt(a.norm2 * b.norm2) : 0;
}

/** Term ids of one sentence, sorted, for counting shared words by merging. */
type SortedIds = Int32Array;

/** Same test as `sameClaim` (Dice >= CLAIM_MIN_SIMILARITY, enough shared words) on sorted ids. */
function sameClaimIds(a: SortedIds, b: SortedIds): boolean {
  const total = a.length + b.length;
  // Shared words can be at most the shorter set: skip pairs that cannot pass.
  const need = Math.max(CLAIM_MIN_SHARED_WORDS, CLAIM_MIN_SIMILARITY * total / 2);
  if (Math.min(a.length, b.length) < need) return false;
  let shared = 0;
  let x = 0;
  let y = 0;
  while (x < a.length && y < b.length) {
    if (a[x] === b[y]) {
      shared++;
      x++;
      y++;
    } else if (a[x] < b[y]) x++;
    else y++;
  }
  return (2 * shared) / total >= CLAIM_MIN_SIMILARITY && shared >= CLAIM_MIN_SHARED_WORDS;
}

/** Sentences of the shorter list that state a claim also found in the other list. */
function matchedSentences(a: SortedIds[], b: SortedIds[]): number {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  let matched = 0;
  for (const s of short) if (long.some((t) => sameClaimIds(s, t))) matched++;
  return matched;
}

interface Cluster {
  members: number[];
  min: number | null;
  max: number | null;
}

export function findStories(articles: ArticleReport[], index?: SentenceIndex): Story[] {
  const sentenceIndex = index ?? indexSentences(articles);
  // Title and body words; the body's were read once by the sentence index.
  const words = articles.map((a, i) => {
    const body = sentenceIndex.bodies[i];
    const title = tokenize(a.title ?? '');
    return body && title ? title.words.concat(body.words) : contentWords(`${a.title ?? ''}\n${a.body.text}`);
  });
  const vectors = tfidf(words);
  const packed = vectors.map((v) => pack(v, sentenceIndex.vocab));
  const dense = new Float64Array(sentenceIndex.vocab.size);
  const sentences = sentenceIndex.ids.map((list, i) =>
    list.filter((_, k) => sentenceIndex.byArticle[i][k].words.size > 0).map((ids) => Int32Array.from(ids).sort()),
  );
  const pairs: { i: number; j: number; sim: number }[] = [];
  const top = vectors.map((v) =>
    [...v.entries()]
      .sort((x, y) => y[1] - x[1] || compareStrings(x[0], y[0]))
      .slice(0, INDEX_TERMS)
      .map(([w]) => w),
  );
  for (const [i, j] of candidatePairs(top, { maxPosting: MAX_POSTING, allPairsUpTo: ALL_PAIRS_UP_TO })) {
    const cos = packedCosine(packed[i], packed[j], dense);
    // Sentence matching is the costly part: skip it when the words alone decide.
    if (cos >= STORY_MIN_SIMILARITY) {
      pairs.push({ i, j, sim: cos });
      continue;
    }
    if (cos < STORY_NO_OVERLAP) continue;
    const matched = matchedSentences(sentences[i], sentences[j]);
    const shorter = Math.min(sentences[i].length, sentences[j].length);
    const share = shorter ? matched / shorter : 0;
    if (share >= STORY_MIN_SHARED_SENTENCES || matched >= STORY_MIN_MATCHED_SENTENCES) pairs.push({ i, j, sim: Math.max(cos, share) });
  }
  // Most similar first; ties by position so the result never depends on sort stability.
  pairs.sort((x, y) => y.sim - x.sim || x.i - y.i || x.j - y.j);

  // Union-find over clusters: each root keeps its members and date range;
  // a merge moves the smaller member list into the larger.
  const parent = new Int32Array(articles.length).map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const clusterOf = articles.map((a, i): Cluster => {
    const d = articleDate(a);
    const t = d ? days(d) : null;
    return { members: [i], min: t, max: t };
  });
  for (const { i, j } of pairs) {
    const [ra, rb] = [find(i), find(j)];
    if (ra === rb) continue;
    const [a, b] = [clusterOf[ra], clusterOf[rb]];
    const lo = a.min === null ? b.min : b.min === null ? a.min : Math.min(a.min, b.min);
    const hi = a.max === null ? b.max : b.max === null ? a.max : Math.max(a.max, b.max);
    if (lo !== null && hi !== null && hi - lo > STORY_DATE_WINDOW_DAYS) continue;
    const [root, child] = a.members.length >= b.members.length ? [ra, rb] : [rb, ra];
    const big = clusterOf[root];
    for (const m of clusterOf[child].members) big.members.push(m);
    big.min = lo;
    big.max = hi;
    parent[child] = root;
  }
  for (let i = 0; i < articles.length; i++) clusterOf[i] = clusterOf[find(i)];
  for (const c of new Set(clusterOf)) c.members.sort((x, y) => x - y);

  const clusters = [...new Set(clusterOf)].sort((x, y) => x.members[0] - y.members[0]);
  return clusters.map((c, n) => {
    const dates = c.members.map((m) => articleDate(articles[m])).filter((d): d is string => d !== null).sort(compareStrings);
    return {
      id: `story-${n + 1}`,
      label: label(c.members.map((m) => vectors[m]), c.members.map((m) => `${articles[m].title ?? ''}\n${articles[m].body.text}`)),
      articles: c.members.map((m) => articles[m].id),
      files: c.members.map((m) => articles[m].file),
      firstDate: dates[0] ?? null,
      lastDate: dates[dates.length - 1] ?? null,
    };
  });
}

/** The words with the largest summed weight, preferring words most members use, as first written. */
function label(vectors: Vector[], texts: string[]): string {
  const weight = new Map<string, { sum: number; docs: number }>();
  for (const v of vectors)
    for (const [w, x] of v) {
      const e = weight.get(w) ?? { sum: 0, docs: 0 };
      e.sum += x;
      e.docs += 1;
      weight.set(w, e);
    }
  const top = [...weight.entries()]
    .filter(([w]) => !/^\d+$/.test(w))
    .sort((x, y) => y[1].docs - x[1].docs || y[1].sum - x[1].sum || compareStrings(x[0], y[0]))
    .slice(0, LABEL_WORDS)
    .map(([w]) => w);
  // Show each word as the texts write it (capitalised names stay capitalised).
  return top.map((w) => surface(w, texts)).join(', ');
}

function surface(word: string, texts: string[]): string {
  for (const text of texts)
    for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
      const t = m[0];
      const lower = t.toLowerCase();
      if (lower === word || (lower.startsWith(word) && lower.length <= word.length + 3)) return t.length === word.length ? t : t.slice(0, word.length);
    }
  return word;
}
