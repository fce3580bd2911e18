import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CLI, ROOT, fixture, schemaErrors } from './helpers.js';

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('analyze --format json prints a Report that validates against the schema', () => {
  const r = run(['analyze', '--format', 'json', fixture('articles/plain-wire-repost.txt')]);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.equal(schemaErrors(report), '');
  assert.equal(report.articles.length, 1);
  assert.deepEqual(report.errors, []);
});

test('bad inputs become one-line errors, the rest is analyzed, exit code 1', () => {
  const dir = mkdtempSync(join(tmpdir(), 'st-bad-'));
  writeFileSync(join(dir, 'empty.txt'), '');
  writeFileSync(join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
  const r = run(['analyze', '--format', 'json', join(dir, 'empty.txt'), join(dir, 'binary.txt'), join(dir, 'missing.txt'), fixture('articles/plain-wire-repost.txt')]);
  assert.equal(r.code, 1);
  const report = JSON.parse(r.stdout);
  assert.equal(schemaErrors(report), '');
  assert.equal(report.articles.length, 1);
  const messages = Object.fromEntries(report.errors.map((e: { file: string; message: string }) => [e.file.split('/').pop(), e.message]));
  assert.equal(messages['empty.txt'], 'empty file');
  assert.equal(messages['binary.txt'], 'binary content, not text');
  assert.equal(messages['missing.txt'], 'no such file or directory');
  const lines = r.stderr.trim().split('\n');
  assert.equal(lines.length, 3, r.stderr);
  for (const line of lines) assert.match(line, /^sourcetrace: .+: .+$/);
  assert.doesNotMatch(r.stderr, /\bat .+:\d+:\d+/, 'no stack trace');
});

test('a broken lexicon stops the run with the file, entry and field, exit code 2', () => {
  const r = run(['analyze', '--lexicons', fixture('lexicons-broken'), fixture('articles/plain-wire-repost.txt')]);
  assert.equal(r.code, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /outlets\.json: entry 0 \(id "bad-kind"\), field kind: must be equal to one of the allowed values/);
});

test('standard input is read with -', () => {
  const r = run(['analyze', '--format', 'json', '-'], 'LONDON (Reuters) - The minister said on Monday that talks would resume.\n');
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.equal(report.articles[0].file, '-');
});

test('the same input gives the same Report byte for byte', () => {
  const a = run(['analyze', '--format', 'json', fixture('articles')]);
  const b = run(['analyze', '--format', 'json', fixture('articles')]);
  assert.equal(a.stdout, b.stdout);
});

test('--lexicons adds a user\'s countries and outlets on top of the bundled ones (the examples)', () => {
  const file = join(ROOT, 'examples/01-wire-repost.txt');
  const without = JSON.parse(run(['analyze', '--format', 'json', '--jobs', '0', file]).stdout);
  const r = run(['analyze', '--format', 'json', '--jobs', '0', '--lexicons', join(ROOT, 'examples/lexicons'), file]);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.equal(schemaErrors(report), '');
  // The invented outlet is unknown to the bundled lexicon and known with the examples' one.
  assert.equal(without.articles[0].publisher?.kind ?? null, null);
  assert.deepEqual(report.articles[0].publisher, { ...report.articles[0].publisher, name: 'Northshore Courier', kind: 'newspaper', country: 'XE' });
  // "Dornland's foreign ministry said ..." now resolves to the invented country's code.
  const ministry = report.articles[0].attributions.find((a: { source: { text: string } }) => a.source.text === "Dornland's foreign ministry");
  assert.ok(ministry, 'the ministry is a source');
  assert.equal(ministry.source.country, 'XD');
  // Bundled entries are still there.
  assert.ok(report.lexicons.find((l: { id: string; entries: number }) => l.id === 'countries' && l.entries > 2));
});

test('an input with no article text is reported with a warning in the terminal and Markdown reports', () => {
  const dir = mkdtempSync(join(tmpdir(), 'st-empty-body-'));
  const file = join(dir, 'menu.txt');
  writeFileSync(file, 'Home\nMenu\nShare\nSubscribe\n');
  const terminal = run(['analyze', '--jobs', '0', file]);
  assert.equal(terminal.code, 0, terminal.stderr);
  assert.match(terminal.stdout, /^ {3}warning: No article text was found in this input/m);
  const md = run(['analyze', '--jobs', '0', '--format', 'md', file]);
  assert.match(md.stdout, /^- \*\*Warning:\*\* No article text was found/m);
  const json = JSON.parse(run(['analyze', '--jobs', '0', '--format', 'json', file]).stdout);
  assert.deepEqual(json.articles[0].findings.map((f: { ruleId: string }) => f.ruleId), ['input/empty-body']);
});
