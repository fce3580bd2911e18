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
import { claimSentences, sameClaim } from './claims.js';
import { candidatePairs, contentWords } from './words.js';

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

/** Sentences of the shorter list that state a claim also found in the other list. */
function matchedSentences(a: { words: Set<string> }[], b: { words: Set<string> }[]): number {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.filter((s) => long.some((t) => sameClaim(s.words, t.words))).length;
}

interface Cluster {
  members: number[];
  min: number | null;
  max: number | null;
}

export function findStories(articles: ArticleReport[]): Story[] {
  const words = articles.map((a) => contentWords(`${a.title ?? ''}\n${a.body.text}`));
  const vectors = tfidf(words);
  const sentences = articles.map((a) => claimSentences(a).filter((c) => c.words.size > 0));
  const pairs: { i: number; j: number; sim: number }[] = [];
  const top = vectors.map((v) =>
    [...v.entries()]
      .sort((x, y) => y[1] - x[1] || compareStrings(x[0], y[0]))
      .slice(0, INDEX_TERMS)
      .map(([w]) => w),
  );
  for (const [i, j] of candidatePairs(top, { maxPosting: MAX_POSTING, allPairsUpTo: ALL_PAIRS_UP_TO })) {
    const cos = cosine(vectors[i], vectors[j]);
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

  const clusterOf = articles.map((a, i): Cluster => {
    const d = articleDate(a);
    const t = d ? days(d) : null;
    return { members: [i], min: t, max: t };
  });
  for (const { i, j } of pairs) {
    const a = clusterOf[i];
    const b = clusterOf[j];
    if (a === b) continue;
    const min = [a.min, b.min].filter((x): x is number => x !== null);
    const max = [a.max, b.max].filter((x): x is number => x !== null);
    const lo = min.length ? Math.min(...min) : null;
    const hi = max.length ? Math.max(...max) : null;
    if (lo !== null && hi !== null && hi - lo > STORY_DATE_WINDOW_DAYS) continue;
    const merged: Cluster = { members: [...a.members, ...b.members].sort((x, y) => x - y), min: lo, max: hi };
    for (const m of merged.members) clusterOf[m] = merged;
  }

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
