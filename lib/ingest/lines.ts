/**
 * Splits a byte stream into lines without ever holding more than one line
 * (capped) in memory. A line longer than the cap is not kept: it is reported
 * as `tooLong` with its length and the reader skips to the next newline, so a
 * 200 MB single-line file costs the cap, not 200 MB.
 */

/** Longest line a JSONL record may have; longer lines become error entries. */
export const DEFAULT_MAX_LINE_BYTES = 10 * 1024 * 1024;

export type Line = { number: number; bytes: Buffer; tooLong: false } | { number: number; length: number; tooLong: true };

export async function* splitLines(source: AsyncIterable<Uint8Array>, maxLineBytes = DEFAULT_MAX_LINE_BYTES): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let size = 0;
  let overflow = false;
  let number = 1;
  const flush = (): Line => {
    const line: Line = overflow ? { number, length: size, tooLong: true } : { number, bytes: Buffer.concat(parts, size), tooLong: false };
    parts = [];
    size = 0;
    overflow = false;
    number++;
    return line;
  };
  for await (const chunk of source) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let from = 0;
    while (from < buf.length) {
      const nl = buf.indexOf(0x0a, from);
      const end = nl < 0 ? buf.length : nl;
      const piece = buf.subarray(from, end);
      size += piece.length;
      if (!overflow) {
        if (size > maxLineBytes) {
          overflow = true;
          parts = [];
        } else if (piece.length) parts.push(Buffer.from(piece));
      }
      if (nl < 0) break;
      yield flush();
      from = nl + 1;
    }
  }
  if (size > 0 || overflow) yield flush();
}
