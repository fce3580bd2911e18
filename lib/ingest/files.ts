/**
 * Turns the paths a user gave into documents: files are read and decoded,
 * directories are walked (sorted, so runs are reproducible), and anything that
 * cannot be read becomes an InputError naming the path and the problem.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { InputError, RawDocument } from '../types.js';
import { DecodeError, decodeBytes } from './decode.js';

/** Files larger than this are refused: no news article is this long. */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

const HTML_EXTENSIONS = new Set(['.html', '.htm', '.xhtml']);
const TEXT_EXTENSIONS = new Set(['.txt', '.text', '']);

export interface ReadOptions {
  maxBytes?: number;
  /** Walk directories recursively (default true). */
  recursive?: boolean;
}

export type ReadResult = { ok: true; doc: RawDocument } | { ok: false; error: InputError };

/** Read one file into a RawDocument, or say in one line why it cannot be. */
export function readDocument(path: string, options: ReadOptions = {}): ReadResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return { ok: false, error: { file: path, message: 'no such file or directory' } };
  }
  if (stat.isDirectory()) return { ok: false, error: { file: path, message: 'is a directory' } };
  if (stat.size > maxBytes)
    return { ok: false, error: { file: path, message: `too large (${formatBytes(stat.size)}; the limit is ${formatBytes(maxBytes)})` } };
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    return { ok: false, error: { file: path, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` } };
  }
  return documentFromBytes(path, bytes);
}

/** Decode bytes from any source (file, stdin) into a RawDocument. */
export function documentFromBytes(label: string, bytes: Uint8Array): ReadResult {
  let decoded;
  try {
    decoded = decodeBytes(bytes);
  } catch (e) {
    if (e instanceof DecodeError) return { ok: false, error: { file: label, message: e.message } };
    throw e;
  }
  const text = decoded.text.normalize('NFC');
  if (text.trim() === '') return { ok: false, error: { file: label, message: 'no text (only whitespace)' } };
  const format = HTML_EXTENSIONS.has(extname(label).toLowerCase()) || /^\s*(<!doctype html|<html)/i.test(text.slice(0, 512)) ? 'html' : 'text';
  const doc: RawDocument = { file: label, content: text, format };
  if (decoded.encoding !== 'utf-8') doc.encoding = decoded.encoding;
  return { ok: true, doc };
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}
