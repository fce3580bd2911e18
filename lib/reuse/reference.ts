/**
 * The text of a reference document (a wire feed item): what articles are
 * matched against. A plain-text reference is taken as it is (line breaks
 * normalized), not through article extraction: a feed is not a web page, and
 * extraction built for page furniture drops lines of hard-wrapped wire copy.
 * Offsets into a plain-text reference are thus offsets into the file's text.
 * An HTML reference is a page: its extracted body is used.
 */
import { extractHtml } from '../extract/html.js';
import type { LexiconSet } from '../lexicon/load.js';
import type { RawDocument } from '../types.js';

export function referenceText(doc: RawDocument, lexicons: LexiconSet): string {
  return doc.format === 'html' ? extractHtml(doc, lexicons).body.text : doc.content.replace(/\r\n?/g, '\n');
}
