/**
 * Remote data for a widget, the whole way from `fetch` to screen: the source URL, the request with
 * the shared limits (`fetchJson`), the widget's shape check, a loading view that keeps the widget's
 * place, an error view with a retry button, and `egov-error` for the page's scripts. A widget
 * declares what to load; the controller loads it again when the URL changes, and prepares it again
 * (without fetching) when the language changes, for data whose preparation uses the language.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { emit } from './events.js';
import { EgovFetchError, fetchJson, isAbort } from './fetch-json.js';
import { sharedMessages, type Lang } from './i18n.js';
import { hostLang } from './locale-controller.js';

type Host = ReactiveControllerHost & HTMLElement;

/** `idle`: nothing to load (no URL); then `pending`, and `complete` or `error`. */
export type RemoteStatus = 'idle' | 'pending' | 'complete' | 'error';

/** A request the controller runs: resolves to checked data, rejects (`EgovFetchError`) or aborts. */
export type RemoteJob<Data> = (signal: AbortSignal) => Promise<Data>;

export interface RemoteOptions<Data, Value> {
  /** The URL to load; a new URL loads again, an empty one loads nothing. Without it, only `run(job)` runs. */
  url?: () => string | undefined;
  /** The shape check of the JSON at `url`: the widget's data, or a thrown `ShapeError`. */
  parse?: (data: unknown) => Data;
  /**
   * Turns checked data into what is shown, in `lang`; run again, without fetching, when the
   * language changes. `signal` aborts when a newer run overtakes this one, or on `reset()`: work
   * left may stop.
   */
  prepare?: (data: Data, lang: Lang, signal: AbortSignal) => Promise<Value>;
  /** Asks, with each new URL's request, for what `prepare` will need (a part of the kit), so it comes while the data does. */
  prefetch?: () => void;
  /** Called once a loaded value is on screen (not again when it is only prepared again for a new language). */
  onLoad?: (value: Value) => void;
  /** The widget's own sentence for a failure it knows better (e.g. the poll's `404`); `undefined` for the shared one. */
  describe?: (error: EgovFetchError, lang: Lang) => string | undefined;
  /**
   * A refusal that still answers the reader (the poll's `410` carries the final results): reported
   * as `egov-error` like any failure, then shown as this value.
   */
  recover?: (error: EgovFetchError) => Value | undefined;
  /** What the retry button does; by default, the last request again. */
  retry?: () => void;
}

/** How a widget shows each state; `complete` is required, the rest have the kit's defaults. */
export interface RemoteViews<Value> {
  complete: (value: Value) => unknown;
  /** The loading line inside a box shaped like the loaded widget (default: a `.placeholder` block each widget sizes). */
  loading?: (line: TemplateResult) => unknown;
  /** What surrounds the loading and the error view (e.g. the widget's label or its outer box). */
  frame?: (view: unknown) => unknown;
}

export class RemoteController<Data, Value = Data> implements ReactiveController {
  private currentStatus: RemoteStatus = 'idle';
  private currentValue: Value | undefined;
  private currentError: EgovFetchError | undefined;
  /** The URL last asked for, to notice a new one. */
  private requested: string | undefined;
  private lastJob: RemoteJob<Data> | undefined;
  /** The checked data behind a prepared `value`, and the language it was prepared in. */
  private data: { checked: Data; lang: Lang } | undefined;
  /** Bumped by each run: an older run's answer is dropped. */
  private runId = 0;
  private abort: AbortController | undefined;

  constructor(
    private readonly host: Host,
    private readonly options: RemoteOptions<Data, Value>,
  ) {
    host.addController(this);
  }

  get status(): RemoteStatus {
    return this.currentStatus;
  }

  /** The last value loaded; kept while a new load is pending, gone after a failure. */
  get value(): Value | undefined {
    return this.currentValue;
  }

  get error(): EgovFetchError | undefined {
    return this.currentError;
  }

  private get lang(): Lang {
    return hostLang(this.host);
  }

  /**
   * The data is asked for as soon as the element is in the page: on an English page the first
   * update waits for the English messages (EgovElement), and the request goes meanwhile.
   */
  hostConnected(): void {
    this.hostUpdate();
  }

  hostUpdate(): void {
    if (!this.options.url) return;
    const url = this.options.url() ?? '';
    if (url !== this.requested) {
      this.requested = url;
      if (url) this.options.prefetch?.();
      void this.run();
    } else if (this.data && this.data.lang !== this.lang) {
      // The value stays on screen while it is prepared again from the same data, not fetched again.
      const checked = this.data.checked;
      void this.run(async () => checked, true);
    }
  }

  /**
   * Runs `job` (a request the widget makes, e.g. a vote), or loads the URL again. Resolves to the
   * value once shown, or `undefined` when the run failed (shown and reported) or was overtaken.
   * `again`: the data is only prepared again, with the value kept on screen meanwhile.
   */
  async run(job: RemoteJob<Data> | undefined = this.sourceJob(), again = false): Promise<Value | undefined> {
    this.abort?.abort();
    const id = ++this.runId;
    this.lastJob = job;
    this.data = undefined;
    if (!job) {
      this.settle('idle');
      return undefined;
    }
    this.abort = new AbortController();
    const signal = this.abort.signal;
    if (!again) {
      this.currentStatus = 'pending';
      this.host.requestUpdate();
    }
    const { prepare, onLoad } = this.options;
    try {
      const checked = await job(signal);
      // Prepared in the language as shown: on an English page not before the English messages.
      if (prepare) await this.host.updateComplete;
      const lang = this.lang;
      const value = prepare ? await prepare(checked, lang, signal) : (checked as unknown as Value);
      if (id !== this.runId) return undefined;
      // Kept to be prepared again; if the language changed meanwhile, the update this settles sees it.
      if (prepare) this.data = { checked, lang };
      this.settle('complete', value);
      if (onLoad && !again) void this.host.updateComplete.then(() => id === this.runId && onLoad(value));
      return value;
    } catch (error) {
      if (id !== this.runId || isAbort(error)) return undefined;
      const failure = this.fail(error);
      const recovered = this.options.recover?.(failure);
      if (recovered !== undefined) this.settle('complete', recovered);
      return recovered;
    }
  }

  /** Forgets the current run: its answer, when it comes, is dropped unseen and unreported. */
  reset(): void {
    this.abort?.abort();
    this.runId++;
    this.settle('idle');
  }

  /** The view of the current state: loading, error with retry, or the widget's own for the value. */
  render(views: RemoteViews<Value>): unknown {
    const frame = views.frame ?? ((view: unknown) => view);
    // The error shows in the loading state's box, so a failure (and its retry) moves nothing on the page.
    const placed = (view: unknown) => frame(views.loading ? view : html`<div class="placeholder">${view}</div>`);
    switch (this.currentStatus) {
      case 'pending': {
        const line = loadingView(this.lang);
        return placed(views.loading ? views.loading(line) : line);
      }
      case 'error':
        return placed(this.renderError());
      case 'complete':
        return views.complete(this.currentValue as Value);
      default:
        return nothing;
    }
  }

  /** The error view alone (nothing when there is no error), for a widget that shows it beside other content. */
  renderError(): TemplateResult | typeof nothing {
    const error = this.currentError;
    if (!error || this.currentStatus !== 'error') return nothing;
    return loadErrorView(this.lang, this.describe(error), () => this.retry());
  }

  /** The failure in the reader's words: the widget's sentence when it has one, else the kit's. */
  describe(error: EgovFetchError): string {
    return this.options.describe?.(error, this.lang) ?? loadErrorText(this.lang, error);
  }

  private retry(): void {
    if (this.options.retry) this.options.retry();
    else void this.run(this.lastJob);
  }

  private sourceJob(): RemoteJob<Data> | undefined {
    const url = this.requested;
    const parse = this.options.parse;
    if (!url || !parse) return undefined;
    return (signal) => fetchJson(url, parse, { signal });
  }

  /** Every failure: one `EgovFetchError`, reported as `egov-error` and shown with a retry. */
  private fail(error: unknown): EgovFetchError {
    const failure = error instanceof EgovFetchError ? error : new EgovFetchError('network', error instanceof Error ? error.message : String(error));
    this.data = undefined;
    this.settle('error', undefined, failure);
    emit(this.host, 'egov-error', { code: failure.code, message: failure.message });
    return failure;
  }

  private settle(status: RemoteStatus, value?: Value, error?: EgovFetchError): void {
    this.currentStatus = status;
    this.currentValue = value;
    this.currentError = error;
    this.host.requestUpdate();
  }
}

/** The translated sentence for a failed request. */
export function loadErrorText(lang: Lang, error: unknown): string {
  const text = sharedMessages[lang];
  if (!(error instanceof EgovFetchError)) return text.network;
  if (error.code === 'http') return text.http(error.status ?? 0);
  return text[error.code === 'too-large' ? 'tooLarge' : error.code];
}

/** The loading line, a polite live region; focusable by script, to keep the focus of a retry in the widget (EgovElement). */
export function loadingView(lang: Lang): TemplateResult {
  return html`<p class="loading" role="status" part="loading" tabindex="-1">${sharedMessages[lang].loading}</p>`;
}

/** The inline message and retry button shown when a request fails. */
export function loadErrorView(lang: Lang, message: string, retry: () => void): TemplateResult {
  return html`
    <div class="load-error" part="error">
      <p role="alert">${message}</p>
      <button class="button" type="button" part="retry-button" @click=${retry}>${sharedMessages[lang].retry}</button>
    </div>
  `;
}
