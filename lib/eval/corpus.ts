/**
 * `sourcetrace eval corpus [GOLD]`: the corpus stage against a hand annotation
 * in the seeds' expected.json format (its `corpus.stories` and
 * `corpus.sharedClaims`; articles are read from the gold file's folder):
 *
 * - stories: pairwise precision and recall over pairs of files put in the same
 *   story (the usual clustering measure), and how many gold stories are found
 *   exactly;
 * - shared claims: gold and found claims are paired one to one, best Jaccard
 *   of their file sets first, when they share at least two files; the gold
 *   words its claims freely, so the text is not compared: the pairing is a
 *   weak measure and the matches are printed to be read.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { analyze } from '../analyze.js';
import { readDocument } from '../ingest/files.js';
import type { RawDocument, Report } from '../types.js';
import { SHARED_DIR, type EvalSuite } from './index.js';
import { looseName } from './seeds.js';

interface GoldCorpus {
  articles: { file: string }[];
  corpus: { stories: { about: string; files: string[] }[]; sharedClaims: { about: string; origin: string | null; files: string[] }[] };
}

function pairs(groups: string[][]): Set<string> {
  const out = new Set<string>();
  for (const g of groups) {
    const sorted = [...g].sort();
    for (let i = 0; i < sorted.length; i++) for (let j = i + 1; j < sorted.length; j++) out.add(`${sorted[i]}\u0000${sorted[j]}`);
  }
  return out;
}

function ratio(a: number, b: number): string {
  return b ? `${(a / b).toFixed(3)} (${a}/${b})` : 'n/a';
}

export function evaluateCorpus(goldPath: string, print: (line: string) => void): void {
  const gold = JSON.parse(readFileSync(goldPath, 'utf8')) as GoldCorpus;
  const dir = dirname(goldPath);
  const docs: RawDocument[] = [];
  for (const a of gold.articles) {
    const r = readDocument(join(dir, a.file));
    if (!r.ok) throw new Error(`${a.file}: ${r.error.message}`);
    docs.push(r.doc);
  }
  const report: Report = analyze(docs);
  const fileOf = new Map(report.articles.map((a) => [a.id, basename(a.file)]));

  const found = report.corpus.stories.map((s) => s.articles.map((id) => fileOf.get(id)!));
  const goldStories = gold.corpus.stories.map((s) => s.files);
  const [fp, gp] = [pairs(found), pairs(goldStories)];
  const tp = [...fp].filter((p) => gp.has(p)).length;
  const key = (g: string[]) => [...g].sort().join(',');
  const exact = goldStories.filter((g) => found.some((f) => key(f) === key(g))).length;
  print(`stories: ${goldPath}`);
  print(`  pairs: precision ${ratio(tp, fp.size)}  recall ${ratio(tp, gp.size)}; gold stories found exactly ${ratio(exact, goldStories.length)}`);
  for (const s of report.corpus.stories) print(`  found ${s.id} (${s.label}): ${s.articles.map((id) => fileOf.get(id)).join(', ')}`);

  const claims = report.corpus.sharedClaims.map((c) => ({ files: c.mentions.map((m) => fileOf.get(m.article)!), origin: c.origin, text: c.text }));
  let hit = 0;
  print(`shared claims: gold ${gold.corpus.sharedClaims.length}, found ${claims.length}`);
  // One found claim per gold claim: best Jaccard first, greedily.
  const candidates = gold.corpus.sharedClaims.flatMap((g, gi) =>
    claims.map((c, ci) => {
      const shared = c.files.filter((f) => g.files.includes(f)).length;
      return { gi, ci, shared, jaccard: shared / new Set([...c.files, ...g.files]).size };
    }),
  );
  candidates.sort((x, y) => y.jaccard - x.jaccard || y.shared - x.shared || x.gi - y.gi || x.ci - y.ci);
  const matchOf = new Map<number, (typeof candidates)[number]>();
  const used = new Set<number>();
  for (const m of candidates) {
    if (m.shared < 2 || matchOf.has(m.gi) || used.has(m.ci)) continue;
    matchOf.set(m.gi, m);
    used.add(m.ci);
  }
  gold.corpus.sharedClaims.forEach((g, gi) => {
    const m = matchOf.get(gi);
    if (m) hit++;
    print(`  ${m ? 'found' : 'MISSED'}: ${g.about} [${g.files.join(', ')}]`);
    if (!m) return;
    const c = claims[m.ci];
    const origin = g.origin && c.origin ? (looseName(c.origin).includes(looseName(g.origin).split(' ')[0]) ? 'origin agrees' : `origin ${c.origin} (gold ${g.origin})`) : '';
    print(`    as: jaccard ${m.jaccard.toFixed(2)} [${c.files.join(', ')}] ${origin} “${c.text.slice(0, 90)}”`);
  });
  // The gold names claims in its own words, so only the files are compared: read the matches above.
  print(`  gold claims with a found claim over 2+ of the same files (one-to-one; text not compared, a weak measure): ${ratio(hit, gold.corpus.sharedClaims.length)}`);
}

export const corpusSuite: EvalSuite = {
  name: 'corpus',
  description: 'stories and shared claims against a hand annotation (default: the seeds expected.json)',
  run(args, print) {
    const goldPath = resolve(args[0] ?? join(SHARED_DIR, 'seeds', 'expected.json'));
    try {
      evaluateCorpus(goldPath, print);
    } catch (e) {
      process.stderr.write(`sourcetrace: eval corpus: ${goldPath}: ${(e as Error).message}\n`);
      return 2;
    }
    return 0;
  },
};
