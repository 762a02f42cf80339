import { css } from 'lit';

export const pollStyles = css`
  :host {
    --_bar: var(--egov-poll-bar-color, var(--_primary));
    --_bar-mine: var(--egov-poll-bar-mine-color, var(--_accent));
    --_track: var(--egov-poll-track-color, var(--_surface-alt));
  }
  .poll {
    position: relative;
  }
  /* Roughly the height of a question with four or five options, so nothing jumps when it loads. */
  .placeholder {
    min-height: 17em;
  }
  fieldset {
    margin: 0;
    padding: 0;
    border: 0;
    min-width: 0;
  }
  legend,
  .question {
    display: block;
    margin: 0 0 0.5em;
    padding: 0;
    font-weight: 700;
  }
  .question:focus {
    outline: none;
  }
  .question:focus-visible {
    outline: 3px solid var(--_focus);
  }
  .hint {
    font-weight: 400;
    color: var(--_muted);
  }
  .choice {
    display: flex;
    align-items: center;
    gap: 0.5em;
    min-height: 2.25em;
    padding: 0.125em 0;
    cursor: pointer;
  }
  /* Flex items: without this, a label's longest word (200 letters, no space) set its width and the
     page scrolled sideways (WCAG 1.4.10). */
  .choice span,
  .label {
    min-width: 0;
  }
  .choice input {
    flex: none;
    width: 1.25em;
    height: 1.25em;
    margin: 0;
    cursor: pointer;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    margin-top: 0.75em;
  }
  .progress,
  .notice,
  .total {
    margin: 0.5em 0 0;
  }
  .progress,
  .total {
    color: var(--_muted);
  }
  .notice {
    font-weight: 600;
  }
  .load-error {
    margin-top: 0.75em;
  }
  .bars {
    margin: 0.5em 0 0;
    padding: 0;
    list-style: none;
  }
  .result {
    display: flex;
    flex-wrap: wrap;
    justify-content: space-between;
    gap: 0 0.75em;
    margin-bottom: 0.625em;
  }
  .mine .label {
    font-weight: 700;
  }
  .figures {
    color: var(--_muted);
    font-variant-numeric: tabular-nums;
  }
  /* An SVG whose rectangle has the share as its width attribute: no style attribute in the
     markup, not even one set from script. */
  .bar {
    flex: 1 0 100%;
    height: 0.625em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_track);
    overflow: hidden;
  }
  .fill {
    fill: var(--_bar);
  }
  .mine .fill {
    fill: var(--_bar-mine);
  }
  /* A contrast theme (forced colours) drops backgrounds: the fill is the theme's text colour. */
  @media (forced-colors: active) {
    .fill {
      fill: CanvasText;
    }
    .mine .fill {
      fill: Highlight;
    }
  }
  .results .button {
    margin-top: 0.75em;
  }
`;
