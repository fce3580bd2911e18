/**
 * The lexicons extraction reads, compiled once per LexiconSet: stopwords,
 * page-furniture phrases, agency credit names and forms, outlets by name and
 * domain, publisher cue templates. Matching is literal phrases; the few
 * credit shapes (dateline, copyright, byline, photo credit) are built here
 * from the names the lexicon gives, so adding an agency is a data change.
 */
import { LexiconError, type LexiconEntry, type LexiconSet } from '../lexicon/load.js';
import type { PublisherKind } from '../types.js';

export interface OutletEntry extends LexiconEntry {
  name: string;
  aliases?: string[];
  domains?: string[];
  country: string;
  kind: PublisherKind;
  wire?: boolean;
  typology?: string;
  owner?: string;
}

export type CreditForm = 'byline' | 'copyright' | 'dateline-paren' | 'dateline-slash' | 'signoff' | 'image' | 'reporting-line';

interface AgencyCreditEntry extends LexiconEntry {
  outlet: string;
  names: string[];
  forms: CreditForm[];
  houseForms?: CreditForm[];
}

interface FurnitureEntry extends LexiconEntry {
  role: FurnitureRole;
  match: 'line' | 'prefix' | 'contains';
  phrases: string[];
}

interface PublisherCueEntry extends LexiconEntry {
  pattern: string;
  strength: 'strong' | 'weak';
}

export type FurnitureRole = 'share' | 'navigation' | 'media' | 'ads' | 'comments' | 'related' | 'subscribe' | 'end' | 'repost' | 'endmark' | 'label' | 'title-section' | 'credit-lead' | 'credit-role';

export interface FurnitureHit {
  entryId: string;
  role: FurnitureRole;
  phrase: string;
}

export interface Agency {
  /** agency-credits entry id. */
  id: string;
  outlet: OutletEntry;
  names: string[];
  forms: Set<CreditForm>;
  houseForms: Set<CreditForm>;
}

export interface PublisherCue {
  id: string;
  strength: 'strong' | 'weak';
  regex: RegExp;
  /** The pattern's literal parts: a line lacking one cannot match (tested before the regex). */
  literals: string[];
}

export interface ExtractCues {
  stopwords: Set<string>;
  furniture(text: string): FurnitureHit | null;
  agencies: Agency[];
  /** Agency by any of its credit names. */
  agencyByName: Map<string, Agency>;
  /** Alternation of the names that use a form, longest first (for building patterns), or null. */
  namesFor(form: CreditForm): string | null;
  outlets: OutletEntry[];
  outletByDomain(host: string): OutletEntry | null;
  outletByName(name: string): OutletEntry | null;
  publisherCues: PublisherCue[];
  /** Wire end-of-story marks ("enditem", "-30-"), lower case. */
  endMarks: Set<string>;
  /** Capitalized labels that open a paragraph with a colon ("UPDATE: ..."), never a dateline's place; lower case. */
  colonLabels: Set<string>;
  /** Words of site sections that page titles carry beside the headline ("National", "Sport"); lower case. */
  titleSectionWords: Set<string>;
  /** Words that introduce an agency credit on a line of its own ("source:", "brought to you by"), lower case, longest first. */
  creditLeads: string[];
  /** Job titles that may follow an agency's name in a byline ("sports writer", "writer"), lower case, longest first. */
  creditRoles: string[];
  /** Country code by single-word country name (lower case), from lexicons/countries.json when present. */
  countryByName: Map<string, string>;
}

/** Longest line a furniture cue is looked for in: longer lines are prose. */
export const FURNITURE_MAX_WORDS = 24;

const cache = new WeakMap<LexiconSet, ExtractCues>();

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** JavaScript's \s, by character code. */
export function isSpaceCode(c: number): boolean {
  // ASCII (most characters) in two comparisons.
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/**
 * Whether `normalizeCue(text)` has more than `limit` words (runs between whitespace; lower-casing
 * and quote straightening add no space). Stops reading at the word that passes the limit.
 */
function moreWordsThan(text: string, limit: number): boolean {
  // Words are separated by at least one character: a text this short cannot hold more (most furniture lines).
  if (text.length <= 2 * limit) return false;
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isSpaceCode(text.charCodeAt(i));
    if (!space && !inWord && ++n > limit) return true;
    inWord = !space;
  }
  return false;
}

/** A 16-bit hash of a line from its length and first and last characters (reads three characters, allocates nothing). */
function lineHash(line: string): number {
  const n = line.length;
  return n === 0 ? 0 : (line.charCodeAt(0) * 961 + line.charCodeAt(n - 1) * 31 + n) & 0xffff;
}

/** What is stripped off a line's start before cue lookup: whitespace or a bullet (• · * ▪ > | -), by character code. */
function isLeadMark(c: number): boolean {
  return c === 0x2022 || c === 0xb7 || c === 0x2a || c === 0x25aa || c === 0x3e || c === 0x7c || c === 0x2d || isSpaceCode(c);
}

/** What is stripped off a line's end before cue lookup: whitespace or a separator (: . » › > | → -), by character code. */
function isTrailMark(c: number): boolean {
  return c === 0x3a || c === 0x2e || c === 0xbb || c === 0x203a || c === 0x3e || c === 0x7c || c === 0x2192 || c === 0x2d || isSpaceCode(c);
}

/** Lower-case, straight quotes, single spaces: the form furniture phrases are written in. */
export function normalizeCue(text: string): string {
  const lower = text.toLowerCase();
  const needs = cueNeeds(lower);
  // Only the replacements the text needs are run (most lines need none, news prose mostly the apostrophe).
  if (needs === 0) return lower;
  const out = straightenQuotes(lower, needs);
  return needs & NEEDS_SPACE ? out.replace(/\s+/g, ' ').trim() : out;
}

/** Curly quotes made straight, as `needs` (from cueNeeds) says the text has them. */
function straightenQuotes(text: string, needs: number): string {
  let out = text;
  if (needs & NEEDS_SINGLE) out = out.replace(/[’‘]/g, "'");
  if (needs & NEEDS_DOUBLE) out = out.replace(/[“”]/g, '"');
  return out;
}

/**
 * `normalizeCue(text)` when it maps text character for character (same length, same offsets: no
 * whitespace to collapse, lower-casing that changes no length and depends on no context, which
 * only the final-sigma rule does), else null. A slice of such a text normalizes to the same slice of it.
 */
export function normalizeCueInPlace(text: string): string | null {
  const lower = text.toLowerCase();
  if (lower.length !== text.length || text.indexOf('\u03a3') >= 0) return null;
  const needs = cueNeeds(lower);
  return needs & NEEDS_SPACE ? null : straightenQuotes(lower, needs);
}

const NEEDS_SINGLE = 1;
const NEEDS_DOUBLE = 2;
const NEEDS_SPACE = 4;

/** What lower-cased text still needs to be normalized: curly single quotes, curly double quotes, whitespace other than single spaces between words. */
function cueNeeds(s: string): number {
  const n = s.length;
  let needs = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (i === 0 || i === n - 1 || s.charCodeAt(i - 1) === 32) needs |= NEEDS_SPACE;
    } else if (c < 128) {
      if (c >= 9 && c <= 13) needs |= NEEDS_SPACE;
    } else if (c === 0x2018 || c === 0x2019) needs |= NEEDS_SINGLE;
    else if (c === 0x201c || c === 0x201d) needs |= NEEDS_DOUBLE;
    else if (isSpaceCode(c)) needs |= NEEDS_SPACE;
  }
  return needs;
}

export function extractCues(lexicons: LexiconSet): ExtractCues {
  const cached = cache.get(lexicons);
  if (cached) return cached;

  const stopwords = new Set<string>();
  for (const e of lexicons.entries<LexiconEntry & { words: string[] }>('stopwords')) for (const w of e.words) stopwords.add(w);

  const lineCues = new Map<string, FurnitureHit>();
  const endMarks = new Set<string>();
  const colonLabels = new Set<string>();
  const titleSectionWords = new Set<string>();
  const creditLeads: string[] = [];
  const creditRoles: string[] = [];
  const prefixCues: FurnitureHit[] = [];
  const containsCues: FurnitureHit[] = [];
  for (const e of lexicons.entries<FurnitureEntry>('page-furniture')) {
    for (const phrase of e.phrases) {
      // Labels are not furniture by themselves: they only keep "UPDATE:" from reading as a dateline.
      if (e.role === 'label') {
        colonLabels.add(phrase);
        continue;
      }
      if (e.role === 'title-section') {
        titleSectionWords.add(phrase);
        continue;
      }
      // Credit words only shape credit lines (lib/extract/credits.ts), they are not furniture either.
      if (e.role === 'credit-lead' || e.role === 'credit-role') {
        if (e.role === 'credit-lead') creditLeads.push(phrase);
        else creditRoles.push(phrase);
        continue;
      }
      const hit = { entryId: e.id, role: e.role, phrase };
      if (e.role === 'endmark') endMarks.add(phrase);
      if (e.match === 'line') lineCues.set(phrase, hit);
      else if (e.match === 'prefix') prefixCues.push(hit);
      else containsCues.push(hit);
    }
  }
  // Longest prefix first, so "share this" wins over "share".
  prefixCues.sort((a, b) => b.phrase.length - a.phrase.length || (a.phrase < b.phrase ? -1 : 1));
  // The prefix cues by their first character (order kept): a line is only tried against those that can start it.
  const prefixByFirst = new Map<string, { cue: FurnitureHit; wordEnd: boolean }[]>();
  for (const cue of prefixCues) {
    const first = cue.phrase.charAt(0);
    prefixByFirst.set(first, [...(prefixByFirst.get(first) ?? []), { cue, wordEnd: /[a-z0-9]/.test(cue.phrase.slice(-1)) }]);
  }
  const NO_CUES: { cue: FurnitureHit; wordEnd: boolean }[] = [];
  // A line longer than every line cue is none of them; one shorter than every contained phrase contains none.
  const longestLineCue = Math.max(0, ...[...lineCues.keys()].map((k) => k.length));
  // A bit per hash of the line cues (`lineHash`): a line whose bit is clear is no cue, without a table lookup.
  const lineCueBits = new Uint32Array(1 << 11);
  for (const k of lineCues.keys()) {
    const h = lineHash(k);
    lineCueBits[h >>> 5] |= 1 << (h & 31);
  }
  const shortestContained = Math.min(Infinity, ...containsCues.map((c) => c.phrase.length));
  // One search for any contained phrase; only a line holding one is tried phrase by phrase (in lexicon order).
  const anyContained = containsCues.length ? new RegExp(containsCues.map((c) => escapeRegExp(c.phrase)).join('|')) : null;

  function furniture(text: string): FurnitureHit | null {
    // Prose is too long to be furniture: count its words before normalizing it.
    if (moreWordsThan(text, FURNITURE_MAX_WORDS)) return null;
    // Normalizing adds and removes no word, so the count above holds for the normalized line too.
    const norm = normalizeCue(text);
    // Bullets and trailing separators off.
    let from = 0;
    let to = norm.length;
    while (from < to && isLeadMark(norm.charCodeAt(from))) from++;
    while (to > from && isTrailMark(norm.charCodeAt(to - 1))) to--;
    const bare = from === 0 && to === norm.length ? norm : norm.slice(from, to);
    const h = lineHash(bare);
    const line = bare.length <= longestLineCue && lineCueBits[h >>> 5] & (1 << (h & 31)) ? lineCues.get(bare) : undefined;
    if (line) return line;
    // A phrase that is a prefix of `bare` starts with its first character ("" for an empty line, like charAt).
    for (const { cue, wordEnd } of (bare.length ? prefixByFirst.get(bare.charAt(0)) : prefixByFirst.get('')) ?? NO_CUES) {
      if (!bare.startsWith(cue.phrase)) continue;
      const next = bare.charAt(cue.phrase.length);
      if (wordEnd && /[a-z0-9]/.test(next)) continue; // "share" must not match "shareholders"
      return cue;
    }
    if (norm.length >= shortestContained && anyContained!.test(norm)) for (const cue of containsCues) if (norm.includes(cue.phrase)) return cue;
    return null;
  }

  const outlets = lexicons.entries<OutletEntry>('outlets');
  const outletById = new Map(outlets.map((o) => [o.id, o] as const));
  const domainIndex = new Map<string, OutletEntry>();
  const nameIndex = new Map<string, OutletEntry>();
  for (const o of outlets) {
    for (const d of o.domains ?? []) if (!domainIndex.has(d)) domainIndex.set(d, o);
    for (const n of [o.name, ...(o.aliases ?? [])]) if (!nameIndex.has(n)) nameIndex.set(n, o);
  }

  const agencies: Agency[] = [];
  const agencyByName = new Map<string, Agency>();
  lexicons.entries<AgencyCreditEntry>('agency-credits').forEach((e, i) => {
    const outlet = outletById.get(e.outlet);
    if (!outlet) throw new LexiconError('lexicons/agency-credits.json', `entry ${i} (id "${e.id}"), field outlet`, `no outlet "${e.outlet}" in outlets.json`);
    const agency: Agency = { id: e.id, outlet, names: e.names, forms: new Set(e.forms), houseForms: new Set(e.houseForms ?? []) };
    agencies.push(agency);
    for (const n of e.names) if (!agencyByName.has(n)) agencyByName.set(n, agency);
  });
  const alternations = new Map<CreditForm, string | null>();
  function namesFor(form: CreditForm): string | null {
    if (!alternations.has(form)) {
      const names = agencies.filter((a) => a.forms.has(form)).flatMap((a) => a.names);
      names.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
      alternations.set(form, names.length ? names.map(escapeRegExp).join('|') : null);
    }
    return alternations.get(form)!;
  }

  const publisherCues = lexicons.entries<PublisherCueEntry>('publisher-cues').map((e) => {
    // Capitalised words; a dot only inside a word ("XINHUANET.com"), so "Press. All rights" stops at "Press",
    // or after initials followed by another name word ("The E.W. Scripps Co.", "Earl G. Graves Ltd").
    const W = String.raw`(?:(?:\p{Lu}\.){1,3}(?= [\p{Lu}\p{N}])|[\p{Lu}\p{N}][\p{L}\p{N}&'’-]*(?:\.[\p{L}\p{N}]+)*)`;
    const NAME = String.raw`((?!All [Rr]ights)${W}(?: (?:of|the|and|&|de|du|la|le) ${W}| (?!All [Rr]ights)${W}){0,5})`;
    const parts = e.pattern.split(/(\{name\}|\{year\})/);
    const source = parts.map((p) => (p === '{name}' ? NAME : p === '{year}' ? String.raw`(?:\d{4}(?:\s*[-–]\s*\d{4})?)` : escapeRegExp(p))).join('');
    const literals = parts.filter((p) => p !== '{name}' && p !== '{year}' && p !== '');
    return { id: e.id, strength: e.strength, regex: new RegExp(source, 'u'), literals };
  });

  const countryByName = new Map<string, string>();
  if (lexicons.has('countries')) {
    for (const c of lexicons.entries<LexiconEntry & { code: string; names: string[] }>('countries'))
      for (const n of c.names) if (!/[\s.]/.test(n) && !countryByName.has(n)) countryByName.set(n, c.code);
  }

  const cues: ExtractCues = {
    stopwords,
    furniture,
    agencies,
    agencyByName,
    namesFor,
    outlets,
    outletByDomain(host: string): OutletEntry | null {
      let h = host.toLowerCase().replace(/^www\d*\./, '');
      for (;;) {
        const hit = domainIndex.get(h);
        if (hit) return hit;
        const dot = h.indexOf('.');
        if (dot < 0 || h.indexOf('.', dot + 1) < 0) return null;
        h = h.slice(dot + 1);
      }
    },
    outletByName(name: string): OutletEntry | null {
      return nameIndex.get(name) ?? nameIndex.get(name.replace(/^the /i, '')) ?? null;
    },
    publisherCues,
    countryByName,
    endMarks,
    colonLabels,
    titleSectionWords,
    creditLeads: creditLeads.sort((a, b) => b.length - a.length || (a < b ? -1 : 1)),
    creditRoles: creditRoles.sort((a, b) => b.length - a.length || (a < b ? -1 : 1)),
  };
  cache.set(lexicons, cues);
  return cues;
}
