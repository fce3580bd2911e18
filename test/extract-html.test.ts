import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractHtml, extractHtmlDetailed } from '../lib/extract/html.js';
import { prose } from './warc-builder.js';
import { analyze } from '../lib/analyze.js';
import { schemaErrors } from './helpers.js';

const STORY = [prose(1), prose(2), prose(3)];

const PAGE = `<!doctype html><html><head>
<title>Harbour plan approved | Example Gazette</title>
<meta property="og:site_name" content="Example Gazette">
<meta name="author" content="Meta Author">
<link rel="canonical" href="https://gazette.example/news/harbour-plan">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},
 {"@type":"NewsArticle","headline":"Harbour plan approved","datePublished":"2024-05-01T09:30:00Z",
  "author":[{"@type":"Person","name":"Ana Reyes"},{"@type":"Person","name":"Tom Field"}],
  "publisher":{"@type":"Organization","name":"Example Gazette Ltd"},
  "isBasedOn":"https://wire.example/story/123"}]}</script>
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>Harbour plan approved</h1>
<p>By Ana Reyes and Tom Field</p>
<figure><img src="a.jpg"><figcaption>The harbour at dawn. Photo: Someone Else</figcaption></figure>
<p>${STORY[0]}</p>
<div class="newsletter-signup"><p>Get the morning briefing in your inbox every day.</p><form><input></form></div>
<p>${STORY[1]}</p>
<ul class="list"><li><a href="/1">Council votes on school budget after long debate</a></li><li><a href="/2">Ferry timetable changes for the summer season</a></li></ul>
<p>Read more: Why the harbour matters</p>
<p>${STORY[2]}</p>
</article>
<footer>© 2024 Example Gazette</footer>
</body></html>`;

test('HTML: body paragraphs without captions, related links, newsletter box, byline or calls to action', () => {
  const a = extractHtml({ file: 'p.html', content: PAGE, format: 'html' });
  assert.equal(a.body.text, STORY.join('\n\n'));
  assert.deepEqual(
    a.body.paragraphs.map((p) => a.body.text.slice(p.start, p.end)),
    STORY,
  );
});

test('HTML: metadata from JSON-LD, Open Graph and the canonical link', () => {
  const r = extractHtmlDetailed({ file: 'p.html', content: PAGE, format: 'html', meta: { crawlDate: '2024-05-02' } });
  const a = r.article;
  assert.equal(a.title, 'Harbour plan approved');
  assert.equal(a.byline, 'Ana Reyes, Tom Field');
  // The Report's dates are ISO dates: the page's date-time is read as its date.
  assert.equal(a.published, '2024-05-01');
  // og:site_name names the site; the JSON-LD publisher (often the owning company) is kept in the metadata.
  assert.equal(a.publisher?.name, 'Example Gazette');
  assert.equal(r.metadata.publisher, 'Example Gazette Ltd');
  // Without a crawl URL, the canonical link.
  assert.equal(a.url, 'https://gazette.example/news/harbour-plan');
  assert.equal(a.crawlDate, '2024-05-02');
  assert.equal(r.metadata.siteName, 'Example Gazette');
  assert.equal(r.metadata.isBasedOn, 'https://wire.example/story/123');
});

test('HTML: a publication date written any way a page writes it becomes an ISO date, and the Report stays valid', () => {
  const cases: [string, string | null][] = [
    ['2008-01-01T16:10:00+11:00', '2008-01-01'],
    ['Saturday 12 January 2008', '2008-01-12'],
    ['December 31, 2007 11:14:48 MST', '2007-12-31'],
    ['Thu, 10 Jan 2008 01:40:05 GMT', '2008-01-10'],
    ['2008/01/03', '2008-01-03'],
    // Day-first or month-first? Not guessed.
    ['01/02/2008', null],
    ['yesterday', null],
  ];
  for (const [written, iso] of cases) {
    const page = PAGE.replace('2024-05-01T09:30:00Z', written);
    assert.ok(page !== PAGE);
    assert.equal(extractHtml({ file: 'p.html', content: page, format: 'html' }).published, iso, written);
  }
  const report = analyze([{ file: 'p.html', content: PAGE.replace('2024-05-01T09:30:00Z', 'Saturday 12 January 2008'), format: 'html' }]);
  assert.equal(report.articles[0].published, '2008-01-12');
  assert.equal(schemaErrors(report), '');
});

test('HTML: a container-given title and publisher (JSONL fields) win over the page', () => {
  const a = extractHtml({ file: 'p.html', content: PAGE, format: 'html', meta: { title: 'Given title', publisher: 'Given Publisher' } });
  assert.equal(a.title, 'Given title');
  assert.equal(a.publisher?.name, 'Given Publisher');
});

test('HTML: a byline inside the body is taken as the byline when the page has no metadata', () => {
  const html = `<html><body><article><p>By Maria Lopez</p><p>${prose(4)}</p><p>${prose(5)}</p></article></body></html>`;
  const a = extractHtml({ file: 'b.html', content: html, format: 'html' });
  assert.equal(a.byline, 'Maria Lopez');
  assert.equal(a.body.text, `${prose(4)}\n\n${prose(5)}`);
});

test('HTML: a page with no article text gives an empty body, not an exception', () => {
  const a = extractHtml({ file: 'e.html', content: '<html><head><title>t</title></head><body></body></html>', format: 'html' });
  assert.equal(a.body.text, '');
  assert.deepEqual(a.body.paragraphs, []);
});

test('HTML with lexicons: a wire dateline leaves the body and becomes a credit; the footer copyright is read', async () => {
  const { loadLexicons } = await import('../lib/lexicon/load.js');
  const lexicons = loadLexicons();
  const first = `The council met on Monday to discuss the budget for the harbour district, and members said the plan would be voted on later.`;
  const html = `<html><head><meta property="og:site_name" content="Harbour Daily"></head><body><article>
<p>LONDON (Reuters) - ${first}</p><p>${prose(21)}</p><p>${prose(22)}</p></article>
<footer><p>© 2024 Reuters. All rights reserved.</p></footer></body></html>`;
  const a = extractHtml({ file: 'w.html', content: html, format: 'html', meta: { url: 'https://harbour-daily.example/story' } }, lexicons);
  assert.equal(a.dateline, 'LONDON');
  assert.ok(a.body.text.startsWith(first), a.body.text.slice(0, 80));
  const kinds = a.credits.map((c) => [c.kind, c.agency]);
  assert.deepEqual(kinds.find(([k]) => k === 'dateline'), ['dateline', 'Reuters']);
  assert.deepEqual(kinds.find(([k]) => k === 'copyright'), ['copyright', 'Reuters']);
  // The copyright credits the text, not the site: the page names itself.
  assert.equal(a.publisher?.name, 'Harbour Daily');
});
