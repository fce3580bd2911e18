/** Builds small WARC files in tests (our own fixtures; nothing from outside). */
import { gzipSync } from 'node:zlib';

export interface RecordSpec {
  type: string;
  uri?: string;
  id?: string;
  refersTo?: string;
  contentType?: string;
  /** The record block (for response: HTTP headers + body). */
  block: string | Buffer;
  /** Override Content-Length (to lie). */
  contentLength?: number;
}

let counter = 0;

export function record(spec: RecordSpec): Buffer {
  const block = Buffer.isBuffer(spec.block) ? spec.block : Buffer.from(spec.block, 'utf8');
  const id = spec.id ?? `<urn:uuid:00000000-0000-0000-0000-${String(++counter).padStart(12, '0')}>`;
  const lines = ['WARC/1.0', `WARC-Type: ${spec.type}`, `WARC-Record-ID: ${id}`, 'WARC-Date: 2024-05-01T12:00:00Z'];
  if (spec.uri) lines.push(`WARC-Target-URI: ${spec.uri}`);
  if (spec.refersTo) lines.push(`WARC-Refers-To: ${spec.refersTo}`);
  if (spec.contentType) lines.push(`Content-Type: ${spec.contentType}`);
  lines.push(`Content-Length: ${spec.contentLength ?? block.length}`);
  return Buffer.concat([Buffer.from(lines.join('\r\n') + '\r\n\r\n', 'utf8'), block, Buffer.from('\r\n\r\n')]);
}

export function httpResponse(body: string | Buffer, contentType = 'text/html; charset=utf-8', status = '200 OK'): Buffer {
  const b = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  return Buffer.concat([Buffer.from(`HTTP/1.1 ${status}\r\nContent-Type: ${contentType}\r\nContent-Length: ${b.length}\r\n\r\n`, 'latin1'), b]);
}

/** One gzip member per record, as crawlers write WARC.gz. */
export function gzipRecords(records: Buffer[]): Buffer {
  return Buffer.concat(records.map((r) => gzipSync(r)));
}

export function page(title: string, paragraphs: string[], extra = ''): string {
  return `<!doctype html><html><head><title>${title}</title></head><body>${extra}<article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
}

/** A paragraph of plausible prose, distinct per seed. */
export function prose(seed: number, sentences = 4): string {
  const out: string[] = [];
  for (let i = 0; i < sentences; i++)
    out.push(`The council met on day ${seed * 10 + i} to discuss the budget for the harbour district, and members said the plan would be voted on later.`);
  return out.join(' ');
}
