/**
 * Bytes to text. News archives are full of ISO-8859-1 and Windows-1252 files:
 * valid UTF-8 is taken as UTF-8; anything else is decoded as Windows-1252 (a
 * superset of ISO-8859-1's printable range, and what browsers do for latin1).
 * Binary content is refused rather than decoded into noise.
 */

export class DecodeError extends Error {}

/** Share of control bytes above which a file is called binary. */
export const BINARY_CONTROL_SHARE = 0.1;

const utf8 = new TextDecoder('utf-8', { fatal: true });
/**
 * Windows-1252 by table: Node 20's TextDecoder('windows-1252') decodes as
 * ISO-8859-1 (0x80-0x9F become C1 controls instead of “ ” – € ...).
 * The WHATWG Encoding standard maps the latin1/ascii labels to this too.
 */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const WINDOWS_1252_LABELS = new Set(['windows-1252', 'cp1252', 'x-cp1252', 'iso-8859-1', 'iso8859-1', 'latin1', 'l1', 'ascii', 'us-ascii', 'iso_8859-1', 'iso-ir-100', 'cp819', 'ibm819']);

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const part = bytes.subarray(i, i + CHUNK);
    const codes = new Array<number>(part.length);
    for (let j = 0; j < part.length; j++) {
      const b = part[j];
      codes[j] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b;
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}

const cp1252 = { decode: decodeWindows1252 };

/** Decode `bytes`; `declared` is a charset a container named (HTTP header, meta tag). */
export function decodeBytes(bytes: Uint8Array, declared?: string | null): { text: string; encoding: string } {
  if (bytes.length === 0) throw new DecodeError('empty file');
  if (looksBinary(bytes)) throw new DecodeError('binary content, not text');
  // A UTF-8 BOM, or a UTF-16 BOM.
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: utf8.decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (declared) {
    const label = declared.trim().toLowerCase();
    if (WINDOWS_1252_LABELS.has(label)) return { text: cp1252.decode(bytes), encoding: 'windows-1252' };
    if (label !== 'utf-8' && label !== 'utf8') {
      try {
        return { text: new TextDecoder(label).decode(bytes), encoding: label };
      } catch {
        // Unknown label: fall through to detection.
      }
    }
  }
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: cp1252.decode(bytes), encoding: 'windows-1252' };
  }
}

function looksBinary(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return false; // UTF-16 BOM
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return control / n > BINARY_CONTROL_SHARE;
}
