import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { EgovFetchError } from '../../../src/shared/fetch-json.js';
import { baseStyles, tokens } from '../../../src/shared/styles.js';
import { AdminElement, type Wording } from './admin-element.js';
import { adminStyles } from './admin.styles.js';

type FieldName = 'username' | 'password';

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
  /** The fields the failure is about (marked invalid; a wrong password is about both). */
  @state() private invalid: readonly FieldName[] = [];

  override render(): TemplateResult {
    const text = this.text;
    return html`
      <form class="sign-in" method="dialog" novalidate aria-labelledby="sign-in-title" @submit=${this.onSubmit}>
        <h2 id="sign-in-title" tabindex="-1">${text.signInTitle}</h2>
        <p class="muted">${text.signInIntro}</p>
        ${this.failure ? html`<p class="message error" role="alert" id="sign-in-error">${this.failure()}</p>` : nothing}
        ${this.renderField('username', text.username, 'text', 'username')}
        ${this.renderField('password', text.password, 'password', 'current-password')}
        <button class="button primary" type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>
          ${this.busy ? text.signingIn : text.signIn}
        </button>
      </form>
    `;
  }

  /** A field of the form, marked invalid when the failure is about it, and described by the failure while there is one. */
  private renderField(name: FieldName, label: string, type: 'text' | 'password', autocomplete: 'username' | 'current-password'): TemplateResult {
    return html`
      <div class="field">
        <label for=${name}>${label}</label>
        <input
          id=${name}
          name=${name}
          type=${type}
          autocomplete=${autocomplete}
          autocapitalize="none"
          spellcheck="false"
          required
          aria-invalid=${this.invalid.includes(name) ? 'true' : 'false'}
          aria-describedby=${ifDefined(this.failure ? 'sign-in-error' : undefined)}
        />
      </div>
    `;
  }

  /** Puts the cursor in the first field, for the page to call once the form is shown. */
  focusFirstField(): void {
    this.renderRoot.querySelector<HTMLInputElement>('#username')?.focus();
  }

  private field(name: FieldName): HTMLInputElement {
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
      const missing = (['username', 'password'] as const).filter((name) => !this.field(name).value.trim());
      void this.fail(() => this.text.missingCredentials, missing);
      return;
    }
    this.busy = true;
    this.failure = undefined;
    this.invalid = [];
    try {
      await this.api.signIn(username, password);
      this.field('password').value = '';
      this.emit('egov-admin-signed-in', { username });
    } catch (error) {
      const wrong = error instanceof EgovFetchError && error.status === 401;
      // Wrong credentials: which of the two is wrong is not said (to anyone); the password is typed again.
      void this.fail(() => this.signInFailure(error), wrong ? ['password', 'username'] : [], wrong ? 'password' : 'username');
      if (wrong) this.field('password').value = '';
    } finally {
      this.busy = false;
    }
  }

  /**
   * The alert above the fields speaks the message; the fields it is about are marked invalid, and
   * every field is described by it, so it is heard again on going back to either; focus goes where
   * the editor types next (the first field it is about, else `focus`).
   */
  private async fail(message: Wording, invalid: readonly FieldName[], focus: FieldName = invalid[0] ?? 'username'): Promise<void> {
    this.field(focus).focus();
    // The same message again (the same empty field submitted twice) is a new alert, heard again.
    if (this.failure) {
      this.failure = undefined;
      await this.updateComplete;
    }
    this.failure = message;
    this.invalid = invalid;
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
