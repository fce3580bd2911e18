/**
 * The HTML report in a real browser (headless Chromium): highlights and the
 * graph are there and work under the page's CSP; a hostile article's markup
 * shows as text and nothing in it runs.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { renderers } from '../lib/report/index.js';
import type { Report } from '../lib/types.js';
import { chromiumAvailable, openBrowser, type Browser } from './browser.js';
import { fixture } from './helpers.js';
import { HOSTILE } from './report-fixtures.js';

const skip = chromiumAvailable() ? false : 'chromium is not installed (apt-get install -y chromium; .ci/run does it)';
const bridge = JSON.parse(readFileSync(fixture('reports/bridge.json'), 'utf8')) as Report;
const hostile = JSON.parse(readFileSync(fixture('reports/hostile.json'), 'utf8')) as Report;

let browser: Browser;
let dir: string;

before(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'st-html-'));
  writeFileSync(join(dir, 'bridge.html'), renderers.html(bridge, { color: false }));
  writeFileSync(join(dir, 'hostile.html'), renderers.html(hostile, { color: false }));
  browser = await openBrowser();
});

after(async () => {
  if (skip) return;
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
});

test('the corpus report shows highlights, details on click and the provenance graph', { skip }, async () => {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(pathToFileURL(join(dir, 'bridge.html')).href);

  // One highlight per source and cue; quotes and hedges too.
  const sources = bridge.articles.reduce((n, a) => n + a.attributions.length, 0);
  assert.ok((await page.locator('.body .m.src').count()) >= sources);
  assert.ok((await page.locator('.body .m.cue').count()) >= sources);
  assert.ok((await page.locator('.body .m.quote').count()) >= 1);
  assert.equal(await page.locator('.body .m.hedge').count(), 1);
  // The highlight covers exactly the source's words.
  const first = bridge.articles[0].attributions[0];
  assert.equal(await page.locator('#article-1 .body .m.src').first().textContent(), first.source.text);

  // The stylesheet is allowed by the CSP (its hash matches): the source colour applies.
  // Browser-side code is passed as strings: the project's TypeScript has no DOM types.
  const color = await page.evaluate<string>(`getComputedStyle(document.querySelector('.body .m.src')).color`);
  assert.equal(color, 'rgb(29, 78, 216)');

  // The script is allowed too: clicking a source opens its details.
  assert.equal(await page.locator('#d-1-1').isVisible(), false);
  await page.locator('#article-1 .body .m.src').first().click();
  assert.equal(await page.locator('#d-1-1').isVisible(), true);
  assert.match((await page.locator('#d-1-1').textContent()) ?? '', /Saran Altai/);

  // The graph: one box per node, one path per edge, labels readable.
  assert.equal(await page.locator('svg.graph g.n').count(), bridge.corpus.graph.nodes.length);
  assert.equal(await page.locator('svg.graph g.e path').count(), bridge.corpus.graph.edges.length);
  const box = await page.locator('svg.graph').boundingBox();
  assert.ok(box && box.width > 300 && box.height > 100);
  assert.ok((await page.locator('svg.graph').textContent())?.includes('Eastern Press Agency'));

  assert.equal(await page.locator('table.comparison tbody tr').count(), bridge.articles.length);

  // Printable: in print media the click panels are hidden, highlights and the graph stay.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('#d-1-1').isVisible(), false);
  assert.equal(await page.locator('svg.graph').isVisible(), true);
  assert.equal(await page.evaluate<string>(`getComputedStyle(document.querySelector('.body .m.quote')).backgroundColor`), 'rgb(253, 230, 138)');
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 10_000, 'prints to PDF');
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(browser.blocked, [], 'the report loads nothing from the network');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a hostile article: nothing executes, markup shows as text', { skip }, async () => {
  const page = await browser.context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  await page.goto(pathToFileURL(join(dir, 'hostile.html')).href);

  // Poke everything a reader could: hover and click every highlight and link.
  for (const el of await page.locator('.body .m, a, b').all()) {
    await el.hover().catch(() => undefined);
    await el.click({ timeout: 1000 }).catch(() => undefined);
  }
  await page.waitForTimeout(200);

  assert.equal(await page.evaluate<unknown>('window.__pwned'), undefined, 'no injected code ran');
  assert.deepEqual(dialogs, []);
  // The only elements are the report's own: one script, one style, no images, no article tags.
  const dom = await page.evaluate<{ scripts: number; styles: number; images: number; bolds: number; handlers: string[]; jsLinks: number; text: string }>(`({
    scripts: document.scripts.length,
    styles: document.querySelectorAll('style').length,
    images: document.images.length,
    bolds: document.querySelectorAll('b, textarea, iframe, object, embed').length,
    handlers: [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name)),
    jsLinks: [...document.querySelectorAll('a')].filter((a) => !(a.getAttribute('href') || '').startsWith('#')).length,
    text: document.body.innerText,
  })`);
  assert.equal(dom.scripts, 1);
  assert.equal(dom.styles, 1);
  assert.equal(dom.images, 0);
  assert.equal(dom.bolds, 0);
  assert.deepEqual(dom.handlers, []);
  assert.equal(dom.jsLinks, 0);
  // The article's markup is there, as text a reader can see.
  for (const s of [HOSTILE.script, HOSTILE.link, '</textarea>', '[totally safe](javascript:alert(1))', '<b onmouseover="window.__pwned=1">the council</b>'])
    assert.ok(dom.text.includes(s), `shows as text: ${s}`);
  assert.deepEqual(browser.blocked, [], 'nothing was fetched (no tracker image, no link followed)');
  await page.close();
});
