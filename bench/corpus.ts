/**
 * `npm run bench -- corpus [sizes...]`: time of each part of the corpus stage
 * (sentence index, stories, shared claims, provenance graph) and of the
 * renderers on growing corpora made from the fictional fixture
 * test/fixtures/reports/bridge.json (5 articles), two ways:
 *
 * - `copies`: its articles repeated with one token varied per copy, so every
 *   copy shares its claims with all the others: the hard case for claim
 *   matching (nearly every word is in every article);
 * - `distinct`: each copy of the 5 articles is its own story: the letters of
 *   four words in five (of 4+ letters) are shifted by an amount per copy (same length, so
 *   every offset stays valid), like a crawl of many events told in the same
 *   house style.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as corpus from '../lib/corpus/index.js';
import { renderers } from '../lib/report/index.js';
import type { ArticleReport, Report } from '../lib/types.js';

const ROOT = resolve(import.meta.dirname ?? '.', '../..');

function hash(word: string): number {
  let h = 0;
  for (let k = 0; k < word.length; k++) h = (h * 31 + word.charCodeAt(k)) >>> 0;
  return h;
}

/** Same-length rewrite of four words in five, different for every copy (copies below 26^3 are all distinct). */
function vary(text: string, copy: number): string {
  if (copy === 0) return text;
  return text.replace(/[A-Za-z]{4,}/g, (word) => {
    if (hash(word.toLowerCase()) % 5 === 0) return word;
    let out = '';
    for (let k = 0; k < word.length; k++) {
      const c = word.charCodeAt(k);
      const base = c >= 97 ? 97 : 65;
      const shift = Math.floor(copy / 26 ** (k % 3)) % 26;
      out += String.fromCharCode(base + ((c - base + shift) % 26));
    }
    return out;
  });
}

export function corpusOf(base: Report, size: number, kind: 'copies' | 'distinct'): Report {
  const articles: ArticleReport[] = [];
  for (let i = 0; articles.length < size; i++) {
    const a = base.articles[i % base.articles.length];
    const copy = Math.floor(i / base.articles.length);
    const id = `${a.id}-${copy}`;
    const file = `${copy}/${a.file}`;
    if (kind === 'copies') {
      // A distinct token per copy keeps copies apart in the index without changing offsets much.
      articles.push({ ...a, id, file, body: { ...a.body, text: a.body.text + ` Copy${copy}.` } });
    } else {
      articles.push({ ...a, id, file, title: a.title === null ? null : vary(a.title, copy), body: { ...a.body, text: vary(a.body.text, copy) } });
    }
  }
  return { ...base, articles, corpus: { ...base.corpus, reuse: [] } };
}

function time<T>(f: () => T): [T, number] {
  const t = process.hrtime.bigint();
  const out = f();
  return [out, Number(process.hrtime.bigint() - t) / 1e6];
}

export function main(args: string[]): void {
  const render = !args.includes('--no-render');
  const sizes = args.filter((a) => !a.startsWith('--')).map(Number);
  const base = JSON.parse(readFileSync(resolve(ROOT, 'test/fixtures/reports/bridge.json'), 'utf8')) as Report;
  const cols = ['corpus', 'articles', 'index_ms', 'stories_ms', 'claims_ms', 'graph_ms', 'total_ms', 'md_ms', 'html_ms', 'stories', 'claims', 'edges'];
  const widths = [8, 9, 9, 11, 10, 9, 9, 7, 8, 8, 7, 7];
  const row = (cells: string[]) => process.stdout.write(cells.map((c, k) => c.padStart(widths[k])).join('') + '\n');
  row(cols);
  for (const kind of ['copies', 'distinct'] as const)
    for (const size of sizes.length ? sizes : [50, 200, 800]) {
      const r = corpusOf(base, size, kind);
      // indexSentences is the shared tokenization (absent before it existed: then each stage tokenizes).
      const index = 'indexSentences' in corpus ? corpus.indexSentences : undefined;
      const [sentences, ti] = time(() => index?.(r.articles));
      const [stories, ts] = time(() => corpus.findStories(r.articles, sentences));
      const [claims, tc] = time(() => corpus.findSharedClaims(r.articles, stories, sentences));
      const [graph, tg] = time(() => corpus.buildGraph(r.articles, []));
      const full: Report = { ...r, corpus: { reuse: [], stories, sharedClaims: claims, graph } };
      const [, tm] = render ? time(() => renderers.md(full, { color: false })) : [null, NaN];
      const [, th] = render ? time(() => renderers.html(full, { color: false })) : [null, NaN];
      const ms = (x: number) => (Number.isNaN(x) ? '-' : x.toFixed(0));
      row([kind, String(size), ms(ti), ms(ts), ms(tc), ms(tg), ms(ti + ts + tc + tg), ms(tm), ms(th), String(stories.length), String(claims.length), String(graph.edges.length)]);
    }
}
