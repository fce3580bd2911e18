/**
 * Layout of the provenance graph for SVG: layered left to right (Sugiyama
 * style, simplified). A node's column is the longest chain of directed edges
 * that leads to it, so primary sources sit left and publishers right; rows in
 * each column are ordered by the mean row of their predecessors, a few sweeps.
 */
import { compareStrings } from './build.js';
import type { GraphNode, ProvenanceGraph } from '../types.js';

export const NODE_WIDTH = 200;
export const NODE_HEIGHT = 38;
export const COLUMN_GAP = 90;
export const ROW_GAP = 22;
export const MARGIN = 16;
const SWEEPS = 8;

export interface PlacedNode {
  node: GraphNode;
  column: number;
  row: number;
  x: number;
  y: number;
}

export interface Layout {
  nodes: Map<string, PlacedNode>;
  /** For an edge (by index in graph.edges) that skips columns: the left end of its slot in each skipped column. */
  waypoints: Map<number, { x: number; y: number }[]>;
  width: number;
  height: number;
}

export function layoutGraph(graph: ProvenanceGraph): Layout {
  const directed = graph.edges.filter((e) => e.kind !== 'shares-passages' && e.from !== e.to);
  const column = new Map(graph.nodes.map((n) => [n.id, 0]));
  // Longest path by relaxation; at most |nodes| rounds so a cycle cannot loop forever.
  for (let round = 0; round < graph.nodes.length; round++) {
    let changed = false;
    for (const e of directed) {
      const next = (column.get(e.from) ?? 0) + 1;
      if (next > (column.get(e.to) ?? 0) && next < graph.nodes.length) {
        column.set(e.to, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  // Publishers all go to the last column: that is where the words end up.
  const last = Math.max(0, ...[...column.values()]);
  for (const n of graph.nodes) if (n.kind === 'publisher' && directed.some((e) => e.to === n.id)) column.set(n.id, last);

  // Agencies and outlets move right, next to what they feed, so an edge from
  // an agency to its publisher does not run through another column's boxes.
  for (let round = 0; round < graph.nodes.length; round++) {
    let changed = false;
    for (const n of graph.nodes) {
      if (n.kind === 'source' || n.kind === 'publisher') continue;
      const next = directed.filter((e) => e.from === n.id).map((e) => column.get(e.to)!);
      if (next.length === 0) continue;
      const c = Math.min(...next) - 1;
      if (c > column.get(n.id)!) {
        column.set(n.id, c);
        changed = true;
      }
    }
    if (!changed) break;
  }

  // Columns hold real nodes and, for edges that skip columns, one dummy slot
  // per skipped column, so long edges run through their own gap (Sugiyama).
  type Slot = { id: string; label: string; real: GraphNode | null };
  const columns: Slot[][] = [];
  for (const n of graph.nodes) (columns[column.get(n.id)!] ??= []).push({ id: n.id, label: n.label, real: n });
  for (const c of columns) c?.sort((a, b) => compareStrings(a.label, b.label) || compareStrings(a.id, b.id));
  const preds = new Map<string, string[]>();
  const succs = new Map<string, string[]>();
  const link = (from: string, to: string) => {
    preds.set(to, [...(preds.get(to) ?? []), from]);
    succs.set(from, [...(succs.get(from) ?? []), to]);
  };
  const dummies = new Map<number, string[]>();
  graph.edges.forEach((e, i) => {
    if (e.kind === 'shares-passages' || e.from === e.to) return;
    const [c1, c2] = [column.get(e.from)!, column.get(e.to)!];
    let prev = e.from;
    const chain: string[] = [];
    for (let c = c1 + 1; c < c2; c++) {
      const id = `\u0000dummy:${i}:${c}`;
      (columns[c] ??= []).push({ id, label: '', real: null });
      chain.push(id);
      link(prev, id);
      prev = id;
    }
    link(prev, e.to);
    if (chain.length) dummies.set(i, chain);
  });

  const rowOf = new Map<string, number>();
  const colOf = new Map<string, number>();
  const setRows = () =>
    columns.forEach((c, ci) =>
      c?.forEach((n, i) => {
        rowOf.set(n.id, i);
        colOf.set(n.id, ci);
      }),
    );
  const columnOf = (id: string) => colOf.get(id) ?? 0;
  setRows();
  // Barycenter sweeps: order each column by the mean row of its neighbours on
  // one side, left to right (predecessors) then right to left (successors).
  const reorder = (c: Slot[] | undefined, neighbours: Map<string, string[]>) => {
    if (!c) return;
    const key = (n: Slot) => {
      const p = neighbours.get(n.id) ?? [];
      return p.length ? p.reduce((sum, id) => sum + (rowOf.get(id) ?? 0), 0) / p.length : (rowOf.get(n.id) ?? 0);
    };
    const keys = new Map(c.map((n) => [n.id, key(n)]));
    c.sort((a, b) => keys.get(a.id)! - keys.get(b.id)! || compareStrings(a.label, b.label) || compareStrings(a.id, b.id));
    setRows();
  };
  // Links between neighbouring columns, to count crossings.
  const links: [string, string][] = [];
  for (const [to, from] of preds) for (const f of from) links.push([f, to]);
  const crossings = () => {
    let n = 0;
    for (let a = 0; a < links.length; a++)
      for (let b = a + 1; b < links.length; b++) {
        const [a1, a2] = [rowOf.get(links[a][0])!, rowOf.get(links[a][1])!];
        const [b1, b2] = [rowOf.get(links[b][0])!, rowOf.get(links[b][1])!];
        if (columnOf(links[a][0]) !== columnOf(links[b][0])) continue;
        if ((a1 - b1) * (a2 - b2) < 0) n++;
      }
    return n;
  };
  const snapshot = () => columns.map((c) => (c ? [...c] : c));
  let best = snapshot();
  let fewest = crossings();
  for (let s = 0; s < SWEEPS; s++) {
    for (const c of columns.slice(1)) reorder(c, preds);
    for (const c of columns.slice(0, -1).reverse()) reorder(c, succs);
    const n = crossings();
    if (n < fewest) {
      fewest = n;
      best = snapshot();
    }
  }
  best.forEach((c, i) => (columns[i] = c));
  setRows();

  const nodes = new Map<string, PlacedNode>();
  const slotY = new Map<string, number>();
  let maxRows = 0;
  columns.forEach((c, ci) => {
    if (!c) return;
    maxRows = Math.max(maxRows, c.length);
    c.forEach((slot, ri) => {
      const x = MARGIN + ci * (NODE_WIDTH + COLUMN_GAP);
      const y = MARGIN + ri * (NODE_HEIGHT + ROW_GAP);
      slotY.set(slot.id, y);
      if (slot.real) nodes.set(slot.id, { node: slot.real, column: ci, row: ri, x, y });
    });
  });
  const waypoints = new Map<number, { x: number; y: number }[]>();
  for (const [i, chain] of dummies)
    waypoints.set(
      i,
      chain.map((id) => {
        const c = Number(id.split(':')[2]);
        return { x: MARGIN + c * (NODE_WIDTH + COLUMN_GAP), y: slotY.get(id)! + NODE_HEIGHT / 2 };
      }),
    );
  const usedColumns = columns.length;
  return {
    nodes,
    waypoints,
    // Room on the right for edges between nodes of the last column (reposts).
    width: MARGIN * 2 + Math.max(1, usedColumns) * NODE_WIDTH + usedColumns * COLUMN_GAP,
    height: MARGIN * 2 + Math.max(1, maxRows) * NODE_HEIGHT + Math.max(0, maxRows - 1) * ROW_GAP,
  };
}
