/**
 * `npm run bench -- queue [--corpus l3s|reuters] [--workers 1,2,4]`: throughput
 * of 1, 2 and 4 local `sourcetrace worker` processes (each --concurrency 1)
 * against one PostgreSQL and one Redis.
 *
 *   l3s      the L3S-GN1 WARC (621 news pages, HTML): enqueued as record ranges
 *   reuters  Reuters-21578 (3 files, 3,000 short wire stories) as JSONL
 *
 * For each worker count: a fresh database and queue, `enqueue` (timed apart),
 * then N workers started together with --exit-when-drained; the figure is
 * articles stored per second of wall time from the workers' start to the last
 * one's exit (process start and model loading included, as on a real
 * machine), and the split of job time between analysis and the database from
 * the workers' own log lines.
 *
 * Servers: SOURCETRACE_TEST_PG and SOURCETRACE_TEST_REDIS when set; otherwise
 * throwaway ones started with .ci/servers.sh and stopped at the end.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { SHARED_DIR } from '../lib/eval/index.js';
import { reutersJsonl } from './throughput.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = join(ROOT, 'dist/lib/cli/main.js');

interface Servers {
  pg: string;
  redis: string;
  stop: () => void;
}

function servers(): Servers {
  if (process.env.SOURCETRACE_TEST_PG && process.env.SOURCETRACE_TEST_REDIS)
    return { pg: process.env.SOURCETRACE_TEST_PG, redis: process.env.SOURCETRACE_TEST_REDIS, stop: () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'sourcetrace-bench-servers-'));
  const script = join(ROOT, '.ci/servers.sh');
  const started = spawnSync(script, ['start', dir], { encoding: 'utf8' });
  if (started.status !== 0) throw new Error(`could not start servers: ${started.stderr}`);
  const env = Object.fromEntries([...started.stdout.matchAll(/export (\w+)=(\S+)/g)].map((m) => [m[1], m[2]]));
  return { pg: env.SOURCETRACE_TEST_PG, redis: env.SOURCETRACE_TEST_REDIS, stop: () => void spawnSync(script, ['stop', dir]) };
}

async function admin(url: string, statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

function cli(args: string[], env: Record<string, string>): { status: number | null; stderr: string; seconds: number } {
  const t = performance.now();
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { status: r.status, stderr: r.stderr, seconds: (performance.now() - t) / 1000 };
}

function runWorkers(n: number, env: Record<string, string>): Promise<{ seconds: number; logs: string }> {
  const t = performance.now();
  let logs = '';
  const children = Array.from({ length: n }, () => {
    const child = spawn(process.execPath, [CLI, 'worker', '--exit-when-drained'], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.on('data', (d) => (logs += d));
    return new Promise<void>((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker exited ${code}: ${logs}`)))));
  });
  return Promise.all(children).then(() => ({ seconds: (performance.now() - t) / 1000, logs }));
}

export async function main(args: string[]): Promise<void> {
  const corpusArg = args[args.indexOf('--corpus') + 1];
  const corpus = args.includes('--corpus') ? corpusArg : 'l3s';
  const counts = (args.includes('--workers') ? args[args.indexOf('--workers') + 1] : '1,2,4').split(',').map(Number);
  const work = mkdtempSync(join(tmpdir(), 'sourcetrace-bench-queue-'));
  let input: string;
  if (corpus === 'reuters') {
    input = join(work, 'reuters21578.jsonl');
    writeFileSync(input, reutersJsonl(join(SHARED_DIR, 'eval/reuters21578')));
  } else {
    input = join(SHARED_DIR, 'eval/l3s-gn1/L3S-GN1-20100130203947-00001.warc.gz');
    if (!existsSync(input)) throw new Error(`${input}: not found`);
  }
  const s = servers();
  try {
    process.stdout.write(`queue throughput, corpus ${corpus}, ${cpus().length} cores, load average before ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
    let base = 0;
    for (const n of counts) {
      const db = `bench_${process.pid}_${n}`;
      await admin(s.pg, `CREATE DATABASE ${db}`);
      const url = new URL(s.pg);
      url.pathname = `/${db}`;
      const env = { SOURCETRACE_DB: url.toString(), SOURCETRACE_REDIS: s.redis };
      const queue = `bench-${process.pid}-${n}`;
      try {
        const queued = cli(['enqueue', input, '--queue', queue], env);
        if (queued.status !== 0) throw new Error(queued.stderr);
        const docs = Number(/enqueued (\d+) documents in (\d+) jobs/.exec(queued.stderr)?.[1] ?? NaN);
        const jobs = Number(/in (\d+) jobs/.exec(queued.stderr)?.[1] ?? NaN);
        const run = await runWorkers(n, { ...env, SOURCETRACE_QUEUE: queue });
        const stored = [...run.logs.matchAll(/(\d+) stored, .*?\(analysis ([\d.]+) s, database ([\d.]+) s\)/g)];
        const articles = stored.reduce((sum, m) => sum + Number(m[1]), 0);
        const analysis = stored.reduce((sum, m) => sum + Number(m[2]), 0);
        const database = stored.reduce((sum, m) => sum + Number(m[3]), 0);
        const rate = articles / run.seconds;
        if (n === counts[0]) base = rate / n;
        process.stdout.write(
          `  ${n} worker${n > 1 ? 's' : ' '}  ${articles} articles (${docs} enqueued, ${jobs} jobs, enqueue ${queued.seconds.toFixed(1)} s)  ` +
            `${run.seconds.toFixed(1)} s  ${rate.toFixed(1)} articles/s  (${(rate / (base * n) * 100).toFixed(0)}% of linear)  ` +
            `job time: analysis ${analysis.toFixed(1)} s, database ${database.toFixed(1)} s (${((database / (analysis + database)) * 100).toFixed(0)}%)\n`,
        );
      } finally {
        await admin(s.pg, `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      }
    }
    process.stdout.write(`  load average after ${loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
  } finally {
    s.stop();
    rmSync(work, { recursive: true, force: true });
  }
}
