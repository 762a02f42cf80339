/**
 * A long body split into chunks the browser lays out only near the screen. Every element of a body
 * costs style and layout, whether it is on screen or not: 200,000 paragraphs took seconds of layout
 * alone. Grouped by a hundred nodes into `<div class="chunk">` with `content-visibility: auto`
 * (article-view.styles.ts), the chunks off screen skip style and layout until the reader scrolls
 * near them; find-in-page, links to a fragment, focus and the accessibility tree still see their
 * content, printing shows them all, and `laidOutText` gives read-aloud all of it.
 */

/** Nodes in a chunk, at least (a chunk ends only before a block, so it may hold a few more). */
export const CHUNK_NODES = 100;

/** A container is split only with more child nodes than this: an everyday article never is. */
export const CHUNKED_ABOVE = 1000;

/** Containers whose children may be grouped into `<div>`s without changing what they mean. */
const FLOW_CONTAINERS = new Set(['div', 'section', 'article', 'aside', 'main', 'header', 'footer', 'nav', 'blockquote', 'li', 'dd', 'td', 'th']);

/** Elements that start on a line of their own, so a chunk may begin with one. */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4',
  'h5', 'h6', 'header', 'hgroup', 'hr', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'ul',
]);

/**
 * Splits `box`, and each flow container inside it, that has more than `CHUNKED_ABOVE` child
 * elements; returns the number of chunks made.
 */
export function chunkLongBody(box: HTMLElement): number {
  const long: Element[] = box.childElementCount > CHUNKED_ABOVE ? [box] : [];
  const walker = box.ownerDocument.createTreeWalker(box, NodeFilter.SHOW_ELEMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node as Element;
    if (FLOW_CONTAINERS.has(element.localName) && element.childElementCount > CHUNKED_ABOVE) long.push(element);
  }
  return long.reduce((chunks, container) => chunks + chunkChildren(container), 0);
}

function isBlock(node: Node): boolean {
  return node.nodeType === Node.ELEMENT_NODE && BLOCKS.has((node as Element).localName);
}

/**
 * Groups the children of `container` into chunks, each of at least `CHUNK_NODES` nodes and
 * starting with a block (the first may not); returns how many. The nodes move by ranges, not one
 * by one.
 */
function chunkChildren(container: Element): number {
  const document = container.ownerDocument;
  const range = document.createRange();
  const chunks: HTMLDivElement[] = [];
  for (let first = container.firstChild; first; ) {
    let end = first.nextSibling;
    for (let count = 1; end && !(count >= CHUNK_NODES && isBlock(end)); count += 1) end = end.nextSibling;
    range.setStartBefore(first);
    if (end) range.setEndBefore(end);
    else range.setEndAfter(container.lastChild!);
    const chunk = document.createElement('div');
    chunk.className = 'chunk';
    chunk.append(range.extractContents());
    chunks.push(chunk);
    first = end;
  }
  container.append(...chunks);
  return chunks.length;
}

/**
 * The text of `element` as laid out (`innerText`, a line break between blocks), chunks off screen
 * included: `innerText` leaves out what `content-visibility` skips, so they are shown for the
 * moment of reading it (a layout of the whole body, paid only when read-aloud starts).
 */
export function laidOutText(element: HTMLElement): string {
  if (!element.querySelector('.chunk')) return element.innerText;
  element.classList.add('unchunked');
  try {
    return element.innerText;
  } finally {
    element.classList.remove('unchunked');
  }
}
