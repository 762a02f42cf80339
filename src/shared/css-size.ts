import { noChange } from 'lit';
import { Directive, directive, type ElementPart } from 'lit/directive.js';

/**
 * `<span ${cssSize('width', '36.4%')}>`: sets a width or height through the CSSOM. Lit's
 * `styleMap` writes a `style="…"` attribute on first render, which a Content-Security-Policy
 * without `'unsafe-inline'` blocks; setting `element.style` from script is allowed.
 */
class CssSizeDirective extends Directive {
  render(_property: 'width' | 'height', _size: string): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [property, size]: ['width' | 'height', string]): typeof noChange {
    (part.element as HTMLElement).style[property] = size;
    return noChange;
  }
}

export const cssSize = directive(CssSizeDirective);
