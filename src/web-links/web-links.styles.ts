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
    width: 0;
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
`;
