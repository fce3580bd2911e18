/**
 * Shared claims: the same statement made in several articles. Each body
 * sentence becomes its "attributed content" (its content words minus the
 * words naming the source and the cue), sentences of different articles are
 * matched by word overlap, and matches are chained into claims. Each mention
 * keeps whom that article credits for the claim.
 */
import { compareStrings } from '../report/build.js';
import type { ArticleReport, Attribution, ClaimMention, SharedClaim, Story } from '../types.js';
import { dice, wordSet } from './words.js';

/** Dice overlap of content words above which two sentences state the same claim. */
export const CLAIM_MIN_SIMILARITY = 0.5;
/** Content words two sentences must share at least (short sentences match too easily). */
export const CLAIM_MIN_SHARED_WORDS = 4;

interface Candidate {
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

function candidates(articles: ArticleReport[]): Candidate[] {
  const out: Candidate[] = [];
  articles.forEach((article, index) => {
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
      out.push({ article: index, start: s.start, end: s.end, text, words: wordSet(text, drop), attribution: primaryAttribution(s.atts) });
    }
  });
  return out;
}

export function findSharedClaims(articles: ArticleReport[], stories: Story[]): SharedClaim[] {
  const cands = candidates(articles);
  const storyOf = new Map<string, string>();
  for (const s of stories) for (const id of s.articles) storyOf.set(id, s.id);
  // A claim is shared within a story: the same words about another event are another claim.
  const storyIndex = articles.map((a) => storyOf.get(a.id) ?? a.id);
  const parent = cands.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  for (let i = 0; i < cands.length; i++)
    for (let j = i + 1; j < cands.length; j++) {
      if (cands[i].article === cands[j].article || storyIndex[cands[i].article] !== storyIndex[cands[j].article]) continue;
      const { score, shared } = dice(cands[i].words, cands[j].words);
      if (score >= CLAIM_MIN_SIMILARITY && shared >= CLAIM_MIN_SHARED_WORDS) parent[find(j)] = find(i);
    }

  const groups = new Map<number, Candidate[]>();
  cands.forEach((c, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), c]));

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
      origin: mostCommon(mentions.map((m) => m.source).filter((s): s is string => s !== null)),
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

function mostCommon(values: string[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const sorted = [...counts.entries()].sort((x, y) => y[1] - x[1] || compareStrings(x[0], y[0]));
  return sorted[0]?.[0] ?? null;
}
