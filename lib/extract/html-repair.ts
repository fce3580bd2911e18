/**
 * Repairs for broken markup that a browser's parser would recover and
 * linkedom's does not. Crawled pages, old ones especially, have a <head> that
 * never closes or a <body> tag that is missing; the HTML standard's tree
 * construction then closes the head at the first element that cannot be in a
 * head and opens the body there, but linkedom keeps the whole page inside
 * <head> and the document has no body text at all (25 of the 621 L3S-GN1
 * pages). And a <title> that is never closed swallows the page as title text.
 */

/** Elements the standard lets stay in a head ("in head" insertion mode). */
const HEAD_ELEMENTS = new Set(['BASE', 'BASEFONT', 'BGSOUND', 'LINK', 'META', 'NOFRAMES', 'SCRIPT', 'STYLE', 'TEMPLATE', 'TITLE', 'NOSCRIPT']);

/** A tag that cannot be part of a title's text: where an unclosed title really ended. */
const AFTER_TITLE = /<(?:\/?(?:head|body|meta|link|script|style|div|table|p|base)\b|!--)/i;
/** Longest title text kept when the title is not closed before the next tag. */
const MAX_TITLE_CHARS = 300;

/** Close a <title> that runs into the page's markup (its RCDATA would swallow the page). */
export function closeRunawayTitle(html: string): string {
  const open = /<title\b[^>]*>/i.exec(html);
  if (!open) return html;
  const start = open.index + open[0].length;
  // Searched from the title on, without copying the page.
  const closeRe = /<\/title\s*>/gi;
  const tagRe = new RegExp(AFTER_TITLE.source, 'gi');
  closeRe.lastIndex = start;
  tagRe.lastIndex = start;
  const close = closeRe.exec(html)?.index ?? -1;
  const tag = tagRe.exec(html)?.index ?? -1;
  if (tag < 0 || (close >= 0 && close < tag)) return html;
  const end = start + Math.min(tag - start, MAX_TITLE_CHARS);
  return `${html.slice(0, end)}</title>${html.slice(end)}`;
}

interface RepairNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<RepairNode>;
  firstChild: RepairNode | null;
  appendChild(node: RepairNode): RepairNode;
  insertBefore(node: RepairNode, before: RepairNode | null): RepairNode;
}

export interface RepairDocument {
  head: RepairNode | null;
  body: RepairNode | null;
  documentElement: RepairNode | null;
  createElement(name: string): RepairNode;
}

/**
 * Move what follows the head's first non-head node into the body, as the
 * standard's parser would have put it there (a <body> element parsed inside
 * the head gives its children). Nothing moves on a well-formed page.
 */
export function adoptStrayHeadContent(document: RepairDocument): void {
  const root = document.documentElement;
  if (!root) return;
  const head = document.head;
  const kids = head ? Array.from(head.childNodes) : [];
  const first = kids.findIndex((n) => isContent(n) && !(n.nodeType === 1 && HEAD_ELEMENTS.has(n.nodeName.toUpperCase())));
  // Content beside the head and body, directly in <html> (a page whose <body> tag was lost).
  const loose = new Set(Array.from(root.childNodes).filter((n) => n !== head && n !== document.body && isContent(n)));
  if (first < 0 && loose.size === 0) return;
  let body = document.body;
  if (!body) {
    body = document.createElement('body');
    root.appendChild(body);
  }
  const anchor = body.firstChild;
  const adopt = (node: RepairNode, before: RepairNode | null) => {
    if (node.nodeType === 1 && node.nodeName.toUpperCase() === 'BODY') for (const child of Array.from(node.childNodes)) body!.insertBefore(child, before);
    else body!.insertBefore(node, before);
  };
  if (first >= 0) for (const node of kids.slice(first)) adopt(node, anchor);
  // Before the body they open it, after it they close it, in document order.
  let afterBody = false;
  for (const node of Array.from(root.childNodes)) {
    if (node === body) {
      afterBody = true;
      continue;
    }
    if (node === head || !loose.has(node)) continue;
    adopt(node, afterBody ? null : anchor);
  }
}

/** An element, or text that is not only white space. */
function isContent(n: RepairNode): boolean {
  return n.nodeType === 1 || (n.nodeType === 3 && (n.textContent ?? '').trim() !== '');
}
