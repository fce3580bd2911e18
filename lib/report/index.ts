/** The renderer registry: every renderer is a pure function of the Report. */
import type { Report } from '../types.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderTerminal, type RenderOptions } from './terminal.js';

export type { RenderOptions };

export const renderers = {
  terminal: renderTerminal,
  md: renderMarkdown,
  html: renderHtml,
  json: (report: Report) => renderJson(report),
  csv: renderCsv,
} as const satisfies Record<string, (report: Report, options: RenderOptions) => string>;

export type Format = keyof typeof renderers;

/** File extension of each format when written with --out. */
export const EXTENSIONS: Record<Format, string> = { terminal: 'txt', md: 'md', html: 'html', json: 'json', csv: 'csv' };

export function render(report: Report, format: Format, options: RenderOptions): string {
  return renderers[format](report, options);
}
