/**
 * The accessibility sweep's two measures: axe-core with an explicit tag set, and the size of every
 * interactive target inside the widgets' shadow roots (WCAG 2.2, 2.5.8 Target Size (Minimum)).
 *
 * Why not `expect(el).to.be.accessible({ runOnly })`: chai-a11y-axe 1.5 passes only
 * `resultTypes` and `ignoredRules` on to axe and silently drops `runOnly`, so a default run
 * would be reported as a WCAG 2.2 sweep — and axe's `target-size` rule (wcag22aa) is off by
 * default. The sweep therefore calls `axe.run` itself (tests/hardening/a11y.test.ts proves the
 * tags really run with a deliberately broken fixture per tag).
 */
import 'axe-core/axe.min.js';
import type * as Axe from 'axe-core';

declare global {
  interface Window {
    axe: typeof Axe;
  }
}

export const SWEEP_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Runs axe over `context` (shadow roots included) with only the rules of `tags`; returns the violations. */
export async function axeViolations(context: Element, tags: string[] = SWEEP_TAGS): Promise<Axe.Result[]> {
  const results = await window.axe.run(context, {
    runOnly: { type: 'tag', values: tags },
    resultTypes: ['violations'],
  });
  return results.violations;
}

/** The violations as a readable report for an assertion message. */
export function describeViolations(violations: Axe.Result[]): string {
  return violations
    .map((violation) =>
      [
        `${violation.id} (${violation.impact}): ${violation.help}`,
        ...violation.nodes.map((node) => `  at ${JSON.stringify(node.target)}: ${node.html}\n    ${node.failureSummary ?? ''}`),
      ].join('\n'),
    )
    .join('\n');
}

export const MIN_TARGET_PX = 24;

/** What a reader can click or tap in a widget. Programmatic focus targets (`tabindex="-1"` on text) are not. */
const INTERACTIVE = [
  'a[href]', 'button', 'input:not([type="hidden"])', 'select', 'textarea', 'summary', 'label',
  '[role="option"]', '[role="button"]', '[role="link"]', '[role="checkbox"]', '[role="radio"]', '[role="tab"]',
  '[tabindex]:not([tabindex="-1"])',
].join(', ');

export interface Target {
  element: Element;
  width: number;
  height: number;
  /** Why a target under 24×24 may still pass: '' when none applies. */
  exception: '' | 'inline';
}

/**
 * Every rendered interactive element in `root` and the shadow roots under it, with its size.
 *
 * How the exceptions of 2.5.8 are applied (decided here, once, for every widget):
 * - A radio or checkbox inside the `<label>` that activates it is measured as that label: the
 *   label is the target a finger or pointer hits (the input alone may be smaller).
 * - `inline`: a link in running text — inside the article body, whose sentences an author wrote
 *   and whose line height sets the link's size — is exempt. Links the widgets lay out themselves
 *   (the footer's phone and email, on a line after their label) are NOT exempt: they must reach
 *   24×24 on their own, since nothing stops the widget from giving them that size.
 * - Slotted light-DOM content belongs to the page and is not measured.
 */
export function interactiveTargets(root: ShadowRoot): Target[] {
  const targets: Target[] = [];
  for (const element of root.querySelectorAll(INTERACTIVE)) {
    // A label around its input is counted once, as the input's target.
    if (element.localName === 'label' && element.querySelector('input')) continue;
    if (!rendered(element)) continue;
    const label = element instanceof HTMLInputElement ? element.closest('label') : null;
    const box = (label ?? element).getBoundingClientRect();
    targets.push({ element, width: box.width, height: box.height, exception: isInlineTextLink(element) ? 'inline' : '' });
  }
  for (const host of root.querySelectorAll('*')) if (host.shadowRoot) targets.push(...interactiveTargets(host.shadowRoot));
  return targets;
}

function rendered(element: Element): boolean {
  const box = element.getBoundingClientRect();
  if (box.width === 0 && box.height === 0) return false;
  return getComputedStyle(element).visibility !== 'hidden' && !element.closest('.visually-hidden');
}

function isInlineTextLink(element: Element): boolean {
  return element.localName === 'a' && getComputedStyle(element).display === 'inline' && !!element.closest('[part~="body"]');
}

/** The targets under 24×24 that no exception covers, described for an assertion message. */
export function smallTargets(targets: Target[]): string[] {
  return targets
    .filter((target) => !target.exception && (target.width < MIN_TARGET_PX || target.height < MIN_TARGET_PX))
    .map((target) => `${target.element.outerHTML.slice(0, 140)} is ${target.width.toFixed(1)}×${target.height.toFixed(1)} px`);
}
