/**
 * What the article sanitizer refuses, whichever engine runs it (the browser's own HTML Sanitizer,
 * or DOMPurify in `egov-sanitizer-fallback.js`, an on-demand part: load-part.ts).
 */

/** Elements that embed, submit, style or re-base anything, or that hold no article content. */
export const FORBIDDEN_ELEMENTS = [
  'style', 'link', 'base', 'meta', 'template', 'noscript', 'slot',
  'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'portal',
  'form', 'input', 'button', 'select', 'option', 'optgroup', 'textarea', 'datalist', 'output', 'dialog',
];

/**
 * Inline styles are refused by the CSP and can carry `url(javascript:)`; classes and ids mean
 * nothing inside the widget and could collide with its own. Roles, ARIA states, `popover`,
 * `hidden`, `inert`, `download`, `part`, `slot` and `is` would let the CMS's HTML speak or act as
 * the page (an alert a screen reader reads as the portal's own, a dialog, a download named by the
 * CMS, a part styled by the page's rules, one of the page's customized elements): the browser's
 * own sanitizer keeps none of them but `is`, DOMPurify all of them; neither keeps any now.
 */
export const FORBIDDEN_ATTRIBUTES = [
  'style', 'class', 'id', 'name', 'tabindex', 'autofocus', 'autoplay', 'accesskey',
  'role', 'hidden', 'inert', 'popover', 'popovertarget', 'popovertargetaction', 'download', 'part', 'exportparts', 'slot', 'is',
  'contenteditable', 'draggable',
];

/**
 * Turns an untrusted HTML string into sanitized nodes of an inert document (not the page's): the
 * children of the element it returns.
 */
export type HtmlSanitizer = (html: string) => HTMLElement;
