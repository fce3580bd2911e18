/**
 * The lexicons a source is resolved against, compiled once per LexiconSet into
 * token tries: outlets, countries (names, demonyms, capitals), people, source
 * terms (roles, bodies, groups, anonymity), reporting cues and hedges.
 */
import type { LexiconEntry, LexiconSet } from '../lexicon/load.js';
import { annotate } from '../nlp/index.js';
import type { PublisherKind, SourceType } from '../types.js';
import { PhraseMatcher, tokenKey } from './phrase-matcher.js';

export type TermKind =
  | 'outlet'
  | 'country'
  | 'demonym'
  | 'capital'
  | 'person'
  | 'role'
  | 'group'
  | 'body'
  | 'anonymous'
  | 'anonymity-clause'
  | 'honorific'
  | 'time';

export interface Term {
  kind: TermKind;
  lexicon: string;
  entryId: string;
  type?: SourceType;
  /** ISO code of the country the term ties a source to. */
  country?: string | null;
  /** Display name: outlet/person/body canonical name, or the country's demonym. */
  canonical?: string;
  gender?: 'f' | 'm';
  /** Role words that can stand before a name ("President"). */
  title?: boolean;
  /** Coreference key shared by the words of one role ("justice", "judge"). */
  roleKey?: string;
  namedWithCountry?: boolean;
  /** A role that speaks for another country than the story's (diplomat). */
  foreign?: boolean;
  /** A company word or a company's name: "the company" refers back to it. */
  company?: boolean;
  outletKind?: PublisherKind;
  /** How the surface must look: exact (outlet aliases), capitalized (proper names), any. */
  caseRule: 'exact' | 'capitalized' | 'any';
  surface?: string[];
}

export type CueKind = 'verb' | 'according-to' | 'citing' | 'noun' | 'channel';

export interface Cue {
  kind: CueKind;
  entryId: string;
  lemma: string;
  needsComplement: boolean;
  /** An infinitive after the verb counts as its clause ("vowed to fight"); false for "agreed to pay". */
  infinitive: boolean;
  takesAddressee: boolean;
  /** The source after the cue counts only when it is an outlet ("carried by Xinhua"). */
  mediaOnly: boolean;
  /** "dismissed the claim as propaganda": an object with "as" and a characterization is the claim. */
  characterizes: boolean;
  channel: string | null;
}

export interface Hedge {
  kind: 'hedge' | 'vague-attribution';
  entryId: string;
}

export interface Knowledge {
  terms: PhraseMatcher<Term>;
  cues: PhraseMatcher<Cue>;
  hedges: PhraseMatcher<Hedge>;
  /** ISO code -> canonical demonym ("North Korean"). */
  demonymOf: Map<string, string>;
}

interface OutletEntry { id: string; name: string; aliases?: string[]; country: string; kind: PublisherKind }
interface CountryEntry { id: string; code: string; names: string[]; demonyms: string[]; capitals: string[] }
interface PersonEntry { id: string; name: string; aliases: string[]; type: SourceType; country: string | null; gender?: 'f' | 'm' }
interface TermEntry {
  id: string;
  kind: 'role' | 'group' | 'body' | 'anonymous' | 'anonymity-clause' | 'honorific' | 'time';
  phrases: string[];
  type?: SourceType;
  canonical?: string;
  country?: string;
  gender?: 'f' | 'm';
  title?: boolean;
  namedWithCountry?: boolean;
  foreign?: boolean;
  company?: boolean;
  roleKey?: string;
  exactPhrases?: string[];
}
interface OrganizationEntry { id: string; name: string; aliases: string[]; country: string | null; sector?: 'company' | 'university' | 'research' | 'international'; type?: 'organization' | 'government' }
interface CueEntry { id: string; kind: CueKind; lemma: string; phrases: string[]; characterizes?: boolean; needsComplement?: boolean; infinitive?: boolean; takesAddressee?: boolean; mediaOnly?: boolean; channel?: string }
interface HedgeEntry { id: string; kind: 'hedge' | 'vague-attribution'; phrases: string[] }

const cache = new WeakMap<LexiconSet, Knowledge>();

/** Token values of a phrase, tokenized by the same tokenizer as the text. */
function phraseTokens(phrase: string, memo: Map<string, string[]>): string[] {
  let values = memo.get(phrase);
  if (!values) {
    values = annotate(phrase).values;
    memo.set(phrase, values);
  }
  return values;
}

function titleCase(phrase: string): string {
  return phrase.replace(/(^|[\s-])([a-z])/g, (_m, a: string, b: string) => a + b.toUpperCase());
}

const samePayload = (a: { entryId: string; kind: string }, b: { entryId: string; kind: string }) => a.entryId === b.entryId && a.kind === b.kind;

export function compileKnowledge(lexicons: LexiconSet): Knowledge {
  const cached = cache.get(lexicons);
  if (cached) return cached;
  const memo = new Map<string, string[]>();
  const terms = new PhraseMatcher<Term>();
  const cues = new PhraseMatcher<Cue>();
  const hedges = new PhraseMatcher<Hedge>();
  const demonymOf = new Map<string, string>();
  const addTerm = (phrase: string, term: Term) => {
    const values = phraseTokens(phrase, memo);
    terms.add(values.map(tokenKey), term.caseRule === 'exact' ? { ...term, surface: values.map(straight) } : term, (a, b) => samePayload(a, b) && a.caseRule === b.caseRule && String(a.surface) === String(b.surface));
  };

  for (const o of lexicons.entries<OutletEntry & LexiconEntry>('outlets')) {
    const type: SourceType = o.kind === 'state-media' ? 'state-media' : o.kind === 'wire' ? 'wire' : 'media';
    for (const alias of new Set([o.name, ...(o.aliases ?? [])])) {
      // Outlet aliases are case-sensitive ("AP", not "ap"); the trie key is lower case, the surface is checked.
      addTerm(alias, { kind: 'outlet', lexicon: 'outlets', entryId: o.id, type, country: o.country, canonical: o.name, outletKind: o.kind, caseRule: 'exact' });
    }
  }
  for (const c of lexicons.entries<CountryEntry & LexiconEntry>('countries')) {
    const demonym = titleCase(c.demonyms[0] ?? c.names[0]);
    demonymOf.set(c.code, demonym);
    const base = { lexicon: 'countries', entryId: c.id, country: c.code, canonical: demonym, caseRule: 'capitalized' as const };
    for (const n of c.names) addTerm(n, { ...base, kind: 'country' });
    for (const n of c.demonyms) addTerm(n, { ...base, kind: 'demonym' });
    for (const n of c.capitals) addTerm(n, { ...base, kind: 'capital', type: 'government' });
  }
  for (const p of lexicons.entries<PersonEntry & LexiconEntry>('people')) {
    for (const alias of p.aliases) {
      addTerm(alias, { kind: 'person', lexicon: 'people', entryId: p.id, type: p.type, country: p.country, canonical: p.name, gender: p.gender, caseRule: 'capitalized' });
    }
  }
  for (const t of lexicons.entries<TermEntry & LexiconEntry>('source-terms')) {
    const caseRule = t.kind === 'body' ? 'capitalized' : 'any';
    const exact = new Set(t.exactPhrases ?? []);
    for (const phrase of [...t.phrases, ...exact]) {
      addTerm(phrase, {
        kind: t.kind,
        lexicon: 'source-terms',
        entryId: t.id,
        type: t.type,
        country: t.country ?? null,
        canonical: t.canonical,
        gender: t.gender,
        title: t.title,
        roleKey: t.roleKey,
        namedWithCountry: t.namedWithCountry,
        foreign: t.foreign,
        company: t.company,
        caseRule: exact.has(phrase) ? 'exact' : caseRule,
      });
    }
  }
  for (const o of lexicons.entries<OrganizationEntry & LexiconEntry>('organizations')) {
    // Company names are often common words ("Shell", "Apple"): matched as written, like outlet aliases.
    for (const alias of new Set([o.name, ...o.aliases])) {
      // The lexicon's entries with a country are companies; international bodies (the WTO) have none.
      // Universities and research institutes have a country but are no company.
      const company = (o.sector ?? (o.country !== null ? 'company' : 'international')) === 'company';
      addTerm(alias, { kind: 'body', lexicon: 'organizations', entryId: o.id, type: o.type ?? 'organization', country: o.country, canonical: o.name, caseRule: 'exact', company });
    }
  }
  for (const c of lexicons.entries<CueEntry & LexiconEntry>('reporting-cues')) {
    const cue: Cue = {
      kind: c.kind,
      entryId: c.id,
      lemma: c.lemma,
      needsComplement: c.needsComplement ?? false,
      infinitive: c.infinitive ?? true,
      takesAddressee: c.takesAddressee ?? false,
      mediaOnly: c.mediaOnly ?? false,
      characterizes: c.characterizes ?? false,
      channel: c.channel ?? null,
    };
    for (const phrase of c.phrases) cues.add(phraseTokens(phrase, memo).map(tokenKey), cue, samePayload);
  }
  for (const h of lexicons.entries<HedgeEntry & LexiconEntry>('hedges')) {
    for (const phrase of h.phrases) hedges.add(phraseTokens(phrase, memo).map(tokenKey), { kind: h.kind, entryId: h.id }, samePayload);
  }
  const knowledge = { terms, cues, hedges, demonymOf };
  cache.set(lexicons, knowledge);
  return knowledge;
}

/** Function words that may stay lower case inside a proper name ("Bank of Japan"). */
const NAME_GLUE = new Set(['the', 'of', 'and', "'s", '-', 'de', 'la', 'for']);

/** Does the surface of tokens [start, end) fit the term's case rule? */
export function caseFits(term: Term, values: string[], start: number, end: number): boolean {
  if (term.caseRule === 'any') return true;
  if (term.caseRule === 'exact') {
    for (let i = start; i < end; i++) if (straight(values[i]) !== term.surface![i - start]) return false;
    return true;
  }
  for (let i = start; i < end; i++) {
    const v = values[i];
    // A proper name's words start upper case (digits and punctuation pass).
    const c = v.charCodeAt(0);
    if (c >= 97 && c <= 122 && !NAME_GLUE.has(tokenKey(v))) return false;
  }
  return true;
}

function straight(value: string): string {
  // Most tokens hold no curly apostrophe: skip the regex then.
  return value.indexOf('\u2018') < 0 && value.indexOf('\u2019') < 0 ? value : value.replace(/[\u2018\u2019]/g, "'");
}
