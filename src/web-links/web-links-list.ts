/**
 * The open list of `<egov-web-links>`: the filtered options, their listbox (a window of rows, see
 * LinkList) and the drop-down placed against the field. An on-demand part (src/shared/load-part.ts):
 * the closed widget renders from the main script, and this code loads the first time a reader
 * comes near the box (focus, pointer) or opens it.
 */
import { adoptStyles, html, nothing, type ReactiveElement, type TemplateResult } from 'lit';
import { formatNumber, type Lang } from '../shared/i18n.js';
import { AnchoredPopup } from './anchored-popup.js';
import { matchesAll, queryWords, searchable, type SearchEntry } from './matching.js';
import { LinkList, optionId } from './link-list.js';
import { MAX_ROWS, type LinkEntry } from './links.js';
import { messages } from './web-links-list.messages.js';
import { openListStyles } from './web-links-list.styles.js';

/** What the drop-down shows besides its options. */
export interface OpenListView {
  lang: Lang;
  expanded: boolean;
  /** Position of the active option, or -1. */
  active: number;
  /** The visually hidden "opens in a new tab", or undefined when links open in this tab. */
  newTabText: string | undefined;
  onClick: (event: MouseEvent) => void;
}

export class OpenList {
  /** The links as last given, and folded for search. */
  private entries: readonly LinkEntry[] | undefined;
  private searched: readonly SearchEntry[] = [];
  /** Every link that matches the query. */
  private found: readonly SearchEntry[] = [];
  /** The first `MAX_ROWS` of `found`: the options of the list. */
  rows: readonly SearchEntry[] = [];
  private words: string[] = [];
  private readonly list: LinkList;
  private readonly popup: AnchoredPopup;

  constructor(host: ReactiveElement) {
    this.list = new LinkList(host);
    this.popup = new AnchoredPopup(host);
    // The widget's own styles, and the list's after them (where styles are <style> elements, once more each: harmless).
    const widget = host.constructor as typeof ReactiveElement;
    adoptStyles(host.renderRoot as ShadowRoot, [...widget.elementStyles, openListStyles]);
  }

  /** The links that match every word of `query`, without regard to case or diacritics. */
  filter(entries: readonly LinkEntry[], query: string): void {
    if (entries !== this.entries) {
      this.entries = entries;
      this.searched = searchable(entries);
    }
    const words = queryWords(query);
    this.words = words;
    this.found = words.length ? this.searched.filter((entry) => matchesAll(entry.folded, words)) : this.searched;
    this.rows = this.found.slice(0, MAX_ROWS);
    this.list.show(this.rows);
  }

  /** The id of the option at `position`, for `aria-activedescendant`. */
  optionId(position: number): string | undefined {
    const entry = this.rows[position];
    return entry && optionId(entry);
  }

  /** Scrolls (at the next render) to the option at `position`. */
  reveal(position: number): void {
    this.list.reveal(position);
  }

  /** Back to the top, as when the list is closed. */
  reset(): void {
    this.list.reset();
  }

  /** The drop-down's content: the listbox, and "no links found" or "and N more" under it. */
  render(view: OpenListView): TemplateResult {
    const text = messages[view.lang];
    const listShown = view.expanded && this.rows.length > 0;
    const hiddenCount = this.found.length - this.rows.length;
    return html`
      ${this.list.render({
        active: view.active,
        words: this.words,
        newTabText: view.newTabText,
        hidden: !listShown,
        onClick: view.onClick,
      })}
      ${view.expanded && this.rows.length === 0 ? html`<p class="note" part="empty">${text.noResults}</p>` : nothing}
      ${listShown && hiddenCount > 0 ? html`<p class="note" part="more">${text.more(formatNumber(view.lang, hiddenCount), hiddenCount)}</p>` : nothing}
    `;
  }

  /** What the live region says: the number of results while the list is open, nothing otherwise. */
  announcement(lang: Lang, expanded: boolean): string {
    if (!expanded) return '';
    const text = messages[lang];
    const total = this.found.length;
    if (total === 0) return text.noResults;
    const count = formatNumber(lang, total);
    return total > MAX_ROWS ? text.resultsCapped(count, formatNumber(lang, MAX_ROWS)) : text.results(count, total);
  }

  /**
   * To call from the host's `updated()`: shows the drop-down in the top layer against the field
   * while expanded (placed again as its rows change), and lets the list measure its rows.
   */
  rendered(root: ParentNode, expanded: boolean): void {
    const popup = root.querySelector<HTMLElement>('[part="popup"]');
    const field = root.querySelector<HTMLElement>('.combobox [part="field"]');
    if (expanded && popup && field) this.popup.show(popup, field);
    else this.popup.hide();
    this.list.rendered(root.querySelector<HTMLElement>('[role="listbox"]'));
  }
}
