import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { renderJson, renderJsonChunks } from '../lib/report/json.js';
import type { Report } from '../lib/types.js';
import { fixture } from './helpers.js';

test('JSON in pieces: joined, the very bytes of renderJson (a saved Report)', () => {
  const report = JSON.parse(readFileSync(fixture('reports/bridge.json'), 'utf8')) as Report;
  const pieces = [...renderJsonChunks(report)];
  assert.ok(pieces.length > report.articles.length, 'one piece per article at least');
  assert.equal(pieces.join(''), renderJson(report));
});

test('JSON in pieces: the same text as JSON.stringify for any value, at any depth', () => {
  // Values as plain data may hold them: nested objects and arrays, empty ones, undefined members and items, odd strings.
  const value = fc.anything({ maxDepth: 4, withNullPrototype: false, withBoxedValues: false, withMap: false, withSet: false, withTypedArray: false, withSparseArray: false, withBigInt: false, withDate: true });
  fc.assert(
    fc.property(value, fc.integer({ min: 0, max: 5 }), (v, depth) => {
      fc.pre(v !== undefined);
      assert.equal([...renderJsonChunks(v as Report, depth)].join(''), JSON.stringify(v, null, 2) + '\n');
    }),
    { numRuns: 500 },
  );
  const tricky = { a: [undefined, () => 1, 'x\ny', {}, []], b: undefined, c: { d: [{ e: 'line\nbreak', f: [1, [2, [3]]] }] }, '\n': 'key' };
  for (let depth = 0; depth < 5; depth++) assert.equal([...renderJsonChunks(tricky as unknown as Report, depth)].join(''), JSON.stringify(tricky, null, 2) + '\n');
});
