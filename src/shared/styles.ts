import { css } from 'lit';

/**
 * Design tokens. The public inputs are the page's `--egov-…` custom properties; each widget reads
 * them through a private `--_…` copy with a default that fits a Vietnamese government portal and
 * meets WCAG 2.2 AA contrast on white (text 16:1, muted 7:1, primary 8.6:1).
 */
export const tokens = css`
  :host {
    --_primary: var(--egov-color-primary, #0b4a8b);
    --_on-primary: var(--egov-color-on-primary, #ffffff);
    --_accent: var(--egov-color-accent, #b3261e);
    --_text: var(--egov-color-text, #1b1f24);
    --_muted: var(--egov-color-muted, #4a5562);
    --_surface: var(--egov-color-surface, #ffffff);
    --_surface-alt: var(--egov-color-surface-alt, #f2f5f9);
    --_border: var(--egov-color-border, #8a96a3);
    --_error: var(--egov-color-error, #a4161a);
    --_focus: var(--egov-color-focus, #c2410c);
    --_font: var(--egov-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif);
    --_radius: var(--egov-radius, 6px);
    --_space: var(--egov-space, 1em);
  }
`;

/**
 * What every widget's shadow root starts from: box model, type, focus ring, buttons, errors.
 *
 * Sizes: the host's font size is `--egov-font-size` (default `medium`, the reader's own browser text
 * size), and every size inside a widget is in `em` from it, never `rem`: portals set their root to
 * 10 px (Bootstrap 3's 62.5%), which is not ours to inherit.
 */
export const baseStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    /* Page rules reach the host (a theme's "* { font: 9px/0 serif !important }") and, through it,
       every property the shadow tree inherits; !important here outranks them, even theirs. Pages
       theme and size the kit through the --egov-… custom properties instead. Not the spacing of
       letters and words: a reader's text-spacing tool (WCAG 1.4.12) sets them on every element
       of the page, and they must reach the widgets' text (a body's own spacing stays out). */
    color: var(--_text) !important;
    font: normal 400 medium/1.5 var(--_font) !important;
    font-size: var(--egov-font-size, medium) !important;
    letter-spacing: normal;
    word-spacing: normal;
    text-align: start !important;
    text-indent: 0 !important;
    text-transform: none !important;
    white-space: normal !important;
    /* A word longer than a phone's width (or at 200% text) wraps instead of sticking out. */
    overflow-wrap: break-word !important;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  [hidden] {
    display: none !important;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  a {
    color: var(--_primary);
    /* An email address or URL in a link (often an inline-block target) may break anywhere. */
    overflow-wrap: anywhere;
  }
  /* The browser's own sheet sets the spacing of form controls: they follow the host's, as text does. */
  button,
  input {
    letter-spacing: inherit;
    word-spacing: inherit;
  }
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.375em;
    min-height: 2.25em;
    min-width: 2.25em;
    padding: 0.375em 0.875em;
    border: 1px solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_primary);
    font: inherit;
    font-weight: 600;
    cursor: pointer;
  }
  .button:hover {
    background: var(--_surface-alt);
  }
  .button.primary {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  .button.primary:hover {
    filter: brightness(1.15);
  }
  .button:disabled,
  .button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.6;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  .load-error {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 1em;
    padding: 0.75em 1em;
    border: 1px solid var(--_error);
    border-inline-start-width: 4px;
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_error);
  }
  .load-error p {
    margin: 0;
    flex: 1 1 12em;
  }
  .loading {
    color: var(--_muted);
  }
`;
