/**
 * The PostgreSQL reference store against the ReferenceStore contract
 * (lib/store/reference-store.ts), on a real server (test/servers.ts).
 * Documents here are prepared by hand: the n-gram hashes are made up, which is
 * all an engine sees.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { INDEX_FORMAT, StoreError, type PreparedReference } from '../lib/store/reference-store.js';
import { openPgStore } from '../lib/store/postgres.js';
import { freshDatabase, NO_SERVERS, sql } from './servers.js';

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
});
