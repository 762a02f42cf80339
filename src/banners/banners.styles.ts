import { css } from 'lit';

// Every banner of a carousel sits in one grid cell, so the box is as tall as the tallest and turning
// never moves the page. An image without width and height still reserves its space, at the common
// banner shape (3:1). Link focus rings go inside the banner: side boxes often hide their overflow.

export const bannersStyles = css`
  :host {
    --_ratio: var(--egov-banners-aspect-ratio, 3 / 1);
    --_gap: var(--egov-banners-gap, 0.5em);
  }
  /* Loading from src: the space of one banner at the common shape, under the carousel's controls
     (a 2.25em button and the row's margin) when it will turn: padding, as a margin would collapse
     out of the host. */
  .placeholder {
    aspect-ratio: var(--_ratio);
  }
  :host([layout='rotate']) .placeholder {
    box-sizing: content-box;
    padding-top: 2.625em;
  }
  .stack {
    display: grid;
    gap: var(--_gap);
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .link {
    display: block;
    border-radius: var(--_radius);
  }
  /* The ring is drawn on the image (a ring outside would be cut off by the carousel); a white one
     inside it keeps it visible on any banner (WCAG 1.4.11: 3:1 against what is next to it). */
  .link:focus-visible {
    outline-offset: -3px;
  }
  .link:focus-visible img {
    outline: 3px solid #fff;
    outline-offset: -6px;
  }
  img {
    display: block;
    width: 100%;
    max-width: 100%;
    height: auto;
    border-radius: inherit;
  }
  img.unsized {
    aspect-ratio: var(--_ratio);
    object-fit: contain;
  }
  .controls {
    display: flex;
    justify-content: flex-end;
    gap: 0.25em;
    margin-bottom: 0.375em;
  }
  /* .button gives the size of a target (2.25em square) and the font. */
  .control {
    padding: 0;
    line-height: 1;
  }
  .chevron {
    font-size: 1.5em;
    line-height: 1;
  }
  .icon-pause,
  .icon-play {
    display: block;
    width: 0.75em;
    height: 0.875em;
  }
  .icon-pause {
    border-inline: 0.25em solid currentColor;
  }
  /* Borders, not a background: a contrast theme (forced colours) keeps them. */
  .icon-play {
    border-left: 0.75em solid;
    clip-path: polygon(0 0, 100% 50%, 0 100%);
  }
  .slides {
    display: grid;
  }
  .slide {
    grid-area: 1 / 1;
    visibility: hidden;
  }
  .slide.current {
    visibility: visible;
  }
`;
