import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { EgovElement } from '../shared/egov-element.js';
import { LiveRegion } from '../shared/live-region.js';
import { loadPart } from '../shared/load-part.js';
import { RemoteController } from '../shared/remote-controller.js';
import { baseStyles, tokens } from '../shared/styles.js';
import { writeJsonLdLater, withoutEmpty } from '../shared/json-ld.js';
import { formatDate, formatNumber, formatPercent, locale, parsePublished, sharedMessages, type Lang } from '../shared/i18n.js';
import { expectObject, optionalString, requiredString } from '../shared/validate.js';
import { messages } from './article-view.messages.js';
import { articleStyles } from './article-view.styles.js';
import { countWords, readingMinutes } from './article-text.js';
import type { BodyLabels } from './sanitize.js';
import { DEFAULT_TEXT_SIZE_STEP, TEXT_SIZES, loadTextSizeStep, saveTextSizeStep } from './text-size.js';
import type { ReadAloudController } from './read-aloud.js';

/** What the article shows around its body. */
export interface ArticleDetails {
  heading: string;
  /** ISO 8601 date or date-time. */
  published: string;
  author: string;
  summary: string;
}

/** Detail of `egov-article-load`. */
export interface ArticleLoadDetail {
  heading: string;
  published: string;
}

/** A remote article as the JSON gives it: its details and its untrusted HTML body. */
interface ArticleJson extends ArticleDetails {
  body: string;
}

/** A remote article: its details and its sanitized body, ready to render. */
interface RemoteArticle extends ArticleDetails {
  /**
   * The body in one element, rendered as one node however many paragraphs it holds (a list of
   * nodes would be one Lit part each: seconds for a 2 MB body). A re-render finds it again.
   */
  body: HTMLElement;
  words: number;
}

type Tool = 'smaller' | 'reset' | 'larger' | 'print' | 'share' | 'read';

/** The reader actions' part: read aloud and print (article-actions.ts). */
type ArticleActions = typeof import('./article-actions.js');
type Sanitizer = typeof import('./sanitize.js');

declare global {
  interface GlobalEventHandlersEventMap {
    'egov-article-load': CustomEvent<ArticleLoadDetail>;
  }
}

/**
 * One news article with the reading tools portals must offer: text size, print, share and read
 * aloud. The body is either the element's own children (left in the page, where search engines
 * and readers without JavaScript see them) or the HTML `body` of a JSON file, sanitized.
 *
 * @summary News article ("tin bài") with reading tools.
 *
 * @slot - The article body (`<p>`, `<img>`, `<figure>`, `<table>`, …) in inline mode. Ignored
 *   when `src` is set: then it is only seen without the script.
 * @slot fallback - Content for readers whose browser does not run the script (e.g. the heading,
 *   date and byline as plain HTML); hidden once the element upgrades.
 *
 * @fires egov-article-load - The `src` article is rendered. `detail: {heading, published}`.
 * @fires egov-error - `src` could not be loaded (`network` also when the sanitizer's part,
 *   `egov-sanitize.js` beside the one-script bundle, could not), or (`network`) the code of read
 *   aloud and print, `egov-article-actions.js`, at a press of their buttons. `detail: {code, message}`.
 *
 * @csspart article - The `<article>` block.
 * @csspart heading - The heading (`h1`…`h6`).
 * @csspart meta - The line with the date and the reading time.
 * @csspart date - The `<time>` of publication.
 * @csspart reading-time - The estimated reading time.
 * @csspart toolbar - The reading tools.
 * @csspart tool - Each button of the toolbar.
 * @csspart status - The live message of the tools ("Đã sao chép liên kết").
 * @csspart content - Summary and body; the text size applies here.
 * @csspart summary - The summary (lead paragraph).
 * @csspart body - The body.
 * @csspart byline - The byline ("Tin, bài: …").
 * @csspart loading - The loading message while `src` loads.
 * @csspart error - The message shown when `src` fails.
 * @csspart retry-button - The retry button inside `error`.
 *
 * @cssprop --egov-article-font-size - Text size of summary and body at 100% (default: 1.0625em).
 * @cssprop --egov-color-primary - Headings, links and buttons.
 * @cssprop --egov-color-text - Text colour.
 * @cssprop --egov-color-muted - Date, reading time and captions.
 * @cssprop --egov-font-family - Font of the kit.
 */
export class EgovArticleView extends EgovElement {
  static override styles = [tokens, baseStyles, articleStyles];

  static override properties = {
    heading: { useDefault: true },
    published: { useDefault: true },
    author: { useDefault: true },
    summary: { useDefault: true },
    headingLevel: { type: Number, attribute: 'heading-level', useDefault: true },
    src: { useDefault: true },
    textSizeStep: { state: true },
    activeTool: { state: true },
    inlineBodyWords: { state: true },
  };

  /** The headline. */
  heading = '';

  /** Date (`2018-05-11`) or date-time (`2018-05-11T08:30:00+07:00`) of publication, ISO 8601. */
  published = '';

  /** Author, shown in the byline at the end ("Tin, bài: Quang Sơn"). */
  author = '';

  /** The lead paragraph, shown above the body. */
  summary = '';

  /** Level of the heading, 1–6; anything else gives 1. */
  headingLevel = 1;

  /**
   * URL of a JSON article `{heading, published, author, summary?, body}`, `body` being HTML.
   * When set, the article comes from the file alone and the element's children are not shown.
   */
  src = '';

  /** Step on `TEXT_SIZES`, remembered per browser. */
  private textSizeStep = loadTextSizeStep();

  /** The toolbar button that is in the tab order (roving tabindex). */
  private activeTool: Tool = 'smaller';

  /**
   * Words of the body in inline mode: counted from the children before the body's slot is first
   * rendered (so the first render shows the right reading time, with no second render to correct
   * it), then again whenever the slot's children change.
   */
  private inlineBodyWords = 0;

  /** The body's nodes as counted before the slot's first render, until the slot reports them. */
  private countedBeforeSlot: Node[] | undefined;

  /** Reads aloud: created by the first press of its button, once the actions' part is here. */
  private reader: ReadAloudController | undefined;

  /** The actions' part has been asked for since the reader came to the toolbar. */
  private actionsPrefetched = false;

  /** The last press could not load the actions' part: its error is on the status line. */
  private actionFailed = false;

  /** What the last tool reports, shown and announced. */
  private readonly live = new LiveRegion(this, true);

  private readonly remote = new RemoteController(this, {
    url: () => this.src,
    parse: parseArticleJson,
    // The body's table and new-tab labels are in the reader's language: prepared again when it changes.
    prepare: withSanitizedBody,
    // The sanitizer is a part of its own (and DOMPurify's, where the browser has no sanitizer): it
    // comes while the JSON does (a failure here is met again, and shown, when the body is prepared).
    prefetch: () => void loadSanitizer().then((sanitizer) => sanitizer.prefetchFallback(), () => undefined),
    onLoad: (article) => this.emit('egov-article-load', { heading: article.heading, published: article.published }),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    fitInlineBody(this);
  }

  override render(): unknown {
    if (!this.src) {
      const body = html`<slot @slotchange=${this.onBodySlotChange}></slot>`;
      return this.renderArticle(this.inlineDetails, this.inlineWords, body);
    }
    return this.remote.render({ complete: (article) => this.renderArticle(article, article.words, article.body) });
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (!this.src && (!this.hasUpdated || changed.has('src'))) this.countedBeforeSlot = this.countInlineWords();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    writeJsonLdLater(this, () => {
      const article = this.shownArticle;
      return article && newsArticleJsonLd(article.details, article.words, this.language);
    });
    this.warnBadDate();
  }

  /** An unreadable `published` shows no date; the webmaster is told once. */
  private warnBadDate(): void {
    const published = this.src ? this.shownArticle?.details.published : this.published;
    if (published?.trim() && !parsePublished(published)) this.warnOnce(`"${published}" is not an ISO 8601 date; no date is shown.`);
  }

  private get inlineWords(): number {
    return countWords(this.summary) + this.inlineBodyWords;
  }

  private get inlineDetails(): ArticleDetails {
    return { heading: this.heading, published: this.published, author: this.author, summary: this.summary };
  }

  /** The article on screen with its word count, or `undefined` while loading or after a failure. */
  private get shownArticle(): { details: ArticleDetails; words: number } | undefined {
    if (!this.src) return this.heading ? { details: this.inlineDetails, words: this.inlineWords } : undefined;
    const article = this.remote.status === 'complete' ? this.remote.value : undefined;
    return article ? { details: article, words: article.words } : undefined;
  }

  private renderArticle(article: ArticleDetails, words: number, body: unknown): TemplateResult {
    const text = messages[this.language];
    return html`
      <article part="article">
        ${this.renderHeading(article.heading)}
        <p class="meta" part="meta">
          ${this.renderDate(article.published)}
          <span part="reading-time">${text.readingTime(formatNumber(this.language, readingMinutes(words)))}</span>
        </p>
        ${this.renderToolbar(article)}
        ${this.live.render()}
        <div class="content size-${this.textSizeStep}" part="content">
          ${article.summary ? html`<p class="summary" part="summary">${article.summary}</p>` : nothing}
          <div class="body" part="body">${body}</div>
        </div>
        ${article.author ? html`<p class="byline" part="byline">${text.byline(article.author)}</p>` : nothing}
      </article>
    `;
  }

  /**
   * The heading at `heading-level`; a fixed template per level keeps markup static and safe.
   * Focusable by script: where the reader starts once a retried article has come (EgovElement).
   */
  private renderHeading(heading: string): TemplateResult | typeof nothing {
    if (!heading) return nothing;
    switch (this.validHeadingLevel) {
      case 2:
        return html`<h2 part="heading" tabindex="-1">${heading}</h2>`;
      case 3:
        return html`<h3 part="heading" tabindex="-1">${heading}</h3>`;
      case 4:
        return html`<h4 part="heading" tabindex="-1">${heading}</h4>`;
      case 5:
        return html`<h5 part="heading" tabindex="-1">${heading}</h5>`;
      case 6:
        return html`<h6 part="heading" tabindex="-1">${heading}</h6>`;
      default:
        return html`<h1 part="heading" tabindex="-1">${heading}</h1>`;
    }
  }

  private get validHeadingLevel(): number {
    const level = this.headingLevel;
    return Number.isInteger(level) && level >= 1 && level <= 6 ? level : 1;
  }

  private renderDate(published: string): TemplateResult | typeof nothing {
    const date = parsePublished(published);
    if (!date) return nothing;
    return html`
      <span>
        <span class="visually-hidden">${messages[this.language].published}</span>
        <time part="date" datetime=${published.trim()}>${formatDate(this.language, date)}</time>
      </span>
    `;
  }

  private renderToolbar(article: ArticleDetails): TemplateResult {
    const text = messages[this.language];
    const step = this.textSizeStep;
    const last = TEXT_SIZES.length - 1;
    return html`
      <div
        class="toolbar"
        role="toolbar"
        aria-label=${text.tools}
        part="toolbar"
        @keydown=${this.onToolbarKeydown}
        @focusin=${this.onToolbarFocusin}
        @pointerenter=${this.prefetchActions}
      >
        ${this.renderTool('smaller', text.smaller, 'A−', () => this.setTextSize(step - 1), step === 0)}
        ${this.renderTool('reset', text.resetSize, 'A', () => this.setTextSize(DEFAULT_TEXT_SIZE_STEP), step === DEFAULT_TEXT_SIZE_STEP)}
        ${this.renderTool('larger', text.larger, 'A+', () => this.setTextSize(step + 1), step === last)}
        ${this.renderTool('print', text.print, '', () => this.act((actions) => actions.printAlone(this)))}
        ${this.renderTool('share', text.share, '', () => void this.share(article.heading))}
        ${canSpeak() ? this.renderReadAloud(article) : nothing}
      </div>
    `;
  }

  /**
   * A toolbar button. With an `icon`, the label is its tooltip, which is then also its name (said
   * once: a hidden copy of it made the tooltip a description, read a second time); without, the
   * label is the visible text. A disabled button keeps focus (`aria-disabled`, its action a
   * no-op), so pressing "larger" up to the end does not drop the reader's focus.
   */
  private renderTool(tool: Tool, label: string, icon: string, run: () => void, disabled = false): TemplateResult {
    return html`
      <button
        class="button"
        type="button"
        part="tool"
        data-tool=${tool}
        tabindex=${tool === this.activeTool ? 0 : -1}
        title=${ifDefined(icon ? label : undefined)}
        aria-disabled=${disabled ? 'true' : 'false'}
        @click=${run}
      >
        ${icon ? html`<span aria-hidden="true">${icon}</span>` : label}
      </button>
    `;
  }

  private renderReadAloud(article: ArticleDetails): TemplateResult {
    const text = messages[this.language];
    const speaking = this.reader?.speaking ?? false;
    return html`
      <button
        class="button ${speaking ? 'primary' : ''}"
        type="button"
        part="tool"
        data-tool="read"
        tabindex=${this.activeTool === 'read' ? 0 : -1}
        title=${ifDefined(speaking ? text.stopReading : undefined)}
        aria-pressed=${speaking ? 'true' : 'false'}
        @click=${() => this.toggleReading(article)}
      >
        <span aria-hidden="true">${speaking ? '■' : '▶'}</span>${text.readAloud}
      </button>
    `;
  }

  private onToolbarKeydown(event: KeyboardEvent): void {
    const buttons = [...(event.currentTarget as HTMLElement).querySelectorAll('button')];
    const current = buttons.indexOf(event.target as HTMLButtonElement);
    const count = buttons.length;
    const next: Record<string, number> = {
      ArrowRight: (current + 1) % count,
      ArrowLeft: (current - 1 + count) % count,
      Home: 0,
      End: count - 1,
    };
    const index = next[event.key];
    if (index === undefined) return;
    event.preventDefault();
    buttons[index]?.focus();
  }

  private onToolbarFocusin(event: FocusEvent): void {
    this.prefetchActions();
    const tool = (event.target as HTMLElement).dataset['tool'];
    if (tool) this.activeTool = tool as Tool;
  }

  /** The reader comes to the toolbar (focus, pointer): the actions' part starts loading, once, so a press usually finds it here. */
  private readonly prefetchActions = (): void => {
    if (this.actionsPrefetched) return;
    this.actionsPrefetched = true;
    loadActions().catch(() => undefined);
  };

  /**
   * Runs a press of print or read aloud with the actions' part: usually here already, else waited
   * for (speech needs only the page's past activation, print none). A part that cannot be loaded
   * is said on the status line and reported as `egov-error` `network`; the next press tries again.
   */
  private act(run: (actions: ArticleActions) => void): void {
    // `updateComplete` waits for it: then the action has run, or its failure is on the status line.
    this.whileLoading(
      loadActions(),
      (actions) => {
        if (this.actionFailed) this.live.announce('');
        this.actionFailed = false;
        // Gone from the page while it loaded: no speech that nothing could stop, no print.
        if (this.isConnected) run(actions);
      },
      () => {
        this.actionFailed = true;
        this.live.announce(sharedMessages[this.language].network);
      },
    );
  }

  private setTextSize(step: number): void {
    if (step < 0 || step >= TEXT_SIZES.length || step === this.textSizeStep) return;
    this.textSizeStep = step;
    saveTextSizeStep(step);
    const percent = formatPercent(this.language, TEXT_SIZES[step]! / 100);
    this.live.announce(messages[this.language].textSize(percent));
  }

  /** Shares with the Web Share API where there is one, else copies the page address. */
  private async share(heading: string): Promise<void> {
    const url = location.href;
    if (typeof navigator.share === 'function') {
      try {
        await navigator.share({ title: heading, url });
        return;
      } catch (error) {
        // The reader closed the share sheet: nothing to do. Any other failure: copy instead.
        if (error instanceof DOMException && error.name === 'AbortError') return;
      }
    }
    const text = messages[this.language];
    try {
      await navigator.clipboard.writeText(url);
      this.live.announce(text.copied);
    } catch {
      this.live.announce(text.copyFailed(url));
    }
  }

  private toggleReading(article: ArticleDetails): void {
    this.act(({ ReadAloudController }) => {
      const reader = (this.reader ??= new ReadAloudController(this, () => this.live.announce(messages[this.language].readFailed)));
      if (reader.speaking) reader.stop();
      else reader.start([article.heading, article.summary, ...this.bodyNodes()], locale(this.language));
    });
  }

  /**
   * The nodes of the body: inline, the children the body's slot shows (known before the slot is
   * rendered); from `src`, the sanitized nodes.
   */
  private bodyNodes(): Node[] {
    const nodes = this.src ? [...(this.renderRoot.querySelector('.body')?.childNodes ?? [])] : defaultSlotted(this);
    return nodes.filter((node) => isText(node) || (node instanceof Element && !NOT_TEXT.has(node.localName)));
  }

  /** Counts the words of the inline body's `nodes`; returns them. */
  private countInlineWords(nodes = this.bodyNodes()): Node[] {
    this.inlineBodyWords = nodes.reduce((words, node) => words + countWords(node.textContent ?? ''), 0);
    return nodes;
  }

  /** The slot's children changed; on its first render, it shows the nodes just counted. */
  private onBodySlotChange(): void {
    // Again with new content: the page's script may have set its own list of sheets since.
    fitInlineBody(this);
    const counted = this.countedBeforeSlot;
    this.countedBeforeSlot = undefined;
    const nodes = this.bodyNodes();
    if (counted?.length === nodes.length && counted.every((node, index) => node === nodes[index])) return;
    this.countInlineWords(nodes);
  }
}

/** Children of the host that hold no article text (the JSON-LD script among them). */
/** The rules of `fitInlineBody`, made at the first need. */
let inlineBodyRules: CSSStyleSheet | undefined;

/**
 * Keeps an inline body's images, frames and tables, wherever the CMS's HTML nests them, within the
 * widget's width (a phone's): rules its shadow root cannot give (`::slotted` reaches only the
 * top-level children), adopted by the document (or shadow root) the element is in, at zero
 * specificity, so the page's own rules still win (a table scrolls sideways on a phone's screen,
 * and prints whole). A remote body is styled in the shadow root.
 */
function fitInlineBody(host: Element): void {
  const root = host.getRootNode() as Document | ShadowRoot;
  // A browser without constructed stylesheets (before Safari 16.4) leaves the body as the page has
  // it; so does a page whose own HTML names an image `adoptedStyleSheets` (it shadows the document's).
  if (!Array.isArray(root.adoptedStyleSheets)) return;
  if (!inlineBodyRules) {
    const inside = `:where(${host.localName}) :where`;
    inlineBodyRules = new CSSStyleSheet();
    // An image shrunk keeps the proportions its width and height attributes give (one sized by a
    // height alone keeps it); a table only on a phone's screen, where the page would scroll
    // sideways (elsewhere a `width: 100%` table, as Bootstrap's, keeps filling its box).
    inlineBodyRules.replaceSync(
      `${inside}(img,video,iframe,svg,canvas){max-width:100%}${inside}(img,video)[width][height]{height:auto}@media screen and (max-width:40em){${inside}(table){display:block;max-width:100%;overflow-x:auto}}`,
    );
  }
  if (!root.adoptedStyleSheets.includes(inlineBodyRules)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, inlineBodyRules];
}

const NOT_TEXT = new Set(['script', 'style', 'template']);

function isText(node: Node): boolean {
  return node.nodeType === Node.TEXT_NODE;
}

/**
 * What a default `<slot>` in `host`'s shadow root shows, as its `assignedNodes({flatten: true})`
 * would give it, but read from the children, so it is known before the slot exists: each text
 * node and element without a slot name, a `<slot>` child inside another shadow root replaced by
 * what it shows in turn.
 */
function defaultSlotted(host: Element): Node[] {
  return [...host.childNodes].flatMap((node) => {
    if (isText(node)) return [node];
    if (!(node instanceof Element) || node.slot) return [];
    const forwarded = node instanceof HTMLSlotElement && node.getRootNode() instanceof ShadowRoot;
    return forwarded ? node.assignedNodes({ flatten: true }) : [node];
  });
}

/** The sanitizer of remote bodies (sanitize.ts and what it uses), a part: loaded once (again after a failure). */
function loadSanitizer(): Promise<Sanitizer> {
  return loadPart(() => import('./sanitize.js'));
}

/** The reader actions' part, loaded once (again after a failure). */
function loadActions(): Promise<ArticleActions> {
  return loadPart(() => import('./article-actions.js'));
}

/**
 * Whether this browser can speak at all. Asked on first render, so without reading
 * `speechSynthesis` where the browser's own getter stands: its first read sets speech up
 * (milliseconds that every page would pay, speaking or not). A plain value in its place (a
 * script's shim, or none) is read as it is.
 */
function canSpeak(): boolean {
  if (typeof window.SpeechSynthesisUtterance !== 'function') return false;
  const own = Object.getOwnPropertyDescriptor(window, 'speechSynthesis');
  if (own?.get) return true;
  const synth: SpeechSynthesis | undefined = own ? own.value : window.speechSynthesis;
  return typeof synth?.speak === 'function';
}

/** The article with its body sanitized, the labels the sanitizer adds in `lang`, and its words counted. */
async function withSanitizedBody({ body, ...details }: ArticleJson, lang: Lang, signal: AbortSignal): Promise<RemoteArticle> {
  const labels: BodyLabels = { table: messages[lang].table, newTab: sharedMessages[lang].opensInNewTab };
  // Only the sanitizer's part (or its fallback's) can fail to arrive: reported as the network's fault, to retry.
  const { sanitizeBody } = await loadSanitizer();
  const sanitized = await sanitizeBody(body, labels, signal);
  const words = countWords(`${details.summary} ${sanitized.textContent ?? ''}`);
  return { ...details, body: sanitized, words };
}

/** Reads the article JSON: required strings, an optional summary, and the body, still untrusted. */
function parseArticleJson(data: unknown): ArticleJson {
  const json = expectObject(data, 'article');
  return {
    heading: requiredString(json, 'heading'),
    published: requiredString(json, 'published'),
    author: requiredString(json, 'author'),
    summary: optionalString(json, 'summary') ?? '',
    body: requiredString(json, 'body'),
  };
}

function newsArticleJsonLd(article: ArticleDetails, words: number, lang: Lang): Record<string, unknown> {
  const published = parsePublished(article.published) ? article.published.trim() : undefined;
  return withoutEmpty({
    '@type': 'NewsArticle',
    headline: article.heading,
    datePublished: published,
    author: article.author ? { '@type': 'Person', name: article.author } : undefined,
    description: article.summary,
    inLanguage: lang,
    wordCount: words || undefined,
  });
}

declare global {
  interface HTMLElementTagNameMap {
    'egov-article-view': EgovArticleView;
  }
}
