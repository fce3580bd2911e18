/**
 * Page to article: separates the story from page furniture and reads its
 * metadata and credits. The steps, one module each:
 *
 *   header      crawl header (` date YYYY-MM-DD [URL]`) -> crawlDate, url
 *   blocks      lines -> blocks (broken lines rejoined)
 *   boilerplate jusText-style classification -> body blocks, truncated tail
 *   credits     datelines, sign-offs, bylines, copyrights, photo credits
 *   repeats     repeated paragraphs and sentences kept once
 *   metadata    title, byline, published
 *   publisher   whose page it is, through lexicons/outlets.json
 */
import type { LexiconSet } from '../lexicon/load.js';
import type { CreditMarker, ExtractedArticle, RawDocument, Span } from '../types.js';
import { classifyBlocks, type ClassifiedBlock } from './boilerplate.js';
import { normalizePage, splitBlocks } from './blocks.js';
import {
  bylineAgency,
  findCopyrightAgency,
  findDateline,
  findEndMark,
  findImageCredits,
  findSignoff,
  findTrailingReporting,
  isReportingLine,
  reportingAgency,
  type Dateline,
} from './credits.js';
import { extractCues, type Agency } from './cues.js';
import { parseCrawlHeader } from './header.js';
import { isoDateOf } from './dates.js';
import { findByline, findPublished, findTitle } from './metadata.js';
import { resolvePublisher } from './publisher.js';
import { removeRepeats } from './repeats.js';

export interface ExtractionDetail {
  article: ExtractedArticle;
  /** The page text the blocks point into (crawl header removed, `normalizePage`: newlines, no control characters). */
  page: string;
  blocks: ClassifiedBlock[];
  /** How each metadata field was found (for --explain and the eval). */
  how: Record<string, string>;
}

export function extractArticle(doc: RawDocument, lexicons: LexiconSet): ExtractedArticle {
  return extractDetailed(doc, lexicons).article;
}

export function extractDetailed(doc: RawDocument, lexicons: LexiconSet): ExtractionDetail {
  const cues = extractCues(lexicons);
  let page = normalizePage(doc.content);
  let crawlDate: string | null = doc.meta?.crawlDate ?? null;
  let url: string | null = doc.meta?.url ?? null;
  const header = parseCrawlHeader(page);
  if (header) {
    crawlDate = header.crawlDate;
    url = header.url ?? url;
    page = page.slice(header.length);
  }
  const how: Record<string, string> = {};

  const { blocks, truncatedAt, footerAt, imageCredits: creditsRead } = classifyBlocks(splitBlocks(page), cues);
  const bodyBlocks = blocks.filter((b) => b.body);
  const bodyStart = bodyBlocks.length ? bodyBlocks[0].index : -1;
  const bodyEnd = bodyBlocks.length ? bodyBlocks[bodyBlocks.length - 1].index : -1;

  const credits: CreditMarker[] = [];
  const agencyOf = new Map<CreditMarker, Agency | null>();
  const addCredit = (text: string, kind: CreditMarker['kind'], agency: Agency | null) => {
    const marker: CreditMarker = { text, kind, agency: agency?.outlet.name ?? null, span: null };
    credits.push(marker);
    agencyOf.set(marker, agency);
  };

  // Byline above (or just below) the body.
  const byline = findByline(blocks, bodyStart, bodyEnd);
  if (byline) {
    const agency = bylineAgency(byline.names, cues);
    if (agency) addCredit(byline.raw.slice(0, byline.raw.indexOf(byline.names) + byline.names.length), 'byline', agency);
  }

  // Body paragraphs, with a leading dateline and a closing sign-off moved out.
  let texts = bodyBlocks.map((b) => b.text);
  let dateline: Dateline | null = null;
  if (texts.length) {
    dateline = findDateline(texts[0], cues, true);
    if (dateline) {
      texts[0] = texts[0].slice(dateline.prefix.length);
      if (dateline.agency && dateline.creditText) addCredit(dateline.creditText, 'dateline', dateline.agency);
    }
    const last = texts.length - 1;
    const endMark = findEndMark(texts[last], cues);
    if (endMark !== null) texts[last] = texts[last].slice(0, endMark);
    const reporting = findTrailingReporting(texts[last]);
    if (reporting !== null) {
      const credit = texts[last].slice(reporting).trim();
      texts[last] = texts[last].slice(0, reporting).trimEnd();
      addCredit(credit, 'reporting-credit', reportingAgency(credit, cues.agencies));
    }
    const signoff = findSignoff(texts[last], cues);
    if (signoff) {
      texts[last] = texts[last].slice(0, signoff.start).trimEnd();
      addCredit(signoff.credit, 'signoff', signoff.agency);
    }
    texts = texts.filter((t) => t.trim() !== '' && !isReportingLine(t));
  }

  // Credits in the rest of the page: copyright and sign-off lines, reporting lines, repost footer.
  let repostFooter: string | null = null;
  for (const b of blocks) {
    if (b.body) continue;
    const copyright = findCopyrightAgency(b.text, cues);
    if (copyright) addCredit(copyright.credit, 'copyright', copyright.agency);
    if (b.index > bodyEnd) {
      const signoff = findSignoff(b.text, cues);
      if (signoff && signoff.start === 0) addCredit(signoff.credit, 'signoff', signoff.agency);
      if (isReportingLine(b.text)) addCredit(b.text, 'reporting-credit', reportingAgency(b.text, cues.agencies));
    }
  }
  if (footerAt >= 0 && blocks[footerAt].furniture?.role === 'repost') {
    repostFooter = blocks[footerAt].text;
    addCredit(repostFooter, 'source-link', null);
  }
  const imageCredits: string[] = [];
  blocks.forEach((b, i) => {
    for (const c of creditsRead[i] ?? findImageCredits(b.text, cues)) if (!imageCredits.includes(c.text)) imageCredits.push(c.text);
  });

  // Repeats, then the body text and its spans.
  const deduped = removeRepeats(texts);
  const paragraphs: Span[] = [];
  let offset = 0;
  deduped.paragraphs.forEach((p, i) => {
    if (i) offset += 2;
    paragraphs.push({ start: offset, end: offset + p.length });
    offset += p.length;
  });
  const text = deduped.paragraphs.join('\n\n');
  const repeated = deduped.repeated.map((r) => {
    const base = paragraphs[r.paragraph].start;
    return { text: text.slice(base + r.start, base + r.end), start: base + r.start, end: base + r.end, count: r.count };
  });
  for (const c of credits) {
    const at = text.indexOf(c.text);
    if (at >= 0 && c.kind !== 'dateline' && c.kind !== 'signoff') c.span = { start: at, end: at + c.text.length };
  }

  // Metadata.
  let title = doc.meta?.title ?? null;
  if (!title) {
    const t = findTitle(blocks, bodyStart, url);
    if (t) {
      title = t.text;
      how.title = t.reason;
    }
  }
  let published = isoDateOf(doc.meta?.published);
  if (!published) {
    const p = findPublished(blocks, bodyStart, { datelineText: dateline?.place ?? null, crawlDate, url });
    if (p) {
      published = p.iso;
      how.published = p.how;
    }
  }
  const credited = new Set(credits.filter((c) => c.agency).map((c) => c.agency!));
  const houseDateline =
    dateline?.agency && dateline.form && dateline.agency.houseForms.has(dateline.form) ? { agency: dateline.agency, text: dateline.prefix.trim() } : null;
  const publisher = resolvePublisher(
    {
      url,
      furnitureLines: blocks.filter((b) => !b.body).map((b) => b.text),
      houseDateline,
      repostFooter,
      creditedAgencies: credited,
    },
    cues,
  );

  const article: ExtractedArticle = {
    file: doc.file,
    title,
    url,
    crawlDate,
    published,
    byline: byline?.names ?? null,
    dateline: dateline?.place || null,
    publisher,
    body: { text, paragraphs, repeated },
    credits,
    truncated: truncatedAt >= 0,
    imageCredits,
  };
  return { article, page, blocks, how };
}
