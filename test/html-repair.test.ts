/**
 * Broken markup that browsers recover and linkedom does not, and comment
 * sections inside the content Readability picks. Pages written for these tests.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseHTML } from 'linkedom';
import { extractHtml } from '../lib/extract/html.js';
import { adoptStrayHeadContent, closeRunawayTitle, type RepairDocument } from '../lib/extract/html-repair.js';
import { loadLexicons } from '../lib/lexicon/load.js';

const lexicons = loadLexicons();
const STORY = [
  'The county council voted on Tuesday to close the old river bridge to lorries from next month, after engineers found cracks in two of its piers.',
  'Council leader Mara Quist said the closure would last at least a year while the piers are rebuilt, and that buses would still be allowed across.',
  'Hauliers said the detour would add forty minutes to each journey between the port and the motorway, and asked for a temporary crossing.',
  'The bridge, built in 1932, carries about nine thousand vehicles a day, according to the council.',
];

test('a title that is never closed ends at the first tag after it, not at the end of the page', () => {
  const html = '<html><head><title>Bridge to close to lorries\n<script src="a.js"></script></head><body><p>Text.</p></body></html>';
  const fixed = closeRunawayTitle(html);
  assert.equal(fixed, '<html><head><title>Bridge to close to lorries\n</title><script src="a.js"></script></head><body><p>Text.</p></body></html>');
  // A closed title, or none, is left alone.
  const fine = '<html><head><title>Bridge to close</title><script></script></head></html>';
  assert.equal(closeRunawayTitle(fine), fine);
  assert.equal(closeRunawayTitle('<p>no title</p>'), '<p>no title</p>');
});

test('content parsed into the head moves to the body, as the standard parser would put it', () => {
  // No <body> tag, and the head never closed: the first <table> opens the body.
  const html = `<html><head><meta charset="utf-8"><title>Bridge</title><table><tr><td><p>${STORY.join('</p><p>')}</p></td></tr></table></html>`;
  const { document } = parseHTML(html);
  adoptStrayHeadContent(document as unknown as RepairDocument);
  assert.ok(document.body);
  assert.match(document.body.textContent ?? '', /county council voted/);
  assert.doesNotMatch(document.head.textContent ?? '', /county council/);
  assert.equal(document.head.getElementsByTagName('title').length, 1);
  // A well-formed page is not changed.
  const good = parseHTML(`<html><head><title>B</title></head><body><p>${STORY[0]}</p></body></html>`).document;
  const before = good.toString();
  adoptStrayHeadContent(good as unknown as RepairDocument);
  assert.equal(good.toString(), before);
});

test('such a page is extracted: its story is the body', () => {
  const html = `<html><head><title>Bridge to close to lorries\n<script>var x = 1;</script><div><h1>Bridge to close to lorries</h1><p>${STORY.join('</p><p>')}</p></div></html>`;
  const article = extractHtml({ file: 'broken.html', content: html, format: 'html' }, lexicons);
  assert.match(article.body.text, /^The county council voted/);
  assert.match(article.body.text, /nine thousand vehicles a day, according to the council\.$/);
  assert.equal(article.title, 'Bridge to close to lorries');
});

test('a post signature or a comment section closes the story; a signature above the story does not empty it', () => {
  const comments = ['I drive this way every day and the detour is going to be a nightmare for everyone.', 'Posted by Dan on March 3, 2025 9:14 AM', 'Fix it properly this time.', 'Posted by Ellie on March 3, 2025 8:02 AM'];
  const page = (paras: string[]) => `<html><head><title>Bridge</title></head><body><article>${paras.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
  const closed = extractHtml({ file: 'c.html', content: page([...STORY, 'Posted by Jo Marsh at March 2, 2025 6:10 PM | Email This', ...comments]), format: 'html' }, lexicons);
  assert.match(closed.body.text, /according to the council\.$/);
  assert.doesNotMatch(closed.body.text, /detour is going to be a nightmare|Posted by/);
  const top = extractHtml({ file: 't.html', content: page(['Posted by Jo Marsh at March 2, 2025 6:10 PM', ...STORY]), format: 'html' }, lexicons);
  assert.match(top.body.text, /^The county council voted/);
  assert.match(top.body.text, /according to the council\.$/);
  // "Have your say" boxes sit inside stories (reader quotes): the line goes, the story goes on.
  const box = extractHtml({ file: 'b.html', content: page([...STORY.slice(0, 2), 'Have your say', ...STORY.slice(2)]), format: 'html' }, lexicons);
  assert.match(box.body.text, /according to the council\.$/);
  assert.doesNotMatch(box.body.text, /Have your say/);
});
