import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { EgovElement } from '../shared/egov-element.js';
import { RemoteController } from '../shared/remote-controller.js';
import { baseStyles, tokens } from '../shared/styles.js';
import { writeJsonLdLater, withoutEmpty } from '../shared/json-ld.js';
import { expectObject, optionalString, ownValue, type JsonObject } from '../shared/validate.js';
import { ShapeError } from '../shared/fetch-json.js';
import { messages } from './agency-footer.messages.js';
import { footerStyles } from './agency-footer.styles.js';
import { copyrightYears, dialablePhone, mailAddress } from './contact.js';

/** What the footer shows; every field may be empty. */
export interface FooterDetails {
  siteName: string;
  agency: string;
  address: string;
  responsible: string;
  phone: string;
  fax: string;
  email: string;
  since: string;
  developer: string;
}

const FIELDS: (keyof FooterDetails)[] = [
  'siteName', 'agency', 'address', 'responsible', 'phone', 'fax', 'email', 'since', 'developer',
];

/**
 * The agency footer every portal page ends with: who runs the site, how to reach them, copyright
 * and the developer credit, from attributes or from a JSON file.
 *
 * @summary Agency footer ("chân trang") with contact details and copyright.
 *
 * @slot - Extra content shown under the contact details (links, a visitor counter, …).
 * @slot fallback - Content for readers whose browser does not run the script; hidden once the
 *   element upgrades.
 *
 * @fires egov-error - `src` could not be loaded. `detail: {code, message}`.
 *
 * @csspart footer - The `<footer>` block.
 * @csspart columns - The grid holding the identity and contact columns.
 * @csspart identity - Site name, address and the person responsible.
 * @csspart site-name - The site name.
 * @csspart contact - The `<address>` with phone, fax and email.
 * @csspart legal - The copyright and developer lines.
 * @csspart copyright - The copyright line.
 * @csspart developer - The developer credit.
 * @csspart loading - The loading message while `src` loads.
 * @csspart error - The message shown when `src` fails.
 * @csspart retry-button - The retry button inside `error`.
 *
 * @cssprop --egov-footer-background - Footer background (default: the primary colour).
 * @cssprop --egov-footer-color - Footer text colour (default: white).
 * @cssprop --egov-footer-max-width - Width of the footer's content, centred (default: 75em).
 * @cssprop --egov-color-primary - Primary colour of the kit.
 * @cssprop --egov-color-accent - The accent line above the footer.
 * @cssprop --egov-font-family - Font of the kit.
 */
export class EgovAgencyFooter extends EgovElement {
  static override styles = [tokens, baseStyles, footerStyles];

  static override properties = {
    siteName: { attribute: 'site-name', useDefault: true },
    agency: { useDefault: true },
    address: { useDefault: true },
    responsible: { useDefault: true },
    phone: { useDefault: true },
    fax: { useDefault: true },
    email: { useDefault: true },
    since: { useDefault: true },
    developer: { useDefault: true },
    src: { useDefault: true },
  };

  /** Name of the portal, e.g. "HUYỆN PHÚ LƯƠNG TỈNH THÁI NGUYÊN". */
  siteName = '';

  /** The agency that owns the site; named in the copyright line. */
  agency = '';

  /** Postal address of the agency. */
  address = '';

  /** Person responsible for the content ("Chịu trách nhiệm nội dung"). */
  responsible = '';

  /** Phone number; a link (`tel:`) when it is a valid number, plain text otherwise. */
  phone = '';

  /** Fax number, shown as text. */
  fax = '';

  /** Contact email; a `mailto:` link when it is a valid address, plain text otherwise. */
  email = '';

  /** First year of the copyright range; the range ends at the current year. */
  since = '';

  /** Developer credit line, shown as written. */
  developer = '';

  /**
   * URL of a JSON file with the same fields in camelCase (`siteName`, `agency`, …). Attributes that
   * are set win over the file's values.
   */
  src = '';

  private readonly remote = new RemoteController(this, { url: () => this.src, parse: parseFooterJson });

  /** The fields shown: attributes first, then the loaded file. */
  private get details(): FooterDetails {
    const loaded = this.remote.value;
    const details = {} as FooterDetails;
    for (const field of FIELDS) details[field] = this[field].trim() || loaded?.[field]?.trim() || '';
    return details;
  }

  /** Not a second footer landmark inside the page's own footer (a Bootstrap template's `<footer>`). */
  private get footerRole(): 'none' | undefined {
    return this.closest('footer,[role=contentinfo]') ? 'none' : undefined;
  }

  override render(): unknown {
    if (!this.src) return this.renderFooter(this.details);
    return this.remote.render({
      complete: () => this.renderFooter(this.details),
      frame: (view) => html`<footer part="footer" role=${ifDefined(this.footerRole)} lang=${this.language}>${view}</footer>`,
    });
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    const details = this.details;
    writeJsonLdLater(this, () => organizationJsonLd(this.details));
    if (details.phone && !dialablePhone(details.phone)) this.warnInvalid('phone', details.phone);
    if (details.email && !mailAddress(details.email)) this.warnInvalid('email', details.email);
  }

  private renderFooter(details: FooterDetails): TemplateResult {
    const text = messages[this.language];
    const years = copyrightYears(details.since, new Date().getFullYear());
    return html`
      <footer part="footer" role=${ifDefined(this.footerRole)} lang=${this.language}>
        <div class="inner">
          <div class="columns" part="columns">
            <div part="identity">
              ${details.siteName ? html`<p class="site-name" part="site-name">${details.siteName}</p>` : nothing}
              ${this.renderLine(text.address, details.address)}
              ${this.renderLine(text.responsible, details.responsible)}
            </div>
            <address part="contact">
              ${this.renderLine(text.phone, details.phone, this.renderLink(details.phone, 'tel:', dialablePhone(details.phone)))}
              ${this.renderLine(text.fax, details.fax)}
              ${this.renderLine(text.email, details.email, this.renderLink(details.email, 'mailto:', mailAddress(details.email)))}
            </address>
          </div>
          <slot></slot>
          <div class="legal" part="legal">
            <p part="copyright">${text.copyright(years, details.agency)}</p>
            ${details.developer ? html`<p part="developer">${details.developer}</p>` : nothing}
          </div>
        </div>
      </footer>
    `;
  }

  /** A "Label: value" line, or nothing at all when the value is empty. */
  private renderLine(label: string, value: string, content: unknown = value): TemplateResult | typeof nothing {
    if (!value) return nothing;
    return html`<p><span class="label">${label}</span> ${content}</p>`;
  }

  /** `value` as a link to `scheme` + `target` when it has a target (a dialable number, a valid address), else as text. */
  private renderLink(value: string, scheme: 'tel:' | 'mailto:', target: string | undefined): unknown {
    return target ? html`<a href=${scheme + target}>${value}</a>` : value;
  }

  private warnInvalid(field: string, value: string): void {
    this.warnOnce(`"${value}" is not a valid ${field}; it is shown as text, not a link.`);
  }
}

/** Reads the footer JSON: an object whose known keys are strings (or a number for `since`). */
function parseFooterJson(data: unknown): Partial<FooterDetails> {
  const json: JsonObject = expectObject(data, 'footer');
  // No prototype: a page that polluted Object.prototype cannot fill a field the file leaves out.
  const details: Partial<FooterDetails> = Object.create(null);
  for (const field of FIELDS) {
    const year = ownValue(json, field);
    const value = field === 'since' && typeof year === 'number' ? String(year) : optionalString(json, field);
    if (value !== undefined) details[field] = value;
  }
  if (Object.keys(details).length === 0) throw new ShapeError('footer has none of the known fields');
  return details;
}

function organizationJsonLd(details: FooterDetails): Record<string, unknown> {
  return withoutEmpty({
    '@type': 'GovernmentOrganization',
    name: details.agency || details.siteName,
    alternateName: details.agency && details.siteName ? details.siteName : undefined,
    address: details.address,
    telephone: details.phone,
    faxNumber: details.fax,
    email: mailAddress(details.email),
  });
}

declare global {
  interface HTMLElementTagNameMap {
    'egov-agency-footer': EgovAgencyFooter;
  }
}
