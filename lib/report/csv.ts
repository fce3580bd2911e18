/**
 * CSV for spreadsheets: one row per attribution on stdout; with --out, one
 * file per table (articles with their scores, attributions, stories, shared
 * claims, graph nodes and edges). RFC 4180 quoting; cells that a spreadsheet
 * would run as a formula are prefixed with a quote.
 */
import type { Report } from '../types.js';
import type { RenderOptions } from './terminal.js';
import { countryWords, csvField, quotedWords, SCORE_KEYS } from './text.js';

type Cell = string | number | boolean | null;

function csv(header: string[], rows: Cell[][]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function countryCodes(c: string | string[] | null): string {
  return c === null ? '' : Array.isArray(c) ? c.join(' ') : c;
}

export function attributionsCsv(report: Report): string {
  return csv(
    ['article', 'file', 'publisher', 'attribution', 'zone', 'sentence_start', 'sentence_end', 'source', 'source_start', 'source_end', 'canonical', 'type', 'identity', 'country', 'country_name', 'quote', 'cue', 'cue_form', 'via', 'told_to', 'channel', 'words', 'sentence', 'rule'],
    report.articles.flatMap((a) =>
      a.attributions.map((x) => [
        a.id,
        a.file,
        a.publisher?.name ?? null,
        x.id,
        x.zone,
        x.sentence.start,
        x.sentence.end,
        x.source.text,
        x.source.start,
        x.source.end,
        x.source.canonical,
        x.source.type,
        x.source.identity,
        countryCodes(x.source.country),
        countryWords(x.source.country),
        x.quote,
        x.cue.text,
        x.cue.form,
        x.via,
        x.toldTo,
        x.channel,
        x.zone === 'body' ? quotedWords(x, a.body.text) : x.sentence.text,
        x.sentence.text,
        x.ruleId,
      ]),
    ),
  );
}

/** Every table of the report, by file name. */
export function csvTables(report: Report): Record<string, string> {
  const { stories, sharedClaims, graph } = report.corpus;
  return {
    'articles.csv': csv(
      ['article', 'file', 'title', 'publisher', 'publisher_kind', 'publisher_country', 'published', 'origin', 'agency', 'derivation', 'coverage', ...SCORE_KEYS],
      report.articles.map((a) => [
        a.id,
        a.file,
        a.title,
        a.publisher?.name ?? null,
        a.publisher?.kind ?? null,
        a.publisher?.country ?? null,
        a.published,
        a.origin.kind,
        a.origin.agency,
        a.origin.derivation,
        a.origin.coverage,
        ...SCORE_KEYS.map((k) => a.scores[k].value),
      ]),
    ),
    'attributions.csv': attributionsCsv(report),
    'stories.csv': csv(['story', 'label', 'first_date', 'last_date', 'article'], stories.flatMap((s) => s.articles.map((id) => [s.id, s.label, s.firstDate, s.lastDate, id]))),
    'claims.csv': csv(
      ['claim', 'story', 'claim_text', 'origin', 'article', 'credited_to', 'source_type', 'via', 'sentence_start', 'sentence_end', 'sentence'],
      sharedClaims.flatMap((c) => c.mentions.map((m) => [c.id, c.story, c.text, c.origin, m.article, m.source, m.sourceType, m.via, m.sentence.start, m.sentence.end, m.sentence.text])),
    ),
    'graph-nodes.csv': csv(['node', 'label', 'kind', 'type', 'country', 'article'], graph.nodes.map((n) => [n.id, n.label, n.kind, n.type, countryCodes(n.country), n.article])),
    'graph-edges.csv': csv(['from', 'to', 'kind', 'weight', 'articles', 'attributions'], graph.edges.map((e) => [e.from, e.to, e.kind, e.weight, e.articles.join(' '), e.attributions.join(' ')])),
  };
}

export function renderCsv(report: Report, _options: RenderOptions): string {
  return attributionsCsv(report);
}
