/**
 * Every input path to one stream of documents and errors, in a reproducible
 * order: files as given, directories walked recursively in sorted order,
 * `-` for standard input. Each file is read by the reader its name (or, for
 * stdin and unknown names, its first bytes) calls for: WARC, JSON Lines, HTML
 * or plain text; `.gz` is decompressed on the way (with a size cap, so a zip
 * bomb is an error entry, not an out-of-memory). Nothing here throws for bad
 * input; every problem is an InputItem of kind `error`.
 */
import { createReadStream, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { constants as zlibConstants, createGunzip, gunzipSync } from 'node:zlib';
import type { InputItem } from '../types.js';
import { globMatcher } from './glob.js';
import { readJsonl } from './jsonl.js';
import { readWarc } from './warc.js';
import { DEFAULT_MAX_BYTES, documentFromBytes } from './files.js';
import { DecodeError, decodeHtml } from './charset.js';

export interface SourceOptions {
  /** Only files whose path (relative to the directory given) matches, when walking directories. */
  glob?: string;
  /** Largest single document (file, record, decompressed payload); default 10 MB. */
  maxBytes?: number;
  /** Where `-` reads from (tests pass their own). */
  stdin?: AsyncIterable<Uint8Array>;
  /** Counts bytes read from files, for the progress bar's ETA. */
  progress?: { bytesRead: number; bytesTotal: number };
}

type Kind = 'warc' | 'jsonl' | 'html' | 'text' | 'sniff';

/** Extensions a directory walk picks up (a named file is read whatever its name). */
const WALKED = /\.(txt|text|html?|xhtml|warc|arc|jsonl|ndjson)(\.gz)?$|^[^.]+$/i;

function kindFromName(name: string): { kind: Kind; gzip: boolean } {
  const lower = name.toLowerCase();
  const gzip = lower.endsWith('.gz');
  const base = gzip ? lower.slice(0, -3) : lower;
  if (/\.w?arc$/.test(base)) return { kind: 'warc', gzip };
  if (/\.(jsonl|ndjson)$/.test(base)) return { kind: 'jsonl', gzip };
  if (/\.(html?|xhtml)$/.test(base)) return { kind: 'html', gzip };
  if (/\.(txt|text)$/.test(base)) return { kind: 'text', gzip };
  return { kind: 'sniff', gzip };
}

/** Files under `paths`, directories expanded; errors for missing paths and empty directories. */
export function listInputs(paths: string[], options: SourceOptions = {}): { files: string[]; errors: InputItem[] } {
  const files: string[] = [];
  const errors: InputItem[] = [];
  const match = options.glob ? globMatcher(options.glob) : null;
  for (const path of paths) {
    if (path === '-') {
      files.push('-');
      continue;
    }
    let stat;
    try {
      stat = statSync(path);
    } catch {
      errors.push({ kind: 'error', error: { file: path, message: 'no such file or directory' } });
      continue;
    }
    if (stat.isDirectory()) {
      const found: string[] = [];
      walk(path, path, match, found);
      if (found.length === 0)
        errors.push({ kind: 'error', error: { file: path, message: options.glob ? `no file matches ${options.glob}` : 'directory holds no readable files' } });
      files.push(...found);
    } else files.push(path);
  }
  return { files, errors };
}

function walk(root: string, dir: string, match: ((rel: string) => boolean) | null, out: string[]): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const full = join(dir, name);
    let stat;
    try {
      stat = statSync(full);
    } catch {
      continue;
    }
    if (stat.isDirectory()) walk(root, full, match, out);
    else if (match ? match(relative(root, full).split('\\').join('/')) : WALKED.test(name)) out.push(full);
  }
}

/** Read every input, yielding documents and error entries in input order. */
export async function* readInputs(paths: string[], options: SourceOptions = {}): AsyncGenerator<InputItem> {
  const { files, errors } = listInputs(paths, options);
  yield* errors;
  if (options.progress) {
    for (const f of files) {
      if (f === '-') continue;
      try {
        options.progress.bytesTotal += statSync(f).size;
      } catch {
        // counted as unknown
      }
    }
  }
  for (const file of files) yield* readOne(file, options);
}

/** Read one file (or `-`) with the reader its kind calls for. */
export async function* readOne(file: string, options: SourceOptions = {}): AsyncGenerator<InputItem> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const named = file === '-' ? { kind: 'sniff' as Kind, gzip: false } : kindFromName(file);
  let raw: AsyncIterable<Uint8Array>;
  try {
    raw = file === '-' ? (options.stdin ?? process.stdin) : await openFile(file, options);
  } catch (e) {
    yield { kind: 'error', error: { file, message: describeFsError(e) } };
    return;
  }
  try {
    let peeked = await peek(raw);
    if (peeked.first.length === 0) {
      yield { kind: 'error', error: { file, message: 'empty file' } };
      return;
    }
    let kind = named.kind;
    const gzip = isGzip(peeked.first);
    // WARC.gz goes to warcio compressed (it reads gzip member by member).
    if (kind === 'warc' || (kind === 'sniff' && gzip && gunzipStartsWithWarc(peeked.first))) {
      yield* readWarc(file, peeked.stream, { maxBytes });
      return;
    }
    let stream = peeked.stream;
    if (gzip) {
      stream = gunzipCapped(peeked.stream, kind === 'jsonl' ? Number.POSITIVE_INFINITY : maxBytes);
      peeked = await peek(stream);
      stream = peeked.stream;
    }
    if (kind === 'sniff') kind = sniffKind(peeked.first);
    if (kind === 'warc') yield* readWarc(file, stream, { maxBytes });
    else if (kind === 'jsonl') yield* readJsonl(file, stream);
    else yield await readWhole(file, stream, kind === 'html', maxBytes);
  } catch (e) {
    yield { kind: 'error', error: { file, message: describeFsError(e) } };
  }
}

async function openFile(file: string, options: SourceOptions): Promise<AsyncIterable<Uint8Array>> {
  const stat = statSync(file);
  if (stat.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  const stream = createReadStream(file);
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  });
  const progress = options.progress;
  if (!progress) return stream;
  return (async function* counted() {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      progress.bytesRead += chunk.length;
      yield chunk;
    }
  })();
}

function describeFsError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOENT') return 'no such file or directory';
  if (err?.code === 'EISDIR') return 'is a directory';
  if (err?.code === 'EACCES') return 'permission denied';
  if (err?.code === 'Z_DATA_ERROR' || err?.code === 'Z_BUF_ERROR' || /unexpected end of file|incorrect header check/i.test(err?.message ?? ''))
    return `corrupt gzip data (${err.message})`;
  if (err instanceof SizeError) return err.message;
  return `cannot read: ${err?.code ?? err?.message ?? String(e)}`;
}

class SizeError extends Error {}

function isGzip(b: Uint8Array): boolean {
  return b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
}

/** The first chunk of a stream and a stream that still yields it. */
async function peek(source: AsyncIterable<Uint8Array>): Promise<{ first: Uint8Array; stream: AsyncIterable<Uint8Array> }> {
  const it = source[Symbol.asyncIterator]();
  const head = await it.next();
  const first = head.done ? new Uint8Array(0) : head.value;
  const stream = (async function* replay() {
    if (!head.done) yield head.value;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield r.value;
    }
  })();
  return { first, stream };
}

function gunzipStartsWithWarc(first: Uint8Array): boolean {
  try {
    const out = gunzipSync(first, { finishFlush: zlibConstants.Z_SYNC_FLUSH, maxOutputLength: 64 * 1024 });
    return Buffer.from(out.subarray(0, 5)).toString('latin1') === 'WARC/';
  } catch {
    return false;
  }
}

function sniffKind(first: Uint8Array): Kind {
  const head = Buffer.from(first.buffer, first.byteOffset, Math.min(first.byteLength, 1024)).toString('latin1').replace(/^\xEF\xBB\xBF/, '');
  if (head.startsWith('WARC/')) return 'warc';
  const trimmed = head.trimStart();
  if (trimmed.startsWith('{')) return 'jsonl';
  if (/^(<!doctype html|<html|<head|<body|<!--)/i.test(trimmed)) return 'html';
  return 'text';
}

/** Gunzip a stream, failing once more than `cap` bytes come out (zip bombs). */
function gunzipCapped(source: AsyncIterable<Uint8Array>, cap: number): AsyncIterable<Uint8Array> {
  return (async function* inflate() {
    const gunzip = createGunzip();
    let stopped = false;
    const feed = (async () => {
      try {
        for await (const chunk of source) {
          if (stopped) return;
          // Wait for room, or for the gunzip to be torn down (then stop feeding).
          if (!gunzip.write(chunk)) await new Promise((r) => (gunzip.once('drain', r), gunzip.once('close', r)));
        }
        gunzip.end();
      } catch (e) {
        gunzip.destroy(e as Error);
      }
    })();
    let total = 0;
    try {
      for await (const chunk of gunzip as AsyncIterable<Buffer>) {
        total += chunk.length;
        if (total > cap) throw new SizeError(`too large once decompressed (more than ${cap} bytes)`);
        yield chunk;
      }
    } finally {
      stopped = true;
      gunzip.destroy();
      await feed.catch(() => undefined);
    }
  })();
}

/** A whole file as one document, read with a size cap. */
async function readWhole(file: string, stream: AsyncIterable<Uint8Array>, html: boolean, maxBytes: number): Promise<InputItem> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.byteLength;
    // Leaving the loop closes the stream.
    if (size > maxBytes) return { kind: 'error', error: { file, message: `too large (the limit is ${formatBytes(maxBytes)})` } };
    parts.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }
  const bytes = Buffer.concat(parts, size);
  if (!html) {
    const result = documentFromBytes(file, bytes);
    return result.ok ? { kind: 'doc', doc: result.doc } : { kind: 'error', error: result.error };
  }
  try {
    const decoded = decodeHtml(bytes);
    const content = decoded.text.normalize('NFC');
    if (content.trim() === '') return { kind: 'error', error: { file, message: 'no text (only whitespace)' } };
    const doc: InputItem = { kind: 'doc', doc: { file, content, format: 'html' } };
    if (decoded.encoding !== 'utf-8') doc.doc.encoding = decoded.encoding;
    return doc;
  } catch (e) {
    if (e instanceof DecodeError) return { kind: 'error', error: { file, message: e.message } };
    throw e;
  }
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}
