/**
 * Whose page is it? The publisher is resolved from what the page says about
 * itself, strongest first: the domain of its URL, a line naming the site
 * ("Add Global News to Home Screen", an author box, a copyright footer), an
 * agency's house dateline ("MOSCOW, October 8. /TASS/." on TASS's own site).
 * Names are resolved through lexicons/outlets.json for kind and country. When
 * the page says nothing, the answer is null: a wire credit names the author
 * of the text, not the owner of the page.
 */
import type { Publisher } from '../types.js';
import { escapeRegExp, type Agency, type ExtractCues, type OutletEntry } from './cues.js';

export interface PublisherInput {
  url: string | null;
  /** Text of the blocks that are not body (furniture, headers, footers). */
  furnitureLines: string[];
  /** An agency dateline in a form only the agency's own site uses, with its text. */
  houseDateline: { agency: Agency; text: string } | null;
  /** The page ends in a repost footer ("Source link"); its text. */
  repostFooter: string | null;
  /** Names of agencies credited in the page (so their copyright is not the site's). */
  creditedAgencies: Set<string>;
}

interface Evidence {
  outlet: OutletEntry | null;
  name: string;
  text: string;
  strong: boolean;
}

/** The host name of a web address, lower case; null without one or when it does not parse. */
export function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.toLowerCase() || null;
  } catch {
    return null;
  }
}

const cueFilters = new WeakMap<ExtractCues, RegExp | null>();

/**
 * A line can match a publisher cue only if it holds that cue's longest literal: one search for any
 * of them rejects most furniture lines before the cues are tried one by one. Null when some cue has no literal.
 */
function cueFilter(cues: ExtractCues): RegExp | null {
  if (!cueFilters.has(cues)) {
    const longest = cues.publisherCues.map((c) => c.literals.reduce((a, b) => (b.length > a.length ? b : a), ''));
    cueFilters.set(cues, longest.length && longest.every((l) => l !== '') ? new RegExp(longest.map(escapeRegExp).join('|')) : null);
  }
  return cueFilters.get(cues)!;
}

/** Every literal occurs in the line (a loop, not `every` with a closure: this runs for each furniture line and cue). */
function holdsAll(line: string, literals: string[]): boolean {
  for (let i = 0; i < literals.length; i++) if (!line.includes(literals[i])) return false;
  return true;
}

export function resolvePublisher(input: PublisherInput, cues: ExtractCues): Publisher | null {
  const found: Evidence[] = [];
  if (input.url) {
    const host = hostOf(input.url);
    const outlet = host ? cues.outletByDomain(host) : null;
    if (outlet && host) {
      const domain = (outlet.domains ?? []).find((d) => host === d || host.endsWith(`.${d}`)) ?? host;
      found.push({ outlet, name: outlet.name, text: domain, strong: true });
    }
  }
  const mayHoldCue = cueFilter(cues);
  for (const line of input.furnitureLines) {
    if (mayHoldCue && !mayHoldCue.test(line)) continue;
    for (const cue of cues.publisherCues) {
      if (!holdsAll(line, cue.literals)) continue;
      const m = cue.regex.exec(line);
      if (!m) continue;
      const name = siteName(m[1].replace(/[.,]+$/, ''), cues);
      if (!name) continue;
      const outlet = cues.outletByName(name);
      if (outlet && input.creditedAgencies.has(outlet.name)) continue; // "© 2023 Reuters" credits the text, not the site
      found.push({ outlet, name: outlet?.name ?? name, text: evidenceText(line, m.index, m[0].length), strong: cue.strength === 'strong' });
    }
  }
  if (input.houseDateline) found.push({ outlet: input.houseDateline.agency.outlet, name: input.houseDateline.agency.outlet.name, text: input.houseDateline.text, strong: true });

  const pick = found.find((e) => e.strong && e.outlet) ?? found.find((e) => e.strong) ?? found.find((e) => e.outlet) ?? found[0];
  if (!pick) return null;
  const evidence = [...new Set(found.filter((e) => e.name === pick.name).map((e) => e.text))];
  if (pick.outlet) return { name: pick.outlet.name, kind: pick.outlet.kind, country: pick.outlet.country, evidence };
  // A site the lexicon does not know that ends its story in a repost footer republishes others' work.
  const country = countryInName(pick.name, cues);
  if (input.repostFooter) return { name: pick.name, kind: 'content-farm', country, evidence: [...evidence, input.repostFooter] };
  return { name: pick.name, kind: null, country, evidence };
}

/** page-furniture entries whose phrases may trail a site's name in its footer. */
const LEGAL_TAIL_ENTRIES: ReadonlySet<string> = new Set(['site-links', 'cookies']);

/**
 * The name a publisher cue caught, without a footer's link labels after it
 * ("Khaleej Times All Rights Reserved", "... Limited Terms Privacy"); null when
 * nothing but such labels or a year is left ("© Copyright 2008", "© 2008 Advertise",
 * "Subscribe to RSS Feed"). The labels are page-furniture phrases.
 */
function siteName(name: string, cues: ExtractCues): string | null {
  const words = name.split(' ');
  for (let i = 0; i < words.length; i++) {
    const tail = words.slice(i).join(' ');
    const hit = cues.furniture(tail);
    // Only link and legal labels: "Today" or "Source" may end a paper's own name ("Christian Today").
    if (!hit || !LEGAL_TAIL_ENTRIES.has(hit.entryId) || !tail.toLowerCase().startsWith(hit.phrase)) continue;
    words.length = i;
    break;
  }
  const left = words.join(' ');
  return left && !/^\d{4}$/.test(left) ? left : null;
}

/**
 * A country named inside an unknown outlet's name ("TruthUSA News Hub",
 * "Daily Nigeria Times"): its words and camel-case parts against the country
 * names of lexicons/countries.json. Ambiguous or absent: null.
 */
function countryInName(name: string, cues: ExtractCues): string | null {
  const parts = name.split(/[\s-]+/).flatMap((w) => w.split(/(?<=\p{Ll})(?=\p{Lu})/u));
  const found = new Set<string>();
  for (const part of parts) {
    // Short forms only when written in capitals ("USA", "UK"); "us" is a word.
    const key = part.toLowerCase();
    if (key.length < 3 && part !== part.toUpperCase()) continue;
    const code = cues.countryByName.get(key);
    if (code) found.add(code);
  }
  return found.size === 1 ? [...found][0] : null;
}

/** The matched cue, widened to the start of its clause ("I'm X, the author behind Y"). */
function evidenceText(line: string, start: number, length: number): string {
  const dot = line.lastIndexOf('. ', start);
  const clauseStart = dot < 0 ? 0 : dot + 2;
  const from = start - clauseStart <= 40 ? clauseStart : start;
  return line.slice(from, start + length).trim();
}
