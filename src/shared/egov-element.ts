import { LitElement, type PropertyValues } from 'lit';
import { emit, type DetailOf, type EgovEventName } from './events.js';
import type { Lang } from './i18n.js';
import { keyword } from './keyword.js';
import { LocaleController } from './locale-controller.js';
import { VERSION } from './version.js';

declare global {
  interface Window {
    /** The kit running on this page: the copy that defined its elements first. */
    readonly egovWidgets?: { readonly version: string };
  }
}

export type { EgovErrorDetail } from './events.js';


// Shared by every copy of the kit on a page, so two bundles together warn once, not once each.
const WARNED = Symbol.for('egov-widgets.define-warned');

function warnPageOnce(message: string): void {
  const flags = globalThis as unknown as Record<symbol, boolean>;
  if (flags[WARNED]) return;
  flags[WARNED] = true;
  console.warn(message);
}

/** Tags this copy found taken, by who took them; reported together once the copy has run. */
const conflicts = new Map<string, string[]>();

function reportTaken(tag: string, owner: string): void {
  if (conflicts.size === 0) queueMicrotask(warnTaken);
  conflicts.set(owner, [...(conflicts.get(owner) ?? []), tag]);
}

function warnTaken(): void {
  const parts = [...conflicts].map(([owner, tags]) => {
    const names = tags.map((tag) => `<${tag}>`).join(', ');
    return `${names} ${tags.length === 1 ? 'is' : 'are'} already defined by ${owner}`;
  });
  conflicts.clear();
  warnPageOnce(`egov-widgets ${VERSION}: ${parts.join('; ')}. The first copy to run wins: those definitions are kept.`);
}

/** `window.egovWidgets.version`, read-only, from the first copy that defines an element. */
function publishVersion(): void {
  if (Object.hasOwn(globalThis, 'egovWidgets')) return;
  Object.defineProperty(globalThis, 'egovWidgets', { value: Object.freeze({ version: VERSION }) });
}

/**
 * The base of every widget: safe registration, language, events and warnings. Remote data goes
 * through `RemoteController`, announcements through `LiveRegion`. Widgets declare their attributes
 * and state in `static properties` rather than with decorators (tsc's decorator calls would weigh
 * on the one-script bundle), each field documented where it is initialised.
 *
 * @attr lang - `vi` or `en`: the language of every visible string and ARIA label, dates and numbers.
 *   Defaults to the nearest ancestor's `lang` (usually `<html lang>`), else `vi`.
 */
export class EgovElement extends LitElement {
  /** The kit version that defined this class; compared when a tag is defined twice. */
  static readonly egovVersion = VERSION;

  /**
   * Registers the element under `tag` unless the tag is taken. The first definition wins; tags
   * taken by another version of the kit, or by another script, are reported in one warning that
   * names them all and both versions.
   */
  static define(tag: string): void {
    const existing = customElements.get(tag) as (CustomElementConstructor & { egovVersion?: string }) | undefined;
    if (!existing) {
      customElements.define(tag, this);
      publishVersion();
      return;
    }
    if (existing.egovVersion !== VERSION) {
      reportTaken(tag, existing.egovVersion ? `egov-widgets ${existing.egovVersion}` : 'another script');
    }
  }

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  private readonly locale = new LocaleController(this);

  constructor() {
    super();
    // An Enter pressed inside the widget ends at the widget. On an ASP.NET page with a default
    // button (`WebForm_FireDefaultButton` on the <form> or a panel, on keypress; or a handler of
    // the page's own on keydown) the page takes any Enter whose target is not a submit input, a
    // link or a textarea — here the host, as the event leaves the shadow root — clicks its own
    // button (a postback) and cancels the key that would have pressed ours. Enter in the page's
    // own content (slotted or not) is not touched.
    for (const type of ['keydown', 'keypress']) {
      this.addEventListener(type, (event) => {
        if ((event as KeyboardEvent).key === 'Enter' && event.target === this) event.stopPropagation();
      });
    }
  }

  /** The language the widget speaks now: `vi` or `en`. */
  protected get language(): Lang {
    return this.locale.lang;
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.locale.langChanged();
  }

  /**
   * An update in English waits for the English messages the first time (LocaleController), so a
   * reader never sees the widget in Vietnamese first; Lit awaits the promise, so `updateComplete`
   * still means "rendered".
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const loading = this.locale.messagesLoading();
    return loading ? loading.then(() => super.scheduleUpdate()) : super.scheduleUpdate();
  }

  /** Work that `updateComplete` waits for besides the update: a part a reader's action loads (load-part.ts). */
  private readonly awaited = new Set<Promise<unknown>>();

  /**
   * Waits for a part loaded for the reader (`loadPart`), then `arrived` runs with it; if it cannot
   * be loaded, `failed` shows that and `egov-error` `network` reports it. `updateComplete` waits for
   * all of it, then for the update it asks for: once it resolves, the result, or the error, is on screen.
   */
  protected whileLoading<T>(part: Promise<T>, arrived: (part: T) => void, failed: (error: unknown) => void): void {
    const work = part.then(arrived, (error: unknown) => {
      failed(error);
      this.reportError('network', error instanceof Error ? error.message : String(error));
    });
    this.awaited.add(work);
    void work.finally(() => {
      this.awaited.delete(work);
      this.requestUpdate();
    });
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    let complete = await super.getUpdateComplete();
    while (this.awaited.size) {
      await Promise.all(this.awaited);
      complete = await super.getUpdateComplete();
    }
    return complete;
  }

  /**
   * A render that takes the focused element away (a retry button making way for the loading line,
   * the loading line for the content, a video for its error message) or moves it (a list put in a
   * new order) leaves the focus in the widget, not on the page's `<body>`, where a screen reader
   * starts again at the top: on the same element, else the new one with its id, else the first
   * one that takes focus (a heading focusable by script, where the reader starts reading: the
   * article's, the poll's question, the part's on the editors' page; the player that replaced a
   * play button; never a radio button not chosen), or where the widget said it should go
   * (`focusTarget`).
   */
  protected override update(changed: PropertyValues): void {
    const root = this.renderRoot as ShadowRoot;
    const before = root.activeElement as HTMLElement | null;
    const target = this.focusTarget;
    this.focusTarget = undefined;
    super.update(changed);
    if (!before || root.activeElement) return;
    // Not an unchosen radio button: a key there would change the reader's choice.
    const again = before.isConnected
      ? before
      : (target && root.querySelector<HTMLElement>(target)) ||
        (before.id && root.getElementById(before.id)) ||
        root.querySelector<HTMLElement>('a[href],button:enabled,input:enabled:not([type=radio]:not(:checked)),iframe,[tabindex]');
    again?.focus();
  }

  /**
   * A selector: where the focus goes if the next update takes the focused element away (results
   * that replace the poll's form: their title). Used by that update only.
   */
  protected focusTarget: string | undefined;

  /** Dispatches an `egov-…` event that crosses shadow roots; returns false if it was cancelled. */
  protected emit<K extends EgovEventName>(name: K, detail: DetailOf<K>, options: { cancelable?: boolean } = {}): boolean {
    return emit(this, name, detail, options);
  }

  /** Warnings already given by this element, so each is given once. */
  private readonly warnings = new Set<string>();

  /** `console.warn` once per element and message, prefixed with the tag. Never from `render()`. */
  protected warnOnce(message: string): void {
    if (this.warnings.has(message)) return;
    this.warnings.add(message);
    console.warn(`<${this.localName}>: ${message}`);
  }

  /**
   * Warns once when the enumerated attribute `name` holds none of its `words` (case and spaces
   * aside, see `keyword`), saying what the widget does `instead`. Empty is the default: no warning.
   */
  protected warnUnknown(name: string, value: string, words: readonly string[], instead: string): void {
    if (value && !keyword(value, words)) this.warnOnce(`${name}="${value}" is not one of ${words}: ${instead}.`);
  }

  /** `egov-error` for a failure outside remote data (configuration, media); remote data reports its own. */
  protected reportError(code: string, message: string): void {
    this.emit('egov-error', { code, message });
  }
}
