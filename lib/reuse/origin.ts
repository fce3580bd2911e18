/**
 * Where the text came from, combining the two layers: credit markers found by
 * extraction (layer 1) and passages matched against other documents (layer 2).
 * The text layer decides the derivation when it finds shared passages; when it
 * finds nothing, the markers' derivation stands ("(Reuters)" on a page is wholly
 * wire copy even without the feed), else 'non'.
 */
import type { Derivation, ExtractedArticle, Origin, OriginKind } from '../types.js';
import type { ArticleDerivation } from './index.js';

/** What the credit markers alone say (layer 1). */
export interface MarkerOrigin {
  kind: OriginKind;
  agency: string | null;
  evidence: string[];
  imageCredits: string[];
  truncated: boolean;
  derivation: 'wholly' | null;
}

/** Layer 1 until extraction's originFromMarkers lands: credits as extraction found them. */
export function markerOrigin(article: ExtractedArticle): MarkerOrigin {
  const agencyCredit = article.credits.find((c) => c.agency);
  const sourceLink = article.credits.some((c) => c.kind === 'source-link');
  const kind = agencyCredit ? 'wire' : sourceLink ? 'repost' : article.credits.length ? 'unknown' : 'original';
  return {
    kind,
    agency: agencyCredit?.agency ?? null,
    evidence: article.credits.map((c) => c.text),
    imageCredits: article.imageCredits,
    truncated: article.truncated,
    derivation: null,
  };
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
