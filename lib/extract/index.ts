/**
 * Page to article: separates the story from page furniture and reads its
 * metadata. This first version only splits the crawl header and paragraphs;
 * boilerplate classification and metadata cues land in the extraction work.
 */
import type { LexiconSet } from '../lexicon/load.js';
import type { ExtractedArticle, RawDocument, Span } from '../types.js';

const CRAWL_HEADER = /^ ?date (\d{4}-\d{2}-\d{2})(?: (https?:\/\/\S+))? ?/;

export function extractArticle(doc: RawDocument, _lexicons: LexiconSet): ExtractedArticle {
  let text = doc.content.replace(/\r\n?/g, '\n');
  let crawlDate: string | null = doc.meta?.crawlDate ?? null;
  let url: string | null = doc.meta?.url ?? null;
  const header = CRAWL_HEADER.exec(text);
  if (header) {
    crawlDate = header[1];
    url = header[2] ?? url;
    text = text.slice(header[0].length);
  }
  const paragraphs: Span[] = [];
  const parts: string[] = [];
  let offset = 0;
  for (const line of text.split('\n')) {
    const clean = line.replace(/\s+/g, ' ').trim();
    if (!clean) continue;
    if (parts.length) offset += 2;
    parts.push(clean);
    paragraphs.push({ start: offset, end: offset + clean.length });
    offset += clean.length;
  }
  return {
    file: doc.file,
    title: doc.meta?.title ?? null,
    url,
    crawlDate,
    published: doc.meta?.published ?? null,
    byline: null,
    dateline: null,
    publisher: null,
    body: { text: parts.join('\n\n'), paragraphs, repeated: [] },
    credits: [],
    truncated: false,
    imageCredits: [],
  };
}
