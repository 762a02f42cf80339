import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Which rows of a long list are in the DOM: those on screen and a margin around them, with the
 * room the others take kept by spacers, so that the DOM work of a keystroke or a scroll does not
 * grow with the list. Heights come from a `ResizeObserver` (read after the browser's own layout,
 * never forced); a row not yet measured counts as the average of those measured of its kind.
 */

/** A row of the list as the window sees it: a stable key for its measured height, and its kind. */
export interface WindowRow {
  key: string;
  kind: 'group' | 'option';
}

/** Rows `[start, end)` of the list, and the pixels of the list before `start` and after `end`. */
export interface RowSpan {
  start: number;
  end: number;
}

export interface WindowLayout {
  /** Disjoint spans of rows to render, in order. */
  spans: RowSpan[];
  /** Top of each row and, at the end, the height of the whole list (px). */
  offsets: number[];
}

/** Rendered beyond the edges of the visible part, so that a quick scroll shows rows, not gaps. */
const OVERSCAN_PX = 160;
/** Until measured: a 16 px font, an option's `min-height: 2.75em`, a group heading, the list's `20em`. */
const ESTIMATES = { option: 44, group: 29 };
const VIEWPORT_ESTIMATE = 320;
/** A list this short is rendered whole: a window would save nothing worth its bookkeeping. */
const WHOLE_LIST_ROWS = 24;

/** The top of every row, and the total height last. */
export function rowOffsets(heights: readonly number[]): number[] {
  const offsets = [0];
  let top = 0;
  for (const height of heights) {
    top += height;
    offsets.push(top);
  }
  return offsets;
}

/** The rows that overlap `[top - overscan, top + viewport + overscan)`; at least one row when the list has any. */
export function visibleSpan(offsets: readonly number[], top: number, viewport: number, overscan = OVERSCAN_PX): RowSpan {
  const count = offsets.length - 1;
  const from = top - overscan;
  const to = top + viewport + overscan;
  let start = 0;
  while (start < count - 1 && (offsets[start + 1] ?? 0) <= from) start++;
  let end = start + 1;
  while (end < count && (offsets[end] ?? 0) < to) end++;
  return { start, end: Math.min(end, count) };
}

/**
 * The visible span, and `pinned` (the active row, which `aria-activedescendant` names) as a span of
 * its own when it falls outside it, or the visible span stretched to it when it is next to it.
 */
export function windowSpans(visible: RowSpan, pinned: number): RowSpan[] {
  if (visible.end <= visible.start) return [];
  if (pinned < 0 || (pinned >= visible.start && pinned < visible.end)) return [visible];
  if (pinned === visible.start - 1) return [{ start: pinned, end: visible.end }];
  if (pinned === visible.end) return [{ start: visible.start, end: pinned + 1 }];
  const own = { start: pinned, end: pinned + 1 };
  return pinned < visible.start ? [own, visible] : [visible, own];
}

/**
 * The scroll position that shows rows `[first, last]` whole, moving as little as possible from
 * `top` (the first row wins when both cannot fit).
 */
export function revealedTop(offsets: readonly number[], first: number, last: number, top: number, viewport: number): number {
  const rowsTop = offsets[first] ?? 0;
  const rowsBottom = offsets[last + 1] ?? rowsTop;
  if (rowsTop < top) return rowsTop;
  if (rowsBottom > top + viewport) return Math.min(rowsTop, rowsBottom - viewport);
  return top;
}

/**
 * The window of a scrolling list (`listbox`) inside a Lit host. The host renders `layout(rows)`,
 * calls `rendered(listbox)` from `updated()`, and `reset()` when the list's content is replaced.
 */
export class ListWindow implements ReactiveController {
  /** The scroll position the window is laid out for. */
  private top = 0;
  /** The scroll position the DOM is known to have (written by us or read in a `scroll` event). */
  private domTop = 0;
  private viewport = VIEWPORT_ESTIMATE;
  private width = 0;
  private readonly heights = new Map<string, number>();
  private readonly averages = { ...ESTIMATES };
  private totals = { option: { sum: 0, count: 0 }, group: { sum: 0, count: 0 } };
  private rows: readonly WindowRow[] = [];
  private layoutCache: { rows: readonly WindowRow[]; version: number; offsets: number[] } | undefined;
  /** Bumped whenever a measured height changes, so offsets are summed again. */
  private version = 0;
  /** The rows (first and last) a keyboard move asked to show, kept shown as their heights get measured. */
  private revealing: [number, number] | undefined;
  /** The window wrote the scroll position, and no scroll event has come since: the next one answers that write. */
  private wrote = false;
  private listbox: HTMLElement | undefined;
  private frame = 0;
  /** Bumped when the scroll position must go back to the top: the host renders a fresh listbox. */
  generation = 0;

  private readonly resizes = new ResizeObserver((entries) => this.measured(entries));

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.resizes.disconnect();
    cancelAnimationFrame(this.frame);
    this.listbox = undefined;
  }

  /** The spans to render for `rows`, keeping `pinned` (the active row, or -1) in the DOM. */
  layout(rows: readonly WindowRow[], pinned: number): WindowLayout {
    this.rows = rows;
    const offsets = this.offsets();
    const visible = rows.length <= WHOLE_LIST_ROWS ? { start: 0, end: rows.length } : visibleSpan(offsets, this.top, this.viewport);
    return { spans: windowSpans(visible, pinned), offsets };
  }

  /**
   * New content: back to the top. A listbox already at the top keeps its element; one scrolled
   * down is rendered afresh (at the top) rather than scrolled, which would force a layout.
   */
  reset(): void {
    this.revealing = undefined;
    if (this.top !== 0 || this.domTop !== 0) this.generation++;
    this.top = 0;
    this.domTop = 0;
  }

  /** Scrolls the window (at the next render) so that rows `[first, last]` are whole on screen. */
  reveal(rows: readonly WindowRow[], first: number, last: number): void {
    this.rows = rows;
    this.revealing = [first, last];
    this.top = revealedTop(this.offsets(), first, last, this.top, this.viewport);
  }

  /** The reader scrolled (or we did): lay out the window for the new position. */
  readonly onScroll = (event: Event): void => {
    const top = (event.currentTarget as HTMLElement).scrollTop;
    const answer = this.wrote;
    this.wrote = false;
    if (Math.abs(top - this.domTop) < 1) return;
    this.domTop = top;
    if (answer && this.revealing) {
      // Not the reader: the position written was cut down by a layout of the list taller for a
      // moment (its popup placed against a short screen). Written again at the next render.
      this.host.requestUpdate();
      return;
    }
    this.top = top;
    this.revealing = undefined;
    this.host.requestUpdate();
  };

  /** After each render: measure the rendered rows, and scroll if a keyboard move asked to. */
  rendered(listbox: HTMLElement | null): void {
    this.resizes.disconnect();
    this.listbox = listbox ?? undefined;
    if (!listbox) return;
    this.resizes.observe(listbox);
    for (const row of listbox.querySelectorAll('[data-row]')) this.resizes.observe(row);
    if (Math.abs(this.top - this.domTop) >= 1) {
      // A keyboard move to a row off screen: the one scroll write, on the small window just rendered.
      listbox.scrollTop = this.top;
      this.domTop = this.top;
      this.wrote = true;
    }
  }

  private offsets(): number[] {
    const cache = this.layoutCache;
    if (cache && cache.rows === this.rows && cache.version === this.version) return cache.offsets;
    const offsets = rowOffsets(this.rows.map((row) => this.heights.get(row.key) ?? this.averages[row.kind]));
    this.layoutCache = { rows: this.rows, version: this.version, offsets };
    return offsets;
  }

  private measured(entries: ResizeObserverEntry[]): void {
    // The list's own box first: a new width forgets the heights measured at the old one.
    const list = entries.find((entry) => entry.target === this.listbox);
    let changed = list ? this.measuredListbox(list.contentRect.width, list.contentRect.height) : false;
    for (const entry of entries) {
      const size = entry.borderBoxSize[0];
      if (!size || size.blockSize === 0) continue; // hidden or removed: nothing learnt
      const target = entry.target as HTMLElement;
      const key = target.dataset['row'];
      const kind = target.dataset['kind'] as WindowRow['kind'] | undefined;
      if (key === undefined || !kind) continue;
      // Only a height other than the one the window was laid out with calls for another layout.
      const assumed = this.heights.get(key) ?? this.averages[kind];
      this.remember(key, kind, size.blockSize);
      if (Math.abs(assumed - size.blockSize) >= 0.5) changed = true;
    }
    if (!changed) return;
    this.version++;
    if (this.revealing) this.reveal(this.rows, ...this.revealing);
    // At the next frame: rows changed inside this callback would be measured only in a later loop,
    // which the browser reports as an error ("ResizeObserver loop completed…").
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => this.host.requestUpdate());
  }

  /** Keeps a row's height, and the average of its kind for the rows not measured yet. */
  private remember(key: string, kind: WindowRow['kind'], height: number): void {
    const total = this.totals[kind];
    const previous = this.heights.get(key);
    if (previous === undefined) total.count++;
    total.sum += height - (previous ?? 0);
    this.heights.set(key, height);
    this.averages[kind] = total.sum / total.count;
  }

  /**
   * The visible height of the list. A new width rewraps labels: heights measured at the old one are
   * forgotten (the rendered rows, measured in the same callback, tell whether a layout is due).
   */
  private measuredListbox(width: number, height: number): boolean {
    if (width > 0 && this.width !== 0 && Math.abs(width - this.width) >= 1) {
      this.heights.clear();
      this.totals = { option: { sum: 0, count: 0 }, group: { sum: 0, count: 0 } };
      this.version++;
    }
    if (width > 0) this.width = width;
    if (height <= 0 || Math.abs(height - this.viewport) < 1) return false;
    this.viewport = height;
    return true;
  }
}
