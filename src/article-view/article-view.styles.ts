import { css } from 'lit';
import { textSizeStyles } from './text-size.js';

export const articleStyles = css`
  :host {
    --_article-font-size: var(--egov-article-font-size, 1.0625em);
  }
  /* The widget takes its column's width; the text keeps a readable line length. */
  article {
    max-width: 48em;
  }
  h1,
  h2,
  h3,
  h4,
  h5,
  h6 {
    margin: 0 0 0.3em;
    color: var(--_primary);
    /* Smaller on a phone, where long Vietnamese headlines would otherwise fill the screen. */
    font-size: clamp(1.375em, 1.1em + 1.5vw, 1.75em);
    line-height: 1.3;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    gap: 0.267em 0.8em;
    margin: 0 0 0.8em;
    color: var(--_muted);
    font-size: 0.9375em;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    padding: 0.5em 0;
    border-block: 1px solid var(--_border);
  }
  .toolbar .button {
    min-width: 2.75em;
  }
  .status {
    margin: 0.5em 0;
    color: var(--_text);
    font-weight: 600;
  }
  .status:empty {
    margin: 0;
  }
  .content {
    margin-top: 1em;
    font-size: var(--_article-font-size);
  }
  /* .size-0 … .size-5: the text-size steps, from the scale in text-size.ts. */
  ${textSizeStyles}
  .summary {
    margin: 0 0 1em;
    font-weight: 700;
  }
  .byline {
    margin: 1em 0 0;
    text-align: end;
    font-weight: 700;
  }
  /* About a screen tall while loading (a phone's, a laptop's): an article is most often longer,
     and it then arrives without moving what is under it (a 24em box pushed the page's other boxes
     down). Not 100vh: a frame sized to its content (auto-height embeds) would grow at each step.
     Its own root of margins: the loading line's margin does not reach the page's boxes through it. */
  .placeholder {
    display: flow-root;
    min-height: 60em;
  }

  /* Inline bodies keep the page's own styles; only what would overflow a phone is tamed, from the
     page's side (fitInlineBody in article-view.ts). */

  /* Remote bodies live in the shadow root, so they are styled here. */
  .body p,
  .body ul,
  .body ol,
  .body blockquote,
  .body figure,
  .body pre {
    margin: 0 0 1em;
  }
  .body h2,
  .body h3,
  .body h4,
  .body h5,
  .body h6 {
    margin: 1.25em 0 0.5em;
    font-size: 1.25em;
  }
  .body img,
  .body video {
    max-width: 100%;
    height: auto;
  }
  .body figcaption {
    color: var(--_muted);
    font-size: 0.9375em;
    font-style: italic;
  }
  .body blockquote {
    padding-inline-start: 1em;
    border-inline-start: 4px solid var(--_border);
  }
  .body pre {
    overflow-x: auto;
  }
  .table-scroll {
    max-width: 100%;
    margin: 0 0 1em;
    overflow-x: auto;
  }
  .body table {
    border-collapse: collapse;
  }
  /* A long body's chunks (body-chunks.ts): laid out only near the screen. */
  .chunk {
    content-visibility: auto;
    contain-intrinsic-block-size: auto 100em;
  }
  span.chunk {
    display: block;
  }
  .unchunked .chunk {
    content-visibility: visible;
  }
  .body th,
  .body td {
    padding: 0.25em 0.5em;
    border: 1px solid var(--_border);
    text-align: start;
    vertical-align: top;
  }

  @media print {
    .toolbar,
    .status {
      display: none;
    }
    .table-scroll {
      overflow: visible;
    }
    .chunk {
      content-visibility: visible;
    }
  }
`;
