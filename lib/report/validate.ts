/** Checks a Report read from disk against reports/report.schema.json (ajv). */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import type { Report } from '../types.js';

export const REPORT_SCHEMA = resolve(dirname(fileURLToPath(import.meta.url)), '../../../reports/report.schema.json');

let validate: ValidateFunction | null = null;

/** '' when the value is a valid Report, else the first problems as one line. */
export function reportProblems(value: unknown): string {
  validate ??= new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(JSON.parse(readFileSync(REPORT_SCHEMA, 'utf8')));
  if (validate(value)) return '';
  return (validate.errors ?? [])
    .slice(0, 3)
    .map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`)
    .join('; ');
}

export function isReport(value: unknown): value is Report {
  return reportProblems(value) === '';
}
