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
import { contentWords, firstK, forEachCandidatePair, tokenize } from './words.js';

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

/**
 * Cosine of `packed[i]` with each later article, for pairs grouped by i: i is
 * spread once into a dense array of its weights and one of its positions, and
 * the dot product sums the shared terms in i's order, as `cosine` does (terms
 * i lacks would add +0, which leaves a float sum unchanged).
 */
class CosineScan {
  /** Position of each of i's terms in i's vector, -1 for the rest. */
  private readonly position: Int32Array;
  /** Per position of i: the other article's weight of that term (set only at shared positions). */
  private otherWeight = new Float64Array(64);
  private shared = new Int32Array(64);
  private current = -1;

  constructor(private readonly packed: PackedVector[], vocabSize: number) {
    this.position = new Int32Array(vocabSize).fill(-1);
  }

  cosine(i: number, j: number): number {
    if (i !== this.current) this.spread(i);
    const a = this.packed[i];
    const b = this.packed[j];
    let n = 0;
    for (let k = 0; k < b.ids.length; k++) {
      const at = this.position[b.ids[k]];
      if (at < 0) continue;
      this.otherWeight[at] = b.weights[k];
      this.shared[n++] = at;
    }
    const order = this.shared.subarray(0, n).sort();
    let dot = 0;
    for (let k = 0; k < n; k++) dot += a.weights[order[k]] * this.otherWeight[order[k]];
    return a.norm2 && b.norm2 ? dot / Math.sqrt(a.norm2 * b.norm2) : 0;
  }

  private spread(i: number): void {
    if (this.current >= 0) for (const id of this.packed[this.current].ids) this.position[id] = -1;
    const a = this.packed[i];
    for (let k = 0; k < a.ids.length; k++) this.position[a.ids[k]] = k;
    if (this.otherWeight.length < a.ids.length) {
      this.otherWeight = new Float64Array(a.ids.length * 2);
      this.shared = new Int32Array(a.ids.length * 2);
    }
    this.current = i;
  }
}

/** Term ids of one sentence, sorted (and distinct: they come from a word set). */
type SortedIds = Int32Array;

/**
 * For pairs grouped by article i: how many sentences of the article with fewer
 * sentences state a claim also found in the other, a claim being `sameClaim`
 * (Dice >= CLAIM_MIN_SIMILARITY, at least CLAIM_MIN_SHARED_WORDS shared). Article
 * i's sentences are indexed by term once; each sentence of j then counts its
 * shared words with every sentence of i in one pass over its terms, instead of
 * a merge per sentence pair.
 */
class ClaimOverlap {
  private current = -1;
  private readonly head: Int32Array;
  private entrySentence = new Int32Array(256);
  private entryNext = new Int32Array(256);
  private counts = new Int32Array(16);
  private touched = new Int32Array(16);
  private hit = new Uint8Array(16);

  constructor(private readonly sentences: SortedIds[][], vocabSize: number) {
    this.head = new Int32Array(vocabSize).fill(-1);
  }

  private index(i: number): void {
    if (this.current >= 0) for (const s of this.sentences[this.current]) for (const id of s) this.head[id] = -1;
    const list = this.sentences[i];
    let total = 0;
    for (const s of list) total += s.length;
    if (this.entrySentence.length < total) {
      this.entrySentence = new Int32Array(total * 2);
      this.entryNext = new Int32Array(total * 2);
    }
    if (this.counts.length < list.length) {
      this.counts = new Int32Array(list.length * 2);
      this.touched = new Int32Array(list.length * 2);
      this.hit = new Uint8Array(list.length * 2);
    }
    let e = 0;
    for (let t = 0; t < list.length; t++)
      for (const id of list[t]) {
        this.entrySentence[e] = t;
        this.entryNext[e] = this.head[id];
        this.head[id] = e++;
      }
    this.current = i;
  }

  matched(i: number, j: number): number {
    if (i !== this.current) this.index(i);
    const mine = this.sentences[i];
    const other = this.sentences[j];
    // The shorter list counts (the first on a tie), as sentences matched of it.
    const countMine = mine.length <= other.length;
    let matched = 0;
    this.hit.fill(0, 0, mine.length);
    for (const s of other) {
      // A sentence with fewer words than must be shared matches nothing.
      if (s.length < CLAIM_MIN_SHARED_WORDS) continue;
      let touched = 0;
      for (let k = 0; k < s.length; k++)
        for (let e = this.head[s[k]]; e >= 0; e = this.entryNext[e]) {
          const t = this.entrySentence[e];
          if (this.counts[t]++ === 0) this.touched[touched++] = t;
        }
      let found = false;
      for (let k = 0; k < touched; k++) {
        const t = this.touched[k];
        const shared = this.counts[t];
        this.counts[t] = 0;
        if ((2 * shared) / (s.length + mine[t].length) >= CLAIM_MIN_SIMILARITY && shared >= CLAIM_MIN_SHARED_WORDS) {
          found = true;
          if (countMine && !this.hit[t]) {
            this.hit[t] = 1;
            matched++;
          }
        }
      }
      if (found && !countMine) matched++;
    }
    return matched;
  }
}

interface Cluster {
  members: number[];
  min: number | null;
  max: number | null;
}

/** The fields of an article that stories and claims read (an ArticleReport, or an analyzed article before its Report). */
export type StoryArticle = Pick<ArticleReport, 'id' | 'file' | 'title' | 'body' | 'published' | 'crawlDate' | 'attributions' | 'unattributed'>;

/** Two articles that may share a story, with how similar they are. */
export interface StoryPair {
  i: number;
  j: number;
  sim: number;
}

/**
 * What the pair loop reads, as flat typed arrays (a worker thread gets a copy
 * cheaply): per article its tf-idf vector (term ids and weights in the Map's
 * order, squared norm), its claim sentences (sorted term ids) and its index
 * terms. Article k's entries are [start[k], start[k + 1]) of each list.
 */
export interface StoryPairInput {
  articles: number;
  vocabSize: number;
  vectorStart: Int32Array;
  vectorIds: Int32Array;
  vectorWeights: Float64Array;
  norm2: Float64Array;
  /** Into sentenceStart: article k's sentences are [articleSentences[k], articleSentences[k + 1]). */
  articleSentences: Int32Array;
  sentenceStart: Int32Array;
  sentenceIds: Int32Array;
  topStart: Int32Array;
  topIds: Int32Array;
  /** Each article's date in days (articleDate), NaN when it has none. */
  days: Float64Array;
}

/** The per-article part of story finding: tf-idf vectors (kept for labels) and the pair loop's input. */
export interface StoryPrep {
  vectors: Vector[];
  input: StoryPairInput;
}

export function prepareStories(articles: StoryArticle[], sentenceIndex: SentenceIndex): StoryPrep {
  // Title and body words; the body's were read once by the sentence index.
  const words = articles.map((a, i) => {
    const body = sentenceIndex.bodies[i];
    const title = tokenize(a.title ?? '');
    return body && title ? title.words.concat(body.words) : contentWords(`${a.title ?? ''}\n${a.body.text}`);
  });
  const vectors = tfidf(words);
  const vocab = sentenceIndex.vocab;
  const n = articles.length;
  // Vectors packed as `pack` did one by one: ids in the Map's order, the norm summed in that order.
  let terms = 0;
  for (const v of vectors) terms += v.size;
  const vectorStart = new Int32Array(n + 1);
  const vectorIds = new Int32Array(terms);
  const vectorWeights = new Float64Array(terms);
  const norm2 = new Float64Array(n);
  let k = 0;
  vectors.forEach((v, a) => {
    vectorStart[a] = k;
    let sum = 0;
    for (const [w, x] of v) {
      vectorIds[k] = vocab.id(w);
      vectorWeights[k++] = x;
      sum += x * x;
    }
    norm2[a] = sum;
  });
  vectorStart[n] = k;
  // Claim sentences with words, each as sorted term ids.
  const sentences = sentenceIndex.ids.map((list, i) =>
    list.filter((_, s) => sentenceIndex.byArticle[i][s].words.size > 0).map((ids) => Int32Array.from(ids).sort()),
  );
  const articleSentences = new Int32Array(n + 1);
  let sentenceCount = 0;
  let idCount = 0;
  for (const list of sentences) {
    sentenceCount += list.length;
    for (const s of list) idCount += s.length;
  }
  const sentenceStart = new Int32Array(sentenceCount + 1);
  const sentenceIds = new Int32Array(idCount);
  let s = 0;
  let e = 0;
  sentences.forEach((list, a) => {
    articleSentences[a] = s;
    for (const ids of list) {
      sentenceStart[s++] = e;
      sentenceIds.set(ids, e);
      e += ids.length;
    }
  });
  articleSentences[n] = s;
  sentenceStart[s] = e;
  // Each article's most distinctive words (as term ids) find its candidate pairs.
  const top = vectors.map((v) => firstK(v.entries(), INDEX_TERMS, (x, y) => y[1] - x[1] || compareStrings(x[0], y[0])).map(([w]) => vocab.id(w)));
  const topStart = new Int32Array(n + 1);
  const topIds = new Int32Array(top.reduce((sum, t) => sum + t.length, 0));
  let t = 0;
  top.forEach((ids, a) => {
    topStart[a] = t;
    topIds.set(ids, t);
    t += ids.length;
  });
  topStart[n] = t;
  return {
    vectors,
    input: {
      articles: n,
      vocabSize: vocab.size,
      vectorStart,
      vectorIds,
      vectorWeights,
      norm2,
      articleSentences,
      sentenceStart,
      sentenceIds,
      topStart,
      topIds,
      days: articleDays(articles),
    },
  };
}

/**
 * Each article's date in days, NaN for none; all NaN when some date does not
 * parse (findStories's date window then lets the stories holding it span
 * any time, so no pair may be left out for its dates).
 */
function articleDays(articles: StoryArticle[]): Float64Array {
  const out = Float64Array.from(articles, (a) => {
    const d = articleDate(a);
    return d ? days(d) : NaN;
  });
  return articles.some((a, k) => articleDate(a) !== null && Number.isNaN(out[k])) ? out.fill(NaN) : out;
}

/**
 * The pairs of articles that may share a story. `part` takes only the pairs
 * whose first article is `index` modulo `of` (a worker's share): the union
 * of all parts is the whole, and each pair's similarity does not depend on
 * which part computed it. Two dated articles further apart than
 * STORY_DATE_WINDOW_DAYS are not compared: a story holding both would span
 * more than the window, so findStories never merges on such a pair, and
 * leaving it out changes no story. Over a crawl spread in time this keeps the
 * costly tests to articles near each other in time.
 */
export function storyPairs(input: StoryPairInput, part: { of: number; index: number } = { of: 1, index: 0 }): StoryPair[] {
  const n = input.articles;
  const packed: PackedVector[] = [];
  const sentences: SortedIds[][] = [];
  const top: Int32Array[] = [];
  for (let a = 0; a < n; a++) {
    const [v0, v1] = [input.vectorStart[a], input.vectorStart[a + 1]];
    packed.push({ ids: input.vectorIds.subarray(v0, v1), weights: input.vectorWeights.subarray(v0, v1), norm2: input.norm2[a] });
    const list: SortedIds[] = [];
    for (let s = input.articleSentences[a]; s < input.articleSentences[a + 1]; s++) list.push(input.sentenceIds.subarray(input.sentenceStart[s], input.sentenceStart[s + 1]));
    sentences.push(list);
    top.push(input.topIds.subarray(input.topStart[a], input.topStart[a + 1]));
  }
  const cosines = new CosineScan(packed, input.vocabSize);
  const claims = new ClaimOverlap(sentences, input.vocabSize);
  const pairs: StoryPair[] = [];
  const rows = part.of > 1 ? (i: number) => i % part.of === part.index : undefined;
  const day = input.days;
  forEachCandidatePair(top, { maxPosting: MAX_POSTING, allPairsUpTo: ALL_PAIRS_UP_TO, rows }, (i, j) => {
    // NaN (no date) compares false: undated articles meet every article.
    if (Math.abs(day[i] - day[j]) > STORY_DATE_WINDOW_DAYS) return;
    const cos = cosines.cosine(i, j);
    // Sentence matching is the costly part: skip it when the words alone decide.
    if (cos >= STORY_MIN_SIMILARITY) {
      pairs.push({ i, j, sim: cos });
      return;
    }
    if (cos < STORY_NO_OVERLAP) return;
    const matched = claims.matched(i, j);
    const shorter = Math.min(sentences[i].length, sentences[j].length);
    const share = shorter ? matched / shorter : 0;
    if (share >= STORY_MIN_SHARED_SENTENCES || matched >= STORY_MIN_MATCHED_SENTENCES) pairs.push({ i, j, sim: Math.max(cos, share) });
  });
  return pairs;
}

/**
 * Stories of the articles. `prepared` is what prepareStories and storyPairs
 * gave for these very articles and index (the pair loop may have run in
 * worker threads); without it they are computed here.
 */
export function findStories(articles: StoryArticle[], index?: SentenceIndex, prepared?: { prep: StoryPrep; pairs: StoryPair[] }): Story[] {
  const sentenceIndex = index ?? indexSentences(articles);
  const prep = prepared?.prep ?? prepareStories(articles, sentenceIndex);
  const vectors = prep.vectors;
  const pairs = prepared ? [...prepared.pairs] : storyPairs(prep.input);
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
  const top = firstK(
    [...weight.entries()].filter(([w]) => !/^\d+$/.test(w)),
    LABEL_WORDS,
    (x, y) => y[1].docs - x[1].docs || y[1].sum - x[1].sum || compareStrings(x[0], y[0]),
  ).map(([w]) => w);
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
