/**
 * A lasting reference index: the documents of `--reference` (a wire feed, an
 * archive) kept outside one process, so that `analyze --index` matches articles
 * against them without loading them whole. One interface, several engines: an
 * SQLite file by default (lib/store/sqlite.ts), PostgreSQL for many machines.
 *
 * The store is deliberately dumb: it keeps documents and their n-gram postings
 * and answers "which documents contain these n-gram hashes". Everything that
 * decides results (tokenizing, which n, maxDf, minShared, which pairs are
 * candidates, alignment) lives in one shared place (lib/store/query.ts), so two
 * engines cannot drift apart and the Report stays byte-identical to the
 * in-memory `--reference` path.
 *
 * Contract every engine keeps:
 * - Documents get an `ordinal` on insertion, strictly increasing, never reused
 *   (a serial/AUTOINCREMENT column). Ordinal order is the order the in-memory
 *   path would see them in with `--reference` given the same files in the order
 *   they were added; results depend on that order, so keep it.
 * - A document's identity is its `contentHash`. Adding a text already stored is
 *   a no-op (`unchanged` under the same name, `duplicate` under another). A
 *   file name is unique too: adding a new text under a stored name replaces the
 *   old document (`replaced`; the new one takes a new, last ordinal).
 * - `add` is one transaction per call: after a crash or a kill, either the whole
 *   batch is there (document rows, postings and totals) or none of it.
 * - Readers are never blocked by a writer and see a consistent snapshot per call.
 * - All methods are async (PostgreSQL's client is); the SQLite engine simply
 *   returns settled promises.
 */

/**
 * Version of the on-disk layout and of what the postings mean (tokenizer,
 * n-gram hash, n). An index written under another value is refused with a
 * one-line error: its hashes would silently match nothing. Bump on any change
 * to lib/reuse/tokenize.ts hashing or to INDEX_GRAM_N.
 */
export const INDEX_FORMAT = 'sourcetrace-reference-index/1 fnv1a-words 5-grams';

/**
 * The n of the stored n-gram postings: lib/reuse/index.ts's INDEX_N (the n used
 * once a corpus is past SMALL_CORPUS_MAX_WORDS). Below that size the in-memory
 * path uses word trigrams; an index that small (under 200k words, ~1.5 MB of
 * text) is read whole instead (see lib/store/query.ts), so trigrams are not stored.
 */
export const INDEX_GRAM_N = 5;

/** A document ready to store: prepared by lib/store/query.ts (prepareReference), never by an engine. */
export interface PreparedReference {
  /** Its name, as `--reference` would name it (the input path, `feed.jsonl#3` for a record). */
  file: string;
  /** The text articles are matched against (lib/reuse/reference.ts referenceText). */
  text: string;
  /** SHA-256 of `text`, lower-case hex: the document's identity. */
  contentHash: string;
  /** Words in `text` (lib/reuse/tokenize.ts count): the corpus size decides the n-gram length. */
  words: number;
  /** Distinct INDEX_GRAM_N-gram hashes of the text, unsigned 32-bit, ascending. */
  grams: Uint32Array;
}

export type AddStatus = 'added' | 'unchanged' | 'duplicate' | 'replaced';

export interface AddOutcome {
  file: string;
  status: AddStatus;
  /** The stored document's ordinal (for `duplicate`: the one already there). */
  ordinal: number;
  /** For `duplicate`: the name the same text is stored under. */
  existing?: string;
}

/** A stored document, as fetched for alignment. */
export interface StoredReference {
  ordinal: number;
  file: string;
  text: string;
  contentHash: string;
  words: number;
}

export interface ReferenceStats {
  /** Engine and location, e.g. `sqlite /data/feed.db`. */
  location: string;
  format: string;
  documents: number;
  /** Words in all documents (decides trigrams vs 5-grams at query time). */
  words: number;
  /** (n-gram, document) postings stored. */
  postings: number;
  /** Bytes on disk (SQLite: file + WAL), when the engine can tell. */
  bytes?: number;
  /** Postings tables a look-up reads (SQLite: runs of consecutive documents, merged as they grow). */
  runs?: number;
}

export interface ReferenceStore {
  /**
   * Add documents in ONE transaction (all or nothing), in the order given;
   * returns one outcome per document, same order. A batch may name the same
   * text twice: the second is `duplicate` of the first.
   */
  add(docs: PreparedReference[]): Promise<AddOutcome[]>;

  /**
   * Postings: for each hash (unsigned 32-bit, distinct, ascending), the
   * ordinals of documents containing that n-gram, ascending, AT MOST `limit` of
   * them (the caller passes maxDf + 1 so that "too common" is recognised
   * without reading a million postings). Hashes no document has are left out.
   */
  lookup(hashes: Uint32Array, limit: number): Promise<Map<number, number[]>>;

  /** Documents by ordinal, returned in ascending ordinal order; unknown ordinals are left out. */
  fetch(ordinals: number[]): Promise<StoredReference[]>;

  /** Every document in ordinal order (used only for indexes under SMALL_CORPUS_MAX_WORDS words). */
  fetchAll(): Promise<StoredReference[]>;

  stats(): Promise<ReferenceStats>;

  /** Remove documents by file name (one transaction); returns the names that were stored and are now gone. */
  remove(files: string[]): Promise<string[]>;

  /** Give freed space back (SQLite VACUUM, PostgreSQL VACUUM ANALYZE). */
  vacuum(): Promise<void>;

  close(): Promise<void>;
}

/** A store that cannot be opened or used: the message is one line naming the location and the problem. */
export class StoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreError';
  }
}
