import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Shows a `popover="manual"` element in the browser's top layer, attached to an anchor element, so
 * that no ancestor's `overflow`, `transform`, `contain` or `z-index` can clip or cover it.
 *
 * Where the browser has CSS anchor positioning, the stylesheet places it (`position-area`, with
 * `position-try-fallbacks: flip-block` to open above where there is more room, never taller than
 * the room). Elsewhere this controller places it likewise: under the anchor, or above when there is
 * no room below and more room there, at most as tall as the room, again on every scroll (of any
 * ancestor) and resize while it is open. Its place is the one rule of a stylesheet of its own,
 * adopted by the popup's shadow root and changed through the CSSOM: a strict Content-Security-Policy
 * allows it (a `style="…"` attribute it does not), and the markup has no `style` attribute at all.
 */
export class AnchoredPopup implements ReactiveController {
  private popup: HTMLElement | undefined;
  private anchor: HTMLElement | undefined;
  private frame = 0;
  private following = false;
  private anchored: boolean | undefined;
  /** The declarations of the popup's place, made at the first need (see `ownRule`). */
  private placing: CSSStyleDeclaration | undefined;
  private readonly reposition = (): void => {
    cancelAnimationFrame(this.frame);
    this.frame = requestAnimationFrame(() => this.place());
  };

  constructor(
    host: ReactiveControllerHost,
    /** Gap between the anchor and the popup, in the popup's `em`. */
    private readonly gapEm = 0.25,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.stopFollowing();
  }

  /** Shows `popup` against `anchor`, or keeps it shown and placed again. */
  show(popup: HTMLElement, anchor: HTMLElement): void {
    this.popup = popup;
    this.anchor = anchor;
    if (typeof popup.showPopover !== 'function') return; // No Popover API: the stylesheet's absolute position stands.
    if (!popup.matches(':popover-open')) popup.showPopover();
    // Asked once: the popup is shown again on every render of its host.
    this.anchored ??= hasAnchorPositioning();
    if (this.anchored) return;
    this.place();
    this.startFollowing();
  }

  hide(): void {
    this.stopFollowing();
    const popup = this.popup;
    if (popup && typeof popup.hidePopover === 'function' && popup.matches(':popover-open')) popup.hidePopover();
  }

  private startFollowing(): void {
    if (this.following) return;
    this.following = true;
    // Capture: a scroll inside any scrolling box (a side column, the page) moves the anchor too.
    window.addEventListener('scroll', this.reposition, { capture: true, passive: true });
    window.addEventListener('resize', this.reposition, { passive: true });
  }

  private stopFollowing(): void {
    if (!this.following) return;
    this.following = false;
    window.removeEventListener('scroll', this.reposition, { capture: true });
    window.removeEventListener('resize', this.reposition);
    cancelAnimationFrame(this.frame);
  }

  /**
   * Under the anchor and as wide, or above it when below has less room than above and too little
   * for the popup; never taller than the room on its side (its content must shrink: a flex column).
   */
  private place(): void {
    const { popup, anchor } = this;
    if (!popup || !anchor || !popup.isConnected) return;
    const box = anchor.getBoundingClientRect();
    const gap = this.gapEm * parseFloat(getComputedStyle(popup).fontSize);
    // Its own height, unbounded by the last placement (the stylesheet's gap is this one); the list
    // inside, taller for that moment, would have its scroll position cut down to fit: kept.
    const list = popup.querySelector('[role="listbox"]');
    const scrolled = list?.scrollTop ?? 0;
    const style = (this.placing ??= ownRule(popup));
    style.maxHeight = 'none';
    style.margin = '0';
    const below = window.innerHeight - box.bottom - gap;
    const above = box.top - gap;
    const openAbove = popup.offsetHeight > below && above > below;
    const room = Math.max(0, openAbove ? above : below);
    style.maxHeight = `${room}px`;
    if (list) list.scrollTop = scrolled;
    style.left = `${box.left}px`;
    style.width = `${box.width}px`;
    style.top = openAbove ? `${Math.max(0, box.top - gap - popup.offsetHeight)}px` : `${box.bottom + gap}px`;
  }
}

/**
 * The declarations of `popup`'s place: the one rule of a stylesheet of its own, adopted by its
 * shadow root after the open list's styles (which the open list adopts as it is made, before it is
 * first shown), so that it wins over the open popup's rule of the same specificity (its margin, its
 * `inset: auto`), as the `style` attribute did. Made only where the Popover API is (`show`), so
 * where constructed stylesheets are.
 */
function ownRule(popup: HTMLElement): CSSStyleDeclaration {
  const root = popup.getRootNode() as ShadowRoot;
  const sheet = new CSSStyleSheet();
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  return (sheet.cssRules[sheet.insertRule('[popover]:popover-open{}')] as CSSStyleRule).style;
}

/**
 * True when the browser places the popup from the stylesheet (CSS anchor positioning). Asked only
 * where the Popover API is (`show`): `CSS.supports` is there too.
 */
function hasAnchorPositioning(): boolean {
  // `position-area`, not only `anchor-name`: Chromium 125–128 had anchors without it.
  return CSS.supports('position-area: block-end');
}
