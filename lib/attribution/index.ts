/**
 * Who said what: finds the attributions of an article (body and headline),
 * resolves their sources, follows coreference, attaches quotations, links
 * chains ("..., according to TASS" -> via TASS; "told Yonhap" -> toldTo), and
 * lists the body sentences that state something and cite nobody.
 *
 * Pipeline per text: one pass of the compiled lexicon tries over the tokens
 * (terms and cues), the sentence rules (rules.ts), coreference (coref.ts),
 * then quotes (quotes.ts). Everything is linear in the number of tokens.
 */
import type { LexiconEntry, LexiconSet } from '../lexicon/load.js';
import { annotate, joinTitleAbbreviations, type NlpDoc } from '../nlp/index.js';
import { countriesOf } from '../score/words.js';
import { caseFits, compileKnowledge, type Cue, type Knowledge, type Term } from '../sources/knowledge.js';
import { PhraseMatcher, tokenKey, type PhraseHit } from '../sources/phrase-matcher.js';
import type { Mention } from '../sources/profile.js';
import type { Attribution, ExtractedArticle, Finding, QuoteKind, Span, UnattributedSentence } from '../types.js';
import { resolveCoreference, type CorefItem } from './coref.js';
import { findQuotes, type QuoteRun } from './quotes.js';
import { headlineCandidates, npBackward, npForward, sentenceCandidates, type Candidate, type SentenceView } from './rules.js';
import { profileSource } from '../sources/profile.js';

export interface AttributionResult {
  attributions: Attribution[];
  unattributed: UnattributedSentence[];
  findings: Finding[];
}

/** Share of a claim's letters inside quotation marks from which the quote counts as direct. */
export const DIRECT_QUOTE_SHARE = 0.6;
/** Share of a sentence's letters inside quotation marks for it to continue the previous speaker's quote. */
export const CONTINUATION_QUOTE_SHARE = 0.8;
/** How many sentences before a he/she attribution are searched for a non-source antecedent. */
export const ANTECEDENT_WINDOW = 4;
/** Sentences back that "They spoke on condition of anonymity" reaches. */
const ANONYMITY_WINDOW = 2;
/** Fewest word tokens for a sentence to count as a factual claim. */
export const MIN_CLAIM_WORDS = 6;

/**
 * Tokens with lexicon hits, built once per text. Cues are found everywhere; the
 * source terms only in the sentences that need them (`ensureTerms`), since most
 * sentences carry no cue and the term scan is the larger one.
 */
export function buildView(doc: NlpDoc, kb: Knowledge, zone: 'body' | 'title' = 'body'): SentenceView {
  const n = doc.values.length;
  const keys = doc.normals;
  const cueAt = new Array<PhraseHit<Cue> | undefined>(n);
  for (const sentence of doc.sentences) {
    for (const hit of kb.cues.scan(keys, sentence.tokenStart, sentence.tokenEnd)) cueAt[hit.start] = hit;
  }
  return {
    text: doc.text,
    starts: doc.starts,
    ends: doc.ends,
    pos: zone === 'body' ? repairNamePos(doc) : doc.pos,
    values: doc.values,
    keys,
    termAt: new Array<PhraseHit<Term> | undefined>(n),
    termCover: new Int32Array(n).fill(-1),
    cueAt,
    kb,
    sentences: doc.sentences,
    termsDone: new Uint8Array(doc.sentences.length),
    sentenceStart: sentenceStarts(doc),
  };
}

/**
 * The tagger sometimes reads a surname as a verb or noun ("Jim Manning/VERB said").
 * In running text (not title case) a capitalized word right after a proper noun,
 * inside a sentence, is taken as part of the name.
 */
function repairNamePos(doc: NlpDoc): string[] {
  let pos = doc.pos;
  // East Asian given names are often hyphenated ("Lee Ji-won", "Li Ka-shing") and the tokenizer splits them:
  // after two name words, a glued hyphen and a short lower-case syllable are the name's end.
  for (let i = 2; i + 1 < pos.length; i++) {
    if (doc.values[i] !== '-' || doc.ends[i - 1] !== doc.starts[i] || doc.ends[i] !== doc.starts[i + 1]) continue;
    if (pos[i - 1] !== 'PROPN' || pos[i - 2] !== 'PROPN' || !/^[A-Z][a-z]*$/.test(doc.values[i - 1])) continue;
    const syllable = doc.values[i + 1];
    if (!/^[a-z]{1,5}$/.test(syllable) || COMPOUND_HEADS.has(syllable) || doc.sentenceOf[i + 1] !== doc.sentenceOf[i - 2]) continue;
    if (pos === doc.pos) pos = [...doc.pos];
    pos[i + 1] = 'PROPN';
  }
  for (let i = 1; i < pos.length; i++) {
    const p = pos[i];
    if ((p === 'VERB' || p === 'NOUN' || p === 'ADJ') && pos[i - 1] === 'PROPN' && doc.sentenceOf[i] === doc.sentenceOf[i - 1] && doc.starts[i] > 0) {
      const c = doc.values[i].charCodeAt(0);
      const prev = doc.values[i - 1].charCodeAt(0);
      if (c >= 65 && c <= 90 && prev >= 65 && prev <= 90 && doc.sentences[doc.sentenceOf[i]].tokenStart !== i) {
        // Not a wholly capitalized headline-like run: the word after must be lower case or punctuation.
        const next = doc.values[i + 1];
        if (next !== undefined && /^[A-Z]/.test(next) && pos[i + 1] !== 'PROPN') continue;
        if (pos === doc.pos) pos = [...doc.pos];
        pos[i] = 'PROPN';
      }
    }
  }
  return pos;
}

/** Words that end a hyphenated compound after a name ("North Korea-led", "Kim-era"), never a given name's syllable. */
const COMPOUND_HEADS = new Set(['led', 'run', 'born', 'made', 'held', 'based', 'owned', 'era', 'style', 'like', 'type', 'wide', 'free', 'only', 'class', 'area', 'zone', 'bound', 'proof', 'level', 'scale', 'year', 'old', 'long', 'day', 'week', 'month', 'plus', 'linked', 'ruled', 'aided']);

function sentenceStarts(doc: NlpDoc): Uint8Array {
  const out = new Uint8Array(doc.values.length);
  for (const s of doc.sentences) if (s.tokenStart < out.length) out[s.tokenStart] = 1;
  return out;
}

/** Scan sentence `index` for source terms (once). */
export function ensureTerms(view: SentenceView, index: number): void {
  if (view.termsDone[index]) return;
  view.termsDone[index] = 1;
  const { tokenStart, tokenEnd } = view.sentences[index];
  const values = view.values;
  const accept = (t: Term, s: number, e: number) => caseFits(t, values, s, e) && !acronymModifier(view, t, e, tokenEnd) && !initialsInName(view, t, e, tokenEnd);
  for (const hit of view.kb.terms.scan(view.keys, tokenStart, tokenEnd, accept)) {
    view.termAt[hit.start] = hit;
    for (let i = hit.start; i < hit.end; i++) view.termCover[i] = hit.start;
  }
}

/**
 * "a CCTV operator", "AP style": an outlet's acronym right before a lower-case common
 * noun is a modifier of that noun, not the outlet speaking, unless the noun names
 * someone who works there or the outlet itself ("a CNN reporter", "the TASS news agency").
 */
function acronymModifier(view: SentenceView, t: Term, e: number, limit: number): boolean {
  if (t.kind !== 'outlet' || e >= limit || view.pos[e] !== 'NOUN') return false;
  const acronym = view.values[e - 1];
  if (acronym.length < 2 || acronym !== acronym.toUpperCase() || !/^[A-Z]/.test(acronym)) return false;
  const next = view.values[e].charCodeAt(0);
  if (next < 97 || next > 122 || view.cueAt[e]) return false;
  const role = view.kb.terms.matchAt(view.keys, e, limit);
  return !role || !role.payloads.some((p) => p.kind === 'role' || (p.kind === 'group' && (p.type === 'media' || p.type === 'state-media')));
}

/**
 * "William S.A. Greer": a legal form matched as written ("SA", "N.V.") with a name running on after
 * it is a person's initials; a company's legal form ends its name ("Hoechst AG Chairman ..." is a role after it).
 */
function initialsInName(view: SentenceView, t: Term, e: number, limit: number): boolean {
  if (t.caseRule !== 'exact' || !t.company || t.kind !== 'group' || e >= limit || view.pos[e] !== 'PROPN') return false;
  const c = view.values[e].charCodeAt(0);
  return c >= 65 && c <= 90 && !view.kb.terms.matchAt(view.keys, e, limit);
}

function letters(text: string, start: number, end: number, holes: Span[]): number {
  let count = 0;
  for (let i = start; i < end; i++) {
    if (inHole(holes, i)) continue;
    const c = text.charCodeAt(i);
    if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 191) count++;
  }
  return count;
}

/** Offset `i` lies in one of the spans (a loop: a closure per character allocated more than the rest of attribution). */
function inHole(holes: Span[], i: number): boolean {
  for (let k = 0; k < holes.length; k++) if (i >= holes[k].start && i < holes[k].end) return true;
  return false;
}

interface Located {
  zone: 'body' | 'title';
  doc: NlpDoc;
  view: SentenceView;
  candidate: Candidate;
}

function quoteKind(item: Located, runs: QuoteRun[], sourcesStart: number): QuoteKind {
  if (runs.length === 0) return 'indirect';
  const { doc, candidate } = item;
  const text = doc.text;
  const sentence = doc.sentences[candidate.sentence];
  const holes: Span[] = [
    { start: candidate.mention.start, end: candidate.mention.end },
    { start: doc.starts[candidate.cue.tokStart], end: doc.ends[candidate.cue.tokEnd - 1] },
  ];
  // "told reporters: ...": whom the source spoke to is no part of the claim either.
  if (candidate.toldTo) holes.push({ start: candidate.toldTo.start, end: candidate.toldTo.end });
  // "“...,” said Ostapov, who led the delegation.": what follows an inverted source
  // describes the source; it is not part of the claim.
  if (candidate.cue.form === 'inverted' && doc.values[candidate.mention.tokEnd] === ',') {
    const tail = { start: candidate.mention.end, end: sentence.end };
    if (!runs.some((r) => r.spans.some((sp) => sp.start < tail.end && sp.end > tail.start))) holes.push(tail);
  }
  // "“...,” Hollweg was quoted by Handelsblatt as saying at a conference.": after a quotation that opens
  // the sentence, a reporting clause running to its end with no comma is no part of the claim either.
  const cueEndAt = doc.ends[candidate.cue.tokEnd - 1];
  const lastRunEnd = Math.max(...runs.map((r) => r.end));
  // The sentence's first source ("Hollweg") opens the clause, for the outlet named later in it too.
  const clauseAt = Math.min(sourcesStart, candidate.mention.start);
  if (runs[0].start <= sentence.start + 2 && lastRunEnd <= clauseAt && /^[\s,.;:\u201d"'\u2019]*$/.test(text.slice(lastRunEnd, clauseAt)) && !text.slice(cueEndAt, sentence.end).includes(',')) {
    holes.push({ start: lastRunEnd, end: sentence.end });
  }
  let start = sentence.start;
  let end = sentence.end;
  for (const r of runs) {
    start = Math.min(start, r.start);
    end = Math.max(end, r.end);
  }
  // The claim is the rest of the sentence(s) the quote crosses.
  for (const s of doc.sentences) if (s.end > start && s.start < end) {
    start = Math.min(start, s.start);
    end = Math.max(end, s.end);
  }
  const total = letters(text, start, end, holes);
  let quoted = 0;
  for (const r of runs) for (const sp of r.spans) quoted += letters(text, sp.start, sp.end, holes);
  if (total === 0 || quoted === 0) return 'indirect';
  if (quoted / total < DIRECT_QUOTE_SHARE) return 'mixed';
  // "said the shift was "legally questionable"": a quotation run into the reporting
  // clause (a word, not a colon or comma, before it) is a fragment of indirect speech.
  const cueEnd = doc.ends[candidate.cue.tokEnd - 1];
  const after = runs.filter((r) => r.start >= cueEnd && r.start >= candidate.mention.end);
  if (after.length && after.length === runs.length && after.every((r) => embedded(text, r.start))) return 'mixed';
  return 'direct';
}

/** Is the quotation opening at `start` run into the sentence (a word right before it)? */
function embedded(text: string, start: number): boolean {
  let i = start - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\u00a0')) i--;
  return i >= 0 && /[\p{L}\p{N}]/u.test(text[i]);
}

const MEDIA_TYPES = new Set(['wire', 'state-media', 'media']);

function toAttribution(item: Located, runs: QuoteRun[], id: string, via: string | null, sourcesStart = item.candidate.mention.start): Attribution {
  const { doc, candidate, zone } = item;
  const text = doc.text;
  const s = doc.sentences[candidate.sentence];
  const m = candidate.mention;
  const cueStart = doc.starts[candidate.cue.tokStart];
  const cueEnd = doc.ends[candidate.cue.tokEnd - 1];
  return {
    id,
    zone,
    sentence: { text: text.slice(s.start, s.end), start: s.start, end: s.end },
    source: { text: m.text, start: m.start, end: m.end, canonical: m.canonical, type: m.type, identity: m.identity, country: m.country, evidence: m.evidence },
    cue: { text: text.slice(cueStart, cueEnd), start: cueStart, end: cueEnd, lemma: candidate.cue.lemma, form: candidate.cue.form },
    quote: quoteKind(item, runs, sourcesStart),
    quoteSpans: runs.flatMap((r) => r.spans),
    via,
    toldTo: candidate.toldTo ? candidate.toldTo.canonical : null,
    channel: candidate.channel,
    ruleId: candidate.ruleId,
  };
}

function candidatesOf(doc: NlpDoc, view: SentenceView, zone: 'body' | 'title'): Located[] {
  const out: Located[] = [];
  doc.sentences.forEach((s, index) => {
    let cue = zone === 'title';
    for (let t = s.tokenStart; t < s.tokenEnd && !cue; t++) if (view.cueAt[t]) cue = true;
    if (!cue) return;
    ensureTerms(view, index);
    const found = sentenceCandidates(view, index, s.tokenStart, s.tokenEnd, zone === 'title');
    if (zone === 'title') {
      for (const h of headlineCandidates(view, s.tokenStart, s.tokenEnd)) {
        if (!found.some((f) => f.mention.tokStart === h.mention.tokStart)) found.push({ ...h, sentence: index });
      }
    }
    for (const candidate of found) out.push({ zone, doc, view, candidate });
  });
  return out;
}

/** Via links inside one sentence: a source cited "according to" an outlet reached us through it. */
function viaOf(item: Located, sameSentence: Located[]): Mention | null {
  const c = item.candidate;
  for (const other of sameSentence) {
    if (other === item) continue;
    const o = other.candidate;
    if (o.cue.form === 'according-to' && o.ruleId === 'attribution/according-to' && MEDIA_TYPES.has(o.mention.type) && c.cue.form !== 'according-to') return o.mention;
    if (c.ruleId === 'attribution/citing' && o.ruleId !== 'attribution/citing' && MEDIA_TYPES.has(o.mention.type)) return o.mention;
    // "X was quoted as saying by Interfax", "TASS quoted X as saying".
    if (c.ruleId === 'attribution/quoted-as-saying' && o.ruleId === 'attribution/quoted-by' && MEDIA_TYPES.has(o.mention.type)) return o.mention;
  }
  return null;
}

const titleAbbreviationSets = new WeakMap<LexiconSet, Set<string>>();

/** Abbreviated titles of the source-terms lexicon ("Const.", "Det.", "Insp."), lower case without the dot. */
function titleAbbreviations(lexicons: LexiconSet): Set<string> {
  let set = titleAbbreviationSets.get(lexicons);
  if (!set) {
    set = new Set();
    for (const e of lexicons.entries<LexiconEntry & { kind: string; phrases: string[] }>('source-terms')) {
      if (e.kind !== 'role') continue;
      for (const p of e.phrases) if (/^[a-z]+\.$/.test(p)) set.add(p.slice(0, -1));
    }
    titleAbbreviationSets.set(lexicons, set);
  }
  return set;
}

/** Letters and digits, lower case, without a leading "the": how a name is compared with the publisher's. */
function foldName(name: string): string {
  return name.toLowerCase().replace(/^the\s+/, '').replace(/[^\p{L}\p{N}]+/gu, '');
}

export function findAttributions(article: ExtractedArticle, bodyDoc: NlpDoc, lexicons: LexiconSet): AttributionResult {
  // A title wink does not know as an abbreviation must not end the sentence before its name.
  const doc = joinTitleAbbreviations(bodyDoc, titleAbbreviations(lexicons));
  const kb = compileKnowledge(lexicons);
  const bodyView = buildView(doc, kb);
  const runs = findQuotes(doc.text, article.body.paragraphs);
  bodyView.quoted = quotedTokens(doc, runs);
  const items: Located[] = [];
  if (article.title && mayAttribute(article.title, kb)) {
    const titleDoc = annotate(article.title);
    // A page does not attribute its own headline to itself ("Patriots: Coach never better - The Boston Globe").
    const own = foldName(article.publisher?.name ?? '');
    const notSelf = (it: Located) => !own || !foldName(it.candidate.mention.canonical).endsWith(own);
    items.push(...candidatesOf(titleDoc, buildView(titleDoc, kb, 'title'), 'title').filter(notSelf));
  }
  items.push(...candidatesOf(doc, bodyView, 'body'));

  // Sentence subjects that carry no attribution are antecedents for "he"/"she" too.
  const corefItems: (CorefItem & { item?: Located })[] = [];
  const bySentenceIndex = new Map<number, Located[]>();
  for (const it of items) if (it.zone === 'body') bySentenceIndex.set(it.candidate.sentence, [...(bySentenceIndex.get(it.candidate.sentence) ?? []), it]);
  for (const it of items) if (it.zone === 'title') corefItems.push(corefItemOf(it));
  // Antecedents are near: only the sentences shortly before a he/she attribution are read for subjects.
  const antecedentZone = new Uint8Array(doc.sentences.length);
  for (const it of items) {
    if (it.zone !== 'body' || (it.candidate.mention.pronoun !== 'he' && it.candidate.mention.pronoun !== 'she')) continue;
    for (let k = Math.max(0, it.candidate.sentence - ANTECEDENT_WINDOW); k < it.candidate.sentence; k++) antecedentZone[k] = 1;
  }
  const fullNames = fullNameAntecedents(doc, bodyView, items);
  const companies = companyAntecedents(doc, bodyView, items);
  doc.sentences.forEach((s, index) => {
    const own = bySentenceIndex.get(index) ?? [];
    for (const m of fullNames.get(index) ?? []) corefItems.push({ mention: m, following: [], context: true });
    // A company named later in the sentence than its sources is no antecedent of theirs ("It said it is joining X Inc").
    const firstSource = own.length ? Math.min(...own.map((it) => it.candidate.mention.tokStart)) : Infinity;
    const laterCompanies: Mention[] = [];
    for (const m of companies.get(index) ?? []) {
      if (m.tokStart > firstSource) laterCompanies.push(m);
      else corefItems.push({ mention: m, following: [], context: true });
    }
    let subject: Mention | null = null;
    if (!own.length && antecedentZone[index]) {
      ensureTerms(bodyView, index);
      subject = sentenceSubject(bodyView, s.tokenStart, s.tokenEnd);
    }
    if (subject) corefItems.push({ mention: subject, following: [], context: true });
    for (const it of own) corefItems.push(corefItemOf(it));
    for (const m of laterCompanies) corefItems.push({ mention: m, following: [], context: true });
    // ... while the sentence's sources stay the ones the next sentence most likely refers to.
    if (laterCompanies.length) for (const it of own) corefItems.push({ mention: it.candidate.mention, following: [], refresh: true });
  });
  const keepItems = resolveCoreference(corefItems);
  const keepSet = new Set<Located>();
  corefItems.forEach((c, i) => {
    if (c.item && keepItems[i]) keepSet.add(c.item);
  });
  const keep = items.map((it) => keepSet.has(it));
  const kept = items.filter((_, i) => keep[i]);
  for (const it of kept) if (it.zone === 'body') possessiveCountries(it);

  // Quotes of the body: each run goes to the attributions of the sentences it crosses.
  const runsBySentence = new Map<number, QuoteRun[]>();
  {
    let r = 0;
    doc.sentences.forEach((s, index) => {
      while (r < runs.length && runs[r].end <= s.start) r++;
      for (let k = r; k < runs.length && runs[k].start < s.end; k++) {
        const list = runsBySentence.get(index) ?? [];
        list.push(runs[k]);
        runsBySentence.set(index, list);
      }
    });
  }
  const attributedSentences = new Set<number>();
  for (const it of kept) if (it.zone === 'body') attributedSentences.add(it.candidate.sentence);
  // A quote that crosses sentences belongs to the attribution in any of them.
  const runOwner = new Map<QuoteRun, number>();
  for (const [index, list] of runsBySentence) if (attributedSentences.has(index)) for (const run of list) if (!runOwner.has(run)) runOwner.set(run, index);

  const titleQuotes = new Map<NlpDoc, QuoteRun[]>();
  const bySentence = new Map<string, Located[]>();
  for (const it of kept) {
    const key = `${it.zone}:${it.candidate.sentence}`;
    bySentence.set(key, [...(bySentence.get(key) ?? []), it]);
  }
  const attributions: Attribution[] = kept.map((it, n) => {
    let quoteRuns: QuoteRun[];
    if (it.zone === 'body') {
      const index = it.candidate.sentence;
      quoteRuns = runs.filter((run) => runOwner.get(run) === index || (runsBySentence.get(index) ?? []).includes(run));
    } else {
      let list = titleQuotes.get(it.doc);
      if (!list) {
        list = findQuotes(it.doc.text, []);
        titleQuotes.set(it.doc, list);
      }
      const s = it.doc.sentences[it.candidate.sentence];
      quoteRuns = list.filter((run) => run.start < s.end && run.end > s.start);
    }
    const same = bySentence.get(`${it.zone}:${it.candidate.sentence}`)!;
    const via = viaOf(it, same);
    const a = toAttribution(it, quoteRuns, `a${n + 1}`, via ? via.canonical : null, Math.min(...same.map((o) => o.candidate.mention.start)));
    // "Press TV quoted Foreign Ministry spokesman X": a state outlet's unnamed-country official is its state's.
    if (via && via.type === 'state-media' && a.source.country === null && (a.source.type === 'official' || a.source.type === 'government')) a.source.country = via.country;
    return a;
  });

  // Sentences covered by an attributed quote are not unattributed.
  const quoted = new Set<number>();
  for (const [index, list] of runsBySentence) if (list.some((run) => runOwner.has(run))) quoted.add(index);

  // A quotation standing alone right after an attribution continues that speaker's words.
  const bodyBySentence = new Map<number, Attribution>();
  for (const a of attributions) if (a.zone === 'body') bodyBySentence.set(doc.sentenceOf[tokenAt(doc, a.sentence.start)], a);
  doc.sentences.forEach((s, index) => {
    if (index === 0 || attributedSentences.has(index) || quoted.has(index)) return;
    const previous = bodyBySentence.get(index - 1);
    const list = runsBySentence.get(index);
    if (!previous || !list) return;
    let inside = 0;
    for (const run of list) for (const sp of run.spans) inside += letters(doc.text, Math.max(sp.start, s.start), Math.min(sp.end, s.end), []);
    const total = letters(doc.text, s.start, s.end, []);
    if (total === 0 || inside / total < CONTINUATION_QUOTE_SHARE) return;
    const continued: Attribution = {
      ...previous,
      sentence: { text: doc.text.slice(s.start, s.end), start: s.start, end: s.end },
      cue: { ...previous.cue, form: 'continuation' },
      quote: 'direct',
      quoteSpans: list.flatMap((run) => run.spans),
      ruleId: 'attribution/quote-continuation',
    };
    attributions.push(continued);
    bodyBySentence.set(index, continued);
    quoted.add(index);
  });
  // ""What we are seeing ...¶"But I want ...," she said.": a quotation that runs over paragraphs before its
  // attribution is that speaker's in each earlier paragraph too (at the paragraph's first sentence).
  const paragraphs = article.body.paragraphs;
  const paragraphOf = (offset: number) => paragraphs.findIndex((p) => offset >= p.start && offset < p.end);
  for (const [run, owner] of runOwner) {
    const ownerStart = doc.sentences[owner].start;
    if (run.start >= ownerStart) continue;
    const speaker = bodyBySentence.get(owner);
    if (!speaker || speaker.ruleId === 'attribution/quote-continuation') continue;
    const ownParagraph = paragraphOf(ownerStart);
    let lastParagraph = -1;
    for (let k = owner - 1; k >= 0 && doc.sentences[k].end > run.start; k--) {
      const sk = doc.sentences[k];
      const para = paragraphOf(sk.start);
      if (para === ownParagraph || para === lastParagraph || attributedSentences.has(k) || bodyBySentence.has(k)) continue;
      // The paragraph's first sentence inside the quotation carries it.
      if (k > 0 && paragraphOf(doc.sentences[k - 1].start) === para && doc.sentences[k - 1].end > run.start) continue;
      lastParagraph = para;
      const spans = run.spans.filter((sp) => sp.start < paragraphs[para].end && sp.end > paragraphs[para].start);
      const continued: Attribution = {
        ...speaker,
        sentence: { text: doc.text.slice(sk.start, sk.end), start: sk.start, end: sk.end },
        cue: { ...speaker.cue, form: 'continuation' },
        quote: 'direct',
        quoteSpans: spans,
        ruleId: 'attribution/quote-continuation',
      };
      attributions.push(continued);
      bodyBySentence.set(k, continued);
    }
  }
  markAnonymousLater(doc, bodyView, attributions, attributedSentences);
  const place = datelineCountry(article.dateline ?? leadingDateline(doc.text), lexicons);
  // A bureau city speaks for its region ("DUBAI - Iran said ..."): a city dateline's country is
  // taken only when some source already tied to a country is from it, or none is tied to any.
  const fits = (code: string) => !attributions.some((a) => a.source.country !== null) || attributions.some((a) => countriesOf(a.source.country).includes(code));
  let home = place && (!place.city || fits(place.code)) ? place.code : null;
  // No dateline (local news often has none): the places the body names, when nearly all lie in one country,
  // under the same guard as a city dateline. Looked for only when some source still lacks a country.
  if (!place && attributions.some((a) => a.source.country === null && LOCAL_TYPES.has(a.source.type))) {
    const code = bodyPlaceCountry(doc, lexicons);
    if (code && fits(code)) home = code;
  }
  if (home) {
    const demonym = kb.demonymOf.get(home);
    for (const a of attributions) {
      if (a.source.country !== null || !speaksForHome(a, lexicons)) continue;
      a.source.country = home;
      // "The finance ministry" in an ISLAMABAD story is the Pakistani finance ministry (as "South Korea's" would say).
      // "State television" opening a sentence is capitalized only there.
      const lower = a.source.type === 'state-media' && a.source.start === a.sentence.start ? a.source.canonical.charAt(0).toLowerCase() + a.source.canonical.slice(1) : a.source.canonical;
      if (a.source.identity === 'role' && (a.source.type === 'government' || a.source.type === 'state-media') && demonym && /^(?:the )?[a-z]/i.test(lower) && lower === lower.toLowerCase()) {
        a.source.canonical = `${demonym} ${lower.replace(/^the /i, '')}`;
        // A ministry or government given its country is one specific body, as "South Korea's foreign ministry" is.
        const specific = namedWithCountryEntries(lexicons);
        if (a.source.evidence.some((ref) => specific.has(`${ref.lexicon}:${ref.entryId}`))) a.source.identity = 'named';
      }
    }
  }
  // Title first, then text order; ids follow that order.
  attributions.sort((a, b) => (a.zone === b.zone ? a.sentence.start - b.sentence.start || a.source.start - b.source.start : a.zone === 'title' ? -1 : 1));
  attributions.forEach((a, n) => (a.id = `a${n + 1}`));
  const unattributed: UnattributedSentence[] = [];
  doc.sentences.forEach((s, index) => {
    if (attributedSentences.has(index) || quoted.has(index)) return;
    if (!isClaim(bodyView, s.tokenStart, s.tokenEnd)) return;
    const hedges = kb.hedges.scan(bodyView.keys, s.tokenStart, s.tokenEnd).map((h) => {
      const start = doc.starts[h.start];
      const end = doc.ends[h.end - 1];
      return { text: doc.text.slice(start, end), start, end, entryId: h.payloads[0].entryId };
    });
    unattributed.push({ start: s.start, end: s.end, hedges });
  });

  return { attributions, unattributed, findings: [] };
}

/**
 * "Estavia and Dornland agreed ..., their foreign ministers said": a plural source opening with
 * "their" and with no country of its own speaks for the countries its sentence names before it,
 * when that is two or more (one is left to the dateline and the rules above).
 */
function possessiveCountries(it: Located): void {
  const m = it.candidate.mention;
  if (m.country !== null || !m.plural || it.view.keys[m.tokStart] !== 'their') return;
  const codes = new Set<string>();
  for (let t = it.doc.sentences[it.candidate.sentence].tokenStart; t < m.tokStart; t++) {
    const hit = it.view.termAt[t];
    if (hit) for (const p of hit.payloads) if ((p.kind === 'country' || p.kind === 'capital' || p.kind === 'demonym') && p.country) codes.add(p.country);
  }
  if (codes.size >= 2) m.country = [...codes];
}

/** "ISLAMABAD:", "KYIV/MOSCOW —", "LONDON, April 16 -": a place in capitals opening the body. */
const LEADING_DATELINE = /^\s*([A-Z][A-Z.'\u00c0-\u00de -]{2,40}?(?:\/[A-Z][A-Z.'\u00c0-\u00de -]{2,40}?)*)\s*(?:[:,\u2014\u2013]|\s-\s|\()/;

function leadingDateline(text: string): string | null {
  const m = LEADING_DATELINE.exec(text.slice(0, 80));
  return m ? m[1] : null;
}

interface Place { code: string; city: boolean }

const datelineMaps = new WeakMap<LexiconSet, Map<string, Place>>();

/**
 * The country of a dateline's place, when the countries lexicon (a capital or a country
 * name) or the cities lexicon (a major city that is not a capital) knows it, and the
 * dateline names one country only ("KYIV/MOSCOW" names two). `city` when any part is
 * a non-capital city.
 */
function datelineCountry(dateline: string | null, lexicons: LexiconSet): Place | null {
  if (!dateline) return null;
  let places = datelineMaps.get(lexicons);
  if (!places) {
    places = new Map();
    for (const c of lexicons.entries<LexiconEntry & { names: string[]; country: string }>('cities')) {
      for (const n of c.names) places.set(n.toLowerCase(), { code: c.country, city: true });
    }
    for (const c of lexicons.entries<LexiconEntry & { code: string; names: string[]; capitals: string[] }>('countries')) {
      for (const n of [...c.capitals, ...c.names]) places.set(n.toLowerCase(), { code: c.code, city: false });
    }
    datelineMaps.set(lexicons, places);
  }
  const codes = new Set<string>();
  let city = false;
  // "LONDON, April 16", "WASHINGTON (AP)": the place is what comes before the date or credit.
  for (const part of dateline.split(/[,(:\u2014\u2013]/)[0].split('/')) {
    const name = part.trim().toLowerCase();
    if (!name) continue;
    const place = places.get(name);
    if (!place) return null;
    codes.add(place.code);
    city ||= place.city;
  }
  return codes.size === 1 ? { code: [...codes][0], city } : null;
}

/** Share of the body's place mentions that must lie in one country for it to be the story's country. */
export const BODY_PLACE_SHARE = 2 / 3;

const placeMatchers = new WeakMap<LexiconSet, PhraseMatcher<string>>();

/**
 * The country of the places a body names (cities, capitals, country names, states and
 * provinces), when at least BODY_PLACE_SHARE of those mentions lie in it. Places are
 * capitalized in the text ("Queensland", "the Oregon Department of Forestry").
 */
function bodyPlaceCountry(doc: NlpDoc, lexicons: LexiconSet): string | null {
  let matcher = placeMatchers.get(lexicons);
  if (!matcher) {
    matcher = new PhraseMatcher<string>();
    const add = (name: string, code: string) => matcher!.add(annotate(name).values.map(tokenKey), code, (a, b) => a === b);
    for (const c of lexicons.entries<LexiconEntry & { names: string[]; country: string }>('cities')) for (const n of c.names) add(n, c.country);
    for (const c of lexicons.entries<LexiconEntry & { names: string[]; country: string }>('regions')) for (const n of c.names) add(n, c.country);
    for (const c of lexicons.entries<LexiconEntry & { code: string; names: string[]; capitals: string[] }>('countries')) for (const n of [...c.capitals, ...c.names]) add(n, c.code);
    // An outlet's name is no place the story happens in ("The New York Times", "The Japan Times"): matched as a whole and skipped.
    for (const o of lexicons.entries<LexiconEntry & { name: string; aliases?: string[] }>('outlets')) for (const n of [o.name, ...(o.aliases ?? [])]) add(n, '');
    placeMatchers.set(lexicons, matcher);
  }
  const counts = new Map<string, number>();
  let total = 0;
  const n = doc.normals.length;
  for (let t = 0; t < n; t++) {
    // Places are capitalized: most tokens are skipped on their first character.
    const c = doc.values[t].charCodeAt(0);
    if (c < 65 || c > 90) continue;
    const hit = matcher.matchAt(doc.normals, t, n);
    if (!hit) continue;
    t = hit.end - 1;
    if (hit.payloads.length !== 1 || hit.payloads[0] === '') continue;
    counts.set(hit.payloads[0], (counts.get(hit.payloads[0]) ?? 0) + 1);
    total++;
  }
  for (const [code, n] of counts) if (n >= total * BODY_PLACE_SHARE) return code;
  return null;
}

/** Source types that, given no country of their own, are taken to be local to the dateline. */
const LOCAL_TYPES: ReadonlySet<string> = new Set(['official', 'government', 'person', 'organization']);

/**
 * Officials, government bodies, people and organizations with no country of their
 * own are local to the dateline's country ("WASHINGTON - ... Senator Jane Roe said";
 * "MUMBAI: ..., coach Ravi Nair said"); outlets, unnamed sources of unknown type and
 * international bodies (the IMF, the WHO) are not.
 */
function speaksForHome(a: Attribution, lexicons: LexiconSet): boolean {
  // "local broadcaster Citizen TV", "local media": media the text calls local are the story's country's.
  // "State television reported" in a TEHRAN story: unnamed state media are the story's state's.
  const stateMedia = a.source.type === 'state-media' && a.source.identity === 'role';
  if (!LOCAL_TYPES.has(a.source.type) && !stateMedia && !(a.source.type === 'media' && /\blocal\b/i.test(a.source.text))) return false;
  const orgTypes = internationalEntries(lexicons);
  return !a.source.evidence.some((ref) => ref.lexicon === 'outlets' || orgTypes.has(`${ref.lexicon}:${ref.entryId}`));
}

const namedWithCountryCache = new WeakMap<LexiconSet, Set<string>>();

/** Source-term entries that name one specific body once a country is given (ministry, government). */
function namedWithCountryEntries(lexicons: LexiconSet): Set<string> {
  let set = namedWithCountryCache.get(lexicons);
  if (!set) {
    set = new Set();
    for (const t of lexicons.entries<LexiconEntry & { namedWithCountry?: boolean }>('source-terms')) if (t.namedWithCountry) set.add(`source-terms:${t.id}`);
    namedWithCountryCache.set(lexicons, set);
  }
  return set;
}

const orgEntryCache = new WeakMap<LexiconSet, Set<string>>();

/** Lexicon entries of named organizations with no country: international bodies (the IMF, the UN, the WTO). */
function internationalEntries(lexicons: LexiconSet): Set<string> {
  let set = orgEntryCache.get(lexicons);
  if (!set) {
    set = new Set();
    // Diplomats speak for another country than the story's.
    for (const t of lexicons.entries<LexiconEntry & { kind: string; type?: string; foreign?: boolean }>('source-terms')) if ((t.type === 'organization' && t.kind === 'body') || t.foreign) set.add(`source-terms:${t.id}`);
    for (const o of lexicons.entries<LexiconEntry & { country: string | null }>('organizations')) if (o.country === null) set.add(`organizations:${o.id}`);
    orgEntryCache.set(lexicons, set);
  }
  return set;
}

/** Headline separators after which a source may stand ("...: KCNA", "... — Kremlin"). */
const HEADLINE_TAIL = /(?::|\s[\u2014\u2013|-])\s*\S/;

/**
 * Could this title carry an attribution? A cheap look (a separator, or a word
 * that begins a cue phrase) before paying for a second tagging pass.
 */
function mayAttribute(title: string, kb: Knowledge): boolean {
  if (HEADLINE_TAIL.test(title)) return true;
  for (const word of title.toLowerCase().split(/[^a-z']+/)) if (word && kb.cues.startsWith(word)) return true;
  return false;
}

/** Index of the first token that starts at or after `offset`. */
function tokenAt(doc: NlpDoc, offset: number): number {
  let lo = 0;
  let hi = doc.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (doc.starts[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** 1 for each token that lies inside a quotation's words. */
function quotedTokens(doc: NlpDoc, runs: QuoteRun[]): Uint8Array {
  const out = new Uint8Array(doc.values.length);
  let t = 0;
  for (const run of runs) {
    for (const span of run.spans) {
      while (t < out.length && doc.starts[t] < span.start) t++;
      for (let k = t; k < out.length && doc.ends[k] <= span.end; k++) out[k] = 1;
    }
  }
  return out;
}

function corefItemOf(it: Located): CorefItem & { item: Located } {
  const m = it.candidate.mention;
  const following: string[] = [];
  // Gender cues are read for named people only.
  if (m.kind === 'person') {
    const s = it.doc.sentences[it.candidate.sentence];
    for (let t = m.tokEnd; t < s.tokenEnd; t++) following.push(it.view.keys[t]);
  }
  return { mention: m, following, item: it };
}

/**
 * "Critics, including Senator Jane Roe, ... Roe said": a source named by surname
 * alone takes the full name written anywhere earlier in the article, even where
 * that name carries no attribution. Only the surnames of such sources are looked up.
 */
function fullNameAntecedents(doc: NlpDoc, view: SentenceView, items: Located[]): Map<number, Mention[]> {
  const out = new Map<number, Mention[]>();
  const wanted = new Map<string, number>();
  for (const it of items) {
    const m = it.candidate.mention;
    // "Mehta, 29, told reporters": the surname may carry an appositive.
    if (it.zone !== 'body' || m.kind !== 'person' || !m.name || m.name.includes(' ') || view.values[m.tokStart] !== m.name) continue;
    const first = wanted.get(m.name);
    if (first === undefined || m.tokStart > first) wanted.set(m.name, m.tokStart);
  }
  if (wanted.size === 0) return out;
  const seen = new Set<number>();
  for (const [name, before] of wanted) {
    for (let t = 1; t < before; t++) {
      if (doc.values[t] !== name || view.pos[t - 1] !== 'PROPN' || seen.has(t)) continue;
      const index = doc.sentenceOf[t];
      if (doc.sentenceOf[before] === index) continue;
      seen.add(t);
      ensureTerms(view, index);
      const a = npBackward(view, t, doc.sentences[index].tokenStart);
      const m = a <= t ? profileSource(view, a, t + 1) : null;
      if (m && m.kind === 'person' && m.name && m.name.includes(' ')) out.set(index, [...(out.get(index) ?? []), m]);
    }
  }
  return out;
}

/**
 * "Shares in Velora Motors Inc fell ... . The company said", "state utility Eskom ... . Eskom said":
 * the companies named before a source that may refer back to one (a bare one-word name, or a
 * definite company word), found by their company words (Corp, Inc, utility) or the companies
 * lexicon. Only the sentences before the last such source are read.
 */
function companyAntecedents(doc: NlpDoc, view: SentenceView, items: Located[]): Map<number, Mention[]> {
  const out = new Map<number, Mention[]>();
  let last = -1;
  /** Head words of definite group sources ("the court", "the party"): named bodies ending in them are looked for too. */
  const heads = new Set<string>();
  for (const it of items) {
    const m = it.candidate.mention;
    if (it.zone !== 'body') continue;
    const bare = m.kind === 'person' && m.type === 'unknown' && m.tokEnd - m.tokStart === 1;
    const definiteBody = m.definite && m.kind === 'group' && m.identity === 'role' && !m.company && !m.plural && m.tokEnd - m.tokStart === 2;
    if (definiteBody) heads.add(view.keys[m.tokEnd - 1]);
    if (bare || definiteBody || (m.definite && m.company && m.kind === 'group')) last = Math.max(last, it.candidate.sentence);
  }
  const capitalName = (t: number) => view.pos[t] === 'PROPN' && /^[A-Z]/.test(view.values[t]) && !view.termAt[t];
  for (let index = 0; index < last; index++) {
    const { tokenStart, tokenEnd } = doc.sentences[index];
    ensureTerms(view, index);
    for (let t = tokenStart; t < tokenEnd; t++) {
      const hit = view.termAt[t];
      if (!hit) continue;
      let a = hit.start;
      let e = hit.end;
      // "the Gauteng High Court" ... "the court said": a capitalized group word with a name before it.
      if (!hit.payloads.some((p) => p.company)) {
        const c = view.values[e - 1].charCodeAt(0);
        if (!heads.has(view.keys[e - 1]) || c < 65 || c > 90 || !hit.payloads.some((p) => p.kind === 'group')) continue;
        while (a > tokenStart && capitalName(a - 1)) a--;
        // "the Commission on Good Government": the tail of a longer name is no body of its own.
        const tail = a - 2 >= tokenStart && (view.keys[a - 1] === 'on' || view.keys[a - 1] === 'of' || view.keys[a - 1] === 'for') && /^[A-Z]/.test(view.values[a - 2]);
        const m = !tail && (a < hit.start || e - a > 1) ? profileSource(view, a, e) : null;
        if (m && m.identity === 'named' && m.kind === 'group') out.set(index, [...(out.get(index) ?? []), m]);
        t = Math.max(t, e - 1);
        continue;
      }
      if (hit.payloads.some((p) => p.kind === 'body')) {
        // "Microsoft Corp": the legal form after a known company.
        const next = view.termAt[e];
        if (next && next.payloads.some((p) => p.company && p.kind === 'group')) e = next.end;
      } else if (a > tokenStart && capitalName(a - 1)) {
        while (a > tokenStart && capitalName(a - 1)) a--;
      } else if (e < tokenEnd && capitalName(e)) {
        while (e < tokenEnd && capitalName(e)) e++;
      } else continue;
      const m = profileSource(view, a, e);
      if (m && m.company && m.identity === 'named') out.set(index, [...(out.get(index) ?? []), m]);
      t = Math.max(t, e - 1);
    }
  }
  return out;
}

/** Cheap look before scanning a sentence with no cue for an anonymity clause. */
const ANONYMITY_HINT = /anonymity|to be (?:named|identified)/i;

/**
 * "Two officials said ... . They spoke on condition of anonymity because ...": a
 * sentence whose subject ("they", "the officials") gave no name makes the role
 * sources of the sentences just before it anonymous.
 */
function markAnonymousLater(doc: NlpDoc, view: SentenceView, attributions: Attribution[], attributed: Set<number>): void {
  doc.sentences.forEach((s, index) => {
    if (index === 0 || attributed.has(index) || !ANONYMITY_HINT.test(doc.text.slice(s.start, s.end))) return;
    ensureTerms(view, index);
    let clause = false;
    for (let t = s.tokenStart; t < s.tokenEnd && !clause; t++) clause = view.termAt[t]?.payloads[0].kind === 'anonymity-clause';
    if (!clause) return;
    const end = view.pos[s.tokenStart] === 'PRON' ? s.tokenStart + 1 : npForward(view, s.tokenStart, s.tokenEnd);
    const subject = end > s.tokenStart ? profileSource(view, s.tokenStart, end) : null;
    if (!subject || !(subject.pronoun === 'they' || subject.pronoun === 'he' || subject.pronoun === 'she' || (subject.definite && subject.kind === 'role'))) return;
    const from = doc.sentences[Math.max(0, index - ANONYMITY_WINDOW)].start;
    for (const a of attributions) {
      if (a.zone !== 'body' || a.sentence.start < from || a.sentence.start >= s.start || a.source.identity !== 'role') continue;
      if (subject.kind === 'role' && !subject.roles.some((r) => a.source.text.toLowerCase().includes(r))) continue;
      a.source.identity = 'anonymous';
    }
  });
}

/** The noun phrase a sentence opens with, when it names a person or a role ("The mayor defended ..."). */
function sentenceSubject(view: SentenceView, s: number, e: number): Mention | null {
  const end = npForward(view, s, e);
  if (end <= s || end >= e || (view.pos[end] !== 'VERB' && view.pos[end] !== 'AUX')) return null;
  const m = profileSource(view, s, end);
  return m && (m.kind === 'person' || m.kind === 'role') ? m : null;
}

/** A sentence that asserts something: enough words, a verb, not a question. */
function isClaim(view: SentenceView, s: number, e: number): boolean {
  let words = 0;
  let verb = false;
  for (let i = s; i < e; i++) {
    const pos = view.pos[i];
    if (pos !== 'PUNCT' && pos !== 'SYM') words++;
    if (pos === 'VERB' || pos === 'AUX') verb = true;
  }
  return words >= MIN_CLAIM_WORDS && verb && view.keys[e - 1] !== '?';
}

export type { Mention };
