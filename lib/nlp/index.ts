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

  const tokens: Token[] = new Array(values.length);
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
    tokens[i] = { start, end, value: text.slice(start, end), normal: normals[i], lemma: lemmas[i], pos: pos[i], sentence: 0 };
    cursor = end;
  }

  const sentences: Sentence[] = sentenceSpans.map(([first, last], index) => {
    for (let t = first; t <= last; t++) tokens[t].sentence = index;
    const start = tokens[first]?.start ?? 0;
    const end = tokens[last]?.end ?? start;
    return { start, end, tokenStart: first, tokenEnd: last + 1 };
  });
  return { text, tokens, sentences };
}
