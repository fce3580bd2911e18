/**
 * The command line. The report goes to stdout (it is the product); errors and
 * progress go to stderr. Exit codes: 0 all inputs analyzed; 1 some input could
 * not be analyzed; 2 usage or lexicon error (nothing analyzed).
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { analyze } from '../analyze.js';
import { LexiconError, loadLexicons } from '../lexicon/load.js';
import { render, renderers, type Format } from '../report/index.js';
import { reportFiles } from '../report/out.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TOOL_VERSION } from '../version.js';
import { collectDocuments } from './inputs.js';
import { DEFAULT_SUITE, suites } from '../eval/index.js';

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
  color?: boolean;
  out?: string;
}

function runAnalyze(inputs: string[], flags: AnalyzeFlags): number {
  try {
    loadLexicons({ userDirs: flags.lexicons });
  } catch (e) {
    if (e instanceof LexiconError) {
      process.stderr.write(`sourcetrace: lexicon error: ${e.message}\n`);
      return EXIT_USAGE;
    }
    throw e;
  }
  const { documents, errors } = collectDocuments(inputs);
  const refs = collectDocuments(flags.reference);
  const report = analyze(documents, {
    lexiconDirs: flags.lexicons,
    references: refs.documents,
    errors: [...errors, ...refs.errors],
  });
  for (const error of report.errors) process.stderr.write(`sourcetrace: ${error.file}: ${error.message}\n`);
  if (flags.out) {
    // Files get no colour; Markdown is the default format of a folder of reports.
    const files = reportFiles(report, flags.format ?? 'md', { color: false });
    try {
      mkdirSync(flags.out, { recursive: true });
      for (const [name, content] of files) writeFileSync(join(flags.out, name), content);
    } catch (e) {
      process.stderr.write(`sourcetrace: ${flags.out}: cannot write the report (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`);
      return EXIT_USAGE;
    }
    process.stderr.write(`sourcetrace: wrote ${files.size} files to ${flags.out}\n`);
    return report.errors.length > 0 ? EXIT_INPUT_ERRORS : EXIT_OK;
  }
  const color = useColor(flags.color);
  const format: Format = flags.format ?? 'terminal';
  process.stdout.write(render(report, format, { color }));
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
    .option('--no-color', 'plain text, no colour')
    .option('-o, --out <dir>', 'write one file per article plus index files to DIR (format md unless --format says otherwise)')
    .action((inputs: string[], flags: AnalyzeFlags) => {
      code = runAnalyze(inputs, flags);
    });

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

