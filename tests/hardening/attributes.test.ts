// What pages and frameworks do to the tags after load: an attribute written, then removed (jQuery's
// .removeAttr, a framework dropping a prop, a webmaster's script). Lit alone sets the property to
// `null`, which the widgets read as a string: each removal threw into the page and left the widget
// as it was. Now every attribute's property goes back to its default (Lit's `useDefault`, which
// each attribute of the kit declares).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { LitElement } from 'lit';
import '../../src/define.js';
import { TAGS } from '../../src/tags.js';
import { inShadow, visibleText } from '../support/helpers.js';

/** The attributes of a widget's class, with the property each sets. */
function attributesOf(tag: string): [attribute: string, property: string][] {
  const element = customElements.get(tag) as unknown as typeof LitElement;
  return [...element.elementProperties]
    .filter(([, options]) => !options.state && options.attribute !== false)
    .map(([property, { attribute }]) => [typeof attribute === 'string' ? attribute : String(property).toLowerCase(), String(property)]);
}

type Props = Record<string, unknown>;

describe('an attribute removed after load', () => {
  const uncaught: string[] = [];
  const onError = (event: ErrorEvent): void => {
    uncaught.push(String(event.message));
  };
  before(() => window.addEventListener('error', onError));
  after(() => window.removeEventListener('error', onError));

  for (const tag of TAGS) {
    it(`gives each property of <${tag}> back its default, without an error`, async () => {
      const attributes = attributesOf(tag);
      expect(attributes.length, 'no attribute found').to.be.greaterThan(1);
      const defaults = document.createElement(tag) as unknown as Props;
      const element = document.createElement(tag) as unknown as LitElement & Props;
      for (const [attribute] of attributes) element.setAttribute(attribute, '7');
      document.body.append(element);
      try {
        await element.updateComplete;
        for (const [attribute, property] of attributes) {
          element.removeAttribute(attribute);
          expect(element[property], `${attribute} removed`).to.deep.equal(defaults[property]);
          await element.updateComplete;
        }
        expect(uncaught).to.deep.equal([]);
      } finally {
        element.remove();
      }
    });
  }

  it('shows the footer without the line whose attribute went', async () => {
    const footer = await fixture(html`<egov-agency-footer agency="UBND huyện Phú Lương" phone="0208 3874 436" fax="0208 3874 123"></egov-agency-footer>`);
    await waitUntil(() => visibleText(footer.shadowRoot!).includes('0208 3874 123'), 'no fax shown');
    footer.removeAttribute('fax');
    await waitUntil(() => !visibleText(footer.shadowRoot!).includes('0208 3874 123'), 'the fax stayed');
    expect(visibleText(footer.shadowRoot!)).to.include('0208 3874 436');
    expect(uncaught).to.deep.equal([]);
  });

  it('says a poll whose poll-id went is not configured, as one that never had it', async () => {
    const poll = await fixture(html`<egov-poll endpoint="/api" poll-id="dem-phieu"></egov-poll>`);
    await inShadow(poll, '[part="question"]');
    const configError = new Promise<CustomEvent>((resolve) => poll.addEventListener('egov-error', (event) => resolve(event as CustomEvent), { once: true }));
    poll.removeAttribute('poll-id');
    expect((await configError).detail.code).to.equal('config');
    await waitUntil(() => visibleText(poll.shadowRoot!).includes('thiếu thuộc tính poll-id'), 'no configuration message');
    expect(poll.shadowRoot!.querySelector('[part="question"]')).to.equal(null);
    expect(uncaught).to.deep.equal([]);
  });
});
