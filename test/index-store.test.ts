/**
 * The lasting reference index (lib/store/): the SQLite engine's contract
 * (re-add, transactions, WAL readers, remove, vacuum, bad files) and the
 * promise that `analyze --index` gives the Report `analyze --reference` gives.
 * Texts are synthetic (made-up words from a seeded generator), written here.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test as nodeTest } from 'node:test';
import { analyzeReuse, SMALL_CORPUS_MAX_WORDS, type ReuseDocument } from '../lib/reuse/index.js';
import { analyzeReuseWithStore, prepareReference, referenceGrams } from '../lib/store/query.js';
import { INDEX_FORMAT, StoreError, type ReferenceStore } from '../lib/store/reference-store.js';
import { mergeFrom, openRawSqlite, openSqliteStore } from '../lib/store/sqlite.js';
import { CLI, fixture } from './helpers.js';

// better-sqlite3 is optional: where its addon did not build, these tests say so and skip (.ci/run insists it builds).
const driverMissing = (() => {
  try {
    createRequire(import.meta.url)('better-sqlite3');
    return false;
  } catch (e) {
    return `better-sqlite3 is not available here: ${(e as Error).message.split('\n')[0]}`;
  }
})();
const test = (name: string, fn: () => void | Promise<void>) => nodeTest(name, { skip: driverMissing }, fn);

const dir = mkdtempSync(join(tmpdir(), 'sourcetrace-index-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let dbCount = 0;
const newDb = () => join(dir, `i${++dbCount}.db`);

function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** mulberry32, seeded: the same synthetic corpus every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Made-up words from syllables; a skewed pick so that some n-grams are common, most rare. */
function makeWriter(seed: number) {
  const random = rng(seed);
  const syllables = ['ka', 'lo', 'mi', 'ren', 'tu', 'sa', 'vor', 'en', 'di', 'po', 'lan', 'ex', 'qui', 'mar', 'to', 'ne'];
  const vocabulary: string[] = [];
  for (let i = 0; i < 3000; i++) {
    let w = '';
    for (let k = 0, n = 1 + (i % 3); k < n; k++) w += syllables[Math.floor(random() * syllables.length)];
    vocabulary.push(w + (i % 7));
  }
  const word = () => vocabulary[Math.floor(random() ** 2 * vocabulary.length)];
  const sentence = () => {
    const n = 8 + Math.floor(random() * 12);
    const words = Array.from({ length: n }, word);
    words[0] = words[0][0].toUpperCase() + words[0].slice(1);
    return words.join(' ') + '.';
  };
  const paragraph = () => Array.from({ length: 3 }, sentence).join(' ');
  const text = (words: number) => {
    const paragraphs: string[] = [];
    let count = 0;
    while (count < words) {
      const p = paragraph();
      paragraphs.push(p);
      count += p.split(' ').length;
    }
    return paragraphs.join('\n\n');
  };
  return { random, text, paragraph };
}

/** References past SMALL_CORPUS_MAX_WORDS (so 5-grams and stored postings are used), and articles copying from them. */
function largeCorpus(): { references: { file: string; text: string }[]; articles: { file: string; text: string }[] } {
  const w = makeWriter(7);
  // A boilerplate line carried by many references: too common to propose pairs (maxDf).
  const boiler = 'Vorka lomi renex tudi sapo lanmar quito nedi kaen povor for further details see the desk.';
  const references = Array.from({ length: 760 }, (_, i) => ({ file: `feed/ref-${String(i).padStart(4, '0')}.txt`, text: (i % 5 === 0 ? boiler + '\n\n' : '') + w.text(280) }));
  const para = (t: string, k: number) => t.split('\n\n')[k];
  const articles = [
    // wholly: a reference copied with a small edit
    { file: 'in/a-whole.txt', text: references[10].text.replace(/\.\s/, ', officials said. ') },
    // partially: two paragraphs of one reference and one of another, in new text
    { file: 'in/b-partial.txt', text: [w.paragraph(), para(references[300].text, 1), w.paragraph(), para(references[301].text, 2), w.paragraph()].join('\n\n') },
    // shares a passage with the next article only, and the boilerplate line
    { file: 'in/c-peer.txt', text: [boiler, w.paragraph(), 'Kalo miren tusa vorendi polan exqui marto neka lomi renti sapo dipo lanex quimar tone.', w.paragraph()].join('\n\n') },
    { file: 'in/d-peer.txt', text: [w.paragraph(), 'Kalo miren tusa vorendi polan exqui marto neka lomi renti sapo dipo lanex quimar tone.', w.paragraph(), w.paragraph()].join('\n\n') },
    // independent
    { file: 'in/e-own.txt', text: w.text(250) },
  ];
  return { references, articles };
}

const asDocs = (list: { file: string; text: string }[], reference: boolean): ReuseDocument[] =>
  list.map((d) => ({ id: reference ? d.file : d.file.replace(/^.*\/|\.txt$/g, ''), file: d.file, text: d.text, reference }));

test('index: re-adding a text is a no-op; the same text under another name is a duplicate; a new text under a stored name replaces it', async () => {
  const store = openSqliteStore(newDb(), { create: true });
  const a = prepareReference('a.txt', 'One two three four five six seven eight.');
  const b = prepareReference('b.txt', 'Nine ten eleven twelve thirteen fourteen.');
  assert.deepEqual((await store.add([a, b])).map((o) => o.status), ['added', 'added']);
  const before = await store.stats();
  assert.deepEqual([before.documents, before.words, before.postings], [2, 14, 4 + 2]);
  const again = await store.add([a, { ...b, file: 'copy-of-b.txt' }]);
  assert.deepEqual(again.map((o) => [o.status, o.existing]), [['unchanged', undefined], ['duplicate', 'b.txt']]);
  const same = await store.stats();
  assert.deepEqual([same.documents, same.words, same.postings], [2, 14, 6]);
  const edited = prepareReference('a.txt', 'One two three four five.');
  const [r] = await store.add([edited]);
  assert.equal(r.status, 'replaced');
  assert.ok(r.ordinal > 2, 'a replaced document goes to the end of the order');
  const now = await store.stats();
  assert.deepEqual([now.documents, now.words, now.postings], [2, 6 + 5, 2 + 1]);
  assert.deepEqual((await store.fetchAll()).map((d) => [d.file, d.text]), [['b.txt', b.text], ['a.txt', edited.text]]);
  await store.close();
});

test('index: an add that fails midway leaves nothing of its batch', async () => {
  const path = newDb();
  const store = openSqliteStore(path, { create: true });
  await store.add([prepareReference('kept.txt', 'Alpha beta gamma delta epsilon zeta eta.')]);
  const good = prepareReference('new.txt', 'Theta iota kappa lambda mu nu xi omicron.');
  const bad = { ...prepareReference('bad.txt', 'Pi rho sigma tau upsilon phi chi psi.'), text: null as unknown as string };
  await assert.rejects(store.add([good, bad]), /NOT NULL/);
  const s = await store.stats();
  assert.deepEqual([s.documents, s.words, s.postings], [1, 7, 3]);
  assert.deepEqual((await store.fetchAll()).map((d) => d.file), ['kept.txt']);
  assert.equal((await store.lookup(referenceGrams(good.text), 10)).size, 0, 'no postings of the failed batch');
  await store.close();
});

/** Direct checks of an index file: totals agree with the rows, every posting has its document, batches are whole. */
function checkConsistent(path: string): { documents: number } {
  const db = openRawSqlite(path, { readonly: true });
  const get = (sql: string) => db.prepare(sql).get() as Record<string, number>;
  try {
    const totals = get('SELECT documents, words, postings FROM totals');
    const rows = get('SELECT count(*) AS documents, coalesce(sum(words), 0) AS words FROM documents');
    const postings = get('SELECT count(*) AS n FROM postings');
    const orphans = get('SELECT count(*) AS n FROM postings p LEFT JOIN documents d USING (ordinal) WHERE d.ordinal IS NULL');
    assert.equal(totals.documents, rows.documents);
    assert.equal(totals.words, rows.words);
    assert.equal(totals.postings, postings.n);
    assert.equal(orphans.n, 0);
    return { documents: rows.documents };
  } finally {
    db.close();
  }
}

test('index: a killed add leaves whole batches; readers in other processes read while it writes; a rerun adds the rest', async () => {
  const path = newDb();
  const w = makeWriter(11);
  const total = 12000;
  const feed = join(dir, 'feed.jsonl');
  const lines: string[] = [];
  for (let i = 0; i < total; i++) lines.push(JSON.stringify({ id: `d${i}`, text: w.text(60) }));
  writeFileSync(feed, lines.join('\n') + '\n');

  const child = spawn(process.execPath, [CLI, 'index', 'add', '--db', path, feed], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const seen: number[] = [];
  let readerRuns = 0;
  // Poll as a reader until the first batches are in, then kill the writer.
  for (let tries = 0; tries < 2000 && child.exitCode === null; tries++) {
    await new Promise((r) => setTimeout(r, 25));
    let documents = 0;
    try {
      const s = await (async () => {
        const reader = openSqliteStore(path, { readonly: true });
        try {
          return await reader.stats();
        } finally {
          await reader.close();
        }
      })();
      documents = s.documents;
    } catch (e) {
      if (!(e instanceof StoreError)) throw e; // the file may not exist yet
      continue;
    }
    seen.push(documents);
    if (documents >= 1000 && readerRuns === 0) {
      // Another process reads while the writer writes.
      const r = cli(['index', 'stats', '--db', path]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /documents +\d+/);
      readerRuns++;
    }
    if (documents >= 2000) break;
  }
  assert.equal(child.exitCode, null, 'the writer was still writing when killed');
  child.kill('SIGKILL');
  await exited;
  for (const n of seen) assert.equal(n % 1000, 0, `readers only ever see whole batches (saw ${n})`);
  const { documents } = checkConsistent(path);
  assert.ok(documents >= 2000 && documents < total && documents % 1000 === 0, `${documents} documents after the kill`);

  const rerun = cli(['index', 'add', '--db', path, feed]);
  assert.equal(rerun.code, 0, rerun.stderr);
  assert.match(rerun.stdout, new RegExp(`^added ${total - documents}, replaced 0, unchanged ${documents}, duplicate 0, errors 0; index: ${total} documents`));
  assert.equal(checkConsistent(path).documents, total);
});

/** Every posting of `grams` as the store returns it, for comparing two stores. */
async function allPostings(store: ReferenceStore, docs: { grams: Uint32Array }[], limit: number): Promise<string> {
  const hashes = Uint32Array.from(new Set(docs.flatMap((d) => [...d.grams]))).sort();
  return JSON.stringify([...(await store.lookup(hashes, limit))].sort((x, y) => x[0] - y[0]));
}

test('index: a name given twice in one batch keeps the second text; postings only for what stays', async () => {
  const path = newDb();
  const store = openSqliteStore(path, { create: true });
  const first = prepareReference('x.txt', 'One two three four five six seven.');
  const other = prepareReference('y.txt', 'Eight nine ten eleven twelve.');
  const second = prepareReference('x.txt', 'Thirteen fourteen fifteen sixteen seventeen eighteen.');
  const outcomes = await store.add([first, other, second]);
  assert.deepEqual(outcomes.map((o) => [o.status, o.ordinal]), [['added', 1], ['added', 2], ['replaced', 3]]);
  assert.equal((await store.lookup(first.grams, 10)).size, 0, 'nothing of the replaced text');
  assert.deepEqual([...(await store.lookup(second.grams, 10)).values()], [[3], [3]]);
  await store.close();
  assert.equal(checkConsistent(path).documents, 2);
});

test('index: many small adds make runs that merge; look-ups, removal and vacuum give what one big add gives', async () => {
  const w = makeWriter(5);
  // A shared passage in every document makes a common n-gram, so `limit` cuts lists that span runs.
  const common = w.paragraph();
  const docs = Array.from({ length: 60 }, (_, i) => prepareReference(`r${i}.txt`, `${i % 2 ? common + '\n\n' : ''}${w.text(120)}`));
  const onePath = newDb();
  const one = openSqliteStore(onePath, { create: true });
  await one.add(docs);
  assert.equal((await one.stats()).runs, 1);
  const manyPath = newDb();
  const many = openSqliteStore(manyPath, { create: true });
  const runCounts: number[] = [];
  for (let i = 0; i < docs.length; i += 3) {
    await many.add(docs.slice(i, i + 3));
    runCounts.push((await many.stats()).runs!);
  }
  // 20 adds, FANOUT 8: runs grow to 7, the 8th merges them into one, and so on (hand-counted: 1..7, 1, 2..7, 1, 2..5).
  assert.deepEqual(runCounts, [1, 2, 3, 4, 5, 6, 7, 1, 2, 3, 4, 5, 6, 7, 1, 2, 3, 4, 5, 6]);
  for (const limit of [1, 5, 30, 1000]) assert.equal(await allPostings(many, docs, limit), await allPostings(one, docs, limit), `limit ${limit}`);
  const commonGrams = referenceGrams(common);
  const spanning = (await many.lookup(commonGrams, 1000)).get(commonGrams[0])!;
  assert.deepEqual(spanning, Array.from({ length: 30 }, (_, k) => 2 * k + 2), 'a common n-gram lists the odd documents, over all runs, in order');
  assert.deepEqual((await many.lookup(commonGrams, 4)).get(commonGrams[0]), [2, 4, 6, 8]);

  // Removing from a merged run and from the newest one.
  for (const store of [one, many]) assert.deepEqual(await store.remove(['r1.txt', 'r58.txt']), ['r1.txt', 'r58.txt']);
  assert.equal(await allPostings(many, docs, 1000), await allPostings(one, docs, 1000));
  await many.close();
  assert.equal(checkConsistent(manyPath).documents, 58);
  const r = cli(['index', 'vacuum', '--db', manyPath]);
  assert.equal(r.code, 0, r.stderr);
  const after = openSqliteStore(manyPath, { readonly: true });
  assert.equal((await after.stats()).runs, 1, 'vacuum merges every run into one');
  assert.equal(await allPostings(after, docs, 1000), await allPostings(one, docs, 1000));
  await after.close();
  await one.close();
  assert.equal(checkConsistent(manyPath).documents, 58);
});

nodeTest('index: runs merge FANOUT (8) at a time by size tier, never a big run for a few small ones', () => {
  const batch = 330_000; // postings of a batch of 1,000 documents: tier 1 (2^18 <= 330k < 2^21)
  const ofBatches = (n: number) => n * batch;
  assert.equal(mergeFrom(Array(7).fill(batch)), -1);
  assert.equal(mergeFrom(Array(8).fill(batch)), 0);
  // A run of 64 batches, four of 8, then singles: the singles merge at 8, not before, and alone.
  const big = [ofBatches(64), ...Array(4).fill(ofBatches(8))];
  assert.equal(mergeFrom([...big, ...Array(7).fill(batch)]), -1);
  assert.equal(mergeFrom([...big, ...Array(8).fill(batch)]), 5);
  // Seven runs of 8 batches and the eighth just made: those eight merge, the run of 64 stays.
  assert.equal(mergeFrom([ofBatches(64), ...Array(8).fill(ofBatches(8))]), 1);
  // Small adds (a few documents, tier 0) merge among themselves.
  assert.equal(mergeFrom([ofBatches(8), ...Array(8).fill(500)]), 1);
});

test('index: an index from before runs (one postings table) is read as it is and upgraded in place by the first write', async () => {
  const w = makeWriter(6);
  const docs = Array.from({ length: 30 }, (_, i) => prepareReference(`r${i}.txt`, w.text(100)));
  const currentPath = newDb();
  const current = openSqliteStore(currentPath, { create: true });
  await current.add(docs);
  // The layout of the first index version, written by hand.
  const oldPath = newDb();
  const old = openRawSqlite(oldPath);
  old.exec(`PRAGMA journal_mode = WAL;
    CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE totals(id INTEGER PRIMARY KEY CHECK (id = 1), documents INTEGER NOT NULL, words INTEGER NOT NULL, postings INTEGER NOT NULL);
    CREATE TABLE documents(ordinal INTEGER PRIMARY KEY AUTOINCREMENT, file TEXT NOT NULL UNIQUE, content_hash TEXT NOT NULL UNIQUE, words INTEGER NOT NULL, text TEXT NOT NULL);
    CREATE TABLE postings(hash INTEGER NOT NULL, ordinal INTEGER NOT NULL, PRIMARY KEY (hash, ordinal)) WITHOUT ROWID;`);
  old.prepare("INSERT INTO meta VALUES ('format', ?)").run(INDEX_FORMAT);
  let postings = 0;
  let words = 0;
  docs.forEach((d, i) => {
    old.prepare('INSERT INTO documents VALUES (?, ?, ?, ?, ?)').run(i + 1, d.file, d.contentHash, d.words, d.text);
    for (const h of d.grams) old.prepare('INSERT INTO postings VALUES (?, ?)').run(h | 0, i + 1);
    postings += d.grams.length;
    words += d.words;
  });
  old.prepare('INSERT INTO totals VALUES (1, ?, ?, ?)').run(docs.length, words, postings);
  old.close();

  const reader = openSqliteStore(oldPath, { readonly: true });
  assert.equal(await allPostings(reader, docs, 1000), await allPostings(current, docs, 1000));
  await reader.close();
  const writer = openSqliteStore(oldPath, {});
  assert.equal((await writer.stats()).runs, 1, 'the old postings table is now run 1');
  const more = Array.from({ length: 5 }, (_, i) => prepareReference(`s${i}.txt`, w.text(100)));
  await writer.add(more);
  await current.add(more);
  assert.equal(await allPostings(writer, [...docs, ...more], 1000), await allPostings(current, [...docs, ...more], 1000));
  await writer.close();
  await current.close();
  assert.equal(checkConsistent(oldPath).documents, 35);
});

test('index: remove takes a document and its postings out; vacuum gives the space back', async () => {
  const path = newDb();
  const w = makeWriter(3);
  const store = openSqliteStore(path, { create: true });
  const docs = Array.from({ length: 400 }, (_, i) => prepareReference(`r${i}.txt`, w.text(200)));
  await store.add(docs);
  const full = await store.stats();
  assert.deepEqual(await store.remove(['r0.txt', 'nope.txt']), ['r0.txt']);
  const s = await store.stats();
  assert.equal(s.documents, 399);
  assert.equal(s.words, full.words - docs[0].words);
  assert.equal(s.postings, full.postings - docs[0].grams.length);
  const left = await store.lookup(docs[0].grams, 1000);
  for (const ordinals of left.values()) assert.ok(!ordinals.includes(1), 'no posting points at the removed document');
  assert.deepEqual(await store.fetch([1, 2]), [{ ordinal: 2, file: 'r1.txt', text: docs[1].text, contentHash: docs[1].contentHash, words: docs[1].words }]);
  await store.remove(docs.slice(1, 300).map((d) => d.file));
  await store.close();

  const r = cli(['index', 'vacuum', '--db', path]);
  assert.equal(r.code, 0, r.stderr);
  const [, before, afterBytes] = /^vacuumed: (\d+) -> (\d+) bytes\n$/.exec(r.stdout) ?? [];
  assert.ok(Number(afterBytes) < Number(before) / 2, r.stdout);
  assert.ok(statSync(path).size <= Number(afterBytes));
  assert.equal(checkConsistent(path).documents, 100);
  const gone = cli(['index', 'remove', '--db', path, 'r1.txt']);
  assert.equal(gone.code, 1);
  assert.equal(gone.stderr, 'sourcetrace: r1.txt: not in the index\n');
});

test('index: the store gives the same reuse results as the in-memory index, small and large corpora, any maxDf/minShared', async () => {
  const { references, articles } = largeCorpus();
  const refWords = references.reduce((n, r) => n + prepareReference(r.file, r.text).words, 0);
  assert.ok(refWords > SMALL_CORPUS_MAX_WORDS, 'the large corpus is past the trigram threshold');
  const sqlite = openSqliteStore(newDb(), { create: true });
  await sqlite.add(references.map((r) => prepareReference(r.file, r.text)));
  // Count what the query reads: only candidates are fetched, the index is never read whole.
  let fetched = 0;
  const store: ReferenceStore = Object.assign(Object.create(sqlite) as ReferenceStore, {
    fetch: async (ordinals: number[]) => {
      const docs = await sqlite.fetch(ordinals);
      fetched += docs.length;
      return docs;
    },
    fetchAll: () => assert.fail('a large index is not read whole'),
  });
  const inMemory = [...asDocs(articles, false), ...asDocs(references, true)];
  for (const options of [{}, { maxDf: 3 }, { maxDf: 5, minShared: 1 }, { minShared: 8 }]) {
    const expected = analyzeReuse(inMemory, { ...options });
    const stats: Record<string, number> = {};
    const got = await analyzeReuseWithStore(asDocs(articles, false), store, { ...options, stats });
    assert.deepEqual(got.pairs, expected.pairs, JSON.stringify(options));
    assert.deepEqual([...got.derivations], [...expected.derivations], JSON.stringify(options));
    if (Object.keys(options).length === 0) {
      // What the test is about actually happened: copies found, peers paired, the boilerplate ignored.
      const derivation = (id: string) => got.derivations.get(id)!.derivation;
      assert.equal(derivation('a-whole'), 'wholly');
      assert.deepEqual(got.derivations.get('b-partial')!.sources.map((s) => s.file).sort(), ['feed/ref-0300.txt', 'feed/ref-0301.txt']);
      assert.equal(derivation('e-own'), 'non');
      assert.ok(got.pairs.some((p) => p.a === 'c-peer' && p.b === 'd-peer'));
      assert.ok(stats.candidates < 10, `${stats.candidates} candidates`);
      assert.equal(fetched, 3, 'the three references the articles copy from, no more');
    }
  }
  // Small: the index is read whole and trigrams used, as in memory.
  const small = openSqliteStore(newDb(), { create: true });
  await small.add(references.slice(295, 305).map((r) => prepareReference(r.file, r.text)));
  const expected = analyzeReuse([...asDocs(articles, false), ...asDocs(references.slice(295, 305), true)]);
  const got = await analyzeReuseWithStore(asDocs(articles, false), small);
  assert.deepEqual(got.pairs, expected.pairs);
  assert.deepEqual([...got.derivations], [...expected.derivations]);
  assert.equal(got.derivations.get('b-partial')!.derivation, 'partially');
  await sqlite.close();
  await small.close();
});

test('index: analyze --index prints the same Report bytes as analyze --reference with the same documents', () => {
  const { references, articles } = largeCorpus();
  const root = join(dir, 'corpus');
  mkdirSync(join(root, 'feed'), { recursive: true });
  mkdirSync(join(root, 'in'), { recursive: true });
  for (const d of [...references, ...articles]) writeFileSync(join(root, d.file), d.text);
  const path = newDb();
  const run = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: root, env: { ...process.env, NO_COLOR: '1' } });
  const added = run(['index', 'add', '--db', path, 'feed']);
  assert.equal(added.status, 0, added.stderr);
  assert.equal(added.stdout, `added ${references.length}, replaced 0, unchanged 0, duplicate 0, errors 0; index: ${references.length} documents, ${/(\d+) words/.exec(added.stdout)![1]} words\n`);
  const viaIndex = run(['analyze', '-q', '-j', '0', '-f', 'json', '--index', path, 'in']);
  const viaReference = run(['analyze', '-q', '-j', '0', '-f', 'json', '--reference', 'feed', 'in']);
  assert.equal(viaIndex.status, 0, viaIndex.stderr);
  assert.equal(viaReference.status, 0, viaReference.stderr);
  assert.ok(viaIndex.stdout.includes('"feed/ref-0010.txt"'), 'the wire copy is found in the index');
  assert.equal(viaIndex.stdout, viaReference.stdout);

  // Small index (trigram path) with the fixtures' wire feed.
  const smallDb = newDb();
  const reuse = fixture('reuse');
  const feed = [join(reuse, 'wire.txt'), join(reuse, 'partial.txt')];
  const inputs = ['edited.txt', 'brief.txt', 'independent.txt'].map((f) => join(reuse, f));
  assert.equal(run(['index', 'add', '--db', smallDb, ...feed]).status, 0);
  const a = run(['analyze', '-q', '-j', '0', '-f', 'json', '--index', smallDb, ...inputs]);
  const b = run(['analyze', '-q', '-j', '0', ...feed.flatMap((f) => ['--reference', f]), '-f', 'json', ...inputs]);
  assert.equal(a.status, 0, a.stderr);
  assert.ok(a.stdout.includes('"wholly"'));
  assert.equal(a.stdout, b.stdout);
});

test('index: a missing file, a file that is not an index, or an index of another format is one line and exit 2', () => {
  const notSqlite = join(dir, 'notes.txt');
  writeFileSync(notSqlite, 'just some text, not a database\n'.repeat(100));
  const otherSqlite = newDb();
  const other = openRawSqlite(otherSqlite);
  other.exec('CREATE TABLE t(x)');
  other.close();
  const oldFormat = newDb();
  const store = openSqliteStore(oldFormat, { create: true });
  void store.close();
  const old = openRawSqlite(oldFormat);
  old.exec("UPDATE meta SET value = 'sourcetrace-reference-index/0' WHERE key = 'format'");
  old.close();
  const cases: [string[], RegExp][] = [
    [['index', 'stats', '--db', join(dir, 'missing.db')], /missing\.db: no such index file$/],
    [['analyze', '--index', join(dir, 'missing.db'), fixture('reuse', 'brief.txt')], /missing\.db: no such index file$/],
    [['index', 'stats', '--db', dir], /: not a file$/],
    [['index', 'add', '--db', notSqlite, fixture('reuse', 'wire.txt')], /notes\.txt: not an SQLite database/],
    [['analyze', '--index', notSqlite, fixture('reuse', 'brief.txt')], /notes\.txt: not an SQLite database/],
    [['index', 'vacuum', '--db', otherSqlite], /not a sourcetrace reference index/],
    [['analyze', '--index', oldFormat, fixture('reuse', 'brief.txt')], new RegExp(`index format "sourcetrace-reference-index/0", this sourcetrace reads "${INDEX_FORMAT.replace(/[/.]/g, '\\$&')}"`)],
    [['analyze', '--index', oldFormat, '--reference', fixture('reuse', 'wire.txt'), fixture('reuse', 'brief.txt')], /cannot be combined/],
  ];
  for (const [args, message] of cases) {
    const r = cli(args);
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr.split('\n').length, 2, `one line: ${r.stderr}`);
    assert.match(r.stderr.trim(), message);
  }
  assert.equal(readFileSync(notSqlite, 'utf8').slice(0, 4), 'just', 'a file that is not an index is left alone');
});
