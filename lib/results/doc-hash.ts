/**
 * The key of a stored result: sha256 of the input document as the readers
 * produce it (its label, format, decoded text and container metadata). The
 * same input read twice (a retried job, two workers, a re-enqueued file) gets
 * the same key; a document under another name is another input, as it is for
 * `analyze` (which reports it as a second article).
 */
import { createHash } from 'node:crypto';
import type { RawDocument } from '../types.js';

export function docHash(doc: RawDocument): string {
  const meta = doc.meta ?? {};
  const key = [
    doc.file,
    doc.format,
    doc.encoding ?? '',
    JSON.stringify([meta.url ?? null, meta.title ?? null, meta.published ?? null, meta.publisher ?? null, meta.crawlDate ?? null]),
    doc.content,
  ].join('\u0000');
  return createHash('sha256').update(key).digest('hex');
}
