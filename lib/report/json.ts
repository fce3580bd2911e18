import type { Report } from '../types.js';

/** The Report as JSON: nothing clever, so other tools can read it. */
export function renderJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}

/**
 * renderJson's text in pieces, byte for byte (joined they are renderJson's
 * string): the top-level object, and the objects and arrays inside it down to
 * `depth` levels (each article, each item of the corpus's lists), come out one member at a
 * time, so a large Report is written without holding its whole JSON text
 * (hundreds of MB over a crawl) and a copy of it at once. Each member is
 * JSON.stringify's own text, indented by its depth (JSON strings hold no raw
 * line breaks, so indenting every line break is safe).
 */
export function* renderJsonChunks(report: Report, depth = 3): Generator<string> {
  yield* chunks(report, '', depth);
  yield '\n';
}

function* chunks(value: unknown, indent: string, depth: number): Generator<string> {
  const inner = `${indent}  `;
  const plainObject = typeof value === 'object' && value !== null && !Array.isArray(value) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
  if (depth > 0 && Array.isArray(value) && value.length > 0) {
    yield '[\n';
    for (let k = 0; k < value.length; k++) {
      yield inner;
      // As JSON.stringify: what has no JSON form is null in an array.
      const item: unknown = value[k];
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') yield 'null';
      else yield* chunks(item, inner, depth - 1);
      yield k < value.length - 1 ? ',\n' : '\n';
    }
    yield `${indent}]`;
    return;
  }
  if (depth > 0 && plainObject) {
    // As JSON.stringify: members with no JSON form are left out.
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol');
    if (entries.length > 0) {
      yield '{\n';
      for (let k = 0; k < entries.length; k++) {
        yield `${inner}${JSON.stringify(entries[k][0])}: `;
        yield* chunks(entries[k][1], inner, depth - 1);
        yield k < entries.length - 1 ? ',\n' : '\n';
      }
      yield `${indent}}`;
      return;
    }
  }
  const text = JSON.stringify(value, null, 2);
  yield indent ? text.replaceAll('\n', `\n${indent}`) : text;
}
