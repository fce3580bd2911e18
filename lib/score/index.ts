/**
 * The scorecard: for each article, a handful of numbers, each with the
 * attributions or spans behind it and one plain sentence. There is no single
 * "bias score": the reader sees the parts and how each was counted.
 */
import type { ArticleReport, Attribution, ReusePair, ScoreItem, ScorePart, Scores, SourceType, Span } from '../types.js';
import { compareStrings } from '../report/build.js';
import { countriesOf, countryName, IDENTITY_WORDS, listWords, outletKindWords, percent, plural, round4, SOURCE_TYPE_WORDS, verb } from './words.js';

/** The keys of the scorecard, in the order reports show them. */
export const SCORE_KEYS = [
  'sourcingByType',
  'sourcingByCountry',
  'stateReliance',
  'anonymity',
  'oneSidedness',
  'wireDependence',
  'unattributedClaims',
  'hedging',
] as const satisfies readonly (keyof Scores)[];

/** Source types that speak for a state: counted by state reliance. */
export const STATE_SOURCE_TYPES: readonly SourceType[] = ['official', 'government', 'state-media'];

/** How many quoted examples an explanation names at most. */
const MAX_EXAMPLES = 3;

export interface ScoreContext {
  /** Reuse pairs of the corpus: their passages are the spans behind wire dependence. */
  reuse?: ReusePair[];
}

type ScoredArticle = Omit<ArticleReport, 'scores'>;

/** Group attributions by a key; fractional weight when one attribution has several keys. */
function tally(attributions: Attribution[], keysOf: (a: Attribution) => string[], total: number): ScorePart[] {
  const parts = new Map<string, { count: number; ids: string[] }>();
  for (const a of attributions) {
    const keys = keysOf(a);
    for (const key of keys) {
      const part = parts.get(key) ?? { count: 0, ids: [] };
      part.count += 1 / keys.length;
      if (!part.ids.includes(a.id)) part.ids.push(a.id);
      parts.set(key, part);
    }
  }
  return [...parts.entries()]
    .map(([key, p]) => ({ key, count: round4(p.count), share: total > 0 ? round4(p.count / total) : 0, attributions: p.ids }))
    .sort((x, y) => y.count - x.count || compareStrings(x.key, y.key));
}

function item(fields: Omit<ScoreItem, 'basis' | 'parts' | 'facts'> & Partial<Pick<ScoreItem, 'parts' | 'facts'>> & { attributions?: string[]; spans?: Span[] }): ScoreItem {
  const spans = [...(fields.spans ?? [])].sort((a, b) => a.start - b.start || a.end - b.end);
  return {
    label: fields.label,
    value: fields.value === null ? null : round4(fields.value),
    unit: fields.unit,
    total: fields.total,
    explanation: fields.explanation,
    basis: { attributions: fields.attributions ?? [], spans },
    parts: fields.parts ?? [],
    facts: fields.facts ?? {},
  };
}

/** "3 of 7 sources (43%)". */
function shareWords(n: number, total: number): string {
  return `${formatCount(n)} of ${plural(total, 'source')} (${percent(n / total)})`;
}

function formatCount(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

function quoted(texts: string[]): string {
  const unique = [...new Set(texts)];
  const shown = unique.slice(0, MAX_EXAMPLES).map((t) => `“${t}”`);
  return listWords(unique.length > MAX_EXAMPLES ? [...shown, 'others'] : shown);
}

function sourcingByType(atts: Attribution[]): ScoreItem {
  const n = atts.length;
  const parts = tally(atts, (a) => [a.source.type], n);
  const distinct = new Set(atts.map((a) => a.source.canonical.toLowerCase())).size;
  const explanation =
    n === 0
      ? 'The article does not say where any of its information comes from.'
      : `The article cites sources ${plural(n, 'time')}, ${plural(distinct, 'different source')} in all: ${listWords(
          parts.map((p) => `${formatCount(p.count)} ${p.count === 1 ? SOURCE_TYPE_WORDS[p.key as SourceType].one : SOURCE_TYPE_WORDS[p.key as SourceType].many}`),
        )}.`;
  return item({
    label: 'Sources by type',
    value: n,
    unit: 'count',
    total: null,
    explanation,
    attributions: atts.map((a) => a.id),
    parts,
    facts: { distinctSources: distinct, distinctTypes: parts.length },
  });
}

function sourcingByCountry(atts: Attribution[]): ScoreItem {
  const parts = tally(atts, (a) => (countriesOf(a.source.country).length ? countriesOf(a.source.country) : ['unknown']), atts.length);
  const known = parts.filter((p) => p.key !== 'unknown');
  const unknown = parts.find((p) => p.key === 'unknown');
  let explanation: string;
  if (atts.length === 0) explanation = 'With no sources cited, there are no countries to count.';
  else if (known.length === 0) explanation = 'The article never says which country its sources are from.';
  else
    explanation = `Its sources come from ${plural(known.length, 'country', 'countries')}: ${listWords(
      known.map((p) => `${countryName(p.key)} (${formatCount(p.count)})`),
    )}${unknown ? `; for ${formatCount(unknown.count)} the country is not said` : ''}.`;
  return item({
    label: 'Sources by country',
    value: known.length,
    unit: 'count',
    total: null,
    explanation,
    attributions: atts.map((a) => a.id),
    parts,
    facts: { unknownCountry: unknown ? unknown.count : 0 },
  });
}

function stateReliance(article: ScoredArticle, atts: Attribution[]): ScoreItem {
  const state = atts.filter((a) => STATE_SOURCE_TYPES.includes(a.source.type));
  const kind = article.publisher?.kind ?? null;
  const stateControlled = kind === null ? null : kind === 'state-media';
  const name = article.publisher?.name ?? 'the publisher';
  const publisherSentence =
    stateControlled === true
      ? ` The publisher, ${name}, is itself state-controlled media.`
      : stateControlled === false
        ? ` The publisher, ${name}, is ${outletKindWords(kind)}, not state-controlled.`
        : ' Whether the publisher is state-controlled is not known.';
  const explanation =
    atts.length === 0
      ? `No sources are cited, so there is nothing to measure.${publisherSentence}`
      : `${shareWords(state.length, atts.length)} ${verb(state.length, 'speaks', 'speak')} for a state: governments, officials or state media.${publisherSentence}`;
  return item({
    label: 'State reliance',
    value: atts.length ? state.length / atts.length : null,
    unit: 'share',
    total: atts.length,
    explanation,
    attributions: state.map((a) => a.id),
    parts: tally(state, (a) => [a.source.type], atts.length),
    facts: { publisherStateControlled: stateControlled, publisher: article.publisher?.name ?? null, publisherKind: kind },
  });
}

function anonymity(atts: Attribution[]): ScoreItem {
  const unnamed = atts.filter((a) => a.source.identity !== 'named');
  const parts = tally(unnamed, (a) => [a.source.identity], atts.length);
  const explanation =
    atts.length === 0
      ? 'No sources are cited, so none can be anonymous.'
      : unnamed.length === 0
        ? `All ${plural(atts.length, 'source')} are named, so a reader can check who said what.`
        : `${shareWords(unnamed.length, atts.length)} ${verb(unnamed.length, 'is', 'are')} not named: ${listWords(
            parts.map((p) => `${formatCount(p.count)} ${IDENTITY_WORDS[p.key as 'role' | 'anonymous']}`),
          )} (${quoted(unnamed.map((a) => a.source.text))}).`;
  return item({
    label: 'Anonymity',
    value: atts.length ? unnamed.length / atts.length : null,
    unit: 'share',
    total: atts.length,
    explanation,
    attributions: unnamed.map((a) => a.id),
    spans: unnamed.map((a) => ({ start: a.source.start, end: a.source.end })),
    parts,
  });
}

/** Evenness of a distribution: Shannon entropy over its maximum (0 one-sided .. 1 even). */
function evenness(counts: number[]): number {
  const total = counts.reduce((s, c) => s + c, 0);
  if (counts.length < 2 || total === 0) return 0;
  const h = -counts.reduce((s, c) => (c > 0 ? s + (c / total) * Math.log(c / total) : s), 0);
  return h / Math.log(counts.length);
}

function oneSidedness(atts: Attribution[]): ScoreItem {
  const withCountry = atts.filter((a) => countriesOf(a.source.country).length > 0);
  const total = withCountry.length;
  const parts = tally(withCountry, (a) => countriesOf(a.source.country), total);
  const top = parts[0];
  let explanation: string;
  if (total === 0) explanation = 'No source has a known country, so the spread over sides cannot be measured.';
  else if (parts.length === 1)
    explanation = `All ${plural(total, 'source')} with a known country are from ${countryName(top.key)}: the article hears one side only.`;
  else
    explanation = `The most-quoted country, ${countryName(top.key)}, accounts for ${shareWords(top.count, total)}; the others come from ${listWords(
      parts.slice(1).map((p) => countryName(p.key)),
    )}.`;
  return item({
    label: 'One-sidedness',
    value: total ? top.count / total : null,
    unit: 'share',
    total,
    explanation,
    attributions: top ? top.attributions : [],
    parts,
    facts: { dominantCountry: top ? top.key : null, countries: parts.length, evenness: round4(evenness(parts.map((p) => p.count))) },
  });
}

function wireDependence(article: ScoredArticle, context: ScoreContext): ScoreItem {
  const o = article.origin;
  // A credit matters for copy taken from someone else; an original carries none to keep.
  const copied = o.kind === 'wire' || o.kind === 'repost';
  const credit = o.creditStripped ? 'stripped' : !copied ? 'n/a' : o.evidence.length > 0 ? 'kept' : 'none';
  const spans: Span[] = [];
  for (const pair of context.reuse ?? []) {
    for (const p of pair.passages) {
      if (p.quotation) continue;
      if (pair.a === article.id || pair.a === article.file) spans.push(p.a);
      else if (pair.b === article.id || pair.b === article.file) spans.push(p.b);
    }
  }
  const matched = o.coverage > 0 ? ` ${percent(o.coverage)} of its text also appears in ${plural(o.sources.length, 'other document')}.` : '';
  // Share of the text that came from elsewhere: all of it when the page's
  // credits or the text layer say wholly derived; the matched share when
  // partially; none when the text is its own (shared quotations aside).
  const value = o.derivation === 'wholly' ? 1 : o.derivation === 'partially' ? o.coverage : 0;
  let explanation: string;
  if (o.kind === 'wire') {
    const agency = o.agency ?? 'a news agency';
    explanation =
      credit === 'stripped'
        ? `This text matches wire copy from ${agency}, but the page does not credit the agency.${matched}`
        : `This is ${o.derivation === 'partially' ? 'partly ' : ''}wire copy from ${agency}, and the page says so (${quoted(o.evidence)}).${matched}`;
  } else if (o.kind === 'repost') {
    explanation = `This page ${o.derivation === 'partially' ? 'partly ' : ''}reposts another outlet's story${o.truncated ? ' and cuts it off mid-sentence' : ''}${
      o.evidence.length ? ` (${quoted(o.evidence)})` : ''
    }.${matched}`;
  } else if (o.kind === 'original') {
    explanation =
      o.coverage > 0
        ? `No agency is credited, but ${percent(o.coverage)} of its text also appears in ${plural(o.sources.length, 'other document')}${credit === 'stripped' ? ' and the credit was stripped' : ''}.`
        : 'Nothing shows that this text was copied: no agency credit, and no passage matches another document.';
  } else {
    explanation = `Where this text comes from is not clear${o.evidence.length ? ` (the page mentions ${quoted(o.evidence)})` : ''}.${matched}`;
  }
  return item({
    label: 'Wire dependence',
    value,
    unit: 'share',
    total: article.body.text.length,
    explanation,
    spans,
    facts: { kind: o.kind, agency: o.agency, derivation: o.derivation, coverage: o.coverage, credit, truncated: o.truncated, matchedDocuments: o.sources.length },
  });
}

/** Body sentences that carry an attribution (distinct), for the denominator of unattributed claims. */
function attributedSentences(atts: Attribution[]): Span[] {
  const seen = new Map<string, Span>();
  for (const a of atts) if (a.zone === 'body') seen.set(`${a.sentence.start}:${a.sentence.end}`, { start: a.sentence.start, end: a.sentence.end });
  return [...seen.values()];
}

function unattributedClaims(article: ScoredArticle, atts: Attribution[]): ScoreItem {
  const attributed = attributedSentences(atts);
  const unattributed = article.unattributed.filter((u) => !attributed.some((s) => s.start === u.start && s.end === u.end));
  const total = attributed.length + unattributed.length;
  const explanation =
    total === 0
      ? 'The article has no factual sentences to check.'
      : `${formatCount(unattributed.length)} of ${plural(total, 'factual sentence')} (${percent(unattributed.length / total)}) ${verb(unattributed.length, 'states', 'state')} something without saying who says so.`;
  return item({
    label: 'Unattributed claims',
    value: total ? unattributed.length / total : null,
    unit: 'share',
    total,
    explanation,
    spans: unattributed.map((u) => ({ start: u.start, end: u.end })),
  });
}

/** Vague attributions: a source that is anonymous and of unknown type ("sources said", "speculation"). */
function isVague(a: Attribution): boolean {
  return a.source.identity === 'anonymous' && a.source.type === 'unknown';
}

function hedging(article: ScoredArticle, atts: Attribution[]): ScoreItem {
  const hedges = article.unattributed.flatMap((u) => u.hedges);
  const vague = atts.filter(isVague);
  const n = hedges.length + vague.length;
  const words = [...hedges.map((h) => h.text), ...vague.map((a) => a.source.text)];
  const explanation =
    n === 0
      ? 'The article uses no hedges or vague attributions such as “it is believed” or “sources said”.'
      : `The article uses ${plural(n, 'hedge or vague attribution', 'hedges or vague attributions')} (${quoted(words)}): claims that lean on nobody in particular.`;
  return item({
    label: 'Hedges and vague sources',
    value: n,
    unit: 'count',
    total: null,
    explanation,
    attributions: vague.map((a) => a.id),
    spans: [...hedges.map((h) => ({ start: h.start, end: h.end })), ...vague.map((a) => ({ start: a.source.start, end: a.source.end }))],
    parts: [
      ...(hedges.length ? [{ key: 'hedge', count: hedges.length, share: round4(hedges.length / n), attributions: [] }] : []),
      ...(vague.length ? [{ key: 'vague-source', count: vague.length, share: round4(vague.length / n), attributions: vague.map((a) => a.id) }] : []),
    ],
  });
}

export function scoreArticle(article: ScoredArticle, context: ScoreContext = {}): Scores {
  // Headline attributions repeat the body's; the scorecard counts the body.
  const atts = article.attributions.filter((a) => a.zone === 'body');
  return {
    sourcingByType: sourcingByType(atts),
    sourcingByCountry: sourcingByCountry(atts),
    stateReliance: stateReliance(article, atts),
    anonymity: anonymity(atts),
    oneSidedness: oneSidedness(atts),
    wireDependence: wireDependence(article, context),
    unattributedClaims: unattributedClaims(article, atts),
    hedging: hedging(article, atts),
  };
}
