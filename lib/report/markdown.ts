/**
 * The Markdown report: a handout a teacher can use. Per article a scorecard,
 * the sources with the words quoted, what to notice and questions for class;
 * then a comparison of all articles, the stories, the shared claims and the
 * provenance graph as a Mermaid diagram. Every string that comes from an
 * article goes through escapeMarkdown (or escapeMermaid) so nothing in an
 * article can add links, images, HTML or table cells.
 */
import type { ArticleReport, Report } from '../types.js';
import type { RenderOptions } from './terminal.js';
import {
  articleById,
  articleNumber,
  articleTitle,
  countryWords,
  discussionQuestions,
  drawableGraph,
  EDGE_WORDS,
  escapeMarkdown as md,
  escapeMermaid,
  originWords,
  provenanceChains,
  publisherWords,
  quotedWords,
  SCORE_KEYS,
  scoreValue,
  shortName,
  graphNodeLabel,
  SHORT_LABELS,
  whatToNotice,
} from './text.js';

const IDENTITY = { named: 'named', role: 'role only', anonymous: 'anonymous' } as const;

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function table(header: string[], rows: string[][]): string[] {
  return [row(header), row(header.map(() => '---')), ...rows.map(row)];
}

function articleSection(a: ArticleReport, n: number, report: Report): string[] {
  const out: string[] = [];
  out.push(`## ${n}. ${md(articleTitle(a))}`, '');
  const meta: string[] = [`- **Publisher:** ${md(publisherWords(a))}`];
  if (a.published) meta.push(`- **Published:** ${md(a.published)}`);
  if (a.byline) meta.push(`- **Byline:** ${md(a.byline)}`);
  meta.push(`- **Where the text comes from:** ${md(originWords(a.origin))}`);
  meta.push(`- **File:** ${md(a.file)}`);
  for (const f of a.findings) if (f.level === 'warning') meta.push(`- **Warning:** ${md(f.message)}`);
  out.push(...meta, '');

  out.push('### Scorecard', '');
  out.push(...table(['Measure', 'Value', 'What it means'], SCORE_KEYS.map((k) => [md(a.scores[k].label), scoreValue(a.scores[k]), md(a.scores[k].explanation)])), '');

  out.push('### Who is quoted', '');
  const body = a.attributions.filter((x) => x.zone === 'body');
  if (body.length === 0) out.push('The analysis found no sources in this article.', '');
  else
    out.push(
      ...table(
        ['#', 'Source, as written', 'Who', 'Type', 'Named?', 'Country', 'Quote', 'Words'],
        body.map((x, i) => [
          String(i + 1),
          md(x.source.text),
          md(x.source.canonical) + (x.via ? ` (via ${md(x.via)})` : ''),
          md(x.source.type),
          IDENTITY[x.source.identity],
          md(countryWords(x.source.country)),
          md(x.quote),
          md(quotedWords(x, a.body.text)),
        ]),
      ),
      '',
    );

  const notice = whatToNotice(a);
  if (notice.length) out.push('### What to notice', '', ...notice.map((s) => `- ${md(s)}`), '');
  out.push('### Questions for discussion', '', ...discussionQuestions(a, report).map((q, i) => `${i + 1}. ${md(q)}`), '');
  return out;
}

function comparison(report: Report): string[] {
  return [
    '## All articles compared',
    '',
    ...table(
      ['Article', 'Publisher', 'Date', 'Origin', ...SCORE_KEYS.map((k) => SHORT_LABELS[k])],
      report.articles.map((a, i) => [
        `${i + 1}. ${md(articleTitle(a))}`,
        md(publisherWords(a)),
        md(a.published ?? a.crawlDate ?? 'unknown'),
        md(originWords(a.origin)),
        ...SCORE_KEYS.map((k) => scoreValue(a.scores[k])),
      ]),
    ),
    '',
  ];
}

function corpusSections(report: Report): string[] {
  const out: string[] = [];
  const byId = articleById(report);
  const name = (id: string) => {
    const a = byId.get(id);
    return a ? `${articleNumber(report, a.id)}. ${md(shortName(a))}` : md(id);
  };
  const { stories, sharedClaims } = report.corpus;
  const { graph, hidden } = drawableGraph(report);
  if (stories.length) {
    out.push('## Stories', '', 'Articles about the same event (similar words, dates close together).', '');
    for (const s of stories) {
      const dates = s.firstDate ? (s.firstDate === s.lastDate ? s.firstDate : `${s.firstDate} to ${s.lastDate}`) : 'dates unknown';
      out.push(`- **${md(s.label)}** (${md(dates)}): ${s.articles.map(name).join('; ')}`);
    }
    out.push('');
  }
  if (sharedClaims.length) {
    out.push('## Claims shared by several articles', '', 'The same claim in different articles, and whom each article credits for it.', '');
    for (const c of sharedClaims) {
      out.push(`### “${md(c.text)}”`, '');
      if (c.origin) out.push(`Most often credited to: **${md(c.origin)}**`, '');
      out.push(
        ...table(
          ['Article', 'Credited to', 'Sentence'],
          c.mentions.map((m) => [name(m.article), m.source ? md(m.source) + (m.via ? ` via ${md(m.via)}` : '') : 'nobody', md(m.sentence.text)]),
        ),
        '',
      );
    }
  }
  if (graph.nodes.length) {
    out.push('## Where the words came from', '');
    out.push('Arrows run from who said something, through the agencies and outlets that passed it on, to the publishers that printed it.', '');
    const ids = new Map(graph.nodes.map((n, i) => [n.id, `n${i}`]));
    const lines = ['```mermaid', 'flowchart LR'];
    for (const n of graph.nodes) {
      const label = n.kind === 'publisher' && n.article ? `${graphNodeLabel(report, n)} (article ${articleNumber(report, n.article)})` : n.label;
      const [open, close] = n.kind === 'publisher' ? ['[[', ']]'] : n.kind === 'source' ? ['(', ')'] : ['[', ']'];
      lines.push(`  ${ids.get(n.id)}${open}"${escapeMermaid(label)}"${close}`);
    }
    for (const e of graph.edges) {
      const arrow = e.kind === 'shares-passages' ? '---' : '-->';
      lines.push(`  ${ids.get(e.from)} ${arrow}|${escapeMermaid(EDGE_WORDS[e.kind])}| ${ids.get(e.to)}`);
    }
    lines.push('```', '');
    out.push(...lines);
    if (hidden) out.push(`${hidden} more links are not drawn (shared passages and links with the fewest findings first); \`--format csv --out DIR\` lists them all.`, '');
    const chains = provenanceChains(report);
    if (chains.length) out.push('In words:', '', ...chains.map((c) => `- ${c.map((step, i) => (i === 0 ? md(step.label) : `${md(step.edge)} ${md(step.label)}`)).join(' → ')}`), '');
    out.push('Round boxes are people and bodies who said something; square boxes are agencies and outlets; double boxes are the publishers of the articles.', '');
  }
  return out;
}

export function renderMarkdown(report: Report, _options: RenderOptions): string {
  const out: string[] = [];
  const n = report.articles.length;
  out.push(`# Who is speaking? A source report on ${n} article${n === 1 ? '' : 's'}`, '');
  out.push(
    'Made by sourcetrace from the text of the articles. Every number counts findings you can check in the tables: ' +
      'each source the article cites, each sentence that cites nobody, where the text came from. ' +
      'There is no single “bias score”: read the parts together.',
    '',
  );
  if (n > 0) {
    out.push(...comparison(report));
    out.push(...corpusSections(report));
  }
  report.articles.forEach((a, i) => out.push(...articleSection(a, i + 1, report)));
  if (report.errors.length) {
    out.push('## Files that could not be read', '', ...report.errors.map((e) => `- ${md(e.file)}: ${md(e.message)}`), '');
  }
  out.push(`---`, '', `sourcetrace ${md(report.tool.version)}, report schema ${md(report.schemaVersion)}.`);
  return out.join('\n') + '\n';
}
