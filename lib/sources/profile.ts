/**
 * Resolves a source phrase (a token range the attribution rules found) against
 * the lexicons: what kind of speaker it is (a named person, an outlet, a
 * government body, a capital, a role, an anonymous source), its type,
 * identity, country and canonical name. Coreference happens later, in
 * lib/attribution/coref.ts, from the fields this returns.
 */
import type { LexiconRef, SourceIdentity, SourceType } from '../types.js';
import type { Knowledge, Term } from './knowledge.js';
import type { PhraseHit } from './phrase-matcher.js';

/** The tokens of a text with their term hits, shared by the rules and the resolver. */
export interface TokenView {
  text: string;
  starts: Int32Array;
  ends: Int32Array;
  pos: string[];
  values: string[];
  keys: string[];
  /** The term hit that starts at token i. */
  termAt: (PhraseHit<Term> | undefined)[];
  /** Index into termAt of the hit covering token i, or -1. */
  termCover: Int32Array;
  /** 1 where a sentence starts (when known). */
  sentenceStart?: Uint8Array;
  kb: Knowledge;
}

export type MentionKind = 'person' | 'outlet' | 'body' | 'place' | 'group' | 'role' | 'anonymous' | 'pronoun' | 'unknown';

export interface Mention {
  tokStart: number;
  tokEnd: number;
  start: number;
  end: number;
  text: string;
  kind: MentionKind;
  canonical: string;
  type: SourceType;
  identity: SourceIdentity;
  country: string | string[] | null;
  evidence: LexiconRef[];
  /** A personal name as written (without honorific), for surname coreference. */
  name: string | null;
  /** Role head words in the phrase (spokesman, speaker): definite role phrases corefer through them. */
  roles: string[];
  gender: 'f' | 'm' | null;
  /** he / she / they / it when the source is a pronoun. */
  pronoun: string | null;
  /** Starts with "the" and names nobody: may refer back to a named source. */
  definite: boolean;
  plural: boolean;
  /** Names a company or is a company word ("Velora Motors Inc", "the chipmaker"): "the company" may refer to it. */
  company: boolean;
}

/** Object forms, for "quoted him as saying": the subject form they stand for. */
const OBJECT_PRONOUNS = new Map<string, string>([
  ['him', 'he'],
  ['her', 'she'],
  ['them', 'they'],
]);
const PRONOUNS = new Map<string, 'f' | 'm' | null>([
  ['he', 'm'],
  ['she', 'f'],
  ['they', null],
  ['it', null],
]);
/** Prepositions that open a complement inside a source phrase ("a spokesman for the ministry"). */
const COMPLEMENT = new Set(['of', 'for', 'at', 'with', 'from', 'in']);
const ARTICLES = new Set(['the', 'a', 'an']);
/** Words a multi-word term may end on when a complement follows it. */
const LINK_END = new Set(['of', 'for', 'at', 'with', 'from', 'in', 'to']);

interface Element {
  kind: Term['kind'] | 'name' | 'noun' | 'pron' | 'other';
  term?: Term;
  start: number;
  end: number;
}

/** Lower-case or capitalized particles that belong to surnames (closed class). */
export const NAME_PARTICLES = new Set(['de', 'del', 'della', 'dello', 'delle', 'degli', 'dei', 'der', 'den', 'van', 'von', 'da', 'di', 'du', 'dos', 'le', 'la', 'al', 'el', 'bin', 'ibn', 'ter', 'st.']);

function isUpper(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde);
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c >= 0xc0;
}

function elementsOf(view: TokenView, s: number, e: number): Element[] {
  const out: Element[] = [];
  for (let i = s; i < e; ) {
    const hit = view.termAt[i];
    if (hit && hit.end <= e) {
      const term = pickTerm(hit.payloads);
      const prev = out[out.length - 1];
      if (term.kind === 'person' && prev && prev.kind === 'name' && prev.end === i) {
        // "Alan Kirby" is not the lexicon's Kirby: a different first name makes it someone else.
        prev.end = hit.end;
        i = hit.end;
        continue;
      }
      out.push({ kind: term.kind, term, start: i, end: hit.end });
      i = hit.end;
      continue;
    }
    const pos = view.pos[i];
    const particleStart = NAME_PARTICLES.has(view.keys[i]) && i + 1 < e && view.pos[i + 1] === 'PROPN' && isUpper(view.values[i + 1].charCodeAt(0));
    // "Citizen/NOUN TV/PROPN": inside a sentence, a capitalized noun before a proper noun starts a name.
    const nounStart =
      pos === 'NOUN' && isUpper(view.values[i].charCodeAt(0)) && i > s && !view.sentenceStart?.[i] && i + 1 < e && !view.termAt[i + 1] && view.pos[i + 1] === 'PROPN' && isUpper(view.values[i + 1].charCodeAt(0));
    // "Ted/VERB Nolan", "Xerox/VERB Corp": a capitalized word the tagger reads as a verb before a proper noun starts a name
    // (not a reporting verb: "Says Peskov").
    const verbStart =
      (pos === 'VERB' || pos === 'AUX') && isUpper(view.values[i].charCodeAt(0)) && i + 1 < e && !view.termAt[i + 1] && view.pos[i + 1] === 'PROPN' && isUpper(view.values[i + 1].charCodeAt(0)) && !view.kb.cues.startsWith(view.keys[i]);
    if ((pos === 'PROPN' && isUpper(view.values[i].charCodeAt(0))) || particleStart || nounStart || verbStart) {
      let j = i + 1;
      while (
        j < e &&
        !view.termAt[j] &&
        ((view.pos[j] === 'PROPN' && isUpper(view.values[j].charCodeAt(0))) ||
          (view.values[j] === '-' && j + 1 < e && isLetter(view.values[j + 1].charCodeAt(0))) ||
          // "Lee Ji-won": the lower-case syllable glued after a name's hyphen.
          (view.values[j - 1] === '-' && view.ends[j - 1] === view.starts[j] && view.starts[j - 1] === view.ends[j - 2] && isLetter(view.values[j].charCodeAt(0))) ||
          // "Herman De Croo", "von Garlem": particles inside a name.
          (NAME_PARTICLES.has(view.keys[j]) && j + 1 < e && view.pos[j + 1] === 'PROPN' && isUpper(view.values[j + 1].charCodeAt(0))))
      )
        j++;
      out.push({ kind: 'name', start: i, end: j });
      i = j;
      continue;
    }
    if (pos === 'PRON' && (PRONOUNS.has(view.keys[i]) || OBJECT_PRONOUNS.has(view.keys[i]))) out.push({ kind: 'pron', start: i, end: i + 1 });
    else if (pos === 'NOUN') out.push({ kind: 'noun', start: i, end: i + 1 });
    else out.push({ kind: 'other', start: i, end: i + 1 });
    i++;
  }
  return out;
}

/** Several entries can share a phrase ("US" a country name and a demonym): prefer the most specific. */
const TERM_RANK: Record<string, number> = { outlet: 0, person: 1, body: 2, capital: 3, country: 4, demonym: 5, role: 6, group: 7, anonymous: 8, 'anonymity-clause': 9, honorific: 10, time: 11 };

function pickTerm(payloads: Term[]): Term {
  let best = payloads[0];
  for (const p of payloads) if (TERM_RANK[p.kind] < TERM_RANK[best.kind]) best = p;
  return best;
}

/** A company role ("chairman") tied to a government ("Fed Chairman", "the Russian ... chairman") is an official's. */
function roleType(role: Term, core: Element[], before: number, countries: string | string[] | null): SourceType {
  const type = role.type!;
  if (type !== 'organization') return type;
  const government = core.some(
    (el) => el.start < before && el.term && ((el.kind === 'body' && el.term.type === 'government') || (el.kind === 'group' && el.term.type === 'government') || el.kind === 'capital'),
  );
  // "Bank of America vice-president", "Apple chairman": a company's country makes no official of its people.
  const company = core.some((el) => el.start < before && ((el.kind === 'group' && el.term!.type === 'organization') || (el.kind === 'body' && el.term!.company)));
  return government || (countries !== null && !company) ? 'official' : type;
}

function refOf(term: Term): LexiconRef {
  return { lexicon: term.lexicon, entryId: term.entryId };
}

function uniqueCountries(list: (string | null | undefined)[]): string | string[] | null {
  const set = [...new Set(list.filter((c): c is string => !!c))];
  return set.length === 0 ? null : set.length === 1 ? set[0] : set;
}

/**
 * The phrase's words with countries and capitals in the possessive written as
 * the demonym ("South Korea's foreign ministry" -> "South Korean foreign ministry"),
 * without a leading "the".
 */
function normalizedName(view: TokenView, elements: Element[]): string {
  const parts: string[] = [];
  for (let k = 0; k < elements.length; k++) {
    const el = elements[k];
    const next = elements[k + 1];
    if ((el.kind === 'country' || el.kind === 'capital') && next && next.kind === 'other' && view.keys[next.start] === "'s") {
      parts.push(el.term!.canonical!);
      k++;
      continue;
    }
    parts.push(view.text.slice(view.starts[el.start], view.ends[el.end - 1]));
  }
  while (parts.length > 1 && ARTICLES.has(parts[0].toLowerCase()) && parts[0].toLowerCase() === 'the') parts.shift();
  // Each replacement runs only when the name holds what it replaces (this runs for every candidate source).
  let name = parts.join(' ');
  if (!plainSpaced(name)) name = name.replace(/\s+/g, ' ');
  if (name.includes("'s") || name.includes('\u2019s')) name = name.replace(/ (['\u2019]s)\b/g, '$1');
  if (name.includes(' - ')) name = name.replace(/ - /g, '-');
  return name;
}

/** ASCII with no whitespace but single spaces: `/\s+/g` -> ' ' leaves it as it is. */
function plainSpaced(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || (c >= 9 && c <= 13) || (c === 32 && i > 0 && text.charCodeAt(i - 1) === 32)) return false;
  }
  return true;
}

type Base = Pick<Mention, 'tokStart' | 'tokEnd' | 'start' | 'end' | 'text' | 'evidence' | 'roles' | 'pronoun' | 'definite' | 'plural' | 'name' | 'gender' | 'company'>;
type Resolved = Pick<Mention, 'kind' | 'canonical' | 'type' | 'identity' | 'country'> & Partial<Pick<Mention, 'name' | 'gender' | 'pronoun' | 'definite' | 'plural'>>;

/** One object shape for every mention (object spread with overrides is slow in V8's hot paths). */
function make(b: Base, r: Resolved): Mention {
  return {
    tokStart: b.tokStart,
    tokEnd: b.tokEnd,
    start: b.start,
    end: b.end,
    text: b.text,
    kind: r.kind,
    canonical: r.canonical,
    type: r.type,
    identity: r.identity,
    country: r.country,
    evidence: b.evidence,
    name: r.name !== undefined ? r.name : b.name,
    roles: b.roles,
    gender: r.gender !== undefined ? r.gender : b.gender,
    pronoun: r.pronoun !== undefined ? r.pronoun : b.pronoun,
    definite: r.definite !== undefined ? r.definite : b.definite,
    plural: r.plural !== undefined ? r.plural : b.plural,
    company: b.company,
  };
}

/**
 * "Bureau of Statistics", "University of São Paulo", "Headquarters for the Treatment of
 * Prisoners of War": after a capitalized organization word (a group term), "of"/"for"
 * and capitalized words continue the name. Returns the end (exclusive element index)
 * of the continuation, or `at` when there is none. A person's name never runs on
 * ("Ray Whitcomb of Kansas").
 */
function nameRunsOn(view: TokenView, all: Element[], at: number, previous: Element): number {
  const key = view.keys[all[at].start];
  if ((key !== 'of' && key !== 'for') || previous.kind !== 'group' || !isUpper(view.values[previous.start].charCodeAt(0))) return at;
  const capital = (el: Element | undefined) => !!el && el.kind !== 'other' && el.kind !== 'pron' && el.kind !== 'time' && isUpper(view.values[el.start].charCodeAt(0));
  let k = at;
  let end = at;
  while (k < all.length) {
    const kk = view.keys[all[k].start];
    if (all[k].kind === 'other' && (kk === 'of' || kk === 'for' || kk === '&' || kk === 'and')) {
      let n = k + 1;
      if (all[n] && all[n].kind === 'other' && view.keys[all[n].start] === 'the') n++;
      if (!capital(all[n])) break;
      k = n;
      continue;
    }
    if (!capital(all[k])) break;
    k++;
    end = k;
  }
  return end;
}

/** Prepositions that tie a role to the body it speaks for ("economists at", "a spokesman for"). */
const AFFILIATION = new Set(['at', 'for', 'of', 'with', 'from']);

/**
 * The elements after the phrase's head when it opens with one of `preps` and an optional
 * "the" ("for the sheriff's office" gives "sheriff's office"); null when no such preposition, or nothing, follows.
 */
function complementAfter(view: TokenView, all: Element[], main: Element[], preps: ReadonlySet<string>): Element[] | null {
  let k = main.length;
  const prep = all[k];
  if (!prep || prep.kind !== 'other' || !preps.has(view.keys[prep.start])) return null;
  k++;
  if (all[k] && all[k].kind === 'other' && view.keys[all[k].start] === 'the') k++;
  return k < all.length ? all.slice(k) : null;
}

/**
 * The elements of a named affiliation after the phrase's head ("at Goldman Sachs",
 * "for the Bank of England"): a preposition, an optional "the", then only names,
 * outlets, bodies and places running to the phrase's end. Null otherwise
 * ("a spokesman for the ministry" keeps its words as written).
 */
function namedComplement(view: TokenView, all: Element[], main: Element[]): Element[] | null {
  const rest = complementAfter(view, all, main, AFFILIATION);
  if (!rest) return null;
  const capitalGroup = rest.some((el) => el.kind === 'group' && isUpper(view.values[el.start].charCodeAt(0)));
  // A name, or an organization word with a place ("the University of Lagos").
  if (!rest.some((el) => el.kind === 'name' || el.kind === 'outlet' || el.kind === 'body' || (capitalGroup && (el.kind === 'capital' || el.kind === 'country')))) return null;
  const glue = (el: Element) => el.kind === 'other' && (view.keys[el.start] === 'of' || view.keys[el.start] === '&' || view.keys[el.start] === 'and' || view.keys[el.start] === "'s");
  if (!rest.every((el) => el.kind === 'name' || el.kind === 'outlet' || el.kind === 'body' || el.kind === 'country' || el.kind === 'capital' || el.kind === 'group' || glue(el))) return null;
  if (rest[0].kind === 'other' || rest[rest.length - 1].kind === 'other') return null;
  // A lower-case body word alone ("for the ministry") is no name.
  if (!rest.some((el) => isUpper(view.values[el.start].charCodeAt(0)))) return null;
  return rest;
}

/**
 * The words of a lower-case affiliation after the phrase's head ("for the sheriff's office",
 * "for the residents", "of electricity"): a preposition, an optional "the", then common nouns,
 * adjectives and possessives only, running to the phrase's end. Null when a name, a pronoun
 * or anything else is in it.
 */
function commonComplement(view: TokenView, all: Element[], main: Element[], preps: ReadonlySet<string>): Element[] | null {
  const rest = complementAfter(view, all, main, preps);
  if (!rest) return null;
  for (const el of rest) {
    if (isUpper(view.values[el.start].charCodeAt(0))) return null;
    const fits = el.kind === 'noun' || el.kind === 'group' || el.kind === 'role' || (el.kind === 'other' && (view.keys[el.start] === "'s" || view.pos[el.start] === 'ADJ'));
    if (!fits) return null;
  }
  const last = rest[rest.length - 1];
  return last.kind === 'other' ? null : rest;
}

const OF_ONLY: ReadonlySet<string> = new Set(['of']);
const IN_ONLY: ReadonlySet<string> = new Set(['in']);

/** The words of "in <place>" after a role: capitalized names, places and their glue only, to the phrase's end. */
function placeComplement(view: TokenView, all: Element[], main: Element[]): Element[] | null {
  const rest = complementAfter(view, all, main, IN_ONLY);
  if (!rest || !isUpper(view.values[rest[0].start].charCodeAt(0))) return null;
  for (const el of rest) {
    const glue = (el.kind === 'other' || el.kind === 'noun') && (view.values[el.start] === '-' || NAME_PARTICLES.has(view.keys[el.start]) || /^[a-z]{1,3}(?:-\p{Lu}\p{Ll}*)?$/u.test(view.values[el.start]));
    if (!(el.kind === 'name' || el.kind === 'capital' || el.kind === 'country' || glue || (el.kind === 'noun' && isUpper(view.values[el.start].charCodeAt(0))))) return null;
  }
  return isUpper(view.values[rest[rest.length - 1].start].charCodeAt(0)) ? rest : null;
}

/** Is the word at token i written, capitalized, inside a sentence elsewhere in the text (a name, not a plural noun)? */
function nameElsewhere(view: TokenView, i: number): boolean {
  const value = view.values[i];
  for (let t = 1; t < view.values.length; t++) if (t !== i && view.values[t] === value && !view.sentenceStart?.[t]) return true;
  return false;
}

/** Words that take a part of a group already named ("one of the people", "two of the officials"). */
const PARTITIVES = new Set(['one', 'two', 'three', 'another', 'some', 'several', 'both', 'each', 'none']);
/** The `pronoun` of "one of them", "two of them": a part of a plural group named before. */
export const PART_OF_THEM = 'of-them';
const PARTITIVE_DETERMINERS = new Set(['the', 'those', 'these']);
/** First words of the anonymity clauses that say what an unnamed source knows, not why it is unnamed. */
const KNOWLEDGE_CLAUSE = new Set(['familiar', 'close', 'with']);

/** Singular and plural of the nouns anonymous sources go by, so "the person" finds "people familiar with". */
const NUMBER_FORMS: Record<string, string[]> = { person: ['person', 'people'], people: ['person', 'people'] };

/**
 * "one of the people", "One of the officials": a back-reference to a group of sources the
 * article named before ("three people familiar with the plans"). A definite mention whose
 * `roles` hold the group's noun (both numbers); coreference finds the group.
 */
function partitive(view: TokenView, s: number, e: number): Mention | null {
  // "One of them said": a part of the plural group of sources just named; coreference finds it.
  if (e - s === 3 && PARTITIVES.has(view.keys[s]) && view.keys[s + 1] === 'of' && view.keys[s + 2] === 'them') {
    const start = view.starts[s];
    const end = view.ends[e - 1];
    const text = view.text.slice(start, end);
    return { tokStart: s, tokEnd: e, start, end, text, kind: 'pronoun', canonical: text, type: 'unknown', identity: 'anonymous', country: null, evidence: [], name: null, roles: [], gender: null, pronoun: PART_OF_THEM, definite: true, plural: false, company: false };
  }
  if (e - s < 4 || !PARTITIVES.has(view.keys[s]) || view.keys[s + 1] !== 'of' || !PARTITIVE_DETERMINERS.has(view.keys[s + 2])) return null;
  const noun = view.keys[e - 1];
  if (view.pos[e - 1] !== 'NOUN' && !view.termAt[e - 1] && view.termCover[e - 1] < 0) return null;
  const inner = profileSource(view, s + 3, e);
  const start = view.starts[s];
  const end = view.ends[e - 1];
  const singular = noun.endsWith('s') ? noun.slice(0, -1) : noun;
  const forms = NUMBER_FORMS[noun] ?? [noun, singular, singular + 's'];
  return {
    tokStart: s,
    tokEnd: e,
    start,
    end,
    text: view.text.slice(start, end),
    kind: 'anonymous',
    canonical: view.text.slice(start, end).replace(/\s+/g, ' '),
    type: inner?.type ?? 'unknown',
    identity: inner && inner.identity !== 'named' ? inner.identity : 'anonymous',
    country: inner?.country ?? null,
    evidence: inner?.evidence ?? [],
    name: null,
    roles: forms,
    gender: null,
    pronoun: null,
    definite: true,
    plural: false,
    company: false,
  };
}

/** Resolve the source phrase spanning tokens [s, e). Returns null when it names no possible speaker. */
export function profileSource(view: TokenView, s: number, e: number): Mention | null {
  // Trim time words at both edges ("Peskov on Monday", "Earlier, ...").
  while (s < e && view.termAt[s]?.payloads[0].kind === 'time' && view.termAt[s]!.end <= e) s = view.termAt[s]!.end;
  while (e > s && view.termCover[e - 1] >= 0 && view.termAt[view.termCover[e - 1]]!.payloads[0].kind === 'time') e = view.termCover[e - 1];
  while (e > s && /^[,.;:\u2014\u2013-]$/.test(view.values[e - 1])) e--;
  if (s >= e) return null;
  const part = partitive(view, s, e);
  if (part) return part;

  const all = elementsOf(view, s, e);
  // The head lies before the first complement preposition and outside parentheses.
  const main: Element[] = [];
  let depth = 0;
  /** The organization word a name runs on from ("Bureau" in "Pakistan Bureau of Statistics"). */
  let nameHead: Element | undefined;
  for (let idx = 0; idx < all.length; idx++) {
    const el = all[idx];
    const v = view.values[el.start];
    if (el.kind === 'other' && v === '(') depth++;
    else if (el.kind === 'other' && v === ')') depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      if (el.kind === 'other' && main.length && (COMPLEMENT.has(view.keys[el.start]) || (view.keys[el.start] === 'close' && view.keys[el.start + 1] === 'to'))) {
        const upto = nameRunsOn(view, all, idx, main[main.length - 1]);
        if (upto > idx) {
          nameHead ??= main[main.length - 1];
          for (let k = idx; k < upto; k++) main.push(all[k]);
          idx = upto - 1;
          continue;
        }
        break;
      }
      main.push(el);
      // "people familiar with the talks", "a person with knowledge of": what follows the term's own
      // linking word is its complement, not the head.
      if (el.term && el.end - el.start > 1 && LINK_END.has(view.keys[el.end - 1])) break;
    }
  }
  // "an unnamed official": an anonymity word before the head stays in the name; a clause after it does not.
  const core = main.filter((el, k) => el.kind !== 'time' && (el.kind !== 'anonymity-clause' || main.slice(k + 1).some((x) => x.kind !== 'other' && x.kind !== 'anonymity-clause' && x.kind !== 'time')));
  let head: Element | undefined = nameHead;
  for (let k = core.length - 1; k >= 0 && !head; k--) if (core[k].kind !== 'other' || isLetter(view.values[core[k].start].charCodeAt(0))) head = core[k];
  if (!head) return null;
  // Nothing that can speak: no lexicon term, no name, no pronoun ("the report", "prices").
  if ((head.kind === 'noun' || head.kind === 'other') && !core.some((el) => el.kind === 'body' || el.kind === 'outlet' || el.kind === 'person')) return null;

  const start = view.starts[s];
  const end = view.ends[e - 1];
  const text = view.text.slice(start, end);
  const evidence: LexiconRef[] = [];
  for (const el of all) if (el.term && el.kind !== 'time') evidence.push(refOf(el.term));
  const anonymous = all.some((el) => el.kind === 'anonymity-clause');
  const has = (kind: Element['kind']) => all.find((el) => el.kind === kind);
  // A company's country is its people's affiliation: "Goldman's chief UK economist" works for a US bank.
  const companyCountry = all.find((el) => el.kind === 'body' && el.term!.company && el.term!.country)?.term!.country;
  const modifierCountries = companyCountry ?? uniqueCountries(all.map((el) => (el.term && el.kind !== 'person' ? el.term.country : null)));
  const honorific = core.find((el) => el.kind === 'honorific');
  // Roles are compared by their head word ("spokesman"), not by lexicon entry (judge and officer share one).
  const roles = all.filter((el) => el.kind === 'role').map((el) => el.term!.roleKey ?? view.keys[el.end - 1]);
  const roleGender = all.find((el) => el.kind === 'role' && el.term!.gender)?.term!.gender ?? null;
  const firstKey = view.keys[s];
  const lastKey = view.keys[head.end - 1];
  // Plurals in -s, and in -men ("businessmen", "spokesmen", "women") for roles.
  let plural = ((lastKey.endsWith('s') && !lastKey.endsWith("'s")) || (head.kind === 'role' && lastKey.endsWith('men'))) && (view.pos[head.end - 1] === 'NOUN' || head.kind === 'role' || head.kind === 'anonymous' || head.kind === 'group');
  // "people familiar with the matter": an anonymous term's noun need not be its last word.
  if (head.kind === 'anonymous') for (let t = head.start; t < head.end && !plural; t++) plural = view.keys[t] === 'people' || (t < head.end - 1 && view.keys[t] === 'sources');
  const base: Base = {
    tokStart: s,
    tokEnd: e,
    start,
    end,
    text,
    evidence,
    roles,
    pronoun: null,
    definite: false,
    plural,
    company: all.some((el) => el.term?.company === true),
    name: null,
    gender: honorific?.term?.gender ?? roleGender,
  };

  if (head.kind === 'pron') {
    const p = OBJECT_PRONOUNS.get(view.keys[head.start]) ?? view.keys[head.start];
    if (core.length !== 1) return null;
    return make(base, { kind: 'pronoun', canonical: text, type: 'unknown', identity: 'anonymous', country: null, pronoun: p, gender: PRONOUNS.get(p) ?? null, plural: p === 'they' });
  }
  if (head.kind === 'person' || head.kind === 'name') {
    const person = head.kind === 'person' ? head.term! : undefined;
    const orgSuffix = core.find((el) => el.kind === 'group' && el.term!.type === 'organization' && el.start > head.start);
    // "Spanish newspaper Marca", "local broadcaster Citizen TV": a media word right before a name makes it an outlet.
    const descriptor = head.kind === 'name' ? core.find((el) => el.kind === 'group' && el.end === head.start && (el.term!.type === 'media' || el.term!.type === 'state-media' || el.term!.type === 'organization')) : undefined;
    // "the African Union Election Observation Mission", "the Daily Star": a capitalized body or group word
    // inside a sentence, right before a name, is the first part of one proper name, not a descriptor of it.
    const before = head.kind === 'name' ? core.find((el) => el.end === head.start && (el.kind === 'body' || el.kind === 'group')) : undefined;
    if (before && isUpper(view.values[before.start].charCodeAt(0)) && !(before.start === s && (s === 0 || view.sentenceStart?.[s]))) {
      let first = core.indexOf(before);
      while (first > 0 && core[first - 1].kind !== 'other' && core[first - 1].kind !== 'role' && isUpper(view.values[core[first - 1].start].charCodeAt(0))) first--;
      const t = before.term!;
      // "the Saudi Press Agency": a media word in the name makes an outlet, whatever the last group word says.
      const media = core.slice(first, core.indexOf(head)).find((el) => el.term && (el.term.type === 'media' || el.term.type === 'state-media'));
      const type: SourceType = media ? media.term!.type! : t.type === 'government' ? 'government' : 'organization';
      const kind: MentionKind = type === 'media' || type === 'state-media' ? 'outlet' : 'group';
      return make(base, { kind, canonical: normalizedName(view, core.slice(first, core.indexOf(head) + 1)), type, identity: 'named', country: t.country ?? modifierCountries, definite: false });
    }
    if (descriptor) {
      const name = view.text.slice(view.starts[head.start], view.ends[head.end - 1]).replace(/\s+/g, ' ');
      // "state utility Eskom", "security company GardaWorld": a company word before a name makes it a company.
      if (descriptor.term!.type === 'organization') return make(base, { kind: 'group', canonical: name, type: 'organization', identity: 'named', country: modifierCountries, definite: false });
      return make(base, { kind: 'outlet', canonical: name, type: descriptor.term!.type!, identity: 'named', country: modifierCountries });
    }
    if (!orgSuffix) {
      const name = view.text.slice(view.starts[head.start], view.ends[head.end - 1]).replace(/\s+/g, ' ');
      const role = [...core].reverse().find((el) => el.kind === 'role' && el.start < head.start);
      const orgAffiliation = core.some((el) => el.kind === 'group' && el.term!.type === 'organization' && el.start < head.start);
      // A bare one-word name ("Boots said", "Shearson said") may be a company as well as a person.
      const bare = !person && !role && !honorific && head.end - head.start === 1;
      // "Eyewitnesses said", "Cops said": a capitalized plural noun opening a sentence is no name.
      // Unless the text writes the word capitalized inside a sentence too ("Shares in Renesas ...").
      if (bare && head.start === s && view.keys[head.start].endsWith('s') && !view.keys[head.start].endsWith("'s") && (s === 0 || view.sentenceStart?.[s]) && !nameElsewhere(view, s)) return null;
      let type: SourceType = person?.type ?? (role ? roleType(role.term!, core, head.start, modifierCountries) : bare ? 'unknown' : 'person');
      // A named individual who speaks for a company or club (its chief executive, manager or
      // president) is a private person; the company itself is the organization.
      if (!person && role && (type === 'organization' || (type === 'official' && orgAffiliation))) type = 'person';
      return make(base, {
        kind: 'person',
        canonical: person?.canonical ?? name,
        type,
        identity: 'named',
        country: person ? (person.country ?? modifierCountries) : modifierCountries,
        name,
        gender: person?.gender ?? base.gender,
      });
    }
  }
  const outlet = all.find((el) => el.kind === 'outlet');
  if (outlet && (head.kind === 'outlet' || (head.kind === 'group' && head.term!.type === 'media') || head === outlet)) {
    const t = outlet.term!;
    return make(base, { kind: 'outlet', canonical: t.canonical!, type: t.type!, identity: 'named', country: t.country ?? null });
  }
  if (head.kind === 'body') {
    const t = head.term!;
    return make(base, { kind: 'body', canonical: t.canonical!, type: t.type!, identity: 'named', country: t.country ?? modifierCountries });
  }
  if (head.kind === 'capital' || head.kind === 'country') {
    // "Moscow", "Pyongyang and Moscow": capitals and countries speaking as governments.
    const places = core.filter((el) => el.kind !== 'other');
    if (places.every((el) => el.kind === 'capital' || el.kind === 'country')) {
      return make(base, { kind: 'place', canonical: normalizedName(view, core), type: 'government', identity: 'named', country: uniqueCountries(places.map((el) => el.term!.country)) });
    }
  }
  const canonical = normalizedName(view, core);
  const definite = firstKey === 'the' && !has('name') && !has('person');
  // "Microsoft Corp", "Moody's Investors Service Inc": a known company with its legal form is that company.
  if (head.kind === 'group' && head.term!.company && head === core[core.length - 1]) {
    const known = core.find((el) => el.kind === 'body' && el.end === head.start && el.term!.type === 'organization');
    if (known && core.every((el) => el === known || el === head || (el.kind === 'other' && el.start < known.start))) {
      return make(base, { kind: 'body', canonical: known.term!.canonical!, type: 'organization', identity: 'named', country: known.term!.country ?? null });
    }
  }
  if (head.kind === 'group' || head.kind === 'demonym') {
    const t = head.term!;
    const named = !!t.namedWithCountry && modifierCountries !== null;
    // "Texaco Inc", "the Business Day newspaper", "Thames Valley Police": a name before the group
    // word names one body; so does a name running on after it ("Office for National Statistics").
    const orgName =
      head.kind === 'group' &&
      firstKey !== 'a' &&
      firstKey !== 'an' &&
      (nameHead !== undefined || (isUpper(view.values[head.start].charCodeAt(0)) && core.some((el) => el.kind === 'name' && el.start < head.start)) ||
        ((t.type === 'organization' || t.type === 'media') && core.some((el) => el.kind === 'name' && el.start < head.start)));
    // "the Japan Exchange Group", "the Philippine Coast Guard": a capitalized group word after other
    // capitalized words (a place, a demonym, another group word) is a proper name too.
    const capitalized = (el: Element) => isUpper(view.values[el.start].charCodeAt(0));
    const properName =
      !orgName &&
      head.kind === 'group' &&
      firstKey !== 'a' &&
      firstKey !== 'an' &&
      capitalized(head) &&
      !(s === head.start || (view.sentenceStart?.[head.start] ?? 0)) &&
      core.filter((el) => el !== head && !(el.kind === 'other' && (view.keys[el.start] === 'the' || view.keys[el.start] === "'s"))).length > 0 &&
      core.every((el) => (el.kind === 'other' && (view.keys[el.start] === 'the' || view.keys[el.start] === "'s")) || (capitalized(el) && el.kind !== 'role' && el.kind !== 'pron'));
    // A proper name keeps its own words: "Ukraine's Coordination Headquarters" is not renamed "Ukrainian ...".
    let name = canonical;
    // "the ministry of electricity" is the electricity ministry, as "the health ministry" is.
    const of = head.kind === 'group' && t.namedWithCountry && head === core[core.length - 1] ? commonComplement(view, all, main, OF_ONLY) : null;
    if (of) name = `${normalizedName(view, of)} ${canonical}`;
    if (orgName && (core[0].kind === 'country' || core[0].kind === 'capital') && core[1]?.kind === 'other' && view.keys[core[1].start] === "'s") name = normalizedName(view, core.slice(2));
    return make(base, {
      kind: 'group',
      canonical: name,
      definite,
      type: head.kind === 'demonym' ? 'government' : t.type!,
      identity: anonymous ? 'anonymous' : named || orgName || properName ? 'named' : 'role',
      country: modifierCountries,
    });
  }
  if (head.kind === 'role') {
    // "Economists at Goldman Sachs", "a spokeswoman for the Bank of England": a named affiliation after the role.
    const after = namedComplement(view, all, main);
    const withAfter = after ? [...core, ...after] : core;
    let type = roleType(head.term!, withAfter, after ? e : head.start, modifierCountries);
    const affiliation = withAfter.find((el) => (el.kind === 'group' || el.kind === 'outlet' || el.kind === 'name') && (el.start < head.start || el.start >= head.end));
    // "a WA Police spokeswoman": a name before a government word is that body's name, not a company's.
    const governmentBody = withAfter.some((el) => (el.kind === 'group' || el.kind === 'body') && el.term!.type === 'government');
    if (type === 'official' && affiliation && (affiliation.kind === 'name' || affiliation.term?.type === 'organization') && !modifierCountries && !head.term!.foreign && !governmentBody) type = 'organization';
    let name = canonical;
    // "a spokesperson for the sheriff's office", "lawyers for the residents": a lower-case affiliation
    // is written before the role as well ("a sheriff's office spokesperson", "residents lawyers").
    const common = after || head !== core[core.length - 1] ? null : commonComplement(view, all, main, AFFILIATION);
    // "Residents in Deir ez-Zor", "officials in Kano": a place the role is in goes before it too.
    const place = after || common || head !== core[core.length - 1] ? null : placeComplement(view, all, main);
    const complement = after ?? common ?? place;
    if (complement) {
      const article = ARTICLES.has(firstKey) && firstKey !== 'the' ? view.values[s] + ' ' : '';
      const role = normalizedName(view, core.filter((el) => !(el.start === s && ARTICLES.has(firstKey))));
      name = `${article}${normalizedName(view, complement)} ${article ? role : role.charAt(0).toLowerCase() + role.slice(1)}`;
    }
    return make(base, { kind: 'role', canonical: name, definite, type, identity: anonymous ? 'anonymous' : 'role', country: modifierCountries });
  }
  if (head.kind === 'anonymous') {
    // "local media reports", "Russian media reports": the media before the reports are the source.
    const before = core[core.indexOf(head) - 1];
    if (before && before.end === head.start && ((before.kind === 'group' && (before.term!.type === 'media' || before.term!.type === 'state-media')) || before.kind === 'outlet')) {
      return profileSource(view, s, head.start);
    }
    const modifier = core.find((el) => (el.kind === 'group' || el.kind === 'role' || el.kind === 'body') && el.start < head.start);
    let type: SourceType = 'unknown';
    if (modifier) type = modifier.term!.type === 'government' ? 'official' : modifier.term!.type ?? 'unknown';
    // "people familiar with the talks": the term's complement belongs to its name.
    // "sources in the board": so does a complement after the head.
    // "a source close to the negotiations", "a source familiar with the talks": what the source knows is part
    // of who it is (as in "people familiar with the matter"); why it is unnamed ("who asked not to be named") is not.
    const knows = all.find((el) => el.kind === 'anonymity-clause' && el.start >= head.end && KNOWLEDGE_CLAUSE.has(view.keys[el.start]));
    const name = knows
      ? view.text.slice(start, view.ends[knows.end - 1]).replace(/\s+/g, ' ')
      : LINK_END.has(view.keys[head.end - 1]) || (head === core[core.length - 1] && all.length > main.length)
        ? text.replace(/\s+/g, ' ')
        : canonical;
    return make(base, { kind: 'anonymous', canonical: name, type, identity: 'anonymous', country: modifierCountries, definite });
  }
  // A possessive before a cue noun or a plain noun: "the Kremlin's statement".
  const owner = [...core].reverse().find((el) => el.kind === 'body' || el.kind === 'outlet' || el.kind === 'person');
  if (owner && head.kind === 'noun') return profileSource(view, owner.start, owner.end);
  return null;
}
