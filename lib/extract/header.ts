/**
 * The crawl header some scrapes start with: ` date YYYY-MM-DD`, optionally the
 * page URL, then the page's first line glued on after a space. It is metadata
 * of the crawl, not of the page, so it is parsed and cut off before anything
 * else reads the text.
 */

export interface CrawlHeader {
  crawlDate: string;
  url: string | null;
  /** Length of the header prefix removed from the text (the rest starts the page). */
  length: number;
}

// A BOM or stray spaces may precede it; the URL ends at whitespace.
const HEADER = /^\uFEFF?[ \t]*date[ \t]+(\d{4})-(\d{2})-(\d{2})(?=[\s]|$)(?:[ \t]+(https?:\/\/[^\s]+))?[ \t]*/;

/** Parse the crawl header at the start of `text`, or null when there is none (or its date is not a date). */
export function parseCrawlHeader(text: string): CrawlHeader | null {
  const m = HEADER.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isCalendarDate(y, mo, d)) return null;
  let url = m[4] ?? null;
  // A URL glued to the following word would swallow it; trailing punctuation is not part of a URL.
  if (url) url = url.replace(/[),.;]+$/, '');
  return { crawlDate: `${m[1]}-${m[2]}-${m[3]}`, url, length: m[0].length };
}

/** Days in each month of a common year. */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function isCalendarDate(y: number, m: number, d: number): boolean {
  if (!(y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1)) return false;
  // Gregorian leap years, counted (a Date per check cost more than the rest of the date parsing).
  // (Year and month truncated to integers, as Date.UTC takes them.)
  const year = Math.trunc(y);
  const month = Math.trunc(m);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return d <= (month === 2 && leap ? 29 : MONTH_DAYS[month - 1]);
}
