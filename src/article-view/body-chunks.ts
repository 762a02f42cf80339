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

/** A chunk that has found no place to end by this many nodes ends there (a run of inline nodes with no block or break). */
const MAX_CHUNK_NODES = 10 * CHUNK_NODES;

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
const BLOCKS = new Set([
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
export function chunkLongBody(box: HTMLElement, longTexts: readonly Text[], { chunked = false } = {}): number {
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

/**
 * Elements whose tags the top-level scan (`withChunkMarks`) follows: none is a scope boundary of
 * the HTML tree builder (tables, buttons, templates, foreign content), none holds raw text or
 * changes how what follows is read (script, style, textarea, plaintext…), none is handled by a
 * rule of its own beyond closing a paragraph, a list item or a heading. Written properly nested,
 * they leave no element open and no formatting element to reopen once the last one is closed.
 * Not `div`, the chunks' own element: where the tree builder mends markup (a list item closing
 * another across a `<div>`), a `</div>` of the body could close a chunk instead.
 */
const SCANNED_ELEMENTS = new Set([
  'p', 'span', 'a', 'b', 'strong', 'i', 'em', 'u', 's', 'small', 'sub', 'sup', 'mark', 'abbr', 'cite', 'code',
  'q', 'time', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'section', 'article', 'header',
  'footer', 'aside', 'figure', 'figcaption', 'br', 'img', 'hr', 'wbr',
]);

const VOID_ELEMENTS = new Set(['br', 'img', 'hr', 'wbr']);

/** A tag name as the tokenizer reads it, from its first letter (sticky). */
const TAG_NAME = /[a-z][^\t\n\f\r />]*/iy;

/** The end of a comment from just after `<!--` (`--!>` ends one too). */
const COMMENT_END = /--!?>/g;

function isAsciiLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

function isTagSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d;
}

/** Pieces of a start tag as the tokenizer reads them, matched in place (sticky). */
const TAG_SPACES = /[\t\n\f\r ]*/y;
const ATTRIBUTE_NAME_REST = /[^\t\n\f\r />=]*/y;
const UNQUOTED_VALUE = /[^\t\n\f\r >]*/y;

/** Just after the match of sticky `pattern` at `at` (which may be empty). */
function past(pattern: RegExp, html: string, at: number): number {
  pattern.lastIndex = at;
  pattern.test(html);
  return pattern.lastIndex;
}

/**
 * Just after the `>` that ends a start tag whose name ends at `at`, read as the HTML tokenizer
 * reads attributes (a `>` inside a quoted value ends nothing); -1 when the input ends first.
 */
function endOfStartTag(html: string, at: number): number {
  for (let index = at; index < html.length; ) {
    const code = html.charCodeAt(index);
    if (isTagSpace(code) || code === 0x2f /* / */) {
      index += 1;
      continue;
    }
    if (code === 0x3e /* > */) return index + 1;
    // An attribute name: its first character may be anything, even `=` or a quote.
    index = past(TAG_SPACES, html, past(ATTRIBUTE_NAME_REST, html, index + 1));
    if (html.charCodeAt(index) !== 0x3d /* = */) continue;
    index = past(TAG_SPACES, html, index + 1);
    const quote = html[index];
    if (quote === '"' || quote === "'") {
      const close = html.indexOf(quote, index + 1);
      if (close === -1) return -1;
      index = close + 1;
    } else {
      index = past(UNQUOTED_VALUE, html, index);
    }
  }
  return -1;
}

/** Just after the end of a comment whose `<!--` ends at `at`; -1 when the input ends first. */
function endOfComment(html: string, at: number): number {
  if (html[at] === '>') return at + 1;
  if (html.startsWith('->', at)) return at + 2;
  COMMENT_END.lastIndex = at;
  const end = COMMENT_END.exec(html);
  return end ? end.index + end[0].length : -1;
}

/** What `withChunkMarks` made of a body. */
export interface ChunkMarks {
  /** The body, with a `<div>` opened at the start and `</div><div>` between chunks; unchanged when `chunks` is 0. */
  html: string;
  /** The `<div>`s opened, each a chunk of the top level; 0 when the body's top level is not long. */
  chunks: number;
  /**
   * What the walk of the kit's rules must visit (sanitize.ts): elements unless the scan read the
   * whole body and found neither an attribute nor an image, text nodes unless it read the whole
   * body and found no run of text between two tags longer than `LONG_TEXT`.
   */
  walk: { elements: boolean; texts: boolean };
  /**
   * The scan read the whole body and found no attribute, nor more than `plainDepth` elements open
   * at once: every tag is one of `SCANNED_ELEMENTS`, plain and properly nested, so no inline code
   * can be in it but in comments.
   */
  plain: boolean;
}

/** Spaces and slashes up to the `>` of a start tag: a tag without attributes (sticky). */
const NO_ATTRIBUTES = /[\t\n\f\r /]*>/y;

/**
 * Marks the chunks of a long body's top level in its HTML, before parsing, so the parser puts each
 * paragraph straight into its chunk and none is moved afterwards (moving 200,000 paragraphs into
 * chunks cost a third as much as parsing them). One linear scan, which follows tags of the
 * elements it knows (`SCANNED_ELEMENTS`) properly nested, comments and text, and puts
 * `</div><div>` only where it has seen every element closed, before a block once a chunk holds
 * `CHUNK_NODES` nodes (or anywhere at `MAX_CHUNK_NODES`), as `chunkChildren` groups them. At the
 * first thing it does not follow (another element, a misnested or stray end tag, a `<!doctype`…) it
 * marks nothing more: the rest of the body stays in the last chunk, which `chunkLongBody` splits
 * as any long container. The marks are plain `<div>` tags that the sanitizer judges with all the
 * rest, in the one pass over the whole body; where the scan is right they change nothing but which
 * `<div>` holds each top-level node (tests/article-view/body-walk.test.ts compares with the
 * browser's parse of the unmarked body). `plainDepth`: stop at the first attribute, or where
 * more than this many elements are open, when only a plain body is of use.
 */
export function withChunkMarks(html: string, plainDepth = Infinity): ChunkMarks {
  const marks: number[] = [];
  const open: string[] = [];
  let elements = 0;
  let nodes = 0;
  let complete = false;
  let attributes = false;
  let images = false;
  let longestText = 0;
  let textStart = 0;
  /** Where the last chunk ends when the scan stops: where it last saw every element closed. */
  let end = 0;
  for (let at = 0; ; ) {
    const tag = html.indexOf('<', at);
    if (tag === -1) {
      longestText = Math.max(longestText, html.length - textStart);
      complete = true;
      break;
    }
    if (tag > at && open.length === 0) nodes += 1;
    const next = html.charCodeAt(tag + 1);
    // Before a tag, a comment or a declaration (not before a `<` that is text), with every element closed.
    if (open.length === 0 && (isAsciiLetter(next) || next === 0x2f || next === 0x21 || next === 0x3f)) end = tag;
    if (isAsciiLetter(next)) {
      TAG_NAME.lastIndex = tag + 1;
      if (!TAG_NAME.test(html)) break;
      const nameEnd = TAG_NAME.lastIndex;
      const name = html.slice(tag + 1, nameEnd).toLowerCase();
      if (!SCANNED_ELEMENTS.has(name)) break;
      const tagEnd = endOfStartTag(html, nameEnd);
      if (tagEnd === -1) break;
      NO_ATTRIBUTES.lastIndex = nameEnd;
      if (!attributes && !(NO_ATTRIBUTES.test(html) && NO_ATTRIBUTES.lastIndex === tagEnd)) {
        attributes = true;
        if (plainDepth !== Infinity) break;
      }
      if (name === 'img') images = true;
      if (open.length === 0) {
        if ((nodes >= CHUNK_NODES && BLOCKS.has(name)) || nodes >= MAX_CHUNK_NODES) {
          marks.push(tag);
          nodes = 0;
        }
        nodes += 1;
        elements += 1;
      }
      if (!VOID_ELEMENTS.has(name) && open.push(name) > plainDepth) break;
      longestText = Math.max(longestText, tag - textStart);
      at = textStart = tagEnd;
    } else if (next === 0x2f /* / */) {
      // Only the end tag of the element open last, written `</name>`.
      TAG_NAME.lastIndex = tag + 2;
      if (!isAsciiLetter(html.charCodeAt(tag + 2)) || !TAG_NAME.test(html)) break;
      const nameEnd = TAG_NAME.lastIndex;
      if (html[nameEnd] !== '>' || html.slice(tag + 2, nameEnd).toLowerCase() !== open.at(-1)) break;
      open.pop();
      longestText = Math.max(longestText, tag - textStart);
      at = textStart = nameEnd + 1;
    } else if (html.startsWith('<!--', tag)) {
      // A comment: the text on either side counts as one run (it might be joined once the comment is gone).
      const commentEnd = endOfComment(html, tag + 4);
      if (commentEnd === -1) break;
      if (open.length === 0) nodes += 1;
      at = commentEnd;
    } else if (next === 0x21 /* ! */ || next === 0x3f /* ? */) {
      break;
    } else {
      // A `<` that starts no tag is text.
      at = tag + 1;
    }
  }
  const walk = { elements: !complete || attributes || images, texts: !complete || longestText > LONG_TEXT };
  const scanned = { walk, plain: complete && !attributes };
  // Stopped: the last chunk ends where every element was closed, the rest follows it unmarked.
  while (!complete && marks.length > 0 && marks.at(-1)! >= end) marks.pop();
  if (elements <= CHUNKED_ABOVE || marks.length === 0) return { html, chunks: 0, ...scanned };
  const pieces = ['<div>'];
  let copied = 0;
  for (const mark of marks) {
    pieces.push(html.slice(copied, mark), '</div><div>');
    copied = mark;
  }
  if (complete) pieces.push(html.slice(copied));
  else pieces.push(html.slice(copied, end), '</div>', html.slice(end));
  return { html: pieces.join(''), chunks: marks.length + 1, ...scanned };
}

/**
 * Names the `chunks` `<div>`s `withChunkMarks` opened, once parsed and sanitized, as chunks: the
 * first children of `box` whenever the scan was right (otherwise, never seen, nothing is named and
 * the marks are mere `<div>`s). True when `box` holds nothing else, so `chunkLongBody` need not
 * chunk it; the rest of a body whose scan stopped follows the chunks, and is chunked as any.
 */
export function nameChunks(box: HTMLElement, chunks: number): boolean {
  const nodes = box.childNodes;
  if (chunks === 0 || nodes.length < chunks) return false;
  for (let index = 0; index < chunks; index += 1) {
    const node = nodes[index]!;
    if (node.nodeName !== 'DIV' || (node as Element).attributes.length > 0) return false;
  }
  for (let index = 0; index < chunks; index += 1) (nodes[index] as Element).className = 'chunk';
  return nodes.length === chunks;
}
