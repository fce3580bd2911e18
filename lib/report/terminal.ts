/**
 * The terminal report: a compact scorecard per article and a corpus summary,
 * within 80 columns. Colour is injected by the caller through `color`; with it
 * off the output is plain text (NO_COLOR, --no-color, pipes).
 */
import { Chalk, type ChalkInstance } from 'chalk';
import { plural } from '../score/words.js';
import type { ArticleReport, Report, ScoreItem } from '../types.js';
import { articleById, articleNumber, articleTitle, originWords, provenanceChains, publisherWords, SCORE_KEYS, scoreValue, SHORT_LABELS, shortName } from './text.js';

export interface RenderOptions {
  color: boolean;
}

export const WIDTH = 80;
const BAR = 10;
const LABEL = 16;


/** Cut a line to `width` characters (control characters from articles removed). */
function fit(text: string, width = WIDTH): string {
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
  const chars = [...clean];
  return chars.length <= width ? clean : chars.slice(0, width - 1).join('') + '…';
}

/** Wrap words to lines of at most `width`, each starting with `indent`. */
function wrap(text: string, indent: string, width = WIDTH): string[] {
  const lines: string[] = [];
  let line = indent;
  for (const word of text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').split(/ +/)) {
    if (line.length > indent.length && line.length + 1 + word.length > width) {
      lines.push(line);
      line = indent;
    }
    line += (line.length > indent.length ? ' ' : '') + word;
  }
  if (line.length > indent.length) lines.push(fit(line, width));
  return lines;
}

function bar(c: ChalkInstance, share: number | null, tone: 'risk' | 'neutral'): string {
  if (share === null) return ' '.repeat(BAR);
  const filled = Math.round(share * BAR);
  const paint = tone === 'neutral' ? c.cyan : share >= 0.67 ? c.red : share >= 0.34 ? c.yellow : c.green;
  return paint('█'.repeat(filled)) + c.dim('░'.repeat(BAR - filled));
}

/** The short note after a score: its parts, or a fact. */
function note(key: string, item: ScoreItem): string {
  switch (key) {
    case 'sourcingByType':
      return item.parts.map((p) => `${p.key} ${scoreCount(p.count)}`).join(', ');
    case 'sourcingByCountry':
    case 'oneSidedness':
      return item.parts.map((p) => `${p.key} ${scoreCount(p.count)}`).join(', ');
    case 'stateReliance':
      return item.facts.publisherStateControlled === true
        ? 'publisher is state media'
        : item.facts.publisherStateControlled === false
          ? 'publisher not state media'
          : 'publisher unknown';
    case 'anonymity':
      return item.parts.map((p) => `${scoreCount(p.count)} ${p.key === 'role' ? 'role only' : p.key}`).join(', ');
    case 'wireDependence': {
      const f = item.facts;
      const shared = f.kind === 'original' && item.value ? `text in ${plural(Number(f.matchedDocuments), 'other doc')}` : null;
      return [f.agency ?? shared ?? f.kind, f.credit === 'n/a' ? null : `credit ${f.credit}`, f.truncated ? 'cut off' : null].filter(Boolean).join(', ');
    }
    case 'unattributedClaims':
      return item.total ? `${item.basis.spans.length} of ${item.total} sentences` : '';
    case 'hedging':
      return item.parts.map((p) => `${p.count} ${p.key}`).join(', ');
    default:
      return '';
  }
}

function scoreCount(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

function articleBlock(c: ChalkInstance, a: ArticleReport, n: number): string[] {
  const lines: string[] = [];
  lines.push(c.bold(fit(`${n}. ${articleTitle(a)}`)));
  lines.push(c.dim(fit(`   ${publisherWords(a)} · ${a.published ?? a.crawlDate ?? 'no date'}`)));
  lines.push(c.dim(fit(`   ${originWords(a.origin)} · ${a.file}`)));
  // Warnings about the input itself (an empty body) come before numbers they would explain.
  for (const f of a.findings) if (f.level === 'warning') lines.push(...wrap(`warning: ${f.message}`, '   ').map((l) => c.yellow(l)));
  for (const key of SCORE_KEYS) {
    const item = a.scores[key];
    const value = scoreValue(item).padStart(4);
    const tone = key === 'wireDependence' ? 'neutral' : 'risk';
    const graph = item.unit === 'share' ? bar(c, item.value, tone) : ' '.repeat(BAR);
    const label = SHORT_LABELS[key] ?? item.label;
    // 3 indent + label + 4 value + 2 + bar + 2
    const room = WIDTH - (3 + LABEL + 4 + 2 + BAR + 2);
    lines.push(`   ${c.dim(label.padEnd(LABEL))}${c.bold(value)}  ${graph}  ${fit(note(key, item), room)}`.trimEnd());
  }
  return lines;
}

function corpusBlock(c: ChalkInstance, report: Report): string[] {
  const lines: string[] = [];
  const byId = articleById(report);
  const num = (id: string) => {
    const a = byId.get(id);
    return a ? `${articleNumber(report, a.id)}. ${shortName(a)}` : id;
  };
  const { stories, sharedClaims } = report.corpus;
  lines.push(c.bold('Stories'));
  for (const s of stories) {
    const dates = s.firstDate ? (s.firstDate === s.lastDate ? s.firstDate : `${s.firstDate}..${s.lastDate}`) : 'no dates';
    lines.push(fit(`  ${s.id.replace('story-', '')}) ${s.label} (${dates})`));
    lines.push(...wrap(s.articles.map(num).join('; '), '     '));
  }
  if (sharedClaims.length) {
    lines.push('', c.bold(`Shared claims (${sharedClaims.length})`));
    for (const claim of sharedClaims.slice(0, 8)) {
      lines.push(fit(`  “${claim.text}”`));
      lines.push(
        ...wrap(
          claim.mentions.map((m) => `${num(m.article)}: ${m.source ? m.source + (m.via ? ` via ${m.via}` : '') : 'nobody'}`).join('; '),
          '     ',
        ).map((l) => c.dim(l)),
      );
    }
    if (sharedClaims.length > 8) lines.push(c.dim(`  … and ${sharedClaims.length - 8} more (see --format md)`));
  }
  const chains = provenanceChains(report, 12);
  if (chains.length) {
    lines.push('', c.bold('Where the words came from'));
    for (const chain of chains) lines.push(...wrap(chain.map((s, i) => (i === 0 ? s.label : `→ ${s.label}`)).join(' '), '  '));
  }
  return lines;
}

export function renderTerminal(report: Report, options: RenderOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const lines: string[] = [];
  report.articles.forEach((a, i) => lines.push(...articleBlock(c, a, i + 1), ''));
  if (report.articles.length > 1) lines.push(...corpusBlock(c, report), '');
  for (const e of report.errors) lines.push(c.red(fit(`error: ${e.file}: ${e.message}`)));
  if (report.articles.length === 0 && report.errors.length === 0) lines.push('No articles to analyze.');
  return lines.join('\n') + '\n';
}
