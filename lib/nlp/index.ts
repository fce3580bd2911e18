/**
 * The only module that touches wink-nlp. It turns a text into sentences and
 * tokens with exact character offsets, POS tags, lemmas and normal forms.
 *
 * Offsets come from wink's token values laid over the text (the gap between tokens is
 * whitespace, wink's `precedingSpaces`); every token is checked
 * against `text.slice(start, end)` and, where wink altered the surface (it can
 * expand or normalise some characters), re-anchored by a forward scan.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export interface Token {
  start: number;
  end: number;
  /** The token as written. */
  value: string;
  /** Lower case, curly apostrophes straightened (the key lexicon phrases are matched by). */
  normal: string;
  /** Only when asked for (`annotate(text, {lemmas: true})`): wink's lemmatizer costs ~15% of tagging. */
  lemma?: string;
  /** Universal POS tag (NOUN, PROPN, VERB, AUX, ...). */
  pos: string;
  /** Index of the sentence it belongs to. */
  sentence: number;
}

export interface Sentence {
  start: number;
  end: number;
  /** Token index range [tokenStart, tokenEnd). */
  tokenStart: number;
  tokenEnd: number;
}

/**
 * Tokens are held as parallel arrays (no object per token: the detectors read
 * them in tight loops, and half a million small objects cost as much as a
 * tenth of wink's own work). `tokens` builds Token objects on first access.
 */
export interface NlpDoc {
  text: string;
  /** Offsets of token i: [starts[i], ends[i]). */
  starts: Int32Array;
  ends: Int32Array;
  values: string[];
  /** Lower case, straight apostrophes: what lexicon phrases are matched by. */
  normals: string[];
  pos: string[];
  /** Index of the sentence token i belongs to. */
  sentenceOf: Int32Array;
  lemmas: string[] | null;
  readonly tokens: Token[];
  sentences: Sentence[];
}

type Wink = ReturnType<typeof winkNLP>;

/** Growable per-process work arrays for annotate (which never re-enters itself). */
const scratch = {
  ints: [new Int32Array(1024), new Int32Array(1024), new Int32Array(1024)],
  bytes: new Uint8Array(1024),
  /** Int32 work array `slot`, at least `n` long; its contents are left over from earlier texts. */
  int32(slot: number, n: number): Int32Array {
    if (this.ints[slot].length < n) this.ints[slot] = new Int32Array(Math.max(n, this.ints[slot].length * 2));
    return this.ints[slot];
  },
  uint8(n: number): Uint8Array {
    if (this.bytes.length < n) this.bytes = new Uint8Array(Math.max(n, this.bytes.length * 2));
    return this.bytes;
  },
};
const BLANK_LINE = /\n[^\S\n]*\n/;

/** Ints per slab: 1 MB, a few hundred docs' worth. */
const SLAB_INTS = 1 << 18;
let slab = new Int32Array(SLAB_INTS);
let slabUsed = 0;

/**
 * `n` zeroed ints for a doc's arrays, carved from a slab shared with other docs: a typed
 * array of its own would cost every doc an off-heap allocation (and the collector its
 * bookkeeping). Slab space is never handed out twice; a slab is freed with its last doc.
 */
function docInts(n: number): Int32Array {
  if (n > SLAB_INTS >> 3) return new Int32Array(n);
  if (slabUsed + n > SLAB_INTS) {
    slab = new Int32Array(SLAB_INTS);
    slabUsed = 0;
  }
  const out = slab.subarray(slabUsed, slabUsed + n);
  slabUsed += n;
  return out;
}

/** A feature table of wink's core model: values by index and index by value (both grow as wink reads). */
interface FeatureTable {
  list: string[];
  hash: Record<string, number>;
  index: number;
}

/**
 * What wink learns while it reads, and the sizes to restore it to. wink's
 * cache adds every unknown token (and its prefix/suffix/shape values) to the
 * core model's feature tables, and later tokenization depends on it: "Poor's"
 * is one token once seen, two ("Poor", "'s") before; "USD" read in "USD100" is
 * a currency symbol from then on. So every text is read as from the pristine
 * state: `forget` removes what the last text taught, at the cost of what it
 * taught, not of a new instance (~70 ms: the model is decoded and its automata
 * built). It keeps only the inert words (see `inert`), which read the same
 * known or unknown, so they are not learned again text after text (re-learning
 * unknown words was about a quarter of wink's time).
 */
interface Learned {
  lexemes: FeatureTable;
  /** Lexeme list length when loaded, and where the last text's lexemes begin. */
  pristineLexemes: number;
  since: number;
  /** The other growable tables (prefix, suffix, shape) and their loaded sizes. */
  others: { table: FeatureTable; size: number }[];
  /** Whether a learned lexeme may stay in the cache (see `inert`). */
  inert: (lexeme: string) => boolean;
}

const ASCII_WORD = /^[A-Za-z]+$/;

/**
 * A learned lexeme that changes nothing by being known: ASCII letters only, and
 * not matched by any of the model's token patterns other than a word's. Such a
 * string is always learned the same way (category word; its features, default
 * tag and lemma are functions of the string itself), and knowing it changes no
 * split: a token of only letters is one token whether found in the cache or not,
 * and wink consults the cache only for whole tokens and the pieces it splits off
 * at punctuation. Anything else (an apostrophe, a hyphen, a digit, a letter
 * outside ASCII, a currency code such as "USD" that the pattern for currencies
 * matches) is forgotten. Checked: annotate gives the same tokens, offsets, tags,
 * lemmas and sentences this way as from the pristine state (test/nlp.test.ts).
 */
function inertTest(core: CoreModel): (lexeme: string) => boolean {
  const word = core.tcat.hash.word;
  const others = core.trex.rtc.filter(([, , category]) => category !== word).map(([source, flags]) => new RegExp(source, flags.replace('g', '')));
  return (lexeme) => ASCII_WORD.test(lexeme) && !others.some((re) => re.test(lexeme));
}

/**
 * wink's lexeme list itself cannot shrink: the token properties it keeps
 * beside it are append-only and addressed by list position. Forgotten entries
 * stay there, unreachable, until this many have piled up and a new instance
 * takes over (memory only: what a text gets never depends on the positions).
 */
const RELOAD_AFTER_LEXEMES = 100_000;

type CoreModel = {
  features: Record<string, FeatureTable | undefined>;
  packing: { layout: Record<string, number[]> };
  /** Token categories, and the patterns wink splits an unknown token by ([source, flags, category]). */
  tcat: { hash: Record<string, number> };
  trex: { rtc: [string, string, number][] };
};

let instance: Wink | null = null;
let learned: Learned | null = null;
/** wink with its default pipe (`winkNLP(model)`), for the benchmarks' bare baselines: one keeping its cache, one read from its pristine state. */
let defaultInstance: Wink | null = null;
let pristineDefault: { wink: Wink; learned: Learned } | null = null;
let runDefault: { wink: Wink; learned: Learned } | null = null;
let metaCER: unknown = null;

/**
 * wink's annotations we read: tokens, sentences (sbd) and POS tags (with lemmas).
 * Its default pipe also runs NER, negation and sentiment, which we never read: they
 * cost ~40% of readDoc and change none of the tokens, sentences, tags or lemmas.
 */
const PIPE = ['sbd', 'pos'];

/**
 * The language model as wink should load it: the model's metaCER() re-stringifies
 * its own result on every call, so each load doubled it and the 21st load in a
 * thread failed ("Invalid string length"); here it is built once. `onCore` sees
 * the core model wink builds (its feature tables are where wink's cache learns).
 */
function onceLoadedModel(onCore?: (core: CoreModel) => void): typeof model {
  const loadCore = model.core as unknown as () => CoreModel;
  const loadMetaCER = model.metaCER as unknown as () => unknown;
  return Object.assign(Object.create(null) as object, model, {
    core: () => {
      const core = loadCore();
      onCore?.(core);
      return core;
    },
    metaCER: () => (metaCER ??= loadMetaCER()),
  }) as typeof model;
}

/** A wink instance with `pipe` (undefined: wink's default pipe) and the record of what its cache learns. */
function load(pipe?: string[]): { wink: Wink; learned: Learned } {
  // Loading the model takes ~70 ms: done once, and again only to free memory.
  let core: CoreModel | null = null;
  const wink = pipe ? winkNLP(onceLoadedModel((c) => (core = c)), pipe) : winkNLP(onceLoadedModel((c) => (core = c)));
  const { features, packing } = core as unknown as CoreModel;
  const lexemes = features.lexeme!;
  const others = Object.keys(packing.layout)
    .filter((f) => packing.layout[f][3] === 0 && features[f]?.hash)
    .map((f) => ({ table: features[f]!, size: features[f]!.list.length }));
  return { wink, learned: { lexemes, pristineLexemes: lexemes.list.length, since: lexemes.list.length, others, inert: inertTest(core as unknown as CoreModel) } };
}

function nlp(): Wink {
  if (instance) return instance;
  ({ wink: instance, learned } = load(PIPE));
  return instance;
}

/** Bring wink back to a state that reads every text as the state it loaded in does (see Learned). */
function forget(): void {
  if (!learned) return;
  if (learned.lexemes.list.length - learned.pristineLexemes > RELOAD_AFTER_LEXEMES) return unloadNlp();
  const { lexemes, inert } = learned;
  for (let i = learned.since; i < lexemes.list.length; i++) {
    const lexeme = lexemes.list[i];
    if (!inert(lexeme)) delete lexemes.hash[lexeme];
  }
  learned.since = lexemes.list.length;
  // The other tables keep their values: the inert lexemes kept point at them (a value's index never changes a tag).
}

/** Bring wink back to the state it loaded in, exactly: everything learned forgotten. */
function forgetLearned(learned: Learned): void {
  const { lexemes, others } = learned;
  for (let i = learned.since; i < lexemes.list.length; i++) delete lexemes.hash[lexemes.list[i]];
  learned.since = lexemes.list.length;
  // Values referred to only by forgotten lexemes: dropped outright, so they get the same index again.
  for (const { table, size } of others) {
    if (table.list.length === size) continue;
    for (let i = size; i < table.list.length; i++) delete table.hash[table.list[i]];
    table.list.length = size;
    table.index = size;
  }
}

/**
 * Bring wink back to its freshly loaded state. Every `annotate` and `tagOnly`
 * does this first, so a text's analysis depends on that text alone (not on
 * what was read before it, nor on how articles were spread over threads).
 */
export function resetNlp(): void {
  forget();
}

/** Drop the loaded model and what it learned (its memory); the next text loads it again. */
export function unloadNlp(): void {
  instance = null;
  learned = null;
}

/** Tokenize, tag and split `text` into sentences with offsets into `text`. */
export function annotate(text: string, options: { lemmas?: boolean } = {}): NlpDoc {
  // Each text is read as by a freshly loaded wink, so its analysis depends on it alone.
  forget();
  const wink = nlp();
  const its = wink.its;
  const doc = wink.readDoc(text);
  const values = doc.tokens().out(its.value) as string[];
  const pos = doc.tokens().out(its.pos) as string[];
  const lemmas = options.lemmas ? (doc.tokens().out(its.lemma as never) as string[]) : null;
  const sentenceSpans = doc.sentences().out(its.span as never) as unknown as [number, number][];

  // Whitespace tokens (wink's SPACE: line breaks) are dropped; a blank line ends a
  // sentence, since wink does not split a heading or a list item from what follows.
  const n = values.length;
  // Scratch arrays reused across texts (a typed array per text and purpose costs an
  // off-heap allocation each); the kept offsets are copied out at the end.
  const starts = scratch.int32(0, n);
  const ends = scratch.int32(1, n);
  const keptValues: string[] = [];
  const normals: string[] = [];
  const keptPos: string[] = [];
  const keptLemmas: string[] | null = lemmas ? [] : null;
  let count = 0;
  const winkToToken = scratch.int32(2, values.length).fill(-1, 0, values.length);
  const breakBefore = scratch.uint8(values.length + 1).fill(0, 0, values.length + 1);
  let cursor = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    // The gap before a token is whitespace (wink's precedingSpaces, read off the text:
    // cheaper than asking wink for it); count its line breaks on the way.
    let start = cursor;
    let newlines = 0;
    const spaceToken = pos[i] === 'SPACE';
    if (!spaceToken) {
      for (; start < text.length; start++) {
        const c = text.charCodeAt(start);
        if (c === 10) newlines++;
        else if (!(c === 32 || c === 9 || c === 13 || c === 160 || (c >= 0x2000 && c <= 0x200b) || c === 0x202f || c === 0x205f || c === 0x3000 || c === 12 || c === 11)) break;
      }
    }
    if (!occursAt(text, value, start)) {
      // wink normalised something (e.g. a non-breaking space); find the token ahead.
      const found = text.indexOf(value, cursor);
      newlines = 0;
      if (found >= 0) for (let k = cursor; k < found; k++) if (text.charCodeAt(k) === 10) newlines++;
      start = found >= 0 ? found : Math.min(start, text.length);
    }
    const end = Math.min(text.length, start + value.length);
    cursor = end;
    if (spaceToken || isBlank(value)) {
      if (BLANK_LINE.test(value) || newlines >= 2) breakBefore[i + 1] = 1;
      continue;
    }
    if (newlines >= 2) breakBefore[i] = 1;
    winkToToken[i] = count;
    starts[count] = start;
    ends[count] = end;
    const surface = end - start === value.length ? value : text.slice(start, end);
    keptValues.push(surface);
    normals.push(normalOf(surface));
    keptPos.push(pos[i]);
    if (keptLemmas) keptLemmas.push(lemmas![i] ?? normalOf(surface));
    count++;
  }

  // The doc's three int arrays share one allocation, carved from a slab (see docInts).
  const ints = docInts(3 * count);
  ints.set(starts.subarray(0, count), 0);
  ints.set(ends.subarray(0, count), count);
  const sentences: Sentence[] = [];
  const sentenceOf = ints.subarray(2 * count, 3 * count);
  for (const [first, last] of sentenceSpans) {
    let open = -1;
    const close = (endToken: number) => {
      if (open < 0 || endToken <= open) return;
      const index = sentences.length;
      sentenceOf.fill(index, open, endToken);
      sentences.push({ start: starts[open], end: ends[endToken - 1], tokenStart: open, tokenEnd: endToken });
      open = -1;
    };
    for (let w = first; w <= last; w++) {
      const t = winkToToken[w];
      if (breakBefore[w]) close(t >= 0 ? t : count);
      if (t < 0) continue;
      if (open < 0) open = t;
    }
    close(count > 0 && open >= 0 ? lastTokenUpTo(winkToToken, last) + 1 : -1);
  }
  return makeDoc(text, ints.subarray(0, count), ints.subarray(count, 2 * count), keptValues, normals, keptPos, sentenceOf, keptLemmas, sentences);
}

function makeDoc(
  text: string,
  starts: Int32Array,
  ends: Int32Array,
  values: string[],
  normals: string[],
  pos: string[],
  sentenceOf: Int32Array,
  lemmas: string[] | null,
  sentences: Sentence[],
): NlpDoc {
  return new AnnotatedDoc(text, starts, ends, values, normals, pos, sentenceOf, lemmas, sentences);
}

/** A class, not an object literal with a getter: V8 builds those through a slow runtime path, once per text. */
class AnnotatedDoc implements NlpDoc {
  private tokenObjects: Token[] | null = null;

  constructor(
    public text: string,
    public starts: Int32Array,
    public ends: Int32Array,
    public values: string[],
    public normals: string[],
    public pos: string[],
    public sentenceOf: Int32Array,
    public lemmas: string[] | null,
    public sentences: Sentence[],
  ) {}

  get tokens(): Token[] {
    this.tokenObjects ??= this.values.map((value, i) => {
      const t: Token = { start: this.starts[i], end: this.ends[i], value, normal: this.normals[i], pos: this.pos[i], sentence: this.sentenceOf[i] };
      if (this.lemmas) t.lemma = this.lemmas[i];
      return t;
    });
    return this.tokenObjects;
  }
}

const CURLY_APOSTROPHE = /[\u2018\u2019\u02bc]/g;

/** A token's matching key: lower case with straight apostrophes ("Korea’s" and "Korea's" alike). */
export function normalOf(value: string): string {
  const lower = value.toLowerCase();
  // Most tokens are ASCII: test for the apostrophes without a regex.
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (c === 0x2018 || c === 0x2019 || c === 0x02bc) return lower.replace(CURLY_APOSTROPHE, "'");
  }
  return lower;
}

/** `text.startsWith(value, at)`, compared inline (startsWith is a runtime call, and this runs per token). */
function occursAt(text: string, value: string, at: number): boolean {
  const n = value.length;
  if (at + n > text.length) return false;
  for (let k = 0; k < n; k++) if (text.charCodeAt(at + k) !== value.charCodeAt(k)) return false;
  return true;
}

function isBlank(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 32 && value.charCodeAt(i) !== 160) return false;
  return true;
}

/** Index of the last kept token at or before wink token `w`. */
function lastTokenUpTo(map: Int32Array, w: number): number {
  for (let i = w; i >= 0; i--) if (map[i] >= 0) return map[i];
  return -1;
}

/**
 * wink's bare work on a text (readDoc + POS tags), for benchmarks; returns the token count.
 * `'default'` (the default) runs wink's default pipe (`winkNLP(model)`, as a user who calls
 * readDoc gets it: its cache keeps what it learns, across texts); `'pristine'` the same
 * default pipe read from wink's pristine state exactly (everything its cache learned from
 * earlier texts forgotten, the inert words too); `'run'` the default pipe keeping what it
 * learns since the last `startBareRun()`; `'lean'` runs what annotate runs (sbd + pos, read
 * as annotate reads: as from the pristine state, the inert words kept).
 */
export function tagOnly(text: string, pipe: 'default' | 'pristine' | 'run' | 'lean' = 'default'): number {
  let wink: Wink;
  if (pipe === 'lean') {
    forget();
    wink = nlp();
  } else if (pipe === 'pristine') {
    // Forgotten lexemes pile up as in forget(): reloaded as annotate's instance is.
    if (!pristineDefault || pristineDefault.learned.lexemes.list.length - pristineDefault.learned.pristineLexemes > RELOAD_AFTER_LEXEMES) pristineDefault = load();
    forgetLearned(pristineDefault.learned);
    wink = pristineDefault.wink;
  } else if (pipe === 'run') wink = (runDefault ??= load()).wink;
  else wink = defaultInstance ??= winkNLP(onceLoadedModel());
  return (wink.readDoc(text).tokens().out(wink.its.pos) as string[]).length;
}

/**
 * Start a new run for `tagOnly(text, 'run')`: wink with its default pipe, back to its
 * pristine state, then keeping what it learns from text to text, as in one real pass
 * of a user's readDoc over a corpus (each text read once, after the ones before it).
 */
export function startBareRun(): void {
  if (runDefault && runDefault.learned.lexemes.list.length - runDefault.learned.pristineLexemes > RELOAD_AFTER_LEXEMES) runDefault = null;
  if (runDefault) forgetLearned(runDefault.learned);
}

/**
 * wink ends a sentence at a title abbreviation it does not know ("Const." in "Const. Mandeep
 * Gill said"), leaving the title in one sentence and its name in the next. Joins such a
 * sentence to the next when it ends in one of `abbreviations` (lower case, no dot) and a
 * period, and the next sentence opens, in the same paragraph, with a capitalized word.
 * Returns `doc` itself when nothing is joined; otherwise a doc with the same tokens.
 */
export function joinTitleAbbreviations(doc: NlpDoc, abbreviations: ReadonlySet<string>): NlpDoc {
  const { sentences, values } = doc;
  let joined: Sentence[] | null = null;
  for (let s = 0; s < sentences.length - 1; s++) {
    const cur: Sentence = joined ? joined[joined.length - 1] : sentences[s];
    const next = sentences[s + 1];
    const last = cur.tokenEnd - 1;
    const splits =
      last > cur.tokenStart &&
      values[last] === '.' &&
      doc.starts[last] === doc.ends[last - 1] &&
      abbreviations.has(doc.normals[last - 1]) &&
      !doc.text.slice(cur.end, next.start).includes('\n') &&
      /^\p{Lu}/u.test(values[next.tokenStart]);
    if (!joined && !splits) continue;
    joined ??= sentences.slice(0, s + 1).map((x) => ({ ...x }));
    if (splits) {
      const merged = joined[joined.length - 1];
      merged.end = next.end;
      merged.tokenEnd = next.tokenEnd;
    } else joined.push({ ...next });
  }
  if (!joined) return doc;
  const sentenceOf = new Int32Array(doc.sentenceOf.length);
  joined.forEach((x, i) => sentenceOf.fill(i, x.tokenStart, x.tokenEnd));
  return new AnnotatedDoc(doc.text, doc.starts, doc.ends, doc.values, doc.normals, doc.pos, sentenceOf, doc.lemmas, joined);
}
