import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { CLI, fixture } from './helpers.js';

function run(args: string[], env: Record<string, string> = {}) {
  const base = { ...process.env };
  delete base.NO_COLOR;
  delete base.FORCE_COLOR;
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...base, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const input = fixture('articles/plain-wire-repost.txt');
const ANSI = /\u001b\[/;

test('terminal colour: on with FORCE_COLOR, off with NO_COLOR, --no-color or a pipe', () => {
  assert.match(run(['analyze', '-q', input], { FORCE_COLOR: '1' }).stdout, ANSI);
  assert.doesNotMatch(run(['analyze', '-q', input], { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout, ANSI);
  assert.doesNotMatch(run(['analyze', '-q', '--no-color', input], { FORCE_COLOR: '1' }).stdout, ANSI);
  assert.doesNotMatch(run(['analyze', '-q', input]).stdout, ANSI, 'stdout is a pipe here');
});

test('--format md, html and csv print their report', () => {
  assert.match(run(['analyze', '-q', '--format', 'md', input]).stdout, /^# Who is speaking\?/);
  const html = run(['analyze', '-q', '--format', 'html', input]).stdout;
  assert.match(html, /^<!doctype html>/);
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  assert.doesNotMatch(html, /<(link|img|iframe)\b|src="http/, 'no external assets');
  assert.match(run(['analyze', '-q', '--format', 'csv', input]).stdout, /^article,file,publisher,attribution,/);
});

test('--out DIR writes one file per article plus index files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'st-out-'));
  const r = run(['analyze', '-q', '--out', dir, fixture('articles')]);
  assert.equal(r.code, 0, r.stderr);
  const files = readdirSync(dir).sort();
  assert.ok(files.includes('index.md'));
  const perArticle = files.filter((f) => f !== 'index.md');
  assert.ok(perArticle.length >= 1);
  for (const f of perArticle) assert.match(f, /^\d{2,}-[a-z0-9][a-z0-9._-]*\.md$/);
  assert.match(readFileSync(join(dir, 'index.md'), 'utf8'), /^# Who is speaking\?/);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /wrote \d+ files to /);

  const csvDir = mkdtempSync(join(tmpdir(), 'st-out-csv-'));
  assert.equal(run(['analyze', '-q', '--format', 'csv', '--out', csvDir, input]).code, 0);
  assert.deepEqual(readdirSync(csvDir).sort(), ['articles.csv', 'attributions.csv', 'claims.csv', 'graph-edges.csv', 'graph-nodes.csv', 'stories.csv']);
});

test('render shows a saved Report in another format; a file that is not a Report is refused', () => {
  const r = run(['render', fixture('reports/bridge.json'), '--format', 'md']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^# Who is speaking\? A source report on 5 articles/);
  const bad = run(['render', fixture('lexicons-broken/outlets.json')]);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /^sourcetrace: .*outlets\.json: not a sourcetrace Report: /);
  assert.equal(bad.stdout, '');
  const missing = run(['render', join(tmpdir(), 'no-such-report.json')]);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /no such file/);
});
