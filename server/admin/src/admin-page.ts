import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { query, state } from 'lit/decorators.js';
import { EgovFetchError } from '../../../src/shared/fetch-json.js';
import { toLang, type Lang } from '../../../src/shared/i18n.js';
import { store, stored } from '../../../src/shared/storage.js';
import { baseStyles, tokens } from '../../../src/shared/styles.js';
import type { AdminPoll } from './admin-api.js';
import { AdminElement, type AnnounceDetail } from './admin-element.js';
import { adminStyles } from './admin.styles.js';
import type { CancelDetail, EgovAdminPollForm, SavedDetail } from './poll-form.js';
import type { EditDetail, EgovAdminPolls } from './poll-list.js';
import type { SignedInDetail } from './sign-in.js';
// The elements this page renders (registered by egov-admin.ts).
import './audit-log.js';
import './poll-form.js';
import './poll-list.js';
import './sign-in.js';

/** Where the page is: asking the server who is signed in, at the sign-in form, or at work. */
type Stage = 'checking' | 'signed-out' | 'signed-in';

/** Where the editor's choice of language is kept, so that the page opens in it next time. */
const LANGUAGE_KEY = 'egov-admin-lang';

/** Why the sign-in form is shown again. */
type SignOutReason = 'signed-out' | 'ended';

/**
 * The editors' page (`/admin/`): sign in, then the polls, the form to create or edit one, and the
 * audit trail; a Tiếng Việt / English switch; one live region for everything the parts announce.
 */
export class EgovAdmin extends AdminElement {
  static override styles = [
    tokens,
    baseStyles,
    adminStyles,
    css`
      :host {
        max-width: 64rem;
        margin: 0 auto;
        padding: 1rem;
      }
      header {
        margin-bottom: 1.5rem;
        padding-bottom: 0.75rem;
        border-bottom: 2px solid var(--_primary);
      }
      header h1 {
        margin: 0;
        color: var(--_primary);
      }
      .languages {
        display: flex;
        gap: 0.25rem;
      }
      /* Underlined too: a contrast theme (forced colours) drops the background. */
      .button[aria-pressed='true'] {
        background: var(--_primary);
        color: var(--_on-primary);
        text-decoration: underline;
      }
      main > * + * {
        margin-top: 2rem;
      }
    `,
  ];

  @state() private stage: Stage = 'checking';
  @state() private username = '';
  @state() private checkError: unknown;
  @state() private signOutReason: SignOutReason | undefined;
  @state() private signOutError = '';
  /** The form is open: `null` for a new poll, else the poll being edited. */
  @state() private editing: AdminPoll | null | undefined;
  /** Who was writing the form a session's end left open: only they find it again. */
  private draftOwner = '';
  /** Bumped after each change, so the audit trail loads again. */
  @state() private revision = 0;
  @state() private announcement = '';

  @query('egov-admin-polls') private pollList!: EgovAdminPolls | null;
  /** `closeForm` went back: the next `popstate` is the page's own, not the editor's Back. */
  private droppingEntry = false;

  override connectedCallback(): void {
    openInRememberedLanguage();
    super.connectedCallback();
    this.addEventListener('egov-admin-announce', this.onAnnounce);
    this.addEventListener('egov-admin-session-lost', this.onSessionLost);
    window.addEventListener('popstate', this.onHistoryBack);
    void this.checkSession();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.removeEventListener('egov-admin-announce', this.onAnnounce);
    this.removeEventListener('egov-admin-session-lost', this.onSessionLost);
    window.removeEventListener('popstate', this.onHistoryBack);
  }

  override render(): TemplateResult {
    return html`
      <header class="row spread">
        <h1 id="page-title" tabindex="-1">${this.text.pageTitle}</h1>
        <div class="row">${this.renderUser()} ${this.renderLanguages()}</div>
      </header>
      <main>${this.renderStage()}</main>
      <p class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
    `;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    document.title = this.text.pageTitle;
  }

  private renderLanguages(): TemplateResult {
    const text = this.text;
    const choice = (lang: Lang, label: string) => html`
      <button class="button" type="button" lang=${lang} aria-pressed=${this.language === lang ? 'true' : 'false'} @click=${() => this.switchTo(lang)}>
        ${label}
      </button>
    `;
    return html`
      <div class="languages" role="group" aria-label=${text.language}>${choice('vi', text.vietnamese)} ${choice('en', text.english)}</div>
    `;
  }

  private renderUser(): TemplateResult | typeof nothing {
    if (this.stage !== 'signed-in') return nothing;
    return html`
      <span>${this.text.signedInAs(this.username)}</span>
      <button class="button" type="button" id="sign-out" @click=${this.signOut}>${this.text.signOut}</button>
    `;
  }

  private renderStage(): TemplateResult {
    if (this.stage === 'checking') {
      return this.checkError === undefined ? this.renderLoading() : this.renderLoadError(this.checkError, () => void this.checkSession());
    }
    const signedIn = this.stage === 'signed-in';
    // A form left open when the session ended stays in the page, hidden, with what the editor wrote
    // in it, until they sign in again: the same element, so nothing typed is lost.
    return html`
      ${signedIn ? nothing : this.renderSignIn()}
      ${signedIn || this.editing !== undefined ? html`<div class="work" ?hidden=${!signedIn}>${this.renderWork()}</div>` : nothing}
    `;
  }

  private renderWork(): TemplateResult {
    return html`
      ${this.signOutError ? html`<p class="message error" role="alert">${this.signOutError}</p>` : nothing}
      ${this.editing === undefined
        ? nothing
        : html`<egov-admin-poll-form
            .endpoint=${this.endpoint}
            .poll=${this.editing ?? undefined}
            @egov-admin-saved=${this.onSaved}
            @egov-admin-cancel=${this.onCancel}
          ></egov-admin-poll-form>`}
      <egov-admin-polls
        ?hidden=${this.editing !== undefined}
        .endpoint=${this.endpoint}
        @egov-admin-edit=${this.onEdit}
        @egov-admin-changed=${this.onChanged}
      ></egov-admin-polls>
      <egov-admin-audit .endpoint=${this.endpoint} .revision=${this.revision}></egov-admin-audit>
    `;
  }

  private renderSignIn(): TemplateResult {
    const text = this.text;
    const notice = this.signOutReason === 'ended' ? this.endedText() : this.signOutReason === 'signed-out' ? text.signedOut : '';
    return html`
      ${notice ? html`<p class="message ok">${notice}</p>` : nothing}
      <egov-admin-sign-in .endpoint=${this.endpoint} @egov-admin-signed-in=${this.onSignedIn}></egov-admin-sign-in>
    `;
  }

  /** Asks the server whether this browser already has a session. */
  private async checkSession(): Promise<void> {
    this.stage = 'checking';
    this.checkError = undefined;
    try {
      this.username = await this.api.session();
      this.stage = 'signed-in';
    } catch (error) {
      if (!(error instanceof EgovFetchError && error.status === 401)) {
        this.checkError = error;
        return;
      }
      // The page opens on the sign-in form: the cursor is where the editor starts typing.
      this.stage = 'signed-out';
      await this.focusSignIn();
    }
  }

  /** The session has ended; with a form open, what it holds is kept (see `renderStage`). */
  private endedText(): string {
    return this.editing === undefined ? this.text.sessionEnded : this.text.sessionEndedDraftKept;
  }

  private switchTo(lang: Lang): void {
    // The page's own language: every part of the page (and the title) follows it, and the page
    // opens in it next time.
    document.documentElement.lang = lang;
    store(LANGUAGE_KEY, lang);
  }

  /**
   * The form has a history entry of its own (`onEdit`): the browser's Back closes it as Cancel
   * does — asking first when something written is not saved — instead of leaving the page. Where
   * it stays (the editor said no, or a save is on its way), its entry is put back.
   */
  private readonly onHistoryBack = (): void => {
    const form = this.renderRoot.querySelector<EgovAdminPollForm>('egov-admin-poll-form');
    if (this.droppingEntry) {
      // The page's own Back (`closeForm`), done later than asked: a form opened meanwhile
      // keeps an entry of its own.
      this.droppingEntry = false;
      if (this.editing !== undefined && !isFormEntry(history.state)) history.pushState(FORM_ENTRY, '');
      return;
    }
    if (this.editing === undefined || !form) return;
    if (!form.leave()) history.pushState(FORM_ENTRY, '');
  };

  /** Closes the form, if open (saved, cancelled, signed out): its history entry goes too. */
  private closeForm(): void {
    if (this.editing === undefined) return;
    this.editing = undefined;
    if (!isFormEntry(history.state)) return;
    this.droppingEntry = true;
    history.back();
  }

  private readonly onAnnounce = (event: CustomEvent<AnnounceDetail>): void => {
    this.say(event.detail.message);
  };

  private readonly onSessionLost = (): void => {
    // Once: a part told again while signed out would make the page forget whose the kept draft is.
    if (this.stage !== 'signed-in') return;
    void this.leave('ended');
  };

  /** Speaks `message` in the live region; emptied first, so the same sentence twice is said twice. */
  private say(message: string): void {
    this.announcement = '';
    requestAnimationFrame(() => (this.announcement = message));
  }

  private async onSignedIn(event: CustomEvent<SignedInDetail>): Promise<void> {
    this.username = event.detail.username;
    this.stage = 'signed-in';
    this.signOutReason = undefined;
    // Another editor at the same browser does not get the form someone else left unsaved.
    if (this.draftOwner !== this.username) this.closeForm();
    if (this.editing === undefined) {
      this.say(this.text.signedIn(this.username));
      await this.focusAfterUpdate('#page-title');
      return;
    }
    // Back to the form the session's end interrupted, as it was left: the editor saves it now.
    this.revision++;
    this.say(`${this.text.signedIn(this.username)} ${this.text.draftBack}`);
    await this.focusForm();
  }

  private async signOut(): Promise<void> {
    // Signing out closes the form: a save on its way ends first (signing out now would hide its
    // outcome), and what is written and not saved is asked about.
    const form = this.renderRoot.querySelector<EgovAdminPollForm>('egov-admin-poll-form');
    if (form?.isSaving()) {
      this.say(this.text.signOutWhileSaving);
      return;
    }
    if (form?.unsaved() && !window.confirm(this.text.signOutDiscards)) return;
    this.signOutError = '';
    try {
      await this.api.signOut();
    } catch (error) {
      if (!(error instanceof EgovFetchError && error.status === 401)) {
        this.signOutError = this.text.signOutFailed(this.failureText(error));
        return;
      }
    }
    this.leave('signed-out');
  }

  /** Back to the sign-in form, with the reason above it and the cursor in it. */
  private async leave(reason: SignOutReason): Promise<void> {
    this.stage = 'signed-out';
    this.signOutReason = reason;
    // Signing out closes the form; a session that ended keeps it for its writer's next sign-in.
    if (reason === 'signed-out') this.closeForm();
    this.draftOwner = this.username;
    this.username = '';
    this.say(reason === 'ended' ? this.endedText() : this.text.signedOut);
    await this.focusSignIn();
  }

  private async focusSignIn(): Promise<void> {
    await this.focusPart('egov-admin-sign-in', (signIn) => signIn.focusFirstField());
  }

  private async onEdit(event: CustomEvent<EditDetail>): Promise<void> {
    this.editing = event.detail.poll ?? null;
    history.pushState(FORM_ENTRY, '');
    await this.focusForm();
  }

  private async focusForm(): Promise<void> {
    await this.focusPart('egov-admin-poll-form', (form) => form.focusTitle());
  }

  /** Once the page and its part `tag` are rendered, `focus` puts the focus in that part. */
  private async focusPart<Tag extends 'egov-admin-sign-in' | 'egov-admin-poll-form'>(
    tag: Tag,
    focus: (part: HTMLElementTagNameMap[Tag]) => void,
  ): Promise<void> {
    await this.updateComplete;
    const part = this.renderRoot.querySelector(tag);
    if (!part) return;
    await part.updateComplete;
    focus(part);
  }

  private async onSaved(event: CustomEvent<SavedDetail>): Promise<void> {
    const { poll, created } = event.detail;
    this.closeForm();
    this.revision++;
    this.say(this.text.pollDone(created ? 'created' : 'saved', poll.question));
    // The list stayed in the page, hidden, with its search: it shows the poll as saved.
    this.pollList?.showSaved(poll);
    await this.updateComplete;
    this.pollList?.focusPoll(poll.id);
  }

  private async onCancel(event: CustomEvent<CancelDetail>): Promise<void> {
    this.closeForm();
    await this.updateComplete;
    this.pollList?.focusEditButton(event.detail.pollId);
  }

  private onChanged(): void {
    this.revision++;
  }
}

/** The history entry of the open form: Back closes the form, not the page. */
const FORM_ENTRY = { egovAdminForm: true } as const;

function isFormEntry(state: unknown): boolean {
  return (state as Partial<typeof FORM_ENTRY> | null)?.egovAdminForm === true;
}

/** The language the editor last chose on this page, if any, becomes the page's. */
function openInRememberedLanguage(): void {
  const lang = toLang(stored(LANGUAGE_KEY));
  if (lang) document.documentElement.lang = lang;
}

declare global {
  interface HTMLElementTagNameMap {
    'egov-admin': EgovAdmin;
  }
}
