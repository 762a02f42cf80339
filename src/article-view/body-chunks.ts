/**
 * A long body split into chunks the browser lays out only near the screen. Every element of a body
 * costs style and layout, whether it is on screen or not: 200,000 paragraphs took seconds of layout
 * alone, and so did one text node of 1.8 MB. Grouped by a hundred nodes into `<div class="chunk">`,
 * and long text cut into `<span class="chunk">` blocks, with `content-visibility: auto`
 * (article-view.styles.ts), the chunks off screen skip style and layout until the reader scrolls
 * near them; find-in-page, links to a fragment, focus and the accessibility tree still see their
 * content, printing shows them all, and `laidOutText` gives read-aloud all of it.
 */

/** Nodes in a chunk, at least (a chunk ends only before a block, so it may hold a few more). */
const CHUNK_NODES = 100;

/** A container is split only with more child elements than this: an everyday article never is. */
const CHUNKED_ABOVE = 1000;

/** Containers whose children may be grouped into `<div>`s without changing what they mean. */
const FLOW_CONTAINERS = new Set(['div', 'section', 'article', 'aside', 'main', 'header', 'footer', 'nav', 'blockquote', 'li', 'dd', 'td', 'th']);

/** Elements that start on a line of their own, so a chunk may begin with one. */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4',
  'h5', 'h6', 'header', 'hgroup', 'hr', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'ul',
]);

/** A text node is split into pieces of about this many characters when it is longer than `LONG_TEXT`. */
const TEXT_CHUNK = 10_000;

/** Longer than any everyday paragraph by far: one text node of 1.8 MB took seconds of layout. */
const LONG_TEXT = 50_000;

/**
 * Splits `box`, and each flow container inside it, that has more than `CHUNKED_ABOVE` child
 * elements, and each text node longer than `LONG_TEXT`; returns the number of chunks made.
 */
export function chunkLongBody(box: HTMLElement): number {
  const long: Element[] = box.childElementCount > CHUNKED_ABOVE ? [box] : [];
  const longTexts: Text[] = [];
  const walker = box.ownerDocument.createTreeWalker(box, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) {
      if ((node as Text).length > LONG_TEXT) longTexts.push(node as Text);
      continue;
    }
    const element = node as Element;
    if (FLOW_CONTAINERS.has(element.localName) && element.childElementCount > CHUNKED_ABOVE) long.push(element);
  }
  const chunks = long.reduce((count, container) => count + chunkChildren(container), 0);
  return longTexts.reduce((count, text) => count + chunkText(text), chunks);
}

/**
 * Replaces a long text node by `<span class="chunk">` blocks of about `TEXT_CHUNK` characters,
 * each ending after a space or a line break where there is one (a word is cut only when it is
 * longer than a piece); returns how many.
 */
function chunkText(text: Text): number {
  const data = text.data;
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
