/**
 * Passages a scrape repeats. Scrapers often capture a story twice (a teaser
 * block and the article), and sometimes glue several paragraphs into one line
 * that later appear one by one. Repeats are found at two levels:
 *
 * - paragraph: the same paragraph twice; the first copy is kept;
 * - sentence: a sentence in several kept paragraphs; the copy in the
 *   paragraph with the fewest sentences is kept (the standalone paragraph,
 *   not the glued digest), the others are cut, and a paragraph left with
 *   nothing of substance is dropped.
 *
 * Each kept copy is reported with its span and how often it appeared.
 */
import { normalizeCue, normalizeCueInPlace } from './cues.js';
import { splitSentences, type SentenceSpan } from './sentences.js';

/** Sentences shorter than this are not compared (datelines, "He said."). */
export const MIN_REPEAT_CHARS = 40;

export interface RepeatResult {
  paragraphs: string[];
  /** Spans are into paragraphs[paragraph]. */
  repeated: { paragraph: number; start: number; end: number; count: number }[];
}

/** Lower case, straight quotes, single spaces (the same normal form as furniture cues). */
const key = normalizeCue;

export function removeRepeats(input: string[]): RepeatResult {
  // Paragraph level. A paragraph that normalizes in place gives its sentences' keys as slices of its own key.
  const inPlace = input.map((p) => normalizeCueInPlace(p));
  const paraKeys = input.map((p, i) => inPlace[i] ?? key(p));
  // Keys are compared by value only when another key has their length (hashing a string reads all of it).
  const paraLengths = new Map<number, number>();
  for (const k of paraKeys) paraLengths.set(k.length, (paraLengths.get(k.length) ?? 0) + 1);
  const mayRepeat = (k: string) => paraLengths.get(k.length)! > 1;
  const paraCount = new Map<string, number>();
  for (const k of paraKeys) if (mayRepeat(k)) paraCount.set(k, (paraCount.get(k) ?? 0) + 1);
  const seen = new Set<string>();
  const kept: { text: string; count: number; index: number }[] = [];
  for (let i = 0; i < input.length; i++) {
    const k = paraKeys[i];
    if (!mayRepeat(k)) {
      kept.push({ text: input[i], count: 1, index: i });
      continue;
    }
    if (seen.has(k)) continue;
    seen.add(k);
    kept.push({ text: input[i], count: paraCount.get(k)!, index: i });
  }

  // Sentence level, over all copies (for counts) and kept paragraphs (for placement); each paragraph is split once.
  const sentencesOf = input.map((text, i): (SentenceSpan & { key: string })[] => {
    const whole = inPlace[i];
    return splitSentences(text).map((s) => ({ start: s.start, end: s.end, key: whole !== null ? whole.slice(s.start, s.end) : key(text.slice(s.start, s.end)) }));
  });
  const sentences = kept.map((p) => sentencesOf[p.index]);
  // Only sentences of at least MIN_REPEAT_CHARS whose length another such sentence shares can repeat.
  const sentenceLengths = new Map<number, number>();
  for (const list of sentencesOf) for (const s of list) if (s.key.length >= MIN_REPEAT_CHARS) sentenceLengths.set(s.key.length, (sentenceLengths.get(s.key.length) ?? 0) + 1);
  const compared = (k: string) => k.length >= MIN_REPEAT_CHARS && sentenceLengths.get(k.length)! > 1;
  const total = new Map<string, number>();
  for (const list of sentencesOf) {
    for (const s of list) {
      const k = s.key;
      if (compared(k)) total.set(k, (total.get(k) ?? 0) + 1);
    }
  }
  const places = new Map<string, number[]>();
  sentences.forEach((list, pi) => {
    for (const s of list) if (compared(s.key)) places.set(s.key, [...(places.get(s.key) ?? []), pi]);
  });
  const keeperOf = new Map<string, number>();
  for (const [k, ps] of places) {
    const unique = [...new Set(ps)];
    let keeper = unique[0];
    for (const p of unique) if (sentences[p].length < sentences[keeper].length) keeper = p;
    keeperOf.set(k, keeper);
  }

  const paragraphs: string[] = [];
  const repeated: RepeatResult['repeated'] = [];
  kept.forEach((p, pi) => {
    const list = sentences[pi];
    const keep = list.filter((s) => !compared(s.key) || keeperOf.get(s.key) === pi || places.get(s.key)!.length <= 1);
    // Several copies inside one paragraph: keep the first.
    const within = new Set<string>();
    const unique = keep.filter((s) => (!compared(s.key) ? true : within.has(s.key) ? false : (within.add(s.key), true)));
    let text = p.text;
    let spans = unique.map((s) => ({ start: s.start, end: s.end, key: s.key }));
    if (unique.length !== list.length) {
      if (!unique.some((s) => s.key.length >= MIN_REPEAT_CHARS)) return; // nothing of substance left
      const parts: string[] = [];
      let offset = 0;
      spans = unique.map((s) => {
        const t = p.text.slice(s.start, s.end);
        if (parts.length) offset += 1;
        const span = { start: offset, end: offset + t.length, key: s.key };
        parts.push(t);
        offset += t.length;
        return span;
      });
      text = parts.join(' ');
    }
    const index = paragraphs.length;
    paragraphs.push(text);
    if (p.count > 1) {
      repeated.push({ paragraph: index, start: 0, end: text.length, count: p.count });
      return;
    }
    // Runs of repeated sentences with the same count become one passage.
    let run: { start: number; end: number; count: number } | null = null;
    for (const s of spans) {
      const count = compared(s.key) ? total.get(s.key)! : 1;
      if (count > 1 && run && run.count === count) run.end = s.end;
      else {
        if (run) repeated.push({ paragraph: index, ...run });
        run = count > 1 ? { start: s.start, end: s.end, count } : null;
      }
    }
    if (run) repeated.push({ paragraph: index, ...run });
  });
  return { paragraphs, repeated };
}

