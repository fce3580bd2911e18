/**
 * Where the text came from, combining the two layers: credit markers found by
 * extraction (layer 1) and passages matched against other documents (layer 2).
 */
import type { ExtractedArticle, Origin } from '../types.js';
import type { ArticleDerivation } from './index.js';

export function buildOrigin(article: ExtractedArticle, text: ArticleDerivation | undefined): Origin {
  const agencyCredit = article.credits.find((c) => c.agency);
  const sourceLink = article.credits.some((c) => c.kind === 'source-link');
  const kind = agencyCredit ? 'wire' : sourceLink ? 'repost' : article.credits.length ? 'unknown' : 'original';
  return {
    kind,
    agency: agencyCredit?.agency ?? null,
    derivation: text?.derivation ?? 'non',
    coverage: text?.coverage ?? 0,
    sources: text?.sources ?? [],
    evidence: article.credits.map((c) => c.text),
    imageCredits: article.imageCredits,
    truncated: article.truncated,
    creditStripped: false,
  };
}
