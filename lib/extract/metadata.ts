/**
 * Article metadata from generic page cues: the headline (a title-like line
 * just above the body, the line the page repeats, the line before a byline,
 * the words of the URL slug), the byline, the publication date (a labelled
 * "Posted"/"Published" date, a dateline completed with the crawl year, a date
 * in the URL), the dateline. Nothing here knows a particular site.
 */
import type { ClassifiedBlock } from './boilerplate.js';
import { parseByline } from './credits.js';
import { dateFromUrl, findDates, withYear } from './dates.js';
import { words } from './features.js';

/** How many blocks above the body the headline may sit. */
export const TITLE_WINDOW = 16;
export const TITLE_MIN_WORDS = 4;
export const TITLE_MAX_WORDS = 30;
/** Headlines longer than this are more likely a standfirst. */
export const TITLE_LONG_WORDS = 18;

// Capitalized labels may be glued to a preceding name ("By YonhapPublished : ...").
const DATE_LABEL = /((?<!\p{L})(?:posted|published|updated)|Posted|Published|First published|Updated|Last updated|Date|POSTED|PUBLISHED|UPDATED)\b\s*(?:on|:)?\s*:?/u;

function slugWords(url: string | null): Set<string> {
  if (!url) return new Set();
  try {
    const path = new URL(url).pathname;
    return new Set(path.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 2 && !/^\d+$/.test(w)));
  } catch {
    return new Set();
  }
}

/** Separators between menu items: a pipe, bullet or chevron with spaces, a spaced slash. */
const MENU_SEPARATOR = /\s(?:[|•·»›]|\/)\s/u;
/** A menu item is a few words at most. */
export const MENU_ITEM_MAX_WORDS = 4;

/**
 * A line shaped like navigation, not a headline: several short items split by
 * pipes or bullets ("HOME | NEWS | SPORTS", "Trending: Finance Bill | Teachers
 * strike | AFCON"). A headline may hold one such separator ("Storm hits coast |
 * Live"), not two, and its parts are not all a few words long.
 */
export function isMenuLike(text: string): boolean {
  const items = text.replace(/^[^:|•·]{1,20}:\s*/u, '').split(MENU_SEPARATOR);
  if (items.length < 3) return false;
  return items.every((item) => item.trim().split(/\s+/).length <= MENU_ITEM_MAX_WORDS);
}

/** The headline: scored candidates among the non-body blocks above the body. */
export function findTitle(blocks: ClassifiedBlock[], bodyStart: number, url: string | null): { text: string; reason: string } | null {
  if (bodyStart < 0) return null;
  const slug = slugWords(url);
  // Whether another block has the same text: asked of a few candidates only, so compared
  // there (length first) instead of counting every block's text in a table.
  const repeated = (b: ClassifiedBlock) => blocks.some((x) => x !== b && x.text.length === b.text.length && x.text === b.text);
  let best: { score: number; block: ClassifiedBlock; reason: string[] } | null = null;
  for (let i = bodyStart - 1; i >= 0 && i >= bodyStart - TITLE_WINDOW; i--) {
    const b = blocks[i];
    const f = b.features;
    if (b.body || f.words < TITLE_MIN_WORDS || f.words > TITLE_MAX_WORDS) continue;
    if (b.furniture || /^(template junk|list marker|url|copyright|byline|date line|caption|reporting credit|numbered list item)$/.test(b.reason)) continue;
    if (/[.:;,]$/.test(b.text) && !/[!?]["'”’]?$/.test(b.text)) continue; // sentences and labels are not headlines
    if (isMenuLike(b.text)) continue; // a menu or a trending-topics bar
    const reason: string[] = [];
    let score = -0.15 * (bodyStart - 1 - i); // closer to the body is better
    const next = blocks.slice(i + 1, i + 3);
    if (next.some((n) => n.reason === 'byline')) {
      score += 3;
      reason.push('above the byline');
    }
    if (next.some((n) => n.reason === 'date line') || blocks[i + 3]?.reason === 'date line') {
      score += 1.5;
      reason.push('above a date');
    }
    if (f.words > TITLE_LONG_WORDS) score -= 2; // a standfirst, not a headline
    if (f.words >= 6 && repeated(b)) {
      score += 2;
      reason.push('repeated in the page');
    }
    if (slug.size) {
      const ws = words(b.text).map((w) => w.toLowerCase());
      const hit = ws.filter((w) => slug.has(w)).length;
      if (ws.length && hit / ws.length >= 0.5) {
        score += 3;
        reason.push('matches the URL');
      }
    }
    if (f.capitalShare >= 0.6) {
      score += 1;
      reason.push('title case');
    }
    if (f.words >= 6) score += 0.5;
    if (!best || score > best.score) best = { score, block: b, reason };
  }
  if (!best || best.score < -1.5) return null;
  return { text: best.block.text, reason: best.reason.join(', ') || 'nearest title-like line' };
}

/** The byline nearest above the body, else just below it. */
export function findByline(blocks: ClassifiedBlock[], bodyStart: number, bodyEnd: number): { names: string; raw: string; index: number } | null {
  if (bodyStart < 0) return null;
  for (let i = bodyStart - 1; i >= 0 && i >= bodyStart - TITLE_WINDOW; i--) {
    const p = blocks[i].reason === 'byline' ? parseByline(blocks[i].text) : null;
    if (p) return { ...p, index: i };
  }
  for (let i = bodyEnd + 1; i < blocks.length && i <= bodyEnd + 3; i++) {
    const p = blocks[i].reason === 'byline' ? parseByline(blocks[i].text) : null;
    if (p) return { ...p, index: i };
  }
  return null;
}

/**
 * The publication date: a labelled date near the headline ("Posted September 11,
 * 2023", "Published : Sept. 11, 2023"), else a full date on a line of its own
 * there, else the dateline's date with the crawl year, else a date in the URL.
 */
export function findPublished(
  blocks: ClassifiedBlock[],
  bodyStart: number,
  opts: { datelineText: string | null; crawlDate: string | null; url: string | null },
): { iso: string; how: string } | null {
  if (bodyStart >= 0) {
    const head = blocks.slice(Math.max(0, bodyStart - TITLE_WINDOW), bodyStart).filter((b) => !b.body);
    const labelled: { iso: string; rank: number; how: string }[] = [];
    for (const b of head) {
      const label = DATE_LABEL.exec(b.text);
      if (!label) continue;
      const d = findDates(b.text.slice(label.index)).find((x) => x.iso);
      if (d?.iso) labelled.push({ iso: d.iso, rank: /updated/i.test(label[1]) ? 1 : 0, how: `labelled "${label[1]}"` });
    }
    labelled.sort((a, b) => a.rank - b.rank);
    if (labelled.length) return { iso: labelled[0].iso, how: labelled[0].how };
    for (const b of head) {
      if (b.reason !== 'date line') continue;
      const d = findDates(b.text)[0];
      if (d?.iso) return { iso: d.iso, how: 'date line above the body' };
    }
  }
  if (opts.datelineText) {
    const d = findDates(opts.datelineText)[0];
    if (d) {
      const iso = d.iso ?? withYear(d.month, d.day, opts.crawlDate);
      if (iso) return { iso, how: d.iso ? 'dateline' : 'dateline, year of the crawl' };
    }
  }
  if (bodyStart >= 0) {
    for (const b of blocks.slice(Math.max(0, bodyStart - TITLE_WINDOW), bodyStart)) {
      if (b.reason !== 'date line') continue;
      const d = findDates(b.text)[0];
      const iso = d ? withYear(d.month, d.day, opts.crawlDate) : null;
      if (iso) return { iso, how: 'date line above the body, year of the crawl' };
    }
  }
  if (opts.url) {
    const iso = dateFromUrl(opts.url);
    if (iso) return { iso, how: 'date in the URL' };
  }
  return null;
}
