import { css } from 'lit';

export const webLinksStyles = css`
  :host {
    --_list-height: var(--egov-web-links-list-height, 20em);
    --_highlight: var(--egov-color-highlight, #ffe08a);
    --_field-height: 2.75em;
  }
  .label {
    display: block;
    margin-bottom: 0.25em;
    font-weight: 600;
  }
  .combobox {
    position: relative;
  }
  .field {
    anchor-name: --egov-web-links-field;
    display: flex;
    align-items: stretch;
    min-height: calc(var(--_field-height) + 2px);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  .field:focus-within {
    border-color: var(--_primary);
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  .pending {
    align-items: center;
    padding-inline: 0.75em;
  }
  .pending .loading {
    margin: 0;
  }
  input {
    flex: 1 1 auto;
    min-width: 0;
    min-height: var(--_field-height);
    padding: 0 0.75em;
    border: 0;
    border-radius: var(--_radius);
    background: transparent;
    color: inherit;
    font: inherit;
  }
  input:focus-visible {
    outline: none;
  }
  input::placeholder {
    color: var(--_muted);
    opacity: 1;
  }
  .toggle {
    flex: 0 0 var(--_field-height);
    display: grid;
    place-items: center;
    border: 0;
    border-inline-start: 1px solid var(--_border);
    border-start-end-radius: var(--_radius);
    border-end-end-radius: var(--_radius);
    background: transparent;
    color: var(--_primary);
    cursor: pointer;
  }
  .toggle::before {
    content: '';
    width: 0.6em;
    height: 0.6em;
    margin-top: -0.3em;
    border: solid currentColor;
    border-width: 0 2px 2px 0;
    transform: rotate(45deg);
  }
  .toggle[aria-expanded='true']::before {
    margin-top: 0.3em;
    transform: rotate(225deg);
  }
  .toggle:hover {
    background: var(--_surface-alt);
  }
  /* Without the Popover API (older browsers): under the field, in the page's stacking. */
  .popup {
    position: absolute;
    top: calc(100% + 0.25em);
    inset-inline: 0;
    z-index: 1000;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    box-shadow: 0 6px 18px rgb(0 0 0 / 18%);
  }
  /* In the top layer: placed against the field by CSS anchor positioning where the browser has it
     (above the field when there is no room below), else by the AnchoredPopup controller. */
  .popup:popover-open {
    position: fixed;
    inset: auto;
    margin: 0;
    padding: 0;
    overflow: visible;
    color: inherit;
    position-anchor: --egov-web-links-field;
    top: calc(anchor(bottom) + 0.25em);
    left: anchor(left);
    width: anchor-size(width);
    position-try-fallbacks: flip-block;
  }
  [role='listbox'] {
    position: relative;
    max-height: var(--_list-height);
    overflow-y: auto;
    overscroll-behavior: contain;
  }
  .group-label {
    padding: 0.571em 0.857em 0.286em;
    color: var(--_muted);
    font-size: 0.875em;
    font-weight: 700;
    text-transform: uppercase;
    letter-spacing: 0.02em;
  }
  .group-label.after {
    border-top: 1px solid var(--_surface-alt);
  }
  /* Stands for the rows above or below the rendered window (height set from script); never the
     element scroll anchoring keeps in place, which must be a row. */
  .spacer {
    overflow-anchor: none;
  }
  .option {
    display: flex;
    align-items: center;
    gap: 0.5em;
    min-height: 2.75em;
    padding: 0.375em 0.75em;
    cursor: pointer;
    overflow-wrap: anywhere;
  }
  .option:hover {
    background: var(--_surface-alt);
  }
  .option[aria-selected='true'] {
    background: var(--_primary);
    color: var(--_on-primary);
    /* Invisible normally; drawn in forced-colors mode, where backgrounds are dropped. */
    outline: 2px solid transparent;
    outline-offset: -2px;
  }
  .option-label {
    flex: 1 1 auto;
  }
  .new-tab {
    flex: none;
    font-size: 0.875em;
  }
  mark {
    background: var(--_highlight);
    color: var(--_text);
    font-weight: 600;
    border-radius: 2px;
  }
  .note {
    margin: 0;
    padding: 0.667em 0.8em;
    color: var(--_muted);
    font-size: 0.9375em;
  }
  .note[part='more'] {
    border-top: 1px solid var(--_surface-alt);
  }
`;
