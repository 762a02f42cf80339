import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { EgovElement } from '../shared/egov-element.js';
import { keyword } from '../shared/keyword.js';
import type { EgovFetchError } from '../shared/fetch-json.js';
import { formatNumber, formatPercent } from '../shared/i18n.js';
import { LiveRegion } from '../shared/live-region.js';
import { RemoteController } from '../shared/remote-controller.js';
import { safeHref } from '../shared/safe-url.js';
import { baseStyles, tokens } from '../shared/styles.js';
import { castVote, MAX_ATTEMPTS, outcomeOfRefusal, type LostBallot, type VoteOutcome } from './cast-vote.js';
import { apiBase, parsePoll, shareOf, type Poll, type PollOption } from './poll-data.js';
import { resultBar } from './result-bar.js';
import { messages } from './poll.messages.js';
import { pollStyles } from './poll.styles.js';
import { rememberedVote, rememberVote, voterToken, type RememberedVote } from './voter-storage.js';

/** Who sees the results: anyone who asks, those who voted, or everyone once the poll has closed. */
export type ShowResults = 'always' | 'after-vote' | 'after-close';

const SHOW_RESULTS: readonly ShowResults[] = ['always', 'after-vote', 'after-close'];

/**
 * The poll boxes in the page: a vote counted in one shows at once in the others of the same poll
 * (a second box, or the box a page's partial post-back put in its place while the vote was on
 * its way), not only at their next load.
 */
const boxes = new Set<EgovPoll>();

/** Detail of `egov-poll-vote`. */
export interface PollVoteDetail {
  pollId: string;
  /** The ids of the options the reader chose. */
  options: string[];
}

declare global {
  interface GlobalEventHandlersEventMap {
    'egov-poll-vote': CustomEvent<PollVoteDetail>;
  }
}

/** What the reader is told above the results: a vote's outcome, or that this browser's vote is remembered. */
type Notice = VoteOutcome['kind'] | 'remembered-vote';

/** A vote in flight: the attempt and wait announced while it is repeated. */
interface Progress {
  attempt: number;
  waitSeconds: number;
  /** The server asked to wait (`429`). */
  busy: boolean;
}

/**
 * A reader's poll ("Bình chọn"): the question with its options, then the results — bars, shares,
 * counts and the reader's own choice. The browser keeps a random voter token (`egov-voter` in
 * `localStorage`) and remembers each poll it voted in, so a reader who voted sees the results on
 * every later visit.
 *
 * @summary Reader poll with live results, one vote per browser.
 *
 * @slot fallback - Content for readers whose browser does not run the script (e.g. the question
 *   and a link to the poll page); hidden once the element upgrades.
 *
 * @fires egov-poll-vote - A vote was counted (by the box in its place, if the page replaced the box meanwhile). `detail: {pollId, options}`.
 * @fires egov-error - The poll could not be loaded, a vote failed, or `poll-id` is missing
 *   (`code: "config"`). `detail: {code, message}`.
 *
 * @csspart poll - The whole widget.
 * @csspart form - The voting form.
 * @csspart question - The question (legend of the options, or title of the results).
 * @csspart option - One choice: its radio button or checkbox and label.
 * @csspart actions - The row of buttons under the options.
 * @csspart vote-button - The "Bình chọn" button.
 * @csspart results-button - The "Xem kết quả" button.
 * @csspart progress - The line saying a vote is being sent again.
 * @csspart results - The results block.
 * @csspart notice - A notice above the results (vote counted, poll closed…).
 * @csspart options - The list of results.
 * @csspart result - One option's result: label, share, count and bar.
 * @csspart share - An option's share of the ballots (`36,4%`).
 * @csspart count - An option's number of votes.
 * @csspart bar - The track of an option's bar.
 * @csspart fill - The filled part of an option's bar, drawn by its top border (style its `border-color`).
 * @csspart total - "Tổng số: … lượt bình chọn".
 * @csspart back-button - The "Quay lại" button from the results to the form.
 * @csspart loading - The loading message.
 * @csspart error - A failure message.
 * @csspart retry-button - The retry button inside `error`.
 *
 * @cssprop --egov-poll-bar-color - Result bars (default: the primary colour).
 * @cssprop --egov-poll-bar-mine-color - The bar of the reader's own choice (default: the accent colour).
 * @cssprop --egov-poll-track-color - The empty part of a bar.
 * @cssprop --egov-color-primary - Primary colour of the kit.
 * @cssprop --egov-font-family - Font of the kit.
 */
export class EgovPoll extends EgovElement {
  static override styles = [tokens, baseStyles, pollStyles];

  static override properties = {
    endpoint: { useDefault: true },
    pollId: { attribute: 'poll-id', useDefault: true },
    showResults: { attribute: 'show-results', useDefault: true },
    selection: { state: true },
    peeking: { state: true },
    vote: { state: true },
    answered: { state: true },
    notice: { state: true },
    submitting: { state: true },
    progress: { state: true },
  };

  /** Base URL of the Poll API; requests go to `{endpoint}/polls/{poll-id}`. */
  endpoint = '/api';

  /** Id of the poll on the server (required), e.g. `nghi-le`. */
  pollId = '';

  /**
   * `always` (default): a "Xem kết quả" button before voting and the results after;
   * `after-vote`: results only after voting; `after-close`: results only once the poll has closed.
   */
  showResults: ShowResults = 'always';

  private selection: readonly string[] = [];
  /** The reader asked to see the results before voting. */
  private peeking = false;
  /** This browser's vote in this poll, if it cast one. */
  private vote: RememberedVote | undefined;
  /** Results from the answer to a vote: newer than the loaded ones. */
  private answered: Poll | undefined;
  private notice: Notice | undefined;
  private submitting = false;
  /** A ballot that failed after it may have been counted (its answer lost): see `castVote`. */
  private lost: LostBallot = {};
  private progress: Progress | undefined;

  /** The configuration problem already reported as `egov-error`, so it is reported once. */
  private reportedProblem = '';

  private readonly loader = new RemoteController(this, {
    url: () => this.pollUrl,
    parse: parsePoll,
    describe: (error) => this.failureText(error),
    retry: () => this.reload(),
  });

  /** The vote in flight or last sent: its failures are told and reported as the loader's are. */
  private readonly ballot = new RemoteController<VoteOutcome>(this, {
    describe: (error) => this.failureText(error),
    recover: outcomeOfRefusal,
    retry: () => this.retryVote(),
  });

  /** What a screen reader says when the state changes. */
  private readonly live = new LiveRegion(this);

  override connectedCallback(): void {
    super.connectedCallback();
    boxes.add(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    boxes.delete(this);
  }

  override render(): TemplateResult {
    return html`
      <div class="poll" part="poll" lang=${this.language}>
        ${this.renderState()}
        ${this.live.render()}
      </div>
    `;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('endpoint') || changed.has('pollId')) this.startOver();
    if (changed.has('showResults')) this.warnUnknown('show-results', this.showResults, SHOW_RESULTS, 'results shown always');
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const problem = this.configProblem;
    if (problem && problem !== this.reportedProblem) {
      const reason = problem === 'missingPollId' ? 'the poll-id attribute is missing' : `endpoint "${this.endpoint}" is not an http(s) URL`;
      this.reportError('config', `<egov-poll>: ${reason}`);
    }
    this.reportedProblem = problem ?? '';
  }

  /** `{endpoint}/polls/{poll-id}` as an absolute URL, or '' when the attributes do not make one. */
  private get pollUrl(): string {
    const id = this.pollId.trim();
    if (!id) return '';
    return safeHref(`${apiBase(this.endpoint)}/polls/${encodeURIComponent(id)}`) ?? '';
  }

  private get configProblem(): 'missingPollId' | 'badEndpoint' | undefined {
    if (!this.pollId.trim()) return 'missingPollId';
    return this.pollUrl ? undefined : 'badEndpoint';
  }

  private get mode(): ShowResults {
    return keyword(this.showResults, SHOW_RESULTS) ?? 'always';
  }

  /** The newest results known: from a vote's answer, else from the last completed load. */
  private get poll(): Poll | undefined {
    return this.answered ?? (this.loader.status === 'complete' ? this.loader.value : undefined);
  }

  /** A new poll (or a new server): forget everything about the previous one. */
  private startOver(): void {
    const url = this.pollUrl;
    this.recall(url ? rememberedVote(url) : undefined);
    this.selection = this.vote?.options ?? [];
    this.answered = undefined;
    this.peeking = false;
    // A new object: a vote still on its way notes its loss in the old one, not for this poll.
    this.lost = {};
    this.ballot.reset();
  }

  private renderState(): unknown {
    const problem = this.configProblem;
    if (problem) return html`<p class="load-error" role="alert" part="error">${messages[this.language][problem]}</p>`;
    const poll = this.poll;
    if (!poll) return this.loader.render({ complete: () => nothing });
    if (poll.closed || this.notice === 'closed-before-vote') return this.renderResults(poll, true);
    if (this.vote) return this.mode === 'after-close' ? this.renderThanks(poll) : this.renderResults(poll, false);
    if (this.peeking && this.mode === 'always') return this.renderResults(poll, false);
    return this.renderForm(poll);
  }

  private renderForm(poll: Poll): TemplateResult {
    const text = messages[this.language];
    const chosen = this.chosenIn(poll);
    return html`
      <!-- method="dialog" outside a <dialog>: submitting never navigates, even where the submit
           listener cannot cancel it (a page that polluted Object.prototype.passive makes every
           Lit listener passive, and preventDefault() is then ignored). -->
      <form part="form" method="dialog" aria-busy=${this.submitting ? 'true' : 'false'} @submit=${this.onSubmit}>
        <fieldset>
          <legend part="question" tabindex="-1">
            <!-- The space in the question's own text: a space alone between the two is left out of the group's name. -->
            ${poll.multiple ? html`${`${poll.question} `}<span class="hint">${text.multipleHint}</span>` : poll.question}
          </legend>
          ${poll.options.map((option) => this.renderChoice(option, poll.multiple, chosen.includes(option.id)))}
        </fieldset>
        <div class="actions" part="actions">
          <button
            class="button primary"
            type="submit"
            part="vote-button"
            ?disabled=${chosen.length === 0}
            aria-disabled=${this.submitting ? 'true' : 'false'}
          >
            ${this.submitting ? text.submitting : text.vote}
          </button>
          ${this.mode === 'always'
            ? html`<button class="button" type="button" part="results-button" @click=${this.onPeek}>${text.viewResults}</button>`
            : nothing}
        </div>
        ${this.progress ? html`<p class="progress" part="progress">${this.progressText(this.progress)}</p>` : nothing}
        ${this.ballot.renderError()}
      </form>
    `;
  }

  private renderChoice(option: PollOption, multiple: boolean, checked: boolean): TemplateResult {
    return html`
      <label class="choice" part="option">
        <input
          type=${multiple ? 'checkbox' : 'radio'}
          name="choice"
          value=${option.id}
          .checked=${checked}
          @change=${this.onChoose}
        />
        <span>${option.label}</span>
      </label>
    `;
  }

  private renderResults(poll: Poll, closed: boolean): TemplateResult {
    const text = messages[this.language];
    const mine = this.vote?.options ?? [];
    return html`
      <div class="results" part="results">
        <p class="question" id="question" part="question" tabindex="-1">${poll.question}</p>
        ${closed && this.notice !== 'closed-before-vote' ? html`<p class="notice" part="notice">${text.closed}</p>` : nothing}
        ${this.renderNotice()}
        <ul class="bars" part="options" aria-labelledby="question">
          ${poll.options.map((option) => this.renderResult(option, poll, mine.includes(option.id)))}
        </ul>
        <p class="total" part="total">${text.total(formatNumber(this.language, poll.totalVotes), poll.totalVotes)}</p>
        ${closed || this.vote
          ? nothing
          : html`<button class="button" type="button" part="back-button" @click=${this.onBack}>${text.back}</button>`}
      </div>
    `;
  }

  private renderResult(option: PollOption, poll: Poll, mine: boolean): TemplateResult {
    const text = messages[this.language];
    const share = shareOf(option, poll);
    return html`
      <li class=${mine ? 'result mine' : 'result'} part="result">
        <span class="label">${option.label}${mine ? html` <span class="mine-note">${text.yourChoice}</span>` : nothing}</span>
        <span class="figures">
          <span part="share">${formatPercent(this.language, share)}</span>
          · <span part="count">${text.count(formatNumber(this.language, option.votes), option.votes)}</span>
        </span>
        ${resultBar(share)}
      </li>
    `;
  }

  /** After voting in an `after-close` poll: the thanks and the choice, but no figures yet. */
  private renderThanks(poll: Poll): TemplateResult {
    const text = messages[this.language];
    const labels = poll.options.filter((option) => this.vote?.options.includes(option.id)).map((option) => option.label);
    return html`
      <div class="results" part="results">
        <p class="question" id="question" part="question" tabindex="-1">${poll.question}</p>
        ${this.renderNotice()}
        ${labels.length ? html`<p class="notice" part="notice">${text.yourChoices(labels.join(', '))}</p>` : nothing}
        <p class="total">${text.resultsLater}</p>
      </div>
    `;
  }

  private renderNotice(): TemplateResult | typeof nothing {
    return this.notice ? html`<p class="notice" part="notice">${this.noticeText(this.notice)}</p>` : nothing;
  }

  private noticeText(notice: Notice): string {
    return messages[this.language][notice];
  }

  private progressText(progress: Progress): string {
    const text = messages[this.language];
    return progress.busy
      ? text.waiting(this.duration(progress.waitSeconds))
      : text.retrying(progress.attempt, MAX_ATTEMPTS);
  }

  /** `5 giây`, `2 phút`: how long to wait, rounded up to whole minutes past one minute. */
  private duration(seconds: number): string {
    const text = messages[this.language];
    return seconds < 60 ? text.seconds(Math.max(1, Math.ceil(seconds))) : text.minutes(Math.ceil(seconds / 60));
  }

  /** The server's poll answers, in the reader's words; `undefined` for the kit's sentence. */
  private failureText(error: EgovFetchError): string | undefined {
    const text = messages[this.language];
    switch (error.status) {
      case 400:
        return text.rejected;
      case 404:
        return text.notFound;
      case 413:
        return text.voteTooLarge;
      case 429:
        return text.rateLimited(error.retryAfter === undefined ? text.fewMinutes : this.duration(error.retryAfter));
      default:
        return undefined;
    }
  }

  /** The options chosen that this poll has (one at most on a single-choice poll). */
  private chosenIn(poll: Poll): string[] {
    const chosen = this.selection.filter((id) => poll.options.some((option) => option.id === id));
    return poll.multiple ? chosen : chosen.slice(0, 1);
  }

  private onChoose(event: Event): void {
    const form = (event.target as HTMLInputElement).form;
    if (!form) return;
    this.selection = [...form.querySelectorAll<HTMLInputElement>('input:checked')].map((input) => input.value);
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.submit();
  }

  private onPeek(): void {
    this.peeking = true;
    // The button goes with the form: the focus goes to the results' title, their first focusable.
    this.live.announce(messages[this.language].results);
  }

  private onBack(): void {
    this.peeking = false;
    this.focusTarget = this.selection.length ? 'input:checked' : 'input';
  }

  private reload(): void {
    this.answered = undefined;
    this.ballot.reset();
    void this.loader.run();
  }

  /** Retry after a failed vote: send the same choice again, or reload a poll that refused it. */
  private retryVote(): void {
    const status = this.ballot.error?.status;
    if (status === 400 || status === 404) this.reload();
    else void this.submit();
  }

  private async submit(): Promise<void> {
    const poll = this.poll;
    const url = this.pollUrl;
    const options = poll ? this.chosenIn(poll) : [];
    if (this.submitting || !poll || options.length === 0) return;
    this.submitting = true;
    this.live.announce(messages[this.language].submitting);
    const ballot = { options, voter: voterToken() };
    // Dropped unseen if the reader switches the element to another poll meanwhile (`startOver`).
    const outcome = await this.ballot.run(() =>
      castVote(
        `${url}/votes`,
        ballot,
        (attempt, waitSeconds, busy) => {
          this.progress = { attempt, waitSeconds, busy };
          this.live.announce(this.progressText(this.progress));
        },
        this.lost,
      ),
    );
    this.submitting = false;
    this.progress = undefined;
    // A failure is said by its error view (an alert), and the status line no longer says a vote is
    // on its way; an answer, counted or not (409, 410), by `accept`.
    if (!outcome) {
      this.live.announce('');
      return;
    }
    this.lost = {};
    // The form and its buttons make way for the results: the focus goes to their title, their
    // first focusable (see EgovElement.update).
    this.accept(outcome);
  }

  /** Every outcome of a vote, the one place that turns it into what the reader sees. */
  private accept(outcome: VoteOutcome): void {
    this.notice = outcome.kind;
    if (outcome.kind !== 'closed-before-vote') {
      // After "already counted" the server does not say what was chosen then: what this browser
      // remembers of it is marked (a vote from another tab, or another box of the same poll), else nothing.
      this.vote = outcome.kind === 'counted' ? { options: outcome.options } : (rememberedVote(this.pollUrl) ?? { options: [] });
      rememberVote(this.pollUrl, this.vote);
    }
    this.showAnswer(outcome.poll);
    this.live.announce(this.noticeText(outcome.kind));
    if (outcome.kind !== 'counted') return;
    // Out of the page (replaced while the vote was on its way), the box in its place tells the page.
    let teller: EgovPoll | undefined;
    for (const box of boxes) {
      if (box.pollUrl === this.pollUrl && !box.vote) {
        box.recall(this.vote);
        box.showAnswer(outcome.poll);
        if (!this.isConnected) teller = box;
      }
    }
    (teller ?? this).emit('egov-poll-vote', { pollId: this.pollId.trim(), options: outcome.options });
  }

  /** Shows `vote` as this browser's vote in the poll, made before (kept in storage, or counted in another box). */
  private recall(vote: RememberedVote | undefined): void {
    this.vote = vote;
    this.notice = vote ? 'remembered-vote' : undefined;
  }

  /** Shows the results an answer carried, or loads them when it carried none. */
  private showAnswer(poll: Poll | undefined): void {
    this.answered = poll;
    if (!poll) void this.loader.run();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'egov-poll': EgovPoll;
  }
}
