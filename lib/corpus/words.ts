/**
 * Content words of a text, for comparing articles and sentences: lower-cased
 * letter/number runs, English function words and reporting verbs dropped, a
 * light plural/possessive folding so "talks"/"talk" and "Kim's"/"Kim" meet.
 */

/** Function words that say nothing about what a text is about. */
const STOPWORDS = new Set(
  (
    'a an the and or but if then than that this these those there here of in on at to for from by with without about into over under ' +
    'after before during since until as is are was were be been being am has have had do does did will would shall should can could ' +
    'may might must it its he she they them their his her him we our us you your i me my who whom whose which what when where why how ' +
    'not no nor so also too very just only more most such other another some any each all both one two s t said says say told tell ' +
    'according reported reports report added adds stated announced confirmed mr ms mrs'
  ).split(' '),
);

/** Fold plural and possessive endings ("talks" -> "talk", "Kim's" -> "kim"). */
function fold(word: string): string {
  // Same as word.replace(/['’]s$/u, ''), without a regular expression per word.
  const n = word.length;
  let w = n >= 2 && word.charCodeAt(n - 1) === 115 && (word[n - 2] === "'" || word[n - 2] === '’') ? word.slice(0, -2) : word;
  if (w.length > 4 && w.endsWith('ies')) w = w.slice(0, -3) + 'y';
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us')) w = w.slice(0, -1);
  return w;
}

/** The content words of a text, in order, with repeats. */
export function contentWords(text: string): string[] {
  const out: string[] = [];
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]+(?:['’]s)?/gu)) {
    const w = fold(m[0]);
    if (w.length < 2 || STOPWORDS.has(w)) continue;
    out.push(w);
  }
  return out;
}

/**
 * A text's content words with their offsets, and the offsets of every
 * letter/number run (kept or not), so the words of any span can be read off
 * without tokenizing the span again.
 */
export interface TokenizedText {
  words: string[];
  starts: Int32Array;
  ends: Int32Array;
  /** Start and end of every match of the word pattern, kept or dropped. */
  runStarts: Int32Array;
  runEnds: Int32Array;
}

/**
 * `contentWords` with offsets, or null when lower-casing the text is not one
 * code unit for one code unit and context-free (a dotted capital I, a capital
 * sigma): then offsets would not carry over and spans are tokenized on their own.
 */
export function tokenize(text: string): TokenizedText | null {
  const lower = text.toLowerCase();
  if (lower.length !== text.length || text.includes('Σ')) return null;
  const words: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const runStarts: number[] = [];
  const runEnds: number[] = [];
  for (const m of lower.matchAll(/[\p{L}\p{N}]+(?:['’]s)?/gu)) {
    const start = m.index;
    const end = start + m[0].length;
    runStarts.push(start);
    runEnds.push(end);
    const w = fold(m[0]);
    if (w.length < 2 || STOPWORDS.has(w)) continue;
    words.push(w);
    starts.push(start);
    ends.push(end);
  }
  return { words, starts: Int32Array.from(starts), ends: Int32Array.from(ends), runStarts: Int32Array.from(runStarts), runEnds: Int32Array.from(runEnds) };
}

/**
 * The first `k` items in `compare`'s order, as sorting them all and taking
 * `k` would give when `compare` is a total order (no two items compare equal),
 * without sorting them all: a sorted buffer of the best `k` so far, which
 * most items fail to enter after one comparison with its last.
 */
export function firstK<T>(items: Iterable<T>, k: number, compare: (x: T, y: T) => number): T[] {
  const best: T[] = [];
  if (k <= 0) return best;
  for (const item of items) {
    if (best.length === k && compare(item, best[k - 1]) >= 0) continue;
    // Insert after every buffered item that comes before it.
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(best[mid], item) < 0) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, item);
    if (best.length > k) best.pop();
  }
  return best;
}

/** First index in an ascending array whose value is at least `x`. */
function lowerBound(a: Int32Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** True when offset `at` falls strictly inside a run (a span cut there would tokenize differently). */
function insideRun(t: TokenizedText, at: number): boolean {
  const k = lowerBound(t.runEnds, at + 1); // first run ending after `at`
  return k < t.runStarts.length && t.runStarts[k] < at;
}

/**
 * `contentWords(text.slice(start, end))` read off the tokenized text; null
 * when a run crosses either end (then the caller tokenizes the slice). Runs
 * never overlap and gaps hold no letter or number, so a span cut between runs
 * matches exactly the runs inside it.
 */
export function wordsIn(t: TokenizedText, start: number, end: number): string[] | null {
  if (insideRun(t, start) || insideRun(t, end)) return null;
  const out: string[] = [];
  for (let k = lowerBound(t.starts, start); k < t.words.length && t.ends[k] <= end; k++) out.push(t.words[k]);
  return out;
}

/** The words of a text as a set, optionally without the words of some spans (a source's name, a cue). */
export function wordSet(text: string, without: string[] = [], words: string[] = contentWords(text)): Set<string> {
  const drop = new Set(without.flatMap(contentWords));
  return new Set(words.filter((w) => !drop.has(w)));
}

/** Dice coefficient of two sets: 2|A∩B| / (|A|+|B|). */
export function dice(a: Set<string>, b: Set<string>): { score: number; shared: number } {
  if (a.size === 0 || b.size === 0) return { score: 0, shared: 0 };
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return { score: (2 * shared) / (a.size + b.size), shared };
}

/** Normalised name for matching outlets and sources ("Russia's TASS" vs "TASS" stays distinct; "The Kremlin" = "Kremlin"). */
export function nameKey(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’]s\b/gu, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the /u, '');
}

/** Term ids for words: comparisons run on small integers and typed arrays, not strings. */
export class Vocabulary {
  private readonly ids = new Map<string, number>();
  id(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) this.ids.set(word, (id = this.ids.size));
    return id;
  }
  get size(): number {
    return this.ids.size;
  }
}

/**
 * Candidate pairs for an all-pairs comparison, from an inverted index: items
 * that share at least one key whose posting list is at most `maxPosting` long
 * (keys on every item say little and would make the work quadratic). Small
 * inputs get every pair. Pairs come back as [i, j] with i < j, sorted.
 */
export function candidatePairs<K>(
  keys: Iterable<K>[],
  options: { maxPosting: number; allPairsUpTo: number; allowed?: (i: number, j: number) => boolean; rows?: (i: number) => boolean },
): [number, number][] {
  const out: [number, number][] = [];
  forEachCandidatePair(keys, options, (i, j) => out.push([i, j]));
  return out;
}

/** `candidatePairs` handed to `visit` one by one, in the same order, without building the list. */
export function forEachCandidatePair<K>(
  keys: Iterable<K>[],
  options: { maxPosting: number; allPairsUpTo: number; allowed?: (i: number, j: number) => boolean; rows?: (i: number) => boolean },
  visit: (i: number, j: number) => void,
): void {
  const n = keys.length;
  const allowed = options.allowed;
  // `rows`: only the pairs whose first item it accepts (one worker's share of the pairs).
  const rows = options.rows;
  if (n <= options.allPairsUpTo) {
    for (let i = 0; i < n; i++) if (!rows || rows(i)) for (let j = i + 1; j < n; j++) if (!allowed || allowed(i, j)) visit(i, j);
    return;
  }
  // Postings as item lists (ascending, as items are added in order); each
  // item then meets the later items of its usable postings, deduplicated
  // with a stamp per item instead of a set of pair keys.
  const postings = new Map<K, number[]>();
  const keysOf: number[][][] = [];
  keys.forEach((ks, i) => {
    const mine: number[][] = [];
    for (const k of new Set(ks)) {
      let list = postings.get(k);
      if (!list) postings.set(k, (list = []));
      list.push(i);
      mine.push(list);
    }
    keysOf.push(mine);
  });
  const stamp = new Int32Array(n).fill(-1);
  let found = new Int32Array(64);
  for (let i = 0; i < n; i++) {
    if (rows && !rows(i)) continue;
    let count = 0;
    for (const list of keysOf[i]) {
      if (list.length < 2 || list.length > options.maxPosting) continue;
      // Items after i: the list is ascending, so search for i and go on from there.
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid] <= i) lo = mid + 1;
        else hi = mid;
      }
      for (let b = lo; b < list.length; b++) {
        const j = list[b];
        if (stamp[j] === i) continue;
        stamp[j] = i;
        if (count === found.length) {
          const grown = new Int32Array(count * 2);
          grown.set(found);
          found = grown;
        }
        found[count++] = j;
      }
    }
    const sorted = found.subarray(0, count).sort();
    for (let k = 0; k < count; k++) if (!allowed || allowed(i, sorted[k])) visit(i, sorted[k]);
  }
}
