/**
 * JSON Lines: one article per line, `{text|html, url, title, published, publisher}`.
 * Streamed line by line; a line that is not such an object is an error entry
 * naming its line number, and the next line is read.
 */
import type { InputItem, RawDocument } from '../types.js';
import { DEFAULT_MAX_LINE_BYTES, splitLines } from './lines.js';

const META_FIELDS = ['url', 'title', 'published', 'publisher'] as const;

export async function* readJsonl(label: string, source: AsyncIterable<Uint8Array>, maxLineBytes = DEFAULT_MAX_LINE_BYTES): AsyncGenerator<InputItem> {
  for await (const line of splitLines(source, maxLineBytes)) {
    const file = `${label}#${line.number}`;
    if (line.tooLong) {
      yield { kind: 'error', error: { file, message: `line ${line.number} too long (${line.length} bytes; the limit is ${maxLineBytes})` } };
      continue;
    }
    const text = line.bytes.toString('utf8').replace(/^\uFEFF/, '');
    if (text.trim() === '') continue;
    const result = parseRecord(text);
    if (typeof result === 'string') yield { kind: 'error', error: { file, message: `line ${line.number}: ${result}` } };
    else yield { kind: 'doc', doc: { ...result, file } };
  }
}

/** One JSONL line to a document (without its label), or the reason it is not one. */
export function parseRecord(line: string): Omit<RawDocument, 'file'> | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    return `invalid JSON (${(e as Error).message.split('\n')[0]})`;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const record = value as Record<string, unknown>;
  const html = record.html;
  const text = record.text;
  let content: string;
  let format: RawDocument['format'];
  if (typeof html === 'string' && html.trim() !== '') {
    content = html;
    format = 'html';
  } else if (typeof text === 'string' && text.trim() !== '') {
    content = text;
    format = 'text';
  } else return 'no "text" or "html" string';
  const meta: NonNullable<RawDocument['meta']> = {};
  for (const field of META_FIELDS) {
    const v = record[field];
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') return `"${field}" must be a string`;
    meta[field] = v;
  }
  const doc: Omit<RawDocument, 'file'> = { content: content.normalize('NFC'), format };
  if (Object.keys(meta).length) doc.meta = meta;
  return doc;
}
