/**
 * The reader's text size, as a step on a fixed scale, remembered per browser. The scale is defined
 * here once: the toolbar steps through `TEXT_SIZES`, and `textSizeStyles` gives each step its
 * `.size-0` … `.size-5` rule.
 */
import { css, type CSSResult } from 'lit';
import { store, stored } from '../shared/storage.js';

/** Text sizes offered, in percent of the normal size. */
export const TEXT_SIZES = [87.5, 100, 112.5, 125, 150, 175] as const;

export const DEFAULT_TEXT_SIZE_STEP = TEXT_SIZES.indexOf(100);

const TEXT_SIZE_STORAGE_KEY = 'egov-article-text-size';

/** `.size-{step}`: the article body at that step's share of the article's font size. */
function sizeRule(size: number, step: number): CSSResult {
  return css`
    .size-${step} {
      font-size: calc(var(--_article-font-size) * ${size / 100});
    }
  `;
}

/** The rules of every step, as one style sheet. */
export const textSizeStyles: CSSResult = TEXT_SIZES.map(sizeRule).reduce((rules, rule) => css`${rules}${rule}`);

/** The remembered step, or the default when nothing (or nothing valid) is stored. */
export function loadTextSizeStep(): number {
  const step = TEXT_SIZES.findIndex((size) => String(size) === stored(TEXT_SIZE_STORAGE_KEY));
  return step === -1 ? DEFAULT_TEXT_SIZE_STEP : step;
}

/** Storage off (private mode, a full quota): the size is kept for the rest of the page view. */
export function saveTextSizeStep(step: number): void {
  store(TEXT_SIZE_STORAGE_KEY, String(TEXT_SIZES[step]));
}
