/**
 * Turns the untrusted HTML `body` of a remote article into one element that is safe to show: no
 * script or event handler, no URL other than http(s), mailto, tel or relative, no element that
 * embeds, submits, styles or re-bases anything. The browser's own HTML Sanitizer (`setHTML`) does
 * the parsing and the removing where there is one; elsewhere DOMPurify, loaded on first need
 * (load-fallback.ts). The kit's own rules (URLs, links, images, tables) then apply to either result.
 */
import { chunkLongBody, LONG_TEXT } from './body-chunks.js';
import { loadPart } from '../shared/load-part.js';
import { loadFallbackSanitizer } from './load-fallback.js';
import { FORBIDDEN_ATTRIBUTES, FORBIDDEN_ELEMENTS, type HtmlSanitizer } from './sanitize-rules.js';
import { withoutInlineCode } from './pre-parse.js';

/** Texts the sanitized body carries, in the reader's language. */
export interface BodyLabels {
  /** Accessible name of the scrolling box around each table: the `index`th (from 1) of the body's `count`. */
  table: (index: number, count: number) => string;
  /** Said after a link that opens a new tab. */
  newTab: string;
}

/** Every attribute that holds a URL; the sanitizers drop most bad ones, this list catches the rest. */
const URL_ATTRIBUTES = new Set([
  'href', 'src', 'srcset', 'action', 'formaction', 'xlink:href', 'poster', 'cite', 'background',
  'longdesc', 'usemap', 'ping', 'data', 'codebase', 'manifest', 'lowsrc', 'dynsrc', 'itemtype',
]);

const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:']);

/** True for a relative URL or one with a safe scheme, judged the way browsers read it. */
export function isSafeUrl(value: string): boolean {
  // Browsers ignore tabs, new lines and leading control characters inside a scheme.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const compact = value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact);
  return !scheme || SAFE_SCHEMES.has(scheme[0].toLowerCase());
}

/** A `srcset` is safe when the URL of every candidate is. */
function isSafeSrcset(value: string): boolean {
  return value.split(',').every((candidate) => isSafeUrl(candidate.trim().split(/\s+/)[0] ?? ''));
}

const SVG = 'http://www.w3.org/2000/svg';
const MATHML = 'http://www.w3.org/1998/Math/MathML';

/** The browser's HTML Sanitizer, where there is one (Chromium 145+, Firefox 148+). */
interface NativeSanitizer {
  allowElement(element: string | { name: string; attributes: string[] }): boolean;
  removeElement(element: string | { name: string; namespace: string }): boolean;
  replaceElementWithChildren(element: string): boolean;
  allowAttribute(attribute: string): boolean;
  removeAttribute(attribute: string): boolean;
}

type WithSetHtml = Element & { setHTML(html: string, options: { sanitizer: NativeSanitizer }): void };

/** Elements an article needs beyond the browser's safe default, with the attributes they keep. */
const ARTICLE_ELEMENTS: Record<string, string[]> = {
  img: ['src', 'srcset', 'sizes', 'alt', 'width', 'height'],
  picture: [],
  source: ['src', 'srcset', 'sizes', 'media', 'type'],
  video: ['src', 'poster', 'controls', 'width', 'height', 'loop', 'muted', 'playsinline', 'preload'],
  audio: ['src', 'controls', 'loop', 'muted', 'preload'],
  details: ['open'],
  summary: [],
};

/** Old presentational elements CMS bodies still carry: their text stays, the element goes. */
const UNWRAPPED_ELEMENTS = ['font', 'center', 'big', 'strike', 'tt', 'nobr', 'marquee', 'blink'];

let nativeSanitizer: NativeSanitizer | undefined;

/** The browser's safe default, plus images and media, minus everything the kit forbids. */
function articleSanitizer(): NativeSanitizer {
  if (nativeSanitizer) return nativeSanitizer;
  const sanitizer = new (globalThis as unknown as { Sanitizer: new () => NativeSanitizer }).Sanitizer();
  for (const [name, attributes] of Object.entries(ARTICLE_ELEMENTS)) sanitizer.allowElement({ name, attributes });
  for (const name of UNWRAPPED_ELEMENTS) sanitizer.replaceElementWithChildren(name);
  for (const name of FORBIDDEN_ELEMENTS) sanitizer.removeElement(name);
  sanitizer.removeElement({ name: 'svg', namespace: SVG });
  sanitizer.removeElement({ name: 'math', namespace: MATHML });
  sanitizer.allowAttribute('target');
  for (const name of FORBIDDEN_ATTRIBUTES) sanitizer.removeAttribute(name);
  nativeSanitizer = sanitizer;
  return sanitizer;
}

/** True where the browser has the HTML Sanitizer; looked up on each use, not once at load. */
export function hasNativeSanitizer(): boolean {
  return 'setHTML' in Element.prototype && 'Sanitizer' in globalThis;
}

/**
 * On a browser without the native sanitizer, DOMPurify's part, asked for now: article-view.ts
 * calls this as the article's JSON is fetched, so the body does not wait for a second download
 * after its own. A failure here is met again, and shown, when the body is sanitized.
 */
export function prefetchFallback(): void {
  if (!hasNativeSanitizer()) loadFallbackSanitizer().catch(() => undefined);
}

/**
 * The sanitized HTML as the children of an element of an inert document (nothing in it loads or
 * runs): a `<div>` of `inert` the browser's sanitizer filled, or the `<body>` of DOMPurify's own
 * document.
 */
function sanitizedNodes(html: string, fallback: HtmlSanitizer | undefined, inert: Document): HTMLElement {
  if (fallback) return fallback(html);
  const box = inert.createElement('div');
  (box as unknown as WithSetHtml).setHTML(html, { sanitizer: articleSanitizer() });
  return box;
}

/** Resolves in a task of its own, after what the page has waiting (input, rendering, its timers). */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(undefined);
  });
}

/**
 * The sanitized body, from the slices of its HTML (chunk-marks.ts `ChunkMarks.slices`: each gives
 * alone the nodes it gives in the whole), each sanitized, walked by the kit's rules and moved into
 * the page's document in a task of its own: the page goes on answering while a long body is
 * prepared. A slice moves in only with every rule applied: its images load lazily, once shown.
 * Resolves with the body and what the walks saw.
 */
async function sanitizedSlices(
  slices: readonly string[],
  fallback: HtmlSanitizer | undefined,
  labels: BodyLabels,
  show: number,
  signal: AbortSignal | undefined,
): Promise<{ box: HTMLElement; walk: KitRulesWalk }> {
  const inert = document.implementation.createHTMLDocument('');
  const box = document.createElement('div');
  const walk = newWalk();
  for (const [index, slice] of slices.entries()) {
    if (index > 0) {
      await nextTask();
      // Overtaken meanwhile (another `src`): the rest is not worth preparing.
      signal?.throwIfAborted();
    }
    const nodes = sanitizedNodes(slice, fallback, inert);
    walkKitRules(nodes, labels, show, walk);
    const range = nodes.ownerDocument.createRange();
    range.selectNodeContents(nodes);
    box.append(range.extractContents());
  }
  return { box, walk };
}

/**
 * A body longer than this many characters has its chunks marked before parsing (chunk-marks.ts, an
 * on-demand part): the parser then puts each top-level node straight into its chunk, which spared
 * a third of the cost of 200,000 paragraphs (1.6 MB), and it is parsed a slice at a time
 * (`sanitizedSlices`). Below it the chunking after parsing moves at
 * most some 60,000 nodes (at `<p>x</p>` each), tens of milliseconds, about what fetching the part
 * costs a reader the first time; an everyday article (tens of KB) never needs it.
 */
const MARKED_ABOVE = 500_000;

/**
 * The sanitized body as one element, ready to render: rendered as a single node, however many
 * paragraphs it holds. Tables are wrapped in a box that scrolls sideways on a narrow screen; links
 * to a new tab say so to screen readers; images load lazily; a long body is split into chunks
 * laid out only near the screen (body-chunks.ts). Rejects with `signal`'s reason when it aborts
 * while a long body is prepared.
 */
export async function sanitizeBody(html: string, labels: BodyLabels, signal?: AbortSignal): Promise<HTMLElement> {
  const fallback = hasNativeSanitizer() ? undefined : await loadFallbackSanitizer();
  // A part that cannot be loaded leaves the body to the chunking after parsing: slower, the same result.
  const marks = html.length > MARKED_ABOVE ? await loadPart(() => import('./chunk-marks.js')).catch(() => undefined) : undefined;
  const marked = marks?.preParsed(html);
  const { box, walk } = await sanitizedSlices(marked?.slices ?? [withoutInlineCode(html)], fallback, labels, marked?.show ?? SHOW_ALL, signal);
  wrapTables(walk.tables, labels);
  const chunked = marked ? marks!.nameChunks(box, marked.chunks) : false;
  chunkLongBody(box, walk.longTexts, chunked);
  return box;
}

/** What the walks of `walkKitRules` over a body saw. */
export interface KitRulesWalk {
  /** Nodes visited, elements and text (for the tests that count the work). */
  visited: number;
  /** Text nodes longer than `LONG_TEXT`, for body-chunks.ts to cut. */
  longTexts: Text[];
  /** The tables, to wrap once the whole body is walked (their names count them all). */
  tables: HTMLTableElement[];
}

const SHOW_ALL = NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT;

function newWalk(): KitRulesWalk {
  return { visited: 0, longTexts: [], tables: [] };
}

/**
 * The kit's rules over every element of `box`, one part of a sanitized body (a slice, or all of
 * it), in one walk, which also notes the long text nodes to chunk and the tables to wrap once the
 * whole body is walked (`wrapTables`), in `walk`; returned. An element without attributes that is
 * neither an image nor a table (most of a body: paragraphs, headings, emphasis) is passed at once.
 * `show`: what the walk visits (`NodeFilter` bits), where the scan before parsing has shown that
 * the body holds no element the rules change or no long text (chunk-marks.ts `withChunkMarks`);
 * nothing at all when neither.
 */
export function walkKitRules(box: HTMLElement, labels: BodyLabels, show = SHOW_ALL, walk = newWalk()): KitRulesWalk {
  const newTabLinks: Element[] = [];
  const walker = box.ownerDocument.createTreeWalker(box, show);
  for (let node = show && walker.nextNode(); node; node = walker.nextNode()) {
    walk.visited += 1;
    if (node.nodeType === Node.TEXT_NODE) {
      if ((node as Text).length > LONG_TEXT) walk.longTexts.push(node as Text);
      continue;
    }
    const element = node as Element;
    const tag = element.localName;
    if (tag === 'img') element.setAttribute('loading', 'lazy');
    else if (tag === 'table') walk.tables.push(element as HTMLTableElement);
    if (!element.hasAttributes()) continue;
    removeUnsafeUrls(element);
    if ((tag === 'a' || tag === 'area') && element.hasAttribute('href')) {
      element.setAttribute('rel', 'noopener noreferrer');
      if (element.getAttribute('target') === '_blank') newTabLinks.push(element);
      else element.removeAttribute('target');
    } else {
      element.removeAttribute('target');
    }
  }
  for (const link of newTabLinks) {
    const note = box.ownerDocument.createElement('span');
    note.className = 'visually-hidden';
    note.textContent = ` ${labels.newTab}`;
    link.append(note);
  }
  return walk;
}

function removeUnsafeUrls(element: Element): void {
  const attributes = element.attributes;
  for (let index = attributes.length - 1; index >= 0; index -= 1) {
    const { name, value } = attributes[index]!;
    if (!URL_ATTRIBUTES.has(name)) continue;
    if (!(name === 'srcset' ? isSafeSrcset(value) : isSafeUrl(value))) element.removeAttribute(name);
  }
}

function wrapTables(tables: readonly HTMLTableElement[], labels: BodyLabels): void {
  if (!tables.length) return;
  // One observer per body, gone with it when the body is replaced (a new src, a language).
  const scrolling = new ResizeObserver((entries) => entries.forEach(({ target }) => markScrolling(target.closest('.table-scroll')!)));
  tables.forEach((table, index) => wrapTable(table, index, tables.length, labels, scrolling));
}

/** The names of the tables' boxes, given to those that scroll sideways (`markScrolling`). */
const tableNames = new WeakMap<Element, string>();

/**
 * Each table goes in a box that scrolls sideways when it is cut off. Each region needs a name of
 * its own, or two tables are landmarks a screen reader cannot tell apart (axe landmark-unique):
 * the caption when there is one, and a number when there are several. The box and the table are
 * watched: either one changing size may cut the table off, or no longer.
 */
function wrapTable(table: HTMLTableElement, index: number, count: number, labels: BodyLabels, scrolling: ResizeObserver): void {
  const box = table.ownerDocument.createElement('div');
  box.className = 'table-scroll';
  const caption = table.caption?.textContent?.replace(/\s+/g, ' ').trim();
  tableNames.set(box, [caption, labels.table(index + 1, count)].filter(Boolean).join(' — '));
  table.replaceWith(box);
  box.append(table);
  scrolling.observe(box);
  scrolling.observe(table);
}

/**
 * A table cut off is a named region the keyboard reaches, to scroll it (axe
 * scrollable-region-focusable); a table that fits is a table: no tab stop, no landmark asking to
 * scroll. One that comes to fit while it has the focus stays a stop until the focus leaves it.
 */
function markScrolling(box: Element): void {
  if (box.scrollWidth > box.clientWidth) {
    box.setAttribute('tabindex', '0');
    box.setAttribute('role', 'region');
    box.setAttribute('aria-label', tableNames.get(box)!);
  } else if (box.matches(':focus')) {
    box.addEventListener('blur', markOnBlur, { once: true });
  } else {
    for (const name of ['tabindex', 'role', 'aria-label']) box.removeAttribute(name);
  }
}

/** The same listener each time: a box observed again while focused still waits for one blur. */
const markOnBlur = ({ currentTarget }: Event): void => markScrolling(currentTarget as Element);
