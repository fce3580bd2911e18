/**
 * The queue (BullMQ on Redis) and the results in PostgreSQL, against real
 * servers (test/servers.ts): idempotent writes, the report from stored
 * results equal to `analyze`, and the failures a cluster sees: a worker killed
 * mid-job, Redis restarting, PostgreSQL cutting connections, two workers on
 * the same documents, a job that can never succeed.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Queue } from 'bullmq';
import { loadLexicons } from '../lib/lexicon/load.js';
import { inThreadAnalyzer } from '../lib/queue/analyzers.js';
import { planJobs } from '../lib/queue/jobs.js';
import { jobDocuments, processJob } from '../lib/queue/process.js';
import { enqueue, queueStatus, startWorker, type RunningWorker } from '../lib/queue/queue.js';
import { redisConnection } from '../lib/queue/redis.js';
import { readInputs } from '../lib/ingest/sources.js';
import { PgResults } from '../lib/results/pg-results.js';
import { CLI, fixture } from './helpers.js';
import { freshDatabase, NO_SERVERS, REDIS_CONF, REDIS_URL, sql, uniqueName, writeArticles } from './servers.js';
import { gzipRecords, httpResponse, page, prose, record } from './warc-builder.js';

function cli(args: string[], env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms))),
  ]);
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
}

async function counts(url: string): Promise<{ articles: number; inputs: number }> {
  const [row] = await sql<{ articles: string; inputs: string }>(url, `SELECT (SELECT count(*) FROM articles) AS articles, (SELECT count(*) FROM inputs) AS inputs`);
  return { articles: Number(row.articles), inputs: Number(row.inputs) };
}

describe('queue and PostgreSQL results', { skip: NO_SERVERS }, () => {
  let dir: string;
  const cleanups: (() => Promise<void> | void)[] = [];

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'sourcetrace-queue-'));
  });
  after(async () => {
    for (const c of cleanups.reverse()) await c();
    rmSync(dir, { recursive: true, force: true });
  });

  async function database() {
    const db = await freshDatabase();
    cleanups.push(db.drop);
    return db;
  }

  function watchQueue(name: string): Queue {
    const q = new Queue(name, { connection: redisConnection(REDIS_URL!) });
    q.on('error', () => undefined); // Redis restarts on purpose below
    cleanups.push(() => q.close());
    return q;
  }

  async function worker(options: Partial<Parameters<typeof startWorker>[0]> & { db: string; queue: string }, log: string[] = []): Promise<RunningWorker> {
    const w = await startWorker({ redis: REDIS_URL!, lockMs: 2_000, stalledIntervalMs: 500, log: (l) => log.push(l), ...options });
    cleanups.push(() => w.close());
    return w;
  }

  test('writing the same job twice, or from two connections at once, stores each article once', async () => {
    const db = await database();
    const lexicons = loadLexicons();
    const jobs = [];
    for await (const job of planJobs(readInputs([fixture('reuse')]), 'b')) jobs.push(job);
    assert.equal(jobs.length, 1);
    const job = jobs[0];
    assert.equal(job.count, 5);

    const one = await PgResults.open(db.url);
    const two = await PgResults.open(db.url);
    try {
      const analyze = inThreadAnalyzer(lexicons);
      const first = await processJob(job, { analyze, lexicons, results: one });
      assert.deepEqual([first.inserted, first.existing], [5, 0]);
      const again = await processJob(job, { analyze, lexicons, results: one });
      assert.deepEqual([again.inserted, again.existing], [0, 5]);
      const attributionsBefore = await sql<{ n: string }>(db.url, 'SELECT count(*) AS n FROM attributions');

      // Two writers racing: one transaction waits on the other's keys, then adds nothing.
      await sql(db.url, 'TRUNCATE articles CASCADE');
      const [a, b] = await Promise.all([
        processJob(job, { analyze, lexicons, results: one }),
        processJob(job, { analyze, lexicons, results: two }),
      ]);
      assert.equal(a.inserted + b.inserted, 5);
      assert.equal(a.existing + b.existing, 5);
      assert.deepEqual(await counts(db.url), { articles: 5, inputs: 5 });
      const attributionsAfter = await sql<{ n: string }>(db.url, 'SELECT count(*) AS n FROM attributions');
      assert.equal(attributionsAfter[0].n, attributionsBefore[0].n);
      assert.ok(Number(attributionsAfter[0].n) > 0);

      // The SQL tables say what the report says.
      const wire = await sql<{ derivation: string; attribution_count: number; file: string }>(
        db.url,
        `SELECT file, derivation, attribution_count FROM articles WHERE file LIKE '%wire.txt'`,
      );
      assert.equal(wire.length, 1);
      const quoted = await sql<{ canonical: string; source_text: string; start_offset: number; end_offset: number; report: string }>(
        db.url,
        `SELECT t.canonical, t.source_text, t.start_offset, t.end_offset, a.report::text AS report
         FROM attributions t JOIN articles a USING (doc_hash) WHERE a.file LIKE '%wire.txt' ORDER BY t.start_offset`,
      );
      assert.equal(quoted.length, wire[0].attribution_count);
      const body = (JSON.parse(quoted[0].report) as { body: { text: string } }).body.text;
      for (const q of quoted) assert.equal(body.slice(q.start_offset, q.end_offset), q.source_text);
    } finally {
      await one.close();
      await two.close();
    }
  });

  test('a WARC goes on the queue as record ranges cut at analyze\'s batch boundaries, and a worker reads back the same documents', async () => {
    const warc = join(dir, 'ranges.warc.gz');
    const records = [record({ type: 'warcinfo', block: 'software: test' })];
    for (let i = 0; i < 205; i++)
      records.push(record({ type: 'response', uri: `https://example.org/news/${i}`, block: httpResponse(page(`Story ${i}`, [prose(i, 2)])) }));
    writeFileSync(warc, gzipRecords(records));
    const jobs = [];
    for await (const job of planJobs(readInputs([fixture('reuse', 'brief.txt'), warc]), 'w')) jobs.push(job);
    // 200 documents a batch: the text file and WARC records 2..200, then records 201..206.
    assert.deepEqual(
      jobs.map((j) => ({ seq: j.seq, count: j.count, segments: j.segments.map((s) => (s.kind === 'docs' ? s.docs.length : `${s.first}-${s.last}`)) })),
      [
        { seq: 0, count: 200, segments: [1, '2-200'] },
        { seq: 200, count: 6, segments: ['201-206'] },
      ],
    );
    const direct = [];
    for await (const item of readInputs([warc])) if (item.kind === 'doc') direct.push(item.doc);
    const second = await jobDocuments(jobs[1]);
    assert.deepEqual(second.docs, direct.slice(199));
    assert.equal(second.docs[0].file, `${warc}#201`);
  });

  test('report --db renders the Report analyze gives for the same inputs (text files, a WARC, references)', async () => {
    const db = await database();
    const queue = uniqueName('q');
    const warc = join(dir, 'crawl.warc.gz');
    const records = [];
    for (let i = 0; i < 5; i++)
      records.push(record({ type: 'response', uri: `https://example.org/news/${i}`, block: httpResponse(page(`Story ${i}`, [prose(i, 5), prose(i + 1000, 4)])) }));
    writeFileSync(warc, gzipRecords(records));
    const inputs = [fixture('articles'), fixture('reuse', 'brief.txt'), fixture('reuse', 'edited.txt'), fixture('reuse', 'partial.txt'), warc];
    const env = { SOURCETRACE_REDIS: REDIS_URL!, SOURCETRACE_DB: db.url };

    const queued = cli(['enqueue', ...inputs, '--queue', queue, '--batch', 'mixed'], env);
    assert.equal(queued.code, 0, queued.stderr);
    assert.match(queued.stderr, /enqueued 12 documents in 1 jobs/);
    const worked = cli(['worker', '--queue', queue, '--exit-when-drained', '-c', '2'], env);
    assert.equal(worked.code, 0, worked.stderr);

    // With references, as JSON (the whole Report); without (origin then against the other inputs), as the terminal report.
    const reference = fixture('reuse', 'wire.txt');
    for (const [format, extra] of [['json', ['-r', reference]], ['terminal', []]] as const) {
      const stored = cli(['report', '--batch', 'mixed', '-f', format, ...extra], env);
      assert.equal(stored.code, 0, stored.stderr);
      const direct = cli(['analyze', ...inputs, '-f', format, '-q', ...extra]);
      assert.equal(direct.code, 0, direct.stderr);
      assert.ok(stored.stdout.length > 1000);
      assert.ok(stored.stdout === direct.stdout, `report --db -f ${format} differs from analyze`);
    }
  });

  test('a worker killed mid-job (SIGKILL) loses nothing: another worker takes the job over', async () => {
    const db = await database();
    const queue = uniqueName('q');
    const files = writeArticles(join(dir, 'kill'), 450); // three jobs: 200, 200, 50
    const env = { SOURCETRACE_REDIS: REDIS_URL!, SOURCETRACE_DB: db.url };
    assert.equal(cli(['enqueue', join(dir, 'kill'), '--queue', queue], env).code, 0);
    const q = watchQueue(queue);

    const victim = spawn(process.execPath, [CLI, 'worker', '--queue', queue, '--lock', '2'], { env: { ...process.env, ...env }, stdio: 'ignore' });
    cleanups.push(() => void victim.kill('SIGKILL'));
    await waitFor('the first job to start', async () => (await q.getActiveCount()) > 0);
    // Mid-job: nothing of the job is committed yet.
    assert.deepEqual(await counts(db.url), { articles: 0, inputs: 0 });
    victim.kill('SIGKILL');
    await exited(victim);
    assert.equal(await q.getActiveCount(), 1, 'the killed worker\'s job is still marked active (its lock has not run out)');

    const rescuer = spawn(process.execPath, [CLI, 'worker', '--queue', queue, '--lock', '2', '--exit-when-drained'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    cleanups.push(() => void rescuer.kill('SIGKILL'));
    let log = '';
    rescuer.stderr!.on('data', (d) => (log += d));
    assert.equal(await withTimeout(exited(rescuer), 120_000, 'the rescuing worker'), 0, log);
    assert.deepEqual(await counts(db.url), { articles: files.length, inputs: files.length });
    const status = await queueStatus(REDIS_URL!, queue);
    assert.equal(status.counts.failed, 0);
    assert.equal(status.counts.active + status.counts.waiting, 0);
  });

  test('Redis restarting under a working worker: the queue survives (append-only file) and every job completes once', { skip: REDIS_CONF ? false : 'needs SOURCETRACE_TEST_REDIS_CONF to restart Redis' }, async () => {
    const db = await database();
    const queue = uniqueName('q');
    const files = writeArticles(join(dir, 'restart'), 260);
    await enqueue([join(dir, 'restart')], { redis: REDIS_URL!, queue });
    const q = watchQueue(queue);
    const log: string[] = [];
    const w = await worker({ db: db.url, queue }, log);
    await waitFor('a job to start', async () => (await q.getActiveCount()) > 0);

    const port = new URL(REDIS_URL!).port;
    spawnSync('redis-cli', ['-p', port, 'shutdown']);
    await new Promise((r) => setTimeout(r, 1_500));
    const restarted = spawnSync('redis-server', [REDIS_CONF!]);
    assert.equal(restarted.status, 0, String(restarted.stderr));
    await waitFor('Redis to answer', async () => spawnSync('redis-cli', ['-p', port, 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG', 10_000);

    await withTimeout(w.drained(), 120_000, 'the queue to drain after the restart');
    assert.deepEqual(await counts(db.url), { articles: files.length, inputs: files.length });
    assert.equal((await queueStatus(REDIS_URL!, queue)).counts.failed, 0, log.join('\n'));
  });

  test('PostgreSQL cutting the worker\'s connections (pg_terminate_backend): jobs are retried and nothing is lost or doubled', async () => {
    const db = await database();
    const queue = uniqueName('q');
    const files = writeArticles(join(dir, 'cut'), 260);
    await enqueue([join(dir, 'cut')], { redis: REDIS_URL!, queue, attempts: 10, backoffMs: 200 });
    const log: string[] = [];
    const w = await worker({ db: db.url, queue }, log);
    const q = watchQueue(queue);
    await waitFor('a job to start', async () => (await q.getActiveCount()) > 0);

    // Cut every connection to the database, again and again, until a job has failed for it.
    let cuts = 0;
    await waitFor(
      'a write to be cut',
      async () => {
        const killed = await sql(db.url, 'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [db.name]);
        cuts += killed.length;
        return log.some((l) => /attempt \d+ of \d+ failed/.test(l));
      },
      60_000,
    );
    assert.ok(cuts > 0);
    await withTimeout(w.drained(), 120_000, 'the queue to drain');
    assert.deepEqual(await counts(db.url), { articles: files.length, inputs: files.length });
    assert.equal((await queueStatus(REDIS_URL!, queue)).counts.failed, 0, log.join('\n'));
  });

  test('two workers racing on the same documents store each article once', async () => {
    const db = await database();
    const queue = uniqueName('q');
    const files = writeArticles(join(dir, 'race'), 60);
    // The same documents in two batches: two jobs, taken by two workers at once.
    await enqueue([join(dir, 'race')], { redis: REDIS_URL!, queue, batch: 'x' });
    await enqueue([join(dir, 'race')], { redis: REDIS_URL!, queue, batch: 'y' });
    const logs: string[] = [];
    const [w1, w2] = await Promise.all([worker({ db: db.url, queue }, logs), worker({ db: db.url, queue }, logs)]);
    await withTimeout(Promise.all([w1.drained(), w2.drained()]), 120_000, 'the queue to drain');
    assert.deepEqual(await counts(db.url), { articles: files.length, inputs: 2 * files.length });
    const stored = logs.map((l) => /(\d+) stored, (\d+) already stored/.exec(l)).filter((m) => m !== null);
    assert.equal(stored.length, 2, logs.join('\n'));
    assert.equal(stored.reduce((n, m) => n + Number(m[1]), 0), files.length);
    assert.equal(stored.reduce((n, m) => n + Number(m[2]), 0), files.length);
  });

  test('several enqueue runs fill one batch (one per file, from several machines); enqueuing the same inputs again adds nothing', async () => {
    const db = await database();
    const queue = uniqueName('q');
    const first = writeArticles(join(dir, 'runs', 'one'), 3);
    const second = writeArticles(join(dir, 'runs', 'two'), 4, 100);
    await enqueue([join(dir, 'runs', 'one')], { redis: REDIS_URL!, queue, batch: 'm' });
    await new Promise((r) => setTimeout(r, 5)); // runs are ordered by their start time (ms)
    await enqueue([join(dir, 'runs', 'two')], { redis: REDIS_URL!, queue, batch: 'm' });
    const w = await worker({ db: db.url, queue });
    await withTimeout(w.drained(), 120_000, 'the queue to drain');
    await enqueue([join(dir, 'runs', 'one')], { redis: REDIS_URL!, queue, batch: 'm' });
    await withTimeout(w.drained(), 120_000, 'the queue to drain again');
    assert.deepEqual(await counts(db.url), { articles: 7, inputs: 7 });
    const report = cli(['report', '--db', db.url, '--batch', 'm', '-f', 'json']);
    assert.equal(report.code, 0, report.stderr);
    const files = (JSON.parse(report.stdout) as { articles: { file: string }[] }).articles.map((a) => a.file);
    assert.deepEqual(files, [...first, ...second]);
  });

  test('a job that cannot succeed is retried, then dead-lettered and named in the report\'s errors', async () => {
    const db = await database();
    const queue = uniqueName('q');
    const warc = join(dir, 'gone.warc.gz');
    writeFileSync(warc, gzipRecords([record({ type: 'response', uri: 'https://example.org/a', block: httpResponse(page('A', [prose(1, 5)])) })]));
    await enqueue([warc], { redis: REDIS_URL!, queue, batch: 'dl', attempts: 2, backoffMs: 100 });
    rmSync(warc); // the worker cannot read it: the job must fail, not pass as empty
    const log: string[] = [];
    const w = await worker({ db: db.url, queue }, log);
    await waitFor('the job to be dead-lettered', async () => (await queueStatus(REDIS_URL!, queue)).counts.failed === 1);
    await w.close();
    const status = await queueStatus(REDIS_URL!, queue);
    assert.equal(status.failed[0].attempts, 2);
    assert.match(status.failed[0].reason, /gone\.warc\.gz: no such file on this worker/);
    const report = cli(['report', '--db', db.url, '--batch', 'dl', '-f', 'json']);
    assert.equal(report.code, 1);
    const errors = (JSON.parse(report.stdout) as { errors: { file: string; message: string }[] }).errors;
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /not analyzed: failed 2 times/);
  });
});

test('report --db and worker refuse a database that is not PostgreSQL, with one line', () => {
  const r = cli(['report', '--db', 'results.sqlite']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /results are stored in PostgreSQL; give a postgres:\/\/ URL/);
  const w = cli(['worker'], { SOURCETRACE_DB: '' });
  assert.equal(w.code, 2);
  assert.match(w.stderr, /no database: give --db/);
  // A Redis that is not there is one line and exit 2 for enqueue, not a wait without end.
  const q = cli(['enqueue', fixture('reuse', 'brief.txt'), '--redis', 'redis://127.0.0.1:1']);
  assert.equal(q.code, 2);
  assert.equal(q.stderr, 'sourcetrace: enqueue failed: connect ECONNREFUSED 127.0.0.1:1\n');
});
