/**
 * In the one-script bundle, in place of load-part.ts: loads a part, `egov-<module>.js`, from beside
 * the main script, once, as a classic `<script>` (under Trusted Types its URL goes through the kit's
 * policy). The part finds the main script's Lit and shared modules, and hands over its own exports,
 * in the registry of this version of the kit (rollup.config.mjs writes both sides): two versions of
 * the kit on one page never mix their parts.
 */
import { FETCH_TIMEOUT_MS } from './fetch-json.js';
import { mainScript, trustedScriptUrl } from './trusted-types.js';
import { VERSION } from './version.js';

/** The registry's key; rollup.config.mjs (`classicChunks`) writes the same. */
const REGISTRY = Symbol.for(`egov-widgets.parts ${VERSION}`);


/** What a part file registered: its exports. */
type PartExports = Record<string, unknown>;

const loading = new Map<string, Promise<PartExports>>();

/**
 * `load` is the ES modules' `() => import('./egov-<module>.js')`, in which rollup left only the
 * part's file name for this bundle (`classicChunks` in rollup.config.mjs): that is what it returns,
 * followed by `#<name>` where the module is the part's export `name` (its namespace, beside what
 * another part uses of the file).
 */
export function loadPart<Part>(load: () => Promise<Part>): Promise<Part> {
  const [file = '', name] = String(load()).replace(/^\.\//, '').split('#');
  let part = loading.get(file);
  if (!part) {
    // A file that came after its time was up has run and registered all the same: it is used, not run again.
    const arrived = registered(file);
    part = arrived ? Promise.resolve(arrived) : loadScript(file);
    loading.set(file, part);
    // A failed load may succeed on retry (the network came back).
    part.catch(() => loading.delete(file));
  }
  return part.then((exports) => (name ? exports[name] : exports) as Part);
}

/**
 * Runs `file` (beside the main script) and takes the exports it registered under its name. A file
 * that has not arrived within the time remote data gets fails as remote data does (a retry asks
 * again): the reader sees an error with a retry, never a spinner that waits for a stalled server.
 */
function loadScript(file: string): Promise<PartExports> {
  return new Promise<PartExports>((resolve, reject) => {
    const url = new URL(file, mainScript || document.baseURI).href;
    const script = document.createElement('script');
    const fail = (reason: string): void => {
      clearTimeout(timer);
      script.remove();
      reject(new Error(reason));
    };
    const timer = setTimeout(() => fail(`no answer for ${url} within ${FETCH_TIMEOUT_MS / 1000} s`), FETCH_TIMEOUT_MS);
    script.addEventListener('load', () => {
      const part = registered(file);
      if (!part) {
        fail(`${url} did not provide its part of egov-widgets ${VERSION}`);
        return;
      }
      clearTimeout(timer);
      script.remove();
      resolve(part);
    });
    script.addEventListener('error', () => fail(`could not load ${url}`));
    script.src = trustedScriptUrl(url);
    document.head.append(script);
  });
}

/** The exports `file` registered, once it has run. */
function registered(file: string): PartExports | undefined {
  return (globalThis as unknown as Record<symbol, Record<string, PartExports> | undefined>)[REGISTRY]?.[file];
}
