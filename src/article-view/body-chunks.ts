/**
 * A long body split into chunks the browser lays out only near the screen. Every element of a body
 * costs style and layout, whether it is on screen or not: 200,000 paragraphs took seconds of layout
 * alone, and so did one text node of 1.8 MB. Grouped by a hundred nodes into `<div class="chunk">`,
 * and long text cut into `<span class="chunk">` blocks, with `content-visibility: auto`
 * (article-view.styles.ts), the chunks off screen skip style and layout until the reader scrolls
 * near them; find-in-page, links to a fragment, focus and the accessibility tree still see their
 * content, printing shows them all, and read-aloud (`laidOutText` in read-aloud.ts) reads them all.
 */

/** Nodes in a chunk, at least (a chunk ends only before a block, so it may hold a few more). */
export const CHUNK_NODES = 100;

/** A container is split only with more child elements than this: an everyday article never is. */
export const CHUNKED_ABOVE = 1000;

/** A chunk that has found no place to end by this many nodes ends there (a run of inline nodes with no block or break). */
export const MAX_CHUNK_NODES = 10 * CHUNK_NODES;

/** Containers whose children may be grouped into `<div>`s without changing what they mean. */
const FLOW_CONTAINERS = new Set(['div', 'section', 'article', 'aside', 'main', 'header', 'footer', 'nav', 'blockquote', 'li', 'dd', 'td', 'th']);

/**
 * Containers of inline content (a paragraph of 200,000 bold words), whose children are grouped into
 * `<span class="chunk">` blocks instead, each ending at a line break or after a space where there
 * is one, as `chunkText` cuts long text. Lists are never split: a box between a list and its items
 * would break the list for screen readers.
 */
const PHRASING_CONTAINERS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'span', 'b', 'strong', 'i', 'em']);

/** Elements that start on a line of their own, so a chunk may begin with one. */
export const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4',
  'h5', 'h6', 'header', 'hgroup', 'hr', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'ul',
]);

/** A text node is split into pieces of about this many characters when it is longer than `LONG_TEXT`. */
const TEXT_CHUNK = 10_000;

/** Longer than any everyday paragraph by far: one text node of 1.8 MB took seconds of layout. */
export const LONG_TEXT = 50_000;

/**
 * Splits `box`, and each flow or inline container inside it, that has more than `CHUNKED_ABOVE` child
 * elements, and each of `longTexts` (text nodes of `box` longer than `LONG_TEXT`, found by the
 * walk that applies the kit's rules, so the body is walked once); returns the number of chunks
 * made. The containers are found by the browser's selector engine, not by a second walk. `chunked`:
 * the children of `box` are chunks already (`nameChunks`).
 */
export function chunkLongBody(box: HTMLElement, longTexts: readonly Text[], chunked?: boolean): number {
  const long = new Set<Element>();
  for (const child of box.querySelectorAll(`:nth-child(${CHUNKED_ABOVE + 1})`)) {
    const container = child.parentElement!;
    const name = container.localName;
    if (container === box ? !chunked : FLOW_CONTAINERS.has(name) || PHRASING_CONTAINERS.has(name)) long.add(container);
  }
  let chunks = 0;
  for (const container of long) chunks += chunkChildren(container);
  return longTexts.reduce((count, text) => count + chunkText(text), chunks);
}

/**
 * Replaces a long text node, with the text nodes next to it, by `<span class="chunk">` blocks of
 * about `TEXT_CHUNK` characters, each ending after a space or a line break where there is one (a
 * word is cut only when it is longer than a piece); returns how many. The text nodes next to it are
 * the same text cut by the parser (Chromium's at 65,536 characters, in some versions only): the
 * pieces do not depend on where the parser cut. A node already cut with its neighbours gives 0.
 */
function chunkText(long: Text): number {
  if (!long.parentNode) return 0;
  let text = long;
  while (text.previousSibling?.nodeType === Node.TEXT_NODE) text = text.previousSibling as Text;
  let data = text.data;
  for (let next = text.nextSibling; next?.nodeType === Node.TEXT_NODE; next = text.nextSibling) {
    data += (next as Text).data;
    next.remove();
  }
  const pieces: HTMLSpanElement[] = [];
  for (let start = 0; start < data.length; ) {
    let end = Math.min(start + TEXT_CHUNK, data.length);
    if (end < data.length) {
      const piece = data.slice(start, end);
      const space = Math.max(piece.lastIndexOf(' '), piece.lastIndexOf('\n'));
      if (space > 0) end = start + space + 1;
      // Never between the two halves of a character outside the BMP.
      else if (/[\ud800-\udbff]/.test(data[end - 1]!)) end -= 1;
    }
    const chunk = text.ownerDocument.createElement('span');
    chunk.className = 'chunk';
    chunk.textContent = data.slice(start, end);
    pieces.push(chunk);
    start = end;
  }
  text.replaceWith(...pieces);
  return pieces.length;
}

function isBlock(node: Node): boolean {
  return node.nodeType === Node.ELEMENT_NODE && BLOCKS.has((node as Element).localName);
}

/** Where a chunk of inline content may end: after a line break, or after a space. */
function isLineEnd(node: Node): boolean {
  return node.nodeName === 'BR' || (node.nodeType === Node.TEXT_NODE && /\s$/.test((node as Text).data));
}

/**
 * Groups the children of `container` into chunks of at least `CHUNK_NODES` nodes and at most
 * `MAX_CHUNK_NODES`: in a flow container, `<div>`s each starting with a block (the first may
 * not); in a paragraph or other inline container, `<span>`s each ending at a line end. Returns
 * how many. The nodes move by ranges, not one by one.
 */
function chunkChildren(container: Element): number {
  const document = container.ownerDocument;
  const inline = PHRASING_CONTAINERS.has(container.localName);
  const range = document.createRange();
  const chunks: HTMLElement[] = [];
  for (let first = container.firstChild; first; ) {
    let last = first;
    for (let count = 1; last.nextSibling && count < MAX_CHUNK_NODES; count += 1) {
      if (count >= CHUNK_NODES && (inline ? isLineEnd(last) : isBlock(last.nextSibling))) break;
      last = last.nextSibling;
    }
    const next = last.nextSibling;
    range.setStartBefore(first);
    range.setEndAfter(last);
    const chunk = document.createElement(inline ? 'span' : 'div');
    chunk.className = 'chunk';
    chunk.append(range.extractContents());
    chunks.push(chunk);
    first = next;
  }
  container.append(...chunks);
  return chunks.length;
}
