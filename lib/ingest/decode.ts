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
 * Windows-1252's 0x80-0x9F row (WHATWG Encoding, index-windows-1252). Node's
 * TextDecoder('windows-1252') decodes these bytes as C1 controls (latin1), so
 * curly quotes, dashes and the euro sign would come out as control characters.
 * The five undefined bytes map to the C1 control of the same value, as WHATWG says.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

function decodeCp1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const codes = Array.from(bytes.subarray(i, i + CHUNK), (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : b));
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

/** Labels WHATWG maps to windows-1252 (browsers decode declared latin1 as windows-1252). */
const LATIN_LABELS = new Set(['windows-1252', 'cp1252', 'x-cp1252', 'iso-8859-1', 'iso8859-1', 'iso_8859-1', 'latin1', 'l1', 'us-ascii', 'ascii', 'cp819', 'ibm819', 'iso-ir-100']);

/** Decode `bytes`; `declared` is a charset a container named (HTTP header, meta tag). */
export function decodeBytes(bytes: Uint8Array, declared?: string | null): { text: string; encoding: string } {
  if (bytes.length === 0) throw new DecodeError('empty file');
  if (looksBinary(bytes)) throw new DecodeError('binary content, not text');
  // A UTF-8 BOM, or a UTF-16 BOM.
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: utf8.decode(bytes.subarray(3)), encoding: 'utf-8' };
  if (declared) {
    const label = declared.trim().toLowerCase();
    if (LATIN_LABELS.has(label)) return { text: decodeCp1252(bytes), encoding: 'windows-1252' };
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
    return { text: decodeCp1252(bytes), encoding: 'windows-1252' };
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
