import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { EgovElement } from '../shared/egov-element.js';
import { keyword } from '../shared/keyword.js';
import { PageShown } from '../shared/page-shown.js';
import { RemoteController } from '../shared/remote-controller.js';
import { baseStyles, tokens } from '../shared/styles.js';
import { parseBannersJson, prepareBanners, readInlineBanners, type Banner, type BannerSource } from './banner-list.js';
import { messages } from './banners.messages.js';
import { bannersStyles } from './banners.styles.js';

export type BannerLayout = 'stack' | 'rotate';

const ROTATE: readonly BannerLayout[] = ['rotate'];

/** Seconds between banners when `interval` is not given, or is empty, zero or less, or no number. */
const DEFAULT_INTERVAL = 8;
/**
 * The shortest and longest `interval` honoured, in seconds: a typed `0.05` must not flash, and a
 * typed `1e9` must not overflow the timer (which would then fire at once).
 */
const MIN_INTERVAL = 1;
const MAX_INTERVAL = 3600;

const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';

/**
 * The banner box ("Quảng Cáo"): image links to public services, one under the other, or one at a
 * time in rotation. Rotation follows the WAI-ARIA APG carousel and WCAG 2.2.2: pause, previous and
 * next buttons; it stops while the pointer is over it or focus is in it, never runs for readers who
 * ask for reduced motion, and once paused stays paused until the reader presses play. Moves the
 * reader makes are announced; automatic ones are not.
 *
 * @summary Banner box ("Quảng Cáo"): image links, stacked or rotating with pause.
 *
 * @slot - `<a href><img src alt></a>` banners. They stay in the page for readers without the script
 *   and are not shown once the element upgrades: the widget shows its checked copies instead.
 *
 * @fires egov-error - `src` could not be loaded. `detail: {code, message}`.
 *
 * @csspart list - The list of banners (`layout="stack"`).
 * @csspart carousel - The rotating box (`layout="rotate"`).
 * @csspart controls - The pause, previous and next buttons.
 * @csspart previous-button - Shows the previous banner.
 * @csspart pause-button - Stops or restarts the rotation.
 * @csspart next-button - Shows the next banner.
 * @csspart slides - The area the banners turn in.
 * @csspart banner - One banner (a list item, or a slide).
 * @csspart link - A banner's link.
 * @csspart image - A banner's image.
 * @csspart loading - The loading message while `src` loads.
 * @csspart error - The message shown when `src` fails.
 * @csspart retry-button - The retry button inside `error`.
 *
 * @cssprop --egov-banners-gap - Space between stacked banners (default 0.5em).
 * @cssprop --egov-banners-aspect-ratio - Shape reserved for an image without width and height
 *   (default 3 / 1).
 * @cssprop --egov-font-size - Size of the widget; every size inside derives from it (default: medium).
 * @cssprop --egov-color-primary - The buttons.
 * @cssprop --egov-font-family - Font of the kit.
 */
export class EgovBanners extends EgovElement {
  static override styles = [tokens, baseStyles, bannersStyles];

  static override properties = {
    src: { useDefault: true },
    layout: { useDefault: true },
    interval: { type: Number, useDefault: true },
    inline: { state: true },
    current: { state: true },
    paused: { state: true },
    hovered: { state: true },
    focused: { state: true },
    reducedMotion: { state: true },
  };

  /** URL of a JSON array `[{href, image, alt, width?, height?}]`. When set, it replaces the inline banners. */
  src = '';

  /** `stack` (default): every banner, one under the other; `rotate`: one at a time, turning. */
  layout: BannerLayout = 'stack';

  /** Seconds each banner shows in rotation (default 8; from 1 to 3,600). */
  interval = DEFAULT_INTERVAL;

  private inline: BannerSource[] = [];
  /** Index of the banner shown in rotation. */
  private current = 0;
  /** The reader pressed pause; only the reader's play undoes it. */
  private paused = false;
  private hovered = false;
  private focused = false;
  private reducedMotion = false;

  private readonly remote = new RemoteController(this, { url: () => this.src, parse: parseBannersJson });

  /** Hidden by the page (a tab not shown, a collapsed panel), the box does not turn: shown again, it goes on from its banner. */
  private readonly page = new PageShown(this);
  private readonly childObserver = new MutationObserver(() => this.readInline());
  private readonly motion = matchMedia(REDUCED_MOTION);
  private readonly onMotionChange = (): void => {
    this.reducedMotion = this.motion.matches;
  };

  private banners: Banner[] = [];
  private bannersSource: readonly BannerSource[] | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.readInline();
    this.childObserver.observe(this, { childList: true, subtree: true, attributes: true, characterData: true });
    this.onMotionChange();
    this.motion.addEventListener('change', this.onMotionChange);
    // Moved elsewhere in the page, the timer stopped on the way out starts again at the update
    // every widget makes when it comes back (LocaleController).
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.childObserver.disconnect();
    this.motion.removeEventListener('change', this.onMotionChange);
    this.stopTimer();
    // Moved from under the pointer or the focus: no `pointerleave` or `focusout` will come.
    this.hovered = this.focused = false;
  }

  /** True while the banners turn by themselves. */
  get rotating(): boolean {
    return this.isConnected && this.page.shown && this.isCarousel && !this.paused && !this.hovered && !this.focused && !this.reducedMotion;
  }

  private get isCarousel(): boolean {
    return !!keyword(this.layout, ROTATE) && this.banners.length > 1;
  }

  private get seconds(): number {
    return this.interval > 0 ? Math.min(Math.max(MIN_INTERVAL, this.interval), MAX_INTERVAL) : DEFAULT_INTERVAL;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    const sources = this.src ? this.remote.value : this.inline;
    if (sources !== this.bannersSource) {
      this.bannersSource = sources;
      this.banners = prepareBanners(sources ?? [], (message) => this.warnOnce(message));
      if (this.current >= this.banners.length) this.current = 0;
    }
  }

  override render(): TemplateResult {
    const banners = this.src ? this.remote.render({ complete: () => this.renderBanners() }) : this.renderBanners();
    return html`<div lang=${this.language}>${banners}</div>`;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (!this.rotating) this.stopTimer();
    else if (!this.timer || changed.has('interval')) this.startTimer();
  }

  private renderBanners(): TemplateResult {
    return this.isCarousel ? this.renderCarousel() : this.renderStack();
  }

  private renderStack(): TemplateResult {
    return html`<ul class="stack" part="list">${this.banners.map((banner) => html`<li part="banner">${this.renderBanner(banner)}</li>`)}</ul>`;
  }

  private renderCarousel(): TemplateResult {
    const text = messages[this.language];
    const total = this.banners.length;
    return html`
      <div
        class="carousel"
        part="carousel"
        role="group"
        aria-roledescription=${text.carouselRole}
        aria-label=${text.carousel}
        @pointerenter=${this.onPointerEnter}
        @pointerleave=${this.onPointerLeave}
        @focusin=${this.onFocusIn}
        @focusout=${this.onFocusOut}
      >
        <div class="controls" part="controls">
          ${this.reducedMotion
            ? nothing
            : html`<button class="button control" part="pause-button" type="button" aria-label=${this.paused ? text.play : text.pause} @click=${this.onPause}>
                <span class=${this.paused ? 'icon-play' : 'icon-pause'} aria-hidden="true"></span>
              </button>`}
          <button class="button control" part="previous-button" type="button" aria-label=${text.previous} @click=${this.onPrevious}>
            <span class="chevron" aria-hidden="true">‹</span>
          </button>
          <button class="button control" part="next-button" type="button" aria-label=${text.next} @click=${this.onNext}>
            <span class="chevron" aria-hidden="true">›</span>
          </button>
        </div>
        <div class="slides" part="slides" aria-live=${this.rotating ? 'off' : 'polite'}>
          ${this.banners.map(
            (banner, index) => html`
              <div
                class=${index === this.current ? 'slide current' : 'slide'}
                part="banner"
                role="group"
                aria-roledescription=${text.slideRole}
                aria-label=${text.slide(index + 1, total)}
              >
                ${this.renderBanner(banner, (index - this.current + total + 1) % total > 2)}
              </div>
            `,
          )}
        </div>
      </div>
    `;
  }

  /**
   * `far`: a slide further than one from the one shown (round the ends). Only the images
   * of the banner shown and of its two neighbours are loaded (the next is ready when it comes); the
   * others have no `src` and keep their space (nor `alt`: an image without `src` is as tall as its
   * alt text, where that is taller than its shape). Every slide is in the box's one grid cell, on screen
   * as far as lazy loading knows: a list of 3,000 banners loaded every image at once, and froze the
   * page.
   */
  private renderBanner(banner: Banner, far?: boolean): TemplateResult {
    return html`<a class="link" part="link" href=${banner.href}
      ><img
        part="image"
        class=${banner.width && banner.height ? 'sized' : 'unsized'}
        src=${ifDefined(far ? undefined : banner.image)}
        alt=${far ? '' : banner.alt}
        width=${ifDefined(banner.width)}
        height=${ifDefined(banner.height)}
        loading="lazy"
        decoding="async"
    /></a>`;
  }

  private readInline(): void {
    this.inline = readInlineBanners(this);
  }

  /** Shows banner `index`, for a whole interval: one chosen near the end of one stays (a tap on iOS focuses nothing, so rotation goes on). */
  private show(index: number): void {
    const total = this.banners.length;
    this.current = (index + total) % total;
    this.stopTimer();
  }

  private startTimer(): void {
    this.stopTimer();
    this.timer = setTimeout(() => this.show(this.current + 1), this.seconds * 1000);
  }

  private stopTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private onPrevious(): void {
    this.show(this.current - 1);
  }

  private onNext(): void {
    this.show(this.current + 1);
  }

  private onPause(): void {
    this.paused = !this.paused;
    // Play wins over the focus on the button that asked for it (the APG carousel): the focus stops
    // it again once it comes into the box anew. A mouse over the box still stops it until it leaves.
    if (!this.paused) this.focused = false;
  }

  private onPointerEnter(event: PointerEvent): void {
    // A finger's tap leaves nothing over the box: its compatibility `mouseenter` came with no
    // `mouseleave`, and stopped the box for good. A mouse or a pen hovering stops it.
    if (event.pointerType !== 'touch') this.hovered = true;
  }

  private onPointerLeave(): void {
    this.hovered = false;
  }

  private onFocusIn(): void {
    this.focused = true;
  }

  private onFocusOut(event: FocusEvent): void {
    // The window losing the focus (another tab, another program) keeps it on the link, to come
    // back to: turning meanwhile would leave it on a hidden slide.
    if (document.hasFocus() && !this.renderRoot.contains(event.relatedTarget as Node | null)) this.focused = false;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'egov-banners': EgovBanners;
  }
}
