/**
 * Collects the documents named on the command line: files, directories and
 * `-` for standard input. Problems become InputErrors, never exceptions.
 */
import { readFileSync } from 'node:fs';
import { documentFromBytes, expandPaths, readDocument } from '../ingest/files.js';
import type { InputError, RawDocument } from '../types.js';

export function collectDocuments(paths: string[]): { documents: RawDocument[]; errors: InputError[] } {
  const documents: RawDocument[] = [];
  const errors: InputError[] = [];
  const named = paths.filter((p) => p !== '-');
  if (paths.includes('-')) {
    const result = documentFromBytes('-', readFileSync(0));
    if (result.ok) documents.push(result.doc);
    else errors.push(result.error);
  }
  const expanded = expandPaths(named);
  errors.push(...expanded.errors);
  for (const file of expanded.files) {
    const result = readDocument(file);
    if (result.ok) documents.push(result.doc);
    else errors.push(result.error);
  }
  return { documents, errors };
}
