/**
 * Turns the untrusted HTML `body` of a remote article into nodes that are safe to show: no script
 * or event handler, no URL other than http(s), mailto, tel or relative, no element that embeds,
 * submits, styles or re-bases anything. The kit's own DOMPurify instance carries the hooks, so a
 * page that uses DOMPurify itself keeps its own configuration.
 */
import DOMPurify, { type Config } from 'dompurify';

/** Texts the sanitized body carries, in the reader's language. */
export interface BodyLabels {
  /** Accessible name of the scrolling box around each table. */
  table: string;
  /** Said after a link that opens a new tab. */
  newTab: string;
}

const purifier = DOMPurify(window);

const CONFIG: Config = {
  // HTML only: no SVG or MathML, where most namespace tricks live.
  USE_PROFILES: { html: true },
  FORBID_TAGS: [
    'style', 'link', 'base', 'meta', 'template', 'noscript', 'slot',
    'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'portal',
    'form', 'input', 'button', 'select', 'option', 'optgroup', 'textarea', 'datalist', 'output', 'dialog',
  ],
  // Inline styles are refused by the CSP and can carry `url(javascript:)`; classes and ids mean
  // nothing inside the widget and could collide with its own.
  FORBID_ATTR: ['style', 'class', 'id', 'name', 'tabindex', 'autofocus', 'autoplay', 'accesskey'],
  ADD_ATTR: ['target'],
  ALLOW_DATA_ATTR: false,
  RETURN_DOM_FRAGMENT: true,
};

/** Every attribute that holds a URL; DOMPurify drops most bad ones, this list catches the rest. */
const URL_ATTRIBUTES = [
  'href', 'src', 'srcset', 'action', 'formaction', 'xlink:href', 'poster', 'cite', 'background',
  'longdesc', 'usemap', 'ping', 'data', 'codebase', 'manifest', 'lowsrc', 'dynsrc', 'itemtype',
];

const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:']);

/** True for a relative URL or one with a safe scheme, judged the way browsers read it. */
export function isSafeUrl(value: string): boolean {
  // Browsers ignore tabs, new lines and leading control characters inside a scheme.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const compact = value.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact);
  return !scheme || SAFE_SCHEMES.has(scheme[0].toLowerCase());
}

/**
 * Chrome checks `style="…"` and `on…="…"` attributes against the page's CSP the moment its HTML
 * parser creates them, even in DOMPurify's off-page document (and in a <template>, with
 * Document.parseHTMLUnsafe or the built-in Sanitizer): under a CSP without 'unsafe-inline', an
 * everyday CMS body with `style="text-align: justify"` filled the console and the site's CSP reports
 * with violations, though nothing was ever applied or run; a `<style>` element (pasted from Word)
 * does the same. So those attributes are cut from the start tags (tag names and other attributes'
 * values untouched) and `<style>` elements dropped before parsing; DOMPurify still judges all that
 * is left, so this step only spares the reports, it is not what makes the body safe.
 */
const START_TAG = /(<[a-z][^\s/>]*)((?:[\s/]*[^\s/>"'=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?)*)/gi;
const ATTRIBUTE = /([\s/]*)([^\s/>"'=]+)(\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]*))?/g;
const INLINE_CODE = /^(?:style$|on)/i;
/** Raw text: a `<style>` ends at the first `</style`, whatever its content. */
const STYLE_ELEMENT = /<style(?=[\s/>])[\s\S]*?<\/style[^>]*>/gi;

export function withoutInlineCode(html: string): string {
  return html.replace(STYLE_ELEMENT, '').replace(START_TAG, (_tag, name: string, attributes: string) =>
    name + attributes.replace(ATTRIBUTE, (attribute, space: string, attributeName: string) => (INLINE_CODE.test(attributeName) ? space || ' ' : attribute)),
  );
}

/** A `srcset` is safe when the URL of every candidate is. */
function isSafeSrcset(value: string): boolean {
  return value.split(',').every((candidate) => isSafeUrl(candidate.trim().split(/\s+/)[0] ?? ''));
}

purifier.addHook('afterSanitizeAttributes', (node) => {
  for (const name of URL_ATTRIBUTES) {
    const value = node.getAttribute(name);
    if (value === null) continue;
    const safe = name === 'srcset' ? isSafeSrcset(value) : isSafeUrl(value);
    if (!safe) node.removeAttribute(name);
  }
  const tag = node.nodeName.toLowerCase();
  if ((tag === 'a' || tag === 'area') && node.hasAttribute('href')) {
    node.setAttribute('rel', 'noopener noreferrer');
    if (node.getAttribute('target') !== '_blank') node.removeAttribute('target');
  } else {
    node.removeAttribute('target');
  }
  if (tag === 'img') node.setAttribute('loading', 'lazy');
});

/**
 * The sanitized body as a fragment, ready to render. Tables are wrapped in a box that scrolls
 * sideways on a narrow screen; links to a new tab say so to screen readers.
 */
export function sanitizeBody(html: string, labels: BodyLabels): DocumentFragment {
  if (!purifier.isSupported) throw new Error('this browser cannot sanitize HTML');
  const fragment: DocumentFragment | null = purifier.sanitize(withoutInlineCode(html), { ...CONFIG, RETURN_DOM_FRAGMENT: true });
  // A body that is only a <frameset> parses to a document without a body: nothing to show.
  if (!fragment) return document.createDocumentFragment();
  const tables = [...fragment.querySelectorAll('table')];
  tables.forEach((table, index) => {
    const box = document.createElement('div');
    box.className = 'table-scroll';
    box.tabIndex = 0;
    box.setAttribute('role', 'region');
    // Each region needs a name of its own, or two tables are landmarks a screen reader cannot tell
    // apart (axe landmark-unique): the caption when there is one, and a number when there are several.
    const caption = table.caption?.textContent?.replace(/\s+/g, ' ').trim();
    const place = tables.length > 1 ? ` (${index + 1}/${tables.length})` : '';
    box.setAttribute('aria-label', [caption, `${labels.table}${place}`].filter(Boolean).join(' — '));
    table.replaceWith(box);
    box.append(table);
  });
  for (const link of fragment.querySelectorAll('a[target="_blank"]')) {
    const note = document.createElement('span');
    note.className = 'visually-hidden';
    note.textContent = ` ${labels.newTab}`;
    link.append(note);
  }
  return fragment;
}
