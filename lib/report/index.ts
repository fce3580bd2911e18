/** The renderer registry: every renderer is a pure function of the Report. */
import type { Report } from '../types.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderTerminal, type RenderOptions } from './terminal.js';

export type { RenderOptions };

export const renderers = {
  terminal: renderTerminal,
  md: renderMarkdown,
  json: (report: Report) => renderJson(report),
} as const satisfies Record<string, (report: Report, options: RenderOptions) => string>;

export type Format = keyof typeof renderers;

export function render(report: Report, format: Format, options: RenderOptions): string {
  return renderers[format](report, options);
}
