/**
 * Where the text came from, combining the two layers: credit markers found by
 * extraction (layer 1) and passages matched against other documents (layer 2).
 */
import { originFromMarkers } from '../extract/origin-markers.js';
import type { ExtractedArticle, Origin } from '../types.js';
import type { ArticleDerivation } from './index.js';

/** `references`: reference documents were given, so the text layer's derivation is measured, not a default. */
export function buildOrigin(article: ExtractedArticle, text: ArticleDerivation | undefined, options: { references?: boolean } = {}): Origin {
  const markers = originFromMarkers(article);
  const measured = text && (options.references || text.sources.length > 0) ? text.derivation : null;
  return {
    kind: markers.kind,
    agency: markers.agency,
    derivation: measured ?? markers.derivation ?? text?.derivation ?? 'non',
    coverage: text?.coverage ?? 0,
    sources: text?.sources ?? [],
    evidence: markers.evidence,
    imageCredits: markers.imageCredits,
    truncated: markers.truncated,
    creditStripped: false,
  };
}
