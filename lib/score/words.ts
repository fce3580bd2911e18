/**
 * Plain words for the scorecard and the reports: names of countries, source
 * types and outlet kinds as a 15-year-old would say them, and number formats.
 * Shared by lib/score (explanations) and lib/report (renderers) so both say
 * the same thing.
 */
import type { SourceIdentity, SourceType } from '../types.js';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
/** ICU's lookup is slow for a per-attribution call: each code's name is looked up once. */
const nameOfCode = new Map<string, string>();

/** "RU" -> "Russia"; unknown or malformed codes come back as given. */
export function countryName(code: string | null): string {
  if (code === null || code === 'unknown') return 'unknown country';
  if (!/^[A-Z]{2}$/.test(code)) return code;
  let name = nameOfCode.get(code);
  if (name === undefined) {
    try {
      name = regionNames.of(code) ?? code;
    } catch {
      name = code;
    }
    nameOfCode.set(code, name);
  }
  return name;
}

/** Every country of a source (a list for "Pyongyang and Moscow"). */
export function countriesOf(country: string | string[] | null): string[] {
  if (country === null) return [];
  return Array.isArray(country) ? country : [country];
}

/** Source types as nouns to go after a number ("1 official", "3 officials"). */
export const SOURCE_TYPE_WORDS: Record<SourceType, { one: string; many: string }> = {
  official: { one: 'official', many: 'officials' },
  government: { one: 'government body', many: 'government bodies' },
  'state-media': { one: 'state media outlet', many: 'state media outlets' },
  wire: { one: 'news agency', many: 'news agencies' },
  media: { one: 'other news outlet', many: 'other news outlets' },
  person: { one: 'private person or expert', many: 'private people or experts' },
  organization: { one: 'organization', many: 'organizations' },
  unknown: { one: 'unidentified source', many: 'unidentified sources' },
};

/** "is"/"are" for a count. */
export function verb(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

export const IDENTITY_WORDS: Record<SourceIdentity, string> = {
  named: 'named',
  role: 'described only by role',
  anonymous: 'anonymous',
};

/** Outlet kinds as words ("state-media" -> "state-controlled media"). */
export function outletKindWords(kind: string | null): string {
  switch (kind) {
    case 'state-media':
      return 'state-controlled media';
    case 'public-media':
      return 'independent public media';
    case 'wire':
      return 'a news agency';
    case 'content-farm':
      return 'a content farm';
    case 'digital':
      return 'an online-only outlet';
    case 'aggregator':
      return 'a news aggregator';
    case null:
      return 'an outlet of unknown kind';
    default:
      return `a ${kind}`;
  }
}

/** 0.2857 -> "29%". */
export function percent(share: number | null): string {
  return share === null ? 'n/a' : `${Math.round(share * 100)}%`;
}

/** "1 source", "3 sources". */
export function plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "a, b and c". */
export function listWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Round a share so JSON stays readable and stable (4 decimals). */
export function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}
