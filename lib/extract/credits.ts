/**
 * Origin markers, layer 1: the credit strings a page carries that say where
 * its text came from. Agency names and which credit shapes each uses come
 * from lexicons/agency-credits.json; this module only knows the shapes:
 *
 *   byline          "By Staff Reuters", "By YonhapPublished : ..."
 *   copyright       "© 2023 Reuters", "Copyright 2024 The Associated Press"
 *   dateline-paren  "LONDON (Reuters) -", "SEOUL, Sept. 11 (Yonhap) --"
 *   dateline-slash  "MOSCOW, October 8. /TASS/."
 *   signoff         "... in Ukraine. (Yonhap)"
 *   image           "(KCNA via REUTERS)", "(Natalia Kolesnikova/AFP/Getty Images)"
 *   reporting-line  "Reporting by ...; Editing by ..."
 *   source-link     a repost footer ("Source link"), from page-furniture.json
 */
import type { CreditMarker } from '../types.js';
import { escapeRegExp, isSpaceCode, type Agency, type CreditForm, type ExtractCues } from './cues.js';
import { MONTH_NAME } from './dates.js';

export interface FoundCredit {
  marker: CreditMarker;
  agency: Agency | null;
  form: CreditForm | 'source-link' | 'byline-person';
}

export interface TextSpan {
  text: string;
  start: number;
  end: number;
}

// A dateline's place: one to four capitalized words, optionally "[Country]".
const PLACE = String.raw`[\p{Lu}][\p{L}.'’-]*(?: [\p{Lu}][\p{L}.'’-]*){0,3}(?: \[[^\]]{1,30}\])?`;
const DATE = String.raw`${MONTH_NAME}\.? \d{1,2}(?:, \d{4})?`;
// ABC News set the wire date without a comma after the place: "SEATTLE Jan 14, 2008 (AP)".
const DATELINE_HEAD = String.raw`(${PLACE}(?:, (?:${DATE}|${PLACE})| ${DATE})*?)`;
/** A dateline without an agency: an all-caps place, optional date, then a dash. */
// Places may be joined by a slash: "KYIV/MOSCOW —" (a story filed from two cities).
const PLAIN_DATELINE = new RegExp(String.raw`^(\p{Lu}{2,}[\p{Lu}.'’/-]*(?: \p{Lu}{2,}[\p{Lu}.'’/-]*){0,3}(?:, (?:${DATE}|[\p{Lu}][\p{L}.]+(?: [\p{Lu}][\p{L}.]+)?))*)\.?\s*(?:--|[-–—])\s+(?=\S)`, 'u');
/** South Asian papers end the all-caps place with a colon: "ISLAMABAD: The IMF said ...". */
const COLON_DATELINE = /^(\p{Lu}{3,}[\p{Lu}'’/-]*(?: \p{Lu}{2,}[\p{Lu}'’/-]*){0,2}):\s+(?=\p{Lu}\p{Ll})/u;

/** Dashes after a dateline's credit: AP's wire copy of the 2000s used an underscore ("Fairfield (AP) _ ..."). */
const DASH = '[-–—―_:]';

const patternCache = new WeakMap<ExtractCues, Map<string, RegExp | null>>();

function pattern(cues: ExtractCues, key: string, build: () => RegExp | null): RegExp | null {
  let map = patternCache.get(cues);
  if (!map) patternCache.set(cues, (map = new Map()));
  if (!map.has(key)) map.set(key, build());
  return map.get(key)!;
}

function datelineParen(cues: ExtractCues): RegExp | null {
  return pattern(cues, 'dateline-paren', () => {
    const names = cues.namesFor('dateline-paren');
    return names ? new RegExp(String.raw`^${DATELINE_HEAD},?\s*\((${names})\)\s*(?:--|${DASH})?\s*`, 'u') : null;
  });
}

function datelineSlash(cues: ExtractCues): RegExp | null {
  return pattern(cues, 'dateline-slash', () => {
    const names = cues.namesFor('dateline-slash');
    return names ? new RegExp(String.raw`^${DATELINE_HEAD}\.?\s*\/(${names})\/\.?\s*`, 'u') : null;
  });
}

export interface Dateline {
  /** "MOSCOW, October 8" */
  place: string;
  /** The whole prefix as written, incl. credit and dash: "MOSCOW, October 8. /TASS/. " */
  prefix: string;
  /** The credit part as written ("/TASS/.", "(Reuters)"), or null for a plain dateline. */
  creditText: string | null;
  agency: Agency | null;
  form: CreditForm | null;
}

/**
 * A dateline opening a body paragraph, with the agency it credits if any.
 * `colon` also accepts "ISLAMABAD: ..." — only for the body's first paragraph,
 * since elsewhere an all-caps word before a colon is mostly a label ("NOTE: ...").
 */
export function findDateline(text: string, cues: ExtractCues, colon = false): Dateline | null {
  // "(AP) An Oscar-winning ...": the credit alone opens the story, with no place.
  if (text.charCodeAt(0) === 0x28) {
    const bare = pattern(cues, 'dateline-bare', () => {
      const names = cues.namesFor('dateline-paren');
      return names ? new RegExp(String.raw`^\((${names})\)\s*(?:--|${DASH})?\s*(?=\S)`, 'u') : null;
    })?.exec(text);
    if (bare) return { place: '', prefix: bare[0], creditText: `(${bare[1]})`, agency: cues.agencyByName.get(bare[1]) ?? null, form: 'dateline-paren' };
  }
  // Every dateline shape opens with a capital letter: an ASCII line that does not is skipped unread.
  const first = text.charCodeAt(0);
  if (first < 128 && !(first >= 65 && first <= 90)) return null;
  // The agency shapes need their literal slash or parenthesis: a line without one is not tried against them.
  const slash = text.indexOf('/') >= 0;
  const paren = text.indexOf('(') >= 0;
  for (const [form, re] of [
    ['dateline-slash', slash ? datelineSlash(cues) : null],
    ['dateline-paren', paren ? datelineParen(cues) : null],
  ] as const) {
    const m = re?.exec(text);
    if (!m) continue;
    const agency = cues.agencyByName.get(m[2]) ?? null;
    const creditStart = m[0].indexOf(m[2], m[1].length) - 1;
    const creditText = m[0].slice(creditStart).trim().replace(/\s*(?:--|[-–—―_:])$/, '');
    return { place: m[1].replace(/[.,]+$/, ''), prefix: m[0], creditText, agency, form };
  }
  // The plain and colon shapes open with two capital letters: an ASCII second character that is none ends the look.
  const second = text.charCodeAt(1);
  if (second < 128 && !(second >= 65 && second <= 90)) return null;
  const plain = PLAIN_DATELINE.exec(text);
  if (plain && plain[1].length <= 60) return { place: plain[1].replace(/[.,]+$/, ''), prefix: plain[0], creditText: null, agency: null, form: null };
  const c = colon ? COLON_DATELINE.exec(text) : null;
  if (c && c[1].length <= 40 && !cues.colonLabels.has(c[1].toLowerCase())) return { place: c[1], prefix: c[0], creditText: null, agency: null, form: null };
  return null;
}

/** A sign-off credit closing the story: "... in Ukraine. (Yonhap)". */
export function findSignoff(text: string, cues: ExtractCues): { credit: string; agency: Agency; start: number } | null {
  const paren = endsInParen(text);
  // The dash form ("... in March. - Sapa", a line "- REUTERS") needs a dash somewhere.
  if (!paren && !/[-–—]/.test(text)) return null;
  const re = pattern(cues, paren ? 'signoff' : 'signoff-dash', () => {
    const names = cues.namesFor('signoff');
    if (!names) return null;
    return paren ? new RegExp(String.raw`(?:^|\s)\((${names})\)\s*$`, 'u') : new RegExp(String.raw`(?:^|\s)[-–—]{1,2}\s*(${names})\.?\s*$`, 'u');
  });
  const m = re?.exec(text);
  if (!m) return null;
  const start = m.index + (m[0].length - m[0].trimStart().length);
  return { credit: text.slice(start).trim(), agency: cues.agencyByName.get(m[1])!, start };
}

/** A copyright line naming an agency: "© 2023 Reuters". */
export function findCopyrightAgency(text: string, cues: ExtractCues): { credit: string; agency: Agency } | null {
  // The pattern opens with ©, (c) or Copyright: lines without any of them are skipped unread.
  if (text.indexOf('©') < 0 && text.indexOf('Copyright') < 0 && text.indexOf('(c)') < 0 && text.indexOf('(C)') < 0) return null;
  const re = pattern(cues, 'copyright', () => {
    const names = cues.namesFor('copyright');
    // The mark opens the line (or a parenthesis at its start): "Associated Press articles: Copyright ..." in a
    // site's footer says whose some other articles are, not this one. "Copyright ©", "© Copyright" and "by" may come too.
    const MARK = String.raw`(?:©|\([cC]\)|\bCopyright\b|\bCOPYRIGHT\b)`;
    return names
      ? new RegExp(String.raw`^\(?\s*(${MARK}(?:\s*${MARK})?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?:by\s+)?(?:[Tt]he\s+)?(${names}))(?![\p{L}/])`, 'u')
      : null;
  });
  const m = re?.exec(text);
  if (!m) return null;
  // "© Mikhail Metzel/TASS" is a photo credit, not a copyright of the text.
  if (/\//.test(m[1])) return null;
  return { credit: m[1].trim(), agency: cues.agencyByName.get(m[2])! };
}

const BYLINE = /^By\s+(.+)$/iu;

/**
 * A byline line ("By Staff Reuters", "By Jane Doe, Reuters", "By YonhapPublished :
 * Sept. 11, 2023 - 20:38"): the names part, with a glued "Published"/"Posted"/
 * "Updated" tail and dates cut off. Null when the line is not a byline.
 */
export function parseByline(line: string): { names: string; raw: string } | null {
  const m = BYLINE.exec(line.trim());
  if (!m) return null;
  let names = m[1];
  names = names.replace(/\s*(?:\||·|•)?\s*(?:Published|Posted|Updated|Last updated|Modified)\b.*$/u, '');
  names = names.replace(new RegExp(String.raw`\s*[,|·•-]?\s*(?:${MONTH_NAME}\.? \d{1,2}|\d{1,2} ${MONTH_NAME}|\d{4}-\d{2}-\d{2}).*$`, 'iu'), '');
  names = names.replace(/[\s,|·•:-]+$/u, '').trim();
  if (!names || names.split(/\s+/).length > 10 || !/^[\p{Lu}\p{N}]/u.test(names)) return null;
  if (/[.!?]$/.test(names) && names.split(/\s+/).length > 4) return null; // a sentence that starts with "By"
  return { names, raw: line.trim() };
}

/** The agency a byline names ("Staff Reuters" -> Reuters; "Jane Doe, Reuters" -> Reuters). */
export function bylineAgency(names: string, cues: ExtractCues): Agency | null {
  const alt = cues.namesFor('byline');
  if (!alt) return null;
  // "Photo by: The Associated Press" credits a picture, not the story.
  if (/^\s*(?:(?:file )?photos?|images?|pictures?|video)\b/i.test(names)) return null;
  // "Reuters Published: December 11, 2007", "JASON STRAZIUSO Associated Press Writer 1 hour ago": tails off.
  let n = parseByline(`By ${names.replace(/^\s*by\s+/i, '')}`)?.names ?? names;
  n = n.replace(/\s*\d+\s+(?:hours?|minutes?|days?)\b.*$/iu, '').replace(/[\s,|·•:–—-]+$/u, '');
  for (const candidate of new Set([names, n, stripRole(n, cues)])) {
    // Case aside: member papers set the credit in capitals or title case ("ASSOCIATED PRESS", "Press Trust Of India").
    const m = pattern(cues, 'byline-agency', () => new RegExp(String.raw`(?:^|[\s,|/–—-])(?:the\s+)?(${alt})$`, 'iu'))!.exec(candidate);
    if (m) return cues.agencyByName.get(m[1]) ?? agencyByLowerName(cues).get(m[1].toLowerCase()) ?? null;
  }
  return null;
}

const lowerNames = new WeakMap<ExtractCues, Map<string, Agency>>();

/** Agencies by their credit names in lower case (the first agency listed wins a shared name). */
function agencyByLowerName(cues: ExtractCues): Map<string, Agency> {
  let map = lowerNames.get(cues);
  if (!map) {
    map = new Map();
    for (const a of cues.agencies) for (const n of a.names) if (!map.has(n.toLowerCase())) map.set(n.toLowerCase(), a);
    lowerNames.set(cues, map);
  }
  return map;
}

/** A byline without the job title after the agency's name: "JOSEPH WHITE AP Sports Writer" -> "JOSEPH WHITE AP". */
function stripRole(names: string, cues: ExtractCues): string {
  const lower = names.toLowerCase();
  for (const role of cues.creditRoles) {
    if (lower.endsWith(' ' + role)) return names.slice(0, names.length - role.length).replace(/[\s,|·•:–—-]+$/u, '');
  }
  return names;
}

/**
 * A line that is only an agency's credit: "Reuters", "THE CANADIAN PRESS", "- AAP",
 * "Source: Press Association", "Brought to you by AAP", "Associated Press Writer".
 * The lead words and job titles are page-furniture data (roles credit-lead, credit-role).
 * Agencies that only credit photos (Getty Images) are left out: their name alone is a picture credit.
 */
export function findCreditLine(text: string, cues: ExtractCues, minBareName = 2): { credit: string; agency: Agency } | null {
  const line = text.trim();
  if (line.length < 2 || line.length > 80) return null;
  let rest = line.replace(/^[-–—]{1,2}\s*/u, '');
  const dashed = rest !== line;
  const lower = rest.toLowerCase();
  const lead = cues.creditLeads.find((l) => lower.startsWith(l) && !/[\p{L}]/u.test(lower.charAt(l.length)));
  if (lead) rest = rest.slice(lead.length).trim();
  // A two-letter name alone ("AA", "AP") is as often a page tool or a photo credit as a story credit.
  if (!dashed && !lead && rest.length < minBareName) return null;
  rest = stripRole(rest.replace(/[.:]$/u, ''), cues);
  const m = pattern(cues, 'credit-line', () => {
    const names = [...new Set(cues.agencies.filter((a) => a.forms.has('byline') || a.forms.has('signoff') || a.forms.has('copyright')).flatMap((a) => a.names))];
    names.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    return new RegExp(String.raw`^(?:[Tt]he\s+|THE\s+)?(${names.map(escapeRegExp).join('|')})$`, 'u');
  })!.exec(rest);
  return m ? { credit: line, agency: cues.agencyByName.get(m[1])! } : null;
}

/**
 * Photo credits in a line: "(KCNA via REUTERS)", "(Natalia Kolesnikova/AFP/Getty Images)",
 * "© Mikhail Metzel/TASS", "Photo: Reuters".
 */
export function findImageCredits(text: string, cues: ExtractCues): TextSpan[] {
  // Every credit shape needs a parenthesis or a slash: most lines have neither (this runs on every block).
  const slash = text.indexOf('/') >= 0;
  if (!slash && text.indexOf('(') < 0) return [];
  const names = cues.namesFor('image');
  if (!names) return [];
  const nameRe = pattern(cues, 'image-name', () => new RegExp(String.raw`(?:^|[\s/(])(?:${names})(?=$|[\s/).,])`, 'u'))!;
  const out: TextSpan[] = [];
  const add = (s: number, e: number) => {
    // "Photo by X/AFP" -> "X/AFP": the label is not part of the credit.
    const label = /^\s*(?:(?:file )?photos?|images?|pictures?)\s*(?:by|:)\s*/i.exec(text.slice(s, e));
    if (label) s += label[0].length;
    const t = text.slice(s, e).trim();
    const lead = text.slice(s, e).indexOf(t);
    if (t && !out.some((o) => o.start < e && s < o.end)) out.push({ text: t, start: s + lead, end: s + lead + t.length });
  };
  // Parenthesised credits: "via AGENCY" or slash-separated with an agency part.
  for (const m of text.matchAll(/\(([^()]{3,80})\)/gu)) {
    const inner = m[1];
    if (!nameRe.test(inner)) continue;
    if (/\bvia\b/.test(inner) || inner.includes('/') || /^(?:photo|image|picture|file photo)s?\s*[:/]/i.test(inner)) add(m.index + 1, m.index + 1 + inner.length);
  }
  // A caption ending in its credit: "... in Seoul. REUTERS/Kim Hong-Ji", "... Jane Doe/AFP via Getty Images".
  const tail = pattern(cues, 'image-tail', () => {
    // A capitalised name word, or an initial ("J."); "Kazan." ends a sentence, not a name.
    const WORD = String.raw`(?:[\p{Lu}]\.|[\p{Lu}][\p{L}'’-]*)`;
    return new RegExp(
      String.raw`(?:^|\s)((?:${names})(?: Photos?)?\s?\/\s?${WORD}(?: ${WORD}){0,3}|${WORD}(?: ${WORD}){0,3}\s?\/\s?(?:${names})(?:\s?\/\s?(?:${names}))*(?: via (?:${names}))?)\s*$`,
      'u',
    );
  })!;
  // Both shapes below need a slash.
  if (!slash) return out.sort((a, b) => a.start - b.start);
  const t = tail.exec(text);
  if (t) add(t.index + t[0].length - t[0].trimStart().length, t.index + t[0].length);
  // "© Name/AGENCY" or "Photo: Name/AGENCY" outside parentheses.
  for (const m of text.matchAll(/(?:©|\b(?:Photo|Image|Picture)s?\s*(?:by|:))\s*([^()©\n]{2,80}?)(?=\s*$|\s{2,}|\s*[()|])/giu)) {
    const inner = m[1];
    if (inner.includes('/') && nameRe.test(inner)) add(m.index + m[0].length - inner.length, m.index + m[0].length);
  }
  return out.sort((a, b) => a.start - b.start);
}

const REPORTING = /^(?:\(?(?:Additional )?(?:Reporting|Writing|Editing|Compiled|Edited|Written) by\b)/iu;
const CONTRIBUTED = /\bcontributed(?: reporting)? to (?:this|the) (?:report|story|article)\.?\)?$/iu;

/** "Reporting by ...; Editing by ..." and "X contributed to this report." credit lines. */
export function isReportingLine(text: string): boolean {
  if (text.length > 300) return false;
  return REPORTING.test(text) || (mayEndContributed(text) && CONTRIBUTED.test(text));
}

/** CONTRIBUTED ends in "report", "story" or "article", then maybe "." and ")": that ending is tested before the regex. */
function mayEndContributed(text: string): boolean {
  let end = text.length;
  if (text.charCodeAt(end - 1) === 0x29) end--;
  if (text.charCodeAt(end - 1) === 0x2e) end--;
  const tail = text.slice(Math.max(0, end - 7), end);
  // Case-insensitive Unicode matching folds a few non-ASCII letters into ASCII ones ("ſ" is "s"): leave those to the regex.
  for (let i = 0; i < tail.length; i++) if (tail.charCodeAt(i) >= 128) return true;
  const lower = tail.toLowerCase();
  return lower.endsWith('report') || lower.endsWith('story') || lower.endsWith('article');
}

/** The last character that is not whitespace (JavaScript's \s) is a closing parenthesis. */
function endsInParen(text: string): boolean {
  let i = text.length - 1;
  while (i >= 0 && isSpaceCode(text.charCodeAt(i))) i--;
  return i >= 0 && text.charCodeAt(i) === 0x29;
}

const TRAILING_REPORTING = /(?<=[.!?…"'”’»])\s+\((?:Additional )?(?:Reporting|Writing|Editing|Compiled|Edited|Written) by [^()]{1,250}\)\s*$/iu;

/** Where a reporting credit glued to the end of a paragraph starts ("... on Monday. (Reporting by ...; Editing by ...)"), or null. */
export function findTrailingReporting(text: string): number | null {
  if (!endsInParen(text)) return null;
  const m = TRAILING_REPORTING.exec(text);
  return m ? m.index : null;
}

/** A wire end-of-story mark closing the last paragraph ("... ceremony. Enditem"), from the page-furniture lexicon. */
export function findEndMark(text: string, cues: ExtractCues): number | null {
  // The last word and the whitespace before it (`/\s+(\S+)\s*$/u`), read backwards from the end.
  let wordEnd = text.length;
  while (wordEnd > 0 && isSpaceCode(text.charCodeAt(wordEnd - 1))) wordEnd--;
  let wordStart = wordEnd;
  while (wordStart > 0 && !isSpaceCode(text.charCodeAt(wordStart - 1))) wordStart--;
  if (wordStart === wordEnd || wordStart === 0) return null;
  let at = wordStart;
  while (at > 0 && isSpaceCode(text.charCodeAt(at - 1))) at--;
  // After the story's closing punctuation only: "... the end" is prose, "... said. Enditem" is a mark.
  if (at === 0 || !STORY_CLOSE.has(text.charCodeAt(at - 1))) return null;
  return cues.endMarks.has(text.slice(wordStart, wordEnd).toLowerCase()) ? at : null;
}

/** Characters a story's last sentence may end with before an end mark: . ! ? … and closing quotes and brackets. */
const STORY_CLOSE = new Set([...'.!?…"\'”’»)]'].map((c) => c.charCodeAt(0)));

/** The agency a "Reporting by ..." or "... contributed to this report" line names, if any ("Additional reporting by Reuters"). */
export function reportingAgency(text: string, agencies: Agency[]): Agency | null {
  for (const a of agencies) for (const n of a.names) if (new RegExp(`(?:^|[^\\p{L}])${escapeRegExp(n)}(?![\\p{L}])`, 'u').test(text)) return a;
  return null;
}
