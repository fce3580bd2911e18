/**
 * Loads the lexicons: every `lexicons/<id>.json` is validated with ajv against
 * `lexicons/schemas/<id>.schema.json`, then a user's directories (`--lexicons DIR`)
 * add entries on top (an entry with the same id replaces the bundled one).
 *
 * A broken lexicon is a LexiconError that names the file, the entry and the field;
 * the CLI turns it into one line on stderr and exit code 2.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import type { Ajv as AjvClass, ErrorObject, ValidateFunction } from 'ajv';
import type { LexiconStamp } from '../types.js';

/** Where the bundled lexicons live (lexicons/ at the package root). */
export const BUNDLED_LEXICON_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../lexicons');

export interface LexiconEntry {
  id: string;
  source?: string;
  [field: string]: unknown;
}

export interface LexiconFile<E extends LexiconEntry = LexiconEntry> {
  id: string;
  version: string;
  description: string;
  source: string;
  entries: E[];
}

export class LexiconError extends Error {
  constructor(
    readonly file: string,
    readonly pointer: string,
    readonly detail: string,
  ) {
    super(`${file}${pointer ? ': ' + pointer : ''}: ${detail}`);
    this.name = 'LexiconError';
  }
}

export class LexiconSet {
  private readonly files = new Map<string, LexiconFile>();
  private readonly hashes = new Map<string, string>();

  /** @internal used by the loader */
  add(file: LexiconFile, hash: string): void {
    const existing = this.files.get(file.id);
    if (!existing) {
      this.files.set(file.id, { ...file, entries: [...file.entries] });
      this.hashes.set(file.id, hash);
      return;
    }
    // User entries override bundled ones with the same id and append the rest.
    const byId = new Map(existing.entries.map((e, i) => [e.id, i] as const));
    for (const entry of file.entries) {
      const at = byId.get(entry.id);
      if (at === undefined) existing.entries.push(entry);
      else existing.entries[at] = entry;
    }
    this.hashes.set(file.id, sha256(this.hashes.get(file.id) + hash));
  }

  has(id: string): boolean {
    return this.files.has(id);
  }

  /** Entries of one lexicon; throws when the lexicon does not exist (a programming error). */
  entries<E extends LexiconEntry = LexiconEntry>(id: string): E[] {
    const file = this.files.get(id);
    if (!file) throw new Error(`[lexicon] no lexicon "${id}"; known: ${[...this.files.keys()].join(', ')}`);
    return file.entries as E[];
  }

  /** id, version, entry count and content hash of every lexicon, for the Report. */
  stamps(): LexiconStamp[] {
    return [...this.files.values()]
      .map((f) => ({ id: f.id, version: f.version, entries: f.entries.length, sha256: this.hashes.get(f.id)! }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function listJson(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(dir, name));
}

function describeError(data: LexiconFile, err: ErrorObject): { pointer: string; detail: string } {
  const path = err.instancePath;
  const m = /^\/entries\/(\d+)(.*)$/.exec(path);
  let pointer = path || '/';
  if (m) {
    const entry = data.entries?.[Number(m[1])];
    const idPart = entry && typeof entry.id === 'string' ? ` (id "${entry.id}")` : '';
    pointer = `entry ${m[1]}${idPart}${m[2] ? ', field ' + m[2].slice(1).replace(/\//g, '.') : ''}`;
  }
  let detail = err.message ?? 'is invalid';
  if (err.keyword === 'required') detail = `missing field "${(err.params as { missingProperty: string }).missingProperty}"`;
  else if (err.keyword === 'additionalProperties')
    detail = `unknown field "${(err.params as { additionalProperty: string }).additionalProperty}"`;
  else if (err.keyword === 'enum')
    detail = `${detail}: ${(err.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
  return { pointer, detail };
}

/** `validators` null: the file was validated by this process's main thread (see loadLexicons' `validated`). */
function readLexiconFile(file: string, label: string, validators: Map<string, ValidateFunction> | null): { data: LexiconFile; hash: string } {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch (e) {
    throw new LexiconError(label, '', `cannot read: ${(e as Error).message}`);
  }
  let data: LexiconFile;
  try {
    data = JSON.parse(raw) as LexiconFile;
  } catch (e) {
    throw new LexiconError(label, '', `not valid JSON: ${(e as Error).message}`);
  }
  const id = basename(file, '.json');
  const validate = validators?.get(id);
  if (validators && !validate) throw new LexiconError(label, '', `unknown lexicon "${id}" (known: ${[...validators.keys()].join(', ')})`);
  if (validate && !validate(data)) {
    const { pointer, detail } = describeError(data, validate.errors![0]);
    throw new LexiconError(label, pointer, detail);
  }
  if (data.id !== id) throw new LexiconError(label, '/id', `id "${data.id}" must equal the file name "${id}"`);
  const seen = new Set<string>();
  data.entries.forEach((entry, i) => {
    if (seen.has(entry.id)) throw new LexiconError(label, `entry ${i} (id "${entry.id}")`, 'duplicate entry id');
    seen.add(entry.id);
  });
  return { data, hash: sha256(raw) };
}

function compileSchemas(dir: string): Map<string, ValidateFunction> {
  // ajv loads with the first validation (CommonJS, so synchronously): a worker thread never needs it.
  const { Ajv } = createRequire(import.meta.url)('ajv') as { Ajv: typeof AjvClass };
  const ajv = new Ajv({ allErrors: false, strict: true, allowUnionTypes: true });
  const validators = new Map<string, ValidateFunction>();
  for (const file of listJson(join(dir, 'schemas'))) {
    const id = basename(file, '.json').replace(/\.schema$/, '');
    validators.set(id, ajv.compile(JSON.parse(readFileSync(file, 'utf8'))));
  }
  return validators;
}

const cache = new Map<string, LexiconSet>();

/**
 * Load and validate the bundled lexicons plus any user directories.
 * Results are cached per argument list, so analysis in a loop loads once.
 * `validated`: the files were validated moments ago by this process's main
 * thread (worker threads): the schema check, ajv compiling every schema
 * (~0.1 CPU s a thread), is not repeated; the data read is the same.
 */
export function loadLexicons(options: { userDirs?: string[]; bundledDir?: string; validated?: boolean } = {}): LexiconSet {
  const bundledDir = options.bundledDir ?? BUNDLED_LEXICON_DIR;
  const userDirs = options.userDirs ?? [];
  const key = JSON.stringify([bundledDir, userDirs]);
  const cached = cache.get(key);
  if (cached) return cached;

  const validators = options.validated ? null : compileSchemas(bundledDir);
  const set = new LexiconSet();
  for (const file of listJson(bundledDir)) {
    const { data, hash } = readLexiconFile(file, join('lexicons', basename(file)), validators);
    set.add(data, hash);
  }
  for (const dir of userDirs) {
    let stat;
    try {
      stat = statSync(dir);
    } catch {
      throw new LexiconError(dir, '', 'no such directory');
    }
    if (!stat.isDirectory()) throw new LexiconError(dir, '', 'not a directory');
    for (const file of listJson(dir)) {
      const { data, hash } = readLexiconFile(file, file, validators);
      set.add(data, hash);
    }
  }
  cache.set(key, set);
  return set;
}
