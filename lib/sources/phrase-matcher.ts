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

  /** Add a phrase given as token keys; `same` drops a payload already present (aliases that tokenize alike). */
  add(keys: string[], payload: P, same?: (a: P, b: P) => boolean): void {
    if (keys.length === 0) return;
    let node = this.root;
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
    let node: TrieNode<P> | undefined = this.root;
    let best: PhraseHit<P> | null = null;
    for (let j = i; j < limit && j - i < this.longest; j++) {
      node = node.next.get(keys[j]);
      if (!node) break;
      if (node.payloads.length) {
        const ok = accept ? node.payloads.filter((p) => accept(p, i, j + 1)) : node.payloads;
        if (ok.length) best = { start: i, end: j + 1, payloads: ok };
      }
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
    for (let i = from; i < to; ) {
      if (!first.has(keys[i])) {
        i++;
        continue;
      }
      const hit = this.matchAt(keys, i, to, accept);
      if (hit) {
        hits.push(hit);
        i = hit.end;
      } else i++;
    }
    return hits;
  }
}
