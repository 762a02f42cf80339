import { html, type TemplateResult } from 'lit';

/**
 * A result bar, `share` from 0 to 1: an SVG whose rectangle has the share as its width attribute,
 * so no style attribute at all, not even one set from script (the contract); styled by the
 * poll's `.bar` and `.fill` rules. The editors' page shows the same bars.
 */
export const resultBar = (share: number): TemplateResult =>
  html`<svg class="bar" part="bar" aria-hidden="true"><rect class="fill" part="fill" width=${`${share * 100}%`} height="100%"></rect></svg>`;
