/**
 * What a page says about itself: JSON-LD (schema.org NewsArticle and kin:
 * headline, author, publisher, datePublished, isBasedOn), Open Graph and
 * article:* properties, <meta name="author">, parsely and Dublin Core tags,
 * and the canonical link. Read before Readability, which edits the document.
 */

export interface PageMetadata {
  title: string | null;
  byline: string | null;
  /** Authors named in JSON-LD only (the most explicit statement of authorship). */
  ldAuthors: string | null;
  published: string | null;
  publisher: string | null;
  siteName: string | null;
  canonicalUrl: string | null;
  /** schema.org isBasedOn: the work this article is derived from (a wire story's URL or name). */
  isBasedOn: string | null;
}

const ARTICLE_TYPES = /^(?:News|Reportage|Analysis|Opinion|Review|Background|AskPublicNews)?Article$|^(?:BlogPosting|Report|LiveBlogPosting|WebPage)$/;

/** The little of the DOM this module reads (linkedom provides it; the project compiles without lib.dom). */
export interface MetaDocument {
  querySelector(selector: string): { getAttribute(name: string): string | null } | null;
  querySelectorAll(selector: string): ArrayLike<{ textContent: string | null; getAttribute(name: string): string | null }>;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function clean(s: unknown): string | null {
  if (typeof s !== 'string') return null;
  const t = s.replace(/\s+/g, ' ').trim();
  return t ? t : null;
}

/** Names out of a schema.org person/organization value (string, object, or a list of them). */
function names(value: Json | undefined): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value === 'string') return clean(value) ? [clean(value)!] : [];
  if (Array.isArray(value)) return value.flatMap(names);
  if (typeof value === 'object') {
    const n = clean(value.name);
    return n ? [n] : [];
  }
  return [];
}

function typesOf(node: { [key: string]: Json }): string[] {
  const t = node['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
}

/** All JSON-LD objects, flattening arrays and @graph. */
function jsonLdNodes(document: MetaDocument): { [key: string]: Json }[] {
  const out: { [key: string]: Json }[] = [];
  const scripts = document.querySelectorAll('script[type="application/ld+json"]');
  for (let i = 0; i < scripts.length; i++) {
    let data: Json;
    try {
      data = JSON.parse((scripts[i].textContent ?? '').replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, '')) as Json;
    } catch {
      continue;
    }
    const queue: Json[] = [data];
    while (queue.length && out.length < 200) {
      const v = queue.shift();
      if (Array.isArray(v)) queue.push(...v);
      else if (v && typeof v === 'object') {
        out.push(v);
        if (Array.isArray(v['@graph'])) queue.push(...v['@graph']);
      }
    }
  }
  return out;
}

/** Every <meta> content by its property, name and itemprop (first one wins), read in one pass. */
function metaIndex(document: MetaDocument): Map<string, string> {
  const index = new Map<string, string>();
  const metas = document.querySelectorAll('meta');
  for (let i = 0; i < metas.length; i++) {
    const el = metas[i];
    const content = clean(el.getAttribute('content'));
    if (!content) continue;
    for (const attr of ['property', 'name', 'itemprop']) {
      const key = el.getAttribute(attr);
      if (key && !index.has(`${attr}:${key}`)) index.set(`${attr}:${key}`, content);
    }
  }
  return index;
}

function metaLookup(index: Map<string, string>): (...keys: string[]) => string | null {
  return (...keys) => {
    for (const key of keys) {
      const v = index.get(`property:${key}`) ?? index.get(`name:${key}`) ?? index.get(`itemprop:${key}`);
      if (v) return v;
    }
    return null;
  };
}

export function readPageMetadata(document: MetaDocument): PageMetadata {
  const meta = metaLookup(metaIndex(document));
  const nodes = jsonLdNodes(document);
  const article = nodes.find((n) => typesOf(n).some((t) => ARTICLE_TYPES.test(t) && t !== 'WebPage')) ?? nodes.find((n) => typesOf(n).includes('WebPage'));

  const ldAuthors = article ? names(article.author ?? article.creator) : [];
  const ldPublisher = article ? names(article.publisher)[0] ?? null : null;
  let basedOn: string | null = null;
  if (article?.isBasedOn) {
    const b = article.isBasedOn;
    basedOn = typeof b === 'string' ? clean(b) : Array.isArray(b) ? names(b)[0] ?? null : clean((b as { [k: string]: Json }).url) ?? names(b)[0] ?? null;
  }
  const canonical = clean(document.querySelector('link[rel="canonical"]')?.getAttribute('href'));
  const authorMeta = meta('author', 'article:author', 'parsely-author', 'sailthru.author', 'dc.creator', 'DC.creator', 'byl');
  return {
    title: clean(article?.headline) ?? meta('og:title', 'twitter:title', 'parsely-title', 'dc.title', 'DC.title'),
    byline: ldAuthors.length ? ldAuthors.join(', ') : authorMeta && !/^https?:/.test(authorMeta) ? authorMeta.replace(/^by\s+/i, '') : null,
    ldAuthors: ldAuthors.length ? ldAuthors.join(', ') : null,
    published:
      clean(article?.datePublished) ??
      meta('article:published_time', 'parsely-pub-date', 'datePublished', 'dc.date', 'DC.date', 'date', 'pubdate', 'og:published_time'),
    // Only the article's own publisher: other Organization nodes on a page are often unrelated (an index provider, an advertiser).
    publisher: ldPublisher,
    siteName: meta('og:site_name', 'application-name'),
    canonicalUrl: canonical && /^https?:\/\//.test(canonical) ? canonical : meta('og:url'),
    isBasedOn: basedOn,
  };
}
