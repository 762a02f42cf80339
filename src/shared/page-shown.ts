import type { ReactiveControllerHost } from 'lit';

/**
 * Whether the page shows the widget: `shown` is false while the page hides it — a Bootstrap modal
 * closed, a tab not shown, a collapsed panel, `display: none`, or out of the page — where a reader
 * can neither see it move nor stop it. Each change updates the widget, which reads `shown` as it
 * renders (a carousel stops turning, a video stops playing).
 *
 * A move (out of the page and back, as jQuery's `appendTo` does) happens between two looks, so it
 * changes nothing. Taken as shown until the browser's first look.
 */
export class PageShown {
  shown = true;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    new ResizeObserver(() => {
      if (this.shown === !!host.offsetWidth) return;
      this.shown = !this.shown;
      host.requestUpdate();
    }).observe(host);
  }
}
