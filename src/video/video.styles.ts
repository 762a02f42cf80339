import { css } from 'lit';

// The 16:9 frame is there before anything loads, so nothing moves when the video arrives; a long
// message makes it taller rather than being cut (no overflow: hidden, which would pin the ratio).
// The playlist buttons fill their row as grid items: no width: 100% for padding to add to.
// The link in a message stands alone, so it gets the 24 px of a target (WCAG 2.5.8).

export const videoStyles = css`
  :host {
    --_placeholder: var(--egov-video-placeholder, linear-gradient(135deg, #0b4a8b, #062a4f));
  }
  .frame {
    position: relative;
    display: grid;
    place-items: center;
    aspect-ratio: 16 / 9;
    width: 100%;
    border-radius: var(--_radius);
    background: var(--_placeholder);
  }
  .media,
  .poster,
  .play {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    border: 0;
    border-radius: inherit;
  }
  video.media {
    background: #000;
    object-fit: contain;
  }
  .poster {
    object-fit: cover;
  }
  .play {
    display: grid;
    place-items: center;
    padding: 0;
    background: transparent;
    cursor: pointer;
  }
  /* The ring inside the frame, with a white one inside it: visible on any poster (WCAG 1.4.11). */
  .play:focus-visible {
    outline-offset: -3px;
    box-shadow: inset 0 0 0 6px #fff;
  }
  .play-icon {
    position: relative;
    width: 4em;
    height: 4em;
    border: 0.1875em solid #ffffff;
    border-radius: 50%;
    background: var(--_primary);
    box-shadow: 0 0.125em 0.5em rgb(0 0 0 / 0.4);
  }
  .play-icon::after {
    content: '';
    position: absolute;
    inset: 0;
    width: 1.25em;
    height: 1.5em;
    margin: auto;
    /* A border, not a background: a contrast theme (forced colours) keeps it. */
    border-left: 1.25em solid #ffffff;
    clip-path: polygon(0 0, 100% 50%, 0 100%);
    translate: 0.125em 0;
  }
  .play:hover .play-icon {
    background: var(--_accent);
  }
  .loading,
  .load-error,
  .message {
    margin: 1em;
  }
  .loading,
  .message {
    padding: 0.75em 1em;
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .message a {
    display: inline-flex;
    align-items: center;
    min-height: 1.5em;
  }
  .message p {
    margin: 0 0 0.5em;
    color: var(--_error);
  }
  .title {
    margin: 0.5em 0 0;
    font-weight: 600;
  }
  .playlist {
    margin: 0.75em 0 0;
    padding: 0;
    list-style: none;
    border-top: 1px solid var(--_border);
  }
  .playlist li {
    display: grid;
  }
  .item {
    min-width: 0;
    min-height: 2.75em;
    padding: 0.5em 0.25em;
    border: 0;
    border-bottom: 1px solid var(--_border);
    background: transparent;
    color: var(--_primary);
    font: inherit;
    text-align: start;
    cursor: pointer;
  }
  .item:hover {
    background: var(--_surface-alt);
  }
  .item[aria-current='true'] {
    color: var(--_text);
    font-weight: 700;
    /* A border, not a shadow: a contrast theme (forced colours) keeps it. */
    border-inline-start: 0.25em solid var(--_accent);
    padding-inline-start: 0.5em;
  }
  .meta {
    display: block;
    color: var(--_muted);
    font-size: 0.875em;
    font-weight: 400;
  }
`;
