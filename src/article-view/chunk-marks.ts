/**
 * What only a long body needs before it is parsed, as an on-demand part (load-part.ts,
 * `egov-chunk-marks.js` beside the one-script bundle): the scan that marks the chunks of its top
 * level in its HTML and cuts it into slices to parse one at a time (`withChunkMarks`), and the
 * naming of those chunks once parsed (`nameChunks`).
 * sanitize.ts loads it only for a body longer than `MARKED_ABOVE`; a shorter one, or any body when
 * the part cannot be loaded, is chunked after parsing (body-chunks.ts `chunkLongBody`), as before.
 */
import { BLOCKS, CHUNK_NODES, CHUNKED_ABOVE, LONG_TEXT, MAX_CHUNK_NODES } from './body-chunks.js';
import { MAX_DEPTH, withoutInlineCode } from './pre-parse.js';

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

/**
 * Start tags that close an open paragraph, as the parser does (an implied end tag): CMS bodies
 * often leave `</p>` out, and a long body of such paragraphs was parsed in one piece.
 */
const CLOSES_P = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'blockquote', 'section', 'article', 'header', 'footer', 'aside',
  'figure', 'figcaption', 'hr', 'li',
]);

/** What the end tag of a block closes on its way (HTML's implied end tags). */
const CLOSED_BY_BLOCK_END = new Set(['p', 'li']);

/** End tags that close paragraphs and items left open inside their element: blocks, lists, items. */
const BLOCK_ENDS = new Set([...CLOSES_P].filter((name) => name !== 'p' && name !== 'hr'));

/** Scanned elements the parser opens again after an implied end tag closed them (formatting elements). */
const FORMATTING = new Set(['a', 'b', 'strong', 'i', 'em', 'u', 's', 'small', 'code']);

/** Scanned elements that end the parser's search for an open list item (HTML's "special" elements, but p). */
const SPECIAL = new Set([
  'li', 'ul', 'ol', 'blockquote', 'section', 'article', 'header', 'footer', 'aside', 'figure', 'figcaption',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'br', 'img', 'hr', 'wbr',
]);

/**
 * Closes in `open` what a start tag of `name` closes by itself: a list item left open (`<li>`),
 * then a paragraph (`<p>`, a heading, a list, a block). A formatting element closed with them goes
 * to `carried`: the parser opens it again at the next text or inline tag, unless its own end tag
 * comes first.
 */
function closeImplied(open: string[], carried: string[], name: string): void {
  const closeFrom = (at: number): void => {
    for (let index = at + 1; index < open.length; index += 1) if (FORMATTING.has(open[index]!)) carried.push(open[index]!);
    open.length = at;
  };
  if (name === 'li') {
    for (let index = open.length - 1; index >= 0; index -= 1) {
      if (open[index] === 'li') {
        closeFrom(index);
        break;
      }
      if (SPECIAL.has(open[index]!)) break;
    }
  }
  const paragraph = CLOSES_P.has(name) ? open.lastIndexOf('p') : -1;
  if (paragraph !== -1) closeFrom(paragraph);
}

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
  /**
   * The body, with a `<div>` opened at the start and `</div><div>` between chunks (unchanged when
   * `chunks` is 0), in slices that each end where a chunk does: each slice but the last holds at
   * least `sliceChars` characters (`SLICE_CHARS`), and the last also what follows the chunks, after
   * at least one chunk. Their HTML joined is the marked body; where there are chunks, each slice
   * starts with a chunk's `<div>`, so that parsed alone, as a fragment (`setHTML`) or as a document
   * (DOMPurify), it gives the same nodes as in the whole.
   */
  slices: string[];
  /** The `<div>`s opened, each a chunk of the top level; 0 when the body's top level is not long. */
  chunks: number;
  /**
   * What the walk of the kit's rules must visit (sanitize.ts `walkKitRules`), as `NodeFilter`
   * bits: elements unless the scan read the whole body and found neither an attribute nor an
   * image, text nodes unless it read the whole body and found no run of text between two tags
   * longer than `LONG_TEXT`.
   */
  show: number;
  /**
   * The scan read the whole body and found no attribute, nor more than `plainDepth` elements open
   * at once: every tag is one of `SCANNED_ELEMENTS`, plain and properly nested, so no inline code
   * can be in it but in comments.
   */
  plain: boolean;
}

/**
 * The least HTML in a slice of a marked body (`ChunkMarks.slices`): sanitize.ts parses a long body
 * a slice at a time, letting the page's other tasks run between two, as a task of some tens of
 * milliseconds (200,000 paragraphs in one piece kept the page from answering for a second).
 */
export const SLICE_CHARS = 64 * 1024;

/** Spaces and slashes up to the `>` of a start tag: a tag without attributes (sticky). */
const NO_ATTRIBUTES = /[\t\n\f\r /]*>/y;

/** What one scan of `withChunkMarks` found. */
interface Scan {
  marks: number[];
  elements: number;
  complete: boolean;
  attributes: boolean;
  images: boolean;
  longestText: number;
  end: number;
  /** Stopped at an attribute or past `plainDepth`: a scan without `plainDepth` might go further. */
  cutShort: boolean;
}

/** The marks a scan keeps: where it stopped, those past the last point with every element closed go. */
function chunksOf({ marks, complete, end }: Scan): number {
  let kept = marks.length;
  while (!complete && kept > 0 && marks[kept - 1]! >= end) kept -= 1;
  return kept;
}

/**
 * The scan of `withChunkMarks`. `implied`: paragraphs and list items left open are closed where
 * the parser closes them (CMS bodies often leave `</p>` out); without, the scan follows only
 * elements closed by their own end tags, however they nest (paragraphs in paragraphs…).
 */
function scan(html: string, plainDepth: number, implied: boolean): Scan {
  const marks: number[] = [];
  const open: string[] = [];
  /** Formatting elements closed by an implied end tag, which the parser opens again (closeImplied). */
  const carried: string[] = [];
  const reopen = (): void => {
    open.push(...carried);
    carried.length = 0;
  };
  let elements = 0;
  let nodes = 0;
  let complete = false;
  let cutShort = false;
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
    // Text: the parser opens again the formatting elements an implied end tag closed.
    if (tag > at && carried.length > 0) reopen();
    const next = html.charCodeAt(tag + 1);
    // A start tag's name, read once ('' for anything else, or a name the tokenizer would not read).
    TAG_NAME.lastIndex = tag + 1;
    const name = isAsciiLetter(next) && TAG_NAME.test(html) ? html.slice(tag + 1, TAG_NAME.lastIndex).toLowerCase() : '';
    const nameEnd = TAG_NAME.lastIndex;
    // A list item left open closes before the next item, a paragraph before a block, as the parser closes them.
    if (implied && name && open.length > 0) closeImplied(open, carried, name);
    // Before a tag, a comment or a declaration (not before a `<` that is text), with every element closed.
    if (open.length === 0 && carried.length === 0 && (isAsciiLetter(next) || next === 0x2f || next === 0x21 || next === 0x3f)) end = tag;
    if (isAsciiLetter(next)) {
      if (!SCANNED_ELEMENTS.has(name)) break;
      // A link in a link, even one closed by an implied end tag: the parser's adoption agency.
      if (implied && name === 'a' && (open.includes('a') || carried.includes('a'))) break;
      // An inline tag: the parser opens again the formatting elements an implied end tag closed.
      if (carried.length > 0 && !CLOSES_P.has(name)) {
        if (open.length === 0) nodes += 1;
        reopen();
      }
      const tagEnd = endOfStartTag(html, nameEnd);
      if (tagEnd === -1) break;
      NO_ATTRIBUTES.lastIndex = nameEnd;
      if (!attributes && !(NO_ATTRIBUTES.test(html) && NO_ATTRIBUTES.lastIndex === tagEnd)) {
        attributes = true;
        cutShort = plainDepth !== Infinity;
        if (cutShort) break;
      }
      if (name === 'img') images = true;
      if (open.length === 0) {
        if (((nodes >= CHUNK_NODES && BLOCKS.has(name)) || nodes >= MAX_CHUNK_NODES) && carried.length === 0) {
          marks.push(tag);
          nodes = 0;
        }
        nodes += 1;
        elements += 1;
      }
      if (!VOID_ELEMENTS.has(name) && open.push(name) > plainDepth) {
        cutShort = true;
        break;
      }
      longestText = Math.max(longestText, tag - textStart);
      at = textStart = tagEnd;
    } else if (next === 0x2f /* / */) {
      // Only the end tag of the element open last, written `</name>` (`implied`: or of one below
      // paragraphs and items left open, or of one closed already).
      TAG_NAME.lastIndex = tag + 2;
      if (!isAsciiLetter(html.charCodeAt(tag + 2)) || !TAG_NAME.test(html)) break;
      const endNameEnd = TAG_NAME.lastIndex;
      if (html[endNameEnd] !== '>') break;
      const endName = html.slice(tag + 2, endNameEnd).toLowerCase();
      // The end tag of a block open below paragraphs or list items left open closes them too (the
      // end tag of a phrase or a formatting element does not: the parser keeps the paragraph open).
      while (implied && CLOSED_BY_BLOCK_END.has(open.at(-1)!) && BLOCK_ENDS.has(endName) && open.at(-1) !== endName && open.includes(endName)) open.pop();
      if (endName === open.at(-1)) {
        open.pop();
      } else if (!implied) {
        break;
      } else if (endName === 'p' && !open.includes('p')) {
        // `</p>` with no paragraph open: the parser makes an empty one where it is.
        if (open.length === 0) nodes += 1;
      } else if (carried.includes(endName) && !open.includes(endName)) {
        // A formatting element closed by an implied end tag: its end tag takes it off the parser's list.
        carried.splice(carried.lastIndexOf(endName), 1);
      } else if ((endName === 'li' || endName === 'span') && !open.includes(endName)) {
        // An item or a span closed already (as above): the parser ignores its end tag.
      } else {
        break;
      }
      longestText = Math.max(longestText, tag - textStart);
      at = textStart = endNameEnd + 1;
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
  return { marks, elements, complete, attributes, images, longestText, end, cutShort };
}

/**
 * Marks the chunks of a long body's top level in its HTML, before parsing, so the parser puts each
 * paragraph straight into its chunk and none is moved afterwards (moving 200,000 paragraphs into
 * chunks cost a third as much as parsing them). One linear scan, which follows tags of the
 * elements it knows (`SCANNED_ELEMENTS`) properly nested, comments and text, and puts
 * `</div><div>` only where it has seen every element closed, before a block once a chunk holds
 * `CHUNK_NODES` nodes (or anywhere at `MAX_CHUNK_NODES`), as `chunkChildren` groups them. At the
 * first thing it does not follow (another element, a misnested or stray end tag, a `<!doctype`…) it
 * marks nothing more: the rest of the body follows the last chunk unmarked, and `chunkLongBody`
 * splits it as any long top level. The marks are plain `<div>` tags that the sanitizer judges with
 * all the rest of their slice; where the scan is right they change nothing but which
 * `<div>` holds each top-level node (tests/article-view/body-walk.test.ts compares with the
 * browser's parse of the unmarked body). `plainDepth`: stop at the first attribute, or where
 * more than this many elements are open, when only a plain body is of use. `sliceChars`: the least
 * HTML in a slice but the last (smaller in tests, to cut small bodies into many).
 */
export function withChunkMarks(html: string, plainDepth = Infinity, sliceChars = SLICE_CHARS): ChunkMarks {
  return marked(html, follow(html, plainDepth), sliceChars);
}

/**
 * Each way of following the body, the one that goes further: elements closed by their own end
 * tags, however they nest, or paragraphs and list items left open, closed as the parser does.
 * `cutShort` when either stopped for `plainDepth`.
 */
function follow(html: string, plainDepth: number): Scan {
  const strict = scan(html, plainDepth, false);
  if (strict.complete && strict.marks.length > 0) return strict;
  const implied = scan(html, plainDepth, true);
  return { ...(chunksOf(implied) > chunksOf(strict) ? implied : strict), cutShort: strict.cutShort || implied.cutShort };
}

/** The body in slices, with the marks of the scan `follow` kept. */
function marked(html: string, found: Scan, sliceChars = SLICE_CHARS): ChunkMarks {
  const { elements, complete, attributes, images, longestText, end } = found;
  const marks = found.marks.slice(0, chunksOf(found));
  const show =
    (!complete || attributes || images ? NodeFilter.SHOW_ELEMENT : 0) | (!complete || longestText > LONG_TEXT ? NodeFilter.SHOW_TEXT : 0);
  const scanned = { show, plain: complete && !attributes };
  // Stopped: the last chunk ends where every element was closed (chunksOf), the rest follows it unmarked.
  if (elements <= CHUNKED_ABOVE || marks.length === 0) return { slices: [html], chunks: 0, ...scanned };
  const slices: string[] = [];
  let slice: string[] = [];
  let sliceLength = 0;
  let copied = 0;
  for (const mark of [...marks, complete ? html.length : end]) {
    if (slice.length > 0 && sliceLength >= sliceChars) {
      slices.push(slice.join(''));
      slice = [];
      sliceLength = 0;
    }
    const chunk = html.slice(copied, mark);
    slice.push('<div>', chunk, '</div>');
    sliceLength += chunk.length;
    copied = mark;
  }
  // What follows the chunks where the scan stopped, unmarked, in the last slice: after a chunk of
  // its own slice, as in the whole body (DOMPurify parses each slice as a document: a slice that
  // began with a `<frameset>` would be a frameset document, with no body at all).
  if (copied < html.length) slice.push(html.slice(copied));
  if (slice.length > 0) slices.push(slice.join(''));
  return { slices, chunks: marks.length + 1, ...scanned };
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

/**
 * Everything done to a long body's HTML before it is parsed, in time linear in its length: inline
 * code cut (pre-parse.ts `withoutInlineCode`) and chunks marked (`withChunkMarks`). A plain body
 * (most long ones: paragraphs, headings, lists, emphasis, not one attribute) has no inline code to
 * cut, so one scan does; any other is cut first, then scanned.
 */
export function preParsed(html: string): ChunkMarks {
  const first = follow(html, MAX_DEPTH);
  if (first.complete && !first.attributes) return marked(html, first);
  // Nothing cut, and the scan stopped for something else than an attribute or depth: it stands.
  const cut = withoutInlineCode(html);
  return marked(cut, cut === html && !first.cutShort ? first : follow(cut, Infinity));
}
