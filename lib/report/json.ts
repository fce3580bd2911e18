import type { Report } from '../types.js';

/** The Report as JSON: nothing clever, so other tools can read it. */
export function renderJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}
