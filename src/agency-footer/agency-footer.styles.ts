import { css } from 'lit';

export const footerStyles = css`
  :host {
    --_footer-background: var(--egov-footer-background, var(--_primary));
    --_footer-text: var(--egov-footer-color, var(--_on-primary));
    --_focus: var(--egov-color-focus-inverse, #ffffff);
  }
  footer {
    min-height: 12em;
    padding: calc(var(--_space) * 1.5) var(--_space);
    background: var(--_footer-background);
    color: var(--_footer-text);
    border-top: 4px solid var(--_accent);
  }
  .inner {
    max-width: var(--egov-footer-max-width, 75em);
    margin: 0 auto;
  }
  .columns {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 18em), 1fr));
    gap: 0.5em calc(var(--_space) * 2);
  }
  p {
    margin: 0 0 0.5em;
  }
  address {
    font-style: normal;
  }
  .site-name {
    font-size: 1.125em;
    font-weight: 700;
    text-transform: uppercase;
  }
  .label {
    font-weight: 600;
  }
  a {
    /* The phone and email links stand alone after their label, not inside a sentence, so they get
       the 24 px of a target (WCAG 2.5.8) instead of the ~19 px of an inline text box. */
    display: inline-block;
    min-height: max(24px, 1.5em);
    max-width: 100%;
    color: inherit;
    text-decoration: underline;
    text-underline-offset: 0.15em;
  }
  a:hover {
    text-decoration-thickness: 2px;
  }
  .legal {
    margin-top: var(--_space);
    padding-top: var(--_space);
    border-top: 1px solid color-mix(in srgb, var(--_footer-text) 35%, transparent);
    font-size: 0.9375em;
  }
  .load-error {
    margin: 0;
  }
  .loading {
    color: inherit;
  }
`;
