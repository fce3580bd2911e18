/**
 * HTML page to ExtractedArticle. Mozilla Readability (over linkedom) finds the
 * main content; the page's own metadata (JSON-LD NewsArticle, Open Graph,
 * <meta name="author">, canonical link) fills title, byline, dates, publisher;
 * then general clean-up rules remove what Readability keeps but is not the
 * story: captions and figures, related-link lists, newsletter and share boxes,
 * and bylines or datelines that sit inside the body. Paragraphs are the text
 * of block elements, whitespace collapsed, joined by blank lines.
 *
 * The rules are about kinds of page furniture, never about particular sites.
 */
import { createRequire } from 'node:module';
import { Readability } from '@mozilla/readability';
import type { parseHTML as ParseHtml } from 'linkedom';
import type { LexiconSet } from '../lexicon/load.js';
import type { CreditMarker, ExtractedArticle, RawDocument, Span } from '../types.js';
import { bylineAgency, findCopyrightAgency, findImageCredits, findSignoff, isReportingLine, reportingAgency } from './credits.js';
import { extractCues, type Agency, type ExtractCues } from './cues.js';
import { findStoryDateline, leadBylineCredits, surroundingCredits, trimEdgeCredits } from './edge-credits.js';
import { isoDateOf } from './dates.js';
import { hostOf, resolvePublisher } from './publisher.js';
import { cleanTitle } from './title.js';
import { adoptStrayHeadContent, closeRunawayTitle, type RepairDocument } from './html-repair.js';
import { readPageMetadata, type MetaDocument, type PageMetadata } from './html-metadata.js';

type ReadabilityDocument = ConstructorParameters<typeof Readability>[0];

/** Readability's minimum article length (characters) before it retries with looser rules. */
export const CHAR_THRESHOLD = 500;
/** A list or box whose text is mostly link text is navigation or "related" links. */
export const LINK_DENSITY_LIMIT = 0.5;
/** Paragraphs shorter than this (characters) can be taken for a byline, dateline or call to action. */
export const SHORT_PARAGRAPH = 120;

/**
 * Deepest element nesting we analyze. Real pages stay under ~100; Readability's
 * cost grows with depth times size (a 1,000-deep page takes seconds, 100,000
 * minutes), so deeper pages are refused with a clear error instead.
 */
export const MAX_NESTING = 400;
/** Pre-parse estimate above which we do not even build the DOM (parsing alone is superlinear in depth). */
const MAX_NESTING_ESTIMATE = 4 * MAX_NESTING;

export class HtmlTooDeepError extends Error {}

/** Elements that close themselves or are usually left open: they do not deepen the tree. */
const NON_NESTING = /^(?:area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr|p|li|td|th|tr|dt|dd|option|optgroup|tbody|thead|tfoot|colgroup|rt|rp)$/i;

/** Cheap upper-bound-ish estimate of nesting from the markup, before parsing. */
export function estimateNesting(html: string): number {
  let depth = 0;
  let max = 0;
  const tag = /<(\/?)([a-zA-Z][\w:-]*)[^>]*?(\/?)>|<(script|style)\b[\s\S]*?<\/\4\s*>|<!--[\s\S]*?-->/gi;
  for (let m = tag.exec(html); m; m = tag.exec(html)) {
    if (!m[2] || NON_NESTING.test(m[2]) || m[3]) continue;
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (++depth > max) max = depth;
  }
  return max;
}

/**
 * Exact element depth of a parsed tree (stopping once past MAX_NESTING), by
 * walking element links: no stack, and no childNodes list built per node
 * (linkedom builds a fresh array on every childNodes read).
 */
export function treeDepth(root: DomElementLinks): number {
  let max = 0;
  let depth = 0;
  let node: DomElementLinks = root;
  for (;;) {
    if (depth > max) {
      max = depth;
      if (max > MAX_NESTING) return max;
    }
    const child = node.firstElementChild;
    if (child) {
      node = child;
      depth++;
      continue;
    }
    // Up until an ancestor (or the node itself) has a next sibling; done back at the root.
    let next: DomElementLinks | null = null;
    while (node !== root && !(next = node.nextElementSibling)) {
      node = node.parentElement!;
      depth--;
    }
    if (node === root || !next) return max;
    node = next;
  }
}

/** The element links treeDepth walks. */
interface DomElementLinks {
  firstElementChild: DomElementLinks | null;
  nextElementSibling: DomElementLinks | null;
  parentElement: DomElementLinks | null;
}

/** A block holding more than this share of the content's text is never removed as furniture. */
export const MAJORITY_SHARE = 0.4;

/** Tags that are never running text. */
const DROP_TAGS = new Set([
  'FIGURE', 'FIGCAPTION', 'PICTURE', 'IMG', 'VIDEO', 'AUDIO', 'IFRAME', 'SVG', 'BUTTON', 'FORM', 'INPUT', 'SELECT',
  'TEXTAREA', 'NOSCRIPT', 'SCRIPT', 'STYLE', 'TEMPLATE', 'ASIDE', 'NAV', 'FOOTER', 'OBJECT', 'EMBED', 'CANVAS', 'MENU',
]);

/** Class/id words that name page furniture (matched as whole words of the class or id). */
const FURNITURE_WORDS = new Set([
  'caption', 'captions', 'credit', 'credits', 'related', 'newsletter', 'newsletters', 'subscribe', 'subscription', 'signup',
  'share', 'sharing', 'social', 'promo', 'promotion', 'advert', 'advertisement', 'ad', 'ads', 'sponsor', 'sponsored',
  'recommended', 'recommendations', 'outbrain', 'taboola', 'readmore', 'breadcrumb', 'breadcrumbs', 'toolbar', 'comments',
  'comment', 'disqus', 'tags', 'byline', 'dateline', 'timestamp', 'author', 'authors', 'bio', 'paywall', 'inline', 'sidebar',
  'widget', 'popup', 'modal', 'cookie', 'print', 'email', 'hidden', 'visually', 'sr',
]);
/** Of those, words that mark furniture only when the element is short (an "author" box may wrap a whole column). */
const SHORT_ONLY_WORDS = new Set(['author', 'authors', 'byline', 'dateline', 'timestamp', 'bio', 'inline', 'tags', 'print', 'email']);

/** Elements whose content is code, not text (their JSON-LD is read by html-metadata, not here). */
const CODE_TAGS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE']);
const NO_WORDS: ReadonlySet<string> = new Set();
/** Characters of story read before an end-of-story line (comment section, post signature) closes it. */
const STORY_BEFORE_END = 500;
/** How many h1 headings are read for the title: the story's own is among the first. */
const MAX_HEADINGS = 4;

type HeadingHolder = { getElementsByTagName(name: string): ArrayLike<{ textContent: string | null }> };

/** Texts of the page's first h1 headings. */
function topHeadings(document: HeadingHolder): string[] {
  const out: string[] = [];
  const found = document.getElementsByTagName('h1');
  for (let i = 0; i < found.length && out.length < MAX_HEADINGS; i++) {
    const text = collapse(found[i].textContent ?? '');
    if (text) out.push(text);
  }
  return out;
}

/** Every h1-h3 heading's text, whitespace collapsed: a body block that is one of them was a heading on the page. */
function headingTexts(document: HeadingHolder): Set<string> {
  const out = new Set<string>();
  for (const tag of ['h1', 'h2', 'h3']) {
    const found = document.getElementsByTagName(tag);
    for (let i = 0; i < found.length; i++) {
      const text = collapse(found[i].textContent ?? '');
      if (text) out.add(text);
    }
  }
  return out;
}

/** Characters of the story a title is compared with, to tell a headline from a site's slogan. */
const STORY_OPENING_CHARS = 1500;
/** How many blocks at the top of the story are searched for its own heading (a section label or a date may come first). */
const STORY_HEADING_BLOCKS = 3;

/** The first of the story's opening blocks that was a heading on the page: the headline as the reader sees it above the story. */
function storyHeading(paragraphs: string[], headings: ReadonlySet<string>): string | null {
  for (const p of paragraphs.slice(0, STORY_HEADING_BLOCKS)) if (headings.has(p)) return p;
  return null;
}

/** Elements whose text ends a paragraph. */
const BLOCK_TAGS = new Set([
  'P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'BLOCKQUOTE', 'PRE', 'UL', 'OL', 'LI', 'DL', 'DT', 'DD', 'TABLE',
  'THEAD', 'TBODY', 'TR', 'TD', 'TH', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HR', 'BR', 'CENTER', 'ADDRESS', 'DETAILS', 'SUMMARY',
]);

/** Short lines that invite the reader somewhere else (newsletter boxes, "Read more" links). */
const CALL_TO_ACTION =
  /^(?:(?:read|see|watch|listen|click|tap|sign up|subscribe|follow|join|download|get|share|related|more|also read|recommended|advertisement|continue reading|story continues|scroll)\b.{0,100}|.{0,80}\b(?:newsletter|sign up|subscribe|click here|all rights reserved)\b.{0,60})$/i;
const BYLINE_LINE = /^(?:by|von|por|par|di|door|av|af)\s+[\p{Lu}][\p{L}.'’ -]+(?:\s*(?:,|and|&|und|y|et|\|)\s*[\p{L}.'’ -]+)*$/iu;
const DATE_LINE =
  /^(?:(?:published|updated|posted|last updated|first published|modified)[:\s]+)?(?:\w+,?\s+)?(?:\d{1,2}\s+\w+\.?\s+\d{4}|\w+\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})(?:[\s,|at]+\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,5})?)?\.?$/i;

type DomNode = { nodeType: number; nodeName: string; textContent: string | null; childNodes: ArrayLike<DomNode>; parentNode: DomNode | null };
type DomElement = DomNode & {
  tagName: string;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
  remove(): void;
};

export interface HtmlExtraction {
  article: ExtractedArticle;
  /** Readability's own text, before our clean-up (for the evaluation's baseline). */
  readabilityText: string;
  /** Readability's own metadata (for the evaluation's baseline). */
  readability: { title: string | null; byline: string | null; siteName: string | null; publishedTime: string | null };
  metadata: PageMetadata;
}

/**
 * linkedom, loaded on the first page (its CommonJS build, which require can
 * load synchronously): ~0.2 s of CPU per thread that a run of plain text or
 * JSONL, and the main thread of a run with workers, never needs.
 */
let linkedomParse: typeof ParseHtml | null = null;
function parseHTML(html: string): ReturnType<typeof ParseHtml> {
  linkedomParse ??= (createRequire(import.meta.url)('linkedom') as { parseHTML: typeof ParseHtml }).parseHTML;
  return linkedomParse(html);
}

/** Extract the article from an HTML document. */
export function extractHtml(doc: RawDocument, lexicons?: LexiconSet): ExtractedArticle {
  return extractHtmlDetailed(doc, lexicons).article;
}

export function extractHtmlDetailed(doc: RawDocument, lexicons?: LexiconSet): HtmlExtraction {
  if (estimateNesting(doc.content) > MAX_NESTING_ESTIMATE)
    throw new HtmlTooDeepError(`HTML nested deeper than ${MAX_NESTING_ESTIMATE} elements; not analyzed`);
  const { document } = parseHTML(closeRunawayTitle(doc.content));
  adoptStrayHeadContent(document as unknown as RepairDocument);
  if (document.documentElement && treeDepth(document.documentElement as unknown as DomElementLinks) > MAX_NESTING)
    throw new HtmlTooDeepError(`HTML nested deeper than ${MAX_NESTING} elements; not analyzed`);
  const metadata = readPageMetadata(document as unknown as MetaDocument);
  const cues = lexicons ? extractCues(lexicons) : null;
  // The whole page's lines, read before Readability edits the document: credits
  // and publisher names live in footers, captions and headers outside the story.
  const pageLines = cues && document.body ? blockTexts(document.body as unknown as DomElement) : [];
  // Photo galleries often carry their credits ("AP Photo/...") only in script data: those count as
  // image credits, never as a copyright or publisher line (widget code carries its vendor's copyright).
  const scriptLines = cues && document.body ? scriptTexts(document.body as unknown as ScriptHolder) : [];
  // The page's headings, before Readability rewrites the tree: the one that is a run of the <title> is the headline.
  const headings = topHeadings(document as unknown as HeadingHolder);
  const allHeadings = headingTexts(document as unknown as HeadingHolder);

  let content: DomElement | null = null;
  let result: ReturnType<Readability<DomElement>['parse']> = null;
  try {
    const reader = new Readability<DomElement>(document as unknown as ReadabilityDocument, {
      charThreshold: CHAR_THRESHOLD,
      keepClasses: true,
      serializer: (node) => node as unknown as DomElement,
    });
    result = reader.parse();
    content = result?.content ?? null;
  } catch {
    // Readability can fail on odd markup; fall back to the page body below.
  }
  const readabilityText = content ? collapse(content.textContent ?? '') : '';
  if (!content || readabilityText.length === 0) content = (document.body as unknown as DomElement | null) ?? null;

  const inBody = takeBodyFurniture(content ? blockTexts(cleanTree(content)) : [], cues);
  let paragraphs = inBody.paragraphs;
  const headingInStory = storyHeading(paragraphs, allHeadings);

  // JSON-LD authors, then Readability's choice (Dublin Core, meta author, a byline element), then one found in the body.
  const byline = firstNonEmpty(metadata.ldAuthors, result?.byline ? collapse(result.byline) : null, metadata.byline, inBody.byline);
  const url = firstNonEmpty(doc.meta?.url, metadata.canonicalUrl);
  const article: ExtractedArticle = {
    file: doc.file,
    title: firstNonEmpty(doc.meta?.title, result?.title ? collapse(result.title) : null, metadata.title),
    url,
    crawlDate: doc.meta?.crawlDate ?? null,
    // The Report carries ISO dates: a stated date that is not one is read as one, else the next source is asked.
    published: firstNonEmpty(isoDateOf(doc.meta?.published), isoDateOf(metadata.published), isoDateOf(result?.publishedTime)),
    byline,
    dateline: null,
    publisher: null,
    body: joinParagraphs(paragraphs),
    credits: [],
    truncated: false,
    imageCredits: [],
  };
  // og:site_name names the site; JSON-LD publisher is often the owning company (Condé Nast for Ars Technica).
  const selfNamed = firstNonEmpty(doc.meta?.publisher, metadata.siteName, metadata.publisher, result?.siteName ? collapse(result.siteName) : null);
  if (cues) {
    const found = readCredits(paragraphs, pageLines, scriptLines, byline, inBody.repostFooter, cues);
    paragraphs = found.paragraphs;
    article.body = joinParagraphs(paragraphs);
    article.dateline = found.dateline;
    article.credits = found.credits;
    article.imageCredits = found.imageCredits;
    article.truncated = inBody.repostFooter !== null && paragraphs.length > 0 && !/[.!?"”’)\]]$/.test(paragraphs[paragraphs.length - 1]);
    // The page's own name for itself, when the outlet lexicon knows it; else what the page text shows.
    const known = selfNamed ? cues.outletByName(selfNamed) : null;
    if (known) article.publisher = { name: known.name, kind: known.kind, country: known.country, evidence: [selfNamed!] };
    else {
      const resolved = resolvePublisher(
        {
          url,
          furnitureLines: found.furniture,
          houseDateline: found.houseDateline,
          repostFooter: inBody.repostFooter,
          creditedAgencies: new Set(found.credits.flatMap((c) => (c.agency ? [c.agency] : []))),
        },
        cues,
      );
      // A lexicon outlet (or a content-farm verdict) found in the page beats the page's bare self-description;
      // an unknown name found in a footer ("© Condé Nast") does not.
      if (resolved && (resolved.kind !== null || !selfNamed)) article.publisher = resolved;
    }
  }
  if (!article.publisher && selfNamed) article.publisher = { name: selfNamed, kind: null, country: null, evidence: [selfNamed] };
  // A title the container gave (JSONL, the user's pipeline) is kept as given; a page's own is cut to its headline.
  if (!doc.meta?.title)
    article.title = cleanTitle(article.title, {
      siteNames: [selfNamed, article.publisher?.name],
      host: hostOf(url),
      headings,
      storyHeading: headingInStory,
      storyOpening: article.body.text.slice(0, STORY_OPENING_CHARS),
      sectionWords: cues?.titleSectionWords ?? NO_WORDS,
    });
  const readability = {
    title: result?.title ?? null,
    byline: result?.byline ?? null,
    siteName: result?.siteName ?? null,
    publishedTime: result?.publishedTime ?? null,
  };
  return { article, readabilityText, readability, metadata };
}

/**
 * Credits, through the text extractor's own finders (lib/extract/credits.ts):
 * a dateline opening the body and a sign-off closing it are moved out of the
 * body; an agency byline; copyright lines, "Reporting by" lines and photo
 * credits anywhere else on the page.
 */
function readCredits(paragraphs: string[], pageLines: string[], scriptLines: string[], byline: string | null, repostFooter: string | null, cues: ExtractCues) {
  const credits: CreditMarker[] = [];
  const add = (text: string, kind: CreditMarker['kind'], agency: Agency | null) => {
    if (!credits.some((c) => c.text === text && c.kind === kind)) credits.push({ text, kind, agency: agency?.outlet.name ?? null, span: null });
  };
  // Credit lines and an agency copyright at the body's edges, agency bylines in its first lines and credit lines just around it.
  const edges = trimEdgeCredits(paragraphs, cues);
  const texts = [...edges.paragraphs];
  const edgeCredits = [...leadBylineCredits(texts, cues), ...edges.credits, ...surroundingCredits(paragraphs, pageLines, cues)];
  let dateline: string | null = null;
  let houseDateline: { agency: Agency; text: string } | null = null;
  if (byline) {
    const agency = bylineAgency(byline, cues);
    if (agency) add(byline, 'byline', agency);
  }
  if (texts.length) {
    const found = findStoryDateline(texts, cues);
    if (found) {
      const d = found.dateline;
      texts[found.index] = texts[found.index].slice(d.prefix.length);
      dateline = d.place || null;
      if (d.agency && d.creditText) add(d.creditText, 'dateline', d.agency);
      if (d.agency && d.form && d.agency.houseForms.has(d.form)) houseDateline = { agency: d.agency, text: d.prefix.trim() };
    }
    const last = texts.length - 1;
    const signoff = findSignoff(texts[last], cues);
    if (signoff) {
      texts[last] = texts[last].slice(0, signoff.start).trimEnd();
      add(signoff.credit, 'signoff', signoff.agency);
    }
  }
  // After the byline and dateline: in a tie between agencies, the one credited first wins (origin-markers.ts).
  for (const c of edgeCredits) add(c.text, c.kind, c.agency);
  const kept: string[] = [];
  for (const t of texts) {
    if (t.trim() === '') continue;
    if (isReportingLine(t)) add(t, 'reporting-credit', reportingAgency(t, cues.agencies));
    else kept.push(t);
  }
  const inBody = new Set(kept);
  const furniture = pageLines.filter((l) => !inBody.has(l));
  const imageCredits: string[] = [];
  for (const line of furniture) {
    const copyright = findCopyrightAgency(line, cues);
    if (copyright) add(copyright.credit, 'copyright', copyright.agency);
    if (isReportingLine(line)) add(line, 'reporting-credit', reportingAgency(line, cues.agencies));
    for (const c of findImageCredits(line, cues)) if (!imageCredits.includes(c.text)) imageCredits.push(c.text);
  }
  for (const line of scriptLines) for (const c of findImageCredits(line, cues)) if (!imageCredits.includes(c.text)) imageCredits.push(c.text);
  if (repostFooter) add(repostFooter, 'source-link', null);
  return { paragraphs: kept, dateline, credits, imageCredits, furniture, houseDateline };
}

function firstNonEmpty(...values: (string | null | undefined)[]): string | null {
  for (const v of values) if (v && v.trim()) return v.trim();
  return null;
}

function collapse(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function words(el: DomElement): string[] {
  const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`.toLowerCase();
  return names.split(/[^a-z0-9]+|(?<=[a-z])(?=[0-9])/).filter(Boolean);
}

/** Non-space characters of each element's text, and of the link text inside it, computed in one pass. */
interface TextSizes {
  text: Map<DomNode, number>;
  links: Map<DomNode, number>;
}

function nonSpace(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 32 && c !== 160) n++;
  }
  return n;
}

function measure(root: DomNode): TextSizes {
  const text = new Map<DomNode, number>();
  const links = new Map<DomNode, number>();
  // Post-order without recursion: children are summed into their parent on exit.
  const stack: { node: DomNode; exit: boolean }[] = [{ node: root, exit: false }];
  while (stack.length) {
    const { node, exit } = stack.pop()!;
    if (node.nodeType !== 1) continue;
    if (!exit) {
      stack.push({ node, exit: true });
      const children = node.childNodes;
      for (let i = 0; i < children.length; i++) if (children[i].nodeType === 1) stack.push({ node: children[i], exit: false });
      continue;
    }
    let t = 0;
    let l = 0;
    const children = node.childNodes;
    for (let i = 0; i < children.length; i++) {
      const c = children[i];
      if (c.nodeType === 3) t += nonSpace(c.textContent ?? '');
      else if (c.nodeType === 1) {
        t += text.get(c) ?? 0;
        l += links.get(c) ?? 0;
      }
    }
    text.set(node, t);
    links.set(node, node.nodeName.toUpperCase() === 'A' ? t : l);
  }
  return { text, links };
}

/** Remove furniture elements from the content tree (in place) and return it. */
function cleanTree(root: DomElement): DomElement {
  const sizes = measure(root);
  const rootLength = sizes.text.get(root) ?? 0;
  const doomed: DomElement[] = [];
  const stack: DomNode[] = [];
  const rootChildren = root.childNodes;
  for (let i = rootChildren.length - 1; i >= 0; i--) stack.push(rootChildren[i]);
  while (stack.length) {
    const node = stack.pop()!;
    if (node.nodeType !== 1) continue;
    const el = node as DomElement;
    if (isFurniture(el, rootLength, sizes)) {
      doomed.push(el);
      continue;
    }
    const children = el.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  for (const el of doomed) el.remove();
  return root;
}


function isFurniture(el: DomElement, rootLength: number, sizes: TextSizes): boolean {
  const tag = el.tagName.toUpperCase();
  if (DROP_TAGS.has(tag)) return true;
  if (el.getAttribute('hidden') !== null || el.getAttribute('aria-hidden') === 'true') return true;
  const style = el.getAttribute('style');
  if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return true;
  const length = sizes.text.get(el) ?? 0;
  // Whatever its class says, a block holding most of the content is the story (or wraps it).
  if (length > rootLength * MAJORITY_SHARE) return false;
  const density = length ? (sizes.links.get(el) ?? 0) / length : 0;
  for (const w of words(el)) {
    if (!FURNITURE_WORDS.has(w)) continue;
    if (SHORT_ONLY_WORDS.has(w) && length > SHORT_PARAGRAPH * 2) continue;
    // A furniture word on a long, link-poor block is more likely a layout class on the story itself.
    if (length > 1000 && density < 0.2) continue;
    return true;
  }
  return (tag === 'UL' || tag === 'OL' || tag === 'DIV' || tag === 'SECTION' || tag === 'TABLE') && length > 0 && density > LINK_DENSITY_LIMIT;
}

/** The part of a DOM element scriptTexts needs. */
interface ScriptHolder {
  querySelectorAll(selector: string): ArrayLike<{ getAttribute(name: string): string | null; textContent: string | null }>;
}

/** The text of each script element but JSON-LD (which html-metadata reads), whitespace collapsed, in document order. */
export function scriptTexts(root: ScriptHolder): string[] {
  const out: string[] = [];
  const scripts = root.querySelectorAll('script');
  for (let i = 0; i < scripts.length; i++) {
    if ((scripts[i].getAttribute('type') ?? '').trim().toLowerCase() === 'application/ld+json') continue;
    const t = collapse(scripts[i].textContent ?? '').normalize('NFC');
    if (t) out.push(t);
  }
  return out;
}

/** The text of each block element, in document order, whitespace collapsed; script and style bodies left out. */
export function blockTexts(root: DomElement): string[] {
  const out: string[] = [];
  let current = '';
  const flush = () => {
    const t = collapse(current).normalize('NFC');
    if (t) out.push(t);
    current = '';
  };
  const isBlock = (node: DomLinks) => BLOCK_TAGS.has(node.nodeName.toUpperCase());
  // Script and style bodies are code, not page text: a reader never sees them, so no credit or
  // publisher may be read from them (a weather widget's "Copyright 2007 ..." is not the page's).
  const isCode = (node: DomLinks) => CODE_TAGS.has(node.nodeName.toUpperCase());
  // Iterative walk over sibling links (pages nest deeply and recursion could
  // overflow the stack; linkedom builds a fresh array on every childNodes read).
  // A block element ends a paragraph where it opens and where it closes.
  const top = root as unknown as DomLinks;
  let node = top;
  for (;;) {
    if (node.nodeType === 3) current += node.textContent ?? '';
    else if (node.nodeType === 1) {
      if (isBlock(node)) flush();
      const child = isCode(node) ? null : node.firstChild;
      if (child) {
        node = child;
        continue;
      }
      if (isBlock(node)) flush();
    }
    // Close finished elements up to the first with a next sibling.
    let next: DomLinks | null = null;
    while (node !== top && !(next = node.nextSibling)) {
      node = node.parentNode!;
      if (isBlock(node)) flush();
    }
    if (node === top || !next) break;
    node = next;
  }
  flush();
  return out;
}

/** The node links blockTexts walks. */
interface DomLinks {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  firstChild: DomLinks | null;
  nextSibling: DomLinks | null;
  parentNode: DomLinks | null;
}

/**
 * Bylines, bare dates and calls to action that Readability left among the
 * paragraphs; with lexicons, also the page-furniture phrases of
 * lexicons/page-furniture.json ("Share this", "Source link", ...).
 */
function takeBodyFurniture(paragraphs: string[], cues: ExtractCues | null): { paragraphs: string[]; byline: string | null; repostFooter: string | null } {
  let byline: string | null = null;
  let repostFooter: string | null = null;
  const kept: string[] = [];
  let keptChars = 0;
  let ended = false;
  paragraphs.forEach((p, i) => {
    if (ended) return;
    const short = p.length <= SHORT_PARAGRAPH;
    const nearTop = i < 4;
    if (short && nearTop && BYLINE_LINE.test(p)) {
      byline ??= p.replace(/^\S+\s+/, '');
      return;
    }
    if (short && DATE_LINE.test(p)) return;
    if (short && CALL_TO_ACTION.test(p)) return;
    const hit = short && cues ? cues.furniture(p) : null;
    if (hit) {
      if (hit.role === 'repost') repostFooter ??= p;
      // A comment section or a post's signature closes the story ("Have your say", "Posted by ... at ...");
      // only once a story has been read, so a signature above the post does not empty it.
      if (hit.role === 'end' && keptChars >= STORY_BEFORE_END) ended = true;
      return;
    }
    kept.push(p);
    keptChars += p.length;
  });
  return { paragraphs: kept, byline, repostFooter };
}

function joinParagraphs(paragraphs: string[]): { text: string; paragraphs: Span[]; repeated: [] } {
  const spans: Span[] = [];
  let offset = 0;
  for (const p of paragraphs) {
    if (spans.length) offset += 2;
    spans.push({ start: offset, end: offset + p.length });
    offset += p.length;
  }
  return { text: paragraphs.join('\n\n'), paragraphs: spans, repeated: [] };
}
