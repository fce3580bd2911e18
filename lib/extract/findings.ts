/**
 * Whole-article findings about extraction itself, so a report can say when
 * an input gave nothing to analyze instead of silently showing zeros.
 */
import type { ExtractedArticle, Finding } from '../types.js';

export const EMPTY_BODY_RULE = 'input/empty-body';

/** `input/empty-body` when extraction kept no article text (a menu page, a list, an empty file). */
export function extractionFindings(article: ExtractedArticle): Finding[] {
  if (article.body.text.trim() !== '') return [];
  return [
    {
      ruleId: EMPTY_BODY_RULE,
      messageId: 'emptyBody',
      message: 'No article text was found in this input (only page furniture, a list or nothing); it was not analyzed for sources.',
      level: 'warning',
    },
  ];
}
