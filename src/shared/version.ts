/**
 * The kit's version, compared by `EgovElement.define()` when two copies meet on one page. Its one
 * source is package.json: every build writes that version in place of `__EGOV_VERSION__`
 * (scripts/version.mjs).
 */
declare const __EGOV_VERSION__: string;

export const VERSION: string = __EGOV_VERSION__;
