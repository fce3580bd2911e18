/**
 * The evaluation suites behind `sourcetrace eval <suite> [args...]` (and
 * `npm run eval -- <suite> ...`). Each reads evaluation data (by default from
 * ../shared beside the checkout), runs the analyzer and prints figures. They
 * measure; they are not tests of fixed numbers.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { boilerplateSuite } from './boilerplate.js';
import { corpusSuite } from './corpus.js';
import { extractionSuite } from './extraction.js';
import { markersSuite } from './markers.js';
import { metadataSuite } from './metadata.js';
import { meterSuite } from './meter.js';
import { seedsSuite } from './seeds.js';
import { l3sBodySuite, titlesSuite } from './titles.js';
import { wireTextSuite } from './wire-text.js';

export interface EvalSuite {
  name: string;
  description: string;
  /** Runs the suite, printing with `print`; resolves to an exit code. */
  run(args: string[], print: (line: string) => void): Promise<number> | number;
}

/** ../shared beside the repository (or $SOURCETRACE_SHARED), where the evaluation data lives. */
export const SHARED_DIR = process.env.SOURCETRACE_SHARED ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared');

// Suites are imported here (not self-registering: a suite module importing this one would see `suites` uninitialised).
export const suites: EvalSuite[] = [extractionSuite, meterSuite(), seedsSuite, metadataSuite, boilerplateSuite, corpusSuite, wireTextSuite, markersSuite, titlesSuite, l3sBodySuite];

export const DEFAULT_SUITE = 'seeds';
