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
 * Wall time on a shared machine says little about scaling, so CPU time is
 * counted too, per article: the workers' (user + system, from /usr/bin/time),
 * PostgreSQL's (the postmaster's own and its reaped backends', from
 * /proc/PID/stat) and Redis's (INFO cpu). Those do not depend on the load, and
 * say how many workers one PostgreSQL and one Redis can feed.
 *
 * Servers: throwaway ones started with .ci/servers.sh and stopped at the end
 * (server CPU is counted only then), or SOURCETRACE_TEST_PG and
 * SOURCETRACE_TEST_REDIS when BENCH_SERVERS=env.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  /** The postmaster's pid, when the bench started the server (its CPU can then be read). */
  postmaster: number | null;
  stop: () => void;
}

function servers(): Servers {
  if (process.env.BENCH_SERVERS === 'env' && process.env.SOURCETRACE_TEST_PG && process.env.SOURCETRACE_TEST_REDIS)
    return { pg: process.env.SOURCETRACE_TEST_PG, redis: process.env.SOURCETRACE_TEST_REDIS, postmaster: null, stop: () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'sourcetrace-bench-servers-'));
  const script = join(ROOT, '.ci/servers.sh');
  const started = spawnSync(script, ['start', dir], { encoding: 'utf8' });
  if (started.status !== 0) throw new Error(`could not start servers: ${started.stderr}`);
  const env = Object.fromEntries([...started.stdout.matchAll(/export (\w+)=(\S+)/g)].map((m) => [m[1], m[2]]));
  const postmaster = Number(readFileSync(join(dir, 'pg/data/postmaster.pid'), 'utf8').split('\n')[0]);
  return { pg: env.SOURCETRACE_TEST_PG, redis: env.SOURCETRACE_TEST_REDIS, postmaster, stop: () => void spawnSync(script, ['stop', dir]) };
}

/** CPU seconds of a process and of its children it has reaped (PostgreSQL's backends end when a worker disconnects). */
function processCpu(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  // After "pid (comm) ": state is field 3, utime 14, stime 15, cutime 16, cstime 17 (1-based), so indexes 11..14 here.
  const ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  return ticks / 100; // USER_HZ: 100 on Linux
}

function redisCpu(url: string): number {
  const info = spawnSync('redis-cli', ['-u', url, 'info', 'cpu'], { encoding: 'utf8' }).stdout;
  const value = (key: string) => Number(new RegExp(`^${key}:([\\d.]+)`, 'm').exec(info)?.[1] ?? NaN);
  return value('used_cpu_user') + value('used_cpu_sys');
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

/** N workers at once; wall seconds until the last exits, their log lines, and their CPU seconds (user + system). */
function runWorkers(n: number, env: Record<string, string>): Promise<{ seconds: number; logs: string; cpu: number }> {
  const t = performance.now();
  let logs = '';
  let cpu = 0;
  const children = Array.from({ length: n }, () => {
    // /usr/bin/time prints "CPU u s" as the last line of the worker's stderr.
    const child = spawn('/usr/bin/time', ['-f', 'CPU %U %S', process.execPath, CLI, 'worker', '--exit-when-drained'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let own = '';
    child.stderr.on('data', (d) => (own += d));
    return new Promise<void>((resolve, reject) =>
      child.once('exit', (code) => {
        const m = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(own);
        if (m) cpu += Number(m[1]) + Number(m[2]);
        logs += own;
        if (code === 0) resolve();
        else reject(new Error(`worker exited ${code}: ${own}`));
      }),
    );
  });
  return Promise.all(children).then(() => ({ seconds: (performance.now() - t) / 1000, logs, cpu }));
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
        const pgBefore = s.postmaster ? processCpu(s.postmaster) : NaN;
        const redisBefore = redisCpu(s.redis);
        const run = await runWorkers(n, { ...env, SOURCETRACE_QUEUE: queue });
        await new Promise((r) => setTimeout(r, 300)); // let the postmaster reap the backends
        const pgCpu = s.postmaster ? processCpu(s.postmaster) - pgBefore : NaN;
        const redisCpuUsed = redisCpu(s.redis) - redisBefore;
        const stored = [...run.logs.matchAll(/(\d+) stored, .*?\(analysis ([\d.]+) s, database ([\d.]+) s\)/g)];
        const articles = stored.reduce((sum, m) => sum + Number(m[1]), 0);
        const analysis = stored.reduce((sum, m) => sum + Number(m[2]), 0);
        const database = stored.reduce((sum, m) => sum + Number(m[3]), 0);
        const rate = articles / run.seconds;
        if (n === counts[0]) base = rate / n;
        process.stdout.write(
          `  ${n} worker${n > 1 ? 's' : ' '}  ${articles} articles (${docs} enqueued, ${jobs} jobs, enqueue ${queued.seconds.toFixed(1)} s)  ` +
            `${run.seconds.toFixed(1)} s  ${rate.toFixed(1)} articles/s  (${(rate / (base * n) * 100).toFixed(0)}% of linear)  ` +
            `job time: analysis ${analysis.toFixed(1)} s, database ${database.toFixed(1)} s (${((database / (analysis + database)) * 100).toFixed(0)}%)\n` +
            `             CPU per article: workers ${((run.cpu / articles) * 1000).toFixed(1)} ms, PostgreSQL ${((pgCpu / articles) * 1000).toFixed(2)} ms, ` +
            `Redis ${((redisCpuUsed / articles) * 1000).toFixed(3)} ms (whole run incl. start-up: workers ${run.cpu.toFixed(1)} s, PostgreSQL ${pgCpu.toFixed(1)} s, Redis ${redisCpuUsed.toFixed(2)} s)\n`,
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
