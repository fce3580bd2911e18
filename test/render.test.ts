import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { renderers, type Format } from '../lib/report/index.js';
import { csvField, escapeMarkdown } from '../lib/report/text.js';
import { articleReport, reportFiles, safeFileName } from '../lib/report/out.js';
import type { Report } from '../lib/types.js';
import { fixture, ROOT } from './helpers.js';
import { resolve } from 'node:path';
import { HOSTILE } from './report-fixtures.js';

const bridge = JSON.parse(readFileSync(fixture('reports/bridge.json'), 'utf8')) as Report;
const hostile = JSON.parse(readFileSync(fixture('reports/hostile.json'), 'utf8')) as Report;

const EXT: Record<string, string> = { terminal: 'txt', md: 'md', json: 'json', html: 'html', csv: 'csv' };

/** Compare with test/golden/<name>; UPDATE_GOLDEN=1 rewrites it. */
function golden(name: string, actual: string): void {
  const path = resolve(ROOT, 'test/golden', name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    writeFileSync(path, actual);
    if (process.env.UPDATE_GOLDEN !== '1') assert.fail(`golden ${name} was missing and has been written: check it by eye`);
    return;
  }
  assert.equal(actual, readFileSync(path, 'utf8'), `${name} differs from its golden (UPDATE_GOLDEN=1 rewrites)`);
}

for (const format of Object.keys(renderers) as Format[]) {
  test(`the ${format} renderer matches its golden (colour off)`, () => {
    golden(`bridge.${EXT[format] ?? format}`, renderers[format](bridge, { color: false }));
  });
}

test('the terminal renderer with colour matches its golden and differs only by ANSI codes', () => {
  const colored = renderers.terminal(bridge, { color: true });
  golden('bridge.color.txt', colored);
  assert.match(colored, /\u001b\[/);
  assert.equal(colored.replace(/\u001b\[[0-9;]*m/g, ''), renderers.terminal(bridge, { color: false }));
});

test('the terminal report fits 80 columns, even for hostile input', () => {
  for (const r of [bridge, hostile])
    for (const line of renderers.terminal(r, { color: false }).split('\n')) assert.ok([...line].length <= 80, `too long: ${line}`);
});

test('the terminal report strips control characters from article text (no escape sequences)', () => {
  const r = structuredClone(hostile);
  r.articles[0].title = 'Title \u001b[2J\u001b[31mred\u0007 bell';
  r.articles[0].publisher!.name = 'Pub\u001b]0;evil\u0007';
  const out = renderers.terminal(r, { color: false });
  assert.doesNotMatch(out, /[\u0000-\u0009\u000b-\u001f\u007f]/);
  assert.match(out, /Title +\[2J +\[31mred +bell/);
});

test('renderers are pure: same Report, same output; the Report is not changed', () => {
  const before = JSON.stringify(bridge);
  for (const format of Object.keys(renderers) as Format[]) assert.equal(renderers[format](bridge, { color: false }), renderers[format](bridge, { color: false }));
  assert.equal(JSON.stringify(bridge), before);
});

test('escapeMarkdown leaves no live link, image, HTML, emphasis or table cell', () => {
  const out = escapeMarkdown(`${HOSTILE.md} ${HOSTILE.script} ${HOSTILE.img} www.example.com http://x.invalid a@b.invalid\nsecond | line`);
  assert.doesNotMatch(out, /(?<!\\)\[/);
  assert.doesNotMatch(out, /(?<!\\)\]\(/);
  assert.doesNotMatch(out, /</);
  assert.doesNotMatch(out, /(?<!\\)\|/);
  assert.doesNotMatch(out, /(?<!\\)\*\*/);
  assert.doesNotMatch(out, /(?<!\\)`/);
  assert.doesNotMatch(out, /http:\/\//);
  assert.doesNotMatch(out, /www\.example/);
  assert.doesNotMatch(out, /\n/);
  assert.match(out, /&lt;script&gt;/);
});

test('the Markdown report of a hostile article is escaped: no raw HTML, links, images or broken tables', () => {
  const out = renderers.md(hostile, { color: false });
  // No raw tag from the article survives (the report itself writes none).
  assert.doesNotMatch(out, /<(script|img|a|b|style|textarea|\/textarea)\b/i);
  assert.doesNotMatch(out, /(?<!\\)\[totally safe(?<!\\)\]\(/);
  assert.doesNotMatch(out, /!\[x\]\(/);
  assert.doesNotMatch(out, /(?<!\\)javascript:alert\(1\)\)/);
  assert.ok(out.includes('&lt;script&gt;window.\\_\\_pwned \\= "script"&lt;/script&gt;'), 'the script tag shows as text');
  assert.match(out, /\\\[totally safe\\\]\\\(javascript:alert\\\(1\\\)\\\)/);
  // Every table row keeps its column count: article text adds no cells.
  const lines = out.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^\| --- /.test(lines[i])) continue;
    const cells = (line: string) => line.replace(/\\\|/g, '').split('|').length;
    const width = cells(lines[i]);
    for (let j = i + 1; j < lines.length && lines[j].startsWith('|'); j++) assert.equal(cells(lines[j]), width, lines[j]);
  }
  // The Mermaid block: labels carry no quote, bracket or semicolon from the article.
  const mermaid = out.slice(out.indexOf('```mermaid'), out.indexOf('```', out.indexOf('```mermaid') + 3));
  for (const line of mermaid.split('\n').filter((l) => /^\s+n\d+[[(]/.test(l))) assert.match(line, /^\s+n\d+(\[\[|\(|\[)"[^"]*"(\]\]|\)|\])$/);
  assert.ok(mermaid.includes('#34;#93;#59; click X href'), 'the injected Mermaid statement stays inside a label');
});

test('CSV: one row per attribution, quoted fields, formulas neutralised', () => {
  const out = renderers.csv(bridge, { color: false });
  const lines = out.trimEnd().split('\r\n');
  assert.equal(lines.length, 1 + bridge.articles.reduce((n, a) => n + a.attributions.length, 0));
  assert.match(lines[0], /^article,file,publisher,attribution,/);
  const hostileCsv = renderers.csv(hostile, { color: false });
  assert.doesNotMatch(hostileCsv, /(^|,)[=+@-]/m, 'no cell starts a formula');
  assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField(null), '');
});

test('--out files: one per article plus index, names safe whatever the input is called', () => {
  const files = reportFiles(hostile, 'md', { color: false });
  assert.deepEqual([...files.keys()], ['index.md', '01-evil-name.md']);
  for (const name of [...reportFiles(bridge, 'html', { color: false }).keys()]) assert.match(name, /^[a-z0-9][a-z0-9._-]*$/);
  assert.equal(safeFileName('../../etc/passwd'), 'passwd');
  assert.equal(safeFileName('CON'), 'article-con');
  assert.equal(safeFileName('index'), 'article-index');
  assert.equal(safeFileName('...'), 'article');
  assert.equal(safeFileName('Ünïcödé name?.txt'), 'unicode-name.txt');
  const csvFiles = reportFiles(bridge, 'csv', { color: false });
  assert.deepEqual([...csvFiles.keys()].sort(), ['articles.csv', 'attributions.csv', 'claims.csv', 'graph-edges.csv', 'graph-nodes.csv', 'stories.csv']);
  // A per-article report keeps only its own part of the corpus.
  const one = articleReport(bridge, bridge.articles[2]);
  assert.equal(one.articles.length, 1);
  assert.ok(one.corpus.graph.edges.every((e) => e.articles.includes(bridge.articles[2].id)));
  assert.ok(one.corpus.sharedClaims.every((c) => c.mentions.some((m) => m.article === bridge.articles[2].id)));
});

test('an article without a publisher is named by its site or the agency it copies, never by its file id', async () => {
  const { shortName, graphNodeLabel } = await import('../lib/report/text.js');
  const r = structuredClone(bridge);
  const a = r.articles[0];
  a.publisher = null;
  a.url = 'https://www.example-news.test/2024/05/story.html';
  assert.equal(shortName(a), 'example-news.test');
  a.url = 'not a url';
  a.origin.agency = 'Yonhap';
  assert.equal(shortName(a), 'Yonhap copy, publisher unknown');
  a.origin.agency = null;
  assert.equal(shortName(a), 'publisher unknown');
  const node = { id: 'p', label: a.id, kind: 'publisher' as const, type: null, country: null, article: a.id };
  assert.equal(graphNodeLabel(r, node), 'publisher unknown');
  assert.equal(graphNodeLabel(r, { ...node, kind: 'source' as const }), a.id);
  // The tables, stories, claims and chains name it so (the bridge story's first article).
  const md = renderers.md(r, { color: false });
  assert.match(md, /: 1\. publisher unknown; 2\. ViralNow Daily/);
  assert.match(md, /wire copy carried by publisher unknown \\\(article 1\\\)/);
  // Its discussion question opens a sentence with the page, capitalized.
  assert.match(md, /Who is behind it\? This page published it/);
  assert.match(renderers.terminal(r, { color: false }), /1\. publisher unknown; 2\. ViralNow Daily/);
});
