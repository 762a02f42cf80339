import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { EgovFetchError } from '../../../src/shared/fetch-json.js';
import { baseStyles, tokens } from '../../../src/shared/styles.js';
import { AdminElement, type Wording } from './admin-element.js';
import { adminStyles } from './admin.styles.js';

/** Detail of `egov-admin-signed-in`. */
export interface SignedInDetail {
  username: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'egov-admin-signed-in': CustomEvent<SignedInDetail>;
  }
}

/**
 * The sign-in form of the editors' page. Failures are said in words: wrong credentials, locked
 * out (and for how long, from `Retry-After`), the network or the server.
 *
 * @fires egov-admin-signed-in - The server accepted the credentials. `detail: {username}`.
 */
export class EgovAdminSignIn extends AdminElement {
  static override styles = [tokens, baseStyles, adminStyles];

  @state() private busy = false;
  @state() private failure: Wording | undefined;

  override render(): TemplateResult {
    const text = this.text;
    return html`
      <form class="sign-in" method="dialog" novalidate aria-labelledby="sign-in-title" @submit=${this.onSubmit}>
        <h2 id="sign-in-title" tabindex="-1">${text.signInTitle}</h2>
        <p class="muted">${text.signInIntro}</p>
        ${this.failure ? html`<p class="message error" role="alert" id="sign-in-error">${this.failure()}</p>` : nothing}
        <div class="field">
          <label for="username">${text.username}</label>
          <input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required />
        </div>
        <div class="field">
          <label for="password">${text.password}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required />
        </div>
        <button class="button primary" type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>
          ${this.busy ? text.signingIn : text.signIn}
        </button>
      </form>
    `;
  }

  /** Puts the cursor in the first field, for the page to call once the form is shown. */
  focusFirstField(): void {
    this.renderRoot.querySelector<HTMLInputElement>('#username')?.focus();
  }

  private field(name: 'username' | 'password'): HTMLInputElement {
    return this.renderRoot.querySelector<HTMLInputElement>(`#${name}`)!;
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.signIn();
  }

  private async signIn(): Promise<void> {
    if (this.busy) return;
    const username = this.field('username').value.trim();
    const password = this.field('password').value;
    if (!username || !password) {
      this.fail(() => this.text.missingCredentials, username ? 'password' : 'username');
      return;
    }
    this.busy = true;
    this.failure = undefined;
    try {
      await this.api.signIn(username, password);
      this.field('password').value = '';
      this.emit('egov-admin-signed-in', { username });
    } catch (error) {
      this.fail(() => this.signInFailure(error), error instanceof EgovFetchError && error.status === 401 ? 'password' : 'username');
      if (error instanceof EgovFetchError && error.status === 401) this.field('password').value = '';
    } finally {
      this.busy = false;
    }
  }

  private fail(message: Wording, focus: 'username' | 'password'): void {
    // The alert above the fields speaks the message; focus goes where the editor types next.
    this.failure = message;
    this.field(focus).focus();
  }

  private signInFailure(error: unknown): string {
    if (!(error instanceof EgovFetchError)) return this.failureText(error);
    if (error.status === 401) return this.text.wrongCredentials;
    if (error.status === 429) {
      return error.retryAfter === undefined ? this.text.lockedOutLater : this.text.lockedOut(this.duration(error.retryAfter));
    }
    return this.failureText(error);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'egov-admin-sign-in': EgovAdminSignIn;
  }
}
