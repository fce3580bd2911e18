/**
 * Where the text came from, combining the two layers: credit markers found by
 * extraction (layer 1) and passages matched against other documents (layer 2).
 * The text layer decides the derivation when it finds shared passages; when it
 * finds nothing, the markers' derivation stands ("(Reuters)" on a page is wholly
 * wire copy even without the feed), else 'non'.
 */
import { originFromMarkers, type MarkerOrigin } from '../extract/origin-markers.js';
import type { Derivation, ExtractedArticle, Origin } from '../types.js';
import type { ArticleDerivation } from './index.js';

/** What the credit markers alone say (layer 1): lib/extract/origin-markers.ts. */
export type { MarkerOrigin };

export function markerOrigin(article: ExtractedArticle): MarkerOrigin {
  return originFromMarkers(article);
}

/**
 * `sourceIsWire`: the passages come from a wire document (a reference feed, or
 * an input article credited to an agency).
 */
export function buildOrigin(article: ExtractedArticle, text: ArticleDerivation | undefined, sourceIsWire = text?.fromReferences ?? false): Origin {
  const markers = markerOrigin(article);
  const textFound = text !== undefined && text.derivation !== 'non';
  const derivation: Derivation = textFound ? text.derivation : (markers.derivation ?? 'non');
  // Wire copy found by its text on a page that credits nobody.
  const creditStripped = textFound && sourceIsWire && markers.evidence.length === 0 && markers.kind === 'original';
  return {
    kind: textFound && sourceIsWire && markers.kind === 'original' ? 'wire' : markers.kind,
    agency: markers.agency,
    derivation,
    coverage: text?.coverage ?? 0,
    sources: text?.sources ?? [],
    evidence: markers.evidence,
    imageCredits: markers.imageCredits,
    truncated: markers.truncated,
    creditStripped,
  };
}
