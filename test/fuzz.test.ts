/**
 * Bad input, generated here: random bytes through every reader, mutated WARC
 * and JSONL files, HTML nested 100,000 deep, a 200 MB single line, invalid
 * UTF-8, a zip bomb. Each must end as documents and error entries, never an
 * exception or a hang, and the good inputs beside it must still be analyzed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { createGzip, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { readInputs } from '../lib/ingest/sources.js';
import { readJsonl } from '../lib/ingest/jsonl.js';
import { extractHtml } from '../lib/extract/html.js';
import type { InputItem } from '../lib/types.js';
import { CLI, schemaErrors } from './helpers.js';
import { gzipRecords, httpResponse, page, prose, record } from './warc-builder.js';

const dir = mkdtempSync(join(tmpdir(), 'st-fuzz-'));
let fileNo = 0;

async function readAll(name: string, bytes: Uint8Array): Promise<InputItem[]> {
  const path = join(dir, `${++fileNo}-${name}`);
  writeFileSync(path, bytes);
  const out: InputItem[] = [];
  for await (const item of readInputs([path])) out.push(item);
  return out;
}

function wellFormed(items: InputItem[]): boolean {
  return items.every((i) =>
    i.kind === 'doc' ? typeof i.doc.content === 'string' && i.doc.content.length > 0 : typeof i.error.message === 'string' && !i.error.message.includes('\n'),
  );
}

const NAMES = ['x.warc', 'x.warc.gz', 'x.jsonl', 'x.jsonl.gz', 'x.html', 'x.html.gz', 'x.txt', 'noext'];

function validWarc(): Buffer[] {
  return [
    record({ type: 'warcinfo', contentType: 'application/warc-fields', block: 'software: fuzz\r\n' }),
    record({ type: 'response', uri: 'https://n.example/a', contentType: 'application/http; msgtype=response', block: httpResponse(page('A', [prose(1)])) }),
    record({ type: 'resource', uri: 'https://n.example/b', contentType: 'text/html', block: page('B', [prose(2)]) }),
  ];
}

test('random bytes through every reader: only documents and one-line errors', async () => {
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(...NAMES), fc.uint8Array({ minLength: 0, maxLength: 3000 }), async (name, bytes) => {
      assert.ok(wellFormed(await readAll(name, bytes)));
    }),
    { numRuns: 120, seed: 7 },
  );
});

test('mutated WARC, WARC.gz and JSONL (flipped bytes, cuts, splices): the reader goes on', async () => {
  const warc = Buffer.concat(validWarc());
  const warcGz = gzipRecords(validWarc());
  const jsonl = Buffer.from([prose(3), prose(4), prose(5)].map((t, i) => JSON.stringify({ text: t, url: `https://n.example/${i}` })).join('\n'));
  const bases: [string, Buffer][] = [
    ['m.warc', warc],
    ['m.warc.gz', warcGz],
    ['m.jsonl', jsonl],
  ];
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...bases),
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
      fc.option(fc.nat(), { nil: undefined }),
      async ([name, base], flips, cut) => {
        const bytes = Buffer.from(base);
        for (const [at, value] of flips) bytes[at % bytes.length] = value;
        const mutated = cut === undefined ? bytes : bytes.subarray(0, cut % bytes.length);
        assert.ok(wellFormed(await readAll(name, mutated)));
      },
    ),
    { numRuns: 150, seed: 11 },
  );
});

test('a WARC.gz of 100+ KB with corrupt deflate data in the middle ends with an error entry, not a hang; the records before it stand', async () => {
  const records = Array.from({ length: 300 }, (_, i) => record({ type: 'resource', uri: `https://n.example/${i}`, contentType: 'text/html', block: page(`P${i}`, [prose(i), prose(i + 1000)]) }));
  const bytes = gzipRecords(records);
  assert.ok(bytes.length > 100_000, 'larger than one read chunk (the old cut check then stalled waiting for a drain)');
  for (let k = 0; k < 3; k++) bytes[Math.floor(bytes.length / 2) + k * 97] ^= 0x5a;
  let timer: NodeJS.Timeout | undefined;
  const items = await Promise.race([
    readAll('corrupt.warc.gz', bytes),
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('the reader hung')), 20_000))),
  ]).finally(() => clearTimeout(timer));
  const docs = items.filter((i) => i.kind === 'doc').length;
  const errors = items.filter((i) => i.kind === 'error');
  assert.ok(docs >= 100 && docs < 300, `${docs} documents`);
  assert.equal(errors.length, 1);
  assert.match(errors[0].kind === 'error' ? errors[0].error.message : '', /corrupt gzip data/);
});

test('HTML nested 100,000 deep is refused quickly with a clear error', () => {
  const n = 100_000;
  const html = `<html><body>${'<div>'.repeat(n)}deep${'</div>'.repeat(n)}<p>${prose(6)}</p></body></html>`;
  const started = Date.now();
  assert.throws(() => extractHtml({ file: 'deep.html', content: html, format: 'html' }), /nested deeper than/);
  assert.ok(Date.now() - started < 2000, 'refused before parsing');
});

test('a 200 MB single line costs the line cap, not 200 MB: an error entry, and the next line is read', async () => {
  const MB = 1024 * 1024;
  const chunk = Buffer.alloc(MB, 0x61); // 'a', reused: nothing large is ever allocated
  async function* source() {
    yield Buffer.from('{"text": "');
    for (let i = 0; i < 200; i++) yield chunk;
    yield Buffer.from(`"}\n${JSON.stringify({ text: prose(7) })}\n`);
  }
  const before = process.memoryUsage().rss;
  const items: InputItem[] = [];
  for await (const item of readJsonl('big.jsonl', source())) items.push(item);
  assert.equal(items.length, 2);
  assert.equal(items[0].kind, 'error');
  assert.match(items[0].kind === 'error' ? items[0].error.message : '', /^line 1 too long \(\d+ bytes; the limit is \d+\)$/);
  assert.equal(items[1].kind, 'doc');
  assert.ok(process.memoryUsage().rss - before < 100 * MB, 'memory stayed bounded');
});

test('a 200 MB single line on stdin (plain text) stops at the size limit', async () => {
  const chunk = Buffer.alloc(1024 * 1024, 0x62);
  const stdin = Readable.from((function* () {
    for (let i = 0; i < 200; i++) yield chunk;
  })());
  const items: InputItem[] = [];
  for await (const item of readInputs(['-'], { stdin })) items.push(item);
  assert.deepEqual(items.map((i) => i.kind), ['error']);
  assert.match(items[0].kind === 'error' ? items[0].error.message : '', /too large/);
});

test('invalid UTF-8 is decoded (as Windows-1252), not fatal', async () => {
  const bytes = Buffer.concat([Buffer.from('The mayor said the caf'), Buffer.from([0xe9, 0xc3, 0x28, 0xff]), Buffer.from(' would reopen on Monday.')]);
  const items = await readAll('bad-utf8.txt', bytes);
  assert.equal(items[0].kind, 'doc');
  assert.match(items[0].kind === 'doc' ? items[0].doc.content : '', /caf\u00e9/);
});

test('a zip bomb (.html.gz inflating to 200 MB) is an error entry once the size limit is passed', async () => {
  const gz = await new Promise<Buffer>((resolve, reject) => {
    const z = createGzip({ level: 9 });
    const parts: Buffer[] = [];
    z.on('data', (d: Buffer) => parts.push(d));
    z.on('end', () => resolve(Buffer.concat(parts)));
    z.on('error', reject);
    const spaces = Buffer.alloc(1024 * 1024, 0x20);
    z.write(Buffer.from('<html><body><p>'));
    for (let i = 0; i < 200; i++) z.write(spaces);
    z.end('</p></body></html>');
  });
  assert.ok(gz.length < 1024 * 1024, 'the bomb is small');
  const items = await readAll('bomb.html.gz', gz);
  assert.deepEqual(items.map((i) => i.kind), ['error']);
  assert.match(items[0].kind === 'error' ? items[0].error.message : '', /too large once decompressed/);
  // The same inside a WARC record that claims to be huge.
  const warc = gzipSync(record({ type: 'resource', uri: 'https://n.example/huge', contentType: 'text/html', block: 'x', contentLength: 2 ** 31 }));
  const w = await readAll('bomb.warc.gz', warc);
  assert.ok(w.every((i) => i.kind === 'error'));
});

test('CLI: every bad input is one error entry, the good ones are analyzed, nothing hangs', () => {
  const d = mkdtempSync(join(tmpdir(), 'st-fuzz-cli-'));
  writeFileSync(join(d, 'good.txt'), prose(8));
  writeFileSync(join(d, 'good.html'), page('Good', [prose(9), prose(10)]));
  writeFileSync(join(d, 'deep.html'), `<html><body>${'<div>'.repeat(100_000)}x${'</div>'.repeat(100_000)}</body></html>`);
  writeFileSync(join(d, 'random.warc.gz'), Buffer.from(Array.from({ length: 500 }, (_, i) => (i * 7919 + 13) % 256)));
  writeFileSync(join(d, 'trunc.warc.gz'), gzipRecords(validWarc()).subarray(0, 300));
  writeFileSync(join(d, 'lines.jsonl'), `{"text": ${JSON.stringify(prose(11))}}\n{oops}\n`);
  writeFileSync(join(d, 'bin.txt'), Buffer.from([0, 1, 2, 3, 0, 0, 0, 9]));
  const started = Date.now();
  const r = spawnSync(process.execPath, [CLI, 'analyze', '--format', 'json', '--jobs', '2', d], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 1, r.stderr);
  assert.ok(Date.now() - started < 60_000);
  const report = JSON.parse(r.stdout);
  assert.equal(schemaErrors(report), '');
  assert.deepEqual(report.articles.map((a: { id: string }) => a.id), ['good', 'good-2', 'lines-1']);
  const failed = report.errors.map((e: { file: string }) => e.file.slice(d.length + 1).replace(/#\d+$/, ''));
  assert.deepEqual([...new Set(failed)].sort(), ['bin.txt', 'deep.html', 'lines.jsonl', 'random.warc.gz', 'trunc.warc.gz']);
  for (const line of r.stderr.trim().split('\n')) assert.match(line, /^sourcetrace: \S.*: .+$/);
});

test('CLI: an article that overruns the time limit is an error entry and the run finishes', () => {
  const d = mkdtempSync(join(tmpdir(), 'st-limit-'));
  writeFileSync(join(d, 'a.txt'), prose(12, 300));
  writeFileSync(join(d, 'b.txt'), prose(13, 300));
  // 1 ms: no 300-sentence article is analyzed that fast.
  const r = spawnSync(process.execPath, [CLI, 'analyze', '--format', 'json', '--jobs', '1', '--time-limit', '0.001', d], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 1, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.deepEqual(report.articles, []);
  assert.deepEqual(report.errors.map((e: { message: string }) => e.message), ['analysis took longer than 0.001 s; skipped', 'analysis took longer than 0.001 s; skipped']);
});
