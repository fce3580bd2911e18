/**
 * The HTML report: one self-contained file. Each article's body with sources,
 * cues, quotes, hedges and unattributed sentences highlighted from their
 * offsets, details on hover (title) and click (a panel), the scorecards, the
 * comparison table, stories, shared claims and the provenance graph as inline
 * SVG. No network, no external assets: a Content-Security-Policy allows only
 * the one inline style and script, by hash. Every string from an article goes
 * through escapeHtml; the script only toggles `hidden`, never writes HTML.
 */
import { createHash } from 'node:crypto';
import type { ArticleReport, Attribution, GraphEdgeKind, Report } from '../types.js';
import { COLUMN_GAP, layoutGraph, NODE_HEIGHT, NODE_WIDTH } from './graph-layout.js';
import type { RenderOptions } from './terminal.js';
import {
  articleById,
  articleNumber,
  articleTitle,
  countryWords,
  discussionQuestions,
  drawableGraph,
  EDGE_WORDS,
  escapeHtml as h,
  originWords,
  publisherWords,
  quotedWords,
  SCORE_KEYS,
  scoreValue,
  shortName,
  graphNodeLabel,
  SHORT_LABELS,
  whatToNotice,
} from './text.js';

const STYLE = `
:root{--src:#1d4ed8;--cue:#b45309;--quote:#fde68a;--unattr:#dc2626;--hedge:#7c3aed;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;color:#111}
body{margin:0 auto;max-width:1100px;padding:1rem 1.5rem}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:2px solid #ddd}h3{margin-bottom:.3rem}
table{border-collapse:collapse;margin:.5rem 0;font-size:.9rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;vertical-align:top;text-align:left}th{background:#f3f4f6}
td.num{text-align:right;white-space:nowrap}meter{width:5rem}
div.wide{overflow-x:auto}table.comparison{font-size:.8rem;width:100%}table.comparison td:first-child{width:30%}table.comparison td:first-child .meta{font-size:.75rem;margin-top:.2rem}table.comparison th{vertical-align:bottom;hyphens:auto}
.body{white-space:pre-wrap;border-left:4px solid #e5e7eb;padding:.5rem 1rem;background:#fafafa;font-family:Georgia,serif}
.m[data-a]{cursor:pointer}
.quote{background:var(--quote)}
.src{color:var(--src);font-weight:600;border-bottom:2px solid var(--src)}
.cue{color:var(--cue);font-weight:600;border-bottom:2px dashed var(--cue)}
.unattr{text-decoration:underline dotted var(--unattr) 2px;text-underline-offset:3px}
.hedge{background:#ede9fe;outline:1px solid var(--hedge)}
.legend span.sw{display:inline-block;margin-right:1rem;padding:0 .3rem}
.detail{border:1px solid #999;background:#fff;padding:.5rem 1rem;margin:.5rem 0;box-shadow:0 2px 6px rgba(0,0,0,.15)}
.detail[hidden]{display:none}
.meta{color:#444;font-size:.9rem}
.article{margin-bottom:2.5rem}
svg.graph{max-width:100%;height:auto;border:1px solid #e5e7eb;background:#fff}
svg .n rect{stroke:#333;stroke-width:1}
svg .n.source rect{fill:#dbeafe}svg .n.agency rect{fill:#fef3c7}svg .n.outlet rect{fill:#fde2e2}svg .n.publisher rect{fill:#dcfce7;stroke-width:2}
svg .n text{font-size:12px;fill:#111}
svg .e path{fill:none;stroke:#555;stroke-width:1.4}svg .e.shares-passages path{stroke-dasharray:5 4;stroke:#999}
svg .e.via path{stroke:#1d4ed8}svg .e.carried path{stroke:#b45309;stroke-width:2.4}svg .e.reposted path{stroke:#dc2626;stroke-dasharray:6 3;stroke-width:2}
svg .e text{font-size:11px;fill:#333;paint-order:stroke;stroke:#fff;stroke-width:3px}
@media print{body{max-width:none;padding:0}.detail{display:none!important}.article{break-inside:auto}h2{break-after:avoid}table,svg{break-inside:avoid}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`.trim();

// Click on a highlight: show that attribution's details (toggle `hidden` only).
const SCRIPT = `
document.addEventListener('click',function(ev){var t=ev.target;while(t&&t.nodeType===1&&!t.hasAttribute('data-a'))t=t.parentNode;
if(!t||t.nodeType!==1)return;var ids=t.getAttribute('data-a').split(' ');var art=t.getAttribute('data-art');
var all=document.querySelectorAll('.detail[data-art="'+art+'"]');for(var i=0;i<all.length;i++)all[i].hidden=true;
for(var j=0;j<ids.length;j++){var d=document.getElementById('d-'+art+'-'+ids[j]);if(d)d.hidden=false;}});
`.trim();

/** Edge names short enough for the gap between two columns. */
const SVG_EDGE_WORDS: Record<GraphEdgeKind, string> = { quoted: 'quoted', via: 'via', carried: 'wire copy', reposted: 'reposted', 'shares-passages': 'shares text' };

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

interface Mark {
  start: number;
  end: number;
  cls: 'src' | 'cue' | 'quote' | 'unattr' | 'hedge';
  /** Index of the attribution in the article's body attributions, when it belongs to one. */
  att: number | null;
  title: string;
}

/** The marks of an article body, from the findings' offsets; spans outside the text are dropped. */
function marks(a: ArticleReport, atts: Attribution[]): Mark[] {
  const out: Mark[] = [];
  const len = a.body.text.length;
  const ok = (s: number, e: number) => Number.isInteger(s) && Number.isInteger(e) && s >= 0 && s < e && e <= len;
  atts.forEach((x, i) => {
    const who = `${x.source.canonical} (${x.source.type}, ${x.source.identity}, ${countryWords(x.source.country)})`;
    if (ok(x.source.start, x.source.end)) out.push({ start: x.source.start, end: x.source.end, cls: 'src', att: i, title: `Source: ${who}` });
    if (ok(x.cue.start, x.cue.end)) out.push({ start: x.cue.start, end: x.cue.end, cls: 'cue', att: i, title: `Cue: ${x.cue.text} (${x.cue.form})` });
    for (const q of x.quoteSpans) if (ok(q.start, q.end)) out.push({ start: q.start, end: q.end, cls: 'quote', att: i, title: `Quoted words of ${x.source.canonical}` });
  });
  for (const u of a.unattributed) {
    if (ok(u.start, u.end)) out.push({ start: u.start, end: u.end, cls: 'unattr', att: null, title: 'Says something without saying who says so' });
    for (const hd of u.hedges) if (ok(hd.start, hd.end)) out.push({ start: hd.start, end: hd.end, cls: 'hedge', att: null, title: `Hedge: ${hd.text}` });
  }
  return out;
}

/** The body as HTML: the text cut at every mark boundary, each piece with the classes of the marks over it. */
function highlightedBody(a: ArticleReport, n: number, atts: Attribution[]): string {
  const text = a.body.text;
  const ms = marks(a, atts);
  const cuts = new Set([0, text.length]);
  for (const m of ms) {
    cuts.add(m.start);
    cuts.add(m.end);
  }
  // Never cut inside a surrogate pair.
  const points = [...cuts].filter((c) => c === 0 || c === text.length || !(/[\uDC00-\uDFFF]/.test(text[c]) && /[\uD800-\uDBFF]/.test(text[c - 1]))).sort((x, y) => x - y);
  let html = '';
  for (let i = 0; i + 1 < points.length; i++) {
    const [s, e] = [points[i], points[i + 1]];
    const over = ms.filter((m) => m.start <= s && m.end >= e);
    const piece = h(text.slice(s, e));
    if (over.length === 0) {
      html += piece;
      continue;
    }
    const classes = [...new Set(over.map((m) => m.cls))].sort();
    const ids = [...new Set(over.filter((m) => m.att !== null).map((m) => m.att as number))].sort((x, y) => x - y);
    const title = [...new Set(over.map((m) => m.title))].join('\n');
    const data = ids.length ? ` data-art="${n}" data-a="${ids.map((i) => i + 1).join(' ')}"` : '';
    html += `<span class="m ${classes.join(' ')}"${data} title="${h(title)}">${piece}</span>`;
  }
  return html;
}

function attributionDetail(x: Attribution, i: number, n: number, a: ArticleReport): string {
  const rows: [string, string][] = [
    ['Source, as written', x.source.text],
    ['Who', x.source.canonical],
    ['Type', x.source.type],
    ['Named?', x.source.identity],
    ['Country', countryWords(x.source.country)],
    ['Cue', `${x.cue.text} (${x.cue.form})`],
    ['Quote', x.quote],
    ['Words', quotedWords(x, a.body.text)],
  ];
  if (x.via) rows.push(['Via', x.via]);
  if (x.toldTo) rows.push(['Told to', x.toldTo]);
  if (x.channel) rows.push(['Channel', x.channel]);
  return (
    `<div class="detail" id="d-${n}-${i + 1}" data-art="${n}" hidden><strong>Source ${i + 1}</strong>` +
    `<table>${rows.map(([k, v]) => `<tr><th>${h(k)}</th><td>${h(v)}</td></tr>`).join('')}</table></div>`
  );
}

function scorecard(a: ArticleReport): string {
  const rows = SCORE_KEYS.map((k) => {
    const s = a.scores[k];
    const meter = s.unit === 'share' && s.value !== null ? `<meter min="0" max="1" value="${s.value}"></meter>` : '';
    return `<tr><th>${h(s.label)}</th><td class="num">${h(scoreValue(s))} ${meter}</td><td>${h(s.explanation)}</td></tr>`;
  });
  return `<table class="scorecard"><thead><tr><th>Measure</th><th>Value</th><th>What it means</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function articleSection(a: ArticleReport, n: number, report: Report): string {
  const atts = a.attributions.filter((x) => x.zone === 'body');
  const meta = [
    `Publisher: ${publisherWords(a)}`,
    a.published ? `Published: ${a.published}` : null,
    a.byline ? `Byline: ${a.byline}` : null,
    `Text: ${originWords(a.origin)}`,
    `File: ${a.file}`,
    a.url ? `URL: ${a.url}` : null,
  ].filter((x): x is string => x !== null);
  const notice = whatToNotice(a);
  const sourcesTable = atts.length
    ? `<table class="sources"><thead><tr><th>#</th><th>Source, as written</th><th>Who</th><th>Type</th><th>Named?</th><th>Country</th><th>Quote</th></tr></thead><tbody>${atts
        .map(
          (x, i) =>
            `<tr><td class="num">${i + 1}</td><td>${h(x.source.text)}</td><td>${h(x.source.canonical)}${x.via ? ` (via ${h(x.via)})` : ''}</td><td>${h(x.source.type)}</td><td>${h(x.source.identity)}</td><td>${h(countryWords(x.source.country))}</td><td>${h(x.quote)}</td></tr>`,
        )
        .join('')}</tbody></table>`
    : '<p>The analysis found no sources in this article.</p>';
  return [
    `<section class="article" id="article-${n}">`,
    `<h2>${n}. ${h(articleTitle(a))}</h2>`,
    `<p class="meta">${meta.map(h).join('<br>')}</p>`,
    `<h3>Scorecard</h3>`,
    scorecard(a),
    `<h3>The article, marked up</h3>`,
    `<p class="meta">Click a highlighted source, cue or quote for details.</p>`,
    `<div class="body">${highlightedBody(a, n, atts)}</div>`,
    atts.map((x, i) => attributionDetail(x, i, n, a)).join(''),
    `<h3>Who is quoted</h3>`,
    sourcesTable,
    notice.length ? `<h3>What to notice</h3><ul>${notice.map((s) => `<li>${h(s)}</li>`).join('')}</ul>` : '',
    `<h3>Questions for discussion</h3><ol>${discussionQuestions(a, report).map((q) => `<li>${h(q)}</li>`).join('')}</ol>`,
    `</section>`,
  ].join('\n');
}

function legend(): string {
  return (
    '<p class="legend">' +
    '<span class="sw src">source</span><span class="sw cue">cue (said, told, according to)</span>' +
    '<span class="sw quote">quoted words</span><span class="sw unattr">sentence citing nobody</span><span class="sw hedge">hedge</span></p>'
  );
}

function comparison(report: Report): string {
  // Publisher, date and kind of text go under the title, so the score columns
  // fit the page; the wrapper scrolls sideways rather than overflow.
  const head = ['Article', ...SCORE_KEYS.map((k) => SHORT_LABELS[k])];
  const rows = report.articles.map(
    (a, i) =>
      `<tr><td><a href="#article-${i + 1}">${i + 1}. ${h(articleTitle(a))}</a><div class="meta">${h(publisherWords(a))} · ${h(a.published ?? a.crawlDate ?? 'date unknown')} · ${h(
        originWords(a.origin),
      )}</div></td>${SCORE_KEYS.map((k) => `<td class="num">${h(scoreValue(a.scores[k]))}</td>`).join('')}</tr>`,
  );
  return `<h2>All articles compared</h2><div class="wide"><table class="comparison"><thead><tr>${head.map((x) => `<th>${h(x)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`;
}

function corpusSections(report: Report): string {
  const byId = articleById(report);
  const name = (id: string) => {
    const a = byId.get(id);
    return a ? `${articleNumber(report, a.id)}. ${h(shortName(a))}` : h(id);
  };
  const parts: string[] = [];
  const { stories, sharedClaims } = report.corpus;
  if (stories.length)
    parts.push(
      '<h2>Stories</h2><p>Articles about the same event (similar words, dates close together).</p><ul>' +
        stories
          .map((s) => {
            const dates = s.firstDate ? (s.firstDate === s.lastDate ? s.firstDate : `${s.firstDate} to ${s.lastDate}`) : 'dates unknown';
            return `<li><strong>${h(s.label)}</strong> (${h(dates)}): ${s.articles.map(name).join('; ')}</li>`;
          })
          .join('') +
        '</ul>',
    );
  if (sharedClaims.length)
    parts.push(
      '<h2>Claims shared by several articles</h2>' +
        sharedClaims
          .map(
            (c) =>
              `<h3>“${h(c.text)}”</h3>${c.origin ? `<p>Most often credited to: <strong>${h(c.origin)}</strong></p>` : ''}<table><thead><tr><th>Article</th><th>Credited to</th><th>Sentence</th></tr></thead><tbody>${c.mentions
                .map((m) => `<tr><td>${name(m.article)}</td><td>${m.source ? h(m.source) + (m.via ? ` via ${h(m.via)}` : '') : 'nobody'}</td><td>${h(m.sentence.text)}</td></tr>`)
                .join('')}</tbody></table>`,
          )
          .join(''),
    );
  parts.push('<h2>Where the words came from</h2>', graphSvg(report));
  return parts.join('\n');
}

/** Cut a label to fit a node box (about 7 px per character at 12 px). */
function clip(label: string, max = Math.floor((NODE_WIDTH - 12) / 7)): string {
  const chars = [...label];
  return chars.length <= max ? label : chars.slice(0, max - 1).join('') + '…';
}

function graphSvg(report: Report): string {
  const { graph, hidden } = drawableGraph(report);
  if (graph.nodes.length === 0) return '<p>No sources or copies were found, so there is no graph to draw.</p>';
  const layout = layoutGraph(graph);
  const label = (id: string) => {
    const p = layout.nodes.get(id)!;
    if (p.node.kind === 'publisher' && p.node.article) return `${graphNodeLabel(report, p.node)} [${articleNumber(report, p.node.article)}]`;
    return p.node.label;
  };
  const edges = graph.edges
    .map((e, index) => {
      const a = layout.nodes.get(e.from);
      const b = layout.nodes.get(e.to);
      if (!a || !b) return '';
      let d: string;
      let lx: number;
      let ly: number;
      if (a.column >= b.column) {
        // Same column (or backwards): a loop out to the right.
        const x = a.x + NODE_WIDTH;
        const xb = b.x + NODE_WIDTH;
        const [y1, y2] = [a.y + NODE_HEIGHT / 2, b.y + NODE_HEIGHT / 2];
        d = `M${x} ${y1} C${x + COLUMN_GAP * 0.6} ${y1} ${xb + COLUMN_GAP * 0.6} ${y2} ${xb} ${y2}`;
        lx = Math.max(x, xb) + COLUMN_GAP * 0.45;
        ly = (y1 + y2) / 2;
      } else {
        // Through the slot of each skipped column, curving between columns.
        const points = [{ x: a.x + NODE_WIDTH, y: a.y + NODE_HEIGHT / 2 }];
        for (const w of layout.waypoints.get(index) ?? []) points.push({ x: w.x, y: w.y }, { x: w.x + NODE_WIDTH, y: w.y });
        points.push({ x: b.x, y: b.y + NODE_HEIGHT / 2 });
        d = `M${points[0].x} ${points[0].y}`;
        for (let k = 1; k < points.length; k++) {
          const [p, q] = [points[k - 1], points[k]];
          if (p.y === q.y || k % 2 === 0) d += ` L${q.x} ${q.y}`;
          else {
            const mid = (p.x + q.x) / 2;
            d += ` C${mid} ${p.y} ${mid} ${q.y} ${q.x} ${q.y}`;
          }
        }
        const [p, q] = [points[points.length - 2], points[points.length - 1]];
        lx = (p.x + q.x) / 2;
        ly = (p.y + q.y) / 2 - 3;
      }
      const arrow = e.kind === 'shares-passages' ? '' : ' marker-end="url(#arrow)"';
      const words = EDGE_WORDS[e.kind];
      // "quoted by" is the plain arrow (see the key); other kinds are named on the edge.
      const text = e.kind === 'quoted' || e.kind === 'shares-passages' ? '' : `<text x="${lx}" y="${ly}" text-anchor="middle">${h(SVG_EDGE_WORDS[e.kind])}</text>`;
      return `<g class="e ${e.kind}"><title>${h(`${label(e.from)} → ${words} → ${label(e.to)} (${e.weight})`)}</title><path d="${d}"${arrow}/>${text}</g>`;
    })
    .join('');
  const nodes = [...layout.nodes.values()]
    .map((p) => {
      const full = label(p.node.id);
      const rx = p.node.kind === 'source' ? 16 : 3;
      return `<g class="n ${p.node.kind}"><title>${h(`${full} (${p.node.kind}${p.node.type ? ', ' + p.node.type : ''})`)}</title><rect x="${p.x}" y="${p.y}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="${rx}"/><text x="${p.x + NODE_WIDTH / 2}" y="${p.y + NODE_HEIGHT / 2 + 4}" text-anchor="middle">${h(clip(full))}</text></g>`;
    })
    .join('');
  return (
    `<p>Arrows run from who said something, through the agencies and outlets that passed it on, to the publishers that printed it. ` +
    `Blue: people and bodies who spoke; yellow: news agencies; red: other outlets; green: the publishers of these articles, with the article's number. ` +
    `A plain arrow means “quoted by”; a dashed grey line joins articles that share passages; other links are named on the arrow. Hover for full names.</p>` +
    `<svg class="graph" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${layout.width} ${layout.height}" width="${layout.width}" height="${layout.height}" role="img" aria-label="Provenance graph">` +
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="#555"/></marker></defs>` +
    `${edges}${nodes}</svg>` +
    (hidden ? `<p>${hidden} more links are not drawn (shared passages and links with the fewest findings first); the CSV tables list them all.</p>` : '')
  );
}

export function renderHtml(report: Report, _options: RenderOptions): string {
  const csp = `default-src 'none'; style-src 'sha256-${sha256(STYLE)}'; script-src 'sha256-${sha256(SCRIPT)}'; img-src 'none'; base-uri 'none'; form-action 'none'`;
  const n = report.articles.length;
  const body = [
    `<h1>Who is speaking? A source report on ${n} article${n === 1 ? '' : 's'}</h1>`,
    '<p>Made by sourcetrace from the text of the articles. Every number counts findings you can see highlighted below. There is no single “bias score”: read the parts together.</p>',
    legend(),
    n ? comparison(report) : '<p>No articles were analyzed.</p>',
    n ? corpusSections(report) : '',
    ...report.articles.map((a, i) => articleSection(a, i + 1, report)),
    report.errors.length ? `<h2>Files that could not be read</h2><ul>${report.errors.map((e) => `<li>${h(e.file)}: ${h(e.message)}</li>`).join('')}</ul>` : '',
    `<footer class="meta">sourcetrace ${h(report.tool.version)}, report schema ${h(report.schemaVersion)}</footer>`,
  ];
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>sourcetrace report: ${n} article${n === 1 ? '' : 's'}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...body.filter((x) => x !== ''),
    `<script>${SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
