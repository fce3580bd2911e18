/**
 * Where a Report goes: stdout in one format, or `--out DIR` as files. Shared
 * by `analyze` and `render` (a saved JSON Report shown in another format).
 */
import { mkdirSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { render, type Format } from '../report/index.js';
import { renderJsonChunks } from '../report/json.js';
import { reportFiles } from '../report/out.js';
import { reportProblems } from '../report/validate.js';
import type { Report } from '../types.js';

export interface OutputFlags {
  format?: Format;
  out?: string;
  color: boolean;
}

/** Write the report; returns false when the output folder could not be written. */
export function emitReport(report: Report, flags: OutputFlags): boolean {
  if (flags.out) {
    // Files get no colour; Markdown is the default format of a folder of reports.
    const files = reportFiles(report, flags.format ?? 'md', { color: false });
    try {
      mkdirSync(flags.out, { recursive: true });
      for (const [name, content] of files) writeFileSync(join(flags.out, name), content);
    } catch (e) {
      process.stderr.write(`sourcetrace: ${flags.out}: cannot write the report (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`);
      return false;
    }
    process.stderr.write(`sourcetrace: wrote ${files.size} files to ${flags.out}\n`);
    return true;
  }
  if (flags.format === 'json') writeJson(report);
  else process.stdout.write(render(report, flags.format ?? 'terminal', { color: flags.color }));
  return true;
}

/** Read a saved JSON Report; a one-line error naming the file when it is not one. */
export function readReport(path: string): Report | string {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return err.code === 'ENOENT' ? 'no such file' : err instanceof SyntaxError ? `not JSON (${err.message})` : (err.code ?? err.message);
  }
  const problems = reportProblems(value);
  return problems ? `not a sourcetrace Report: ${problems}` : (value as Report);
}

/** Pieces of about this many characters go to stdout. */
const WRITE_CHUNK = 1 << 20;

/**
 * The JSON Report written in pieces (renderJsonChunks: the same bytes as
 * renderJson), so a crawl's report is never one string of hundreds of MB plus
 * its encoded copy. Each piece is written through before the next is made:
 * process.stdout queues in memory whatever a pipe cannot take at once, which
 * for a whole report is all of it again.
 */
function writeJson(report: Report): void {
  let pending = '';
  for (const piece of renderJsonChunks(report)) {
    pending += piece;
    if (pending.length >= WRITE_CHUNK) {
      if (!writeThrough(pending)) return;
      pending = '';
    }
  }
  if (pending) writeThrough(pending);
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Write all of `text` to stdout now, waiting while a pipe is full; false when the reader has gone (EPIPE). */
function writeThrough(text: string): boolean {
  const bytes = Buffer.from(text, 'utf8');
  for (let at = 0; at < bytes.length; ) {
    try {
      at += writeSync(1, bytes, at, bytes.length - at);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') Atomics.wait(pause, 0, 0, 2);
      else if (code === 'EPIPE') return false;
      else throw e;
    }
  }
  return true;
}
