/**
 * DOMPurify, for browsers without the native HTML Sanitizer (`Element.setHTML`). Never in the main
 * script: the one-script bundle loads it as `egov-sanitizer-fallback.js` on first need, an ES module
 * build imports it dynamically. The kit's own instance, so a page that uses DOMPurify itself keeps
 * its own configuration; the kit's URL, link, image and table rules run after it, in sanitize.ts.
 */
import DOMPurify, { type Config } from 'dompurify';
import { FORBIDDEN_ATTRIBUTES, FORBIDDEN_ELEMENTS, type HtmlSanitizer } from './sanitize-rules.js';

const CONFIG: Config & { RETURN_DOM: true } = {
  // HTML only: no SVG or MathML, where most namespace tricks live.
  USE_PROFILES: { html: true },
  FORBID_TAGS: FORBIDDEN_ELEMENTS,
  FORBID_ATTR: FORBIDDEN_ATTRIBUTES,
  // ARIA states too (`aria-live`, `aria-modal`…), as the browser's own sanitizer does.
  ALLOW_ARIA_ATTR: false,
  ADD_ATTR: ['target'],
  ALLOW_DATA_ATTR: false,
  // The sanitized <body> itself: DOMPurify's own fragment is filled one node per call (seconds for
  // 200,000 paragraphs); the kit's rules and chunks apply to the body where it is.
  RETURN_DOM: true,
};

let purifier: ReturnType<typeof DOMPurify> | undefined;

/** The body sanitized by DOMPurify: the `<body>` of its inert document. */
export const purify: HtmlSanitizer = (html) => {
  purifier ??= DOMPurify(window);
  if (!purifier.isSupported) throw new Error('this browser cannot sanitize HTML');
  // A body that parses as a <frameset> document has no <body>: nothing to show.
  return (purifier.sanitize(html, CONFIG) as HTMLElement | null) ?? document.implementation.createHTMLDocument('').body;
};
