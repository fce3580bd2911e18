/** Paths and helpers shared by the tests (compiled to dist/test/). */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import type { Report } from '../lib/types.js';

/** The repository root (tests run from dist/test/). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES = resolve(ROOT, 'test/fixtures');
export const CLI = resolve(ROOT, 'dist/lib/cli/main.js');

export function fixture(...parts: string[]): string {
  return resolve(FIXTURES, ...parts);
}

let validator: ReturnType<Ajv['compile']> | null = null;

/** Validate a Report against reports/report.schema.json; returns ajv's errors as text, or '' when valid. */
export function schemaErrors(report: Report | unknown): string {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    validator = ajv.compile(JSON.parse(readFileSync(resolve(ROOT, 'reports/report.schema.json'), 'utf8')));
  }
  return validator(report) ? '' : JSON.stringify(validator.errors, null, 1);
}
