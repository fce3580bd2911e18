/**
 * `sourcetrace index add|stats|remove|vacuum --db FILE`: a lasting reference
 * index (lib/store/). Documents are read like `--reference` reads them (any
 * input kind) and added in transactions of at most ADD_BATCH_DOCS documents or
 * ADD_BATCH_CHARS characters: a killed `add` leaves every batch before it whole
 * and none of the one in progress, and running it again adds only what is missing.
 */
import type { Command } from 'commander';
import { readInputs } from '../ingest/sources.js';
import { LexiconError, loadLexicons, type LexiconSet } from '../lexicon/load.js';
import { referenceText } from '../reuse/reference.js';
import { prepareReference } from '../store/query.js';
import { StoreError, type AddStatus, type PreparedReference, type ReferenceStore } from '../store/reference-store.js';

export const ADD_BATCH_DOCS = 1000;
export const ADD_BATCH_CHARS = 8_000_000;

/** Exit codes, as the program defines them. */
export interface ExitCodes {
  ok: number;
  inputErrors: number;
  usage: number;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

const out = (line: string) => process.stdout.write(line + '\n');
const err = (line: string) => process.stderr.write(`sourcetrace: ${line}\n`);

/** Open a store for a command; a StoreError becomes one line on stderr and null. */
export async function openForCommand(db: string, options: { readonly?: boolean; create?: boolean }): Promise<ReferenceStore | null> {
  // The stores' drivers (pg, better-sqlite3) load when an index is opened, not at every start-up.
  const { openReferenceStore } = await import('../store/open.js');
  try {
    return await openReferenceStore(db, options);
  } catch (e) {
    if (e instanceof StoreError) {
      err(e.message);
      return null;
    }
    throw e;
  }
}

async function runAdd(db: string, inputs: string[], flags: { lexicons: string[]; glob?: string }, codes: ExitCodes): Promise<number> {
  let lexicons: LexiconSet;
  try {
    lexicons = loadLexicons({ userDirs: flags.lexicons });
  } catch (e) {
    if (e instanceof LexiconError) {
      err(`lexicon error: ${e.message}`);
      return codes.usage;
    }
    throw e;
  }
  const store = await openForCommand(db, { create: true });
  if (!store) return codes.usage;
  const counts: Record<AddStatus, number> = { added: 0, unchanged: 0, duplicate: 0, replaced: 0 };
  let errors = 0;
  try {
    let batch: PreparedReference[] = [];
    let chars = 0;
    const flush = async () => {
      if (!batch.length) return;
      for (const o of await store.add(batch)) {
        counts[o.status]++;
        if (o.status === 'duplicate') err(`${o.file}: same text as ${o.existing}, already in the index`);
      }
      batch = [];
      chars = 0;
    };
    for await (const item of readInputs(inputs, { glob: flags.glob })) {
      if (item.kind === 'error') {
        err(`${item.error.file}: ${item.error.message}`);
        errors++;
        continue;
      }
      let text: string;
      try {
        text = referenceText(item.doc, lexicons);
      } catch (e) {
        err(`${item.doc.file}: ${(e as Error).message}`);
        errors++;
        continue;
      }
      batch.push(prepareReference(item.doc.file, text));
      chars += text.length;
      if (batch.length >= ADD_BATCH_DOCS || chars >= ADD_BATCH_CHARS) await flush();
    }
    await flush();
    const s = await store.stats();
    out(
      `added ${counts.added}, replaced ${counts.replaced}, unchanged ${counts.unchanged}, duplicate ${counts.duplicate}, errors ${errors}; ` +
        `index: ${s.documents} documents, ${s.words} words`,
    );
  } catch (e) {
    if (!(e instanceof StoreError) && !/SQLITE|database/i.test((e as Error).message)) throw e;
    err(`${db}: ${(e as Error).message}`);
    return codes.usage;
  } finally {
    await store.close();
  }
  return errors ? codes.inputErrors : codes.ok;
}

async function runStats(db: string, codes: ExitCodes): Promise<number> {
  const store = await openForCommand(db, { readonly: true });
  if (!store) return codes.usage;
  try {
    const s = await store.stats();
    out(`index      ${s.location}`);
    out(`format     ${s.format}`);
    out(`documents  ${s.documents}`);
    out(`words      ${s.words}`);
    out(`postings   ${s.postings}`);
    if (s.bytes !== undefined) out(`bytes      ${s.bytes}`);
    if (s.runs !== undefined) out(`runs       ${s.runs}`);
  } finally {
    await store.close();
  }
  return codes.ok;
}

async function runRemove(db: string, files: string[], codes: ExitCodes): Promise<number> {
  const store = await openForCommand(db, {});
  if (!store) return codes.usage;
  try {
    const removed = new Set(await store.remove(files));
    for (const f of files) if (!removed.has(f)) err(`${f}: not in the index`);
    const s = await store.stats();
    out(`removed ${removed.size}; index: ${s.documents} documents, ${s.words} words`);
    return removed.size === new Set(files).size ? codes.ok : codes.inputErrors;
  } finally {
    await store.close();
  }
}

async function runVacuum(db: string, codes: ExitCodes): Promise<number> {
  const store = await openForCommand(db, {});
  if (!store) return codes.usage;
  try {
    const before = (await store.stats()).bytes;
    await store.vacuum();
    const after = (await store.stats()).bytes;
    out(`vacuumed: ${before} -> ${after} bytes`);
  } finally {
    await store.close();
  }
  return codes.ok;
}

export function registerIndexCommand(program: Command, codes: ExitCodes, setCode: (code: number) => void): void {
  const index = program.command('index').description('a lasting reference index (an SQLite file) for analyze --index');
  index
    .command('add')
    .description('add reference documents (files, directories, WARC, JSONL, - for stdin); the file is created if missing')
    .requiredOption('--db <file>', 'the index file')
    .argument('<inputs...>', 'reference documents')
    .option('--lexicons <dir>', 'add lexicon entries from DIR (repeatable; used to extract HTML pages)', collect, [])
    .option('--glob <pattern>', 'only files matching PATTERN when walking directories')
    .action(async (inputs: string[], flags: { db: string; lexicons: string[]; glob?: string }) => setCode(await runAdd(flags.db, inputs, flags, codes)));
  index
    .command('stats')
    .description('documents, words, postings and bytes of an index')
    .requiredOption('--db <file>', 'the index file')
    .action(async (flags: { db: string }) => setCode(await runStats(flags.db, codes)));
  index
    .command('remove')
    .description('remove documents by the name they were added under')
    .requiredOption('--db <file>', 'the index file')
    .argument('<files...>', 'document names as added (as index add printed them, e.g. feed/a.txt or feed.jsonl#3)')
    .action(async (files: string[], flags: { db: string }) => setCode(await runRemove(flags.db, files, codes)));
  index
    .command('vacuum')
    .description('give the space of removed documents back to the file system')
    .requiredOption('--db <file>', 'the index file')
    .action(async (flags: { db: string }) => setCode(await runVacuum(flags.db, codes)));
}
