/**
 * Text written by a webmaster, as the widgets show it: runs of white space (line breaks and
 * indentation of the page's HTML) folded to one space, trimmed.
 */
export function tidy(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * What an `<a>` of the page says: its text, else its `aria-label`, else its `title` (where
 * Bootstrap's tooltip plugin, run on `[title]` by many portals, moves it: `data-original-title`);
 * tidied.
 */
export function anchorText(anchor: Element): string {
  return (
    tidy(anchor.textContent) ||
    tidy(anchor.getAttribute('aria-label')) ||
    tidy(anchor.getAttribute('title') || anchor.getAttribute('data-original-title'))
  );
}
