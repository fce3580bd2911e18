/**
 * Text against text: which passages each article shares with the others and
 * with reference documents, and how much of each body is derived.
 * Filled by the provenance work; for now it finds no reuse.
 */
import type { Derivation, ReusePair } from '../types.js';

export interface ReuseDocument {
  id: string;
  file: string;
  text: string;
  /** Reference documents are candidate sources only, not analyzed as articles. */
  reference: boolean;
}

export interface ArticleDerivation {
  derivation: Derivation;
  coverage: number;
  sources: { file: string; coverage: number }[];
}

export interface ReuseResult {
  pairs: ReusePair[];
  derivations: Map<string, ArticleDerivation>;
}

export function analyzeReuse(documents: ReuseDocument[]): ReuseResult {
  const derivations = new Map<string, ArticleDerivation>();
  for (const doc of documents) if (!doc.reference) derivations.set(doc.id, { derivation: 'non', coverage: 0, sources: [] });
  return { pairs: [], derivations };
}
