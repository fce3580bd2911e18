/**
 * Dates as news pages write them: "September 11, 2023", "Sept. 11, 2023",
 * "11 September 2023", "2023-09-11", "Oct 8" (no year), and in URLs
 * "/20230911/" or "/2023/09/11/". Results are ISO dates (YYYY-MM-DD).
 */
import { isCalendarDate } from './header.js';

const MONTHS: [RegExp, number][] = [
  [/^jan(uary)?$/, 1],
  [/^feb(ruary)?$/, 2],
  [/^mar(ch)?$/, 3],
  [/^apr(il)?$/, 4],
  [/^may$/, 5],
  [/^june?$/, 6],
  [/^july?$/, 7],
  [/^aug(ust)?$/, 8],
  [/^sept?(ember)?$/, 9],
  [/^oct(ober)?$/, 10],
  [/^nov(ember)?$/, 11],
  [/^dec(ember)?$/, 12],
];

/** Month-name alternation for building patterns (case-insensitive use). */
export const MONTH_NAME = String.raw`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)`;

export function monthNumber(name: string): number | null {
  const n = name.toLowerCase().replace(/\.$/, '');
  for (const [re, m] of MONTHS) if (re.test(n)) return m;
  return null;
}

export interface FoundDate {
  /** ISO date, or null when the year is not given. */
  iso: string | null;
  month: number;
  day: number;
  year: number | null;
  start: number;
  end: number;
}

const MDY = new RegExp(String.raw`\b(${MONTH_NAME})\.?\s+(\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(\d{4})\b)?`, 'gi');
const DMY = new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\s+(${MONTH_NAME})\.?(?:,?\s+(\d{4})\b)?`, 'gi');
// ISO dates may run into a time: 2023-09-11T09:12:00Z.
const ISO = /\b(\d{4})-(\d{2})-(\d{2})(?!\d)/g;

function hasDigit(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Every date written in `text`, in order of position. */
export function findDates(text: string): FoundDate[] {
  const out: FoundDate[] = [];
  // Every date shape has a digit: text without one is not read by the patterns.
  if (!hasDigit(text)) return out;
  const push = (y: number | null, m: number, d: number, start: number, end: number) => {
    if (y !== null && !isCalendarDate(y, m, d)) return;
    if (y === null && !isCalendarDate(2000, m, d)) return;
    if (out.some((o) => start < o.end && o.start < end)) return;
    out.push({ iso: y === null ? null : iso(y, m, d), month: m, day: d, year: y, start, end });
  };
  for (const m of text.matchAll(ISO)) push(Number(m[1]), Number(m[2]), Number(m[3]), m.index!, m.index! + m[0].length);
  for (const m of text.matchAll(MDY)) push(m[3] ? Number(m[3]) : null, monthNumber(m[1])!, Number(m[2]), m.index!, m.index! + m[0].length);
  for (const m of text.matchAll(DMY)) push(m[3] ? Number(m[3]) : null, monthNumber(m[2])!, Number(m[1]), m.index!, m.index! + m[0].length);
  return out.sort((a, b) => a.start - b.start);
}

/**
 * Complete a date written without a year from a reference date (the crawl
 * date): the same year, or the year before when that would put it after the
 * reference (a page crawled on 2 January about "December 30").
 */
export function withYear(month: number, day: number, reference: string | null): string | null {
  if (!reference) return null;
  const [ry, rm, rd] = reference.split('-').map(Number);
  const year = month > rm || (month === rm && day > rd) ? ry - 1 : ry;
  return isCalendarDate(year, month, day) ? iso(year, month, day) : null;
}

/** A publication date in a URL path: /20230911/, /2023/09/11/, /2023-09-11/. */
export function dateFromUrl(url: string): string | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const m = /\/((?:19|20)\d{2})[/-]?(\d{2})[/-]?(\d{2})(?=[/._-]|$)/.exec(path);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isCalendarDate(y, mo, d) ? iso(y, mo, d) : null;
}

/** "2008/01/03": year first, so not ambiguous between day-month and month-day orders. */
const YMD_SLASH = /\b((?:19|20)\d{2})\/(\d{1,2})\/(\d{1,2})\b/;

/**
 * A publication date a page's metadata or a container states, as an ISO date:
 * "2008-01-01T16:10:00+11:00" (the date as written, in the writer's own time
 * zone), "Saturday 12 January 2008", "December 31, 2007 11:14:48 MST",
 * "Thu, 10 Jan 2008 01:40:05 GMT", "2008/01/03". Null when it states no full
 * date, or only one that could be read day-first or month-first ("01/02/2008").
 */
export function isoDateOf(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const found = findDates(raw).find((d) => d.iso !== null);
  if (found) return found.iso;
  const m = YMD_SLASH.exec(raw);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isCalendarDate(y, mo, d) ? iso(y, mo, d) : null;
}
