import { html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { EgovElement } from '../../../src/shared/egov-element.js';
import { EgovFetchError } from '../../../src/shared/fetch-json.js';
import { sharedMessages } from '../../../src/shared/i18n.js';
import { loadErrorText, loadErrorView, loadingView } from '../../../src/shared/remote-controller.js';
import { messages as pollMessages } from '../../../src/poll/poll.messages.js';
import { AdminApi, refusedWith } from './admin-api.js';
import { messages } from './admin.messages.js';

/** Detail of `egov-admin-announce`: a sentence for the page's one live region. */
export interface AnnounceDetail {
  message: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'egov-admin-announce': CustomEvent<AnnounceDetail>;
    /** A request was refused with `401`: the session has ended (expired, or signed out elsewhere). */
    'egov-admin-session-lost': CustomEvent<null>;
  }
}

/**
 * Words for the editor that stay on screen (a refusal, a failure): kept as how to say them, not as
 * text, and said again at each render, so that a language switch rewords them too.
 */
export type Wording = () => string;

/**
 * What the parts of the editors' page share: the API at `endpoint`, the announcements that the
 * page element speaks through its live region, and failures in the editor's words.
 */
export class AdminElement extends EgovElement {
  /** Base URL of the poll API; the editors' API is under `{endpoint}/admin/`. */
  @property() endpoint = '/api';

  protected get api(): AdminApi {
    return new AdminApi(this.endpoint);
  }

  protected get text() {
    return messages[this.language];
  }

  protected announce(message: string): void {
    this.emit('egov-admin-announce', { message });
  }

  /** True (and the page is told to ask for a sign-in again) when `error` is a `401`. */
  protected lostSession(error: unknown): boolean {
    if (!(error instanceof EgovFetchError) || error.status !== 401) return false;
    this.emit('egov-admin-session-lost', null);
    return true;
  }

  /**
   * A failure in words: for a `400`, or a `409 closes_at_passed`, the page's sentence for the
   * server's error code (its English `message` is for logs, not for the editor); the kit's
   * sentences for everything else.
   */
  protected failureText(error: unknown): string {
    if (error instanceof EgovFetchError && error.status === 400) {
      // `unknown_option`: an option this form still lists was removed meanwhile (another editor).
      return refusedWith(error, 400, 'unknown_option') ? this.text.optionsChanged : this.text.invalidData;
    }
    if (refusedWith(error, 409, 'closes_at_passed')) return this.text.closesAtPassed;
    return loadErrorText(this.language, error);
  }

  /** The kit's view of a failed request, with a retry button (the editors' page fetches by hand). */
  protected renderLoadError(error: unknown, retry: () => void): TemplateResult {
    return loadErrorView(this.language, loadErrorText(this.language, error), () => {
      this.retried = true;
      retry();
    });
  }

  /** "Thử lại" was pressed: the loading line that follows is said, and takes the button's focus. */
  private retried = false;

  /**
   * "Đang tải…" where a part of the page will be: shown, not said, at first (the parts load
   * together at sign-in, and each said it over the page's "signed in"; what came of it is said
   * instead: the number of polls, or a failure's alert); said after "Thử lại", as the kit's is.
   */
  protected renderLoading(): TemplateResult {
    return this.retried ? loadingView(this.language) : html`<p class="loading">${sharedMessages[this.language].loading}</p>`;
  }

  /** `5 giây`, `2 phút`: a wait rounded up to whole minutes past one minute. */
  protected duration(seconds: number): string {
    const words = pollMessages[this.language];
    return seconds < 60 ? words.seconds(Math.max(1, Math.ceil(seconds))) : words.minutes(Math.ceil(seconds / 60));
  }

  /** A part of the page under its own heading, with the part's one button beside the heading. */
  protected renderSection(titleId: string, title: string, button: TemplateResult, content: unknown): TemplateResult {
    return html`
      <section aria-labelledby=${titleId}>
        <div class="row spread">
          <h2 id=${titleId} tabindex="-1">${title}</h2>
          ${button}
        </div>
        ${content}
      </section>
    `;
  }

  /** Moves focus to `selector` in this element once the next render is on screen. */
  protected async focusAfterUpdate(selector: string): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }
}
