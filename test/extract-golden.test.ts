/**
 * Golden files of extraction: the ExtractedArticle of each of our fixtures,
 * as JSON in test/golden/extract-<fixture>.json. Checked by eye when written;
 * UPDATE_GOLDEN=1 rewrites them after an intended change (review the diff).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { test } from 'node:test';
import { extractArticle } from '../lib/extract/index.js';
import { loadLexicons } from '../lib/lexicon/load.js';
import { fixture, ROOT } from './helpers.js';

const lexicons = loadLexicons();

for (const name of ['content-farm-truncated.txt', 'state-agency-dateline.txt', 'scrape-repeats.txt']) {
  test(`extraction golden: ${name}`, () => {
    const file = fixture('articles', name);
    const article = extractArticle({ file: `articles/${name}`, content: readFileSync(file, 'utf8'), format: 'text' }, lexicons);
    const actual = `${JSON.stringify(article, null, 2)}\n`;
    const path = resolve(ROOT, 'test/golden', `extract-${basename(name, '.txt')}.json`);
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
      writeFileSync(path, actual);
      if (process.env.UPDATE_GOLDEN !== '1') assert.fail(`golden ${path} was missing and has been written: check it by eye`);
      return;
    }
    assert.equal(actual, readFileSync(path, 'utf8'));
  });
}
