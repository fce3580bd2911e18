/**
 * Boilerplate removal for plain-text scrapes, after jusText (Pomikalek 2011):
 *
 * 1. Each block gets a class from its own features: `bad` (page furniture
 *    cues, template junk, list markers, copyright and byline lines, dates,
 *    headline-like or menu-like lines, lines the page repeats, low stopword
 *    density), `good` (long sentence-like prose dense in stopwords),
 *    `neutral` (shorter prose) or `short`.
 * 2. Context: a short block between good ones becomes good, else bad; a
 *    neutral block next to good prose (skipping other undecided blocks)
 *    becomes good, else bad.
 * 3. Position: the body is the densest run of good blocks (maximum-sum
 *    segment, good = +length, bad = -BAD_PENALTY), which never crosses a
 *    repost footer ("Source link", "Leave a Reply").
 * 4. A sentence fragment cut off right before a repost footer is kept as the
 *    truncated end of the body.
 *
 * Thresholds are named constants with the reason for their value.
 */
import type { ExtractCues, FurnitureHit, FurnitureRole } from './cues.js';
import type { TextSpan } from './credits.js';
import { findDateline, findImageCredits, findTrailingReporting, isReportingLine, parseByline } from './credits.js';
import { findDates } from './dates.js';
import { blockFeatures, type BlockFeatures } from './features.js';
import type { TextBlock } from './blocks.js';

/** Below this many characters a block is short (jusText LENGTH_LOW). */
export const LENGTH_LOW = 70;
/** Sentence-like blocks at least this long and dense in stopwords are good on their own. */
export const LENGTH_GOOD = 80;
/** jusText's STOPWORDS_LOW and STOPWORDS_HIGH for English, re-measured with our stoplist. */
export const STOPWORDS_LOW = 0.25;
export const STOPWORDS_HIGH = 0.3;
/** Density floor for blocks shaped like sentences (capital start, closing punctuation). */
export const STOPWORDS_SENTENCE_FLOOR = 0.15;
/** A related-stories box holds at most this many items after its heading. */
export const RELATED_MAX_ITEMS = 12;
/** Undecided fragments kept together when nothing else was kept need at least this many words. */
export const FRAGMENTED_MIN_WORDS = 25;
/** Cost of one bad block inside the body run: a few furniture lines may interrupt a story. */
export const BAD_PENALTY = 30;
/** A good block counts at most this many characters toward its run, so one long outlier cannot pull the body away. */
export const GOOD_CAP = 400;
/** Headline-like: no closing punctuation, at most this many words, mostly capitalized. */
export const HEADLINE_MAX_WORDS = 20;
export const HEADLINE_CAPITAL_SHARE = 0.6;
/** A truncated tail is a short sentence start: at most this many words. */
export const TRUNCATED_MAX_WORDS = 15;
/** A sentence-shaped block below the density floor with at least this many words (and a stopword) is left to its neighbours. */
export const NAME_DENSE_MIN_WORDS = 8;
/** A short sentence kept as a story's last line between prose and page furniture has at least this many words. */
export const CLOSING_MIN_WORDS = 5;
/** At most this many caption-like lines between the body and its truncated tail. */
export const TRUNCATED_MAX_GAP = 3;

export type BlockClass = 'good' | 'bad' | 'neutral' | 'short';

export interface ClassifiedBlock extends TextBlock {
  features: BlockFeatures;
  /** Class from the block alone. */
  initial: BlockClass;
  /** Class after context smoothing (good or bad). */
  final: 'good' | 'bad';
  /** In the body (good and inside the main run, or the truncated tail). */
  body: boolean;
  reason: string;
  furniture: FurnitureHit | null;
}

export interface BoilerplateResult {
  blocks: ClassifiedBlock[];
  /** Index of the truncated tail block, or -1. */
  truncatedAt: number;
  /** Index of the repost footer that ends the body ("Source link"), or -1. */
  footerAt: number;
  /** Each block's photo credits (`findImageCredits`) where classifying read them, else undefined: read once per block. */
  imageCredits: (TextSpan[] | undefined)[];
}

const TEMPLATE = /\{\{|\}\}|\{%|%\}|<%|%>|\$\{/;
const LIST_MARKER = /^(?:[-–—•·*▪>^|]+|\d{1,3}[.)]?|[a-z][.)])$/u;
const NUMBERED_ITEM = /^\d{1,2}[.)]\s/u;
const COPYRIGHT = /^(?:©|\([cC]\)|Copyright\b)/u;
const ENDS_PROSE = /[.!?…]["'”’»)\]]*(?:\s*\([^()]{1,40}\))?$/u;
const URL_ONLY = /^(?:https?:\/\/|www\.)\S+$/u;

// What may surround a date on a timestamp line: times, zones, "at", "Updated" (a.m./p.m. end it like a sentence).
const TIMESTAMP_WORD = /^(?:\d{1,2}[:.]\d{2}(?:[ap]\.?m\.?)?|[ap]\.?m\.?|[Aa]t|[Oo]n|[Uu]pdated|[Pp]ublished|[Pp]osted|[A-Z]{1,4}T|GMT|UTC|:)(?::)?$/u;

/** A date with at most a time around it: "July 28, 2025 at 8:45 a.m." (sentence-shaped, yet no prose). */
function isTimestamp(text: string): boolean {
  const dates = findDates(text);
  if (!dates.length) return false;
  let rest = '';
  let at = 0;
  for (const d of dates) {
    rest += text.slice(at, d.start);
    at = d.end;
  }
  rest += text.slice(at);
  return rest.split(/[\s,|·•()–—-]+/u).every((w) => w === '' || TIMESTAMP_WORD.test(w));
}

/** `text.split(' ').length > n`, without building the pieces. */
function spacesAtLeast(text: string, n: number): boolean {
  let count = 0;
  for (let i = text.indexOf(' '); i >= 0 && count < n; i = text.indexOf(' ', i + 1)) count++;
  return count >= n;
}

/** TEMPLATE needs a brace or a percent sign: a cheaper test than the pattern for the lines that have neither. */
function mayBeTemplate(text: string): boolean {
  return text.indexOf('{') >= 0 || text.indexOf('}') >= 0 || text.indexOf('%') >= 0;
}

function initialClass(b: TextBlock, f: BlockFeatures, furniture: FurnitureHit | null, repeats: number, cues: ExtractCues, read: { credits?: TextSpan[] }): { cls: BlockClass; reason: string } {
  const sentenceLike = f.endsSentence && f.startsSentence && f.words >= 4 && f.hasLowercaseWord;
  if (mayBeTemplate(b.text) && TEMPLATE.test(b.text)) return { cls: 'bad', reason: 'template junk' };
  if (LIST_MARKER.test(b.text)) return { cls: 'bad', reason: 'list marker' };
  if (URL_ONLY.test(b.text)) return { cls: 'bad', reason: 'url' };
  const dateline = findDateline(b.text, cues);
  if (dateline) {
    // A dateline opens a story: the block is the lede, whatever its density (datelines and names are not stopwords).
    const rest = b.text.slice(dateline.prefix.length);
    if (spacesAtLeast(rest, 7) && ENDS_PROSE.test(rest)) return { cls: 'good', reason: 'opens with a dateline' };
  }
  // A one-word cue ("Share") may open a real sentence; longer cues ("we use cookies") do not.
  if (furniture && !(sentenceLike && f.words > 6 && !furniture.phrase.includes(' '))) return { cls: 'bad', reason: `furniture: ${furniture.entryId} "${furniture.phrase}"` };
  if (COPYRIGHT.test(b.text)) return { cls: 'bad', reason: 'copyright' };
  if (f.words <= 14 && parseByline(b.text)) return { cls: 'bad', reason: 'byline' };
  if (isReportingLine(b.text)) return { cls: 'bad', reason: 'reporting credit' };
  if (f.words <= 10 && (sentenceLike ? isTimestamp(b.text) : findDates(b.text).length)) return { cls: 'bad', reason: 'date line' };
  if (NUMBERED_ITEM.test(b.text) && !sentenceLike) return { cls: 'bad', reason: 'numbered list item' };
  const credits = (read.credits = findImageCredits(b.text, cues));
  if (credits.length && (!f.endsSentence || credits.reduce((n, c) => n + c.text.length, 0) > 0.15 * f.length)) return { cls: 'bad', reason: 'caption' };
  if (!f.endsSentence && f.words <= HEADLINE_MAX_WORDS && f.capitalShare >= HEADLINE_CAPITAL_SHARE) return { cls: 'bad', reason: 'headline-like' };
  if (repeats > 1 && !sentenceLike) return { cls: 'bad', reason: 'repeated line' };
  // Sentence shape is strong evidence of prose: name-heavy news ledes fall below jusText's density floor.
  if (f.length >= LENGTH_LOW && f.stopwordDensity < (sentenceLike ? STOPWORDS_SENTENCE_FLOOR : STOPWORDS_LOW)) {
    // A full sentence dense in names ("Spokesman Wang Wenbin said ..., state broadcaster CCTV reported.") is still a
    // sentence: undecided, like short prose, its neighbours decide (else a story's last paragraphs are lost).
    if (sentenceLike && f.words >= NAME_DENSE_MIN_WORDS && f.stopwords >= 1) return { cls: 'neutral', reason: 'name-dense sentence' };
    return { cls: 'bad', reason: 'low stopword density' };
  }
  if (sentenceLike && f.length >= LENGTH_GOOD && f.stopwordDensity >= STOPWORDS_HIGH) return { cls: 'good', reason: 'prose' };
  if (sentenceLike && f.stopwordDensity >= STOPWORDS_SENTENCE_FLOOR && f.stopwords >= 1 && (f.length >= LENGTH_GOOD || f.stopwordDensity >= STOPWORDS_LOW))
    return { cls: 'neutral', reason: 'short prose' };
  if (f.length >= LENGTH_LOW && f.stopwordDensity >= STOPWORDS_HIGH) return { cls: 'neutral', reason: 'prose without closing punctuation' };
  return { cls: 'short', reason: 'short' };
}

export function classifyBlocks(blocks: TextBlock[], cues: ExtractCues): BoilerplateResult {
  const counts = textCounts(blocks);

  // A page in a language the stoplist does not cover: its prose has (almost) no stopwords,
  // so density says nothing; classify on length and sentence shape alone (jusText's language-independent mode).
  // A reporting credit glued to a paragraph's end is judged without it (it is cut from the body later).
  // Each text's features are computed once: the block's own serve the stoplist test too when nothing is glued.
  const proseFeatures = blocks.map((b) => {
    const glued = findTrailingReporting(b.text);
    return blockFeatures(glued === null ? b.text : b.text.slice(0, glued), cues.stopwords);
  });
  const withoutStoplist = !pageUsesStoplist(blocks, proseFeatures, cues.stopwords);
  const imageCredits = new Array<TextSpan[] | undefined>(blocks.length);
  const out: ClassifiedBlock[] = blocks.map((b, i) => {
    const features = withoutStoplist ? { ...proseFeatures[i], stopwordDensity: 1, stopwords: 1 } : proseFeatures[i];
    const furniture = cues.furniture(b.text);
    const read: { credits?: TextSpan[] } = {};
    const { cls, reason } = initialClass(b, features, furniture, counts[i], cues, read);
    imageCredits[i] = read.credits;
    // Fields spelled out, not spread from `b`: V8 builds spread objects of this size in dictionary mode, slow to read and write.
    const block: ClassifiedBlock = {
      text: b.text,
      start: b.start,
      end: b.end,
      index: b.index,
      blankBefore: b.blankBefore,
      features,
      initial: cls,
      final: cls === 'good' ? 'good' : 'bad',
      body: false,
      reason,
      furniture,
    };
    return block;
  });

  // Items of a related-stories / most-read box: headlines after its heading, until prose resumes.
  for (let i = 0; i < out.length; i++) {
    if (out[i].furniture?.role !== 'related') continue;
    let items = 0;
    for (let j = i + 1; j < out.length && items < RELATED_MAX_ITEMS; j++) {
      const b = out[j];
      if (b.initial === 'good' || (b.features.endsSentence && b.initial === 'neutral') || b.furniture) break;
      if (b.reason === 'list marker') continue;
      items++;
      if (b.initial !== 'bad') {
        b.initial = 'bad';
        b.reason = 'related-box item';
      }
    }
  }

  smooth(out);
  const footerAt = selectBody(out);
  const truncatedAt = truncatedTail(out, footerAt);
  return { blocks: out, truncatedAt, footerAt, imageCredits };
}

/**
 * How many blocks have each block's text. A text is looked up by value only when another
 * block has its shape (`textShape`): hashing a string reads all of it, and most lines' shapes are unique.
 */
function textCounts(blocks: TextBlock[]): number[] {
  // Equal texts have equal lengths and first and last characters: a small integer of those is compared first.
  const shapes = blocks.map((b) => textShape(b.text));
  const byShape = new Map<number, number>();
  for (const h of shapes) byShape.set(h, (byShape.get(h) ?? 0) + 1);
  const byText = new Map<string, number>();
  for (let i = 0; i < blocks.length; i++) if (byShape.get(shapes[i])! > 1) byText.set(blocks[i].text, (byText.get(blocks[i].text) ?? 0) + 1);
  return blocks.map((b, i) => (byShape.get(shapes[i])! > 1 ? byText.get(b.text)! : 1));
}

/** Length and first and last characters of a text, folded into a small integer (equal texts, equal shapes). */
function textShape(text: string): number {
  const n = text.length;
  return n === 0 ? 0 : ((n & 0x7fff) << 16) | ((text.charCodeAt(0) * 31 + text.charCodeAt(n - 1)) & 0xffff);
}

/** Whether any long sentence-like block reaches the stoplist's density floor. */
function pageUsesStoplist(blocks: TextBlock[], proseFeatures: BlockFeatures[], stopwords: ReadonlySet<string>): boolean {
  let long = 0;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.text.length < LENGTH_GOOD) continue;
    // The prose features are the whole block's unless a reporting credit was cut off it.
    const f = proseFeatures[i].length === b.text.length ? proseFeatures[i] : blockFeatures(b.text, stopwords);
    if (!f.endsSentence) continue;
    long++;
    if (f.stopwordDensity >= STOPWORDS_LOW) return true;
  }
  return long === 0;
}

/** jusText-style context: decide short and neutral blocks from their decided neighbours. */
function smooth(out: ClassifiedBlock[]): void {
  const cls = out.map((b) => b.initial);
  // A wire end mark on its own line ("Enditem", "Reuter") or a reporting credit ("(Reporting by ...; Editing by ...)")
  // closes the story: for the blocks above it, it counts as the story's end (good context), not as furniture;
  // for the blocks below, it stays bad.
  const endMark = out.map((b) => b.furniture?.role === 'endmark' || b.reason === 'reporting credit');
  const above = (c: BlockClass[]) => c.map((x, i) => (endMark[i] ? 'good' : x));
  // Short blocks: good only between good blocks (skipping undecided ones).
  const decided = (c: BlockClass) => c === 'good' || c === 'bad';
  const prevShort = nearest(cls, decided, 1);
  const nextShort = nearest(above(cls), decided, -1);
  const initial = [...cls];
  out.forEach((b, i) => {
    if (initial[i] !== 'short') return;
    // The page's end closes a story as well as prose does, for a short sentence ("Shares of Maersk fell.");
    // so does a furniture block that follows a story (a related box, comments, share buttons).
    const closed = nextShort[i] === null ? isSentence(b.features) : isClosingSentence(b.features) && closesStory(out, i);
    const after = nextShort[i] === 'good' || closed ? 'good' : null;
    cls[i] = prevShort[i] === 'good' && after === 'good' ? 'good' : 'bad';
    if (cls[i] === 'good') b.reason = nextShort[i] === 'good' ? 'short, between prose' : nextShort[i] ? 'short sentence, after prose before page furniture' : 'short sentence, after prose at the end of the page';
  });
  // Neutral blocks: good when the nearest non-neutral block on either side is good.
  const notNeutral = (c: BlockClass) => c !== 'neutral';
  const prev = nearest(cls, notNeutral, 1);
  const next = nearest(above(cls), notNeutral, -1);
  out.forEach((b, i) => {
    if (initial[i] !== 'neutral') return;
    const good = prev[i] === 'good' || next[i] === 'good';
    b.reason = good ? `${b.reason}, next to prose` : `${b.reason}, among furniture`;
  });
  out.forEach((b, i) => {
    if (initial[i] === 'neutral') cls[i] = prev[i] === 'good' || next[i] === 'good' ? 'good' : 'bad';
  });
  out.forEach((b, i) => (b.final = cls[i] === 'good' ? 'good' : 'bad'));
}

/** Furniture that follows a story's end rather than interrupting it (menus and media blocks may sit anywhere). */
const STORY_END_ROLES: ReadonlySet<FurnitureRole> = new Set(['share', 'ads', 'comments', 'related', 'subscribe', 'end', 'repost']);

/** A short sentence that can close a story: sentence-shaped, a few words, at least one stopword (not a label or a name list). */
function isClosingSentence(f: BlockFeatures): boolean {
  return isSentence(f) && f.words >= CLOSING_MIN_WORDS && f.stopwords >= 1;
}

/**
 * Whether the blocks after short block `i` are only further closing sentences and then
 * story-ending furniture ("Related", "Comments (14)", "Share this story").
 */
function closesStory(out: ClassifiedBlock[], i: number): boolean {
  for (let j = i + 1; j < out.length; j++) {
    const b = out[j];
    if (b.initial === 'short' && isClosingSentence(b.features)) continue;
    return b.furniture !== null && STORY_END_ROLES.has(b.furniture.role);
  }
  return false;
}

/** Shaped like a sentence: capital start, closing punctuation, a lower-case word, a few words. */
function isSentence(f: BlockFeatures): boolean {
  return f.startsSentence && f.endsSentence && f.hasLowercaseWord && f.words >= 3;
}

/** For each index, the class of the nearest block before it (direction 1) or after it (-1) that passes `ok`; linear time. */
function nearest(cls: BlockClass[], ok: (c: BlockClass) => boolean, direction: 1 | -1): (BlockClass | null)[] {
  const out: (BlockClass | null)[] = new Array(cls.length).fill(null);
  let last: BlockClass | null = null;
  for (let k = 0; k < cls.length; k++) {
    const i = direction === 1 ? k : cls.length - 1 - k;
    out[i] = last;
    if (ok(cls[i])) last = cls[i];
  }
  return out;
}

/** Mark the densest run of good blocks as the body; returns the footer index that closes it, or -1. */
function selectBody(out: ClassifiedBlock[]): number {
  let best = { sum: 0, start: -1, end: -1 };
  let sum = 0;
  let start = 0;
  for (let i = 0; i < out.length; i++) {
    const b = out[i];
    if (b.furniture?.role === 'end' || b.furniture?.role === 'repost') {
      sum = 0;
      start = i + 1;
      continue;
    }
    const value = b.final === 'good' ? Math.min(b.features.length, GOOD_CAP) : -BAD_PENALTY;
    if (sum <= 0 && value > 0) {
      sum = 0;
      start = i;
    }
    sum += value;
    if (sum > best.sum) best = { sum, start, end: i };
    if (sum < 0) sum = 0;
  }
  if (best.start < 0) {
    // No good block at all (a one-paragraph input, a bare snippet): keep whatever reads as prose.
    for (const b of out) {
      if (b.initial === 'neutral' || (b.initial === 'short' && b.features.endsSentence && b.features.startsSentence && b.features.words >= 3)) {
        b.body = true;
        b.final = 'good';
        b.reason = `${b.reason}; kept: no longer prose in the page`;
      }
    }
    if (!out.some((b) => b.body)) keepFragmentedProse(out);
    return -1;
  }
  for (let i = best.start; i <= best.end; i++) {
    const b = out[i];
    if (b.final === 'good') b.body = true;
  }
  // A sentence dense in names ("Putin, Xi and Modi attended.") between two body paragraphs is body too.
  for (let i = best.start + 1; i < best.end; i++) {
    const b = out[i];
    const f = b.features;
    if (b.body || b.reason !== 'low stopword density' || !(f.endsSentence && f.startsSentence && f.hasLowercaseWord && f.words >= 6)) continue;
    if (out[i - 1].body && out[i + 1].final === 'good') {
      b.body = true;
      b.final = 'good';
      b.reason = 'name-dense sentence between body paragraphs';
    }
  }
  for (const b of out) if (b.final === 'good' && !b.body) b.reason = `${b.reason}; outside the main text`;
  for (let i = best.end + 1; i < out.length; i++) if (out[i].furniture?.role === 'end' || out[i].furniture?.role === 'repost') return i;
  return -1;
}

/**
 * Last resort when nothing was kept: text broken into fragments no rule
 * rejoined (narrow columns, odd wrapping) has no sentence-shaped block, yet
 * read together its undecided blocks are plainly prose (enough words, dense in
 * stopwords). Keep them rather than lose the story; a menu or a list of
 * headlines fails the density test.
 */
function keepFragmentedProse(out: ClassifiedBlock[]): void {
  const candidates = out.filter((b) => (b.initial === 'short' || b.initial === 'neutral') && !b.furniture);
  const words = candidates.reduce((n, b) => n + b.features.words, 0);
  const stop = candidates.reduce((n, b) => n + b.features.stopwords, 0);
  if (words < FRAGMENTED_MIN_WORDS || stop < STOPWORDS_HIGH * words) return;
  for (const b of candidates) {
    b.body = true;
    b.final = 'good';
    b.reason = `${b.reason}; kept: fragments that read as prose together`;
  }
}

/**
 * A sentence cut off right before a repost footer: the truncated end of the
 * body. The cut block may be a short fragment ("On March 2, the") or a
 * paragraph that stops mid-sentence; captions may sit between it and the body.
 */
function truncatedTail(out: ClassifiedBlock[], footerAt: number): number {
  if (footerAt < 1 || out[footerAt].furniture?.role !== 'repost') return -1;
  const tail = out[footerAt - 1];
  const f = tail.features;
  if (f.endsSentence || !f.startsSentence || f.words < 2) return -1;
  if (tail.body) return tail.index;
  if (tail.furniture || TEMPLATE.test(tail.text)) return -1;
  if (tail.initial !== 'neutral' && f.words > TRUNCATED_MAX_WORDS) return -1;
  // The body must be just above, with nothing but non-furniture lines (captions) between.
  for (let j = footerAt - 2; j >= 0 && j >= footerAt - 1 - TRUNCATED_MAX_GAP; j--) {
    if (out[j].body) {
      tail.body = true;
      tail.final = 'good';
      tail.reason = 'truncated sentence before a repost footer';
      return tail.index;
    }
    if (out[j].furniture) return -1;
  }
  return -1;
}
