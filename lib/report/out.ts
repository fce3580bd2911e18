/**
 * `--out DIR`: the files of a report. One file per article plus `index` files
 * for the whole corpus, with names that are safe on every file system whatever
 * the input was called. Pure: returns {name -> content}; the CLI writes them.
 */
import type { ArticleReport, Report } from '../types.js';
import { csvTables } from './csv.js';
import { EXTENSIONS, render, type Format } from './index.js';
import type { RenderOptions } from './terminal.js';

/** Longest base name we write (before the number prefix and extension). */
const MAX_NAME = 60;
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/** A file name made only of [a-z0-9._-], never empty, hidden, reserved or "index". */
export function safeFileName(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/-+\./g, '.')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, MAX_NAME)
    .replace(/[-.]+$/g, '');
  if (!base) return 'article';
  if (RESERVED.test(base.split('.')[0]) || base === 'index') return `article-${base}`;
  return base;
}

/** The report of one article: its own part of the corpus (stories, claims and graph edges it is in). */
export function articleReport(report: Report, a: ArticleReport): Report {
  const { reuse, stories, sharedClaims, graph } = report.corpus;
  const edges = graph.edges.filter((e) => e.articles.includes(a.id));
  const used = new Set(edges.flatMap((e) => [e.from, e.to]));
  return {
    ...report,
    articles: [a],
    corpus: {
      reuse: reuse.filter((p) => p.a === a.id || p.b === a.id),
      stories: stories.filter((s) => s.articles.includes(a.id)),
      sharedClaims: sharedClaims.filter((c) => c.mentions.some((m) => m.article === a.id)),
      graph: { nodes: graph.nodes.filter((n) => used.has(n.id) || n.article === a.id), edges },
    },
    errors: [],
  };
}

export function reportFiles(report: Report, format: Format, options: RenderOptions): Map<string, string> {
  const files = new Map<string, string>();
  if (format === 'csv') {
    for (const [name, content] of Object.entries(csvTables(report))) files.set(name, content);
    return files;
  }
  const ext = EXTENSIONS[format];
  files.set(`index.${ext}`, render(report, format, options));
  const width = String(report.articles.length).length;
  report.articles.forEach((a, i) => {
    // The number keeps names unique and in report order, whatever the inputs were called.
    const name = `${String(i + 1).padStart(Math.max(2, width), '0')}-${safeFileName(a.id)}.${ext}`;
    files.set(name, render(articleReport(report, a), format, options));
  });
  return files;
}
