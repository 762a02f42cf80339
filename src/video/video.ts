import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { EgovElement } from '../shared/egov-element.js';
import { PageShown } from '../shared/page-shown.js';
import { RemoteController } from '../shared/remote-controller.js';
import { formatDate, formatDuration, parsePublished } from '../shared/i18n.js';
import { leftOut, safeHref } from '../shared/safe-url.js';
import { baseStyles, tokens } from '../shared/styles.js';
import { embedUrl, isYoutubeId, parsePlaylist, watchUrl, type VideoSource } from './playlist.js';
import { messages } from './video.messages.js';
import { videoStyles } from './video.styles.js';

/** The current video once checked: what the frame shows. */
type Shown =
  | { kind: 'file'; src: string }
  | { kind: 'youtube'; id: string }
  | { kind: 'bad-id'; id: string }
  | { kind: 'none' };

/**
 * The portal's video box: a video file or a YouTube video, or a playlist of them, in a 16:9 frame
 * reserved before anything loads. Private by default: a file video waits for play (`preload="none"`)
 * and a YouTube video is a facade — the webmaster's poster (or a drawn placeholder), the title and a
 * play button — until the reader presses play; only then is the `youtube-nocookie.com` player loaded.
 *
 * @summary Video box ("Video"): file or YouTube video behind a facade, with an optional playlist.
 *
 * @slot - Content for readers whose browser does not run the script (a link to the video); hidden
 *   once the element upgrades. Its first `http(s)` link is also offered when a YouTube id is wrong.
 *
 * @fires egov-error - `playlist` could not be loaded (`network`, `timeout`, `http`, `parse`,
 *   `shape`, `too-large`), the video file failed to play (`media`), or `youtube` is not a valid id
 *   (`config`). `detail: {code, message}`.
 *
 * @csspart video - The whole widget.
 * @csspart frame - The 16:9 box the video plays in.
 * @csspart media - The `<video>` or the YouTube `<iframe>`.
 * @csspart facade - The YouTube stand-in before play: poster and play button.
 * @csspart poster - The poster image of the facade.
 * @csspart play-button - The play button of the facade.
 * @csspart title - The title under the frame.
 * @csspart playlist - The list of videos.
 * @csspart item - A video of the list (a button).
 * @csspart current-item - The video of the list now in the frame.
 * @csspart error - The message shown when the video cannot be played, or the playlist not loaded.
 * @csspart video-link - The link to the video inside `error`.
 * @csspart loading - The loading message while the playlist loads.
 * @csspart retry-button - The retry button when the playlist fails.
 *
 * @cssprop --egov-video-placeholder - Background of the frame before a poster or video shows
 *   (default: a dark blue gradient).
 * @cssprop --egov-font-size - Size of the widget; every size inside derives from it (default: medium).
 * @cssprop --egov-color-primary - The play button and the list's links.
 * @cssprop --egov-color-accent - The play button on hover and the current video's mark.
 * @cssprop --egov-font-family - Font of the kit.
 */
export class EgovVideo extends EgovElement {
  static override styles = [tokens, baseStyles, videoStyles];

  static override properties = {
    src: { useDefault: true },
    youtube: { useDefault: true },
    playlist: { useDefault: true },
    poster: { useDefault: true },
    captions: { useDefault: true },
    heading: { useDefault: true },
    current: { state: true },
    started: { state: true },
    failed: { state: true },
  };

  /** URL of a video file (MP4, WebM). */
  src = '';

  /** A YouTube video id (11 letters, digits, `_` or `-`); wins over `src`. */
  youtube = '';

  /** URL of a JSON array `[{title, src | youtube, poster?, captions?, published?, duration?}]`; wins over `src` and `youtube`. */
  playlist = '';

  /** URL of the image shown before play (also the YouTube facade's image). */
  poster = '';

  /** URL of WebVTT captions in the element's language; shown by default. */
  captions = '';

  /** Title of the video, shown under it and naming the play button. */
  heading = '';

  /** Index of the playlist's video in the frame. */
  private current = 0;
  /** The reader pressed play on the YouTube facade. */
  private started = false;
  /** The video file failed to load or play. */
  private failed = false;

  private readonly remote = new RemoteController(this, { url: () => this.playlistUrl, parse: parsePlaylist });

  /** Hidden by the page, the video stops: no one could hear where it plays, or stop it. */
  private readonly page = new PageShown(this);

  /** The playlist as last rendered, to notice a new one. */
  private videos: VideoSource[] | undefined;
  private source: VideoSource | undefined;
  private shown: Shown = { kind: 'none' };
  /** The URLs in use, checked (and warned about) before rendering. */
  private playlistUrl: string | undefined;
  private posterUrl: string | undefined;
  private captionsUrl: string | undefined;
  private reportedId = '';

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('playlist')) this.current = 0;
    // Hidden (and not in the reader's own picture-in-picture window): the YouTube player gives way
    // to its facade, the file pauses — also when it comes back from that window into a hidden box.
    const root = this.shadowRoot;
    if (!this.page.shown && !root?.pictureInPictureElement) {
      this.started = false;
      root?.querySelector('video')?.pause();
    }
    this.playlistUrl = this.checkedUrl(this.playlist, 'playlist');
    const videos = this.remote.value;
    if (videos !== this.videos || changed.has('src') || changed.has('youtube') || changed.has('current')) {
      // Another video in the frame: it starts again from its facade or its poster.
      this.started = false;
      this.failed = false;
    }
    this.videos = videos;
    this.source = this.currentSource();
    this.shown = this.source ? this.check(this.source) : { kind: 'none' };
    const playable = this.shown.kind === 'youtube' || this.shown.kind === 'file';
    this.posterUrl = playable ? this.checkedUrl(this.source?.poster, 'poster') : undefined;
    this.captionsUrl = this.shown.kind === 'file' ? this.checkedUrl(this.source?.captions, 'captions') : undefined;
  }

  override render(): TemplateResult {
    const videos = this.playlist ? this.remote.value : undefined;
    let frame: unknown;
    if (this.playlist && !videos) {
      // A playlist URL that is not http(s) is never loaded.
      frame = this.playlistUrl
        ? this.remote.render({ complete: () => nothing })
        : this.renderMessage(messages[this.language].noVideo);
    } else {
      frame = this.renderMedia();
    }
    // The title is a polite live region: a reader who picks another video in the list, where the
    // focus stays, hears what is in the frame now.
    const title = this.source?.title.trim() || (videos && messages[this.language].untitled);
    return html`
      <div class="video" part="video" lang=${this.language}>
        <div class="frame" part="frame">${frame}</div>
        ${title ? html`<p class="title" part="title" aria-live="polite">${title}</p>` : nothing}
        ${videos && videos.length > 1 ? this.renderPlaylist(videos) : nothing}
      </div>
    `;
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    const shown = this.shown;
    if (shown.kind === 'bad-id' && shown.id !== this.reportedId) {
      this.reportedId = shown.id;
      this.reportError('config', `<egov-video>: "${shown.id}" is not a YouTube video id`);
    }
  }

  private renderMedia(): unknown {
    const text = messages[this.language];
    const shown = this.shown;
    const title = this.source?.title.trim() || text.untitled;
    if (shown.kind === 'none') return this.renderMessage(text.noVideo);
    if (shown.kind === 'bad-id') return this.renderMessage(text.badId, this.fallbackHref() ?? watchUrl(shown.id));
    const poster = this.posterUrl;
    if (shown.kind === 'youtube') {
      if (this.started) {
        return html`<iframe
          class="media"
          part="media"
          src=${embedUrl(shown.id)}
          title=${title}
          allow="autoplay; encrypted-media; picture-in-picture"
          referrerpolicy="strict-origin-when-cross-origin"
          allowfullscreen
        ></iframe>`;
      }
      return html`
        <div class="facade" part="facade">
          ${poster ? html`<img class="poster" part="poster" src=${poster} alt="" loading="lazy" />` : nothing}
          <button class="play" part="play-button" type="button" aria-label=${text.play(title)} @click=${this.onPlay}>
            <span class="play-icon" aria-hidden="true"></span>
          </button>
        </div>
      `;
    }
    if (this.failed) return this.renderMessage(text.failed, shown.src, true);
    const captions = this.captionsUrl;
    return html`
      <video class="media" part="media" controls preload="none" src=${shown.src} poster=${ifDefined(poster)} aria-label=${title} @error=${this.onMediaError} @leavepictureinpicture=${this.onLeavePictureInPicture}>
        ${captions ? html`<track kind="captions" default srclang=${this.language} label=${text.captions} src=${captions} />` : nothing}
      </video>
    `;
  }

  /**
   * `alert`: a failure of what the reader started (play), said at once. A webmaster's mistake (a
   * wrong id, no video) is a polite status: not shouted over the page's load where it is there
   * from the first render, still heard where it comes with a video picked in the list.
   */
  private renderMessage(message: string, link?: string, alert?: boolean): TemplateResult {
    return html`
      <div class="message" part="error">
        <p role=${alert ? 'alert' : 'status'}>${message}</p>
        ${link ? html`<a part="video-link" href=${link}>${messages[this.language].openVideo}</a>` : nothing}
      </div>
    `;
  }

  private renderPlaylist(videos: VideoSource[]): TemplateResult {
    return html`
      <ul class="playlist" part="playlist" aria-label=${messages[this.language].playlist}>
        ${videos.map((video, index) => {
          const current = index === this.current;
          const published = this.formatPublished(video.published);
          const duration = this.renderDuration(video.duration);
          const meta = published && duration ? html`${published} · ${duration}` : published || duration;
          return html`<li>
            <button
              class="item"
              part=${current ? 'item current-item' : 'item'}
              type="button"
              data-index=${index}
              aria-current=${current ? 'true' : 'false'}
              @click=${this.onChoose}
            >
              <span class="item-title">${video.title.trim() || messages[this.language].untitled}</span>${meta ? html`<span class="meta">${meta}</span>` : nothing}
            </button>
          </li>`;
        })}
      </ul>
    `;
  }

  /** The video in the frame, as given: the playlist's current one, or the attributes. */
  private currentSource(): VideoSource | undefined {
    if (this.playlist) return this.remote.value?.[this.current];
    const { src, youtube, poster, captions, heading } = this;
    // A script or framework may set heading to null.
    return { title: heading || '', src, youtube, poster, captions };
  }

  private check(source: VideoSource): Shown {
    const id = source.youtube?.trim();
    if (id) return isYoutubeId(id) ? { kind: 'youtube', id } : { kind: 'bad-id', id };
    const src = this.checkedUrl(source.src, 'src');
    return src ? { kind: 'file', src } : { kind: 'none' };
  }

  /** `raw` as an absolute http(s) URL; anything else is dropped with a warning. */
  private checkedUrl(raw: string | undefined, name: string): string | undefined {
    if (!raw?.trim()) return undefined;
    const url = safeHref(raw);
    if (!url) this.warnOnce(leftOut(`${name} ${JSON.stringify(raw)}`));
    return url;
  }

  /** The webmaster's own link to the video, written inside the element for readers without the script. */
  private fallbackHref(): string | undefined {
    return safeHref(this.querySelector('a[href]')?.getAttribute('href') ?? '');
  }

  /** The duration as a clock for the eye and in words for the ear; anything else as written. */
  private renderDuration(duration: string | number | undefined): TemplateResult | string {
    if (typeof duration !== 'number') return duration ?? '';
    const { clock, words } = formatDuration(this.language, duration);
    return words ? html`<span aria-hidden="true">${clock}</span><span class="visually-hidden">${words}</span>` : clock;
  }

  private formatPublished(published: string | undefined): string {
    const date = published ? parsePublished(published) : undefined;
    return date ? formatDate(this.language, date) : '';
  }

  private onPlay(): void {
    // The play button goes: the focus follows into the player, which now holds the controls (the
    // first that takes focus, for the base element).
    this.started = true;
  }

  private onChoose(event: Event): void {
    this.current = Number((event.currentTarget as HTMLElement).dataset['index']);
  }

  private onLeavePictureInPicture(): void {
    this.requestUpdate();
  }

  private onMediaError(): void {
    this.failed = true;
    const src = this.shown.kind === 'file' ? this.shown.src : '';
    this.reportError('media', `<egov-video>: the video ${src} could not be loaded`);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'egov-video': EgovVideo;
  }
}
