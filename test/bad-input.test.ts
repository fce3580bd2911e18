/**
 * Bad and awkward input: legacy encodings decoded right; empty, binary,
 * directory, missing and oversized inputs become one-line errors while the
 * other files are still analyzed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeBytes } from '../lib/ingest/decode.js';
import { documentFromBytes } from '../lib/ingest/files.js';
import { CLI, fixture, schemaErrors } from './helpers.js';

test('ISO-8859-1 bytes decode to the right characters', () => {
  // "Zürich café: São Paulo" in ISO-8859-1
  const bytes = Buffer.from([0x5a, 0xfc, 0x72, 0x69, 0x63, 0x68, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x3a, 0x20, 0x53, 0xe3, 0x6f, 0x20, 0x50, 0x61, 0x75, 0x6c, 0x6f]);
  const d = decodeBytes(bytes);
  assert.equal(d.text, 'Zürich café: São Paulo');
  assert.equal(d.encoding, 'windows-1252');
});

test('Windows-1252 curly quotes, dashes and the euro sign decode right', () => {
  // “Fair” – 5 € said Zoë (0x93 0x94 0x96 0x80 0xEB)
  const bytes = Buffer.from([0x93, 0x46, 0x61, 0x69, 0x72, 0x94, 0x20, 0x96, 0x20, 0x35, 0x20, 0x80, 0x20, 0x73, 0x61, 0x69, 0x64, 0x20, 0x5a, 0x6f, 0xeb]);
  assert.equal(decodeBytes(bytes).text, '“Fair” – 5 € said Zoë');
  const r = documentFromBytes('legacy.txt', bytes);
  assert.ok(r.ok);
  if (r.ok) assert.equal(r.doc.encoding, 'windows-1252');
});

test('UTF-8 stays UTF-8, with or without a BOM, and is NFC-normalized', () => {
  assert.equal(decodeBytes(Buffer.from('Zürich', 'utf8')).encoding, 'utf-8');
  assert.equal(decodeBytes(Buffer.from('\uFEFFZürich', 'utf8')).text, 'Zürich');
  const r = documentFromBytes('nfd.txt', Buffer.from('Zu\u0308rich', 'utf8'));
  assert.ok(r.ok && r.doc.content === 'Z\u00fcrich');
});

test('CLI: empty, binary, empty directory, missing and 50 MB inputs are one-line errors; the good file is analyzed; exit 1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'st-ingest-'));
  try {
    writeFileSync(join(dir, 'empty.txt'), '');
    writeFileSync(join(dir, 'blank.txt'), '  \n\n \t\n');
    writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 3, 0]));
    mkdirSync(join(dir, 'nothing-here'));
    writeFileSync(join(dir, 'latin1.txt'), Buffer.from('KARVIK \x96 The festival of northern lights opened on Friday, the organisers said, and the caf\xe9 on the square stayed open late.\n', 'latin1'));
    // 50 MB, written in chunks so the test stays light on memory.
    const big = join(dir, 'big.txt');
    const fd = openSync(big, 'w');
    const chunk = Buffer.alloc(1024 * 1024, 'word ');
    for (let i = 0; i < 50; i++) writeSync(fd, chunk);
    closeSync(fd);
    const inputs = ['empty.txt', 'blank.txt', 'binary.txt', 'nothing-here', 'missing.txt', 'big.txt', 'latin1.txt'].map((f) => join(dir, f));
    const r = spawnSync(process.execPath, [CLI, 'analyze', '--format', 'json', ...inputs, fixture('articles/plain-wire-repost.txt')], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    assert.equal(r.status, 1, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.equal(schemaErrors(report), '');
    const messages = Object.fromEntries(report.errors.map((e: { file: string; message: string }) => [e.file.split('/').pop(), e.message]));
    assert.match(messages['big.txt'], /^too large\b.*10\.0 MB/);
    delete messages['big.txt'];
    assert.deepEqual(messages, {
      'empty.txt': 'empty file',
      'blank.txt': 'no text (only whitespace)',
      'binary.txt': 'binary content, not text',
      'nothing-here': 'directory holds no readable files',
      'missing.txt': 'no such file or directory',
    });
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 6, r.stderr);
    for (const line of lines) assert.match(line, /^sourcetrace: \S+: [^\n]+$/);
    assert.doesNotMatch(r.stderr, /\bat .+:\d+:\d+/, 'no stack trace');
    assert.equal(report.articles.length, 2);
    const latin = report.articles.find((a: { file: string }) => a.file.endsWith('latin1.txt'));
    assert.match(latin.body.text, /café on the square/);
    assert.equal(latin.dateline, 'KARVIK');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
