/**
 * WARC and WARC.gz, streamed record by record with warcio: only one record's
 * payload is in memory at a time. `response` records (2xx, HTML) and
 * `resource` records (HTML or plain text) are documents; `conversion` records
 * are documents only when they derive from a record outside this file (a WET
 * file's text), not when they annotate a record we already took (L3S-GN1's
 * labelled copies). request, metadata, revisit, warcinfo are skipped.
 *
 * A record warcio cannot frame (truncated, a Content-Length that lies, broken
 * chunking) becomes an error entry `file#N` where N is the record's ordinal.
 */
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { WARCParser, type WARCRecord } from 'warcio';
import type { InputItem, RawDocument } from '../types.js';
import { DecodeError, decodeHtml } from './charset.js';
import { decodeBytes } from './decode.js';
import { DEFAULT_MAX_BYTES } from './files.js';

export interface WarcOptions {
  /** Payloads larger than this are skipped with an error entry. */
  maxBytes?: number;
}

/** Bytes a payload may fall short of its declared length before it is called truncated. */
export const LENGTH_SLACK = 2;

const HTML_TYPES = /^\s*(text\/html|application\/xhtml\+xml)\b/i;
const TEXT_TYPES = /^\s*text\/plain\b/i;

/** warcio reports some framing problems with console.warn, not exceptions; catch them per record. */
async function nextCapturingWarnings<T>(it: AsyncIterator<T>): Promise<{ result: IteratorResult<T>; warnings: string[] }> {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map(String).join(' '));
  };
  try {
    return { result: await it.next(), warnings };
  } finally {
    console.warn = original;
  }
}

function describeWarning(w: string): string {
  const m = /Content-Length Too Small.*?Remainder Length: (\d+)/.exec(w);
  return m ? `record longer than its Content-Length (${m[1]} stray bytes after it)` : w.split('\n')[0];
}

type Pending = { kind: 'item'; item: InputItem } | null;

/**
 * WARC.gz is inflated here, with Node's own zlib, and warcio reads the plain
 * WARC: warcio's inflater is JavaScript (pako), ~3x the CPU, and treats a gzip
 * stream that stops mid-member as a clean end, so records after a cut would
 * vanish silently (gzip data was inflated twice before: by warcio, and by a
 * check alongside). Plain WARC passes through unchanged. When the gzip data
 * is cut or corrupt the inflated stream ends there and `state.problem` says
 * why; the records read before it stand.
 */
function inflating(source: AsyncIterable<Uint8Array>, state: { problem: string | null; gzip: boolean }): AsyncIterable<Uint8Array> {
  return (async function* inflate() {
    const it = source[Symbol.asyncIterator]();
    // Enough bytes to see the gzip magic number (a pipe may give them one by one).
    const head: Uint8Array[] = [];
    let headBytes = 0;
    let ended = false;
    while (headBytes < 2) {
      const step = await it.next();
      if (step.done) {
        ended = true;
        break;
      }
      head.push(step.value);
      headBytes += step.value.length;
    }
    const first = head.length === 1 ? head[0] : Buffer.concat(head);
    const rest = async function* () {
      if (first.length) yield first;
      if (ended) return;
      for (;;) {
        const step = await it.next();
        if (step.done) return;
        yield step.value;
      }
    };
    if (!(first.length >= 2 && first[0] === 0x1f && first[1] === 0x8b)) {
      yield* rest();
      return;
    }
    state.gzip = true;
    const gunzip = createGunzip();
    // Errors surface in the loop below (the callback only keeps them from going unhandled).
    pipeline(Readable.from(rest()), gunzip, () => undefined);
    try {
      for await (const chunk of gunzip) yield chunk as Uint8Array;
    } catch (e) {
      // zlib's own errors (Z_DATA_ERROR, Z_BUF_ERROR: cut, corrupt) are the data's problem; a read error is not.
      if (!String((e as NodeJS.ErrnoException).code ?? '').startsWith('Z_')) throw e;
      state.problem = (e as Error).message;
    }
  })();
}

export async function* readWarc(label: string, source: AsyncIterable<Uint8Array>, options: WarcOptions = {}): AsyncGenerator<InputItem> {
  for await (const item of readWarcRecords(label, source, options)) yield item;
}

async function* readWarcRecords(label: string, rawSource: AsyncIterable<Uint8Array>, options: WarcOptions): AsyncGenerator<InputItem> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const gz = { problem: null as string | null, gzip: false };
  const source = inflating(rawSource, gz);
  const parser = new WARCParser(source);
  const it = parser[Symbol.asyncIterator]();
  const taken = new Set<string>();
  let n = 0;
  // One record of look-ahead: framing problems of record N surface when record N+1 is parsed.
  let pending: Pending = null;
  for (;;) {
    let step;
    try {
      step = await nextCapturingWarnings(it);
    } catch (e) {
      if (pending) yield pending.item;
      pending = null;
      yield { kind: 'error', error: { file: `${label}#${n + 1}`, message: `corrupt WARC record: ${firstLine(e)}; rest of the file skipped` } };
      return;
    }
    if (step.warnings.length && pending) {
      const file = pending.item.kind === 'doc' ? pending.item.doc.file : pending.item.error.file;
      pending = { kind: 'item', item: { kind: 'error', error: { file, message: describeWarning(step.warnings[0]) } } };
    } else if (step.warnings.length && n > 0) {
      yield { kind: 'error', error: { file: `${label}#${n}`, message: describeWarning(step.warnings[0]) } };
    }
    if (step.result.done && gz.problem) {
      // The data stopped mid-record: the last record read (if any) is incomplete.
      const file = pending ? (pending.item.kind === 'doc' ? pending.item.doc.file : pending.item.error.file) : `${label}#${n + 1}`;
      yield { kind: 'error', error: { file, message: `truncated or corrupt gzip data (${gz.problem}); the file ends here` } };
      return;
    }
    if (pending) yield pending.item;
    pending = null;
    if (step.result.done) return;
    n++;
    const record = step.result.value;
    const file = `${label}#${n}`;
    if (n === 1 && !record.warcType) {
      yield { kind: 'error', error: { file: label, message: 'not a WARC file (no WARC-Type; ARC files are not supported)' } };
      return;
    }
    try {
      const item = await recordToItem(record, file, taken, maxBytes);
      if (item) pending = { kind: 'item', item };
    } catch (e) {
      pending = { kind: 'item', item: { kind: 'error', error: { file, message: `unreadable ${record.warcType ?? ''} record: ${firstLine(e)}` } } };
    }
    await drain(record);
  }
}

/** How long the payload should be, when the headers say so plainly (no compression or chunking). */
function expectedPayloadLength(record: WARCRecord, type: string): number | null {
  if (type !== 'response') return record.warcContentLength;
  const headers = record.httpHeaders?.headers;
  if (!headers || headers.get('content-encoding') || headers.get('transfer-encoding')) return null;
  const n = Number(headers.get('content-length'));
  return Number.isFinite(n) && n > 0 ? n : null;
}

/**
 * Read past whatever is left of a record ourselves. warcio's own skip
 * (LimitReader.skipFully) loops forever when the data ends before the
 * record's Content-Length does; iterating the limited reader stops at the end.
 */
async function drain(record: WARCRecord): Promise<void> {
  if (record.consumed) return;
  const limited = (record as unknown as { _reader: AsyncIterable<Uint8Array> })._reader;
  try {
    for await (const chunk of limited) void chunk;
  } finally {
    record.consumed = 'skipped';
  }
}

function firstLine(e: unknown): string {
  return String((e as Error)?.message ?? e).split('\n')[0];
}

async function recordToItem(record: WARCRecord, file: string, taken: Set<string>, maxBytes: number): Promise<InputItem | null> {
  const type = record.warcType;
  let contentType: string | null | undefined;
  if (type === 'response') {
    const info = record.getResponseInfo();
    const status = Number(info?.status);
    if (!(status >= 200 && status < 300)) return null;
    contentType = info?.headers.get('content-type');
  } else if (type === 'resource') {
    contentType = record.warcContentType;
  } else if (type === 'conversion') {
    const refersTo = record.warcHeader('WARC-Refers-To');
    if (refersTo && taken.has(refersTo)) return null;
    contentType = record.warcContentType;
  } else return null;
  // Crawler bookkeeping (wget's metadata://, dns:, ...) is not a page.
  const target = record.warcTargetURI ?? record.warcRefersToTargetURI ?? '';
  if (target && !/^<?(https?|file):/i.test(target)) return null;
  const html = HTML_TYPES.test(contentType ?? '');
  if (!html && !TEXT_TYPES.test(contentType ?? '')) return null;
  const id = record.warcHeader('WARC-Record-ID');
  if (id) taken.add(id);
  const declared = record.warcContentLength;
  if (declared > maxBytes) return { kind: 'error', error: { file, message: `record too large (${declared} bytes; the limit is ${maxBytes})` } };
  const bytes = await record.readFully(true);
  if (bytes.length > maxBytes) return { kind: 'error', error: { file, message: `record too large after decoding (${bytes.length} bytes)` } };
  if (bytes.length === 0) return { kind: 'error', error: { file, message: 'empty record payload' } };
  const expected = expectedPayloadLength(record, type);
  // A couple of bytes short is a CRLF miscount, common in real crawls; more is a cut.
  if (expected !== null && bytes.length < expected - LENGTH_SLACK)
    return { kind: 'error', error: { file, message: `truncated record (${bytes.length} of ${expected} bytes)` } };
  let decoded;
  try {
    decoded = html ? decodeHtml(bytes, contentType) : decodeBytes(bytes, null);
  } catch (e) {
    if (e instanceof DecodeError) return { kind: 'error', error: { file, message: e.message } };
    throw e;
  }
  const doc: RawDocument = { file, content: decoded.text.normalize('NFC'), format: html ? 'html' : 'text' };
  const url = record.warcTargetURI ?? record.warcRefersToTargetURI;
  const date = record.warcDate;
  doc.meta = { url: url ? url.replace(/^<|>$/g, '') : null, crawlDate: date ? date.slice(0, 10) : null };
  if (decoded.encoding !== 'utf-8') doc.encoding = decoded.encoding;
  return { kind: 'doc', doc };
}
