import { LitElement, html, type TemplateResult } from 'lit';
import { EgovFetchError, fetchJson, isAbort, type FetchJsonOptions } from './fetch-json.js';
import { sharedMessages, type Lang } from './i18n.js';
import { LocaleController } from './locale-controller.js';
import { VERSION } from './version.js';

/** Detail of `egov-error`: a stable code for scripts and a readable description for logs. */
export interface EgovErrorDetail {
  code: string;
  message: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'egov-error': CustomEvent<EgovErrorDetail>;
  }
  interface Window {
    /** The kit running on this page: the copy that defined its elements first. */
    readonly egovWidgets?: { readonly version: string };
  }
}

type EgovEventName = Extract<keyof GlobalEventHandlersEventMap, `egov-${string}`>;
type DetailOf<K extends EgovEventName> = GlobalEventHandlersEventMap[K] extends CustomEvent<infer D> ? D : never;

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
  if (Object.prototype.hasOwnProperty.call(globalThis, 'egovWidgets')) return;
  Object.defineProperty(globalThis, 'egovWidgets', { value: Object.freeze({ version: VERSION }) });
}

/**
 * The base of every widget: safe registration, language, events and remote loading.
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

  /** The language the widget speaks now: `vi` or `en`. */
  protected get language(): Lang {
    return this.locale.lang;
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  /** Dispatches an `egov-…` event that crosses shadow roots; returns false if it was cancelled. */
  protected emit<K extends EgovEventName>(name: K, detail: DetailOf<K>, options: { cancelable?: boolean } = {}): boolean {
    const event = new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false });
    return this.dispatchEvent(event);
  }

  /** `fetchJson` that also announces every failure as `egov-error` (aborts are not failures). */
  protected async fetchRemote<T>(url: string, parse: (data: unknown) => T, options: FetchJsonOptions = {}): Promise<T> {
    try {
      return await fetchJson(url, parse, options);
    } catch (error) {
      if (!isAbort(error) && error instanceof EgovFetchError) this.reportError(error.code, error.message);
      throw error;
    }
  }

  /** Warnings already given by this element, so each is given once. */
  private readonly warnings = new Set<string>();

  /** `console.warn` once per element and message, prefixed with the tag. */
  protected warnOnce(message: string): void {
    if (this.warnings.has(message)) return;
    this.warnings.add(message);
    console.warn(`<${this.localName}>: ${message}`);
  }

  protected reportError(code: string, message: string): void {
    this.emit('egov-error', { code, message });
  }

  /** The translated sentence for a failed load. */
  protected loadErrorMessage(error: unknown): string {
    const text = sharedMessages[this.language];
    if (!(error instanceof EgovFetchError)) return text.network;
    switch (error.code) {
      case 'timeout':
        return text.timeout;
      case 'http':
        return text.http(error.status ?? 0);
      case 'parse':
        return text.parse;
      case 'shape':
        return text.shape;
      case 'too-large':
        return text.tooLarge;
      default:
        return text.network;
    }
  }

  /** The inline message and retry button shown when remote data fails. */
  protected renderLoadError(error: unknown, retry: () => void): TemplateResult {
    return html`
      <div class="load-error" role="alert" part="error">
        <p>${this.loadErrorMessage(error)}</p>
        <button class="button" type="button" part="retry-button" @click=${retry}>
          ${sharedMessages[this.language].retry}
        </button>
      </div>
    `;
  }

  protected renderLoading(): TemplateResult {
    return html`<p class="loading" role="status" part="loading">${sharedMessages[this.language].loading}</p>`;
  }
}
