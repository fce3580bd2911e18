/**
 * The provenance graph: who said it (primary sources), through which outlets
 * and agencies it travelled, and which publisher printed it. Built only from
 * the findings in the Report: attributions (source, via, told-to), each
 * article's origin (wire agency, repost sources) and the reuse pairs.
 *
 *   source --via--> outlet --quoted--> agency --carried--> publisher
 *   publisher --reposted--> publisher, publisher --shares-passages-- publisher
 */
import { compareStrings } from '../report/build.js';
import type { ArticleReport, Attribution, GraphEdge, GraphEdgeKind, GraphNode, GraphNodeKind, ProvenanceGraph, ReusePair } from '../types.js';
import { nameKey } from './words.js';

/** Share of an article a source document must cover for a "reposted" edge (less is shared passages). */
export const REPOST_MIN_COVERAGE = 0.5;
/** Share of either article a reuse pair must cover for a "shares passages" edge. */
export const SHARED_MIN_COVERAGE = 0.05;

/** Rank of node kinds when one name plays several parts: the more specific wins. */
const KIND_RANK: Record<GraphNodeKind, number> = { source: 0, outlet: 1, agency: 2, publisher: 3 };

class GraphBuilder {
  readonly nodes = new Map<string, GraphNode>();
  readonly edges = new Map<string, GraphEdge>();

  /** A named entity (source, outlet or agency); the same name is one node. */
  entity(name: string, kind: GraphNodeKind, type: string | null, country: GraphNode['country']): string {
    const id = `n:${nameKey(name) || name}`;
    const existing = this.nodes.get(id);
    if (!existing) this.nodes.set(id, { id, label: name, kind, type, country, article: null });
    else if (KIND_RANK[kind] > KIND_RANK[existing.kind]) existing.kind = kind;
    return id;
  }

  publisher(article: ArticleReport): string {
    const id = `article:${article.id}`;
    if (!this.nodes.has(id))
      this.nodes.set(id, {
        id,
        label: article.publisher?.name ?? article.id,
        kind: 'publisher',
        type: article.publisher?.kind ?? null,
        country: article.publisher?.country ?? null,
        article: article.id,
      });
    return id;
  }

  /** Articles and attributions of each edge as sets while building (an edge to an agency gathers thousands in a crawl). */
  private readonly members = new Map<GraphEdge, { articles: Set<string>; attributions: Set<string> }>();

  edge(from: string, to: string, kind: GraphEdgeKind, article: string, attribution: string | null): void {
    if (from === to) return;
    const key = `${from}\u0000${to}\u0000${kind}`;
    let e = this.edges.get(key);
    if (!e) {
      e = { from, to, kind, articles: [], attributions: [], weight: 0 };
      this.edges.set(key, e);
      this.members.set(e, { articles: new Set(), attributions: new Set() });
    }
    const m = this.members.get(e)!;
    if (!m.articles.has(article)) {
      m.articles.add(article);
      e.articles.push(article);
    }
    if (attribution && !m.attributions.has(attribution)) {
      m.attributions.add(attribution);
      e.attributions.push(attribution);
    }
    e.weight += 1;
  }

  build(): ProvenanceGraph {
    const nodes = [...this.nodes.values()].sort((a, b) => compareStrings(a.id, b.id));
    const edges = [...this.edges.values()]
      .map((e) => ({ ...e, articles: [...e.articles].sort(compareStrings), attributions: [...e.attributions].sort(compareStrings) }))
      .sort((a, b) => compareStrings(a.from, b.from) || compareStrings(a.to, b.to) || compareStrings(a.kind, b.kind));
    return { nodes, edges };
  }
}

function sourceKind(a: Attribution): GraphNodeKind {
  if (a.source.type === 'wire') return 'agency';
  if (a.source.type === 'media' || a.source.type === 'state-media') return 'outlet';
  return 'source';
}

/** True when two names are the same outlet ("TASS" and "TASS"; "The Korea Herald" and "Korea Herald"). */
function same(a: string | null | undefined, b: string | null | undefined): boolean {
  return Boolean(a && b && nameKey(a) === nameKey(b));
}

export function buildGraph(articles: ArticleReport[], reuse: ReusePair[]): ProvenanceGraph {
  const g = new GraphBuilder();
  const byKey = new Map<string, ArticleReport>();
  for (const a of articles) {
    byKey.set(a.id, a);
    byKey.set(a.file, a);
  }

  for (const article of articles) {
    const pub = g.publisher(article);
    const o = article.origin;
    // Wire copy: the words reach the publisher through the agency that wrote the copy.
    const agency = o.kind === 'wire' && o.agency && !same(o.agency, article.publisher?.name) ? g.entity(o.agency, 'agency', 'wire', null) : null;
    if (agency) g.edge(agency, pub, 'carried', article.id, null);

    // A repost of an article in the corpus carries that article's sources: the
    // "reposted" edge says so, and only sources it adds get their own edges.
    const copiedFrom = o.kind === 'repost' ? o.sources.filter((s) => s.coverage >= REPOST_MIN_COVERAGE) : [];
    const repostedFrom = copiedFrom.map((s) => byKey.get(s.file)).filter((x): x is ArticleReport => x !== undefined);
    const inherited = new Set(repostedFrom.flatMap((src) => src.attributions.map((x) => nameKey(x.source.canonical))));

    for (const a of article.attributions) {
      if (a.zone !== 'body' || inherited.has(nameKey(a.source.canonical))) continue;
      const ref = `${article.id}/${a.id}`;
      let current = g.entity(a.source.canonical, sourceKind(a), a.source.type, a.source.country);
      const target = agency ?? pub;
      const hop = a.via ?? a.toldTo;
      const hopIsTarget = same(hop, o.agency) && agency !== null;
      if (hop && !hopIsTarget && !same(hop, a.source.canonical) && !same(hop, article.publisher?.name)) {
        // "according to TASS": the words came via TASS; "told Yonhap": Yonhap quoted them.
        const hopId = g.entity(hop, 'outlet', null, null);
        g.edge(current, hopId, a.via ? 'via' : 'quoted', article.id, ref);
        current = hopId;
      }
      g.edge(current, target, 'quoted', article.id, ref);
    }

    for (const s of copiedFrom) {
      const from = byKey.get(s.file);
      const fromId = from ? g.publisher(from) : g.entity(s.file.split(/[\\/]/).pop() ?? s.file, 'outlet', null, null);
      g.edge(fromId, pub, 'reposted', article.id, null);
    }
  }

  // Passages shared between two articles of the corpus (not quotations both carry),
  // unless one reposted the other (that edge says more).
  const reposts = new Set<string>();
  for (const e of g.edges.values()) if (e.kind === 'reposted') reposts.add([e.from, e.to].sort(compareStrings).join('\u0000'));
  for (const pair of reuse) {
    const a = byKey.get(pair.a);
    const b = byKey.get(pair.b);
    if (!a || !b || !pair.passages.some((p) => !p.quotation) || Math.max(pair.coverageA, pair.coverageB) < SHARED_MIN_COVERAGE) continue;
    const [x, y] = [g.publisher(a), g.publisher(b)].sort(compareStrings);
    if (!reposts.has(`${x}\u0000${y}`)) g.edge(x, y, 'shares-passages', a.id, null);
  }
  return g.build();
}
