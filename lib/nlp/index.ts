/**
 * The only module that touches wink-nlp. It turns a text into sentences and
 * tokens with exact character offsets, POS tags, lemmas and normal forms.
 *
 * Offsets come from wink's `precedingSpaces` + `value`; every token is checked
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
  /** Lower-cased, normalised form. */
  normal: string;
  lemma: string;
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

export interface NlpDoc {
  text: string;
  tokens: Token[];
  sentences: Sentence[];
}

type Wink = ReturnType<typeof winkNLP>;
let instance: Wink | null = null;

function nlp(): Wink {
  // Loading the model takes ~100 ms; do it once per process, on first use.
  instance ??= winkNLP(model);
  return instance;
}

/** Tokenize, tag and split `text` into sentences with offsets into `text`. */
export function annotate(text: string): NlpDoc {
  const wink = nlp();
  const its = wink.its;
  const doc = wink.readDoc(text);
  const values = doc.tokens().out(its.value) as string[];
  const spaces = doc.tokens().out(its.precedingSpaces) as string[];
  const pos = doc.tokens().out(its.pos) as string[];
  const lemmas = doc.tokens().out(its.lemma as never) as string[];
  const normals = doc.tokens().out(its.normal) as string[];
  const sentenceSpans = doc.sentences().out(its.span as never) as unknown as [number, number][];

  // Whitespace tokens (wink's SPACE: line breaks) are dropped; a blank line ends a
  // sentence, since wink does not split a heading or a list item from what follows.
  const tokens: Token[] = [];
  const winkToToken = new Int32Array(values.length).fill(-1);
  const breakBefore = new Uint8Array(values.length + 1);
  let cursor = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    let start = cursor + spaces[i].length;
    if (text.slice(start, start + value.length) !== value) {
      // wink normalised something (e.g. a non-breaking space); find the token ahead.
      const found = text.indexOf(value, cursor);
      start = found >= 0 ? found : Math.min(start, text.length);
    }
    const end = Math.min(text.length, start + value.length);
    cursor = end;
    if (pos[i] === 'SPACE' || value.trim() === '') {
      if (/\n\s*\n/.test(value) || /\n\s*\n/.test(spaces[i])) breakBefore[i + 1] = 1;
      continue;
    }
    if (/\n\s*\n/.test(spaces[i])) breakBefore[i] = 1;
    winkToToken[i] = tokens.length;
    tokens.push({ start, end, value: text.slice(start, end), normal: normals[i], lemma: lemmas[i] ?? normals[i], pos: pos[i], sentence: 0 });
  }

  const sentences: Sentence[] = [];
  for (const [first, last] of sentenceSpans) {
    let open = -1;
    const close = (endToken: number) => {
      if (open < 0 || endToken <= open) return;
      const index = sentences.length;
      for (let t = open; t < endToken; t++) tokens[t].sentence = index;
      sentences.push({ start: tokens[open].start, end: tokens[endToken - 1].end, tokenStart: open, tokenEnd: endToken });
      open = -1;
    };
    for (let w = first; w <= last; w++) {
      const t = winkToToken[w];
      if (breakBefore[w]) close(t >= 0 ? t : tokens.length);
      if (t < 0) continue;
      if (open < 0) open = t;
    }
    close(tokens.length > 0 && open >= 0 ? lastTokenUpTo(winkToToken, last) + 1 : -1);
  }
  return { text, tokens, sentences };
}

/** Index of the last kept token at or before wink token `w`. */
function lastTokenUpTo(map: Int32Array, w: number): number {
  for (let i = w; i >= 0; i--) if (map[i] >= 0) return map[i];
  return -1;
}

/** wink's bare work on a text (readDoc + POS tags), for benchmarks; returns the token count. */
export function tagOnly(text: string): number {
  const wink = nlp();
  return (wink.readDoc(text).tokens().out(wink.its.pos) as string[]).length;
}
