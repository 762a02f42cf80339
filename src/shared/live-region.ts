import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';

/** How long a followed state must hold before it is said. */
export const SETTLE_MS = 1000;

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

  constructor(private readonly host: ReactiveControllerHost) {}

  /** Says `message` now. The same message said again is cleared first, so it is heard again. */
  announce(message: string): void {
    const change = ++this.change;
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

  /** The region: a visible status line (`part="status"`) or, by default, one for screen readers only. */
  render(visible = false): TemplateResult {
    return html`<p class=${visible ? 'status' : 'visually-hidden'} role="status" part=${ifDefined(visible ? 'status' : undefined)}>${this.message}</p>`;
  }

  private show(message: string): void {
    this.message = message;
    this.host.requestUpdate();
  }
}
