import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import { EgovFetchError } from '../../../src/shared/fetch-json.js';
import { formatNumber } from '../../../src/shared/i18n.js';
import { baseStyles, tokens } from '../../../src/shared/styles.js';
import { changedPoll, refusedField, refusedWith, type AdminPoll, type OptionDraft, type PollChanges, type PollDraft } from './admin-api.js';
import { idWithSuffix, pollIdBase } from '../../http/admin/poll-ids.js';
import { closingTimePassed, MAX_LABEL_LENGTH, MAX_OPTIONS, MAX_POLL_ID_LENGTH, MAX_QUESTION_LENGTH, SLUG } from '../../storage/poll-rules.js';
import { AdminElement, type Wording } from './admin-element.js';
import { adminStyles } from './admin.styles.js';
import { formatVietnamTime, isoToVietnamInput, vietnamInputToIso } from './vietnam-time.js';

/** Detail of `egov-admin-saved`. */
export interface SavedDetail {
  poll: AdminPoll;
  created: boolean;
}

/** Detail of `egov-admin-cancel`: the poll that was being edited, if any. */
export interface CancelDetail {
  pollId: string | undefined;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'egov-admin-saved': CustomEvent<SavedDetail>;
    'egov-admin-cancel': CustomEvent<CancelDetail>;
  }
}

/** A text field says how many characters it still takes from this many on. */
const CHARACTERS_LEFT_SHOWN = 20;

/** The id the server would give a poll of `question` made without one, past the ids `taken`. */
function freePollId(question: string, taken: ReadonlySet<string>): string {
  const base = pollIdBase(question, MAX_POLL_ID_LENGTH);
  let number = 1;
  while (taken.has(idWithSuffix(base, number, MAX_POLL_ID_LENGTH))) number++;
  return idWithSuffix(base, number, MAX_POLL_ID_LENGTH);
}

/** The changes that make `poll` say `draft`: its question, closing time and options (in place, position by position). */
function changesFrom(draft: PollDraft, poll: AdminPoll): PollChanges {
  const options = draft.options.map((option, index) => {
    const id = poll.options[index]?.id;
    return id === undefined ? { label: option.label } : { id, label: option.label };
  });
  return { question: draft.question, closesAt: draft.closesAt, options };
}


/** A request that reached the server, or may have, whose answer never came: its outcome is unknown. */
function answerLost(error: unknown): boolean {
  return error instanceof EgovFetchError && (error.code === 'network' || error.code === 'timeout');
}

/**
 * Whether `poll` already says what `draft` would write: its question, its options (labels in
 * order, ids where given), and its id, kind and closing time where given.
 */
function says(poll: AdminPoll, draft: PollDraft | PollChanges): boolean {
  const options = draft.options ?? [];
  const kept = (given: unknown, stored: unknown) => given === undefined || given === stored;
  return (
    kept(draft.question, poll.question) &&
    kept('id' in draft ? draft.id : undefined, poll.id) &&
    kept('multiple' in draft ? draft.multiple : undefined, poll.multiple) &&
    (draft.closesAt === undefined || (draft.closesAt === null ? poll.closesAt === undefined : Date.parse(draft.closesAt) === Date.parse(poll.closesAt ?? ''))) &&
    options.length === poll.options.length &&
    options.every((option, index) => option.label === poll.options[index]!.label && kept(option.id, poll.options[index]!.id))
  );
}

/** Two labels that read the same, for a reader choosing between them, have the same key. */
function sameLabelKey(label: string): string {
  return label.trim().normalize('NFC').toLocaleLowerCase('vi');
}

/** One option row of the form; `key` keeps its fields (and focus) with it when rows move. */
interface OptionRow {
  key: number;
  /** The server's id of an option that exists; absent for one being added. */
  id: string | undefined;
  label: string;
  votes: number;
}

/**
 * The form's text fields, by the name the body sent gives each (and a `400` names): the state that
 * holds it and the message that labels it.
 */
const TEXT_FIELDS = {
  question: { state: 'question', label: 'question' },
  id: { state: 'pollId', label: 'pollIdLabel' },
  closesAt: { state: 'closesInput', label: 'closesAtLabel' },
} as const;

type TextFieldName = keyof typeof TEXT_FIELDS;

type FieldName = TextFieldName | 'options' | `option-${number}`;

const isTextField = (name: string): name is TextFieldName => Object.hasOwn(TEXT_FIELDS, name);

/** The state the form's fields edit: a change there checks the errors already said again. */
const FORM_FIELDS = [...Object.values(TEXT_FIELDS).map((field) => field.state), 'rows'];

/** Where the focus goes once errors are said: the first field in error, else "add an option" (the options' own error). */
const FIRST_ERROR = '[aria-invalid="true"], #add-option';

/** A text field of the form. Its control's id also names its hint (`…-hint`) and error (`…-error`). */
interface TextField {
  id: string;
  /** Where `validate()` puts this field's error; it also gives the field's label (`labelOf`). */
  field: FieldName;
  /** Said under the control, and read with it. */
  hint?: string | undefined;
  /** A `<textarea>` of this many rows; otherwise an `<input>`. */
  rows?: number;
  type?: 'text' | 'datetime-local';
  maxLength?: number;
  step?: number;
  /** An id rather than words: no spell check, no capital first letter. */
  notWords?: boolean;
  value: string;
  onInput: (value: string) => void;
}

/**
 * Creates a poll, or edits one (`poll` set): the question, the closing date and time in Vietnam's
 * time zone, and the options, which are added, removed and reordered with buttons that work from
 * the keyboard and say what they did.
 *
 * @fires egov-admin-saved - The server created or updated the poll. `detail: {poll, created}`.
 * @fires egov-admin-cancel - The editor left the form without saving. `detail: {pollId}`.
 */
export class EgovAdminPollForm extends AdminElement {
  static override styles = [
    tokens,
    baseStyles,
    adminStyles,
    css`
      .options {
        margin: 0 0 0.75rem;
        padding: 0;
        list-style: none;
      }
      .option {
        display: flex;
        flex-wrap: wrap;
        align-items: flex-end;
        gap: 0.5rem;
        margin-bottom: 0.75rem;
      }
      .option .field {
        flex: 1 1 16rem;
        margin: 0;
      }
      .option-buttons {
        display: flex;
        gap: 0.25rem;
      }
      .actions {
        margin-top: 1rem;
      }
    `,
  ];

  /** The poll to edit; undefined to create a new one. */
  @property({ attribute: false }) poll: AdminPoll | undefined;

  @state() private question = '';
  @state() private pollId = '';
  @state() private multiple = false;
  @state() private closesInput = '';
  @state() private rows: OptionRow[] = [];
  @state() private errors: Partial<Record<FieldName, string>> = {};
  @state() private saving = false;
  @state() private failure: Wording | undefined;

  /** The closing time the form opened with: unchanged, it is not sent (so its seconds are kept). */
  private initialClosesInput = '';
  /**
   * The version of the poll this edit is made on (its `updatedAt` when the form opened), sent with
   * the save: the server refuses it (`412`) when another editor has changed the poll since. After
   * that refusal it is the version the server sent, so that saving again overwrites it knowingly.
   */
  private basedOn: string | undefined;
  private nextKey = 0;
  private started = false;
  /** `written()` when the form was filled (`startFrom`). */
  private opened = '';
  /** After a `412`: the next save puts the whole form in place of the version now stored. */
  private overwrite = false;
  /** The ids of the options of every version of the poll this form has shown: those it lacks, the editor removed. */
  private seenOptions = new Set<string>();
  /** A create whose answer was lost (`saveNew`): the id it was sent with, and what it said. */
  private lostCreate: { id: string; draft: PollDraft } | undefined;
  /** The language `errors` were worded in. */
  private errorsWorded: string | undefined;
  /** An id the server said another poll has (`409 id_taken`): an error of the field while it holds it. */
  private takenId = '';
  /** A field the server refused (a `400` naming it) and what it held: an error of the field while it holds that. */
  private refused: { field: FieldName; value: string | undefined } | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('poll') || !this.started) this.startFrom(this.poll);
    else if (Object.keys(this.errors).length && (FORM_FIELDS.some((name) => (changed as Map<PropertyKey, unknown>).has(name)) || this.errorsWorded !== this.language)) {
      // Said once (at a save), the errors follow the form: each goes as its field is put right,
      // and all of them speak the page's language.
      this.errors = this.validate();
    }
  }

  override render(): TemplateResult {
    const text = this.text;
    const editing = this.poll !== undefined;
    const errorCount = Object.keys(this.errors).length;
    return html`
      <form method="dialog" novalidate aria-labelledby="form-title" @submit=${this.onSubmit}>
        <h2 id="form-title" tabindex="-1">${editing ? text.editTitle : text.createTitle}</h2>
        ${errorCount ? html`<p class="message error">${text.fixErrors(errorCount)}</p>` : nothing}
        ${this.renderQuestion()} ${this.renderIdAndChoice()} ${this.renderClosingTime()} ${this.renderOptionList()}
        ${this.failure ? html`<p class="message error" role="alert" id="save-error">${this.failure()}</p>` : nothing}
        <div class="row actions">
          <button class="button primary" type="submit" aria-disabled=${this.saving ? 'true' : 'false'}>
            ${this.saving ? text.saving : editing ? text.save : text.create}
          </button>
          <button class="button" type="button" aria-disabled=${this.saving ? 'true' : 'false'} @click=${this.onCancel}>${text.cancel}</button>
        </div>
      </form>
    `;
  }

  /** Puts the focus on the form's title, for the page to call once the form is shown. */
  focusTitle(): void {
    this.renderRoot.querySelector<HTMLElement>('#form-title')?.focus();
  }

  private renderQuestion(): TemplateResult {
    return this.renderField({
      id: 'question',
      field: 'question',
      rows: 2,
      maxLength: MAX_QUESTION_LENGTH,
      value: this.question,
      onInput: (value) => (this.question = value),
    });
  }

  private renderIdAndChoice(): TemplateResult {
    const text = this.text;
    const poll = this.poll;
    if (poll) {
      return html`<p class="muted">${text.pollIdFixed(poll.id)} · ${poll.multiple ? text.multiple : text.single}</p>`;
    }
    return html`
      ${this.renderField({
        id: 'poll-id',
        field: 'id',
        hint: text.pollIdHint,
        maxLength: MAX_POLL_ID_LENGTH,
        notWords: true,
        value: this.pollId,
        onInput: (value) => (this.pollId = value),
      })}
      <label class="check">
        <input
          type="checkbox"
          .checked=${this.multiple}
          @change=${(event: Event) => (this.multiple = (event.target as HTMLInputElement).checked)}
        />
        ${text.multipleLabel}
      </label>
    `;
  }

  private renderClosingTime(): TemplateResult {
    const text = this.text;
    const iso = this.closesInput ? vietnamInputToIso(this.closesInput) : undefined;
    return this.renderField({
      id: 'closes-at',
      field: 'closesAt',
      hint: iso ? (closingTimePassed(iso) ? text.closesAtPassedReadable : text.closesAtReadable)(formatVietnamTime(this.language, iso)) : text.closesAtHint,
      type: 'datetime-local',
      step: 60,
      value: this.closesInput,
      onInput: (value) => (this.closesInput = value),
    });
  }

  private renderOptionList(): TemplateResult {
    const text = this.text;
    const full = this.rows.length >= MAX_OPTIONS;
    return html`
      <fieldset aria-describedby="options-error">
        <legend>${this.labelOf('options')}</legend>
        <ol class="options">
          ${repeat(this.rows, (row) => row.key, (row, index) => this.renderOption(row, index))}
        </ol>
        ${this.renderError('options', 'options-error')}
        <button class="button" type="button" id="add-option" aria-disabled=${full ? 'true' : 'false'} @click=${this.onAdd}>
          ${text.addOption}
        </button>
      </fieldset>
    `;
  }

  private renderOption(row: OptionRow, index: number): TemplateResult {
    const text = this.text;
    const position = index + 1;
    const name = text.optionName(position, row.label.trim());
    const first = index === 0;
    const last = index === this.rows.length - 1;
    return html`
      <li class="option" data-key=${row.key}>
        ${this.renderField({
          id: `option-${row.key}`,
          field: `option-${row.key}`,
          hint: row.votes > 0 ? text.optionVotes(formatNumber(this.language, row.votes), row.votes) : undefined,
          maxLength: MAX_LABEL_LENGTH,
          value: row.label,
          onInput: (value) => this.relabel(row.key, value),
        })}
        <div class="option-buttons">
          ${this.renderMoveButton(row.key, name, -1, first)} ${this.renderMoveButton(row.key, name, 1, last)}
          <button
            class="button"
            type="button"
            data-remove
            aria-label=${text.removeOption(name)}
            aria-disabled=${row.votes > 0 ? 'true' : 'false'}
            aria-describedby=${ifDefined(row.votes > 0 ? `option-${row.key}-hint` : undefined)}
            @click=${() => this.removeOption(row.key)}
          >
            ${text.remove}
          </button>
        </div>
      </li>
    `;
  }

  /**
   * "Up" (`-1`) or "Down" (`1`), named "Move option 2 “Yes” up" for the option `name`; still
   * focusable when it has nowhere to go.
   */
  private renderMoveButton(key: number, name: string, step: -1 | 1, disabled: boolean): TemplateResult {
    const text = this.text;
    const action = step < 0 ? text.moveUp : text.moveDown;
    const label = step < 0 ? text.moveUpOption(name) : text.moveDownOption(name);
    return html`
      <button
        class="button"
        type="button"
        data-move=${step < 0 ? 'up' : 'down'}
        aria-label=${label}
        aria-disabled=${disabled ? 'true' : 'false'}
        @click=${() => this.move(key, step)}
      >
        ${action}
      </button>
    `;
  }

  /** A labelled text field with its hint, if any, and the place where its error is said. */
  private renderField(field: TextField): TemplateResult {
    const { id } = field;
    // Near its limit a field says how much more it takes: past it, `maxlength` cuts what is typed
    // or pasted without a word.
    const left = field.maxLength === undefined ? Infinity : field.maxLength - field.value.length;
    const limit = left <= CHARACTERS_LEFT_SHOWN ? this.text.charactersLeft(Math.max(0, left), field.maxLength!) : undefined;
    const hint = [field.hint, limit].filter(Boolean).join(' ') || undefined;
    const invalid = this.errors[field.field] ? 'true' : 'false';
    const describedBy = hint === undefined ? `${id}-error` : `${id}-hint ${id}-error`;
    const onInput = (event: InputEvent) => field.onInput((event.target as HTMLInputElement | HTMLTextAreaElement).value);
    const control =
      field.rows === undefined
        ? html`<input
            id=${id}
            type=${field.type ?? 'text'}
            maxlength=${ifDefined(field.maxLength)}
            step=${ifDefined(field.step)}
            spellcheck=${ifDefined(field.notWords ? 'false' : undefined)}
            autocapitalize=${ifDefined(field.notWords ? 'none' : undefined)}
            aria-invalid=${invalid}
            aria-describedby=${describedBy}
            .value=${field.value}
            @input=${onInput}
          />`
        : html`<textarea
            id=${id}
            rows=${field.rows}
            maxlength=${ifDefined(field.maxLength)}
            aria-invalid=${invalid}
            aria-describedby=${describedBy}
            .value=${field.value}
            @input=${onInput}
          ></textarea>`;
    return html`
      <div class="field">
        <label for=${id}>${this.labelOf(field.field)}</label>
        ${control} ${hint === undefined ? nothing : html`<p class="hint" id=${`${id}-hint`}>${hint}</p>`}
        ${this.renderError(field.field, `${id}-error`)}
      </div>
    `;
  }

  private renderError(field: FieldName, id: string): TemplateResult {
    const message = this.errors[field];
    return html`<p class="field-error" id=${id} ?hidden=${!message}>${message ?? ''}</p>`;
  }

  /** Fills the form from `poll`, or empties it with two blank options for a new poll. */
  private startFrom(poll: AdminPoll | undefined): void {
    this.started = true;
    this.question = poll?.question ?? '';
    this.pollId = poll?.id ?? '';
    this.multiple = poll?.multiple ?? false;
    this.closesInput = poll?.closesAt ? (isoToVietnamInput(poll.closesAt) ?? '') : '';
    this.initialClosesInput = this.closesInput;
    this.basedOn = poll?.updatedAt;
    const options = poll?.options ?? [
      { id: undefined, label: '', votes: 0 },
      { id: undefined, label: '', votes: 0 },
    ];
    this.rows = options.map((option) => this.rowOf(option));
    this.errors = {};
    this.failure = undefined;
    this.opened = this.written();
    this.overwrite = false;
    this.lostCreate = undefined;
    this.refused = undefined;
    this.seenOptions = new Set(poll?.options.map((option) => option.id));
  }

  /** A row of the form for `option`, with a key of its own. */
  private rowOf(option: { id: string | undefined; label: string; votes: number }): OptionRow {
    return { key: this.nextKey++, id: option.id, label: option.label, votes: option.votes };
  }

  /** What the editor has written, to tell whether anything would be lost (`onLeave`). */
  private written(): string {
    return JSON.stringify([this.question, this.pollId, this.multiple, this.closesInput, this.rows.map((row) => [row.id, row.label])]);
  }

  /**
   * Leaving the page (closing the tab, reloading, following a link) with something written and not
   * saved: the browser asks first. Nothing is asked once it is saved, or when nothing was changed.
   */
  private readonly onLeave = (event: BeforeUnloadEvent): void => {
    if (!this.unsaved()) return;
    event.preventDefault();
    // Older browsers ask only when returnValue is set.
    event.returnValue = '';
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('beforeunload', this.onLeave);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('beforeunload', this.onLeave);
  }

  private relabel(key: number, label: string): void {
    this.rows = this.rows.map((row) => (row.key === key ? { ...row, label } : row));
  }

  private async onAdd(): Promise<void> {
    if (this.rows.length >= MAX_OPTIONS) {
      this.announce(this.text.tooMany(MAX_OPTIONS));
      return;
    }
    const row = this.rowOf({ id: undefined, label: '', votes: 0 });
    this.rows = [...this.rows, row];
    this.announce(this.text.added(this.rows.length));
    await this.focusAfterUpdate(`#option-${row.key}`);
  }

  /** Moves an option one place up (`-1`) or down (`1`); the focus stays on the button pressed. */
  private async move(key: number, step: -1 | 1): Promise<void> {
    const text = this.text;
    const from = this.rows.findIndex((row) => row.key === key);
    const to = from + step;
    if (from < 0) return;
    if (to < 0 || to >= this.rows.length) {
      this.announce(step < 0 ? text.atTop : text.atBottom);
      return;
    }
    const rows = [...this.rows];
    const [moved] = rows.splice(from, 1);
    rows.splice(to, 0, moved!);
    this.rows = rows;
    // Named as its buttons name it (its place before the move), then where it went.
    this.announce(text.moved(text.optionName(from + 1, moved!.label.trim()), to + 1));
    // Moving a row moves its focused button in the DOM, which drops the focus: give it back.
    await this.focusAfterUpdate(`[data-key="${key}"] [data-move="${step < 0 ? 'up' : 'down'}"]`);
  }

  /**
   * Removes an option; the focus goes to the option that took its place, else the one before, else
   * "add". One that has votes stays, as the server keeps it (its button says why, like "Up" at the top).
   */
  private async removeOption(key: number): Promise<void> {
    const index = this.rows.findIndex((row) => row.key === key);
    if (index < 0) return;
    const removed = this.rows[index]!;
    if (removed.votes > 0) {
      this.announce(this.text.optionHasVotes);
      return;
    }
    // Its error, if it had one, goes with it (willUpdate checks the errors said again).
    this.rows = this.rows.filter((row) => row.key !== key);
    this.announce(this.text.removed(this.text.optionName(index + 1, removed.label.trim())));
    const next = this.rows[index] ?? this.rows[index - 1];
    await this.focusAfterUpdate(next ? `#option-${next.key}` : '#add-option');
  }

  /** Whether something written in the form is not saved: what leaving it now would lose. */
  unsaved(): boolean {
    return this.started && this.written() !== this.opened;
  }

  /** True while a save is on its way: what it sends may be saved whatever the form does now. */
  isSaving(): boolean {
    return this.saving;
  }

  /**
   * Cancel drops what was written: the editor is asked first, as when leaving the page. Not while
   * a save is on its way (it would land unseen, the editor believing it dropped).
   */
  private onCancel(): void {
    this.leave();
  }

  /** Leaves the form as Cancel does (also the browser's Back: admin-page.ts); false where it stays. */
  leave(): boolean {
    if (this.saving) return false;
    if (this.unsaved() && !window.confirm(this.text.discardChanges)) return false;
    this.emit('egov-admin-cancel', { pollId: this.poll?.id });
    return true;
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.save();
  }

  /** What is wrong with the form, field by field, in the order the fields appear. */
  private validate(): Partial<Record<FieldName, string>> {
    const text = this.text;
    this.errorsWorded = this.language;
    const errors: Partial<Record<FieldName, string>> = {};
    if (!this.question.trim()) errors.question = text.questionRequired;
    const pollId = this.pollId.trim();
    if (!this.poll && pollId) {
      if (pollId.length > MAX_POLL_ID_LENGTH) errors.id = text.idTooLong(MAX_POLL_ID_LENGTH);
      else if (!SLUG.test(pollId)) errors.id = text.badId;
      else if (pollId === this.takenId) errors.id = text.idTaken;
    }
    const closesAt = this.closesInput ? vietnamInputToIso(this.closesInput) : null;
    if (closesAt === undefined) errors.closesAt = text.badDate;
    // A poll closes now by its Close button; a closing time the editor gave in the past would close
    // it without a word. One that passed while the poll ran, left as it was, is no error.
    else if (closesAt && this.closesInput !== this.initialClosesInput && closingTimePassed(closesAt)) errors.closesAt = text.closesAtPast;
    // A label said twice (case, spaces and how its accents are encoded aside) is an error on the later one.
    const seen = new Map<string, number>();
    this.rows.forEach((row, index) => {
      const label = sameLabelKey(row.label);
      if (!label) errors[`option-${row.key}`] = text.optionEmpty;
      else if (seen.has(label)) errors[`option-${row.key}`] = text.optionRepeated(seen.get(label)!);
      else seen.set(label, index + 1);
    });
    if (this.rows.length < 2) errors.options = text.optionsTooFew;
    const refused = this.refused;
    if (refused && !errors[refused.field] && this.heldIn(refused.field) === refused.value) {
      errors[refused.field] = text.fieldRefused(this.labelOf(refused.field));
    }
    return errors;
  }

  private async save(): Promise<void> {
    if (this.saving) return;
    this.errors = this.validate();
    this.failure = undefined;
    const errorCount = Object.keys(this.errors).length;
    if (errorCount) {
      // Said at the save only: the summary above the form follows each fix silently (an alert
      // there spoke again at every key), the field in focus says its own error.
      this.announce(this.text.fixErrors(errorCount));
      await this.focusAfterUpdate(FIRST_ERROR);
      return;
    }
    this.saving = true;
    this.announce(this.text.saving);
    // The options as sent, in order: rows may be added, moved or removed while the save is on its way.
    const sentRows = this.rows.map((row) => row.key);
    try {
      const poll = this.poll ? await this.saveEdit(this.poll) : await this.saveNew(this.draft());
      this.opened = this.written();
      this.emit('egov-admin-saved', { poll, created: !this.poll });
    } catch (error) {
      if (this.idWasTaken(error) || this.fieldWasRefused(error, sentRows)) return;
      if (!this.lostSession(error)) this.failure = () => this.saveFailure(error);
      this.takeChangedVersion(changedPoll(error));
    } finally {
      this.saving = false;
    }
  }

  /**
   * Creates the poll, once only, however its answers are lost (the network, a timeout) and however
   * late a slow server makes it. It is sent with its id — the editor's, or the one the server would
   * make from the question (`-2`, `-3`… past the polls there are, read first) — and sent again with
   * the same id after a lost answer, so it cannot make a second poll: once that id is found made
   * as it was sent, that is this create's, and what the editor changed in the form since is saved
   * on it.
   */
  private async saveNew(draft: PollDraft, again = false): Promise<AdminPoll> {
    const polls = await this.api.polls();
    const lost = this.lostCreate;
    const made = lost && polls.find((poll) => poll.id === lost.id && says(poll, lost.draft));
    if (made) return says(made, draft) ? made : this.api.update(made.id, { ...changesFrom(draft, made), updatedAt: made.updatedAt });
    const taken = new Set(polls.map((poll) => poll.id));
    const id = draft.id ?? lost?.id ?? freePollId(draft.question, taken);
    try {
      return await this.api.create({ ...draft, id });
    } catch (error) {
      // The id was taken meanwhile: by this create's first sending, made late by a slow server
      // (found made, once read again), or by another editor's poll (another id is made).
      if (!again && refusedWith(error, 409, 'id_taken') && (lost?.id === id || draft.id === undefined)) return this.saveNew(draft, true);
      if (answerLost(error)) this.lostCreate = { id, draft: { ...draft, id } };
      throw error;
    }
  }

  /**
   * Saves the edit. Refused as made on another version (412) while the stored version already says
   * what the form would write, the edit is saved: most often this form's own save, whose answer
   * was lost, sent again.
   */
  private async saveEdit(poll: AdminPoll): Promise<AdminPoll> {
    const changes = this.changes();
    try {
      return await this.api.update(poll.id, changes);
    } catch (error) {
      const current = changedPoll(error);
      if (current && says(current, changes)) return current;
      throw error;
    }
  }

  /** A `409 id_taken`: an error of the id field, said and given the focus, as the form's own checks are. */
  private idWasTaken(error: unknown): boolean {
    if (this.poll || !refusedWith(error, 409, 'id_taken')) return false;
    this.takenId = this.pollId.trim();
    this.errors = this.validate();
    this.announce(this.text.idTaken);
    void this.focusAfterUpdate('#poll-id');
    return true;
  }

  /**
   * A `400` naming a field of the form: an error of that field, in the form's words for it, said and
   * given the focus, as the form's own checks are. False for a `400` that names none.
   */
  private fieldWasRefused(error: unknown, sentRows: readonly number[]): boolean {
    const field = this.fieldAt(refusedField(error) ?? [], sentRows);
    if (!field) return false;
    this.refused = { field, value: this.heldIn(field) };
    this.errors = this.validate();
    this.announce(this.errors[field] ?? this.text.invalidData);
    void this.focusAfterUpdate(FIRST_ERROR);
    return true;
  }

  /**
   * The form's field for the names on the way to a field of the body sent (`['options', '2',
   * 'label']`); an option by the row it was sent from (`sentRows`: the rows' keys as sent, in
   * order), none when that row has been removed since.
   */
  private fieldAt([name, index]: string[], sentRows: readonly number[]): FieldName | undefined {
    if (name !== undefined && isTextField(name)) return name;
    if (name !== 'options') return undefined;
    if (index === undefined) return 'options';
    const key = sentRows[Number(index)];
    return this.rows.some((row) => row.key === key) ? `option-${key}` : undefined;
  }

  /** What `field` holds now; for the options, the whole list (undefined: an option row no longer there). */
  private heldIn(field: FieldName): string | undefined {
    if (isTextField(field)) return this[TEXT_FIELDS[field].state];
    if (field === 'options') return JSON.stringify(this.rows.map((row) => [row.id, row.label]));
    return this.rows.find((row) => `option-${row.key}` === field)?.label;
  }

  /** The form's label of `field` (an option by its place in the list now). */
  private labelOf(field: FieldName): string {
    const text = this.text;
    if (isTextField(field)) return text[TEXT_FIELDS[field].label];
    if (field === 'options') return text.optionsLegend;
    return text.optionLabel(this.rows.findIndex((row) => `option-${row.key}` === field) + 1);
  }

  /**
   * Another editor changed the poll meanwhile: what this editor wrote stays as it is; the next save
   * is made on the version now stored, and each option says the votes it has there.
   */
  private takeChangedVersion(current: AdminPoll | undefined): void {
    if (!current) return;
    this.basedOn = current.updatedAt;
    // Saved again, the form replaces that version whole: its closing time too, though unchanged here.
    this.overwrite = true;
    const stored = new Map(current.options.map((option) => [option.id, option]));
    // An option this form lists that was removed there is added again as a new one (the form is
    // put in place whole); one added there is added to the form, after its own (it may have votes,
    // which the server never lets go: without it here, saving again could only be refused).
    const rows = this.rows.map((row) => {
      if (row.id === undefined) return row;
      const option = stored.get(row.id);
      return option ? { ...row, votes: option.votes } : { ...row, id: undefined, votes: 0 };
    });
    // Not one this editor removed, unless it has votes now (the server would refuse to drop it).
    const listed = new Set(rows.map((row) => row.id));
    const added = current.options.filter((option) => !listed.has(option.id) && (!this.seenOptions.has(option.id) || option.votes > 0));
    for (const option of current.options) this.seenOptions.add(option.id);
    this.rows = [...rows, ...added.map((option) => this.rowOf(option))];
  }

  private options(): OptionDraft[] {
    return this.rows.map((row) => (row.id === undefined ? { label: row.label.trim() } : { id: row.id, label: row.label.trim() }));
  }

  private closesAt(): string | null {
    return this.closesInput ? (vietnamInputToIso(this.closesInput) ?? null) : null;
  }

  private draft(): PollDraft {
    const draft: PollDraft = { question: this.question.trim(), multiple: this.multiple, closesAt: this.closesAt(), options: this.options() };
    const id = this.pollId.trim();
    return id ? { id, ...draft } : draft;
  }

  private changes(): PollChanges {
    const changes: PollChanges = { question: this.question.trim(), options: this.options() };
    if (this.overwrite || this.closesInput !== this.initialClosesInput) changes.closesAt = this.closesAt();
    if (this.basedOn !== undefined) changes.updatedAt = this.basedOn;
    return changes;
  }

  private saveFailure(error: unknown): string {
    const text = this.text;
    if (error instanceof EgovFetchError && error.status === 409) return this.poll ? text.optionHasVotes : text.idTaken;
    if (error instanceof EgovFetchError && error.status === 404) return text.pollGone;
    if (error instanceof EgovFetchError && error.status === 412) return text.pollChanged(text.cancel, text.save);
    return this.failureText(error);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'egov-admin-poll-form': EgovAdminPollForm;
  }
}
