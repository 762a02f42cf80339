import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { baseStyles, tokens } from '../../../src/shared/styles.js';
import type { AuditAction, AuditEntry } from './admin-api.js';
import { AdminElement } from './admin-element.js';
import { adminStyles } from './admin.styles.js';
import type { messages } from './admin.messages.js';
import { formatVietnamTime } from './vietnam-time.js';

type Words = (typeof messages)['vi'];

/** The message key of each audit action the API names. */
const ACTION_WORDS: Record<AuditAction, keyof Words> = {
  'sign-in': 'actionSignIn',
  'sign-out': 'actionSignOut',
  create: 'actionCreate',
  update: 'actionUpdate',
  close: 'actionClose',
  reopen: 'actionReopen',
  archive: 'actionArchive',
  unarchive: 'actionUnarchive',
};

/**
 * The audit trail: who did what and when, newest first. Loaded when shown and again whenever
 * `revision` changes (the page bumps it after each change an editor makes).
 */
export class EgovAdminAudit extends AdminElement {
  static override styles = [
    tokens,
    baseStyles,
    adminStyles,
    css`
      .table-wrap {
        overflow-x: auto;
      }
      table {
        border-collapse: collapse;
        width: 100%;
      }
      caption {
        text-align: start;
        color: var(--_muted);
        padding-bottom: 0.5rem;
      }
      th,
      td {
        padding: 0.375rem 0.5rem;
        border-bottom: 1px solid var(--_border);
        text-align: start;
        vertical-align: top;
      }
      td.detail {
        overflow-wrap: anywhere;
      }
    `,
  ];

  /** Bumped by the page after a change, to load the trail again. */
  @property({ type: Number }) revision = 0;

  @state() private entries: AuditEntry[] | undefined;
  @state() private loadError: unknown;

  private loading: AbortController | undefined;
  /**
   * The trail's box is cut off (a phone, a large zoom): then a named region the keyboard reaches,
   * to scroll it (axe scrollable-region-focusable); where the table fits, a table. One that comes
   * to fit while it has the focus stays a stop until the focus leaves it (as an article's tables).
   */
  @state() private cutOff = false;
  private readonly sizes = new ResizeObserver(() => this.measure());
  private watched: Element | undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('revision') || changed.has('endpoint')) void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.loading?.abort();
    this.sizes.disconnect();
    this.watched = undefined;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const wrap = this.renderRoot.querySelector('.table-wrap') ?? undefined;
    if (wrap === this.watched) return;
    this.sizes.disconnect();
    this.watched = wrap;
    if (wrap) [wrap, wrap.firstElementChild!].forEach((box) => this.sizes.observe(box));
  }

  private measure(): void {
    const wrap = this.watched;
    const cutOff = !!wrap && wrap.scrollWidth > wrap.clientWidth;
    if (cutOff || !wrap?.matches(':focus')) this.cutOff = cutOff;
  }

  override render(): TemplateResult {
    const text = this.text;
    const refresh = html`<button class="button" type="button" @click=${this.onRefresh}>${text.refresh}</button>`;
    return this.renderSection('audit-title', text.auditTitle, refresh, this.renderEntries());
  }

  private renderEntries(): TemplateResult | typeof nothing {
    const text = this.text;
    if (this.loadError !== undefined) return this.renderLoadError(this.loadError, () => this.onRefresh());
    if (this.entries === undefined) return this.renderLoading();
    if (this.entries.length === 0) return html`<p>${text.noEntries}</p>`;
    return html`
      <div
        class="table-wrap"
        tabindex=${ifDefined(this.cutOff ? 0 : undefined)}
        role=${ifDefined(this.cutOff ? 'region' : undefined)}
        aria-label=${ifDefined(this.cutOff ? text.auditScroll : undefined)}
        @focusout=${this.measure}
      >
        <table>
          <caption>${text.auditCaption}</caption>
          <thead>
            <tr>
              <th scope="col">${text.auditAt}</th>
              <th scope="col">${text.auditActor}</th>
              <th scope="col">${text.auditAction}</th>
              <th scope="col">${text.auditPoll}</th>
              <th scope="col">${text.auditDetail}</th>
            </tr>
          </thead>
          <tbody>
            ${this.entries.map(
              (entry) => html`
                <tr>
                  <td><time datetime=${entry.at}>${formatVietnamTime(this.language, entry.at)}</time></td>
                  <td>${entry.actor}</td>
                  <td>${this.actionName(entry.action)}</td>
                  <td>${entry.pollId ?? ''}</td>
                  <td class="detail">${this.detailText(entry)}</td>
                </tr>
              `,
            )}
          </tbody>
        </table>
      </div>
    `;
  }

  /** An edit's detail names the fields it changed (`question, options`): in the editor's words. */
  private detailText({ action, detail }: AuditEntry): string {
    if (action !== 'update') return detail;
    return detail.split(', ').map(this.text.changedField).join(', ');
  }

  private actionName(action: string): string {
    const key = Object.prototype.hasOwnProperty.call(ACTION_WORDS, action) ? ACTION_WORDS[action as AuditAction] : undefined;
    const words = key ? this.text[key] : undefined;
    return typeof words === 'string' ? words : action;
  }

  private onRefresh(): void {
    void this.load();
  }

  private async load(): Promise<void> {
    this.loading?.abort();
    const loading = new AbortController();
    this.loading = loading;
    try {
      this.entries = await this.api.audit(loading.signal);
      this.loadError = undefined;
    } catch (error) {
      if (loading.signal.aborted || this.lostSession(error)) return;
      this.loadError = error;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'egov-admin-audit': EgovAdminAudit;
  }
}
