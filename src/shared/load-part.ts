/**
 * On-demand parts: code a widget needs only once the reader acts (the open web-links list) or only
 * on some browsers (DOMPurify), kept out of the main script. A part is a module imported through
 * this function only: `loadPart(() => import('./web-links-list.js'))`. Here, for the ES modules
 * (dist/esm), that is a real dynamic `import()`. The one-script bundle replaces this module with
 * load-part-script.ts (rollup.config.mjs), which loads the part as a second classic script beside
 * the main script: `egov-<module>.js`, a name the Trusted Types policy (trusted-types.ts) must know.
 */

/** The part's module, loaded once; a failed load is tried again at the next call. */
export function loadPart<Part>(load: () => Promise<Part>): Promise<Part> {
  return load();
}
