import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseHTML } from 'linkedom';
import { blockTexts, extractHtml, MAX_NESTING, treeDepth } from '../lib/extract/html.js';

type Root = Parameters<typeof treeDepth>[0];
type BlockRoot = Parameters<typeof blockTexts>[0];

test('treeDepth: element nesting below the root, text and comments not counted', () => {
  const { document } = parseHTML('<html><head><title>t</title></head><body><div><p>a <b>b</b></p><!-- c --></div><p>d</p></body></html>');
  // html > body > div > p > b: four levels below the root.
  assert.equal(treeDepth(document.documentElement as unknown as Root), 4);
  assert.equal(treeDepth(document.querySelector('p') as unknown as Root), 1);
  assert.equal(treeDepth(document.querySelector('b') as unknown as Root), 0);
});

test('a page nested past MAX_NESTING (but under the pre-parse estimate) is refused after parsing', () => {
  const deep = (n: number) => `<html><body>${'<span>'.repeat(n)}deep${'</span>'.repeat(n)}<p>After the spans.</p></body></html>`;
  assert.throws(() => extractHtml({ file: 'deep.html', content: deep(MAX_NESTING + 10), format: 'html' }), /nested deeper than 400/);
  assert.doesNotThrow(() => extractHtml({ file: 'ok.html', content: deep(MAX_NESTING - 10), format: 'html' }));
});

test('blockTexts: one line per block, inline text joined, whitespace collapsed, comments skipped', () => {
  const { document } = parseHTML(
    '<html><body>Lead <i>in</i><div><p>First  para<br>graph.</p><span>loose</span> text<!-- hidden --></div><ul><li>one</li><li></li><li>two</li></ul>tail</body></html>',
  );
  assert.deepEqual(blockTexts(document.body as unknown as BlockRoot), ['Lead in', 'First para', 'graph.', 'loose text', 'one', 'two', 'tail']);
  assert.deepEqual(blockTexts(document.querySelector('li') as unknown as BlockRoot), ['one']);
});
