/**
 * Assembles the Report: the one plain object that renderers and other tools
 * read. Everything is sorted into a total order here so output is byte-stable.
 */
import type { LexiconSet } from '../lexicon/load.js';
import type { ArticleReport, Attribution, ExtractedArticle, Finding, InputError, Report, ReusePair, UnattributedSentence } from '../types.js';
import { TOOL_VERSION } from '../version.js';
import { buildCorpus, type CorpusPrep } from '../corpus/index.js';

export const SCHEMA_VERSION = '1.0.0';

export interface AnalyzedArticle {
  id: string;
  extracted: ExtractedArticle;
  attributions: Attribution[];
  unattributed: UnattributedSentence[];
  findings: Finding[];
}

/** Compare by code points, never by locale, so order is the same everywhere. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `corpus`: the corpus stage's costly part done ahead for these articles (lib/corpus/parallel.ts). */
export function buildReport(input: { articles: ArticleReport[]; pairs: ReusePair[]; errors: InputError[]; lexicons: LexiconSet; corpus?: CorpusPrep }): Report {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'sourcetrace', version: TOOL_VERSION },
    lexicons: input.lexicons.stamps(),
    articles: input.articles,
    corpus: buildCorpus(
      input.articles,
      [...input.pairs].sort((x, y) => compareStrings(x.a, y.a) || compareStrings(x.b, y.b)),
      input.corpus,
    ),
    errors: [...input.errors].sort((x, y) => compareStrings(x.file, y.file) || compareStrings(x.message, y.message)),
  };
}
