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

export type FurnitureRole = 'share' | 'navigation' | 'media' | 'ads' | 'comments' | 'related' | 'subscribe' | 'end' | 'repost' | 'endmark';

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
  /** Country code by single-word country name (lower case), from lexicons/countries.json when present. */
  countryByName: Map<string, string>;
}

const LEAD_MARK = /^[\s•·*▪>|-]$/;
const TRAIL_MARK = /^[\s:.»›>|→-]$/;

/** Longest line a furniture cue is looked for in: longer lines are prose. */
export const FURNITURE_MAX_WORDS = 24;

const cache = new WeakMap<LexiconSet, ExtractCues>();

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** JavaScript's \s, by character code. */
export function isSpaceCode(c: number): boolean {
  return (
    c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** Words of `normalizeCue(text)` (runs between whitespace; lower-casing and quote straightening add no space). */
function wordCount(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isSpaceCode(text.charCodeAt(i));
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return Math.max(n, 1);
}

/** Lower-case, straight quotes, single spaces: the form furniture phrases are written in. */
export function normalizeCue(text: string): string {
  const lower = text.toLowerCase();
  return isNormalized(lower) ? lower : lower.replace(/[’‘]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim();
}

/** Lower-cased text that needs no more normalizing: no curly quotes, no whitespace but single spaces between words (most lines). */
function isNormalized(s: string): boolean {
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 32) {
      if (i === 0 || i === n - 1 || s.charCodeAt(i - 1) === 32) return false;
    } else if (c < 128 ? c >= 9 && c <= 13 : c === 0x2018 || c === 0x2019 || c === 0x201c || c === 0x201d || isSpaceCode(c)) return false;
  }
  return true;
}

export function extractCues(lexicons: LexiconSet): ExtractCues {
  const cached = cache.get(lexicons);
  if (cached) return cached;

  const stopwords = new Set<string>();
  for (const e of lexicons.entries<LexiconEntry & { words: string[] }>('stopwords')) for (const w of e.words) stopwords.add(w);

  const lineCues = new Map<string, FurnitureHit>();
  const endMarks = new Set<string>();
  const prefixCues: FurnitureHit[] = [];
  const containsCues: FurnitureHit[] = [];
  for (const e of lexicons.entries<FurnitureEntry>('page-furniture')) {
    for (const phrase of e.phrases) {
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

  function furniture(text: string): FurnitureHit | null {
    // Prose is too long to be furniture: count its words before normalizing it.
    if (wordCount(text) > FURNITURE_MAX_WORDS) return null;
    // Normalizing adds and removes no word, so the count above holds for the normalized line too.
    const norm = normalizeCue(text);
    // Bullets and trailing separators off (the regexes run only when the first or last character is one).
    let bare = norm;
    if (LEAD_MARK.test(bare.charAt(0))) bare = bare.replace(/^[\s•·*▪>|-]+/, '');
    if (TRAIL_MARK.test(bare.charAt(bare.length - 1))) bare = bare.replace(/[\s:.»›>|→-]+$/, '');
    const line = lineCues.get(bare);
    if (line) return line;
    // A phrase that is a prefix of `bare` starts with its first character ("" for an empty line, like charAt).
    for (const { cue, wordEnd } of (bare.length ? prefixByFirst.get(bare.charAt(0)) : prefixByFirst.get('')) ?? NO_CUES) {
      if (!bare.startsWith(cue.phrase)) continue;
      const next = bare.charAt(cue.phrase.length);
      if (wordEnd && /[a-z0-9]/.test(next)) continue; // "share" must not match "shareholders"
      return cue;
    }
    for (const cue of containsCues) if (norm.includes(cue.phrase)) return cue;
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
    // Capitalised words; a dot only inside a word ("XINHUANET.com"), so "Press. All rights" stops at "Press".
    const W = String.raw`[\p{Lu}\p{N}][\p{L}\p{N}&'’-]*(?:\.[\p{L}\p{N}]+)*`;
    const NAME = String.raw`(${W}(?: (?:of|the|and|&|de|du|la|le) ${W}| (?!All rights)${W}){0,5})`;
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
  };
  cache.set(lexicons, cues);
  return cues;
}
