import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { indexSentences } from '../lib/corpus/index.js';
import { findStories, prepareStories, storyPairs, STORY_DATE_WINDOW_DAYS, type StoryPair } from '../lib/corpus/stories.js';
import type { ArticleReport, Report } from '../lib/types.js';
import { fixture } from './helpers.js';

const report = JSON.parse(readFileSync(fixture('reports/bridge.json'), 'utf8')) as Report;
const key = (p: StoryPair) => `${p.i} ${p.j} ${p.sim}`;

function laterBy(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The fixture's 5 articles copied `times` times, copy k dated `step` * k days later (the undated one stays undated). */
function spreadCopies(times: number, step: number): ArticleReport[] {
  const out: ArticleReport[] = [];
  for (let k = 0; k < times; k++)
    for (const a of report.articles)
      out.push({
        ...a,
        id: `${a.id}-${k}`,
        file: `${a.file}#${k}`,
        published: a.published === null ? null : laterBy(a.published, step * k),
        crawlDate: a.crawlDate === null ? null : laterBy(a.crawlDate, step * k),
      });
  return out;
}

/** Pairs and stories with the date check in the pair loop, and with every article's date hidden from the pair loop only. */
function bothWays(articles: ArticleReport[]) {
  const index = indexSentences(articles);
  const prep = prepareStories(articles, index);
  const pairs = storyPairs(prep.input);
  const undatedPrep = { ...prep, input: { ...prep.input, days: new Float64Array(articles.length).fill(NaN) } };
  const allPairs = storyPairs(undatedPrep.input);
  return {
    pairs,
    allPairs,
    stories: findStories(articles, index, { prep, pairs }),
    storiesFromAll: findStories(articles, index, { prep: undatedPrep, pairs: allPairs }),
  };
}

test('story pairs: dated articles further apart than the window are not compared, and the stories stay the same', () => {
  // 70 copies (350 articles: the candidate index is used), a copy every 4 days: neighbouring copies fall in one window.
  const articles = spreadCopies(70, 4);
  const { pairs, allPairs, stories, storiesFromAll } = bothWays(articles);
  assert.ok(pairs.length < allPairs.length / 2, `${pairs.length} of ${allPairs.length} pairs`);
  // What is left out is exactly the pairs of two dated articles more than the window apart.
  const kept = new Set(pairs.map(key));
  const day = (a: ArticleReport) => {
    const d = a.published ?? a.crawlDate;
    return d === null ? null : Date.parse(`${d}T00:00:00Z`) / 86_400_000;
  };
  for (const p of allPairs) {
    const [di, dj] = [day(articles[p.i]), day(articles[p.j])];
    const apart = di !== null && dj !== null && Math.abs(di - dj) > STORY_DATE_WINDOW_DAYS;
    assert.equal(kept.has(key(p)), !apart, `${articles[p.i].id} ${articles[p.j].id}`);
  }
  assert.deepEqual(stories, storiesFromAll);
  // The 2025 bridge story of copy 0 spans 2025-03-14..15 and holds the undated article; copy 3 (12 days later) is another story.
  const first = stories.find((s) => s.articles.includes('lakeside-bridge-0'))!;
  assert.ok(first.articles.includes('steppe-bridge-0') && first.articles.includes('pacific-ledger-bridge-0'));
  assert.ok(!first.articles.includes('lakeside-bridge-3'));
});

test('story pairs: one date that does not parse turns the date check off (a story holding it may span any time)', () => {
  const articles = spreadCopies(70, 4);
  articles[7] = { ...articles[7], published: '2025-13-45' };
  const { pairs, allPairs, stories, storiesFromAll } = bothWays(articles);
  assert.deepEqual(pairs.map(key), allPairs.map(key));
  assert.deepEqual(stories, storiesFromAll);
});
