/**
 * `sourcetrace eval boilerplate [DIR]`: does plain-text boilerplate removal
 * hold on pages it was not tuned on? For each page of Mozilla Readability's
 * test set (default ../shared/eval/readability-test-pages), the source HTML
 * is flattened to the text a crawler would save (one line per block element,
 * scripts and styles dropped, no use of markup beyond block boundaries), run
 * through the plain-text extractor, and compared with the text of
 * Readability's expected article: word-level precision, recall and F1
 * (multisets of lower-cased words, as in CleanEval), per page and in total.
 * English pages (expected text dense in English stopwords) are the main
 * figure; pages in other languages, where extraction falls back to length
 * and sentence shape, are totalled separately. The expected articles are
 * Readability's regression output, not independent annotation.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import { extractDetailed } from '../extract/index.js';
import { words } from '../extract/features.js';
import { extractCues } from '../extract/cues.js';
import { loadLexicons } from '../lexicon/load.js';
import { SHARED_DIR, type EvalSuite } from './index.js';

/** Below this English stopword density the expected text is taken for another language. */
export const ENGLISH_MIN_DENSITY = 0.25;

const BLOCK_TAGS = new Set(
  'ADDRESS ARTICLE ASIDE BLOCKQUOTE BR DD DETAILS DIV DL DT FIELDSET FIGCAPTION FIGURE FOOTER FORM H1 H2 H3 H4 H5 H6 HEADER HR LI MAIN NAV OL P PRE SECTION SUMMARY TABLE TBODY TD TFOOT TH THEAD TR UL'.split(' '),
);
const SKIP_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'IFRAME', 'OBJECT', 'HEAD']);

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

/** HTML to the block text a plain-text crawler saves: one line per block, blank lines between paragraphs. */
export function htmlToBlockText(html: string): string {
  // A fragment (Readability's expected output) has no <body> for linkedom to fill.
  const { document } = parseHTML(/<(body|html)[\s>]/i.test(html) ? html : `<!doctype html><html><body>${html}</body></html>`);
  const lines: string[] = [];
  let current = '';
  const flush = (blank: boolean) => {
    const t = current.replace(/\s+/g, ' ').trim();
    if (t) lines.push(t);
    if (blank && lines.length && lines[lines.length - 1] !== '') lines.push('');
    current = '';
  };
  const walk = (node: DomNode) => {
    if (node.nodeType === 3) {
      current += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9) return;
    const tag = node.nodeName.toUpperCase();
    if (SKIP_TAGS.has(tag)) return;
    const block = BLOCK_TAGS.has(tag);
    if (block) flush(tag === 'P' || /^H\d$/.test(tag));
    for (const child of Array.from(node.childNodes)) walk(child);
    if (block) flush(tag === 'P' || /^H\d$/.test(tag));
  };
  const body = document.body as unknown as DomNode | null;
  walk((body && body.childNodes.length ? body : document.documentElement) as unknown as DomNode);
  flush(false);
  return lines.join('\n');
}

/** Case-folded word counts of a text, for word-level precision and recall. */
export function bag(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const w of words(text)) {
    const k = w.toLowerCase();
    m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}

function overlap(a: Map<string, number>, b: Map<string, number>): number {
  let n = 0;
  for (const [k, v] of a) n += Math.min(v, b.get(k) ?? 0);
  return n;
}

const size = (m: Map<string, number>) => [...m.values()].reduce((s, v) => s + v, 0);

export const boilerplateSuite: EvalSuite = {
  name: 'boilerplate',
  description: 'plain-text boilerplate removal on Readability test pages flattened to text: word precision/recall/F1 against the expected article (default ../shared/eval/readability-test-pages)',
  run(args, print) {
    const dir = resolve(args[0] ?? join(SHARED_DIR, 'eval', 'readability-test-pages'));
    let names: string[];
    try {
      names = readdirSync(dir).filter((n) => statSync(join(dir, n)).isDirectory()).sort();
    } catch (e) {
      print(`boilerplate: cannot read ${dir}: ${(e as Error).message}`);
      return 2;
    }
    const lexicons = loadLexicons();
    const stop = extractCues(lexicons).stopwords;
    const all = { tp: 0, found: 0, gold: 0, f1s: [] as number[] };
    const other = { tp: 0, found: 0, gold: 0, f1s: [] as number[] };
    print(`boilerplate: ${dir}`);
    print('');
    print(`${'page'.padEnd(36)} ${'words'.padStart(6)} ${'P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)}  first body line`);
    for (const name of names) {
      let source: string;
      let expected: string;
      try {
        source = gunzipSync(readFileSync(join(dir, name, 'source.html.gz'))).toString('utf8');
        expected = gunzipSync(readFileSync(join(dir, name, 'expected.html.gz'))).toString('utf8');
      } catch {
        continue;
      }
      const goldText = htmlToBlockText(expected);
      const goldWords = words(goldText).map((w) => w.toLowerCase());
      const density = goldWords.length ? goldWords.filter((w) => stop.has(w)).length / goldWords.length : 0;
      if (goldWords.length < 50) continue;
      const english = density >= ENGLISH_MIN_DENSITY;
      const page = htmlToBlockText(source);
      const { article } = extractDetailed({ file: name, content: page, format: 'text' }, lexicons);
      const g = bag(goldText);
      const f = bag(article.body.text);
      const hit = overlap(f, g);
      const p = size(f) ? hit / size(f) : 0;
      const r = size(g) ? hit / size(g) : 0;
      const f1 = p + r ? (2 * p * r) / (p + r) : 0;
      const tally = english ? all : other;
      tally.tp += hit;
      tally.found += size(f);
      tally.gold += size(g);
      tally.f1s.push(f1);
      const first = article.body.text.split('\n')[0].slice(0, 50);
      print(`${(english ? name : `${name} (other)`).padEnd(36)} ${String(size(g)).padStart(6)} ${p.toFixed(3).padStart(6)} ${r.toFixed(3).padStart(6)} ${f1.toFixed(3).padStart(6)}  ${first}`);
    }
    const summary = (s: typeof all) => {
      const P = s.found ? s.tp / s.found : 0;
      const R = s.gold ? s.tp / s.gold : 0;
      const F = P + R ? (2 * P * R) / (P + R) : 0;
      const macro = s.f1s.length ? s.f1s.reduce((a, b) => a + b, 0) / s.f1s.length : 0;
      return `words: precision ${P.toFixed(3)}, recall ${R.toFixed(3)}, F1 ${F.toFixed(3)} (micro); mean page F1 ${macro.toFixed(3)}`;
    };
    print('');
    print(`${all.f1s.length} English pages; ${summary(all)}`);
    if (other.f1s.length) print(`${other.f1s.length} other pages (expected text not dense in English stopwords, mostly other languages); ${summary(other)}`);
    return 0;
  },
};
