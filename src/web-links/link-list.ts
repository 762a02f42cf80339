import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { matchRanges, type SearchEntry } from './matching.js';
import { ListWindow, type RowSpan, type WindowRow } from './list-window.js';

/**
 * The listbox of `<egov-web-links>`: the options grouped under their headings, of which only a
 * window around the visible part is in the DOM (see `ListWindow`). Every option keeps its place for
 * assistive technology (`aria-posinset` / `aria-setsize`), and the active one is always rendered so
 * that `aria-activedescendant` names an element that exists.
 */

/** A row of the list: a group heading, or an option at `position` among the options. */
interface ListRow extends WindowRow {
  entry: SearchEntry;
  position: number;
  /** Row index of the heading of the row's group, or -1 for an ungrouped option. */
  heading: number;
}

/** What the listbox shows besides its options. */
export interface LinkListView {
  /** Position of the active option, or -1. */
  active: number;
  /** The folded words of the filter, to highlight. */
  words: readonly string[];
  /** The visually hidden "opens in a new tab", or undefined when links open in this tab. */
  newTabText: string | undefined;
  hidden: boolean;
  onClick: (event: MouseEvent) => void;
}

/** One run of rendered rows: ungrouped options, or a group with its heading. */
interface Block {
  heading: ListRow | undefined;
  options: ListRow[];
}

export class LinkList {
  private options: readonly SearchEntry[] = [];
  private rows: ListRow[] = [];
  /** Row index of each option position. */
  private rowOfPosition: number[] = [];
  private readonly window: ListWindow;

  constructor(host: ReactiveControllerHost) {
    this.window = new ListWindow(host);
  }

  /** The options to list, in order; a new list starts scrolled to the top. */
  show(options: readonly SearchEntry[]): void {
    if (options === this.options) return;
    this.options = options;
    this.rows = [];
    this.rowOfPosition = [];
    let heading = -1;
    options.forEach((entry, position) => {
      const previous = options[position - 1];
      if (entry.group === null) heading = -1;
      else if (!previous || previous.group !== entry.group) {
        heading = this.rows.length;
        this.rows.push({ key: `group:${entry.group}`, kind: 'group', entry, position, heading });
      }
      this.rowOfPosition.push(this.rows.length);
      this.rows.push({ key: `option:${entry.index}`, kind: 'option', entry, position, heading });
    });
    this.window.reset();
  }

  /** Back to the top, as when the list is closed. */
  reset(): void {
    this.window.reset();
  }

  /** Scrolls (at the next render) to the option at `position`, with its heading when it is the first of its group. */
  reveal(position: number): void {
    const row = this.rowOfPosition[position];
    if (row === undefined) return;
    const first = this.rows[row - 1]?.kind === 'group' ? row - 1 : row;
    this.window.reveal(this.rows, first, row);
  }

  /** To call from the host's `updated()`. */
  rendered(listbox: HTMLElement | null): void {
    this.window.rendered(listbox);
  }

  // The listbox takes clicks only: its keys go to the input, which keeps focus (APG aria-activedescendant).
  /* eslint-disable lit-a11y/click-events-have-key-events */
  render(view: LinkListView): unknown {
    // A fresh element when the list must go back to the top: writing scrollTop would force a layout.
    return keyed(
      this.window.generation,
      html`<div
        id="listbox"
        role="listbox"
        part="listbox"
        aria-labelledby="label"
        ?hidden=${view.hidden}
        @click=${view.onClick}
        @scroll=${this.window.onScroll}
      >
        ${view.hidden ? nothing : this.renderWindow(view)}
      </div>`,
    );
  }

  /* eslint-enable lit-a11y/click-events-have-key-events */

  /** Spacers standing for the rows not rendered, around the spans of rows that are. */
  private renderWindow(view: LinkListView): TemplateResult[] {
    const activeRow = view.active >= 0 ? (this.rowOfPosition[view.active] ?? -1) : -1;
    const { spans, offsets } = this.window.layout(this.rows, activeRow);
    const height = (row: number): number => (offsets[row + 1] ?? 0) - (offsets[row] ?? 0);
    const parts: TemplateResult[] = [];
    let bottom = 0;
    for (const span of this.withWholeGroups(spans)) {
      const rows = this.rows.slice(span.start, span.end);
      const first = rows[0];
      // A span that starts inside a group brings the group's heading, just above its first option.
      const carried = first?.kind === 'option' && first.heading >= 0 ? first.heading : -1;
      const top = (offsets[span.start] ?? 0) - (carried >= 0 ? height(carried) : 0);
      parts.push(this.renderSpacer(Math.max(0, top - bottom)));
      const shown = carried >= 0 ? [this.rows[carried] as ListRow, ...rows] : rows;
      parts.push(...this.blocks(shown).map((block) => this.renderBlock(block, view)));
      bottom = offsets[span.end] ?? bottom;
    }
    parts.push(this.renderSpacer(Math.max(0, (offsets[this.rows.length] ?? 0) - bottom)));
    return parts;
  }

  /** The spans, a span ending on a heading taken on to its first option, overlapping spans joined. */
  private withWholeGroups(spans: readonly RowSpan[]): RowSpan[] {
    const whole: RowSpan[] = [];
    for (const span of spans) {
      const end = this.rows[span.end - 1]?.kind === 'group' ? Math.min(span.end + 1, this.rows.length) : span.end;
      const last = whole[whole.length - 1];
      if (last && span.start <= last.end) last.end = Math.max(last.end, end);
      else whole.push({ start: span.start, end });
    }
    return whole;
  }

  private blocks(rows: readonly ListRow[]): Block[] {
    const blocks: Block[] = [];
    for (const row of rows) {
      const last = blocks[blocks.length - 1];
      if (row.kind === 'group') blocks.push({ heading: row, options: [] });
      else if (last && last.heading && row.heading >= 0) last.options.push(row);
      else if (last && !last.heading && row.heading < 0) last.options.push(row);
      else blocks.push({ heading: undefined, options: [row] });
    }
    return blocks;
  }

  /**
   * An SVG as tall as its `height` attribute (a presentation attribute, not a style one): no
   * `style` attribute, not even one set from script (the contract: a strict CSP without
   * 'unsafe-inline'). Full width, and a block in the stylesheet: inline, its line would be taller.
   */
  private renderSpacer(pixels: number): TemplateResult {
    return html`<svg class="spacer" aria-hidden="true" height=${pixels}></svg>`;
  }

  private renderBlock({ heading, options }: Block, view: LinkListView): TemplateResult {
    const rendered = options.map((row) => this.renderOption(row, view));
    if (!heading) return html`${rendered}`;
    // Named after its first rendered option: unique even when a heading is rendered twice (carried over).
    const id = `group-${options[0]?.entry.index ?? heading.entry.index}`;
    // The line between groups is the heading's, so that it is measured with it.
    return html`
      <div role="group" part="group" aria-labelledby=${id}>
        <div class=${heading.heading > 0 ? 'group-label after' : 'group-label'} part="group-label" id=${id} data-row=${heading.key} data-kind="group">
          ${heading.entry.group}
        </div>
        ${rendered}
      </div>
    `;
  }

  private renderOption({ entry, position, key }: ListRow, view: LinkListView): TemplateResult {
    const active = position === view.active;
    return html`
      <div
        class="option"
        part=${active ? 'option active-option' : 'option'}
        role="option"
        id="option-${entry.index}"
        data-row=${key}
        data-kind="option"
        data-position=${position}
        aria-selected=${active ? 'true' : 'false'}
        aria-posinset=${position + 1}
        aria-setsize=${this.options.length}
      >
        <span class="option-label">${highlight(entry, view.words)}</span>
        ${view.newTabText === undefined
          ? nothing
          : html`<span class="visually-hidden"> ${view.newTabText}</span><span class="new-tab" aria-hidden="true">↗</span>`}
      </div>
    `;
  }
}

/** The label with the typed words marked, found in the folded label and mapped back to the original. */
function highlight(entry: SearchEntry, words: readonly string[]): unknown {
  if (!words.length) return entry.label;
  const parts: unknown[] = [];
  let from = 0;
  for (const [start, end] of matchRanges(entry.label, entry.folded, words)) {
    parts.push(entry.label.slice(from, start), html`<mark part="match">${entry.label.slice(start, end)}</mark>`);
    from = end;
  }
  parts.push(entry.label.slice(from));
  return parts;
}

/** The id of the option element of `entry`, for `aria-activedescendant`. */
export function optionId(entry: SearchEntry): string {
  return `option-${entry.index}`;
}
