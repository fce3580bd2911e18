import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { readInputs } from '../lib/ingest/sources.js';
import { globMatcher } from '../lib/ingest/glob.js';
import type { InputItem } from '../lib/types.js';
import { CLI, schemaErrors } from './helpers.js';
import { gzipRecords, httpResponse, page, prose, record } from './warc-builder.js';

async function collect(paths: string[], stdin?: Buffer): Promise<InputItem[]> {
  const out: InputItem[] = [];
  for await (const item of readInputs(paths, { stdin: stdin ? Readable.from([stdin]) : undefined })) out.push(item);
  return out;
}

const docs = (items: InputItem[]) => items.flatMap((i) => (i.kind === 'doc' ? [i.doc] : []));
const errs = (items: InputItem[]) => items.flatMap((i) => (i.kind === 'error' ? [i.error] : []));

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'st-ingest-'));
}

function sampleWarc(): Buffer[] {
  const resourceId = '<urn:uuid:aaaaaaaa-0000-0000-0000-000000000001>';
  return [
    record({ type: 'warcinfo', contentType: 'application/warc-fields', block: 'software: test\r\n' }),
    record({ type: 'request', uri: 'https://news.example/a', contentType: 'application/http; msgtype=request', block: 'GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n' }),
    record({ type: 'response', uri: 'https://news.example/a', contentType: 'application/http; msgtype=response', block: httpResponse(page('Harbour budget', [prose(1)])) }),
    record({ type: 'response', uri: 'https://news.example/missing', contentType: 'application/http; msgtype=response', block: httpResponse('<html><body>gone</body></html>', 'text/html', '404 Not Found') }),
    record({ type: 'response', uri: 'https://news.example/logo.png', contentType: 'application/http; msgtype=response', block: httpResponse(Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'image/png') }),
    record({ type: 'metadata', uri: 'https://news.example/a', contentType: 'application/warc-fields', block: 'via: https://news.example/\r\n' }),
    record({ type: 'revisit', uri: 'https://news.example/a', contentType: 'application/http; msgtype=response', block: '' }),
    record({ type: 'resource', id: resourceId, uri: 'https://news.example/b', contentType: 'text/html', block: page('School opens', [prose(2)]) }),
    record({ type: 'conversion', uri: 'https://news.example/b', refersTo: resourceId, contentType: 'text/html', block: page('School opens (annotated)', [prose(2)]) }),
  ];
}

test('WARC: response and resource records with HTML are documents; the rest is skipped', async () => {
  const dir = tmp();
  writeFileSync(join(dir, 'crawl.warc'), Buffer.concat(sampleWarc()));
  writeFileSync(join(dir, 'crawl.warc.gz'), gzipRecords(sampleWarc()));
  for (const name of ['crawl.warc', 'crawl.warc.gz']) {
    const items = await collect([join(dir, name)]);
    assert.deepEqual(errs(items), [], name);
    const d = docs(items);
    assert.deepEqual(
      d.map((x) => [x.file.split('/').pop(), x.format, x.meta?.url, x.meta?.crawlDate]),
      [
        [`${name}#3`, 'html', 'https://news.example/a', '2024-05-01'],
        [`${name}#8`, 'html', 'https://news.example/b', '2024-05-01'],
      ],
    );
    assert.match(d[0].content, /Harbour budget/);
  }
});

test('WARC: a conversion record of a record outside the file (a WET file) is a text document', async () => {
  const dir = tmp();
  const wet = [
    record({ type: 'warcinfo', contentType: 'application/warc-fields', block: 'software: test\r\n' }),
    record({ type: 'conversion', uri: 'https://news.example/c', refersTo: '<urn:uuid:elsewhere>', contentType: 'text/plain', block: prose(3) }),
  ];
  writeFileSync(join(dir, 'x.warc.wet.gz'), gzipRecords(wet));
  const items = await collect([join(dir, 'x.warc.wet.gz')]);
  assert.deepEqual(errs(items), []);
  assert.deepEqual(docs(items).map((d) => d.format), ['text']);
});

test('WARC: a record whose Content-Length lies is an error entry file#N; the records after it are read', async () => {
  const dir = tmp();
  const recs = sampleWarc();
  const body = page('Lying length', [prose(4)]);
  recs.splice(3, 0, record({ type: 'resource', uri: 'https://news.example/lie', contentType: 'text/html', block: body, contentLength: 40 }));
  writeFileSync(join(dir, 'lie.warc'), Buffer.concat(recs));
  const items = await collect([join(dir, 'lie.warc')]);
  const e = errs(items);
  assert.equal(e.length, 1, JSON.stringify(e));
  assert.equal(e[0].file.split('/').pop(), 'lie.warc#4');
  assert.match(e[0].message, /Content-Length/);
  // The records after the liar are still found.
  assert.ok(docs(items).some((d) => d.meta?.url === 'https://news.example/b'));
});

test('WARC.gz cut off in the middle: the complete records are documents, the cut is one error entry', async () => {
  const dir = tmp();
  const whole = gzipRecords(sampleWarc());
  writeFileSync(join(dir, 'cut.warc.gz'), whole.subarray(0, Math.floor(whole.length * 0.8)));
  const items = await collect([join(dir, 'cut.warc.gz')]);
  assert.ok(docs(items).some((d) => d.meta?.url === 'https://news.example/a'));
  const e = errs(items);
  assert.equal(e.length, 1, JSON.stringify(e));
  assert.match(e[0].file, /cut\.warc\.gz(#\d+)?$/);
});

test('WARC: the HTTP charset decodes the payload', async () => {
  const dir = tmp();
  const latin1 = Buffer.from(page('Café', [`Le maire a déclaré que le café ouvrira. ${prose(5)}`]), 'latin1');
  writeFileSync(
    join(dir, 'l1.warc'),
    record({ type: 'response', uri: 'https://news.example/cafe', contentType: 'application/http; msgtype=response', block: httpResponse(latin1, 'text/html; charset=ISO-8859-1') }),
  );
  const d = docs(await collect([join(dir, 'l1.warc')]));
  assert.equal(d.length, 1);
  assert.match(d[0].content, /Le maire a déclaré que le café/);
});

test('HTML files: a <meta charset> is honoured when the bytes are not UTF-8', async () => {
  const dir = tmp();
  const html = `<html><head><meta charset="windows-1252"><title>x</title></head><body><p>“Quoted” words – here</p></body></html>`;
  writeFileSync(join(dir, 'p.html'), encode1252(html));
  const d = docs(await collect([join(dir, 'p.html')]));
  assert.equal(d[0].format, 'html');
  assert.match(d[0].content, /“Quoted” words – here/);
  assert.equal(d[0].encoding, 'windows-1252');
});

function encode1252(s: string): Buffer {
  const map: Record<string, number> = { '“': 0x93, '”': 0x94, '–': 0x96 };
  return Buffer.from([...s].map((c) => map[c] ?? c.charCodeAt(0)));
}

test('JSONL: one document per line; bad lines are error entries with their line numbers', async () => {
  const dir = tmp();
  const lines = [
    JSON.stringify({ text: prose(6), url: 'https://news.example/6', title: 'Six', published: '2024-05-02', publisher: 'Example News' }),
    '',
    '{"text": "unterminated',
    JSON.stringify({ html: page('Seven', [prose(7)]), url: 'https://news.example/7' }),
    JSON.stringify({ url: 'https://news.example/no-text' }),
    JSON.stringify({ text: prose(8), url: 42 }),
    '[1, 2]',
  ];
  writeFileSync(join(dir, 'feed.jsonl'), lines.join('\n') + '\n');
  const items = await collect([join(dir, 'feed.jsonl')]);
  const d = docs(items);
  assert.deepEqual(
    d.map((x) => [x.file.split('/').pop(), x.format, x.meta?.url, x.meta?.title ?? null]),
    [
      ['feed.jsonl#1', 'text', 'https://news.example/6', 'Six'],
      ['feed.jsonl#4', 'html', 'https://news.example/7', null],
    ],
  );
  assert.equal(d[0].meta?.publisher, 'Example News');
  assert.deepEqual(
    errs(items).map((e) => [e.file.split('/').pop(), e.message.replace(/ \(.*\)$/, '')]),
    [
      ['feed.jsonl#3', 'line 3: invalid JSON'],
      ['feed.jsonl#5', 'line 5: no "text" or "html" string'],
      ['feed.jsonl#6', 'line 6: "url" must be a string'],
      ['feed.jsonl#7', 'line 7: not a JSON object'],
    ],
  );
});

test('stdin is sniffed: WARC, JSONL, HTML or text', async () => {
  assert.equal(docs(await collect(['-'], Buffer.concat(sampleWarc()))).length, 2);
  assert.equal(docs(await collect(['-'], gzipRecords(sampleWarc())))[1].meta?.url, 'https://news.example/b');
  assert.deepEqual(docs(await collect(['-'], Buffer.from(`${JSON.stringify({ text: prose(9) })}\n`))).map((d) => d.file), ['-#1']);
  assert.equal(docs(await collect(['-'], Buffer.from(page('T', [prose(10)]))))[0].format, 'html');
  assert.equal(docs(await collect(['-'], Buffer.from(prose(11))))[0].format, 'text');
});

test('directories are walked recursively in sorted order, filtered with --glob', async () => {
  const dir = tmp();
  mkdirSync(join(dir, 'b/deep'), { recursive: true });
  writeFileSync(join(dir, 'a.txt'), prose(12));
  writeFileSync(join(dir, 'b/deep/c.html'), page('C', [prose(13)]));
  writeFileSync(join(dir, 'b/feed.jsonl'), JSON.stringify({ text: prose(14) }) + '\n');
  writeFileSync(join(dir, 'b/notes.pdf'), '%PDF');
  const all = docs(await collect([dir])).map((d) => d.file.slice(dir.length + 1));
  assert.deepEqual(all, ['a.txt', 'b/deep/c.html', 'b/feed.jsonl#1']);
  const filtered: string[] = [];
  for await (const item of readInputs([dir], { glob: '**/*.{html,jsonl}' })) if (item.kind === 'doc') filtered.push(item.doc.file.slice(dir.length + 1));
  assert.deepEqual(filtered, ['b/deep/c.html', 'b/feed.jsonl#1']);
  assert.ok(globMatcher('*.txt')('x/y/z.txt'));
  assert.ok(!globMatcher('x/*.txt')('x/y/z.txt'));
  assert.ok(globMatcher('x/**/*.txt')('x/y/z.txt'));
});

function cli(args: string[], input?: Buffer | string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('CLI: a mix of WARC, JSONL, HTML, text and stdin in one run; --jobs 2 output equals --jobs 1 byte for byte', () => {
  const dir = tmp();
  writeFileSync(join(dir, 'crawl.warc.gz'), gzipRecords(sampleWarc()));
  writeFileSync(join(dir, 'feed.jsonl'), [JSON.stringify({ text: prose(15), url: 'https://x.example/15' }), 'not json', JSON.stringify({ html: page('H', [prose(16)]) })].join('\n'));
  writeFileSync(join(dir, 'page.html'), page('Page', [prose(17), prose(18)]));
  writeFileSync(join(dir, 'story.txt'), prose(19));
  const stdin = JSON.stringify({ text: prose(20) }) + '\n';
  const one = cli(['analyze', '--format', 'json', '--jobs', '1', dir, '-'], stdin);
  const two = cli(['analyze', '--format', 'json', '--jobs', '2', dir, '-'], stdin);
  const inProcess = cli(['analyze', '--format', 'json', '--jobs', '0', dir, '-'], stdin);
  assert.equal(one.code, 1, one.stderr);
  const report = JSON.parse(one.stdout);
  assert.equal(schemaErrors(report), '');
  assert.deepEqual(
    report.articles.map((a: { id: string }) => a.id),
    ['crawl-3', 'crawl-8', 'feed-1', 'feed-3', 'page', 'story', '--1'],
  );
  assert.deepEqual(report.errors.map((e: { file: string }) => e.file.slice(dir.length + 1)), ['feed.jsonl#2']);
  assert.equal(two.stdout, one.stdout);
  assert.equal(inProcess.stdout, one.stdout);
  assert.equal(one.stderr.trim().split('\n').length, 1, 'one line per error, no progress bar when stderr is not a TTY');
});
