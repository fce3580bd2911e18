/**
 * Greedy String Tiling (Wise 1993; the METER measure of Clough et al. 2002):
 * cover two token sequences with non-overlapping tiles, longest first, each
 * token of either side in at most one tile, tiles no shorter than a minimum
 * match length. Unlike n-gram membership, a source word lends itself to one
 * article word only, and reordered text still tiles (a tile is any common run).
 *
 * Here side B is a list of sources tiled as one sequence whose runs never cross
 * from one source into the next; tokens are word hashes (tokenize.ts).
 */
import { ngramHashes } from './tokenize.js';

export interface Tiling {
  /** Per token of A: 1 inside a tile. */
  markedA: Uint8Array;
  /** Per source, per token: 1 inside a tile. */
  markedB: Uint8Array[];
  /** Tile lengths, longest first. */
  tiles: number[];
}

/**
 * `blockedA` (optional): tokens of A that may not be tiled (shared quotations);
 * a run stops at them.
 */
export function greedyStringTiling(a: Uint32Array, sources: Uint32Array[], minLength: number, blockedA?: Uint8Array): Tiling {
  const markedA = new Uint8Array(a.length);
  if (blockedA) markedA.set(blockedA.subarray(0, a.length));
  // B as one sequence with the source of each position, so runs stop at a source boundary.
  let total = 0;
  for (const s of sources) total += s.length;
  const b = new Uint32Array(total);
  const owner = new Uint32Array(total);
  const offset: number[] = [];
  let p = 0;
  sources.forEach((s, k) => {
    offset.push(p);
    b.set(s, p);
    owner.fill(k, p, p + s.length);
    p += s.length;
  });
  const markedBAll = new Uint8Array(total);
  // Positions in B of each n-gram of the minimum length: a tile starts where one agrees.
  const gramsB = ngramHashes(b, total, minLength);
  const gramsA = ngramHashes(a, a.length, minLength);
  const positions = new Map<number, number[]>();
  for (let j = 0; j < gramsB.length; j++) {
    const list = positions.get(gramsB[j]);
    if (list) list.push(j);
    else positions.set(gramsB[j], [j]);
  }
  const tiles: number[] = [];
  let maxMatch: number;
  do {
    maxMatch = minLength;
    let matches: [number, number][] = [];
    for (let i = 0; i + maxMatch <= a.length; i++) {
      if (markedA[i]) continue;
      const list = positions.get(gramsA[i]);
      if (!list) continue;
      for (const j of list) {
        if (markedBAll[j]) continue;
        let k = 0;
        while (i + k < a.length && j + k < total && !markedA[i + k] && !markedBAll[j + k] && owner[j + k] === owner[j] && a[i + k] === b[j + k]) k++;
        if (k > maxMatch) {
          maxMatch = k;
          matches = [[i, j]];
        } else if (k === maxMatch) matches.push([i, j]);
      }
    }
    for (const [i, j] of matches) {
      let free = true;
      for (let k = 0; k < maxMatch && free; k++) free = !markedA[i + k] && !markedBAll[j + k];
      if (!free) continue; // occluded by a tile of this round
      markedA.fill(1, i, i + maxMatch);
      markedBAll.fill(1, j, j + maxMatch);
      tiles.push(maxMatch);
    }
  } while (maxMatch > minLength);
  if (blockedA) for (let i = 0; i < a.length; i++) if (blockedA[i]) markedA[i] = 0;
  const markedB = sources.map((s, k) => markedBAll.slice(offset[k], offset[k] + s.length));
  return { markedA, markedB, tiles };
}
