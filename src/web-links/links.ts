/**
 * Where the links come from (the element's own `<a>` children or a JSON file) and the checks they
 * pass before they reach the list: only `http:`/`https:`, labels tidied, groups kept in order.
 */
import { tidy, anchorText } from '../shared/anchor-text.js';
import { mapObjects, optionalString, requiredString } from '../shared/validate.js';
import { safeHref } from '../shared/safe-url.js';

/** Rows rendered at most: enough to scroll through, few enough to rebuild on every keystroke. */
export const MAX_ROWS = 100;

/** A link as written by the webmaster, not yet checked. */
export interface LinkSource {
  label: string;
  href: string;
  group?: string | undefined;
}

/** A link that passed the checks, ready for the list. */
export interface WebLink {
  /** Absolute `http:`/`https:` URL. */
  href: string;
  label: string;
  /** The group heading, or `null` for a link outside any group. */
  group: string | null;
}

export interface LinkEntry extends WebLink {
  /** Position in the list; also names the option's element id. */
  index: number;
}

/** The links written inside the element: `<a href>` at any depth, grouped by the nearest `data-group`. */
export function readInlineLinks(host: HTMLElement): LinkSource[] {
  return [...host.querySelectorAll('a[href]')].map((anchor) => {
    const grouped = anchor.closest('[data-group]');
    const group = grouped && grouped !== host && host.contains(grouped) ? grouped.getAttribute('data-group') : null;
    return {
      label: anchorText(anchor),
      href: anchor.getAttribute('href') ?? '',
      group: group ?? undefined,
    };
  });
}

/** Checks the JSON of `src`: an array of `{label, href, group?}`. Only own properties are read. */
export function parseLinksJson(data: unknown): LinkSource[] {
  return mapObjects(data, 'links', (link, path) => ({
    label: requiredString(link, 'label', `${path}.label`),
    href: requiredString(link, 'href', `${path}.href`),
    group: optionalString(link, 'group', `${path}.group`),
  }));
}

/**
 * The links the list shows: unsafe ones left out (each passed to `reject`), labels tidied, and
 * ordered group by group (ungrouped links first, then groups in the order they first appear), so
 * the order on screen is the order the arrow keys follow.
 */
export function prepareLinks(sources: readonly LinkSource[], base: string, reject: (source: LinkSource) => void): LinkEntry[] {
  const groups = new Map<string | null, WebLink[]>([[null, []]]);
  for (const source of sources) {
    const href = safeHref(source.href, base);
    if (!href) {
      reject(source);
      continue;
    }
    const group = tidy(source.group) || null;
    const label = tidy(source.label) || new URL(href).host;
    const members = groups.get(group) ?? [];
    members.push({ href, label, group });
    groups.set(group, members);
  }
  return [...groups.values()].flat().map((link, index) => ({ ...link, index }));
}
