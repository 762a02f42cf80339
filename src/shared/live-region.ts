import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';

/** How long a followed state must hold before it is said. */
export const SETTLE_MS = 1000;

/**
 * How long a message said by a region for screen readers only stays in it: long enough to be
 * heard, not so long that a reader browsing the page finds it again, out of date or beside the
 * same words shown (the poll's thanks). React Aria's announcer waits as long.
 */
const HEARD_MS = 7000;

/**
 * A widget's live region: what a screen reader says when something changes that the reader did
 * not move to (a vote counted, a link copied, the number of links found). One per widget.
 */
export class LiveRegion {
  private message = '';
  /** What `follow` will say once it has held, and its timer. */
  private pending: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by each change, so a repeat waiting for its render does not overwrite a newer message. */
  private change = 0;
  private clearTimer: ReturnType<typeof setTimeout> | undefined;

  /** `visible`: a status line shown on screen (`part="status"`), else one for screen readers only. */
  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly visible = false,
  ) {}

  /** Says `message` now. The same message said again is cleared first, so it is heard again. */
  announce(message: string): void {
    const change = ++this.change;
    clearTimeout(this.clearTimer);
    if (message && !this.visible) this.clearTimer = setTimeout(() => change === this.change && this.show(''), HEARD_MS);
    if (!message || message !== this.message) {
      this.show(message);
      return;
    }
    this.show('');
    void this.host.updateComplete.then(() => {
      if (change === this.change) this.show(message);
    });
  }

  /**
   * Keeps the region saying `message`, a state (a number of results): heard once the widget has
   * not changed for `SETTLE_MS` (each update calls this again, and puts it off), so a reader typing
   * hears the count when typing pauses, not at every key, even where the count stays the same (as
   * GOV.UK's accessible-autocomplete does); never repeated. Nothing (the list closed) likewise:
   * emptying the region says nothing.
   */
  follow(message: string): void {
    if (message === this.message && this.pending === undefined) return;
    clearTimeout(this.timer);
    this.pending = message;
    this.timer = setTimeout(() => {
      this.pending = undefined;
      this.change++;
      this.show(message);
    }, SETTLE_MS);
  }

  /** The region: a visible status line (`part="status"`) or one for screen readers only. */
  render(): TemplateResult {
    return html`<p class=${this.visible ? 'status' : 'visually-hidden'} role="status" part=${ifDefined(this.visible ? 'status' : undefined)}>${this.message}</p>`;
  }

  private show(message: string): void {
    this.message = message;
    this.host.requestUpdate();
  }
}
