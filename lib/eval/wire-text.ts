/**
 * `sourcetrace eval wire-text [SHARED] [reuters=N]`: does plain-text extraction
 * keep the story of hard-wrapped wire copy? Two real kinds of feed text:
 *
 * - METER's Press Association files (meter-dev/PA/rawtexts, ISO-8859-1, lines
 *   wrapped near 80 columns, `<` closing each paragraph, stray U+0019);
 * - Reuters-21578 stories (reuters21578/*.sgm.gz): title, dateline and the
 *   <BODY> text, wrapped near 65 columns with indented paragraphs, ending "Reuter".
 *
 * For each document: the share of the source text's words that the extracted
 * body keeps (multisets of lower-cased words), after removing the obvious
 * header lines from the source side (rules, the PA slug line, an all-capitals
 * headline, a "By ..." line, the closing "end" / "Reuter"). Prints the total
 * share, the median, and how many documents keep less than half.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { extractArticle } from '../extract/index.js';
import { words } from '../extract/features.js';
import { decodeBytes } from '../ingest/decode.js';
import { loadLexicons, type LexiconSet } from '../lexicon/load.js';
import { bag } from './boilerplate.js';
import { SHARED_DIR, type EvalSuite } from './index.js';

/** Reuters stories read by default (reut2-000 holds 1,000). */
export const DEFAULT_REUTERS = 1000;

interface Kept {
  source: number;
  kept: number;
  shares: number[];
  worst: { name: string; share: number }[];
}

function record(acc: Kept, name: string, source: string, extracted: string): void {
  const src = bag(source);
  const ext = bag(extracted);
  let n = 0;
  let kept = 0;
  for (const [w, c] of src) {
    n += c;
    kept += Math.min(c, ext.get(w) ?? 0);
  }
  if (!n) return;
  acc.source += n;
  acc.kept += kept;
  acc.shares.push(kept / n);
  acc.worst.push({ name, share: kept / n });
}

/** A PA file's story lines: header rules, slug, headline, byline and end mark removed, markers and controls dropped. */
export function paSourceText(content: string): string {
  return content
    .split(/\r?\n/)
    .map((l) => l.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').replace(/<\s*$/, '').trim())
    .filter((l) => l && !/^-{5,}$/.test(l) && !/^\d\d:\d\d \d\d\/\d\d\/\d\d:/.test(l) && /\p{Ll}/u.test(l) && !/^By [^.]*$/.test(l) && l !== 'end')
    .join('\n');
}

function unescapeSgml(s: string): string {
  return s
    .replace(/&#(\d+);/g, (_, n: string) => (Number(n) < 32 ? '' : String.fromCharCode(Number(n))))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Reuters-21578 stories with a body: the document a feed would save (title, dateline + body) and the body alone. */
export function reutersStories(sgml: string): { id: string; document: string; body: string }[] {
  const out: { id: string; document: string; body: string }[] = [];
  for (const m of sgml.matchAll(/<REUTERS[^>]*NEWID="(\d+)"[^>]*>([\s\S]*?)<\/REUTERS>/g)) {
    const body = /<BODY>([\s\S]*?)<\/BODY>/.exec(m[2]);
    if (!body) continue;
    const title = /<TITLE>([\s\S]*?)<\/TITLE>/.exec(m[2])?.[1] ?? '';
    const dateline = /<DATELINE>([\s\S]*?)<\/DATELINE>/.exec(m[2])?.[1] ?? '';
    const text = unescapeSgml(body[1]);
    out.push({ id: m[1], document: `${unescapeSgml(title)}\n${unescapeSgml(dateline)}${text}`, body: text.replace(/\s*Reuter\s*$/, '') });
  }
  return out;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}

function extracted(file: string, content: string, lexicons: LexiconSet): string {
  return extractArticle({ file, content, format: 'text' }, lexicons).body.text;
}

function summary(label: string, acc: Kept, print: (line: string) => void): void {
  const sorted = [...acc.shares].sort((a, b) => a - b);
  const median = sorted.length ? sorted[Math.floor(sorted.length / 2)] : 0;
  const low = sorted.filter((s) => s < 0.5).length;
  print(`${label}: ${acc.shares.length} documents, words kept ${(acc.kept / (acc.source || 1)).toFixed(3)} (${acc.kept}/${acc.source}), median ${median.toFixed(3)}, under half kept: ${low}`);
  const worst = [...acc.worst].sort((a, b) => a.share - b.share || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).slice(0, 5);
  for (const w of worst) print(`  lowest ${w.share.toFixed(3)}  ${w.name}`);
}

export const wireTextSuite: EvalSuite = {
  name: 'wire-text',
  description: 'share of words kept by plain-text extraction on hard-wrapped wire copy (METER PA, Reuters-21578)',
  run(args, print) {
    const positional = args.filter((a) => !a.includes('='));
    const shared = resolve(positional[0] ?? SHARED_DIR);
    const limit = Number(args.find((a) => a.startsWith('reuters='))?.slice(8) ?? DEFAULT_REUTERS);
    const lexicons = loadLexicons();
    let failed = 0;

    const pa: Kept = { source: 0, kept: 0, shares: [], worst: [] };
    const paDir = join(shared, 'eval', 'meter-dev', 'PA', 'rawtexts');
    try {
      for (const file of listFiles(paDir)) {
        const content = decodeBytes(readFileSync(file)).text.normalize('NFC');
        record(pa, file.slice(paDir.length + 1), paSourceText(content), extracted(file, content, lexicons));
      }
      summary('METER PA', pa, print);
    } catch (e) {
      print(`wire-text: cannot read ${paDir}: ${(e as Error).message}`);
      failed++;
    }

    const reuters: Kept = { source: 0, kept: 0, shares: [], worst: [] };
    const rDir = join(shared, 'eval', 'reuters21578');
    try {
      let n = 0;
      for (const name of readdirSync(rDir).filter((f) => f.endsWith('.sgm.gz')).sort()) {
        if (n >= limit) break;
        const sgml = gunzipSync(readFileSync(join(rDir, name))).toString('latin1');
        for (const s of reutersStories(sgml)) {
          if (n++ >= limit) break;
          record(reuters, `${name}#${s.id}`, s.body, extracted(`${name}#${s.id}`, s.document, lexicons));
        }
      }
      summary('Reuters-21578', reuters, print);
    } catch (e) {
      print(`wire-text: cannot read ${rDir}: ${(e as Error).message}`);
      failed++;
    }
    return failed ? 1 : 0;
  },
};
