import { css } from 'lit';

export const bannersStyles = css`
  :host {
    /* Until the shared base takes the kit's size from --egov-font-size, this widget does. */
    font-size: var(--egov-font-size, medium) !important;
    --_ratio: var(--egov-banners-aspect-ratio, 3 / 1);
    --_gap: var(--egov-banners-gap, 0.5em);
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
  .link:focus-visible {
    /* Side boxes often hide their overflow: the ring goes inside the banner so it is not cut. */
    outline-offset: -3px;
  }
  img {
    display: block;
    width: 100%;
    max-width: 100%;
    height: auto;
    border-radius: inherit;
  }
  img.unsized {
    /* No width and height given: the space is still reserved, at the common banner shape. */
    aspect-ratio: var(--_ratio);
    object-fit: contain;
  }
  .controls {
    display: flex;
    justify-content: flex-end;
    gap: 0.25em;
    margin-bottom: 0.375em;
  }
  .control {
    min-width: 2.25em;
    min-height: 2.25em;
    padding: 0;
    font-size: 1em;
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
  .icon-play {
    background: currentColor;
    clip-path: polygon(0 0, 100% 50%, 0 100%);
  }
  .slides {
    /* Every banner in one cell: the box is as tall as the tallest, so turning never moves the page. */
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
