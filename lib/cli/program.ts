/**
 * The command line. The report goes to stdout (it is the product); errors and
 * progress go to stderr. Exit codes: 0 all inputs analyzed; 1 some input could
 * not be analyzed; 2 usage or lexicon error (nothing analyzed).
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { analyzeStream, DEFAULT_TIME_LIMIT_MS, defaultJobs } from '../analyze.js';
import { readInputs } from '../ingest/sources.js';
import { LexiconError, loadLexicons } from '../lexicon/load.js';
import { renderers, type Format } from '../report/index.js';
import { emitReport, readReport } from './output.js';
import { TOOL_VERSION } from '../version.js';
import { ProgressBar } from './progress.js';
import { WorkerPool } from '../workers/pool.js';
import type { InputError, RawDocument } from '../types.js';
import { openForCommand, registerIndexCommand } from './index-command.js';
import { addQueueCommands } from './queue-commands.js';

export const EXIT_OK = 0;
export const EXIT_INPUT_ERRORS = 1;
export const EXIT_USAGE = 2;

function useColor(flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  if (process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(process.stdout.isTTY);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

interface AnalyzeFlags {
  format?: Format;
  lexicons: string[];
  reference: string[];
  index?: string;
  color?: boolean;
  out?: string;
  jobs?: number;
  glob?: string;
  quiet?: boolean;
  timeLimit?: number;
}

function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number >= 0');
  return n;
}

function positiveSeconds(value: string): number {
  const n = Number(value);
  if (!(n > 0)) throw new InvalidArgumentError('expected a number of seconds > 0');
  return n;
}

async function runAnalyze(inputs: string[], flags: AnalyzeFlags): Promise<number> {
  const jobs = flags.jobs ?? defaultJobs();
  const timeLimitMs = (flags.timeLimit ?? DEFAULT_TIME_LIMIT_MS / 1000) * 1000;
  // The workers start first: their start-up (modules, lexicons, the language model,
  // ~0.5 s) overlaps this thread's lexicon check and input set-up. analyzeStream
  // closes them when it is done; closing again is harmless (an early return).
  const pool = jobs > 0 ? new WorkerPool({ size: jobs, lexiconDirs: flags.lexicons, timeLimitMs }) : undefined;
  try {
    return await analyzeWith(pool, jobs, timeLimitMs, inputs, flags);
  } finally {
    await pool?.close();
  }
}

async function analyzeWith(pool: WorkerPool | undefined, jobs: number, timeLimitMs: number, inputs: string[], flags: AnalyzeFlags): Promise<number> {
  try {
    loadLexicons({ userDirs: flags.lexicons });
  } catch (e) {
    if (e instanceof LexiconError) {
      process.stderr.write(`sourcetrace: lexicon error: ${e.message}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
  if (flags.index && flags.reference.length) {
    process.stderr.write('sourcetrace: --index and --reference cannot be combined (add the documents to the index)\n');
    return EXIT_USAGE;
  }
  const index = flags.index ? await openForCommand(flags.index, { readonly: true }) : undefined;
  if (index === null) return EXIT_USAGE;
  // Reference documents are needed whole for the corpus stage; articles are streamed.
  const references: RawDocument[] = [];
  const referenceErrors: InputError[] = [];
  for await (const item of readInputs(flags.reference, { glob: flags.glob })) {
    if (item.kind === 'doc') references.push(item.doc);
    else referenceErrors.push(item.error);
  }
  const bytes = { bytesRead: 0, bytesTotal: 0 };
  const showProgress = !flags.quiet && Boolean(process.stderr.isTTY);
  const bar = showProgress ? new ProgressBar(process.stderr, bytes) : null;
  const report = await analyzeStream(readInputs(inputs, { glob: flags.glob, progress: bytes }), {
    lexiconDirs: flags.lexicons,
    references,
    index,
    errors: referenceErrors,
    jobs,
    pool,
    timeLimitMs,
    onProgress: bar ? (state) => bar.update(state) : undefined,
  }).finally(() => index?.close());
  bar?.finish();
  for (const error of report.errors) process.stderr.write(`sourcetrace: ${error.file}: ${error.message}\n`);
  if (!emitReport(report, { format: flags.format, out: flags.out, color: useColor(flags.color) })) return EXIT_USAGE;
  return report.errors.length > 0 ? EXIT_INPUT_ERRORS : EXIT_OK;
}

export async function main(argv: string[]): Promise<number> {
  const program = new Command();
  let code = EXIT_OK;
  program
    .name('sourcetrace')
    .description('Analyze news articles for source bias and provenance.')
    .version(TOOL_VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });

  program
    .command('analyze')
    .description('analyze articles (files, directories, - for stdin) and print a report')
    .argument('<inputs...>', 'article files or directories; - reads standard input')
    .addOption(
      new Option('-f, --format <format>', 'report format').choices(Object.keys(renderers)),
    )
    .option('--lexicons <dir>', 'add lexicon entries from DIR (repeatable)', collect, [])
    .option('-r, --reference <path>', 'reference documents (a wire feed) to match articles against (repeatable)', collect, [])
    .option('--index <file>', 'a reference index (made with `index add`) to match articles against, instead of --reference')
    .option('--no-color', 'plain text, no colour')
    .option('-o, --out <dir>', 'write one file per article plus index files to DIR (format md unless --format says otherwise)')
    .option('-j, --jobs <n>', `worker threads for per-article analysis (default: cores, here ${defaultJobs()}; 0: none)`, nonNegativeInt)
    .option('--glob <pattern>', 'only files matching PATTERN when walking directories (e.g. "**/*.warc.gz")')
    .option('--time-limit <seconds>', `give up on an article after this long (default ${DEFAULT_TIME_LIMIT_MS / 1000})`, positiveSeconds)
    .option('-q, --quiet', 'no progress bar')
    .action(async (inputs: string[], flags: AnalyzeFlags) => {
      code = await runAnalyze(inputs, flags);
    });

  registerIndexCommand(program, { ok: EXIT_OK, inputErrors: EXIT_INPUT_ERRORS, usage: EXIT_USAGE }, (c) => {
    code = c;
  });

  program
    .command('render')
    .description('show a saved JSON Report (from --format json) in another format')
    .argument('<report>', 'a Report written by `analyze --format json`')
    .addOption(new Option('-f, --format <format>', 'report format').choices(Object.keys(renderers)))
    .option('--no-color', 'plain text, no colour')
    .option('-o, --out <dir>', 'write one file per article plus index files to DIR')
    .action((path: string, flags: { format?: Format; color?: boolean; out?: string }) => {
      const report = readReport(path);
      if (typeof report === 'string') {
        process.stderr.write(`sourcetrace: ${path}: ${report}\n`);
        code = EXIT_USAGE;
        return;
      }
      code = emitReport(report, { format: flags.format, out: flags.out, color: useColor(flags.color) }) ? EXIT_OK : EXIT_USAGE;
    });

  // The evaluation suites (and what they load, linkedom among it) are left out of
  // `analyze`, whose start-up is a fixed cost of every run; any other command has them.
  const evaluation = argv.slice(2).find((a) => !a.startsWith('-')) === 'analyze' ? null : await import('../eval/index.js');
  if (evaluation) {
    const { DEFAULT_SUITE, suites } = evaluation;
    program
      .command('eval')
      .description(`measure the analyzer on evaluation data (suites: ${suites.map((s) => s.name).join(', ') || 'none'})`)
      .argument('[suite]', 'which evaluation', DEFAULT_SUITE)
      .argument('[args...]', 'arguments for the suite (paths to data)')
      .action(async (name: string, args: string[]) => {
        const suite = suites.find((s) => s.name === name);
        if (!suite) {
          process.stderr.write(`sourcetrace: unknown evaluation "${name}" (known: ${suites.map((s) => s.name).join(', ')})\n`);
          code = EXIT_USAGE;
          return;
        }
        code = await suite.run(args, (line) => process.stdout.write(line + '\n'));
      });
  }

  addQueueCommands(program, (c) => (code = c));

  try {
    await program.parseAsync(argv);
  } catch (e) {
    const err = e as { code?: string; exitCode?: number };
    if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT_OK;
    if (typeof err.exitCode === 'number') return EXIT_USAGE;
    if (e instanceof InvalidArgumentError) return EXIT_USAGE;
    throw e;
  }
  return code;
}

