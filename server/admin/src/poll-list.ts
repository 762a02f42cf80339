import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { EgovFetchError } from '../../../src/shared/fetch-json.js';
import { formatNumber, formatPercent, locale } from '../../../src/shared/i18n.js';
import { LiveRegion } from '../../../src/shared/live-region.js';
import { baseStyles, tokens } from '../../../src/shared/styles.js';
import { resultBar } from '../../../src/poll/result-bar.js';
import { shareOf, type PollOption } from '../../../src/poll/poll-data.js';
import { messages as pollMessages } from '../../../src/poll/poll.messages.js';
import { fold } from '../../../src/web-links/fold.js';
import { matchesAll, queryWords } from '../../../src/web-links/matching.js';
import { pollStyles } from '../../../src/poll/poll.styles.js';
import type { AdminPoll, PollChanges } from './admin-api.js';
import { AdminElement, type Wording } from './admin-element.js';
import { adminStyles } from './admin.styles.js';
import { VIETNAM_TIME_ZONE, formatVietnamTime } from './vietnam-time.js';

/** Detail of `egov-admin-edit`: the poll to edit, or none for a new poll. */
export interface EditDetail {
  poll: AdminPoll | undefined;
}

/** Detail of `egov-admin-changed`: a poll changed on the server (the audit trail has news). */
export interface ChangedDetail {
  poll: AdminPoll;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'egov-admin-edit': CustomEvent<EditDetail>;
    'egov-admin-changed': CustomEvent<ChangedDetail>;
  }
}

/** How often the list asks for the polls again while it is in sight. */
export const REFRESH_SECONDS = 10;

type Toggle = 'closed' | 'archived';

/** What came of the last "copy embed code" press. */
interface CopyOutcome {
  pollId: string;
  copied: boolean;
}

/** `<egov-poll endpoint="…" poll-id="…"></egov-poll>`: what a webmaster pastes into a portal page. */
function embedSnippet(endpoint: string, pollId: string): string {
  return `<egov-poll endpoint="${escapeAttribute(endpoint)}" poll-id="${escapeAttribute(pollId)}"></egov-poll>`;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Every poll with its live counts and bars (refreshed every 10 s and whenever the page gets the
 * focus again, while the list is in sight), and what an editor does with one: edit, close or
 * reopen, archive, download the results as CSV, copy the embed code.
 *
 * @fires egov-admin-edit - The editor asked to create (`poll` undefined) or edit a poll.
 * @fires egov-admin-changed - A poll was closed, reopened, archived or unarchived.
 */
export class EgovAdminPolls extends AdminElement {
  // The result bars look as readers see them in <egov-poll>.
  static override styles = [
    tokens,
    baseStyles,
    pollStyles,
    adminStyles,
    css`
      .polls {
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .poll {
        margin: 0 0 1rem;
        padding: 1rem;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        background: var(--_surface);
      }
      .poll.archived {
        background: var(--_surface-alt);
      }
      .meta {
        display: flex;
        flex-wrap: wrap;
        gap: 0.25rem 0.75rem;
        color: var(--_muted);
      }
      .bars {
        max-width: 40rem;
      }
      .copy-result {
        margin: 0.75rem 0 0;
      }
      textarea {
        width: 100%;
        max-width: 40rem;
        font-family: ui-monospace, monospace;
      }
    `,
  ];

  @state() private polls: AdminPoll[] | undefined;
  @state() private loadError: unknown;
  @state() private refreshError: unknown;
  @state() private loadedAt: Date | undefined;
  /** The poll whose close/archive request is on its way. */
  @state() private busyPoll = '';
  @state() private actionError: { pollId: string; message: Wording } | undefined;
  @state() private copy: CopyOutcome | undefined;
  /** What the editor typed to find a poll among many: words of its question or ID, diacritics optional. */
  @state() private query = '';
  /** How many polls the search shows, said once typing pauses (as the web links list does). */
  private readonly found = new LiveRegion(this);
  /**
   * How many polls there are, said once the list has come: in a region of its own, there from the
   * start, so that it comes after the page's "signed in" (said a moment before) instead of
   * replacing it.
   */
  private readonly listed = new LiveRegion(this);
  /** The polls the search shows, and how many it says they are (nothing while nothing is typed). */
  private search: { shown: AdminPoll[]; count: string } = { shown: [], count: '' };

  /** What to focus once it is rendered (a heading or button of a poll), or ''. */
  private pendingFocus = '';
  private timer: ReturnType<typeof setInterval> | undefined;
  private loading: AbortController | undefined;
  /** A refresh fell due while the list was hidden: it is made when the list shows again. */
  private refreshDue = false;
  private readonly onPageBack = (): void => {
    if (document.visibilityState === 'visible') this.refresh();
  };

  /**
   * The page keeps the list, hidden, while the form is open: then it asks the server nothing (a
   * request every 10 s for nobody to see), and a refresh that fell due meanwhile is made as soon
   * as it shows again. (Its `hidden` attribute tells; a Boolean property's Lit code is left out of
   * the classic script.)
   */
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'hidden'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'hidden' && value === null && this.refreshDue) this.refresh();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.refresh();
    this.timer = setInterval(() => this.refresh(), REFRESH_SECONDS * 1000);
    window.addEventListener('focus', this.onPageBack);
    document.addEventListener('visibilitychange', this.onPageBack);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
    this.loading?.abort();
    window.removeEventListener('focus', this.onPageBack);
    document.removeEventListener('visibilitychange', this.onPageBack);
  }

  override render(): TemplateResult {
    const text = this.text;
    const newPoll = html`<button class="button primary" type="button" id="new-poll" @click=${this.onNew}>${text.newPoll}</button>`;
    return this.renderSection('polls-title', text.pollsTitle, newPoll, html`${this.renderStatus()} ${this.renderPolls()} ${this.listed.render()}`);
  }

  /** Gives the focus to the heading of `pollId` (just saved) once the list shows it, else to "new poll". */
  focusPoll(pollId: string | undefined): void {
    this.pendingFocus = pollId ? `[data-heading="${CSS.escape(pollId)}"]` : '#new-poll';
    this.requestUpdate();
  }

  /**
   * A poll the form saved, as the server answered: in the list at once, a new one first; shown
   * even if the search would hide it (the search is then cleared).
   */
  showSaved(saved: AdminPoll): void {
    // A refresh on its way was read before the save: it would take the poll out again.
    this.loading?.abort();
    this.loading = undefined;
    this.polls = withVersion(this.polls, saved);
    if (!holdsAll(saved, queryWords(this.query))) this.query = '';
  }

  /** Gives the focus back to the "Edit" button of `pollId` once the list shows it, else to "new poll". */
  focusEditButton(pollId: string | undefined): void {
    this.pendingFocus = pollId ? `[data-edit="${CSS.escape(pollId)}"]` : '#new-poll';
    this.requestUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    const words = queryWords(this.query);
    const polls = this.polls ?? [];
    const shown = words.length ? polls.filter((poll) => holdsAll(poll, words)) : polls;
    const count = words.length ? (shown.length ? this.text.searchShows(shown.length, polls.length) : this.text.searchNone) : '';
    this.search = { shown, count };
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    // Said as the editor types: a refresh or another editor's new poll says nothing by itself.
    if ((changed as PropertyValues).has('query')) this.found.follow(this.search.count);
    if (!this.pendingFocus) return;
    const target = this.renderRoot.querySelector<HTMLElement>(this.pendingFocus);
    // Until the polls have loaded, the element to focus may simply not be there yet.
    if (!target && this.polls === undefined && this.loadError === undefined) return;
    this.pendingFocus = '';
    (target ?? this.renderRoot.querySelector<HTMLElement>('#new-poll'))?.focus();
  }

  private renderStatus(): TemplateResult | typeof nothing {
    const text = this.text;
    if (this.refreshError !== undefined) {
      return html`
        <div class="message error row" role="alert">
          <span>${text.refreshFailed(this.failureText(this.refreshError))}</span>
          <button class="button" type="button" id="refresh" @click=${this.onRefresh}>${text.refresh}</button>
        </div>
      `;
    }
    if (!this.loadedAt) return nothing;
    const time = new Intl.DateTimeFormat(locale(this.language), { timeStyle: 'medium', timeZone: VIETNAM_TIME_ZONE }).format(this.loadedAt);
    return html`
      <p class="row muted">
        <span>${text.updatedAt(time)}</span>
        <button class="button" type="button" id="refresh" @click=${this.onRefresh}>${text.refresh}</button>
      </p>
    `;
  }

  private renderPolls(): TemplateResult {
    if (this.polls === undefined) {
      return this.loadError === undefined ? this.renderLoading() : this.renderLoadError(this.loadError, () => this.onRefresh());
    }
    if (this.polls.length === 0) return html`<p>${this.text.noPolls}</p>`;
    const text = this.text;
    const { shown, count } = this.search;
    return html`
      <div class="field">
        <label for="poll-search">${text.searchPolls}</label>
        <input id="poll-search" type="search" autocomplete="off" aria-describedby="poll-search-hint" .value=${this.query} @input=${this.onSearch} />
        <p class="hint" id="poll-search-hint">${text.searchHint}</p>
      </div>
      ${count ? html`<p>${count}</p>` : nothing} ${this.found.render()}
      <ul class="polls">${repeat(shown, (poll) => poll.id, (poll) => this.renderPoll(poll))}</ul>
    `;
  }

  private onSearch(event: InputEvent): void {
    this.query = (event.target as HTMLInputElement).value;
  }

  private renderPoll(poll: AdminPoll): TemplateResult {
    const text = this.text;
    const headingId = `poll-${poll.id}`;
    return html`
      <li class=${poll.archived ? 'poll archived' : 'poll'}>
        <article aria-labelledby=${headingId}>
          <h3 id=${headingId} data-heading=${poll.id} tabindex="-1">${poll.question}</h3>
          <p class="meta">
            <span>${text.pollId(poll.id)}</span>
            <span>${poll.multiple ? text.multiple : text.single}</span>
            <span class="badge">${poll.closed ? text.statusClosed : text.statusOpen}</span>
            ${poll.archived ? html`<span class="badge">${text.statusArchived}</span>` : nothing}
            <span>${poll.closesAt ? text.closingTime(formatVietnamTime(this.language, poll.closesAt)) : text.noClosingTime}</span>
          </p>
          <ul class="bars" aria-label=${`${text.results}: ${poll.question}`}>
            ${poll.options.map((option) => this.renderResult(option, poll))}
          </ul>
          <p class="muted">${pollMessages[this.language].total(formatNumber(this.language, poll.totalVotes), poll.totalVotes)}</p>
          ${this.renderActions(poll, headingId)} ${this.renderCopyOutcome(poll)}
          ${this.actionError?.pollId === poll.id ? html`<p class="message error" role="alert">${this.actionError.message()}</p>` : nothing}
        </article>
      </li>
    `;
  }

  private renderResult(option: PollOption, poll: AdminPoll): TemplateResult {
    const share = shareOf(option, poll);
    const count = pollMessages[this.language].count(formatNumber(this.language, option.votes), option.votes);
    return html`
      <li class="result">
        <span class="label">${option.label}</span>
        <span class="figures">${formatPercent(this.language, share)} · ${count}</span>
        ${resultBar(share)}
      </li>
    `;
  }

  private renderActions(poll: AdminPoll, headingId: string): TemplateResult {
    const text = this.text;
    return html`
      <div class="row actions">
        <button class="button" type="button" data-edit=${poll.id} aria-describedby=${headingId} @click=${() => this.onEdit(poll)}>
          ${text.edit}
        </button>
        ${this.renderToggle(poll, 'closed', poll.closed ? text.reopen : text.close, headingId)}
        ${this.renderToggle(poll, 'archived', poll.archived ? text.unarchive : text.archive, headingId)}
        <a class="button" href=${this.api.csvUrl(poll.id, this.language)} download=${`${poll.id}.csv`} aria-describedby=${headingId}>${text.downloadCsv}</a>
        <button class="button" type="button" data-copy=${poll.id} aria-describedby=${headingId} @click=${() => this.copySnippet(poll)}>
          ${text.copySnippet}
        </button>
      </div>
    `;
  }

  private renderToggle(poll: AdminPoll, field: Toggle, label: string, headingId: string): TemplateResult {
    return html`
      <button
        class="button"
        type="button"
        data-action=${field}
        aria-describedby=${headingId}
        aria-disabled=${this.busyPoll === poll.id ? 'true' : 'false'}
        @click=${() => this.toggle(poll, field)}
      >
        ${label}
      </button>
    `;
  }

  private renderCopyOutcome(poll: AdminPoll): TemplateResult | typeof nothing {
    if (this.copy?.pollId !== poll.id) return nothing;
    const text = this.text;
    // Said once through the page's live region; shown here for as long as it is true.
    if (this.copy.copied) return html`<p class="message ok copy-result">${text.copied}</p>`;
    const id = `snippet-${poll.id}`;
    return html`
      <div class="copy-result">
        <p class="message error" role="alert">${text.copyFailed}</p>
        <div class="field">
          <label for=${id}>${text.snippet}</label>
          <textarea id=${id} readonly rows="2" .value=${embedSnippet(this.api.publicEndpoint, poll.id)}></textarea>
        </div>
      </div>
    `;
  }

  private onNew(): void {
    this.emit('egov-admin-edit', { poll: undefined });
  }

  private onEdit(poll: AdminPoll): void {
    this.emit('egov-admin-edit', { poll });
  }

  private onRefresh(): void {
    void this.load();
  }

  private listedText(polls: number): string {
    return polls === 0 ? this.text.noPolls : this.text.pollsListed(formatNumber(this.language, polls), polls);
  }

  /** A refresh the list makes by itself (its timer, the page in sight again): kept for later while hidden. */
  private refresh(): void {
    this.refreshDue = this.hidden;
    if (!this.hidden) void this.load();
  }

  /** Loads the polls unless a load is already on its way; a failed refresh keeps the figures shown. */
  private async load(): Promise<void> {
    if (this.loading) return;
    const loading = new AbortController();
    this.loading = loading;
    try {
      const loaded = await this.api.polls(loading.signal);
      // Read before a save the page has shown since (`showSaved`): older than the list shown.
      if (loading.signal.aborted) return;
      // Said once the list has come (at sign-in, after the page's "signed in"), not at each refresh.
      if (this.polls === undefined) this.listed.announce(this.listedText(loaded.length));
      this.polls = inPlace(newest(loaded, this.polls), this.polls);
      this.loadedAt = new Date();
      this.loadError = undefined;
      this.refreshError = undefined;
    } catch (error) {
      if (loading.signal.aborted || this.lostSession(error)) return;
      if (this.polls === undefined) this.loadError = error;
      else this.refreshError = error;
    } finally {
      if (this.loading === loading) this.loading = undefined;
    }
  }

  private async toggle(poll: AdminPoll, field: Toggle): Promise<void> {
    if (this.busyPoll) return;
    const text = this.text;
    const value = !poll[field];
    // Archiving takes the poll off the portal's pages at once: asked first, with what readers will see.
    if (field === 'archived' && value && !window.confirm(text.archiveAsk(poll.question))) return;
    const changes: PollChanges = field === 'closed' ? { closed: value } : { archived: value };
    this.busyPoll = poll.id;
    this.actionError = undefined;
    this.announce(text.working);
    try {
      const updated = await this.api.update(poll.id, changes);
      this.polls = withVersion(this.polls, updated);
      this.announce(this.toggleDone(field, value, updated.question));
      this.emit('egov-admin-changed', { poll: updated });
    } catch (error) {
      if (this.lostSession(error)) return;
      const gone = error instanceof EgovFetchError && error.status === 404;
      this.actionError = { pollId: poll.id, message: () => this.text.actionFailed(gone ? this.text.pollGone : this.failureText(error)) };
    } finally {
      this.busyPoll = '';
    }
  }

  private toggleDone(field: Toggle, value: boolean, question: string): string {
    if (field === 'closed') return this.text.pollDone(value ? 'closed' : 'reopened', question);
    return this.text.pollDone(value ? 'archived' : 'unarchived', question);
  }

  private async copySnippet(poll: AdminPoll): Promise<void> {
    const snippet = embedSnippet(this.api.publicEndpoint, poll.id);
    let copied = false;
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(snippet);
      copied = true;
    } catch {
      copied = false;
    }
    this.copy = { pollId: poll.id, copied };
    if (copied) {
      this.announce(this.text.copied);
    } else {
      await this.updateComplete;
      const area = this.renderRoot.querySelector<HTMLTextAreaElement>(`#snippet-${CSS.escape(poll.id)}`);
      area?.focus();
      area?.select();
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'egov-admin-polls': EgovAdminPolls;
  }
}

/**
 * The list as loaded, but for a poll this page holds in a later version: a change answered while
 * the list was on its way (Close, Archive) is newer than the list, which would bring the poll back
 * as it was (and the next edit would be made on that older version: a needless 412).
 */
function newest(loaded: AdminPoll[], held: readonly AdminPoll[] | undefined): AdminPoll[] {
  const later = new Map((held ?? []).map((poll) => [poll.id, poll]));
  return loaded.map((poll) => {
    const mine = later.get(poll.id);
    return mine?.updatedAt !== undefined && poll.updatedAt !== undefined && mine.updatedAt > poll.updatedAt ? mine : poll;
  });
}

/**
 * The polls in the order the page shows them: those it shows already keep their places (the
 * server lists the last changed first, and a poll closed here or changed by another editor would
 * jump to the top of the list at the next refresh, under the editor's eyes); polls it does not
 * show yet come first, in the server's order.
 */
function inPlace(loaded: AdminPoll[], held: readonly AdminPoll[] | undefined): AdminPoll[] {
  const place = new Map((held ?? []).map((poll, index) => [poll.id, index]));
  const shown = loaded.filter((poll) => place.has(poll.id)).sort((a, b) => place.get(a.id)! - place.get(b.id)!);
  return [...loaded.filter((poll) => !place.has(poll.id)), ...shown];
}

/** The list with `poll` as the server answered it: in its place, or first when the list lacks it. */
function withVersion(polls: readonly AdminPoll[] | undefined, poll: AdminPoll): AdminPoll[] {
  const known = polls ?? [];
  return known.some((each) => each.id === poll.id) ? known.map((each) => (each.id === poll.id ? poll : each)) : [poll, ...known];
}

/** Whether the question or ID of `poll` holds every word searched for (diacritics optional). */
function holdsAll(poll: AdminPoll, words: readonly string[]): boolean {
  return matchesAll(fold(`${poll.question} ${poll.id}`), words);
}
