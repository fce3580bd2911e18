/**
 * Which charset an HTML payload declares: the HTTP Content-Type header first,
 * then a <meta charset> or <meta http-equiv="Content-Type"> in the first bytes
 * (the HTML standard's prescan looks at 1024 bytes; pages with long heads put
 * it later, so we look a little further).
 */
import { DecodeError, decodeBytes } from './decode.js';

const PRESCAN_BYTES = 4096;

export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType);
  return m ? m[1].toLowerCase() : null;
}

export function charsetFromMeta(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, PRESCAN_BYTES)).toString('latin1');
  const direct = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  return direct ? direct[1].toLowerCase() : null;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8(bytes: Uint8Array): boolean {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Decode an HTML payload. The HTTP header is trusted; a meta declaration is
 * trusted unless the bytes are valid UTF-8 (pages re-saved as UTF-8 keep their
 * old meta tag; valid multi-byte UTF-8 is almost never latin1 text by chance).
 * Throws DecodeError for empty or binary payloads.
 */
export function decodeHtml(bytes: Uint8Array, httpContentType?: string | null): { text: string; encoding: string } {
  const http = charsetFromContentType(httpContentType);
  if (http) return decodeBytes(bytes, http);
  const meta = charsetFromMeta(bytes);
  if (meta && !isUtf8(bytes)) return decodeBytes(bytes, meta);
  return decodeBytes(bytes);
}

export { DecodeError };
