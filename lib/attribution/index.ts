/**
 * Who said what: finds attributions in an article's sentences and resolves
 * their sources. Filled by the attribution work; for now it finds none and
 * counts every sentence as unattributed.
 */
import type { LexiconSet } from '../lexicon/load.js';
import type { NlpDoc } from '../nlp/index.js';
import type { Attribution, ExtractedArticle, Finding, UnattributedSentence } from '../types.js';

export interface AttributionResult {
  attributions: Attribution[];
  unattributed: UnattributedSentence[];
  findings: Finding[];
}

export function findAttributions(_article: ExtractedArticle, doc: NlpDoc, _lexicons: LexiconSet): AttributionResult {
  return {
    attributions: [],
    unattributed: doc.sentences.map((s) => ({ start: s.start, end: s.end, hedges: [] })),
    findings: [],
  };
}
