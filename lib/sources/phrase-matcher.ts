/**
 * A token-sequence trie: lexicon phrases are compiled once into it, then a
 * text's tokens are scanned left to right taking the longest phrase at each
 * position (O(tokens x longest phrase), no per-sentence regexes).
 */

/** The key a token is matched by: lower case, curly apostrophes made straight (lib/nlp's Token.normal). */
export { normalOf as tokenKey } from '../nlp/index.js';

interface TrieNode<P> {
  next: Map<string, TrieNode<P>>;
  payloads: P[];
}

export interface PhraseHit<P> {
  /** Token index range [start, end). */
  start: number;
  end: number;
  payloads: P[];
}

export class PhraseMatcher<P> {
  private readonly root: TrieNode<P> = { next: new Map(), payloads: [] };
  private longest = 0;
  /**
   * A bit per hash of the phrases' first keys (see `firstKeyHash`): most tokens start no
   * phrase, and this tells so without the Map lookup (no false negatives; on news text about 2-3% of the tokens
   * pass it without starting a phrase).
   */
  private readonly firstKeys = new Uint32Array(1 << 11);

  /** Add a phrase given as token keys; `same` drops a payload already present (aliases that tokenize alike). */
  add(keys: string[], payload: P, same?: (a: P, b: P) => boolean): void {
    if (keys.length === 0) return;
    let node = this.root;
    const h = firstKeyHash(keys[0]);
    this.firstKeys[h >>> 5] |= 1 << (h & 31);
    for (const key of keys) {
      let child = node.next.get(key);
      if (!child) {
        child = { next: new Map(), payloads: [] };
        node.next.set(key, child);
      }
      node = child;
    }
    if (same && node.payloads.some((p) => same(p, payload))) return;
    node.payloads.push(payload);
    this.longest = Math.max(this.longest, keys.length);
  }

  /**
   * Longest phrase starting at token `i` (not past `limit`) whose payloads pass `accept`
   * (accept sees the token range, for case checks).
   */
  matchAt(keys: string[], i: number, limit: number, accept?: (p: P, start: number, end: number) => boolean): PhraseHit<P> | null {
    const node = this.root.next.get(keys[i]);
    return node && i < limit ? this.matchFrom(node, keys, i, limit, accept) : null;
  }

  /** matchAt with the first token's node already looked up (scan looks each token up once). */
  private matchFrom(first: TrieNode<P>, keys: string[], i: number, limit: number, accept?: (p: P, start: number, end: number) => boolean): PhraseHit<P> | null {
    let node: TrieNode<P> | undefined = first;
    let best: PhraseHit<P> | null = null;
    const stop = Math.min(limit, i + this.longest);
    for (let j = i; ; ) {
      if (node.payloads.length) {
        const ok = accept ? accepted(node.payloads, accept, i, j + 1) : node.payloads;
        if (ok.length) best = { start: i, end: j + 1, payloads: ok };
      }
      if (++j >= stop) break;
      node = node.next.get(keys[j]);
      if (!node) break;
    }
    return best;
  }

  /** Does some phrase begin with this token key? */
  startsWith(key: string): boolean {
    return this.root.next.has(key);
  }

  /** Non-overlapping longest matches over [from, to), left to right. */
  scan(keys: string[], from: number, to: number, accept?: (p: P, start: number, end: number) => boolean): PhraseHit<P>[] {
    const hits: PhraseHit<P>[] = [];
    const first = this.root.next;
    const filter = this.firstKeys;
    for (let i = from; i < to; ) {
      const key = keys[i];
      const h = firstKeyHash(key);
      if ((filter[h >>> 5] & (1 << (h & 31))) === 0) {
        i++;
        continue;
      }
      const node = first.get(key);
      const hit = node ? this.matchFrom(node, keys, i, to, accept) : null;
      if (hit) {
        hits.push(hit);
        i = hit.end;
      } else i++;
    }
    return hits;
  }
}

/** The payloads that pass `accept`: the same array when all do (the common case), so nothing is allocated. */
function accepted<P>(payloads: P[], accept: (p: P, start: number, end: number) => boolean, start: number, end: number): P[] {
  for (let k = 0; k < payloads.length; k++) {
    if (!accept(payloads[k], start, end)) {
      const ok = payloads.slice(0, k);
      for (let m = k + 1; m < payloads.length; m++) if (accept(payloads[m], start, end)) ok.push(payloads[m]);
      return ok;
    }
  }
  return payloads;
}

/**
 * A 16-bit hash of a key from its length and first two and last two characters (no string
 * hashing, no allocation). Mixed by multiplication: with the first and last characters summed,
 * half the tokens that start no phrase passed the filter (common words collided).
 */
function firstKeyHash(key: string): number {
  const n = key.length;
  if (n === 0) return 0;
  const head = key.charCodeAt(0) * 31 + (n > 1 ? key.charCodeAt(1) : 0);
  const tail = key.charCodeAt(n - 1) * 31 + (n > 2 ? key.charCodeAt(n - 2) : 0);
  return (Math.imul(head, 0x9e3779b1) ^ Math.imul(tail, 0x85ebca6b) ^ Math.imul(n, 0x27d4eb2f)) >>> 16;
}
