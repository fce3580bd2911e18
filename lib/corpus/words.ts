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
  let w = word.replace(/['’]s$/u, '');
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

/** The words of a text as a set, optionally without the words of some spans (a source's name, a cue). */
export function wordSet(text: string, without: string[] = []): Set<string> {
  const drop = new Set(without.flatMap(contentWords));
  return new Set(contentWords(text).filter((w) => !drop.has(w)));
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

/**
 * Candidate pairs for an all-pairs comparison, from an inverted index: items
 * that share at least one key whose posting list is at most `maxPosting` long
 * (keys on every item say little and would make the work quadratic). Small
 * inputs get every pair. Pairs come back as [i, j] with i < j, sorted.
 */
export function candidatePairs(keys: Iterable<string>[], options: { maxPosting: number; allPairsUpTo: number; allowed?: (i: number, j: number) => boolean }): [number, number][] {
  const n = keys.length;
  const allowed = options.allowed ?? (() => true);
  const out: [number, number][] = [];
  if (n <= options.allPairsUpTo) {
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (allowed(i, j)) out.push([i, j]);
    return out;
  }
  const postings = new Map<string, number[]>();
  keys.forEach((ks, i) => {
    for (const k of new Set(ks)) {
      const list = postings.get(k);
      if (list) list.push(i);
      else postings.set(k, [i]);
    }
  });
  const seen = new Set<number>();
  for (const list of postings.values()) {
    if (list.length < 2 || list.length > options.maxPosting) continue;
    for (let a = 0; a < list.length; a++)
      for (let b = a + 1; b < list.length; b++) {
        const [i, j] = [list[a], list[b]];
        const key = i * n + j;
        if (seen.has(key) || !allowed(i, j)) continue;
        seen.add(key);
        out.push([i, j]);
      }
  }
  return out.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
}
