import { css } from 'lit';

/** The editors' page: plain forms and cards in the kit's tokens, readable from 320 px up. */
export const adminStyles = css`
  h1,
  h2,
  h3 {
    margin: 0 0 0.75rem;
    line-height: 1.3;
    color: var(--_text);
  }
  h1 {
    font-size: 1.5em;
  }
  h2 {
    font-size: 1.25em;
  }
  h3 {
    font-size: 1.0625em;
  }
  [tabindex='-1']:focus {
    outline: none;
  }
  [tabindex='-1']:focus-visible {
    outline: 3px solid var(--_focus);
  }
  p {
    margin: 0 0 0.75rem;
  }
  .muted {
    color: var(--_muted);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .spread {
    justify-content: space-between;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    margin-bottom: 1rem;
    max-width: 40rem;
  }
  .field label,
  .check,
  legend {
    font-weight: 600;
  }
  .hint {
    margin: 0;
    font-size: 0.9375em;
    color: var(--_muted);
  }
  .field-error {
    margin: 0;
    color: var(--_error);
    font-weight: 600;
  }
  input[type='text'],
  input[type='password'],
  input[type='search'],
  input[type='datetime-local'],
  textarea {
    min-height: 2.25rem;
    padding: 0.375rem 0.5rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    font: inherit;
  }
  input[aria-invalid='true'],
  textarea[aria-invalid='true'] {
    border: 2px solid var(--_error);
  }
  .check {
    display: inline-flex;
    align-items: center;
    gap: 0.5rem;
    min-height: 2.25rem;
    margin-bottom: 1rem;
    cursor: pointer;
  }
  /* Its own size beside a label that wraps (a phone, large text): never squeezed. */
  .check input {
    flex: none;
    width: 1.25rem;
    height: 1.25rem;
    margin: 0;
  }
  fieldset {
    margin: 0 0 1rem;
    padding: 0.75rem 1rem 1rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    min-width: 0;
  }
  .message {
    margin: 0 0 1rem;
    padding: 0.75rem 1rem;
    border: 1px solid var(--_border);
    border-inline-start-width: 4px;
    border-radius: var(--_radius);
  }
  .message.error {
    border-color: var(--_error);
    color: var(--_error);
  }
  .message.ok {
    border-color: var(--_primary);
  }
  .badge {
    display: inline-block;
    padding: 0 0.5rem;
    border: 1px solid currentColor;
    border-radius: 999px;
    font-size: 0.875em;
    font-weight: 600;
  }
  a.button {
    text-decoration: none;
  }
`;
