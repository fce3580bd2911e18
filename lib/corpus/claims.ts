/**
 * Shared claims: the same statement made in several articles of one story.
 * Each body sentence becomes its "attributed content" (its content words minus
 * the words naming the source and the cue); sentences of different articles
 * match when their rarity-weighted word overlap is high; best matches are
 * grouped first, one sentence per article. Each mention keeps whom that
 * article credits for the claim.
 */
import { compareStrings } from '../report/build.js';
import type { ArticleReport, Attribution, ClaimMention, SharedClaim, Story } from '../types.js';
import { Vocabulary, dice, forEachCandidatePair, tokenize, wordSet, wordsIn, type TokenizedText } from './words.js';

/** Dice overlap of content words above which two sentences state the same claim (sameClaim, used for stories). */
export const CLAIM_MIN_SIMILARITY = 0.5;
/** Rarity-weighted overlap with the shorter sentence above which two sentences make one shared claim. */
export const CLAIM_MIN_OVERLAP = 0.5;
/** Content words two sentences must share at least (short sentences match too easily). */
export const CLAIM_MIN_SHARED_WORDS = 4;
/** Below this many sentences every pair is compared; above, only pairs sharing a less common word. */
const ALL_PAIRS_UP_TO = 2000;
/** Words in more sentences than this do not make candidate pairs on their own. */
const MAX_POSTING = 300;

export interface Candidate {
  article: number;
  start: number;
  end: number;
  text: string;
  words: Set<string>;
  attribution: Attribution | null;
}

/** The attribution that best says where a sentence came from: one with a `via` first, then the earliest. */
function primaryAttribution(atts: Attribution[]): Attribution | null {
  if (atts.length === 0) return null;
  const withVia = atts.filter((a) => a.via);
  const pool = withVia.length ? withVia : atts;
  return [...pool].sort((x, y) => x.source.start - y.source.start || compareStrings(x.id, y.id))[0];
}

/** The body sentences of one article with their attributed content (attributed and unattributed sentences). */
export function claimSentences(article: Pick<ArticleReport, 'attributions' | 'unattributed' | 'body'>, index = 0, body: TokenizedText | null = null): Candidate[] {
  const out: Candidate[] = [];
  const bySentence = new Map<string, { start: number; end: number; atts: Attribution[] }>();
  for (const a of article.attributions) {
    if (a.zone !== 'body') continue;
    const key = `${a.sentence.start}:${a.sentence.end}`;
    const entry = bySentence.get(key) ?? { start: a.sentence.start, end: a.sentence.end, atts: [] };
    entry.atts.push(a);
    bySentence.set(key, entry);
  }
  for (const u of article.unattributed) {
    const key = `${u.start}:${u.end}`;
    if (!bySentence.has(key)) bySentence.set(key, { start: u.start, end: u.end, atts: [] });
  }
  for (const s of [...bySentence.values()].sort((x, y) => x.start - y.start)) {
    const text = article.body.text.slice(s.start, s.end);
    const drop = s.atts.flatMap((a) => [a.source.text, a.cue.text]);
    // The body's words when it was tokenized already (`body`), else the sentence's own.
    const words = body ? wordsIn(body, s.start, s.end) ?? undefined : undefined;
    out.push({ article: index, start: s.start, end: s.end, text, words: wordSet(text, drop, words), attribution: primaryAttribution(s.atts) });
  }
  return out;
}

/** Two sentences state the same claim. */
export function sameClaim(a: Set<string>, b: Set<string>): boolean {
  const { score, shared } = dice(a, b);
  return score >= CLAIM_MIN_SIMILARITY && shared >= CLAIM_MIN_SHARED_WORDS;
}

/**
 * Every article's claim sentences, tokenized once for stories and shared
 * claims, with each sentence's words as term ids (in the order of the set).
 */
export interface SentenceIndex {
  vocab: Vocabulary;
  /** Each body tokenized once (null when its offsets do not survive lower-casing). */
  bodies: (TokenizedText | null)[];
  byArticle: Candidate[][];
  ids: Int32Array[][];
}

export function indexSentences(articles: Pick<ArticleReport, 'attributions' | 'unattributed' | 'body'>[], vocab = new Vocabulary()): SentenceIndex {
  const builder = new SentenceIndexBuilder(vocab);
  for (const a of articles) builder.add(a);
  return builder.index;
}

/**
 * indexSentences one article at a time, in the articles' order (the same
 * term ids): a stream adds each article as soon as it and every article
 * before it are analyzed, so the index is ready when the last one is.
 */
export class SentenceIndexBuilder {
  readonly index: SentenceIndex;

  constructor(vocab = new Vocabulary()) {
    this.index = { vocab, bodies: [], byArticle: [], ids: [] };
  }

  add(article: Pick<ArticleReport, 'attributions' | 'unattributed' | 'body'>): void {
    const { vocab, bodies, byArticle, ids } = this.index;
    const body = tokenize(article.body.text);
    const sentences = claimSentences(article, bodies.length, body);
    bodies.push(body);
    byArticle.push(sentences);
    ids.push(sentences.map((c) => Int32Array.from(c.words, (w) => vocab.id(w))));
  }
}

export function findSharedClaims(articles: ArticleReport[], stories: Story[], index: SentenceIndex = indexSentences(articles)): SharedClaim[] {
  const cands = index.byArticle.flat();
  const ids = index.ids.flat();
  const storyOf = new Map<string, string>();
  for (const s of stories) for (const id of s.articles) storyOf.set(id, s.id);
  // A claim is shared within a story: the same words about another event are another claim.
  const storyIndex = articles.map((a) => storyOf.get(a.id) ?? a.id);
  // Words weigh by rarity among the corpus's sentences: sharing "Kim" and
  // "Russia" says little in a corpus about Kim in Russia, sharing "train" more.
  const vocabSize = index.vocab.size;
  const sf = new Int32Array(vocabSize);
  for (const c of ids) for (const w of c) sf[w]++;
  const idf = new Float64Array(vocabSize);
  for (let w = 0; w < vocabSize; w++) if (sf[w]) idf[w] = Math.log(cands.length / sf[w]);
  const weight = ids.map((c) => c.reduce((sum, w) => sum + idf[w], 0));
  const pairs: { i: number; j: number; sim: number }[] = [];
  const allowed = (i: number, j: number) => cands[i].article !== cands[j].article && storyIndex[cands[i].article] === storyIndex[cands[j].article];
  // Words of sentence j marked with the pair's number: sentence i's words are then looked up in order.
  const mark = new Int32Array(vocabSize).fill(-1);
  let pairNo = 0;
  for (const [i, j] of sentencePairs(cands, ids, sf, storyIndex, allowed)) {
    const [wi, wj] = [ids[i], ids[j]];
    if (wi.length < CLAIM_MIN_SHARED_WORDS || wj.length < CLAIM_MIN_SHARED_WORDS) continue;
    const stamp = pairNo++;
    for (let k = 0; k < wj.length; k++) mark[wj[k]] = stamp;
    let shared = 0;
    let n = 0;
    for (let k = 0; k < wi.length; k++)
      if (mark[wi[k]] === stamp) {
        shared += idf[wi[k]];
        n++;
      }
    // Overlap with the shorter sentence: a claim inside a longer sentence still matches.
    const sim = shared / Math.min(weight[i], weight[j]);
    if (n >= CLAIM_MIN_SHARED_WORDS && sim >= CLAIM_MIN_OVERLAP) pairs.push({ i, j, sim });
  }
  pairs.sort((x, y) => y.sim - x.sim || x.i - y.i || x.j - y.j);
  // Best matches first; a claim holds at most one sentence per article, which
  // also stops chains of loosely similar sentences from growing into one claim.
  const parent = cands.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const articlesOf = new Map<number, Set<number>>(cands.map((c, i) => [i, new Set([c.article])]));
  for (const { i, j } of pairs) {
    const [a, b] = [find(i), find(j)];
    if (a === b) continue;
    const [sa, sb] = [articlesOf.get(a)!, articlesOf.get(b)!];
    if ([...sa].some((x) => sb.has(x))) continue;
    parent[b] = a;
    // The larger set takes the smaller one's articles (linear overall, not quadratic in a big claim).
    const [big, small] = sa.size >= sb.size ? [sa, sb] : [sb, sa];
    for (const x of small) big.add(x);
    articlesOf.set(a, big);
    articlesOf.delete(b);
  }

  const groups = new Map<number, Candidate[]>();
  cands.forEach((c, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(c);
    else groups.set(root, [c]);
  });

  const claims: Omit<SharedClaim, 'id'>[] = [];
  for (const group of groups.values()) {
    // One mention per article: its first sentence in the group.
    const perArticle = new Map<number, Candidate>();
    for (const c of group) if (!perArticle.has(c.article)) perArticle.set(c.article, c);
    if (perArticle.size < 2) continue;
    const mentions: ClaimMention[] = [...perArticle.values()]
      .sort((x, y) => x.article - y.article)
      .map((c) => ({
        article: articles[c.article].id,
        sentence: { text: c.text, start: c.start, end: c.end },
        attribution: c.attribution?.id ?? null,
        source: c.attribution?.source.canonical ?? null,
        sourceType: c.attribution?.source.type ?? null,
        via: c.attribution?.via ?? null,
      }));
    const storiesHere = new Set(mentions.map((m) => storyOf.get(m.article) ?? null));
    const shortest = [...mentions].sort((x, y) => x.sentence.text.length - y.sentence.text.length || compareStrings(x.article, y.article))[0];
    claims.push({
      story: storiesHere.size === 1 ? [...storiesHere][0] : null,
      text: shortest.sentence.text,
      origin: claimOrigin(mentions),
      mentions,
    });
  }
  // Most widely shared first, then by where the first mention is.
  claims.sort(
    (x, y) =>
      y.mentions.length - x.mentions.length ||
      compareStrings(x.mentions[0].article, y.mentions[0].article) ||
      x.mentions[0].sentence.start - y.mentions[0].sentence.start,
  );
  return claims.map((c, i) => ({ id: `claim-${i + 1}`, ...c }));
}

/**
 * The sentence pairs to compare, story by story (a claim is shared within a
 * story): every pair of sentences from different articles in a small corpus;
 * in a large one, pairs sharing a less common word (one in at most
 * MAX_POSTING sentences of the whole corpus). Order does not matter: the
 * caller sorts what it keeps.
 */
function sentencePairs(cands: Candidate[], ids: Int32Array[], sentencesWith: Int32Array, storyIndex: string[], allowed: (i: number, j: number) => boolean): [number, number][] {
  const byStory = new Map<string, number[]>();
  cands.forEach((c, i) => {
    const key = storyIndex[c.article];
    const list = byStory.get(key);
    if (list) list.push(i);
    else byStory.set(key, [i]);
  });
  const out: [number, number][] = [];
  if (cands.length <= ALL_PAIRS_UP_TO) {
    for (const list of byStory.values())
      for (let a = 0; a < list.length; a++) for (let b = a + 1; b < list.length; b++) if (allowed(list[a], list[b])) out.push([list[a], list[b]]);
    return out;
  }
  // `sentencesWith`: how many sentences of the corpus use each word (by term id, one id per
  // word of the sentence's set), so the usable words are counted corpus-wide.
  const usable = (w: number) => sentencesWith[w] <= MAX_POSTING;
  for (const list of byStory.values()) {
    if (list.length < 2) continue;
    const keys = list.map((i) => ids[i].filter(usable));
    forEachCandidatePair(keys, { maxPosting: Infinity, allPairsUpTo: 0 }, (a, b) => {
      if (allowed(list[a], list[b])) out.push([list[a], list[b]]);
    });
  }
  return out;
}

/** Media that pass words on rank after the people and bodies who said them. */
const RELAY_TYPES = new Set(['media', 'state-media', 'wire']);

/** The source most mentions credit; on a tie, a primary source (not a relaying outlet), then by name. */
function claimOrigin(mentions: ClaimMention[]): string | null {
  const counts = new Map<string, { n: number; relay: boolean }>();
  for (const m of mentions) {
    if (!m.source) continue;
    const e = counts.get(m.source) ?? { n: 0, relay: RELAY_TYPES.has(m.sourceType ?? '') };
    e.n++;
    counts.set(m.source, e);
  }
  const sorted = [...counts.entries()].sort((x, y) => y[1].n - x[1].n || Number(x[1].relay) - Number(y[1].relay) || compareStrings(x[0], y[0]));
  return sorted[0]?.[0] ?? null;
}
