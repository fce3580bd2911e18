/**
 * The PostgreSQL reference store against the ReferenceStore contract
 * (lib/store/reference-store.ts), on a real server (test/servers.ts).
 * Documents here are prepared by hand: the n-gram hashes are made up, which is
 * all an engine sees.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { analyzeReuse, SMALL_CORPUS_MAX_WORDS, type ReuseDocument } from '../lib/reuse/index.js';
import { analyzeReuseWithStore, prepareReference } from '../lib/store/query.js';
import { INDEX_FORMAT, StoreError, type PreparedReference } from '../lib/store/reference-store.js';
import { openPgStore } from '../lib/store/postgres.js';
import { CLI, fixture } from './helpers.js';
import { freshDatabase, NO_SERVERS, REDIS_URL, sql, uniqueName } from './servers.js';

function cli(args: string[], env: Record<string, string> = {}): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Seeded made-up prose: most 5-grams rare, as in real text. */
function writer(seed: number) {
  let x = seed >>> 0;
  const random = () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const parts = ['ba', 'ko', 'li', 'mun', 'ter', 'sa', 'vi', 'dor', 'pe', 'ql', 'ran', 'zu'];
  const vocabulary = Array.from({ length: 4000 }, (_, i) => parts[i % 12] + parts[Math.floor(i / 12) % 12] + (i % 3 ? parts[Math.floor(i / 144) % 12] : '') + (i % 10));
  const word = () => vocabulary[Math.floor(random() ** 2 * vocabulary.length)];
  const sentence = () => {
    const w = Array.from({ length: 10 + Math.floor(random() * 10) }, word);
    return w[0][0].toUpperCase() + w.join(' ').slice(1) + '.';
  };
  const paragraph = () => [sentence(), sentence(), sentence()].join(' ');
  const text = (words: number) => {
    const out: string[] = [];
    for (let n = 0; n < words; n += out[out.length - 1].split(' ').length) out.push(paragraph());
    return out.join('\n\n');
  };
  return { text, paragraph };
}

function doc(file: string, text: string, grams: number[]): PreparedReference {
  return {
    file,
    text,
    contentHash: createHash('sha256').update(text).digest('hex'),
    words: text.split(/\s+/).filter(Boolean).length,
    grams: Uint32Array.from([...new Set(grams)].sort((a, b) => a - b)),
  };
}

// Hashes on both sides of 2^31: stored as signed int4, given back unsigned.
const HIGH = 0xfffffff0;
const MID = 0x80000001;

describe('PostgreSQL reference store', { skip: NO_SERVERS }, () => {
  const drops: (() => Promise<void>)[] = [];
  after(async () => {
    for (const d of drops) await d();
  });
  async function database() {
    const db = await freshDatabase();
    drops.push(db.drop);
    return db;
  }

  test('add, lookup, fetch, stats, remove and vacuum keep the contract', async () => {
    const db = await database();
    await assert.rejects(openPgStore(db.url, { readonly: true }), (e: Error) => e instanceof StoreError && /no reference index in this database/.test(e.message));
    const store = await openPgStore(db.url, { create: true });
    try {
      const a = doc('feed/a.txt', 'alpha beta gamma delta', [5, 7, MID, HIGH]);
      const b = doc('feed/b.txt', 'beta gamma delta epsilon zeta', [7, 9, HIGH]);
      const aAgain = doc('elsewhere/a-copy.txt', a.text, [...a.grams]);
      assert.deepEqual(await store.add([a, b, aAgain]), [
        { file: 'feed/a.txt', status: 'added', ordinal: 1 },
        { file: 'feed/b.txt', status: 'added', ordinal: 2 },
        { file: 'elsewhere/a-copy.txt', status: 'duplicate', ordinal: 1, existing: 'feed/a.txt' },
      ]);
      assert.deepEqual(await store.add([a]), [{ file: 'feed/a.txt', status: 'unchanged', ordinal: 1 }]);

      const found = await store.lookup(Uint32Array.from([3, 5, 7, MID, HIGH]), 10);
      assert.deepEqual([...found.entries()], [
        [5, [1]],
        [7, [1, 2]],
        [MID, [1]],
        [HIGH, [1, 2]],
      ]);
      // The limit caps each hash's list (callers pass maxDf + 1 to spot common n-grams).
      assert.deepEqual((await store.lookup(Uint32Array.from([7]), 1)).get(7), [1]);

      assert.deepEqual(
        (await store.fetch([2, 99, 1])).map((d) => [d.ordinal, d.file, d.words, d.contentHash === a.contentHash]),
        [
          [1, 'feed/a.txt', 4, true],
          [2, 'feed/b.txt', 5, false],
        ],
      );
      let stats = await store.stats();
      assert.deepEqual([stats.documents, stats.words, stats.postings, stats.format], [2, 9, 7, INDEX_FORMAT]);
      assert.ok((stats.bytes ?? 0) > 0);

      // A new text under a stored name replaces it and takes a new, last ordinal.
      const b2 = doc('feed/b.txt', 'beta gamma eta', [9, 11]);
      assert.deepEqual(await store.add([b2]), [{ file: 'feed/b.txt', status: 'replaced', ordinal: 3 }]);
      assert.deepEqual([...(await store.lookup(Uint32Array.from([7, 9, 11, HIGH]), 10)).entries()], [
        [7, [1]],
        [9, [3]],
        [11, [3]],
        [HIGH, [1]],
      ]);
      assert.deepEqual((await store.fetchAll()).map((d) => [d.ordinal, d.file]), [
        [1, 'feed/a.txt'],
        [3, 'feed/b.txt'],
      ]);

      assert.deepEqual(await store.remove(['feed/a.txt', 'not/there.txt']), ['feed/a.txt']);
      assert.equal((await store.lookup(Uint32Array.from([5, 7, MID, HIGH]), 10)).size, 0);
      await store.vacuum();
      stats = await store.stats();
      assert.deepEqual([stats.documents, stats.words, stats.postings], [1, 3, 2]);
      assert.deepEqual(await sql(db.url, 'SELECT count(*)::int AS n FROM ref_totals'), [{ n: 1 }]);
      // Ordinals are never reused.
      assert.equal((await store.add([doc('feed/c.txt', 'theta', [13])]))[0].ordinal, 4);
    } finally {
      await store.close();
    }
  });

  test('a name given twice in one batch keeps the second text; postings only for what stays', async () => {
    const db = await database();
    const store = await openPgStore(db.url, { create: true });
    try {
      const outcomes = await store.add([doc('x.txt', 'first x', [1, 2, 3]), doc('y.txt', 'y', [3, 4]), doc('x.txt', 'second x', [5, 6])]);
      assert.deepEqual(outcomes.map((o) => [o.status, o.ordinal]), [['added', 1], ['added', 2], ['replaced', 3]]);
      assert.deepEqual(await sql(db.url, 'SELECT hash, ordinal::int FROM ref_postings ORDER BY hash, ordinal'), [
        { hash: 3, ordinal: 2 },
        { hash: 4, ordinal: 2 },
        { hash: 5, ordinal: 3 },
        { hash: 6, ordinal: 3 },
      ]);
      const s = await store.stats();
      assert.deepEqual([s.documents, s.postings], [2, 4]);
    } finally {
      await store.close();
    }
  });

  test('two writers adding the same texts at once store each once; an add cut mid-transaction leaves nothing', async () => {
    const db = await database();
    const one = await openPgStore(db.url, { create: true });
    const two = await openPgStore(db.url, { create: true });
    try {
      const docs = Array.from({ length: 40 }, (_, i) => doc(`feed/${i}.txt`, `story ${i} words here`, [i * 3 + 1, i * 3 + 2, 1_000_000 + i]));
      const [x, y] = await Promise.all([one.add(docs), two.add(docs)]);
      const added = [...x, ...y].filter((o) => o.status === 'added').length;
      const unchanged = [...x, ...y].filter((o) => o.status === 'unchanged').length;
      assert.deepEqual([added, unchanged], [40, 40]);
      assert.deepEqual([(await one.stats()).documents, (await one.stats()).postings], [40, 120]);
      assert.deepEqual(await sql(db.url, 'SELECT count(*)::int AS n FROM ref_postings'), [{ n: 120 }]);

      // Cut the writer's connection while its transaction is open: nothing of the batch stays.
      const big = Array.from({ length: 3000 }, (_, i) => doc(`big/${i}.txt`, `big story ${i}`, [2_000_000 + i]));
      const adding = two.add(big);
      const cut = (async () => {
        for (let i = 0; i < 200; i++) {
          const rows = await sql<{ n: number }>(
            db.url,
            `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE datname = $1 AND state = 'idle in transaction' OR (datname = $1 AND query LIKE 'INSERT INTO ref_%')`,
            [db.name],
          );
          if (rows[0].n > 0) return true;
          await new Promise((r) => setTimeout(r, 20));
        }
        return false;
      })();
      const [outcome, didCut] = await Promise.allSettled([adding, cut]);
      assert.equal(didCut.status === 'fulfilled' && didCut.value, true);
      assert.equal(outcome.status, 'rejected');
      assert.deepEqual(await sql(db.url, `SELECT count(*)::int AS n FROM ref_documents WHERE file LIKE 'big/%'`), [{ n: 0 }]);
      assert.equal((await one.stats()).documents, 40);
      // The store's pool recovers: the next add works.
      assert.equal((await two.add([doc('after/cut.txt', 'after the cut', [42])]))[0].status, 'added');
    } finally {
      await one.close();
      await two.close();
    }
  });

  test('matching against the PostgreSQL index gives what matching in memory gives (5-gram postings past the trigram threshold)', async () => {
    const db = await database();
    const w = writer(11);
    const references = Array.from({ length: 700 }, (_, i) => ({ file: `feed/r${String(i).padStart(3, '0')}.txt`, text: w.text(300) }));
    const para = (t: string, k: number) => t.split('\n\n')[k];
    const articles = [
      { file: 'in/whole.txt', text: references[40].text.replace(/\.\s/, ', the ministry said. ') },
      { file: 'in/part.txt', text: [w.paragraph(), para(references[500].text, 1), w.paragraph(), w.paragraph(), w.paragraph()].join('\n\n') },
      { file: 'in/own.txt', text: w.text(250) },
    ];
    const asDocs = (list: typeof articles, reference: boolean): ReuseDocument[] =>
      list.map((d) => ({ id: reference ? d.file : d.file.replace(/^.*\/|\.txt$/g, ''), file: d.file, text: d.text, reference }));
    const store = await openPgStore(db.url, { create: true });
    try {
      const prepared = references.map((r) => prepareReference(r.file, r.text));
      assert.ok(prepared.reduce((n, p) => n + p.words, 0) > SMALL_CORPUS_MAX_WORDS);
      await store.add(prepared);
      const expected = analyzeReuse([...asDocs(articles, false), ...asDocs(references, true)]);
      const got = await analyzeReuseWithStore(asDocs(articles, false), store);
      assert.deepEqual(got.pairs, expected.pairs);
      assert.deepEqual([...got.derivations], [...expected.derivations]);
      assert.equal(got.derivations.get('whole')!.derivation, 'wholly');
      assert.deepEqual(got.derivations.get('part')!.sources.map((x) => x.file), ['feed/r500.txt']);
      assert.equal(got.derivations.get('own')!.derivation, 'non');
    } finally {
      await store.close();
    }
  });

  test('index add and analyze --index with --db postgres://, and workers matching every article against it', async () => {
    const db = await database();
    const reuse = fixture('reuse');
    const feed = [join(reuse, 'wire.txt'), join(reuse, 'partial.txt')];
    const inputs = ['edited.txt', 'brief.txt', 'independent.txt'].map((f) => join(reuse, f));
    const added = cli(['index', 'add', '--db', db.url, ...feed]);
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /^added 2, replaced 0, unchanged 0, duplicate 0, errors 0/);
    assert.equal(cli(['index', 'add', '--db', db.url, ...feed]).stdout.slice(0, 40), 'added 0, replaced 0, unchanged 2, duplic');
    const stats = cli(['index', 'stats', '--db', db.url]);
    assert.equal(stats.code, 0, stats.stderr);
    assert.match(stats.stdout, /postgres/);

    const viaIndex = cli(['analyze', '-q', '-j', '0', '-f', 'json', '--index', db.url, ...inputs]);
    const viaReference = cli(['analyze', '-q', '-j', '0', ...feed.flatMap((f) => ['--reference', f]), '-f', 'json', ...inputs]);
    assert.equal(viaIndex.code, 0, viaIndex.stderr);
    assert.ok(viaIndex.stdout.includes('"wholly"'));
    assert.equal(viaIndex.stdout, viaReference.stdout);

    // The queue: workers match each article against the same index; report --index gives analyze's Report.
    if (!REDIS_URL) return;
    const queue = uniqueName('q');
    const env = { SOURCETRACE_DB: db.url, SOURCETRACE_REDIS: REDIS_URL, SOURCETRACE_QUEUE: queue };
    assert.equal(cli(['enqueue', ...inputs, '--batch', 'ix'], env).code, 0);
    const worked = cli(['worker', '--index', db.url, '--exit-when-drained'], env);
    assert.equal(worked.code, 0, worked.stderr);
    const origins = await sql<{ file: string; derivation: string; source_file: string }>(
      db.url,
      `SELECT a.file, a.derivation, o.source_file FROM articles a JOIN origins o USING (doc_hash) WHERE o.rank = 0 ORDER BY a.file`,
    );
    assert.ok(origins.some((o) => o.file.endsWith('edited.txt') && o.derivation === 'wholly' && o.source_file.endsWith('wire.txt')), JSON.stringify(origins));
    const pairs = await sql<{ n: number }>(db.url, `SELECT count(*)::int AS n FROM reuse_pairs`);
    assert.ok(pairs[0].n > 0);
    const stored = cli(['report', '--batch', 'ix', '--index', db.url, '-f', 'json'], env);
    assert.equal(stored.code, 0, stored.stderr);
    assert.equal(stored.stdout, viaReference.stdout);
  });
});
