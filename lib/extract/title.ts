/**
 * The headline inside a page's title. A <title> element usually carries the
 * site's name, its sections and sometimes a date around the headline ("Carle
 * sparks A-League interest - National - Sport", "CTV Toronto - OPP says ...",
 * "... | Entertainment | Reuters"). Left in, that furniture shows in every
 * report table and invites the headline rules to read "Sport" as a source.
 *
 * Evidence, strongest first: a heading of the page that equals a run of the
 * title's segments is the headline; otherwise segments at either end are
 * dropped while each is furniture: the site's own name or web address (its
 * words found in the host name or the site name), a date, or only words of
 * site sections (lexicons/page-furniture.json, role `title-section`). A
 * segment is never dropped for being unknown, so "... underway — Kremlin"
 * keeps its source, and one segment always stays.
 */

export interface TitleContext {
  /** Names the page gives itself (og:site_name, the publisher found). */
  siteNames: (string | null | undefined)[];
  /** The page's host name, when its address is known. */
  host: string | null;
  /** Texts of the page's top-level headings (h1), in page order. */
  headings: string[];
  /** A heading (h1-h3) that opens the story's text, when one does. */
  storyHeading?: string | null;
  /** The start of the story's text: a title that shares no word with it names something else. */
  storyOpening?: string;
  /** Lower-case words of site sections. */
  sectionWords: ReadonlySet<string>;
}

/** Separators with space on both sides (" - ", " | ", " : ", " » "), or an underscore before a capital ("..._English_Xinhua"); captured, so a split gives [part, separator, part, ...]. */
const SEPARATOR = /(\s+(?:[|·•»›>/\\~]|[-–—]{1,3}|::?)\s+|_(?=\p{Lu}))/u;
/** A colon inside a segment ("Bulls pursue talks: Sport: Rugby: News24"): weaker, so only a site's name or sections end there. */
const COLON = /(:\s+)/;
const DATE =
  /^(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}\s+\p{L}{3,9}\.?,?\s+\d{4}|\p{L}{3,9}\.?\s+\d{1,2},?\s+\d{4})$/u;
const WEB_ADDRESS = /^(?:https?:\/\/)?(?:www\.)?[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.[a-z]{2,6}\/?$/iu;
/** "(from Harrow Times)": a syndication note some sites add after the headline. */
const FROM_NOTE = /\s*\(from\s+[^()]{2,60}\)\s*$/i;
const MAX_HEADING_WORDS = 40;
/** A wire service's keyword slug shown as a heading ("BC-ME-GEN--Iraq, 8th Ld-Writethru,1264"): routing codes, not a headline. */
const WIRE_SLUG = /^[A-Z]{1,4}(?:-[A-Z]{1,6}){1,4}--|\bLd-Writethru\b/;

/** Letters and digits only, lower case: what two spellings of one title share. */
export function fold(s: string): string {
  return s.normalize('NFKD').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

function wordsOf(segment: string): string[] {
  return segment
    .toLowerCase()
    .split(/[\s,&+]+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}.]+$/gu, '').replace(/\.$/, ''))
    .filter(Boolean);
}

interface Judge {
  siteFolds: string[];
  hostFold: string;
  sectionWords: ReadonlySet<string>;
}

/** The segment names the site itself: its name or address, or words all found in them. */
function namesSite(segment: string, j: Judge): boolean {
  const text = segment.trim();
  if (WEB_ADDRESS.test(text)) return true;
  const f = fold(text.replace(/^the\s+/i, ''));
  if (!f) return false;
  if (j.siteFolds.some((s) => s === f || s === fold(text))) return true;
  const words = wordsOf(text);
  let own = 0;
  for (const w of words) {
    const wf = fold(w);
    if (!wf) continue;
    if ((wf.length >= 2 && j.hostFold.includes(wf)) || WEB_ADDRESS.test(w) || j.siteFolds.some((s) => wf.length >= 3 && s.includes(wf))) own++;
    else if (!j.sectionWords.has(w)) return false;
  }
  return own > 0;
}

/** The segment is only section words ("National", "Breaking News", "US Sports"). */
function namesSection(segment: string, j: Judge): boolean {
  const words = wordsOf(segment);
  return words.length > 0 && words.every((w) => j.sectionWords.has(w));
}

function isFurniture(segment: string, j: Judge, sections: boolean): boolean {
  const text = segment.trim();
  if (!fold(text)) return true;
  return DATE.test(text) || namesSite(text, j) || (sections && namesSection(text, j));
}

function joinRun(pieces: string[], from: number, to: number): string {
  return pieces.slice(from * 2, to * 2 + 1).join('').trim();
}

/** A heading above the story that can stand for its headline: not furniture, not a paragraph-long deck. */
function isStoryHeading(heading: string, judge: Judge): boolean {
  const n = heading.trim().split(/\s+/).length;
  return n <= MAX_HEADING_WORDS && !WIRE_SLUG.test(heading) && !isFurniture(heading, judge, true);
}

/** No word of four letters or more of the title is in the story's opening ("#1 in College Sports" over a basketball story). */
function unrelated(title: string, opening: string | undefined): boolean {
  if (!opening) return false;
  const text = opening.toLowerCase();
  const words = (title.toLowerCase().match(/\p{L}{4,}/gu) ?? []);
  return words.length > 0 && !words.some((w) => text.includes(w));
}

function firstStoryHeading(headings: string[], judge: Judge): string | null {
  return headings.find((h) => !isFurniture(h, judge, true)) ?? null;
}

/** The headline of a title, or the title unchanged when nothing around it is furniture. */
export function cleanTitle(raw: string | null, context: TitleContext): string | null {
  const headings = context.headings
    .map((h) => h.replace(/\s+/g, ' ').trim())
    .filter((h) => {
      const n = h.split(' ').length;
      return fold(h).length > 0 && n <= MAX_HEADING_WORDS;
    });
  const title = raw?.replace(/\s+/g, ' ').trim() ?? '';
  const judge: Judge = {
    siteFolds: context.siteNames.flatMap((n) => (n && fold(n).length >= 3 ? [fold(n), fold(n.replace(/^the\s+/i, ''))] : [])),
    hostFold: fold((context.host ?? '').replace(/^www\./, '')),
    sectionWords: context.sectionWords,
  };

  const opening = context.storyHeading && isStoryHeading(context.storyHeading, judge) ? context.storyHeading.replace(/\s+/g, ' ').trim() : null;
  if (!title) return opening ?? firstStoryHeading(headings, judge);
  // A heading that is itself the site's name (a logo in an h1) says nothing of the story.
  const storyHeadings = headings.filter((h) => !isFurniture(h, judge, true));
  const pieces = title.replace(FROM_NOTE, '').split(SEPARATOR);
  const parts = Math.ceil(pieces.length / 2);
  // A heading of the page that is a run of the title's segments is its headline.
  if (parts > 1) {
    const headingFolds = new Set(storyHeadings.map(fold));
    // The headline is the title's main part: a run shorter than a segment left outside it is a blog's or a
    // column's name that the page also shows as a heading ("SFGate: Daily Dish : Ronson Denies ...").
    for (let from = 0; from < parts; from++)
      for (let to = parts - 1; to >= from; to--) {
        const run = joinRun(pieces, from, to);
        if (!headingFolds.has(fold(run))) continue;
        let longestOutside = 0;
        for (let k = 0; k < parts; k++) if (k < from || k > to) longestOutside = Math.max(longestOutside, pieces[k * 2].trim().length);
        if (run.length >= longestOutside) return run;
      }
  }
  let from = 0;
  let to = parts - 1;
  while (to > from && isFurniture(pieces[to * 2], judge, true)) to--;
  while (from < to && isFurniture(pieces[from * 2], judge, true)) from++;
  let headline = joinRun(pieces, from, to);
  // Then colon-separated tails and heads inside what is left: site names and sections at the end, the site's name at the start.
  const inner = headline.split(COLON);
  let innerFrom = 0;
  let innerTo = Math.ceil(inner.length / 2) - 1;
  while (innerTo > innerFrom && isFurniture(inner[innerTo * 2], judge, true)) innerTo--;
  while (innerFrom < innerTo && namesSite(inner[innerFrom * 2], judge)) innerFrom++;
  headline = joinRun(inner, innerFrom, innerTo);
  // A title that is only the site's name says nothing of the story: the page's heading does.
  if (isFurniture(headline, judge, false) && (opening || storyHeadings.length)) return opening ?? storyHeadings[0];
  // A title with no word of the story is a slogan or a section ("#1 in College Sports"): a heading about the story names it.
  if (unrelated(headline, context.storyOpening)) {
    // A heading is weighed against the story text after it, so one that opens the story does not vouch for itself.
    const after = (h: string) => {
      const at = context.storyOpening?.indexOf(h) ?? -1;
      return at < 0 ? context.storyOpening : context.storyOpening?.slice(at + h.length);
    };
    const related = [opening, ...storyHeadings].find((h): h is string => !!h && !unrelated(h, after(h)));
    if (related) return related;
  }
  return headline || title;
}
