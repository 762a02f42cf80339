// A page that already defines one of the kit's tags (its own <egov-poll>) before the bundle loads:
// the page's element is kept, the kit says so once with console.warn, throws nothing, and its three
// other widgets work.
import { expect } from '@open-wc/testing';
import { captureWarnings } from '../support/helpers.js';
import { BUNDLE, hostileTraces, loadScript, mountKit, openLink, readArticle, readFooter, type Kit } from './kit-page.js';

class PagePoll extends HTMLElement {}
customElements.define('egov-poll', PagePoll);

describe('a page that defined <egov-poll> itself', () => {
  const pageErrors: unknown[] = [];
  const onError = (event: ErrorEvent) => pageErrors.push(event.error ?? event.message);
  let warnings: string[] = [];
  let kit: Kit | undefined;

  before(async () => {
    window.addEventListener('error', onError);
    warnings = await captureWarnings(() => loadScript(BUNDLE));
  });
  after(() => {
    window.removeEventListener('error', onError);
    kit?.container.remove();
  });

  it('keeps the page’s element and warns once, without an exception', () => {
    expect(customElements.get('egov-poll')).to.equal(PagePoll);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.include('<egov-poll> is already defined by another script');
    expect(pageErrors).to.deep.equal([]);
  });

  it('still runs the three other widgets', async () => {
    kit = mountKit('hostile-tag');
    await readArticle(kit.article);
    await openLink(kit.links);
    await readFooter(kit.footer);
    expect(kit.poll).to.be.instanceOf(PagePoll);
    expect(kit.poll.shadowRoot).to.equal(null);
    expect(hostileTraces()).to.deep.equal([]);
    const working = [kit.article, kit.links, kit.footer].filter((element) => element.shadowRoot !== null).length;
    console.log(
      `figure: hostile tag: 1 tag taken by the page, ${working} other widgets working, ` +
        `${warnings.length} warning, ${pageErrors.length} exceptions`,
    );
  });
});
