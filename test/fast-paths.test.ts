/**
 * The shortcuts taken for speed give what the plain code they replace gave:
 * each is checked against that plain code (kept here as the reference) on
 * generated text, and on a few cases worked out by hand.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { findQuotes } from '../lib/attribution/quotes.js';
import { splitBlocks } from '../lib/extract/blocks.js';
import { blockFeatures } from '../lib/extract/features.js';
import { classifyBlocks } from '../lib/extract/boilerplate.js';
import { findDateline, findEndMark, findImageCredits } from '../lib/extract/credits.js';
import { extractArticle } from '../lib/extract/index.js';
import { extractCues, normalizeCue, normalizeCueInPlace } from '../lib/extract/cues.js';
import { resolvePublisher } from '../lib/extract/publisher.js';
import { loadLexicons } from '../lib/lexicon/load.js';

const lexicons = loadLexicons();
const cues = extractCues(lexicons);

/** Text from characters that matter to the code under test: cases, quotes, whitespace of every kind, a final sigma, a dotted capital I. */
const PIECES = ['a', 'B', 'word', 'Share', 'this', ' ', ' ', '  ', '\t', '\u00a0', '\u2009', '’', '‘', '“', '”', '"', "'", '.', ':', '-', '•', '»', '→', '|', 'Σ', 'İ', 'ß', 'x'];
const text = (pieces: string[] = PIECES) => fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((a) => a.join(''));

/** normalizeCue as it was: every replacement run on every text not already normal. */
function normalizeCueReference(s: string): string {
  const lower = s.toLowerCase();
  const normal = !/[’‘“”]/.test(lower) && !/\s\s|^\s|\s$|[^\S ]/.test(lower);
  return normal ? lower : lower.replace(/[’‘]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim();
}

test('normalizeCue runs only the replacements a text needs, with the same result', () => {
  fc.assert(fc.property(text(), (s) => normalizeCue(s) === normalizeCueReference(s)), { numRuns: 2000 });
  assert.equal(normalizeCue('  Don’t  “Share”\tthis '), 'don\'t "share" this');
});

test('normalizeCueInPlace: when given, it is normalizeCue, and a trimmed slice of the text normalizes to the same slice of it', () => {
  fc.assert(
    fc.property(text(), fc.nat(), fc.nat(), (s, x, y) => {
      const whole = normalizeCueInPlace(s);
      if (whole === null) return true;
      assert.equal(whole, normalizeCue(s));
      const a = Math.min(x, y) % (s.length + 1);
      const b = Math.max(a, Math.max(x, y) % (s.length + 1));
      const slice = s.slice(a, b);
      if (slice !== slice.trim()) return true;
      return normalizeCue(slice) === whole.slice(a, b);
    }),
    { numRuns: 3000 },
  );
  // Whitespace to collapse, a length-changing capital, a final sigma: no in-place form.
  assert.equal(normalizeCueInPlace('two  spaces'), null);
  assert.equal(normalizeCueInPlace('İstanbul'), null);
  assert.equal(normalizeCueInPlace('ΟΔΟΣ. Next'), null);
  assert.equal(normalizeCueInPlace('It’s “fine”'), 'it\'s "fine"');
});

/** The furniture lookup as it was: count every word, regexes for the marks, every table tried. */
function furnitureReference(line: string) {
  const words = line.split(/\s+/).filter((w) => w !== '').length;
  if (Math.max(words, 1) > 24) return null;
  const norm = normalizeCueReference(line);
  let bare = norm;
  if (/^[\s•·*▪>|-]$/.test(bare.charAt(0))) bare = bare.replace(/^[\s•·*▪>|-]+/, '');
  if (/^[\s:.»›>|→-]$/.test(bare.charAt(bare.length - 1))) bare = bare.replace(/[\s:.»›>|→-]+$/, '');
  const entries = lexicons.entries<{ id: string; role: string; match: string; phrases: string[] }>('page-furniture').filter((e) => e.role !== 'label' && e.role !== 'title-section' && e.role !== 'credit-lead' && e.role !== 'credit-role');
  for (const e of entries) if (e.match === 'line' && e.phrases.includes(bare)) return `${e.id}|${bare}`;
  const prefixes = entries.flatMap((e) => (e.match === 'prefix' ? e.phrases.map((p) => ({ id: e.id, p })) : []));
  prefixes.sort((a, b) => b.p.length - a.p.length || (a.p < b.p ? -1 : 1));
  for (const { id, p } of prefixes) {
    if (!bare.startsWith(p)) continue;
    if (/[a-z0-9]/.test(p.slice(-1)) && /[a-z0-9]/.test(bare.charAt(p.length))) continue;
    return `${id}|${p}`;
  }
  for (const e of entries) if (e.match === 'contains') for (const p of e.phrases) if (norm.includes(p)) return `${e.id}|${p}`;
  return null;
}

test('the furniture lookup finds what looking through every table finds', () => {
  const phrases = lexicons.entries<{ id: string; phrases: string[] }>('page-furniture').flatMap((e) => e.phrases);
  const lines = fc
    .array(fc.oneof(fc.constantFrom(...phrases), fc.constantFrom(...phrases).map((p) => p.toUpperCase()), fc.constantFrom(...PIECES)), { maxLength: 12 })
    .chain((parts) => fc.constantFrom(parts.join(''), parts.join(' ')));
  fc.assert(
    fc.property(lines, (line) => {
      const hit = cues.furniture(line);
      return (hit ? `${hit.entryId}|${hit.phrase}` : null) === furnitureReference(line);
    }),
    { numRuns: 3000 },
  );
  // Long lines are prose, whatever they contain.
  assert.equal(cues.furniture(`${'word '.repeat(30)}share this`), null);
});

/** findEndMark as it was, by regex. */
function endMarkReference(s: string): number | null {
  const m = /\s+(\S+)\s*$/u.exec(s);
  if (!m) return null;
  if (!/[.!?…"'”’»)\]]$/u.test(s.slice(0, m.index))) return null;
  return cues.endMarks.has(m[1].toLowerCase()) ? m.index : null;
}

test('the end mark is read backwards as the regex read it forwards', () => {
  const marks = [...cues.endMarks];
  assert.ok(marks.length > 0);
  const pieces = [...PIECES, ...marks, ...marks.map((m) => m.toUpperCase()), ')', '”', '\n', '!'];
  fc.assert(fc.property(text(pieces), (s) => findEndMark(s, cues) === endMarkReference(s)), { numRuns: 3000 });
  assert.equal(findEndMark('The talks end on Friday.  Enditem  ', cues), 24);
  assert.equal(findEndMark('Enditem', cues), null);
  assert.equal(findEndMark('the end of the enditem', cues), null);
});

test('datelines are still found when the line has their slash, parenthesis or two capitals, and only then', () => {
  assert.equal(findDateline('MOSCOW, October 8. /TASS/. The Kremlin said ...', cues)?.creditText, '/TASS/.');
  assert.equal(findDateline('SEOUL, Sept. 11 (Yonhap) -- North Korea said ...', cues)?.place, 'SEOUL, Sept. 11');
  assert.equal(findDateline('KYIV/MOSCOW — Talks resumed on Monday.', cues)?.place, 'KYIV/MOSCOW');
  assert.equal(findDateline('ISLAMABAD: The IMF said on Monday ...', cues, true)?.place, 'ISLAMABAD');
  assert.equal(findDateline('ÉVIAN — The summit opened.', cues)?.place, 'ÉVIAN');
  assert.equal(findDateline('Moscow — The summit opened.', cues), null);
  assert.equal(findDateline('A', cues), null);
});

test('quotations: paragraphs without a mark share one search, and every run is still found', () => {
  // Marks only in the third and fifth paragraphs; the fourth has none.
  const paras = ['The minister spoke on Monday.', 'Nothing was quoted here.', 'He said: “We will go on.”', 'Plain text again.', '“Last words,” he said.'];
  const body = paras.join('\n\n');
  const spans = paras.map((p) => {
    const start = body.indexOf(p);
    return { start, end: start + p.length };
  });
  const runs = findQuotes(body, spans);
  assert.deepEqual(
    runs.map((r) => r.spans.map((s) => body.slice(s.start, s.end))),
    [['We will go on.'], ['Last words,']],
  );
  // A quote left open continues into a paragraph that re-opens with a mark, after a paragraph search found nothing.
  const open = ['“One part', '“and the rest.”', 'No marks.', 'None here either.'];
  const text2 = open.join('\n\n');
  let at = 0;
  const spans2 = open.map((p) => {
    const start = text2.indexOf(p, at);
    at = start + p.length;
    return { start, end: start + p.length };
  });
  assert.deepEqual(
    findQuotes(text2, spans2).map((r) => r.spans.map((s) => text2.slice(s.start, s.end))),
    [['One part', 'and the rest.']],
  );
});

test('lines are space-normalized as before: indented, tabbed and double-spaced lines alike', () => {
  const blocks = splitBlocks('    Indented line of wire copy.\n\n\tTabbed  and  doubled   spaces.\n\nPlain line.');
  assert.deepEqual(
    blocks.map((b) => b.text),
    ['Indented line of wire copy.', 'Tabbed and doubled spaces.', 'Plain line.'],
  );
});

test('publisher cues: a line without any cue literal is passed over, a line with one is still read', () => {
  const base = { url: null, houseDateline: null, repostFooter: null, creditedAgencies: new Set<string>() };
  assert.equal(resolvePublisher({ ...base, furnitureLines: ['Menu', 'Share this', 'Weather'] }, cues), null);
  const found = resolvePublisher({ ...base, furnitureLines: ['Menu', 'Add Global News to Home Screen'] }, cues);
  assert.equal(found?.name, 'Global News');
});

test('a block ends like a sentence, read backwards, exactly when the regex said so', () => {
  const pieces = ['word', ' ', '.', '!', '?', '…', '"', "'", '”', '’', '»', ')', ']', '(', ':', 'x', '\ud83d\ude00'];
  fc.assert(
    fc.property(text(pieces), (s) => blockFeatures(s, cues.stopwords).endsSentence === /[.!?…]["'”’»)\]]*$/u.test(s)),
    { numRuns: 3000 },
  );
});

test('paragraph marks at a line end are still dropped, and only at the end', () => {
  const blocks = splitBlocks('First paragraph ends here.<\nSecond one goes on\nand ends.<\nA<b line.');
  assert.deepEqual(
    blocks.map((b) => b.text),
    ['First paragraph ends here.', 'Second one goes on and ends.', 'A<b line.'],
  );
});

test('photo credits read while classifying blocks are reused as they were found, and the page keeps every credit', () => {
  // A page written for this test: a caption with a slash credit, one in parentheses, prose, a copyright line.
  const page = [
    'Leaders meet in the capital',
    'Delegates arrive for the summit in Vienna on Monday. REUTERS/Jane Roe',
    'The ministers met for three hours on Monday and agreed to meet again next month, officials said after the talks ended.',
    'A delegate speaks to reporters (Photo: John Doe/AFP via Getty Images)',
    'They discussed trade, energy and the border, and said they would publish a joint statement later this week.',
    '© 2024 Example News',
  ].join('\n');
  const { blocks, imageCredits } = classifyBlocks(splitBlocks(page), cues);
  assert.equal(imageCredits.length, blocks.length);
  let read = 0;
  blocks.forEach((b, i) => {
    if (imageCredits[i] === undefined) return;
    read++;
    assert.deepEqual(imageCredits[i], findImageCredits(b.text, cues));
  });
  assert.ok(read > 0);
  const article = extractArticle({ file: 'captions.txt', content: page, format: 'text' }, lexicons);
  assert.deepEqual(article.imageCredits, ['REUTERS/Jane Roe', 'John Doe/AFP via Getty Images']);
});
