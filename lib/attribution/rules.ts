/**
 * The attribution rules of one sentence: where a reporting cue is, and which
 * words around it name the source. Forms: active ("Peskov said"), inverted
 * (", said Peskov"), passive ("confirmed by state media"), fronted/prepositional
 * ("According to Peskov", "citing officials"), cue nouns ("a statement from the
 * Kremlin") and headline tails (", Kremlin says", ": KCNA", "— Kremlin").
 * Source phrases are chunked from POS tags and lexicon hits, then resolved by
 * lib/sources/profile.ts.
 */
import type { Cue } from '../sources/knowledge.js';
import type { PhraseHit } from '../sources/phrase-matcher.js';
import { NAME_PARTICLES, profileSource, type Mention, type TokenView } from '../sources/profile.js';
import type { CueForm } from '../types.js';
import type { Sentence } from '../nlp/index.js';

export interface Candidate {
  sentence: number;
  mention: Mention;
  cue: { tokStart: number; tokEnd: number; lemma: string; form: CueForm; entryId: string };
  ruleId: string;
  toldTo: Mention | null;
  channel: string | null;
}

export interface SentenceView extends TokenView {
  /** The cue hit that starts at token i. */
  cueAt: (PhraseHit<Cue> | undefined)[];
  sentences: Sentence[];
  /** Sentences whose source terms were scanned (termAt/termCover filled). */
  termsDone: Uint8Array;
  /** 1 for tokens inside quotation marks, when known. */
  quoted?: Uint8Array;
}

/** Longest source phrase the rules accept: longer runs are tables or lists, not a speaker. */
export const MAX_SOURCE_TOKENS = 20;

const NP_POS = new Set(['PROPN', 'NOUN', 'ADJ', 'NUM']);
const POSSESSIVE_DET = new Set(['his', 'her', 'its', 'their']);
const FORWARD_LINK = new Set(['of', 'for', 'at']);
const BACKWARD_LINK = new Set(['of', 'for', 'at', 'with', 'from']);
const CLOSING_QUOTES = new Set(['\u201d', '"', '\u00bb', "''"]);
const QUOTE_MARKS = new Set(['\u201c', '\u201d', '"', '\u00ab', '\u00bb', '``', "''"]);
const SKIP_BEFORE_VERB = new Set(['ADV', 'AUX', 'PART']);
const COMPLEMENTIZERS = new Set(['that', ':', ',', 'whether', 'if', 'how', 'why', 'what', 'when', 'to']);
/** A pronoun subject stands for an earlier source; these are the ones resolvable. */
const SUBJECT_PRONOUNS = new Set(['he', 'she', 'they', 'it']);

function isWordy(v: string): boolean {
  return /^[\p{L}\p{N}]/u.test(v);
}

function isTime(view: TokenView, i: number): boolean {
  const c = view.termCover[i];
  return c >= 0 && view.termAt[c]!.payloads[0].kind === 'time';
}

/** End (exclusive) of a noun phrase starting at token i, or i when there is none. */
export function npForward(view: SentenceView, i: number, limit: number): number {
  let j = i;
  if (j < limit && (view.pos[j] === 'DET' || POSSESSIVE_DET.has(view.keys[j]))) j++;
  let last = i;
  limit = Math.min(limit, i + MAX_SOURCE_TOKENS + 1);
  while (j < limit) {
    // A prepositional cue or channel phrase ends the source ("said Peskov in a statement").
    if (j > i && view.cueAt[j]?.payloads.some((p) => p.kind !== 'verb' && p.kind !== 'noun')) break;
    const hit = view.termAt[j];
    if (hit && hit.end <= limit) {
      if (hit.payloads[0].kind === 'time') break;
      j = hit.end;
      last = j;
      continue;
    }
    const k = view.keys[j];
    // "said lead/VERB author Dr Priya Raman": a word the tagger reads as a verb before a role word modifies it.
    const modifier = j === i && view.pos[j] === 'VERB' && !view.cueAt[j] && j + 1 < limit && view.termAt[j + 1]?.payloads.some((p) => p.kind === 'role');
    if ((NP_POS.has(view.pos[j]) && !isTime(view, j)) || modifier || (NAME_PARTICLES.has(k) && j + 1 < limit && view.pos[j + 1] === 'PROPN')) {
      j++;
      last = j;
    } else if ((k === "'s" || k === '-') && j > i && j + 1 < limit && isWordy(view.values[j + 1])) j++;
    else if (k === '(') {
      let close = -1;
      for (let m = j + 1; m < Math.min(limit, j + 12); m++) if (view.keys[m] === ')') { close = m; break; }
      if (close < 0) break;
      j = close + 1;
      last = j;
    } else if ((k === 'and' || k === '&') && j > i && view.pos[j - 1] === 'PROPN' && j + 1 < limit && view.pos[j + 1] === 'PROPN') j++;
    else if (FORWARD_LINK.has(k) && last > i && j + 1 < limit && (NP_POS.has(view.pos[j + 1]) || view.pos[j + 1] === 'DET')) {
      j++;
      if (view.pos[j] === 'DET') j++;
    } else break;
  }
  return last;
}

/** Start of a noun phrase ending at token j (inclusive), or j + 1 when there is none. */
export function npBackward(view: SentenceView, j: number, floor: number): number {
  let a = j + 1;
  let i = j;
  floor = Math.max(floor, j - MAX_SOURCE_TOKENS);
  while (i >= floor) {
    const cover = view.termCover[i];
    if (cover >= 0 && cover >= floor) {
      if (view.termAt[cover]!.payloads[0].kind === 'time' && a <= j) break;
      a = cover;
      i = cover - 1;
      continue;
    }
    const pos = view.pos[i];
    const k = view.keys[i];
    // "Their lead/VERB counsel": a word between a determiner and the noun is a modifier, whatever the tagger says.
    // "the Communist Party-run Global Times", "state-backed": a participle after a hyphen is a modifier too.
    const modifier =
      pos === 'VERB' && a <= j && i > floor && ((view.pos[a] === 'NOUN' && (view.pos[i - 1] === 'DET' || POSSESSIVE_DET.has(view.keys[i - 1]) || view.keys[i - 1] === "'s")) || (view.keys[i - 1] === '-' && view.starts[i] === view.ends[i - 1] && i - 2 >= floor && NP_POS.has(view.pos[i - 2])));
    // "Xerox/VERB Corp", "Pan/NOUN Am/AUX Corp": a capitalized word the tagger misreads before a proper noun is part of the name.
    const misreadName = (pos === 'VERB' || pos === 'AUX') && a <= j && view.pos[a] === 'PROPN' && !view.cueAt[i] && /^\p{Lu}\p{Ll}/u.test(view.values[i]);
    if (NP_POS.has(pos) || modifier || misreadName || (NAME_PARTICLES.has(k) && a <= j && view.pos[a] === 'PROPN')) {
      a = i;
      i--;
    } else if ((k === "'s" || k === '-') && i > floor && isWordy(view.values[i - 1]) && (a <= j || (k === "'s" && view.pos[i - 1] === 'PROPN'))) {
      a = i;
      i--;
    } else if (k === ')' && a <= j + 1) {
      let open = -1;
      for (let m = i - 1; m >= Math.max(floor, i - 12); m--) if (view.keys[m] === '(') { open = m; break; }
      if (open < 0) break;
      a = open;
      i = open - 1;
    } else if ((k === 'and' || k === '&') && a <= j && view.pos[a] === 'PROPN' && i > floor && view.pos[i - 1] === 'PROPN') {
      a = i;
      i--;
    } else if (k === 'to' && a <= j && i - 1 > floor && view.keys[i - 1] === 'close' && NP_POS.has(view.pos[i - 2])) {
      // "sources close to the minister"
      a = i - 1;
      i -= 2;
    } else if (BACKWARD_LINK.has(k) && a <= j && i > floor && NP_POS.has(view.pos[i - 1])) {
      a = i;
      i--;
    } else if ((pos === 'DET' || POSSESSIVE_DET.has(k)) && a <= j) {
      a = i;
      // "an inspector with the Branch": the phrase goes on before a linking word.
      if (i - 2 >= floor && BACKWARD_LINK.has(view.keys[i - 1]) && NP_POS.has(view.pos[i - 2])) {
        i--;
        continue;
      }
      break;
    } else break;
  }
  // A phrase cannot open with a linking word.
  while (a <= j && (BACKWARD_LINK.has(view.keys[a]) || view.keys[a] === 'and' || view.keys[a] === "'s")) a++;
  return a;
}

function profile(view: SentenceView, s: number, e: number): Mention | null {
  if (e <= s || e - s > MAX_SOURCE_TOKENS) return null;
  const m = profileSource(view, s, e);
  if (!m || m.kind === 'unknown') return null;
  return m;
}

/** "Dmitry Peskov, the Kremlin spokesman": one source from a name and its appositive. */
function mergeApposition(view: SentenceView, a: Mention | null, b: Mention | null): Mention | null {
  if (!a || !b) return a ?? b;
  const [named, other] = a.identity === 'named' ? [a, b] : b.identity === 'named' ? [b, a] : [a, b];
  const merged: Mention = {
    ...named,
    tokStart: Math.min(a.tokStart, b.tokStart),
    tokEnd: Math.max(a.tokEnd, b.tokEnd),
    start: Math.min(a.start, b.start),
    end: Math.max(a.end, b.end),
    roles: [...named.roles, ...other.roles],
    evidence: [...named.evidence, ...other.evidence],
    country: named.country ?? other.country,
    gender: named.gender ?? other.gender,
    company: a.company || b.company,
  };
  // The span covers both phrases and what lies between ("Dmitry Peskov, the Kremlin spokesman").
  merged.text = view.text.slice(merged.start, merged.end);
  // "Imran Qureshi, the shop's owner": a company role leaves a named individual a person.
  if (named.kind === 'person' && named.type === 'person' && other.kind === 'role' && other.type !== 'organization') merged.type = other.type;
  // "GardaWorld, the security company", "Okafor, a lawyer": a bare name takes the kind its appositive says.
  if (named.type === 'unknown' && other.type !== 'unknown' && (other.kind === 'group' || other.kind === 'role')) {
    merged.type = other.kind === 'role' && other.type === 'organization' ? 'person' : other.type;
    if (other.kind === 'group') merged.kind = 'group';
  }
  if (other.identity === 'anonymous') merged.identity = 'anonymous';
  return merged;
}

function skipBack(view: SentenceView, i: number, floor: number): number {
  while (i >= floor && (SKIP_BEFORE_VERB.has(view.pos[i]) || isTime(view, i)) && !SUBJECT_PRONOUNS.has(view.keys[i])) {
    if (view.keys[i] === "'s" || view.keys[i] === 'to') break;
    i--;
  }
  return i;
}

/** Prepositions whose object cannot be a clause subject (unlike "after", "as", "while" that open clauses). */
const PURE_PREPOSITIONS = new Set(['by', 'in', 'on', 'of', 'at', 'for', 'from', 'with', 'to', 'into', 'about', 'than', 'during', 'between', 'among', 'over', 'under', 'through']);
const DASHES = new Set(['-', '\u2014', '\u2013', '--']);
const RELATIVE = new Set(['who', 'which', 'whose']);
const BE_FORMS = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', "'s", "'re"]);

function skipAdverbsBack(view: SentenceView, i: number, s: number): number {
  while (i > s && view.pos[i] === 'ADV') i--;
  return i;
}

/**
 * The addressee after a cue that takes one ("told reporters", "told Yonhap"):
 * its profile and the index after it. `skipPronoun` also steps over a bare
 * pronoun object ("told him that").
 */
function readAddressee(view: SentenceView, k: number, e: number, skipPronoun: boolean): { toldTo: Mention | null; k: number } {
  const end = npForward(view, k, e);
  if (end > k) return { toldTo: profileSource(view, k, end), k: skipForward(view, end, e) };
  if (skipPronoun && k < e && view.pos[k] === 'PRON') return { toldTo: null, k: skipForward(view, k + 1, e) };
  return { toldTo: null, k };
}

function skipForward(view: SentenceView, k: number, limit: number): number {
  while (k < limit && (view.pos[k] === 'ADV' || isTime(view, k)) && view.keys[k] !== 'how' && view.keys[k] !== 'why' && view.keys[k] !== 'when') {
    const c = view.termCover[k];
    k = c >= 0 && view.termAt[c]!.end > k ? view.termAt[c]!.end : k + 1;
  }
  return k;
}

/** The subject of an active cue ending just before token i, with its phrase start. */
function activeSubject(view: SentenceView, i: number, s: number): { mention: Mention; start: number } | null {
  const j = skipBack(view, i - 1, s);
  if (j < s) return null;
  const key = view.keys[j];
  if (SUBJECT_PRONOUNS.has(key) && view.pos[j] === 'PRON') {
    const m = profile(view, j, j + 1);
    return m ? { mention: m, start: j } : null;
  }
  if (key === ',') return appositiveSubject(view, j, s) ?? agentAppositive(view, j, s);
  if ((key === 'which' || key === 'who') && j - 1 > s && view.keys[j - 1] === ',') return relativeAntecedent(view, j - 1, s);
  // "One of them said": a partitive of a pronoun (profile.ts resolves it to a part of the group).
  if (key === 'them' && j - 2 >= s && view.keys[j - 1] === 'of') {
    const m = profile(view, j - 2, j + 1);
    return m ? { mention: m, start: j - 2 } : null;
  }
  let a = honorificCut(view, npBackward(view, j, s), j);
  if (a > j) return null;
  // "Residents in Deir ez-Zor told Reuters", "Officials in Kano said": a role or group in a place.
  if (a - 2 >= s && view.keys[a - 1] === 'in' && view.termCover[a - 2] >= 0) {
    const kind = view.termAt[view.termCover[a - 2]]!.payloads[0].kind;
    const b = kind === 'role' || kind === 'anonymous' || kind === 'group' ? npBackward(view, a - 2, s) : a;
    if (b <= a - 2 && (b === s || !(view.pos[b - 1] === 'VERB' || view.pos[b - 1] === 'AUX' || PURE_PREPOSITIONS.has(view.keys[b - 1])))) a = b;
  }
  // An object of another verb or of a preposition is not a subject ("... confirmed a
  // summit said", "indicators released in December indicate").
  if (a > s && (view.pos[a - 1] === 'VERB' || view.pos[a - 1] === 'AUX' || PURE_PREPOSITIONS.has(view.keys[a - 1]))) return null;
  const m = profile(view, a, j + 1);
  return m ? { mention: m, start: a } : null;
}

/** A subject pronoun or noun phrase opening the sentence at `s`, followed by its own verb before `i`. */
function clauseSubject(view: SentenceView, i: number, s: number): { mention: Mention; start: number } | null {
  const end = view.pos[s] === 'PRON' && SUBJECT_PRONOUNS.has(view.keys[s]) ? s + 1 : npForward(view, s, i);
  if (end <= s) return null;
  const v = skipForward(view, end, i);
  if (v >= i || (view.pos[v] !== 'VERB' && view.pos[v] !== 'AUX')) return null;
  const m = profile(view, honorificCut(view, s, end - 1), end);
  return m ? { mention: m, start: s } : null;
}

/**
 * "He ruled ..., but added: ..." / "The ministry said ... and declined ...": a cue
 * after "and"/"but" shares the subject that opens the sentence.
 */
function coordinatedSubject(view: SentenceView, i: number, s: number): { mention: Mention; start: number } | null {
  let j = skipBack(view, i - 1, s);
  if (j < s || (view.keys[j] !== 'and' && view.keys[j] !== 'but')) return null;
  return clauseSubject(view, i, s);
}

/**
 * "Residents interviewed by Reuters in the town said", "Economists polled by Bloomberg said": the
 * sentence opens with a noun phrase, then a participle with its agent ("by ...") and phrases with
 * no verb of their own run up to the cue: the opening noun phrase is the subject.
 */
function reducedRelativeSubject(view: SentenceView, i: number, s: number): { mention: Mention; start: number } | null {
  const end = npForward(view, s, i);
  if (end <= s || end + 2 >= i || view.pos[end] !== 'VERB' || !view.keys[end].endsWith('ed') || view.keys[end + 1] !== 'by') return null;
  for (let t = end + 2; t < skipBack(view, i - 1, s) + 1; t++) if (view.pos[t] === 'VERB' || view.pos[t] === 'AUX' || view.keys[t] === ',' || QUOTE_MARKS.has(view.values[t])) return null;
  const m = profile(view, honorificCut(view, s, end - 1), end);
  return m && m.kind !== 'pronoun' ? { mention: m, start: s } : null;
}

/** Comma-separated pieces a subject may carry before its verb ("Peter Hughes, QC, for the prosecution, said"). */
const MAX_APPOSITIVES = 4;
const PP_OPENERS = new Set(['for', 'of', 'from', 'at', 'with', 'in', 'to']);

/**
 * "Dmitry Peskov, the Kremlin spokesman, said", "The judge, Mr Justice Forbes, said",
 * "Neil, 24, from Runcorn, Cheshire, said": walk back over comma-separated noun
 * phrases, prepositional phrases and ages to the phrase that opens the clause; the
 * source is that phrase, completed by the appositives (name, role, country).
 */
function appositiveSubject(view: SentenceView, comma: number, s: number): { mention: Mention; start: number } | null {
  const nps: [number, number][] = [];
  let pieces = 0;
  let j = comma;
  for (let n = 0; n < MAX_APPOSITIVES; n++) {
    // ", who led the inquiry," and ", prosecuting,": clauses that only describe the subject.
    let c = j - 1;
    while (c > s && j - c < MAX_SOURCE_TOKENS && view.keys[c] !== ',') c--;
    // ", speaking on condition of anonymity because ...," and ", based in Lagos,": participle clauses too.
    if (c > s && view.keys[c] === ',' && (RELATIVE.has(view.keys[c + 1]) || (view.pos[c + 1] === 'VERB' && /(?:ing|ed)$/.test(view.keys[c + 1])))) {
      pieces++;
      j = c;
      continue;
    }
    // "an epidemiologist at the school who was not involved in the study,": the relative clause closes the piece.
    let last = j - 1;
    for (let r = j - 1; r > Math.max(c, s); r--) {
      // "the security company that operates the truck": a restrictive "that" after a noun closes it too.
      // "a tabloid run by the party's newspaper": a participle with its agent closes it as well.
      if ((RELATIVE.has(view.keys[r]) && NP_POS.has(view.pos[r - 1])) || (view.keys[r] === 'that' && view.pos[r - 1] === 'NOUN') || (view.pos[r] === 'VERB' && view.keys[r + 1] === 'by' && view.pos[r - 1] === 'NOUN')) {
        last = r - 1;
        break;
      }
    }
    let a = npBackward(view, last, s);
    if (a > last) return null;
    // "a spokeswoman for the ministry": a noun phrase with its own complement is one piece.
    const withComplement = (x: number) => {
      while (x - 2 >= s && PP_OPENERS.has(view.keys[x - 1]) && NP_POS.has(view.pos[x - 2])) {
        const b = npBackward(view, x - 2, s);
        if (b > x - 2) break;
        x = b;
      }
      return x;
    };
    a = withComplement(a);
    // ", a biologist at the university and the study's lead author,": two appositives joined by "and".
    if (a - 2 > s && view.keys[a - 1] === 'and' && c >= s && view.keys[c] === ',' && c < a - 2) {
      const b = withComplement(npBackward(view, a - 2, s));
      if (b === c + 1) {
        nps.unshift([a, last + 1]);
        last = a - 2;
        a = b;
      }
    }
    let pp = false;
    if (a - 1 >= s && PP_OPENERS.has(view.keys[a - 1])) {
      a--;
      pp = true;
    }
    const before = a - 1;
    if (before < s || view.keys[before] !== ',') {
      // The clause opens here: this piece is the subject itself.
      if (pp || (before >= s && (view.pos[before] === 'VERB' || view.pos[before] === 'AUX' || view.keys[before] === 'by'))) {
        if (nps.length === 0) return null;
        break;
      }
      if (n === 0) return null;
      nps.unshift([a, last + 1]);
      pieces++;
      break;
    }
    pieces++;
    if (!pp && !(last + 1 - a === 1 && view.pos[a] === 'NUM')) nps.unshift([a, last + 1]);
    j = before;
    if (n === MAX_APPOSITIVES - 1) return null;
  }
  if (pieces < 2 || nps.length === 0) return null;
  // "After the verdict, Detective Inspector Cole, of Ipswich CID, said": a fronted
  // adverbial is no part of the subject.
  while (
    nps.length > 1 &&
    ((nps[0][0] - 1 >= s && (PURE_PREPOSITIONS.has(view.keys[nps[0][0] - 1]) || view.pos[nps[0][0] - 1] === 'ADP' || view.pos[nps[0][0] - 1] === 'SCONJ')) ||
      !profile(view, nps[0][0], nps[0][1]))
  )
    nps.shift();
  const [hs, he] = nps[0];
  const head = profile(view, honorificCut(view, hs, he - 1), he);
  if (!head || head.kind === 'pronoun') return null;
  let merged: Mention | null = head;
  for (const [a, b] of nps.slice(1)) {
    const clauseOnly = view.termAt[a] && view.termAt[a]!.end === b && view.termAt[a]!.payloads[0].kind === 'anonymity-clause';
    if (clauseOnly) merged = { ...merged!, identity: 'anonymous' };
    else merged = mergeApposition(view, merged, profile(view, a, b));
  }
  if (!merged) return null;
  // The source's span runs from the head to the last appositive.
  merged = { ...merged, tokStart: head.tokStart, start: head.start, end: Math.max(merged.end, view.ends[comma - 1]), tokEnd: comma };
  merged.text = view.text.slice(merged.start, merged.end);
  return { mention: merged, start: head.tokStart };
}

/**
 * "... was welcomed by the Coalition for App Fairness, a group of developers, which said":
 * the subject of a non-restrictive relative clause is the noun phrase before it, or the
 * name that phrase stands in apposition to.
 */
function relativeAntecedent(view: SentenceView, comma: number, s: number): { mention: Mention; start: number } | null {
  // The object of a preposition ("a report on Turkey, which said") is no safe antecedent; a passive's agent is.
  const governed = (x: number) => x - 1 >= s && view.keys[x - 1] !== 'by' && (PURE_PREPOSITIONS.has(view.keys[x - 1]) || view.pos[x - 1] === 'ADP');
  const a = honorificCut(view, npBackward(view, comma - 1, s), comma - 1);
  if (a > comma - 1) return null;
  let m = profile(view, a, comma);
  let start = a;
  if (governed(a)) m = null;
  // "Iran's ambassador to the United Nations, Amir Sadeghi, who": a role before the name completes it.
  if (m && m.kind === 'person' && m.identity === 'named' && a - 2 > s && view.keys[a - 1] === ',') {
    let b = npBackward(view, a - 2, s);
    while (b - 2 >= s && PP_OPENERS.has(view.keys[b - 1]) && NP_POS.has(view.pos[b - 2])) {
      const c = npBackward(view, b - 2, s);
      if (c > b - 2) break;
      b = c;
    }
    // "ambassador to the United Nations": the role is what comes before its "to".
    let cut = b;
    while (cut < a - 1 && view.keys[cut] !== 'to') cut++;
    const role = b <= a - 2 && !governed(b) ? profile(view, b, cut) : null;
    if (role && role.kind === 'role' && role.identity === 'role') {
      const merged = mergeApposition(view, role, m)!;
      return { mention: merged, start: b };
    }
  }
  // "the Coalition for App Fairness, a group of developers, which": a descriptor stands for the name before it.
  if ((!m || m.identity !== 'named') && a - 1 > s && view.keys[a - 1] === ',') {
    const b = honorificCut(view, npBackward(view, a - 2, s), a - 2);
    const named = b <= a - 2 && !governed(b) ? profile(view, b, a - 1) : null;
    if (named && named.identity === 'named' && named.kind !== 'pronoun') {
      m = named;
      start = b;
    }
  }
  return m && m.kind !== 'pronoun' ? { mention: m, start } : null;
}

/**
 * "The report, published by the World Bank, said ...": a document's subject with a
 * participle appositive "published/released/issued by X" speaks for X.
 */
function agentAppositive(view: SentenceView, comma: number, s: number): { mention: Mention; start: number } | null {
  let c = comma - 1;
  while (c > s && comma - c <= MAX_SOURCE_TOKENS && view.keys[c] !== ',') c--;
  if (c <= s || view.keys[c] !== ',' || view.pos[c + 1] !== 'VERB' || !view.keys[c + 1].endsWith('ed') || (view.keys[c + 2] !== 'by' && view.keys[c + 2] !== 'in')) return null;
  const a = c + 3;
  const end = npForward(view, a, comma);
  if (end <= a || skipForward(view, end, comma) !== comma) return null;
  const m = profile(view, a, end);
  // "The study, published in Nature on Wednesday, found": a document published in an outlet speaks for it.
  if (view.keys[c + 2] === 'in' && (!m || m.kind !== 'outlet')) return null;
  return m && m.kind !== 'pronoun' ? { mention: m, start: a } : null;
}

/** "In the witness box Mr Burstein": a phrase with an honorific starts at the honorific. */
function honorificCut(view: SentenceView, a: number, j: number): number {
  for (let k = j; k > a; k--) {
    const c = view.termCover[k];
    if (c >= 0 && c > a && view.termAt[c]!.payloads[0].kind === 'honorific') {
      const prev = view.termCover[c - 1];
      // "Kremlin spokesman Mr Peskov": a role before the honorific stays.
      if (prev >= 0 && view.termAt[prev]!.payloads.some((p) => p.kind === 'role')) return a;
      return c;
    }
  }
  return a;
}

/** Words that open a clause after an inverted source ("said one source when asked"). */
const CLAUSE_OPENERS = new Set(['when', 'while', 'as', 'where', 'after', 'before', 'because', 'since', 'though', 'although', 'also', 'later', 'then']);

const PP_BEFORE_CLAUSE = new Set(['in', 'at', 'on', 'during', 'after', 'before', 'to']);

/**
 * "wrote in a 62-page opinion that", "argued at a hearing in May that": a few
 * prepositional phrases between a cue and its that-clause. Returns the index of
 * "that", or k when the phrases lead to no that-clause.
 */
function skipPhrasesBeforeThat(view: SentenceView, k: number, e: number): number {
  let m = k;
  for (let n = 0; n < 3 && m < e && PP_BEFORE_CLAUSE.has(view.keys[m]); n++) {
    const end = npForward(view, m + 1, e);
    if (end <= m + 1) return k;
    m = skipForward(view, end, e);
  }
  return m > k && m < e && view.keys[m] === 'that' ? m : k;
}

/** Does a clause follow the cue (a that-clause, a quote, a colon, an infinitive, a subject + verb)? */
function hasComplement(view: SentenceView, k: number, e: number, infinitive = true): boolean {
  if (k >= e) return true;
  const key = view.keys[k];
  if (COMPLEMENTIZERS.has(key) || QUOTE_MARKS.has(view.values[k]) || key === '.' || key === ';') {
    if (key === 'to') return infinitive && k + 1 < e && view.pos[k + 1] === 'VERB';
    return true;
  }
  // "admitted supplying", "denied taking".
  if (view.pos[k] === 'VERB' && key.endsWith('ing')) return true;
  // "said Mr. Kim would pay": a noun phrase then a finite verb.
  const np = npForward(view, k, e);
  if (np > k && np < e && (view.pos[np] === 'AUX' || view.pos[np] === 'VERB')) return true;
  if (view.pos[k] === 'PRON' && k + 1 < e && (view.pos[k + 1] === 'AUX' || view.pos[k + 1] === 'VERB')) return true;
  return false;
}

/** Is the claim before the source ("..., Peskov said", "“...,” he said")? */
function claimBefore(view: SentenceView, subjectStart: number, s: number): boolean {
  const p = subjectStart - 1;
  return p >= s && (view.keys[p] === ',' || CLOSING_QUOTES.has(view.values[p]) || view.keys[p] === ':' || view.values[p] === '\u2014');
}

/** Channel phrases of the sentence ("in a statement"), nearest to a cue wins. */
function channelNear(view: SentenceView, s: number, e: number, cueAt: number): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (let i = s; i < e; i++) {
    const hit = view.cueAt[i];
    const ch = hit?.payloads.find((p) => p.kind === 'channel');
    if (ch && Math.abs(i - cueAt) < bestDistance) {
      best = ch.channel;
      bestDistance = Math.abs(i - cueAt);
    }
  }
  return best;
}

const AGENT_LINK = new Set(['by', 'from']);
const MAX_CITED_WORDS = 5;

/**
 * "according to data compiled by Bloomberg", "citing a report from the IMF": when
 * the cited thing names no speaker (data, figures, a report), its producer after
 * "by"/"from" (optionally behind a participle: compiled, published, released) is the source.
 */
function producer(view: SentenceView, k: number, e: number): Mention | null {
  // A few words at most ("figures published", "a new survey released"); the tagger may read them as verbs.
  const limit = Math.min(e - 1, k + MAX_CITED_WORDS);
  while (k < limit && !AGENT_LINK.has(view.keys[k]) && isWordy(view.values[k]) && (!view.cueAt[k] || view.cueAt[k]!.payloads.every((p) => p.kind === 'noun'))) k++;
  if (k >= e - 1 || !AGENT_LINK.has(view.keys[k])) return null;
  return profile(view, k + 1, npForward(view, k + 1, e));
}

/**
 * "..., with Chair Jane Roe telling reporters that ...", "with the ministry saying ...":
 * a participle cue in an absolute "with" clause has the noun phrase before it as its source.
 */
function withParticipleSubject(view: SentenceView, i: number, s: number): { mention: Mention; start: number } | null {
  const j = skipBack(view, i - 1, s);
  if (j < s) return null;
  const a = honorificCut(view, npBackward(view, j, s), j);
  if (a > j || a - 1 < s || view.keys[a - 1] !== 'with') return null;
  const m = profile(view, a, j + 1);
  return m && m.kind !== 'pronoun' ? { mention: m, start: a } : null;
}

/**
 * "The prime minister welcomed the deal, saying on X that ...": a participle cue after a
 * comma, in a sentence with no cue verb before it, reports the words of the clause's subject.
 */
function participleClauseSubject(view: SentenceView, i: number, s: number): { mention: Mention; start: number } | null {
  const j = skipBack(view, i - 1, s);
  if (j <= s || view.keys[j] !== ',') return null;
  for (let t = s; t < i; t++) if (view.cueAt[t]?.payloads.some((p) => p.kind === 'verb' || p.kind === 'according-to' || p.kind === 'citing')) return null;
  return clauseSubject(view, i, s);
}

/** All attribution candidates in sentence `index` spanning tokens [s, e). */
export function sentenceCandidates(view: SentenceView, index: number, s: number, e: number, headline = false): Candidate[] {
  const out: Candidate[] = [];
  const push = (mention: Mention | null, hit: PhraseHit<Cue>, cue: Cue, form: CueForm, ruleId: string, toldTo: Mention | null = null) => {
    if (!mention) return;
    // One source per sentence once: "X said ..., adding ..." stays one attribution.
    if (out.some((c) => c.mention.tokStart === mention.tokStart && c.mention.tokEnd === mention.tokEnd)) return;
    out.push({
      sentence: index,
      mention,
      cue: { tokStart: hit.start, tokEnd: hit.end, lemma: cue.lemma, form, entryId: cue.entryId },
      ruleId,
      toldTo,
      channel: channelNear(view, s, e, hit.start),
    });
  };

  for (let i = s; i < e; i++) {
    const hit = view.cueAt[i];
    if (!hit) continue;
    // Reported speech inside a quotation is the quoted speaker's, not the article's.
    if (view.quoted && view.quoted[i]) continue;
    const verb = hit.payloads.find((p) => p.kind === 'verb');
    const prep = hit.payloads.find((p) => p.kind === 'according-to' || p.kind === 'citing');
    const noun = hit.payloads.find((p) => p.kind === 'noun');
    // Title case confuses the tagger ("Official Confirms Visit"): in a headline a cue verb form is taken as a verb.
    if (verb && (view.pos[i] === 'VERB' || (headline && view.pos[i] !== 'DET' && view.pos[i] !== 'ADP'))) {
      handleVerb(view, hit, verb, s, e, push, headline);
    } else if (prep) {
      const k = hit.end;
      const end = npForward(view, k, e);
      // "according to LSEG data", "according to health ministry figures": the data's producer speaks.
      let owner = end;
      while (owner > k + 1 && view.cueAt[owner - 1]?.payloads.some((p) => p.kind === 'noun')) owner--;
      let ownerMention = owner < end ? profile(view, k, owner) : null;
      // "the latest official data": an adjective-like role word is no producer.
      if (ownerMention && (ownerMention.kind === 'role' || ownerMention.kind === 'anonymous')) ownerMention = null;
      const cited = profile(view, k, end) ?? ownerMention ?? producer(view, k, e);
      if (!prep.mediaOnly || (cited && cited.kind === 'outlet')) push(cited, hit, prep, 'according-to', prep.kind === 'according-to' ? 'attribution/according-to' : 'attribution/citing');
    } else if (noun && view.pos[i] === 'NOUN') {
      const k = hit.end;
      // "X contributed to this report from Gaza City": a reporter's credit line names the article itself.
      const ownArticle = i - 2 >= s && view.keys[i - 1] === 'this' && view.keys[i - 2] === 'to';
      if (ownArticle) {
        // no source
      } else if (k < e && (view.keys[k] === 'from' || view.keys[k] === 'by')) {
        push(profile(view, k + 1, npForward(view, k + 1, e)), hit, noun, 'noun', 'attribution/cue-noun');
      } else if (i - 1 > s && view.keys[i - 1] === "'s") {
        const a = npBackward(view, i - 2, s);
        if (a <= i - 2) push(profile(view, a, i - 1), hit, noun, 'noun', 'attribution/cue-noun');
      }
    }
    i = hit.end - 1;
  }
  return out;
}

function handleVerb(
  view: SentenceView,
  hit: PhraseHit<Cue>,
  cue: Cue,
  s: number,
  e: number,
  push: (m: Mention | null, hit: PhraseHit<Cue>, cue: Cue, form: CueForm, ruleId: string, toldTo?: Mention | null) => void,
  headline = false,
): void {
  const i = hit.start;
  const value = view.keys[i];
  let k = skipForward(view, hit.end, e);
  // "adding that ...", "saying ...": the clause's own subject already carries it,
  // unless the participle opens an absolute "with" clause of its own.
  if (/ing$/.test(value)) {
    // "X was quoted as saying ...": the subject of the passive "quoted" spoke.
    if (i - 2 >= s && view.keys[i - 1] === 'as' && view.keys[i - 2] === 'quoted') {
      const subject = i - 3 >= s && BE_FORMS.has(view.keys[skipAdverbsBack(view, i - 3, s)]) ? activeSubject(view, i - 2, s) : null;
      if (subject) {
        push(subject.mention, hit, cue, 'active', 'attribution/quoted-as-saying');
        // "... was quoted as saying by Interfax": the outlet that quoted is a source too, and the speaker's channel.
        if (k < e && view.keys[k] === 'by') push(profile(view, k + 1, npForward(view, k + 1, e)), hit, cue, 'passive', 'attribution/quoted-by');
      }
      return;
    }
    // "Interfax quoted Deputy Minister Oleg Ivanov as saying ...": the object spoke, through the subject.
    if (i - 1 > s && view.keys[i - 1] === 'as') {
      for (let q = i - 2; q > s && i - q <= MAX_SOURCE_TOKENS; q--) {
        if (view.keys[q] !== 'quoted' && view.keys[q] !== 'cited') continue;
        const np = npForward(view, q + 1, i - 1);
        // "quoted Kang Chol-ho, a vice-director of the agency, as saying", "quoted Mobil president Richard
        // Tucker, currently in Peking, as saying": the speaker is the name before the appositive.
        const appositive = np > q + 1 && np < i - 2 && view.keys[np] === ',' && view.keys[i - 2] === ',';
        if (np !== i - 1 && !appositive) break;
        const speaker = appositive ? profile(view, honorificCut(view, q + 1, np - 1), np) : profile(view, honorificCut(view, q + 1, i - 2), i - 1);
        const outlet = activeSubject(view, q, s);
        if (speaker) push(speaker, hit, cue, 'active', 'attribution/quoted-as-saying');
        if (speaker && outlet) push(outlet.mention, view.cueAt[q] ?? hit, view.cueAt[q]?.payloads.find((p) => p.kind === 'verb') ?? cue, 'active', 'attribution/quoted-by');
        break;
      }
      return;
    }
    const withSubject = withParticipleSubject(view, i, s);
    const subject = withSubject ?? participleClauseSubject(view, i, s);
    if (!subject) return;
    const ruleId = withSubject ? 'attribution/with-participle' : 'attribution/participle-clause';
    let toldTo: Mention | null = null;
    if (cue.takesAddressee) ({ toldTo, k } = readAddressee(view, k, e, false));
    while (k < e && view.cueAt[k]?.payloads.some((p) => p.kind === 'channel')) k = skipForward(view, view.cueAt[k]!.end, e);
    // A participle clause of a non-cue verb reports only when a clause follows ("left, saying nothing" does not).
    if ((withSubject && !cue.needsComplement) || hasComplement(view, k, e, cue.infinitive)) push(subject.mention, hit, cue, 'active', ruleId, toldTo && toldTo.kind === 'outlet' ? toldTo : null);
    return;
  }

  // Passive: "confirmed by North Korean state media".
  const passive = i - 1 >= s && BE_FORMS.has(view.keys[skipAdverbsBack(view, i - 1, s)]);
  if (k < e && view.keys[k] === 'by') {
    const end = npForward(view, k + 1, e);
    const m = profile(view, k + 1, end);
    if (m) {
      // "Hollweg was quoted by Handelsblatt as saying", "who was quoted by Press TV as calling for ...":
      // the passive's subject spoke, through the outlet that quoted it.
      if (passive && value === 'quoted' && view.keys[end] === 'as' && end + 1 < e && view.pos[end + 1] === 'VERB' && view.keys[end + 1].endsWith('ing')) {
        const speaker = activeSubject(view, i, s);
        if (speaker && speaker.mention.kind !== 'outlet') {
          push(speaker.mention, hit, cue, 'active', 'attribution/quoted-as-saying');
          push(m, hit, cue, 'passive', 'attribution/quoted-by');
          return;
        }
      }
      push(m, hit, cue, 'passive', 'attribution/passive');
      return;
    }
  }

  // "The court was told ...": a passive with no agent names no source.
  if (passive) return;
  const subject = activeSubject(view, i, s) ?? coordinatedSubject(view, i, s) ?? reducedRelativeSubject(view, i, s);
  // "the cost, which the company has not disclosed, ...": the cue's object is the relative's antecedent, no claim.
  if (subject && subject.start - 1 >= s && (view.keys[subject.start - 1] === 'which' || view.keys[subject.start - 1] === 'whom') && (k >= e || /^[,.;)]$/.test(view.keys[k]))) return;
  if (subject) {
    let toldTo: Mention | null = null;
    if (cue.takesAddressee) ({ toldTo, k } = readAddressee(view, k, e, true));
    // Channel phrases may sit between the cue and its clause ("said in a statement that").
    while (k < e && view.cueAt[k]?.payloads.some((p) => p.kind === 'channel')) k = skipForward(view, view.cueAt[k]!.end, e);
    k = skipPhrasesBeforeThat(view, k, e);
    // A headline's object is its claim ("Official Confirms Leader's Visit"), but not an action the
    // subject agrees to ("Estavia and Dornland agree to reopen bridge"): such cues take no infinitive.
    // A headline verb with nothing after it has its claim before it (", Kremlin says") or none ("Lakers vs. Celtics Pre-Game Report").
    if (headline && k >= e && !claimBefore(view, subject.start, s)) return;
    const headlineClaim = headline && (cue.infinitive || view.keys[k] !== 'to');
    // "dismissed the claim as "cheap propaganda"": the object's characterization is the claim.
    const characterized = cue.characterizes && k < e && (() => {
      const end = npForward(view, k, e);
      return end > k && end + 1 < e && view.keys[end] === 'as';
    })();
    if (!cue.needsComplement || headlineClaim || characterized || hasComplement(view, k, e, cue.infinitive) || claimBefore(view, subject.start, s)) {
      push(subject.mention, hit, cue, 'active', 'attribution/active-verb', toldTo && toldTo.kind === 'outlet' ? toldTo : null);
    }
    return;
  }

  // Inverted: "..., said Peskov." / "“...,” said the spokesman."
  const p = i - 1;
  // "“...,” told the court" never happens: a told-verb's object is who heard it.
  if (!cue.takesAddressee && p >= s && (view.keys[p] === ',' || CLOSING_QUOTES.has(view.values[p]) || DASHES.has(view.values[p]))) {
    const start = hit.end;
    const end = npForward(view, start, e);
    if (end <= start) return;
    const next = end < e ? view.keys[end] : '.';
    if (end < e && (view.pos[end] === 'VERB' || view.pos[end] === 'AUX')) return;
    // "..., found the Conservatives ahead": a predicate after the noun phrase makes it the cue's object.
    if (end < e && (view.pos[end] === 'ADJ' || (view.pos[end] === 'ADV' && !isTime(view, end) && !CLAUSE_OPENERS.has(view.keys[end])))) return;
    let m = profile(view, start, end);
    if (m && next === ',' && end + 1 < e) {
      // "said Dmitry Peskov, the Kremlin spokesman."
      const end2 = npForward(view, end + 1, e);
      if (end2 > end + 1 && (end2 >= e || /^[,.;]$/.test(view.keys[end2]))) m = mergeApposition(view, m, profile(view, end + 1, end2));
    }
    push(m, hit, cue, 'inverted', 'attribution/inverted-verb');
  }
}

/**
 * Headline forms: a trailing source after ": ", " — " or " - " ("...: KCNA",
 * "... — Kremlin"), and ", X says" at the end of a title. A pipe only ever
 * separates a site's sections and name; a tail with a verb is the second half of
 * a headline ("Daily Dish : Nicole Kidman Is Pregnant"), not who said it; after a
 * plain hyphen, the title separator of most sites, only a source the lexicons
 * know counts ("... - The $2,500 Nano" names no one).
 */
export function headlineCandidates(view: SentenceView, s: number, e: number): Candidate[] {
  const out: Candidate[] = [];
  let end = e;
  while (end > s && /^[.!?]$/.test(view.keys[end - 1])) end--;
  for (let i = end - 1; i > s; i--) {
    const v = view.values[i];
    if (v === '|') break;
    if (v === ':' || v === '\u2014' || v === '\u2013' || v === '-') {
      if (v === '-' && !(/\s/.test(view.text[view.starts[i] - 1] ?? '') && /\s/.test(view.text[view.ends[i]] ?? ''))) continue;
      let clause = false;
      for (let t = i + 1; t < end; t++) if (view.pos[t] === 'VERB' || view.pos[t] === 'AUX') clause = true;
      const m = !clause && end - (i + 1) <= 6 ? profile(view, i + 1, end) : null;
      if (m && m.kind !== 'pronoun' && m.tokEnd === end && (v !== '-' || m.type !== 'unknown')) {
        out.push({
          sentence: 0,
          mention: m,
          cue: { tokStart: i, tokEnd: i + 1, lemma: 'say', form: 'headline', entryId: 'headline-tail' },
          ruleId: 'attribution/headline',
          toldTo: null,
          channel: null,
        });
      }
      break;
    }
  }
  return out;
}
