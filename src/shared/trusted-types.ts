/**
 * The kit's one Trusted Types policy, `egov-widgets`. It turns JSON text into a `TrustedScript` for
 * the schema.org data scripts and refuses anything that is not JSON, so it can never carry code;
 * and it lets through the URLs of the kit's own part files (`egov-<part>.js`, load-part-script.ts),
 * refusing every other.
 * Two copies of the kit on a page share the policy instead of creating it twice.
 */

interface ScriptPolicy {
  createScript(input: string): string;
  createScriptURL(input: string): string;
}

interface TrustedTypesFactory {
  createPolicy(name: string, rules: ScriptPolicy): ScriptPolicy;
}

// `.7`: the policy lets the sanitizer's part through too; an older copy's policy (without it) is not reused.
const SHARED = Symbol.for('egov-widgets.trusted-types-policy.7');

/** The only scripts the kit ever loads: its parts (`egov-<module>.js`, see load-part.ts), over http(s); tests/e2e/size.test.ts checks this list against the built files. */
export const PART_SCRIPT = /^https?:\/\/[^?#]*\/egov-(?:sanitize|sanitizer-fallback|web-links-list|chunk-marks|article-actions|messages-en)\.js$/;

type Holder = Record<symbol, ScriptPolicy | null | undefined> & { trustedTypes?: TrustedTypesFactory };

function acceptJsonOnly(input: string): string {
  JSON.parse(input);
  return input;
}

const script = globalThis.document?.currentScript;

/**
 * The main script's own URL, known only while it runs (the classic bundle): its parts sit beside
 * it (load-part-script.ts). Empty for ES modules, which import their parts through no policy.
 */
export const mainScript = script?.localName === 'script' ? (script as HTMLScriptElement).src : '';

function acceptPartScriptOnly(input: string): string {
  // Beside the main script only: the policy is on the page for any script to use, and a file of a
  // part's name can be put anywhere.
  if (!PART_SCRIPT.test(input) || !input.startsWith(mainScript.replace(/[^/]*$/, ''))) throw new TypeError(`egov-widgets loads no script but its own parts, not ${input}`);
  return input;
}

/** The policy, or `null` where the browser has no Trusted Types or the page forbids our policy name. */
function policy(): ScriptPolicy | null {
  const holder = globalThis as unknown as Holder;
  if (holder[SHARED] !== undefined) return holder[SHARED];
  let created: ScriptPolicy | null = null;
  if (holder.trustedTypes) {
    try {
      created = holder.trustedTypes.createPolicy('egov-widgets', { createScript: acceptJsonOnly, createScriptURL: acceptPartScriptOnly });
    } catch {
      created = null;
    }
  }
  holder[SHARED] = created;
  return created;
}

/** JSON text in the form a `<script>` accepts under `require-trusted-types-for 'script'`. */
export function trustedJson(json: string): string {
  const trusted = policy();
  return trusted ? trusted.createScript(json) : json;
}

/** False when the page enforces Trusted Types and has not allowed the `egov-widgets` policy. */
export function canWriteScripts(): boolean {
  const holder = globalThis as unknown as Holder;
  return policy() !== null || !holder.trustedTypes;
}

/** A part's URL in the form `script.src` accepts under Trusted Types. */
export function trustedScriptUrl(url: string): string {
  const trusted = policy();
  return trusted ? trusted.createScriptURL(url) : url;
}
