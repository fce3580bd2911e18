/**
 * Coreference of sources inside one article: "he"/"she", a surname ("Peskov"),
 * and definite role phrases ("the Kremlin spokesman", "the Russian presidential
 * spokesman") take the profile of the named source they refer to. Pronouns and
 * surnames look back; a definite role with no earlier match may look ahead
 * (a lede that names the speaker only further down).
 */
import { PART_OF_THEM, type Mention } from '../sources/profile.js';

interface Entity {
  canonical: string;
  /** Last word of the name, lower case: what a surname-only mention matches. */
  surname: string | null;
  type: Mention['type'];
  identity: Mention['identity'];
  country: Mention['country'];
  roles: Set<string>;
  gender: 'f' | 'm' | null;
  kind: Mention['kind'];
  plural: boolean;
  /** A company: what "the company" refers to. */
  company: boolean;
  /** The entity spoke (a source, not only named in passing): the salient one for "the company". */
  spoke: boolean;
  /** Its mentions so far, retyped together when the entity turns out to be an organization. */
  mentions: Mention[];
  position: number;
}

function compatibleCountry(a: Mention['country'], b: Mention['country']): boolean {
  if (a === null || b === null) return true;
  const as = Array.isArray(a) ? a : [a];
  const bs = Array.isArray(b) ? b : [b];
  return as.some((c) => bs.includes(c));
}

function adopt(m: Mention, e: Entity): void {
  m.canonical = e.canonical;
  m.type = e.type;
  m.identity = e.identity;
  m.country = e.country ?? m.country;
  m.gender = m.gender ?? e.gender;
  m.name = e.canonical;
}

/** "ONS", "CBO", "PLA": two to six capitals. */
function isAcronym(name: string): boolean {
  return /^[A-Z]{2,6}$/.test(name);
}

/** Initials of a name's capitalized words ("Office for National Statistics" -> "ONS"). */
function initials(name: string): string {
  let out = '';
  for (const w of name.split(/[\s-]+/)) if (/^\p{Lu}/u.test(w)) out += w[0];
  return out;
}

/** Nouns news uses for an outlet it has named ("the newspaper said"). */
const OUTLET_NOUNS = new Set(['newspaper', 'paper', 'daily', 'tabloid', 'weekly', 'magazine', 'broadcaster']);

/** The last word of a name, lower case: its head noun ("A Federal Reserve spokesman" -> "spokesman"). */
function lastWord(name: string): string {
  return (name.split(/\s+/).pop() ?? '').toLowerCase();
}

/** The first of its/his/her/their/it/he/she among the words right after a source: "its" when it speaks of itself as a thing. */
function itsFirst(following: string[]): boolean {
  for (const w of following.slice(0, 4)) {
    if (w === 'its') return true;
    if (w === 'it' || w === 'his' || w === 'her' || w === 'their' || w === 'he' || w === 'she' || w === 'they') return false;
  }
  return false;
}

export interface CorefItem {
  mention: Mention;
  /** Words after the mention in its sentence, lower case (for her/his gender cues). */
  following: string[];
  /** A sentence subject that is no attribution: a possible antecedent only ("The mayor ..."). */
  context?: boolean;
  /** A source resolved earlier in this list, made the latest mention again (its entity, by canonical name). */
  refresh?: boolean;
}

/**
 * Resolve mentions in text order. Returns, per item, whether it stands
 * (a pronoun with nothing to refer to is dropped).
 */
export function resolveCoreference(items: CorefItem[]): boolean[] {
  const entities: Entity[] = [];
  const keep = items.map(() => true);
  const unresolvedRoles: number[] = [];

  const register = (m: Mention, position: number, spoke = true): Entity => {
    const surname = m.name ? (m.name.split(/\s+/).pop() ?? '').toLowerCase() : null;
    let entity = entities.find((e) => e.canonical === m.canonical);
    if (!entity) {
      entity = { canonical: m.canonical, surname, type: m.type, identity: m.identity, country: m.country, roles: new Set(), gender: m.gender, kind: m.kind, plural: m.plural, company: m.company, spoke, mentions: [], position };
      entities.push(entity);
    }
    entity.company ||= m.company;
    entity.spoke ||= spoke;
    entity.mentions.push(m);
    for (const r of m.roles) entity.roles.add(r);
    entity.position = position;
    entity.gender ??= m.gender;
    entity.country ??= m.country;
    if (entity.type === 'person' && m.type !== 'person') entity.type = m.type;
    return entity;
  };
  const latest = (pred: (e: Entity) => boolean): Entity | undefined => {
    let best: Entity | undefined;
    for (const e of entities) if (pred(e) && (!best || e.position > best.position)) best = e;
    return best;
  };

  /** A name of unknown kind turns out to be an organization: it and its mentions so far are retyped. */
  const organizationOf = (e: Entity): void => {
    e.type = 'organization';
    e.kind = 'group';
    for (const x of e.mentions) {
      x.type = 'organization';
      x.kind = 'group';
    }
  };
  /**
   * "the company", "the chipmaker": the company that last spoke, else the one last named in
   * passing (salience over recency: "Cascade said it agreed to be bought by Westbourne Capital
   * Partners ... the company said" is Cascade). With no company at all, the article's first
   * named organization or bare name ("Avery said ... The company said"), which is then an organization.
   */
  const companyAntecedent = (): Entity | undefined => {
    // Not a named person who speaks for a company ("ITT Corp chairman Rand Araskog").
    const company = (e: Entity) => e.company && e.identity === 'named' && (e.kind !== 'person' || e.roles.size === 0);
    const found = latest((e) => company(e) && e.spoke) ?? latest(company);
    if (found) return found;
    const lede = entities.find((e) => e.spoke && e.identity === 'named' && ((e.kind === 'group' && e.type === 'organization') || (e.kind === 'person' && e.type === 'unknown' && !e.canonical.includes(' '))));
    if (!lede) return undefined;
    organizationOf(lede);
    lede.company = true;
    return lede;
  };

  items.forEach((item, index) => {
    const m = item.mention;
    if (item.refresh) {
      const entity = entities.find((e) => e.canonical === m.canonical);
      if (entity) entity.position = index;
      return;
    }
    if (item.context) {
      // A company named in passing ("Shares in Velora Motors Inc fell") is an antecedent too.
      // So is a named body ("the Gauteng High Court") that "the court" may refer back to.
      if (m.kind === 'person' || m.kind === 'role' || ((m.company || m.kind === 'group') && m.identity === 'named')) register(m, index, false);
      return;
    }
    if (m.kind === 'pronoun') {
      const p = m.pronoun;
      let target =
        p === 'he' || p === 'she'
          ? latest((e) => ((e.kind === 'person' && (e.type !== 'unknown' || e.canonical.includes(' '))) || (e.kind === 'role' && !e.plural)) && (e.gender === null || e.gender === m.gender))
          : p === 'they'
            ? latest((e) => e.plural || e.kind === 'group' || e.kind === 'body' || e.kind === 'place')
            : p === PART_OF_THEM
              ? latest((e) => e.plural && (e.kind === 'anonymous' || e.kind === 'role' || e.kind === 'group'))
            : latest((e) => (e.kind === 'body' || e.kind === 'group' || e.kind === 'outlet' || e.kind === 'place') && !e.plural);
      // "IC Gas said in a statement ... It said": with no body or group before it, "it" is the name of unknown
      // kind spoken of last, which is then an organization.
      const thing = !target && p === 'it' ? latest((e) => e.kind === 'person' && e.type === 'unknown' && e.gender === null && e.roles.size === 0 && e.identity === 'named') : undefined;
      if (thing) organizationOf(thing);
      if (!target && !thing) {
        keep[index] = false;
        return;
      }
      if (!target) target = thing!;
      const gender = m.gender;
      adopt(m, target);
      m.kind = target.kind;
      if ((p === 'he' || p === 'she') && target.gender === null) target.gender = gender;
      target.position = index;
      return;
    }
    if (m.kind === 'person') {
      let earlierPerson = false;
      // A surname alone, or "Mr. Kim", after the full name.
      if (m.name) {
        const key = m.name.toLowerCase();
        const target =
          // "Peskov" or "De Croo" after "Dmitry Peskov", "Herman De Croo".
          latest((e) => e.kind === 'person' && e.canonical.toLowerCase() !== key && e.canonical.toLowerCase().endsWith(' ' + key)) ??
          // "Brown-Forman said" after "Brown-Forman Inc said": a short form of a named organization.
          latest((e) => e.kind === 'group' && e.type === 'organization' && e.canonical.toLowerCase().startsWith(key + ' ')) ??
          // "Eskom said" after "state utility Eskom": the company the article named.
          latest((e) => e.company && e.identity === 'named' && e.canonical.toLowerCase() === key) ??
          // "the ONS" after "the Office for National Statistics": an acronym of an earlier name.
          (isAcronym(m.name) ? latest((e) => e.kind !== 'pronoun' && e.kind !== 'anonymous' && initials(e.canonical) === m.name) : undefined) ??
          // "Lin" after "Lin Weidong": family name first (Chinese, Korean, Vietnamese, Hungarian names).
          latest((e) => e.kind === 'person' && e.type !== 'unknown' && e.surname !== key && e.canonical.toLowerCase().startsWith(key + ' ') && e.canonical.split(' ').length === 2);
        if (target) {
          earlierPerson = target.kind === 'person';
          const type = m.type;
          adopt(m, target);
          if (type !== 'person' && type !== 'unknown' && target.type === 'person') m.type = type;
          if (target.kind === 'group' || target.kind === 'body') {
            m.kind = target.kind;
            m.company = target.company;
            target.position = index;
            return;
          }
        }
      }
      // "Avery said its board ...": a bare name its own clause calls "its" is an organization, not a person.
      // So is a name a relative "which" follows ("Minera Andes del Sur, which operates the mine, said").
      const written = m.text.replace(/^the\s+/i, '');
      // Only a name standing alone: in "Bill Bolster of Munger Oil said its" the "its" is Munger Oil's.
      const alone = written === m.canonical;
      const which = written.startsWith(m.canonical + ', which ') || (alone && item.following[0] === ',' && item.following[1] === 'which');
      const its = alone && itsFirst(item.following);
      if (!earlierPerson && !m.roles.length && m.gender === null && (which || its) && (m.type === 'unknown' || m.type === 'person')) {
        m.type = 'organization';
        m.kind = 'group';
        register(m, index);
        return;
      }
      const entity = register(m, index);
      // "... Matviyenko told reporters following her visit": the text's own gender cue.
      if (entity.gender === null) {
        const female = item.following.some((w) => w === 'her' || w === 'she' || w === 'herself');
        const male = item.following.some((w) => w === 'his' || w === 'he' || w === 'himself');
        if (female !== male) entity.gender = female ? 'f' : 'm';
      }
      m.gender = entity.gender;
      return;
    }
    // "one of the people", "One of the officials": the group of unnamed sources named before with that noun.
    if (m.definite && m.kind === 'anonymous' && m.roles.length) {
      const target = latest((e) => (e.kind === 'anonymous' || e.kind === 'role' || e.kind === 'group') && e.identity !== 'named' && e.canonical.toLowerCase().split(/\s+/).some((w) => m.roles.includes(w)));
      if (target) {
        adopt(m, target);
        m.name = null;
        target.position = index;
        return;
      }
    }
    // "The spokesman said" after "A Federal Reserve spokesman said", "the sources" after "Banking
    // sources": a definite noun with no name refers back to the unnamed source named before with
    // that head noun (in the same number), unless a named person in that role came before.
    if (m.definite && (m.kind === 'role' || m.kind === 'anonymous') && m.identity !== 'named') {
      const head = lastWord(m.canonical);
      const named = m.kind === 'role' && m.roles.length ? latest((e) => e.kind === 'person' && m.roles.some((r) => e.roles.has(r)) && compatibleCountry(e.country, m.country)) : undefined;
      const target = named ? undefined : latest((e) => (e.kind === 'role' || e.kind === 'anonymous') && e.identity !== 'named' && e.canonical !== m.canonical && lastWord(e.canonical) === head && compatibleCountry(e.country, m.country));
      if (target) {
        adopt(m, target);
        m.kind = target.kind;
        m.name = null;
        target.position = index;
        return;
      }
    }
    if (m.definite && m.kind === 'role' && m.roles.length) {
      const target = latest((e) => e.kind === 'person' && m.roles.some((r) => e.roles.has(r)) && compatibleCountry(e.country, m.country));
      if (target) {
        adopt(m, target);
        m.kind = 'person';
        target.position = index;
      } else unresolvedRoles.push(index);
      return;
    }
    // "The newspaper said" after "The Washington Post reported", "the agency" after "Xinhua said": a
    // definite outlet noun is the outlet named before ("the agency" may also be a body named "... Agency").
    if (m.definite && !m.plural && (m.kind === 'group' || m.kind === 'role')) {
      const head = lastWord(m.canonical);
      const target = OUTLET_NOUNS.has(head)
        ? latest((e) => e.kind === 'outlet' && e.identity === 'named' && (e.type === 'media' || e.type === 'state-media'))
        : head === 'agency'
          ? latest((e) => e.identity === 'named' && ((e.kind === 'outlet' && (e.type === 'wire' || e.type === 'state-media')) || lastWord(e.canonical) === 'agency'))
          : undefined;
      if (target) {
        adopt(m, target);
        m.kind = target.kind;
        target.position = index;
        return;
      }
    }
    // "health ministry data" after "Brazil's Health Ministry", "police" after "Thames Valley Police":
    // a body named without its country or name is the one the article named before.
    if ((m.kind === 'group' || m.kind === 'role') && m.identity === 'role' && m.country === null && !m.plural) {
      const key = ' ' + m.canonical.toLowerCase();
      const target =
        latest((e) => (e.kind === 'group' || e.kind === 'body') && e.identity === 'named' && e.canonical.toLowerCase().endsWith(key)) ??
        (m.definite && m.company && m.kind === 'group' ? companyAntecedent() : undefined);
      if (target) {
        adopt(m, target);
        m.kind = target.kind;
        target.position = index;
        return;
      }
    }
    register(m, index);
  });

  // A definite role with nothing before it: the first later named source in that role.
  for (const index of unresolvedRoles) {
    const m = items[index].mention;
    const later = items.slice(index + 1).find((it) => it.mention.kind === 'person' && it.mention.identity === 'named' && m.roles.some((r) => it.mention.roles.includes(r)) && compatibleCountry(it.mention.country, m.country));
    if (later) {
      const e = entities.find((x) => x.canonical === later.mention.canonical);
      if (e) {
        adopt(m, e);
        m.kind = 'person';
      }
    }
  }
  return keep;
}
