import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { EgovElement } from '../shared/egov-element.js';
import { keyword } from '../shared/keyword.js';
import { LiveRegion } from '../shared/live-region.js';
import { loadPart } from '../shared/load-part.js';
import { loadErrorText, loadErrorView, loadingView, RemoteController } from '../shared/remote-controller.js';
import { sharedMessages } from '../shared/i18n.js';
import { leftOut } from '../shared/safe-url.js';
import { baseStyles, tokens } from '../shared/styles.js';
import { parseLinksJson, prepareLinks, readInlineLinks, type LinkEntry, type LinkSource, type WebLink } from './links.js';
import { messages } from './web-links.messages.js';
import { webLinksStyles } from './web-links.styles.js';
import type { OpenList } from './web-links-list.js';

/** Detail of `egov-link-select`: the link the reader chose. */
export type WebLinkSelectDetail = WebLink;

declare global {
  interface GlobalEventHandlersEventMap {
    'egov-link-select': CustomEvent<WebLinkSelectDetail>;
  }
}

/** Options moved by Page Up / Page Down. */
const PAGE_SIZE = 10;

/** Where a key moves the active option: from the active index (-1 for none) and the last index. */
type Move = (active: number, last: number) => number;
const toFirst: Move = () => 0;
const toLast: Move = (_active, last) => last;

type Target = '_blank' | '_self';

const TARGETS: readonly Target[] = ['_blank', '_self'];

/** Where the code of the open list is: not asked for yet, on its way, failed (with why), or here. */
type ListState = { status: 'idle' | 'loading' } | { status: 'failed'; error: unknown } | { status: 'ready'; list: OpenList };

const preventFocusLoss = (event: Event): void => event.preventDefault();

/**
 * The "Liên kết web" selector: a searchable list of other agencies' portals. Typing filters the
 * list without regard to case or Vietnamese diacritics; the arrow keys only move through it; Enter
 * or a click opens the link.
 *
 * @summary Web-links selector ("Liên kết web"): a combobox with a filter box and a grouped list.
 *
 * @slot - `<a href>` links, optionally grouped by `data-group` on the link or on an element around
 *   it. They stay in the page for search engines and for readers without the script, and are not
 *   shown once the element upgrades: the combobox lists them instead.
 *
 * @fires egov-link-select - A link is being opened. `detail: {href, label, group}`; cancelable:
 *   `preventDefault()` keeps the page where it is.
 * @fires egov-error - `src` could not be loaded. `detail: {code, message}`.
 *
 * @csspart label - The visible label above the filter box.
 * @csspart field - The box around the filter input and the toggle button.
 * @csspart input - The filter input (the combobox).
 * @csspart toggle - The button that shows or hides the list.
 * @csspart popup - The drop-down under the field (above it when there is no room below), shown in
 *   the browser's top layer so that no `overflow: hidden` box or `z-index` of the page can hide it.
 * @csspart listbox - The list of links.
 * @csspart group - A group of links.
 * @csspart group-label - The heading of a group.
 * @csspart option - One link in the list.
 * @csspart active-option - The link the arrow keys are on.
 * @csspart match - The highlighted part of a label that matches the filter.
 * @csspart more - "and N more" under a long list.
 * @csspart empty - "No links found".
 * @csspart loading - The loading message while `src` loads (or the list's own code, on a slow network).
 * @csspart error - The message shown when `src` (or the list's own code) fails to load.
 * @csspart retry-button - The retry button inside `error`.
 *
 * @cssprop --egov-web-links-list-height - Maximum height of the drop-down (default 20em).
 * @cssprop --egov-font-size - Text size the whole widget is measured from (default `medium`).
 * @cssprop --egov-color-highlight - Background of the matched text (default a light yellow).
 * @cssprop --egov-color-primary - Primary colour: the active link and the focus of the field.
 * @cssprop --egov-font-family - Font of the kit.
 */
export class EgovWebLinks extends EgovElement {
  static override styles = [tokens, baseStyles, webLinksStyles];

  static override properties = {
    label: { useDefault: true },
    placeholder: { useDefault: true },
    target: { useDefault: true },
    src: { useDefault: true },
    inlineLinks: { state: true },
    query: { state: true },
    expanded: { state: true },
    activeIndex: { state: true },
  };

  /** Visible label of the filter box. Default: "Liên kết web" (English: "Web links"). */
  label = '';

  /** Hint shown in the empty filter box. Default: "-- Chọn liên kết --". */
  placeholder = '';

  /** Where links open: `_blank` (a new tab, the default) or `_self` (this tab). */
  target = '_blank';

  /** URL of a JSON array `[{"label", "href", "group"?}]`. When set, it replaces the inline links. */
  src = '';

  private inlineLinks: LinkSource[] = [];
  private query = '';
  private expanded = false;
  /** Index of the active option among the rendered rows, or -1 when none is active. */
  private activeIndex = -1;

  private readonly remote = new RemoteController(this, { url: () => this.src, parse: parseLinksJson });

  private readonly childObserver = new MutationObserver(() => this.readInline());

  private readonly live = new LiveRegion(this);

  /** Links as last prepared, and the sources they came from (prepared again only when those change). */
  private entries: LinkEntry[] = [];
  private entriesSource: readonly LinkSource[] | undefined;

  private listState: ListState = { status: 'idle' };
  /** The moves of the keys pressed before the list's code was here, in order: made when it comes. */
  private pendingMoves: Move[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    this.readInline();
    this.childObserver.observe(this, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['href', 'data-group', 'aria-label', 'title', 'data-original-title'],
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.childObserver.disconnect();
  }

  /** The open list, once its code is here. */
  private get list(): OpenList | undefined {
    return this.listState.status === 'ready' ? this.listState.list : undefined;
  }

  /** The options of the open list (none before its code is here). */
  private get rows(): readonly LinkEntry[] {
    return this.list?.rows ?? [];
  }

  private get opensInNewTab(): boolean {
    return this.targetValue() !== '_self';
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('target')) this.warnUnknown('target', this.target, TARGETS, 'links open in a new tab');
    if (changed.get('src') && !this.src) this.readInline();
    const sources = this.src ? this.remote.value : this.inlineLinks;
    if (sources !== this.entriesSource) {
      this.entriesSource = sources;
      this.entries = prepareLinks(sources ?? [], document.baseURI, (source) => this.warnRejected(source));
      this.activeIndex = -1;
      this.filter();
    } else if (changed.has('query')) {
      this.filter();
    }
    // Opened (typed into, clicked, a key): the list's code is needed now; after a failure, tried again.
    if (changed.has('expanded') && this.expanded && this.listState.status !== 'ready') this.loadList();
    this.live.follow(this.list?.announcement(this.language, this.expanded) ?? '');
  }

  override render(): TemplateResult {
    const text = messages[this.language];
    const label = this.label.trim() || text.label;
    const combobox = this.src
      ? this.remote.render({
          complete: () => this.renderCombobox(label),
          loading: (line) => html`<div class="field pending" part="field">${line}</div>`,
          frame: (view) => html`<span class="label" part="label">${label}</span>${view}`,
        })
      : this.renderCombobox(label);
    return html`<div class="web-links" lang=${this.language}>${combobox}</div>`;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    // The box shows the query, set only where it differs from what the box holds (as Lit's `live`
    // would): what a reader is typing, an IME's composition or the caret are never disturbed.
    const input = this.textBox;
    if (input && input.value !== this.query) input.value = this.query;
    this.list?.rendered(this.renderRoot, this.expanded);
  }

  private get textBox(): HTMLInputElement | null {
    return this.renderRoot.querySelector('#input');
  }

  private renderCombobox(label: string): TemplateResult {
    const text = messages[this.language];
    const list = this.list;
    const listShown = this.expanded && this.rows.length > 0;
    const active = listShown ? list?.optionId(this.activeIndex) : undefined;
    // Before the list's code is here, there is no listbox to point to (nor is one expanded).
    const controls = list ? 'listbox' : nothing;
    return html`
      <label class="label" part="label" id="label" for="input">${label}</label>
      <div class="combobox" @focusout=${this.onFocusOut}>
        <div class="field" part="field" @pointerenter=${this.prefetchList}>
          <input
            id="input"
            part="input"
            type="text"
            role="combobox"
            aria-labelledby="label"
            aria-autocomplete="list"
            aria-expanded=${listShown ? 'true' : 'false'}
            aria-controls=${controls}
            aria-activedescendant=${active ?? nothing}
            autocomplete="off"
            autocapitalize="off"
            spellcheck="false"
            .enterKeyHint=${'go'}
            placeholder=${this.placeholder.trim() || text.placeholder}
            @input=${this.onInput}
            @keydown=${this.onKeydown}
            @click=${this.onInputClick}
            @focus=${this.prefetchList}
          />
          <button
            class="toggle"
            part="toggle"
            type="button"
            tabindex="-1"
            aria-label=${text.toggle}
            aria-controls=${controls}
            aria-expanded=${listShown ? 'true' : 'false'}
            @mousedown=${preventFocusLoss}
            @click=${this.onToggleClick}
          ></button>
        </div>
        <div class="popup" part="popup" popover="manual" ?hidden=${!this.expanded} @mousedown=${preventFocusLoss}>
          ${list?.render({
            lang: this.language,
            expanded: this.expanded,
            active: this.activeIndex,
            newTabText: this.opensInNewTab ? sharedMessages[this.language].opensInNewTab : undefined,
            onClick: this.onListClick,
          })}
        </div>
        ${this.expanded ? this.renderListState() : nothing}
      </div>
      ${this.live.render()}
    `;
  }

  /** Opened before the list's code is here: a loading line, or the error with a retry once it failed. */
  private renderListState(): unknown {
    const state = this.listState;
    if (state.status === 'loading') return loadingView(this.language);
    if (state.status !== 'failed') return nothing;
    return loadErrorView(this.language, loadErrorText(this.language, state.error), this.retryList);
  }

  private filter(): void {
    this.list?.filter(this.entries, this.query);
  }

  /** The reader is about to use the box (focus, pointer over it): the list's code starts loading, once. */
  private readonly prefetchList = (): void => {
    if (this.listState.status === 'idle') this.loadList();
  };

  private readonly retryList = (): void => {
    this.textBox?.focus();
    this.loadList();
  };

  /** Loads the list's code (once; again after a failure); a failure is shown while open and reported as `egov-error`. */
  private loadList(): void {
    if (this.listState.status === 'loading' || this.listState.status === 'ready') return;
    this.listState = { status: 'loading' };
    this.requestUpdate();
    // `updateComplete` waits for it (a reader who focused or opened the box): then the list is on
    // screen, or the error that it could not load.
    this.whileLoading(
      loadPart(() => import('./web-links-list.js')),
      ({ OpenList }) => this.listArrived(new OpenList(this)),
      (error) => {
        this.listState = { status: 'failed', error };
        // The reader now sees the error: keys pressed before it are not made after a retry.
        this.pendingMoves = [];
      },
    );
  }

  /** The list's code is here: it lists what the reader typed so far, and goes where a key asked. */
  private listArrived(list: OpenList): void {
    this.listState = { status: 'ready', list };
    this.filter();
    const last = this.rows.length - 1;
    if (this.pendingMoves.length && this.expanded) this.moveTo(this.pendingMoves.reduce((active, move) => move(active, last), this.activeIndex));
    this.pendingMoves = [];
  }

  /** With `src` the inline links are not shown: they are read when `src` goes. */
  private readInline(): void {
    if (!this.src) this.inlineLinks = readInlineLinks(this);
  }

  private onInput(event: Event): void {
    this.query = (event.target as HTMLInputElement).value;
    this.expanded = true;
    this.activeIndex = -1;
    this.pendingMoves = [];
  }

  private onInputClick(): void {
    this.expanded = true;
  }

  private onToggleClick(): void {
    if (this.expanded) this.collapse();
    else this.expanded = true;
    this.textBox?.focus();
  }

  private onFocusOut(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    if (!next || !this.renderRoot.contains(next)) this.collapse();
  }

  private readonly onListClick = (event: MouseEvent): void => {
    const option = (event.target as Element).closest<HTMLElement>('[role="option"]');
    const entry = this.rows[Number(option?.dataset['position'] ?? -1)];
    if (entry) this.open(entry);
  };

  /** Keys of the WAI-ARIA APG combobox; moving never opens a link, only Enter does. */
  private onKeydown(event: KeyboardEvent): void {
    if (event.isComposing || event.ctrlKey || event.metaKey) return;
    // A key that opens the list goes to its first or last option; in the open list, it moves.
    const open = this.expanded;
    switch (event.key) {
      case 'ArrowDown':
        if (event.altKey) this.expanded = true;
        else this.go(open ? (active, last) => (active >= last ? 0 : active + 1) : toFirst);
        break;
      case 'ArrowUp':
        if (event.altKey) this.collapse();
        else this.go(open ? (active, last) => (active <= 0 ? last : active - 1) : toLast);
        break;
      case 'PageDown':
        this.go(open ? (active, last) => Math.min(last, Math.max(0, active + PAGE_SIZE)) : toFirst);
        break;
      case 'PageUp':
        this.go(open ? (active, last) => Math.max(0, active < 0 ? last : active - PAGE_SIZE) : toLast);
        break;
      case 'Home':
      case 'End':
        // With the list closed, or open with no option, they move the caret, as in any text box.
        if (!open || (this.list && this.rows.length === 0)) return;
        this.go(event.key === 'Home' ? toFirst : toLast);
        break;
      case 'Enter': {
        const entry = this.expanded ? this.rows[this.activeIndex] : undefined;
        if (entry) this.open(entry);
        else this.expanded = true;
        break;
      }
      case 'Escape':
        if (this.expanded) this.collapse();
        else if (this.query) this.query = '';
        else return;
        // Handled here: a dialog around the widget must not close too.
        event.stopPropagation();
        break;
      case 'Tab':
        // Not when the list's code could not be loaded: Tab goes to the error's "Thử lại" (a Tab out
        // of the widget from there closes it: the focus left the box, its list or its error).
        if (this.listState.status !== 'failed') this.collapse();
        return;
      default:
        return;
    }
    event.preventDefault();
  }

  /** Opens the list and makes `move`; before the list's code is here, the move waits for it, after those before it. */
  private go(move: Move): void {
    this.expanded = true;
    if (this.list) this.moveTo(move(this.activeIndex, this.rows.length - 1));
    else this.pendingMoves.push(move);
  }

  private moveTo(position: number): void {
    this.activeIndex = position;
    // Pressing End twice changes nothing, yet the reader may have scrolled the list away since.
    this.list?.reveal(position);
    this.requestUpdate();
  }

  private collapse(): void {
    this.expanded = false;
    this.activeIndex = -1;
    this.pendingMoves = [];
    this.list?.reset();
  }

  /** Announces the choice, then, unless a listener cancelled it, goes to the link in `target`. */
  private open(entry: LinkEntry): void {
    this.collapse();
    const detail: WebLinkSelectDetail = { href: entry.href, label: entry.label, group: entry.group };
    if (!this.emit('egov-link-select', detail, { cancelable: true })) return;
    if (this.opensInNewTab) window.open(entry.href, '_blank', 'noopener,noreferrer');
    else window.location.assign(entry.href);
  }

  private targetValue(): Target | undefined {
    return keyword(this.target, TARGETS);
  }

  private warnRejected(source: LinkSource): void {
    this.warnOnce(leftOut(`the link "${source.label}" (${JSON.stringify(source.href)})`));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'egov-web-links': EgovWebLinks;
  }
}
