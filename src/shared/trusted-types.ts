/**
 * The kit's one Trusted Types policy, `egov-widgets`. It turns JSON text into a `TrustedScript` for
 * the schema.org data scripts and refuses anything that is not JSON, so it can never carry code.
 * Two copies of the kit on a page share the policy instead of creating it twice.
 */

interface ScriptPolicy {
  createScript(input: string): string;
}

interface TrustedTypesFactory {
  createPolicy(name: string, rules: { createScript: (input: string) => string }): ScriptPolicy;
}

const SHARED = Symbol.for('egov-widgets.trusted-types-policy');

type Holder = Record<symbol, ScriptPolicy | null | undefined> & { trustedTypes?: TrustedTypesFactory };

function acceptJsonOnly(input: string): string {
  JSON.parse(input);
  return input;
}

/** The policy, or `null` where the browser has no Trusted Types or the page forbids our policy name. */
function policy(): ScriptPolicy | null {
  const holder = globalThis as unknown as Holder;
  if (holder[SHARED] !== undefined) return holder[SHARED];
  let created: ScriptPolicy | null = null;
  if (holder.trustedTypes) {
    try {
      created = holder.trustedTypes.createPolicy('egov-widgets', { createScript: acceptJsonOnly });
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
