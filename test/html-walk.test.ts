import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseHTML } from 'linkedom';
import { blockTexts, extractHtml, MAX_NESTING, treeDepth } from '../lib/extract/html.js';
import { loadLexicons } from '../lib/lexicon/load.js';

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

test('script and style bodies are code, not page text: no copyright or publisher from them, photo credits still read', () => {
  const { document } = parseHTML('<html><body><p>Seen</p><script>var c = "Copyright 2007 WidgetCo";</script><style>p{color:red}</style><p>Also seen</p></body></html>');
  assert.deepEqual(blockTexts(document.body as unknown as BlockRoot), ['Seen', 'Also seen']);

  const prose = Array.from({ length: 6 }, (_, i) => `<p>Paragraph ${i + 1} of the council story says the bridge will reopen in spring after repairs to its two pillars, officials said on Monday.</p>`).join('');
  const page = `<html><head><title>Bridge to reopen in spring</title></head><body>
    <div class="weather"><script>document.write("Sunny, 21C. Copyright 2007 WidgetCo");</script></div>
    <article><h1>Bridge to reopen in spring</h1>${prose}</article>
    <script type="text/javascript">var gallery = [{src: "a.jpg", caption: "Workers inspect a pillar on Monday. (AP Photo/Jane Doe)"}];</script>
    </body></html>`;
  const lexicons = loadLexicons();
  const article = extractHtml({ file: 'widget.html', content: page, format: 'html' }, lexicons);
  assert.notEqual(article.publisher?.name, 'WidgetCo');
  assert.ok(!article.credits.some((c) => c.text.includes('WidgetCo')), JSON.stringify(article.credits));
  assert.deepEqual(article.imageCredits, ['AP Photo/Jane Doe']);
});
