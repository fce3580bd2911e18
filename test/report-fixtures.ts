/**
 * Hand-written Report fixtures for the scorecard, corpus and renderer tests.
 * The articles, outlets and people are fictional (written for this project).
 * Attributions are given by the words they point at; offsets are computed
 * from those words once, and the tests check `text.slice(start, end)`.
 *
 * `node dist/test/report-fixtures.js` rewrites test/fixtures/reports/*.json.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCorpus } from '../lib/corpus/index.js';
import { SCHEMA_VERSION } from '../lib/report/build.js';
import { scoreArticle } from '../lib/score/index.js';
import type { ArticleReport, Attribution, Origin, Publisher, QuoteKind, Report, ReusePair, SourceIdentity, SourceType, UnattributedSentence } from '../lib/types.js';
import { FIXTURES } from './helpers.js';

interface AttSpec {
  /** A substring of the body that is the whole sentence. */
  sentence: string;
  source: string;
  cue: string;
  canonical: string;
  type: SourceType;
  identity: SourceIdentity;
  country: string | string[] | null;
  quote: QuoteKind;
  quoted?: string[];
  via?: string;
  toldTo?: string;
  channel?: string;
}

interface ArticleSpec {
  file: string;
  title: string | null;
  published: string | null;
  crawlDate?: string | null;
  byline?: string | null;
  dateline?: string | null;
  url?: string | null;
  publisher: Publisher | null;
  paragraphs: string[];
  origin: Partial<Origin> & Pick<Origin, 'kind'>;
  attributions: AttSpec[];
  /** Sentences that are not factual claims (left out of unattributed). */
  notClaims?: string[];
  hedges?: { text: string; entryId: string }[];
}

function at(text: string, part: string, from = 0): number {
  const i = text.indexOf(part, from);
  if (i < 0) throw new Error(`fixture: "${part}" not found`);
  return i;
}

/** Sentences: split after . ! ? (and a closing quote) followed by a space or a paragraph break. */
function sentences(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let start = 0;
  for (const m of text.matchAll(/[.!?]["”]?(?=\s|$)/g)) {
    const end = m.index + m[0].length;
    if (end > start) out.push({ start, end });
    start = end;
    while (start < text.length && /\s/.test(text[start])) start++;
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out;
}

function buildArticle(spec: ArticleSpec, id: string): Omit<ArticleReport, 'scores'> {
  const text = spec.paragraphs.join('\n\n');
  const paragraphs = spec.paragraphs.map((p, i) => {
    const start = spec.paragraphs.slice(0, i).reduce((s, q) => s + q.length + 2, 0);
    return { start, end: start + p.length };
  });
  const attributions: Attribution[] = spec.attributions.map((a, i) => {
    const ss = at(text, a.sentence);
    const sentenceEnd = ss + a.sentence.length;
    const src = at(text, a.source, ss);
    const cue = at(text, a.cue, ss);
    if (src >= sentenceEnd || cue >= sentenceEnd) throw new Error(`fixture: source or cue outside sentence in ${spec.file}`);
    return {
      id: `a${i + 1}`,
      zone: 'body',
      sentence: { text: a.sentence, start: ss, end: sentenceEnd },
      source: { text: a.source, start: src, end: src + a.source.length, canonical: a.canonical, type: a.type, identity: a.identity, country: a.country, evidence: [] },
      cue: { text: a.cue, start: cue, end: cue + a.cue.length, lemma: a.cue.split(' ')[0].toLowerCase().replace(/(ed|s)$/, ''), form: a.cue.startsWith('according') ? 'according-to' : 'active' },
      quote: a.quote,
      quoteSpans: (a.quoted ?? []).map((q) => {
        const s = at(text, q, ss);
        return { start: s, end: s + q.length };
      }),
      via: a.via ?? null,
      toldTo: a.toldTo ?? null,
      channel: a.channel ?? null,
      ruleId: 'fixture/hand-written',
    };
  });
  const attributed = new Set(attributions.map((a) => a.sentence.start));
  const unattributed: UnattributedSentence[] = sentences(text)
    .filter((s) => !attributed.has(s.start) && !(spec.notClaims ?? []).includes(text.slice(s.start, s.end)))
    .map((s) => ({
      ...s,
      hedges: (spec.hedges ?? [])
        .filter((h) => text.slice(s.start, s.end).includes(h.text))
        .map((h) => {
          const hs = at(text, h.text, s.start);
          return { text: h.text, start: hs, end: hs + h.text.length, entryId: h.entryId };
        }),
    }));
  return {
    id,
    file: spec.file,
    title: spec.title,
    url: spec.url ?? null,
    crawlDate: spec.crawlDate ?? null,
    published: spec.published,
    byline: spec.byline ?? null,
    dateline: spec.dateline ?? null,
    publisher: spec.publisher,
    body: { text, paragraphs, repeated: [] },
    origin: {
      agency: null,
      derivation: 'non',
      coverage: 0,
      sources: [],
      evidence: [],
      imageCredits: [],
      truncated: false,
      creditStripped: false,
      ...spec.origin,
    },
    attributions,
    unattributed,
    findings: [],
  };
}

export function assembleReport(specs: ArticleSpec[], reuse: (articles: Omit<ArticleReport, 'scores'>[]) => ReusePair[] = () => []): Report {
  const base = specs.map((s) => buildArticle(s, s.file.replace(/\.[^.]+$/, '')));
  const pairs = reuse(base);
  const articles = base.map((a) => ({ ...a, scores: scoreArticle(a, { reuse: pairs }) }));
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'sourcetrace', version: '0.0.0-fixture' },
    lexicons: [],
    articles,
    corpus: buildCorpus(articles, pairs),
    errors: [],
  };
}

// ------------------------------------------------------------ the bridge corpus (fictional)

const HARBOR = 'Harbor Wire';

const lakeside: ArticleSpec = {
  file: 'lakeside-bridge.txt',
  title: 'Mongolia and China to open rail bridge next month, ministry says',
  published: '2025-03-14',
  crawlDate: '2025-03-14',
  byline: 'Staff Harbor Wire',
  publisher: { name: 'Lakeside Broadcasting', kind: 'broadcaster', country: 'CA', evidence: ['Watch Lakeside Broadcasting live'] },
  paragraphs: [
    'Mongolia and China will open a new rail bridge across the border river next month, Mongolian transport ministry spokeswoman Saran Altai said on Friday.',
    'The bridge will cut freight times between the two countries by half, Altai told reporters in Ulaanbaatar. “This is a bridge for our grandchildren,” Altai said.',
    'Construction crews finished the last span of the bridge in January, a Chinese source familiar with the project said.',
    "China's foreign ministry said it welcomed the project. Independent engineer Lena Morrow said the bridge had passed its load tests.",
    'The river crossing has been closed to trains since a flood in 2021.',
  ],
  origin: { kind: 'wire', agency: HARBOR, derivation: 'wholly', evidence: ['By Staff Harbor Wire', '© 2025 Harbor Wire'] },
  attributions: [
    {
      sentence: 'Mongolia and China will open a new rail bridge across the border river next month, Mongolian transport ministry spokeswoman Saran Altai said on Friday.',
      source: 'Mongolian transport ministry spokeswoman Saran Altai',
      cue: 'said',
      canonical: 'Saran Altai',
      type: 'official',
      identity: 'named',
      country: 'MN',
      quote: 'indirect',
    },
    {
      sentence: 'The bridge will cut freight times between the two countries by half, Altai told reporters in Ulaanbaatar.',
      source: 'Altai',
      cue: 'told',
      canonical: 'Saran Altai',
      type: 'official',
      identity: 'named',
      country: 'MN',
      quote: 'indirect',
    },
    {
      sentence: '“This is a bridge for our grandchildren,” Altai said.',
      source: 'Altai',
      cue: 'said',
      canonical: 'Saran Altai',
      type: 'official',
      identity: 'named',
      country: 'MN',
      quote: 'direct',
      quoted: ['“This is a bridge for our grandchildren,”'],
    },
    {
      sentence: 'Construction crews finished the last span of the bridge in January, a Chinese source familiar with the project said.',
      source: 'a Chinese source familiar with the project',
      cue: 'said',
      canonical: 'a Chinese source',
      type: 'unknown',
      identity: 'anonymous',
      country: 'CN',
      quote: 'indirect',
    },
    {
      sentence: "China's foreign ministry said it welcomed the project.",
      source: "China's foreign ministry",
      cue: 'said',
      canonical: 'Chinese foreign ministry',
      type: 'government',
      identity: 'named',
      country: 'CN',
      quote: 'indirect',
    },
    {
      sentence: 'Independent engineer Lena Morrow said the bridge had passed its load tests.',
      source: 'Independent engineer Lena Morrow',
      cue: 'said',
      canonical: 'Lena Morrow',
      type: 'person',
      identity: 'named',
      country: 'CA',
      quote: 'indirect',
    },
  ],
};

const viralnow: ArticleSpec = {
  file: 'viralnow-bridge.txt',
  title: 'SHOCK: China Bridge Opening Confirmed',
  published: null,
  publisher: { name: 'ViralNow Daily', kind: 'content-farm', country: 'US', evidence: ['Source link'] },
  paragraphs: [...lakeside.paragraphs.slice(0, 3), "China's foreign ministry said it"],
  origin: { kind: 'repost', derivation: 'wholly', coverage: 0.97, sources: [{ file: 'lakeside-bridge.txt', coverage: 0.97 }], evidence: ['Source link'], truncated: true },
  attributions: lakeside.attributions.slice(0, 4),
  notClaims: ["China's foreign ministry said it"],
};

const steppe: ArticleSpec = {
  file: 'steppe-bridge.txt',
  title: 'Rail bridge to China opens in April — government',
  published: '2025-03-14',
  dateline: 'ULAANBAATAR, March 14',
  publisher: { name: 'Steppe News Agency', kind: 'state-media', country: 'MN', evidence: ['/Steppe News/'] },
  paragraphs: [
    'The new rail bridge to China will open in April at the invitation of the Chinese side, the Mongolian government said on Friday.',
    'Transport ministry spokeswoman Saran Altai said the bridge will carry up to twenty trains a day.',
    '“Our friendship with China grows stronger with every kilometre of track,” the government said in a statement.',
    'The bridge was first proposed in 2015.',
  ],
  origin: { kind: 'original', agency: 'Steppe News Agency', evidence: ['/Steppe News/'] },
  attributions: [
    {
      sentence: 'The new rail bridge to China will open in April at the invitation of the Chinese side, the Mongolian government said on Friday.',
      source: 'the Mongolian government',
      cue: 'said',
      canonical: 'Mongolian government',
      type: 'government',
      identity: 'named',
      country: 'MN',
      quote: 'indirect',
    },
    {
      sentence: 'Transport ministry spokeswoman Saran Altai said the bridge will carry up to twenty trains a day.',
      source: 'Transport ministry spokeswoman Saran Altai',
      cue: 'said',
      canonical: 'Saran Altai',
      type: 'official',
      identity: 'named',
      country: 'MN',
      quote: 'indirect',
    },
    {
      sentence: '“Our friendship with China grows stronger with every kilometre of track,” the government said in a statement.',
      source: 'the government',
      cue: 'said',
      canonical: 'Mongolian government',
      type: 'government',
      identity: 'named',
      country: 'MN',
      quote: 'direct',
      quoted: ['“Our friendship with China grows stronger with every kilometre of track,”'],
      channel: 'statement',
    },
  ],
};

const ledger: ArticleSpec = {
  file: 'pacific-ledger-bridge.txt',
  title: "Mongolia says China rail bridge to open 'in April': Steppe News",
  published: '2025-03-15',
  byline: 'Eastern Press Agency',
  publisher: { name: 'The Pacific Ledger', kind: 'newspaper', country: 'JP', evidence: ['The Pacific Ledger | World'] },
  paragraphs: [
    'Mongolia will open a new rail bridge to China "in April," the Mongolian government said Friday, according to the Steppe News Agency.',
    'The bridge will open in April at the invitation of the Chinese side, the Steppe News Agency reported.',
    'Construction crews finished the last span in January, a Chinese railway official told Eastern Press Agency.',
    'It is believed that the bridge cost more than 300 million dollars. The Harbor Times reported last week that freight companies had already booked the first trains.',
    'The river crossing has been closed to trains since a flood in 2021. (Eastern Press)',
  ],
  origin: { kind: 'wire', agency: 'Eastern Press Agency', derivation: 'wholly', evidence: ['By Eastern Press Agency', '(Eastern Press)'] },
  notClaims: ['(Eastern Press)'],
  hedges: [{ text: 'It is believed', entryId: 'it-is-believed' }],
  attributions: [
    {
      sentence: 'Mongolia will open a new rail bridge to China "in April," the Mongolian government said Friday, according to the Steppe News Agency.',
      source: 'the Mongolian government',
      cue: 'said',
      canonical: 'Mongolian government',
      type: 'government',
      identity: 'named',
      country: 'MN',
      quote: 'mixed',
      quoted: ['"in April,"'],
      via: 'Steppe News Agency',
    },
    {
      sentence: 'Mongolia will open a new rail bridge to China "in April," the Mongolian government said Friday, according to the Steppe News Agency.',
      source: 'the Steppe News Agency',
      cue: 'according to',
      canonical: 'Steppe News Agency',
      type: 'state-media',
      identity: 'named',
      country: 'MN',
      quote: 'mixed',
      quoted: ['"in April,"'],
    },
    {
      sentence: 'The bridge will open in April at the invitation of the Chinese side, the Steppe News Agency reported.',
      source: 'the Steppe News Agency',
      cue: 'reported',
      canonical: 'Steppe News Agency',
      type: 'state-media',
      identity: 'named',
      country: 'MN',
      quote: 'indirect',
    },
    {
      sentence: 'Construction crews finished the last span in January, a Chinese railway official told Eastern Press Agency.',
      source: 'a Chinese railway official',
      cue: 'told',
      canonical: 'a Chinese railway official',
      type: 'official',
      identity: 'role',
      country: 'CN',
      quote: 'indirect',
      toldTo: 'Eastern Press Agency',
    },
    {
      sentence: 'The Harbor Times reported last week that freight companies had already booked the first trains.',
      source: 'The Harbor Times',
      cue: 'reported',
      canonical: 'The Harbor Times',
      type: 'media',
      identity: 'named',
      country: 'US',
      quote: 'indirect',
    },
  ],
};

const steppe2019: ArticleSpec = {
  file: 'steppe-consultations-2019.txt',
  title: 'Consultations on rail bridge to China underway — ministry',
  published: '2019-06-02',
  dateline: 'ULAANBAATAR, June 2',
  publisher: { name: 'Steppe News Agency', kind: 'state-media', country: 'MN', evidence: ['/Steppe News/'] },
  paragraphs: [
    'Consultations with China on a new rail bridge across the border river are underway, transport ministry spokesman Ganbold Tumur told reporters on Sunday.',
    '“We are discussing the date and the route,” he said. The ministry said an announcement would be made in due course.',
  ],
  origin: { kind: 'original', agency: 'Steppe News Agency', evidence: ['/Steppe News/'] },
  attributions: [
    {
      sentence: 'Consultations with China on a new rail bridge across the border river are underway, transport ministry spokesman Ganbold Tumur told reporters on Sunday.',
      source: 'transport ministry spokesman Ganbold Tumur',
      cue: 'told',
      canonical: 'Ganbold Tumur',
      type: 'official',
      identity: 'named',
      country: 'MN',
      quote: 'indirect',
    },
    {
      sentence: '“We are discussing the date and the route,” he said.',
      source: 'he',
      cue: 'said',
      canonical: 'Ganbold Tumur',
      type: 'official',
      identity: 'named',
      country: 'MN',
      quote: 'direct',
      quoted: ['“We are discussing the date and the route,”'],
    },
    {
      sentence: 'The ministry said an announcement would be made in due course.',
      source: 'The ministry',
      cue: 'said',
      canonical: 'Mongolian transport ministry',
      type: 'government',
      identity: 'named',
      country: 'MN',
      quote: 'indirect',
    },
  ],
};

export const BRIDGE_SPECS = [lakeside, viralnow, steppe, ledger, steppe2019];

/** The repost shares its first three paragraphs with the wire copy it took. */
function bridgeReuse(articles: Omit<ArticleReport, 'scores'>[]): ReusePair[] {
  const a = articles.find((x) => x.file === lakeside.file)!;
  const b = articles.find((x) => x.file === viralnow.file)!;
  const shared = lakeside.paragraphs.slice(0, 3).join('\n\n');
  return [
    {
      a: a.id,
      b: b.id,
      coverageA: Math.round((shared.length / a.body.text.length) * 10000) / 10000,
      coverageB: Math.round((shared.length / b.body.text.length) * 10000) / 10000,
      passages: [{ a: { start: 0, end: shared.length }, b: { start: 0, end: shared.length }, text: shared, quotation: false }],
    },
  ];
}

export function bridgeReport(): Report {
  return assembleReport(BRIDGE_SPECS, bridgeReuse);
}

// ------------------------------------------------------------ the hostile article

/** Markup and Markdown that must show as text in every renderer, never act. */
export const HOSTILE = {
  script: '<script>window.__pwned = "script"</script>',
  img: '<img src=x onerror="window.__pwned = \'onerror\'">',
  link: '<a href="javascript:window.__pwned=\'link\'">click me</a>',
  textarea: '</textarea><style>body{display:none}</style>',
  md: '[totally safe](javascript:alert(1)) ![x](https://tracker.invalid/p.png) **bold** | pipe | `tick`',
  mermaid: '"]; click X href "javascript:alert(1)"; X["',
};

const hostile: ArticleSpec = {
  file: '../<img src=x onerror=alert(1)>/evil "name".txt',
  title: `Bridge news ${HOSTILE.img} ${HOSTILE.md}`,
  published: '2025-03-16',
  url: 'javascript:window.__pwned="url"',
  byline: HOSTILE.script,
  publisher: { name: `Evil ${HOSTILE.mermaid} Press`, kind: 'digital', country: 'US', evidence: [HOSTILE.textarea] },
  paragraphs: [
    `The mayor ${HOSTILE.script} said the bridge opens soon.`,
    `${HOSTILE.img} A spokesman for <b onmouseover="window.__pwned=1">the council</b> said repairs were done.`,
    `Critics said ${HOSTILE.link} and ${HOSTILE.textarea} were everywhere.`,
    `Read more: ${HOSTILE.md} # not a heading <!-- comment --> &amp; ]]> {{template}}`,
  ],
  origin: { kind: 'repost', derivation: 'wholly', evidence: [HOSTILE.link], imageCredits: [HOSTILE.img] },
  attributions: [
    {
      sentence: `The mayor ${HOSTILE.script} said the bridge opens soon.`,
      source: `The mayor ${HOSTILE.script}`,
      cue: 'said',
      canonical: `mayor ${HOSTILE.script}`,
      type: 'official',
      identity: 'role',
      country: 'US',
      quote: 'indirect',
    },
    {
      sentence: `${HOSTILE.img} A spokesman for <b onmouseover="window.__pwned=1">the council</b> said repairs were done.`,
      source: `A spokesman for <b onmouseover="window.__pwned=1">the council</b>`,
      cue: 'said',
      canonical: `council spokesman ${HOSTILE.mermaid}`,
      type: 'official',
      identity: 'role',
      country: 'US',
      quote: 'indirect',
      via: `${HOSTILE.link}`,
    },
    {
      sentence: `Critics said ${HOSTILE.link} and ${HOSTILE.textarea} were everywhere.`,
      source: 'Critics',
      cue: 'said',
      canonical: 'critics',
      type: 'unknown',
      identity: 'anonymous',
      country: null,
      quote: 'indirect',
    },
  ],
};

export function hostileReport(): Report {
  return assembleReport([hostile]);
}

// Run directly: rewrite the JSON fixtures.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(resolve(FIXTURES, 'reports/bridge.json'), JSON.stringify(bridgeReport(), null, 2) + '\n');
  writeFileSync(resolve(FIXTURES, 'reports/hostile.json'), JSON.stringify(hostileReport(), null, 2) + '\n');
  process.stdout.write('wrote test/fixtures/reports/bridge.json and hostile.json\n');
}
