/**
 * The commands that spread work past one machine: `enqueue` (inputs onto the
 * Redis queue), `worker` (take jobs, analyze, store in PostgreSQL),
 * `queue-status` (counts and dead letters) and `report --db` (the Report of
 * stored results). Connection URLs come from flags or from SOURCETRACE_REDIS
 * and SOURCETRACE_DB.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { readInputs } from '../ingest/sources.js';
import { LexiconError, loadLexicons } from '../lexicon/load.js';
import { DEFAULT_ATTEMPTS, DEFAULT_LOCK_MS } from '../queue/defaults.js';
import { DEFAULT_QUEUE, DEFAULT_REDIS } from '../queue/redis.js';
import { renderers, type Format } from '../report/index.js';
import type { RawDocument } from '../types.js';
import { openForCommand } from './index-command.js';
import { emitReport } from './output.js';

const EXIT_OK = 0;
const EXIT_INPUT_ERRORS = 1;
const EXIT_USAGE = 2;

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number >= 1');
  return n;
}

function positiveSeconds(value: string): number {
  const n = Number(value);
  if (!(n > 0)) throw new InvalidArgumentError('expected a number of seconds > 0');
  return n;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function say(line: string): void {
  process.stderr.write(`sourcetrace: ${line}\n`);
}

/**
 * BullMQ, ioredis and pg load only when a command here runs: every other
 * command (`analyze` above all) would otherwise pay for them at start-up.
 */
const queueModule = () => import('../queue/queue.js');
const connectModule = () => import('../results/connect.js');

/** The database URL from the flag or the environment; null (after saying why) when there is none. */
async function databaseUrl(flag: string | undefined): Promise<string | null> {
  const url = flag ?? process.env.SOURCETRACE_DB;
  if (!url) {
    say('no database: give --db postgres://... or set SOURCETRACE_DB');
    return null;
  }
  const { isPostgresUrl } = await connectModule();
  if (!isPostgresUrl(url)) {
    say(`--db ${url}: results are stored in PostgreSQL; give a postgres:// URL`);
    return null;
  }
  return url;
}

const redisOption = () => new Option('--redis <url>', `Redis URL (default: $SOURCETRACE_REDIS or ${DEFAULT_REDIS})`);
const queueOption = () => new Option('--queue <name>', 'queue name').default(process.env.SOURCETRACE_QUEUE ?? DEFAULT_QUEUE, `$SOURCETRACE_QUEUE or ${DEFAULT_QUEUE}`);
const redisUrl = (flag: string | undefined) => flag ?? process.env.SOURCETRACE_REDIS ?? DEFAULT_REDIS;

export function addQueueCommands(program: Command, setCode: (code: number) => void): void {
  program
    .command('enqueue')
    .description('put documents on the work queue (files, directories; WARC files go as record ranges)')
    .argument('<inputs...>', 'article files, directories, WARC or JSONL files')
    .addOption(redisOption())
    .addOption(queueOption())
    .option('--batch <name>', 'label for this set of inputs (report --batch renders one)', 'default')
    .option('--attempts <n>', `tries per job before it is dead-lettered (default ${DEFAULT_ATTEMPTS})`, positiveInt)
    .option('--glob <pattern>', 'only files matching PATTERN when walking directories')
    .action(async (inputs: string[], flags: { redis?: string; queue: string; batch: string; attempts?: number; glob?: string }) => {
      const [{ enqueue }, { errorMessage }] = await Promise.all([queueModule(), connectModule()]);
      try {
        const summary = await enqueue(inputs, { redis: redisUrl(flags.redis), queue: flags.queue, batch: flags.batch, attempts: flags.attempts, glob: flags.glob });
        for (const e of summary.errors) say(`${e.file}: ${e.message}`);
        say(`enqueued ${summary.documents} documents in ${summary.jobs} jobs (batch "${flags.batch}", queue "${flags.queue}")`);
        setCode(summary.errors.length ? EXIT_INPUT_ERRORS : EXIT_OK);
      } catch (e) {
        say(`enqueue failed: ${errorMessage(e)}`);
        setCode(EXIT_USAGE);
      }
    });

  program
    .command('worker')
    .description('take jobs from the queue, analyze them, store the results in PostgreSQL (stop with Ctrl-C or SIGTERM)')
    .addOption(redisOption())
    .addOption(queueOption())
    .option('--db <url>', 'PostgreSQL URL for the results (default: $SOURCETRACE_DB)')
    .option('-c, --concurrency <n>', 'jobs at once, each in its own worker thread', positiveInt, 1)
    .option('--index <db>', 'a reference index (postgres:// URL or SQLite file) each article is matched against')
    .option('--lexicons <dir>', 'add lexicon entries from DIR (repeatable)', collect, [])
    .option('--time-limit <seconds>', 'give up on an article after this long', positiveSeconds)
    .option('--lock <seconds>', `hand a job to another worker when its worker is silent this long (default ${DEFAULT_LOCK_MS / 1000})`, positiveSeconds)
    .option('--exit-when-drained', 'stop once the queue is empty (batch runs, benchmarks)')
    .option('-q, --quiet', 'no line per job')
    .action(
      async (flags: {
        redis?: string;
        queue: string;
        db?: string;
        concurrency: number;
        index?: string;
        lexicons: string[];
        timeLimit?: number;
        lock?: number;
        exitWhenDrained?: boolean;
        quiet?: boolean;
      }) => {
        const db = await databaseUrl(flags.db);
        if (!db) return setCode(EXIT_USAGE);
        const index = flags.index ? await openForCommand(flags.index, { readonly: true }) : undefined;
        if (index === null) return setCode(EXIT_USAGE);
        const [{ startWorker }, { errorMessage }] = await Promise.all([queueModule(), connectModule()]);
        let worker;
        try {
          worker = await startWorker({
            index,
            redis: redisUrl(flags.redis),
            db,
            queue: flags.queue,
            concurrency: flags.concurrency,
            lexiconDirs: flags.lexicons,
            timeLimitMs: flags.timeLimit ? flags.timeLimit * 1000 : undefined,
            lockMs: flags.lock ? flags.lock * 1000 : undefined,
            log: flags.quiet ? undefined : say,
          });
        } catch (e) {
          say(e instanceof LexiconError ? `lexicon error: ${e.message}` : `worker could not start: ${errorMessage(e)}`);
          await index?.close();
          return setCode(EXIT_USAGE);
        }
        const running = worker;
        await new Promise<void>((resolve) => {
          const stop = () => {
            say('stopping: finishing the jobs in hand');
            void running.close().then(resolve);
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
          if (flags.exitWhenDrained) void running.drained().then(stop);
        });
        await index?.close();
        setCode(EXIT_OK);
      },
    );

  program
    .command('queue-status')
    .description('job counts on the queue and the dead-lettered jobs, as JSON')
    .addOption(redisOption())
    .addOption(queueOption())
    .action(async (flags: { redis?: string; queue: string }) => {
      const [{ queueStatus }, { errorMessage }] = await Promise.all([queueModule(), connectModule()]);
      try {
        process.stdout.write(JSON.stringify(await queueStatus(redisUrl(flags.redis), flags.queue), null, 2) + '\n');
        setCode(EXIT_OK);
      } catch (e) {
        say(`queue-status failed: ${errorMessage(e)}`);
        setCode(EXIT_USAGE);
      }
    });

  program
    .command('report')
    .description('render the Report of results stored in PostgreSQL by workers')
    .option('--db <url>', 'PostgreSQL URL (default: $SOURCETRACE_DB)')
    .option('--batch <name>', 'only the inputs of this enqueued batch (default: every stored article, once)')
    .addOption(new Option('-f, --format <format>', 'report format').choices(Object.keys(renderers)))
    .option('-r, --reference <path>', 'reference documents (a wire feed) to match the articles against (repeatable)', collect, [])
    .option('--index <db>', 'a reference index (postgres:// URL or SQLite file) instead of --reference')
    .option('--lexicons <dir>', 'add lexicon entries from DIR (repeatable)', collect, [])
    .option('--no-color', 'plain text, no colour')
    .option('-o, --out <dir>', 'write one file per article plus index files to DIR')
    .action(
      async (flags: { db?: string; batch?: string; format?: Format; reference: string[]; index?: string; lexicons: string[]; color?: boolean; out?: string }) => {
        const db = await databaseUrl(flags.db);
        if (!db) return setCode(EXIT_USAGE);
        if (flags.index && flags.reference.length) {
          say('--index and --reference cannot be combined (add the documents to the index)');
          return setCode(EXIT_USAGE);
        }
        try {
          loadLexicons({ userDirs: flags.lexicons });
        } catch (e) {
          if (e instanceof LexiconError) {
            say(`lexicon error: ${e.message}`);
            return setCode(EXIT_USAGE);
          }
          throw e;
        }
        const references: RawDocument[] = [];
        for await (const item of readInputs(flags.reference)) {
          if (item.kind === 'doc') references.push(item.doc);
          else say(`${item.error.file}: ${item.error.message}`);
        }
        const [{ PgResults }, { reportFromResults }, { errorMessage }] = await Promise.all([
          import('../results/pg-results.js'),
          import('../results/report.js'),
          connectModule(),
        ]);
        let results;
        try {
          results = await PgResults.open(db);
        } catch (e) {
          say(`${db}: ${errorMessage(e)}`);
          return setCode(EXIT_USAGE);
        }
        const index = flags.index ? await openForCommand(flags.index, { readonly: true }) : undefined;
        if (index === null) {
          await results.close();
          return setCode(EXIT_USAGE);
        }
        try {
          const report = await reportFromResults(results, { batch: flags.batch, references, index, lexiconDirs: flags.lexicons });
          for (const error of report.errors) say(`${error.file}: ${error.message}`);
          const color = flags.color !== false && !process.env.NO_COLOR && Boolean(process.stdout.isTTY);
          if (!emitReport(report, { format: flags.format, out: flags.out, color })) return setCode(EXIT_USAGE);
          setCode(report.errors.length ? EXIT_INPUT_ERRORS : EXIT_OK);
        } finally {
          await results.close();
          await index?.close();
        }
      },
    );
}
