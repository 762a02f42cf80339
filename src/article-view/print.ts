/**
 * Prints one element alone. While the print dialog is open, a print-only stylesheet adopted by
 * the document hides every sibling of the element and of each of its ancestors, so only the
 * element is on paper, and makes its ancestors plain boxes, so all of it is. A constructed stylesheet needs no inline `<style>`, which CSP forbids.
 */

const PATH = 'data-egov-print-path';
const TARGET = 'data-egov-print-target';

let sheet: CSSStyleSheet | undefined;

/** Undoes the marks of the print in progress, if any. */
let restore: (() => void) | undefined;

function printSheet(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    // The ancestors become plain blocks: a modal (fixed), a scrolling box (overflow, max-height) or
    // a column (float, width, a flex or grid item) around the article would print one box of it,
    // or a column's width of it. Tables stay tables.
    sheet.replaceSync(
      `@media print { [${PATH}] > :not([${PATH}], [${TARGET}]) { display: none !important; } ` +
        `[${PATH}] { position: static !important; overflow: visible !important; height: auto !important; max-height: none !important; width: auto !important; max-width: none !important; float: none !important; transform: none !important; } ` +
        `[${PATH}]:not(table, thead, tbody, tfoot, tr, td, th) { display: block !important; } }`,
    );
  }
  return sheet;
}

/**
 * Opens the print dialog for `target` alone; the page is restored on `afterprint`. Browsers
 * without constructed stylesheets print the whole page.
 */
export function printAlone(target: HTMLElement): void {
  restore?.();
  // An image the page names `adoptedStyleSheets` shadows the document's: the whole page then prints.
  if (Array.isArray(document.adoptedStyleSheets)) restore = isolate(target);
  window.print();
}

function isolate(target: HTMLElement): () => void {
  const ancestors: Element[] = [];
  for (let node = target.parentElement; node; node = node.parentElement) ancestors.push(node);
  const printing = printSheet();
  target.setAttribute(TARGET, '');
  ancestors.forEach((node) => node.setAttribute(PATH, ''));
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, printing];
  const undo = (): void => {
    window.removeEventListener('afterprint', undo);
    restore = undefined;
    target.removeAttribute(TARGET);
    ancestors.forEach((node) => node.removeAttribute(PATH));
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((each) => each !== printing);
  };
  window.addEventListener('afterprint', undo);
  return undo;
}
