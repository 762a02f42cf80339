import { css } from 'lit';

export const webLinksStyles = css`
  :host {
    --_list-height: var(--egov-web-links-list-height, 20rem);
    --_highlight: var(--egov-color-highlight, #ffe08a);
    --_field-height: 2.75rem;
  }
  .label {
    display: block;
    margin-bottom: 0.25rem;
    font-weight: 600;
  }
  .combobox {
    position: relative;
  }
  .field {
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
    padding-inline: 0.75rem;
  }
  .pending .loading {
    margin: 0;
  }
  input {
    flex: 1 1 auto;
    min-width: 0;
    min-height: var(--_field-height);
    padding: 0 0.75rem;
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
    width: 0.6rem;
    height: 0.6rem;
    margin-top: -0.3rem;
    border: solid currentColor;
    border-width: 0 2px 2px 0;
    transform: rotate(45deg);
  }
  .toggle[aria-expanded='true']::before {
    margin-top: 0.3rem;
    transform: rotate(225deg);
  }
  .toggle:hover {
    background: var(--_surface-alt);
  }
  .popup {
    position: absolute;
    top: calc(100% + 4px);
    inset-inline: 0;
    z-index: var(--egov-web-links-z-index, 1000);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    box-shadow: 0 6px 18px rgb(0 0 0 / 18%);
  }
  [role='listbox'] {
    position: relative;
    max-height: var(--_list-height);
    overflow-y: auto;
    overscroll-behavior: contain;
  }
  .group-label {
    padding: 0.5rem 0.75rem 0.25rem;
    color: var(--_muted);
    font-size: 0.875rem;
    font-weight: 700;
    text-transform: uppercase;
    letter-spacing: 0.02em;
  }
  [role='group'] + [role='group'],
  .option + [role='group'] {
    border-top: 1px solid var(--_surface-alt);
  }
  .option {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    min-height: 2.75rem;
    padding: 0.375rem 0.75rem;
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
    font-size: 0.875rem;
  }
  mark {
    background: var(--_highlight);
    color: var(--_text);
    font-weight: 600;
    border-radius: 2px;
  }
  .note {
    margin: 0;
    padding: 0.625rem 0.75rem;
    color: var(--_muted);
    font-size: 0.9375rem;
  }
  .note[part='more'] {
    border-top: 1px solid var(--_surface-alt);
  }
`;
