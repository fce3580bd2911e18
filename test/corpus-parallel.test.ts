import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { buildCorpus, indexSentences } from '../lib/corpus/index.js';
import { startCorpusPrep } from '../lib/corpus/parallel.js';
import { prepareStories, storyPairs, type StoryPair } from '../lib/corpus/stories.js';
import { candidatePairs, firstK } from '../lib/corpus/words.js';
import type { ArticleReport, Report } from '../lib/types.js';
import { fixture } from './helpers.js';

const report = JSON.parse(readFileSync(fixture('reports/bridge.json'), 'utf8')) as Report;
const byPair = (x: StoryPair, y: StoryPair) => x.i - y.i || x.j - y.j;

/** The fixture's articles copied `times` times under new ids: a corpus large enough for the candidate index (over 300 articles). */
function copies(times: number): ArticleReport[] {
  const out: ArticleReport[] = [];
  for (let k = 0; k < times; k++) for (const a of report.articles) out.push({ ...a, id: `${a.id}-${k}`, file: `${a.file}#${k}` });
  return out;
}

test('candidate pairs: `rows` keeps exactly the pairs whose first item it accepts', () => {
  const keys = [['a', 'x'], ['a', 'y'], ['b', 'x'], ['b', 'y'], ['a', 'b']];
  for (const allPairsUpTo of [0, 10]) {
    const all = candidatePairs(keys, { maxPosting: 3, allPairsUpTo });
    const odd = candidatePairs(keys, { maxPosting: 3, allPairsUpTo, rows: (i) => i % 2 === 1 });
    assert.deepEqual(odd, all.filter(([i]) => i % 2 === 1));
  }
});

test('story pairs split by first article: the parts together are the whole, with the same similarities', () => {
  for (const articles of [report.articles, copies(70)]) {
    const { input } = prepareStories(articles, indexSentences(articles));
    const whole = storyPairs(input).sort(byPair);
    assert.ok(whole.length > 0);
    const parts = [0, 1, 2].flatMap((index) => storyPairs(input, { of: 3, index })).sort(byPair);
    assert.deepEqual(parts, whole);
  }
});

test('the corpus stage with its pair loop in worker threads gives the same stories and claims as in one thread', async () => {
  const articles = copies(70);
  const alone = buildCorpus(articles, report.corpus.reuse);
  const threaded = buildCorpus(articles, report.corpus.reuse, await startCorpusPrep(articles, 2));
  assert.deepEqual(threaded, alone);
  // The fixture's own stories, for the record: the 2025 bridge articles together in every copy's story.
  assert.ok(alone.stories.some((s) => s.articles.includes('lakeside-bridge-0') && s.articles.includes('viralnow-bridge-0')));
});

test('firstK: the first k items of the full sort, for a total order', () => {
  const words = ['kim', 'talks', 'train', 'border', 'pyongyang', 'vladivostok', 'summit', 'putin', 'rail', 'station'];
  const weights = [3, 1, 3, 2, 5, 1, 2, 5, 0.5, 2];
  const items = words.map((w, i) => [w, weights[i]] as [string, number]);
  const order = (x: [string, number], y: [string, number]) => y[1] - x[1] || (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0);
  assert.deepEqual(firstK(items, 4, order).map(([w]) => w), ['putin', 'pyongyang', 'kim', 'train']);
  for (const k of [0, 1, 3, 10, 20]) assert.deepEqual(firstK(items, k, order), [...items].sort(order).slice(0, k));
});
