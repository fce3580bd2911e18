/**
 * The terminal report: a compact summary per article. Colour is injected by
 * the caller through `color`; with it off the output is plain text.
 */
import { Chalk } from 'chalk';
import type { Report } from '../types.js';

export interface RenderOptions {
  color: boolean;
}

export function renderTerminal(report: Report, options: RenderOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const lines: string[] = [];
  for (const a of report.articles) {
    lines.push(c.bold(a.title ?? a.file));
    lines.push(`  ${c.dim('file')}      ${a.file}`);
    if (a.publisher) lines.push(`  ${c.dim('publisher')} ${a.publisher.name ?? 'unknown'} (${a.publisher.kind ?? 'kind unknown'}, ${a.publisher.country ?? '??'})`);
    if (a.published) lines.push(`  ${c.dim('published')} ${a.published}`);
    lines.push(`  ${c.dim('origin')}    ${a.origin.kind}${a.origin.agency ? ' (' + a.origin.agency + ')' : ''}, ${a.origin.derivation} derived`);
    lines.push(`  ${c.dim('sources')}   ${a.attributions.length} attribution${a.attributions.length === 1 ? '' : 's'}`);
    lines.push('');
  }
  for (const e of report.errors) lines.push(c.red(`error: ${e.file}: ${e.message}`));
  return lines.join('\n') + '\n';
}
