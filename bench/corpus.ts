/**
 * `npm run bench -- corpus [sizes...]`: time of the corpus stage (stories,
 * shared claims, provenance graph) and of the renderers on growing corpora.
 * The corpus is the fictional fixture test/fixtures/reports/bridge.json, its
 * articles repeated with words varied per copy, so every copy shares claims
 * with the others: a hard case for claim matching.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildGraph, findSharedClaims, findStories } from '../lib/corpus/index.js';
import { renderers } from '../lib/report/index.js';
import type { ArticleReport, Report } from '../lib/types.js';

const ROOT = resolve(import.meta.dirname ?? '.', '../..');

function corpusOf(base: Report, size: number): Report {
  const articles: ArticleReport[] = [];
  for (let i = 0; articles.length < size; i++) {
    const a = base.articles[i % base.articles.length];
    const copy = Math.floor(i / base.articles.length);
    // A distinct token per copy keeps copies apart in the index without changing offsets much.
    const mark = ` Copy${copy}.`;
    articles.push({ ...a, id: `${a.id}-${copy}`, file: `${copy}/${a.file}`, body: { ...a.body, text: a.body.text + mark } });
  }
  return { ...base, articles, corpus: { ...base.corpus, reuse: [] } };
}

function time<T>(f: () => T): [T, number] {
  const t = process.hrtime.bigint();
  const out = f();
  return [out, Number(process.hrtime.bigint() - t) / 1e6];
}

export function main(args: string[]): void {
  const sizes = args.length ? args.map(Number) : [50, 200, 800];
  const base = JSON.parse(readFileSync(resolve(ROOT, 'test/fixtures/reports/bridge.json'), 'utf8')) as Report;
  process.stdout.write('articles  stories_ms  claims_ms  graph_ms  md_ms  html_ms  stories  claims  edges\n');
  for (const size of sizes) {
    const r = corpusOf(base, size);
    const [stories, ts] = time(() => findStories(r.articles));
    const [claims, tc] = time(() => findSharedClaims(r.articles, stories));
    const [graph, tg] = time(() => buildGraph(r.articles, []));
    const full: Report = { ...r, corpus: { reuse: [], stories, sharedClaims: claims, graph } };
    const [, tm] = time(() => renderers.md(full, { color: false }));
    const [, th] = time(() => renderers.html(full, { color: false }));
    process.stdout.write(
      [size, ts, tc, tg, tm, th].map((x, i) => (i === 0 ? String(x).padStart(8) : x.toFixed(0).padStart(i === 1 ? 11 : 10))).join('') +
        `${String(stories.length).padStart(9)}${String(claims.length).padStart(8)}${String(graph.edges.length).padStart(7)}\n`,
    );
  }
}
