/**
 * The scorecard: numbers with the findings behind them and a sentence each.
 * Filled by the reports work; for now it counts attributions.
 */
import type { ArticleReport, Scores } from '../types.js';

export function scoreArticle(article: Omit<ArticleReport, 'scores'>): Scores {
  const ids = article.attributions.map((a) => a.id);
  return {
    attributions: {
      value: ids.length,
      explanation: `The article attributes ${ids.length} statement${ids.length === 1 ? '' : 's'} to a source.`,
      basis: { attributions: ids },
    },
  };
}
