/**
 * What every renderer needs: escaping for each output language, and the
 * readable words for findings (origin, quote kinds, score values). Renderers
 * only format; all counting happened in lib/score and lib/corpus.
 */
import { hostOf } from '../extract/publisher.js';
import { SCORE_KEYS } from '../score/index.js';
import { countriesOf, countryName, outletKindWords, percent, plural } from '../score/words.js';
import type { ArticleReport, Attribution, GraphEdgeKind, GraphNode, Origin, Report, ScoreItem } from '../types.js';

export { SCORE_KEYS };

// ------------------------------------------------------------------ escaping

/**
 * Markdown inline text that stays text: HTML specials become entities, Markdown
 * punctuation is backslash-escaped (links, images, emphasis, code, tables,
 * autolinks), line breaks become spaces so a table row or list item stays whole.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n\t\u2028\u2029]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#+!|~@=^$]/g, (c) => `\\${c}`)
    // Autolinks: "http://", "www.", "mailto:" turn into links unless broken up.
    .replace(/:(?=\/)|(?<=\b(?:mailto|xmpp)):/gi, '\\:')
    .replace(/(www)\./gi, '$1\\.')
    .replace(/^([-+>]|\d+[.)])/, '\\$1');
}

/** HTML text or attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** A Mermaid label: everything but letters, digits and spaces as a #code; entity. */
export function escapeMermaid(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[^\p{L}\p{N} ]/gu, (c) => `#${c.codePointAt(0)};`);
}

/** A CSV field (RFC 4180), with spreadsheet formula triggers neutralised. */
export function csvField(value: string | number | boolean | null): string {
  if (value === null) return '';
  let s = String(value);
  // A cell starting with = + - @ (or tab/CR) runs as a formula in spreadsheets: prefix a quote.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

// ------------------------------------------------------------------ words

export function scoreValue(item: ScoreItem): string {
  if (item.value === null) return 'n/a';
  if (item.unit === 'share') return percent(item.value);
  return Number.isInteger(item.value) ? String(item.value) : item.value.toFixed(1);
}

export function countryWords(country: string | string[] | null): string {
  const list = countriesOf(country);
  return list.length ? list.map(countryName).join(' and ') : 'not said';
}

export function publisherWords(a: ArticleReport): string {
  const p = a.publisher;
  if (!p || (!p.name && !p.kind && !p.country)) return 'unknown publisher';
  const about = [p.kind ? outletKindWords(p.kind) : null, p.country ? countryName(p.country) : null].filter((x): x is string => x !== null);
  return `${p.name ?? 'unnamed publisher'}${about.length ? ` (${about.join(', ')})` : ''}`;
}

/** Short score labels for narrow places (terminal, comparison tables). */
export const SHORT_LABELS: Record<(typeof SCORE_KEYS)[number], string> = {
  sourcingByType: 'Sources',
  sourcingByCountry: 'Countries',
  stateReliance: 'State reliance',
  anonymity: 'Unnamed sources',
  oneSidedness: 'One-sidedness',
  wireDependence: 'Wire dependence',
  unattributedClaims: 'Unattributed',
  hedging: 'Hedges, vague',
};

export function originWords(o: Origin): string {
  const agency = o.agency ? ` from ${o.agency}` : '';
  switch (o.kind) {
    case 'wire':
      return `wire copy${agency}${o.creditStripped ? ', credit stripped' : ''} (${o.derivation})`;
    case 'repost':
      return `repost${o.truncated ? ', cut off' : ''} (${o.derivation})`;
    case 'original':
      // No credit on the page, yet the text layer found it in other documents: say that, not "original".
      if (o.derivation === 'wholly' || o.derivation === 'partially')
        return `no credit, text found in ${plural(o.sources.length, 'other document')} (${o.derivation})`;
      return o.agency ? `original (${o.agency})` : 'original';
    default:
      return 'unknown';
  }
}

export const EDGE_WORDS: Record<GraphEdgeKind, string> = {
  quoted: 'quoted by',
  via: 'via',
  carried: 'wire copy carried by',
  reposted: 'reposted by',
  'shares-passages': 'shares passages with',
};

/** The words a reader should see for an attribution: the quoted words, else the sentence. */
export function quotedWords(a: Attribution, text: string): string {
  if (a.quoteSpans.length) return a.quoteSpans.map((s) => text.slice(s.start, s.end)).join(' … ');
  return a.sentence.text;
}

/** A display title for an article. */
export function articleTitle(a: ArticleReport): string {
  return a.title ?? a.file;
}

/**
 * The article's short label in tables and graphs: its publisher, else its web
 * site, else the agency it copies; never the internal file id, which means
 * nothing to a reader.
 */
export function shortName(a: ArticleReport): string {
  if (a.publisher?.name) return a.publisher.name;
  const host = hostOf(a.url)?.replace(/^www\./, '');
  if (host) return host;
  return a.origin.agency ? `${a.origin.agency} copy, publisher unknown` : 'publisher unknown';
}

/** What a graph node says: a publisher node is named as its article is in the tables. */
export function graphNodeLabel(report: Report, node: GraphNode): string {
  if (node.kind !== 'publisher' || !node.article) return node.label;
  const article = articleById(report).get(node.article);
  return article ? shortName(article) : node.label;
}

const byIdCache = new WeakMap<Report, Map<string, ArticleReport>>();

/** Articles by id (built once per Report). */
export function articleById(report: Report): Map<string, ArticleReport> {
  let map = byIdCache.get(report);
  if (!map) {
    map = new Map(report.articles.map((a) => [a.id, a]));
    byIdCache.set(report, map);
  }
  return map;
}

const numberCache = new WeakMap<Report, Map<string, number>>();

/** An article's 1-based number in the report (0 when it is not there). */
export function articleNumber(report: Report, id: string): number {
  let map = numberCache.get(report);
  if (!map) {
    map = new Map(report.articles.map((a, i) => [a.id, i + 1]));
    numberCache.set(report, map);
  }
  return map.get(id) ?? 0;
}

/** "A, B, C and 4 more". */
function someNames(names: string[], max = 4): string {
  const unique = [...new Set(names)];
  return unique.length <= max ? unique.join(', ') : `${unique.slice(0, max).join(', ')} and ${unique.length - max} more`;
}

/** Signals worth pointing out to a reader, drawn from the scores (in order of weight). */
export function whatToNotice(a: ArticleReport): string[] {
  const s = a.scores;
  const out: string[] = [];
  if (s.stateReliance.facts.publisherStateControlled === true) out.push(`The publisher, ${a.publisher?.name ?? 'this outlet'}, is state-controlled media: a government decides what it reports.`);
  if (s.oneSidedness.value === 1 && (s.oneSidedness.total ?? 0) >= 2)
    out.push(`Every source with a known country is from ${countryName(String(s.oneSidedness.facts.dominantCountry))}. No other side is heard.`);
  if (s.stateReliance.value === 1) out.push('Every source speaks for a state: officials, governments or state media.');
  else if (s.stateReliance.value !== null && s.stateReliance.value >= 0.5) out.push(`Most sources (${percent(s.stateReliance.value)}) speak for a state: officials, governments or state media.`);
  if (s.anonymity.value !== null && s.anonymity.value > 0) out.push(s.anonymity.explanation);
  const w = s.wireDependence.facts;
  if (w.kind === 'wire') out.push(w.credit === 'stripped' ? 'The text matches wire copy, but the page hides where it came from.' : `The text was written by ${w.agency ?? 'a news agency'}, not by the publisher's own reporters.`);
  if (w.kind === 'repost') out.push(`This page copies another outlet's story${w.truncated ? ' and stops mid-sentence' : ''}.`);
  if (a.publisher?.kind === 'content-farm') out.push('The publisher is a content farm: a site that republishes other outlets’ stories to draw clicks, often without saying where they came from.');
  if ((s.hedging.value ?? 0) > 0) out.push(s.hedging.explanation);
  if (s.unattributedClaims.value !== null && s.unattributedClaims.value >= 0.3) out.push(s.unattributedClaims.explanation);
  if ((s.sourcingByType.value ?? 0) === 0) out.push('The article cites no sources at all.');
  return out;
}

/** Three or four questions for a class, drawn from the findings (SIFT / civic online reasoning). */
export function discussionQuestions(a: ArticleReport, report: Report): string[] {
  const s = a.scores;
  const q: string[] = [];
  const w = s.wireDependence.facts;
  const who = a.publisher?.name ?? 'this page';
  // Opening a sentence, "this page" is written "This page" (a publisher's name keeps its own case).
  const Who = a.publisher?.name ?? 'This page';
  if (s.stateReliance.facts.publisherStateControlled === true) q.push(`Who is behind it? ${Who} is controlled by a state. What might that government want readers to think about this event?`);
  else if (w.kind === 'wire' || w.kind === 'repost')
    q.push(`Who is behind it? ${Who} published it, but the text comes from ${w.agency ?? 'another outlet'}. Why would a publisher run someone else's story, and how can you tell?`);
  else q.push(`Who is behind it? What do you know about ${who}, and how could you find out more?`);

  const state = s.stateReliance.value ?? 0;
  const anon = s.anonymity.parts.reduce((n, p) => n + p.count, 0);
  if (anon > 0) q.push(`What is the evidence? ${anon === 1 ? 'One source is' : `${anon} sources are`} not named. How much would you trust a claim that nobody puts their name to?`);
  else if (state >= 0.5) q.push('What is the evidence? Most of what we learn comes from officials or state outlets. Which claims could be checked independently, and how?');
  else q.push('What is the evidence? Pick one claim in the article: who says it, and how could you check it?');

  const story = report.corpus.stories.find((st) => st.articles.includes(a.id));
  const others = story ? story.articles.filter((id) => id !== a.id) : [];
  if (others.length) {
    const byId = articleById(report);
    const names = others.map((id) => (byId.get(id) ? shortName(byId.get(id)!) : id));
    q.push(`What do other sources say? ${others.length === 1 ? 'One other article in this set covers' : `${others.length} other articles in this set cover`} the same story (${someNames(names)}). Which sources do they quote that this one leaves out?`);
  } else q.push('What do other sources say? Find another report on the same event. Does it quote the same people?');

  if (s.oneSidedness.value === 1 && (s.oneSidedness.total ?? 0) >= 2) q.push(`Whose voice is missing? All sources are from ${countryName(String(s.oneSidedness.facts.dominantCountry))}. Who else has a stake in this story?`);
  else if ((s.unattributedClaims.value ?? 0) >= 0.3 || (s.hedging.value ?? 0) > 0) q.push('Which sentences state something without saying who says so? Would you believe them without a source?');
  return q;
}

/** A step of a provenance chain: the node's label and the edge that led to it. */
export interface ChainStep {
  label: string;
  edge: string;
}

/** Longest chains a graph holds: from nodes nothing points to, along directed edges, to the end. */
export function provenanceChains(report: Report, max = 20): ChainStep[][] {
  const { nodes, edges } = drawableGraph(report).graph;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const label = (id: string) => {
    const n = byId.get(id);
    if (!n) return id;
    if (n.kind !== 'publisher' || !n.article) return n.label;
    return `${graphNodeLabel(report, n)} (article ${articleNumber(report, n.article)})`;
  };
  const directed = edges.filter((e) => e.kind !== 'shares-passages');
  const out = new Map<string, ChainStep[]>();
  const hasIncoming = new Set(directed.map((e) => e.to));
  const walk = (id: string, path: ChainStep[], seen: Set<string>) => {
    if (out.size >= max) return;
    const next = directed.filter((e) => e.from === id && !seen.has(e.to));
    if (next.length === 0) {
      if (path.length > 1) out.set(path.map((p) => p.label).join('\u0000'), path);
      return;
    }
    for (const e of next) walk(e.to, [...path, { label: label(e.to), edge: EDGE_WORDS[e.kind] }], new Set([...seen, e.to]));
  };
  for (const n of nodes) if (!hasIncoming.has(n.id)) walk(n.id, [{ label: label(n.id), edge: '' }], new Set([n.id]));
  for (const e of edges.filter((x) => x.kind === 'shares-passages'))
    if (out.size < max) out.set(`${e.from}\u0000${e.to}`, [
      { label: label(e.from), edge: '' },
      { label: label(e.to), edge: EDGE_WORDS[e.kind] },
    ]);
  return [...out.values()].slice(0, max);
}

/** Most links a drawn graph shows (SVG, Mermaid): beyond that a drawing is unreadable. */
export const MAX_DRAWN_EDGES = 150;

/**
 * The part of the graph worth drawing: every link when there are few; else the
 * links that say where words came from (not shared passages) with the most
 * findings behind them, and the nodes they touch. `hidden` counts the rest.
 */
export function drawableGraph(report: Report): { graph: Report['corpus']['graph']; hidden: number } {
  const { nodes, edges } = report.corpus.graph;
  if (edges.length <= MAX_DRAWN_EDGES) return { graph: report.corpus.graph, hidden: 0 };
  const ranked = edges
    .map((e, i) => ({ e, i }))
    .sort((x, y) => Number(x.e.kind === 'shares-passages') - Number(y.e.kind === 'shares-passages') || y.e.weight - x.e.weight || x.i - y.i)
    .slice(0, MAX_DRAWN_EDGES)
    .sort((x, y) => x.i - y.i)
    .map((x) => x.e);
  const used = new Set(ranked.flatMap((e) => [e.from, e.to]));
  return { graph: { nodes: nodes.filter((n) => used.has(n.id)), edges: ranked }, hidden: edges.length - ranked.length };
}
