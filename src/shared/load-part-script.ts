/**
 * In the one-script bundle, in place of load-part.ts: loads a part, `egov-<module>.js`, from beside
 * the main script, once, as a classic `<script>` (under Trusted Types its URL goes through the kit's
 * policy). The part finds the main script's Lit and shared modules, and hands over its own exports,
 * in the registry of this version of the kit (rollup.config.mjs writes both sides): two versions of
 * the kit on one page never mix their parts.
 */
import { trustedScriptUrl } from './trusted-types.js';
import { VERSION } from './version.js';

/** The registry's key; rollup.config.mjs (`classicChunks`) writes the same. */
const REGISTRY = Symbol.for(`egov-widgets.parts ${VERSION}`);

/** The main script's own URL, known only while it runs: the parts sit beside it. */
const mainScript = document.currentScript instanceof HTMLScriptElement ? document.currentScript.src : '';

const loading = new Map<string, Promise<unknown>>();

/**
 * `load` is the ES modules' `() => import('./egov-<module>.js')`, in which rollup left only the
 * part's file name for this bundle (`classicChunks` in rollup.config.mjs): that is what it returns.
 */
export function loadPart<Part>(load: () => Promise<Part>): Promise<Part> {
  const file = String(load()).replace(/^\.\//, '');
  let part = loading.get(file) as Promise<Part> | undefined;
  if (!part) {
    part = loadScript<Part>(file);
    loading.set(file, part);
    // A failed load may succeed on retry (the network came back).
    part.catch(() => loading.delete(file));
  }
  return part;
}

/** Runs `file` (beside the main script) and takes the exports it registered under its name. */
function loadScript<Part>(file: string): Promise<Part> {
  return new Promise<Part>((resolve, reject) => {
    const url = new URL(file, mainScript || document.baseURI).href;
    const script = document.createElement('script');
    script.addEventListener('load', () => {
      script.remove();
      const registry = (globalThis as unknown as Record<symbol, Record<string, Part> | undefined>)[REGISTRY];
      const part = registry?.[file];
      if (part) resolve(part);
      else reject(new Error(`${url} did not provide its part of egov-widgets ${VERSION}`));
    });
    script.addEventListener('error', () => {
      script.remove();
      reject(new Error(`could not load ${url}`));
    });
    script.src = trustedScriptUrl(url);
    document.head.append(script);
  });
}
