/**
 * `<div .style=${cssText(`height:${pixels}px`)}>`: sets a width or height through the CSSOM (the
 * `style` property's setter is `style.cssText`'s). Lit's `styleMap`, or a `style="…"` attribute,
 * writes the attribute, which a Content-Security-Policy without `'unsafe-inline'` blocks; setting
 * `element.style` from script is allowed. Typed for the property's getter, which lit-analyzer
 * checks the binding against.
 */
export const cssText = (text: string) => text as unknown as CSSStyleDeclaration;
