import { noChange } from 'lit';
import { Directive, directive, type ElementPart } from 'lit/directive.js';

/**
 * `<span ${barWidth(36.4)}>`: sets the width in percent through the CSSOM. Lit's `styleMap` writes
 * a `style="…"` attribute on first render, which a Content-Security-Policy without
 * `'unsafe-inline'` blocks; setting `element.style` from script is allowed.
 */
class BarWidthDirective extends Directive {
  render(_percent: number): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [percent]: [number]): typeof noChange {
    (part.element as HTMLElement).style.width = `${percent}%`;
    return noChange;
  }
}

export const barWidth = directive(BarWidthDirective);
