/** The public API of sourcetrace. */
export { analyze, analyzeDocument, analyzeStream, type AnalyzeOptions, type StreamOptions } from './analyze.js';
export { readInputs, type SourceOptions } from './ingest/sources.js';
export { render, renderers, type Format, type RenderOptions } from './report/index.js';
export { reportFiles } from './report/out.js';
export { reportProblems } from './report/validate.js';
export { loadLexicons, LexiconError, type LexiconSet } from './lexicon/load.js';
export { readDocument } from './ingest/files.js';
export type * from './types.js';
