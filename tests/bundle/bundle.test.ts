// The built one-script bundle, loaded the way a webmaster loads it: by <script src>, here twice.
import { expect, waitUntil } from '@open-wc/testing';
import { captureWarnings, shadow, visibleText } from '../support/helpers.js';
import { loadScript, TAGS } from '../hardening/kit-page.js';

const BUNDLE = '/dist/egov-widgets.js';


describe('dist/egov-widgets.js', () => {
  const pageErrors: unknown[] = [];
  const onError = (event: ErrorEvent) => pageErrors.push(event.error ?? event.message);

  before(() => window.addEventListener('error', onError));
  after(() => window.removeEventListener('error', onError));

  it('upgrades a footer that was on the page before the script loaded', async () => {
    document.body.insertAdjacentHTML(
      'beforeend',
      '<egov-agency-footer id="early" agency="UBND huyện Phú Lương" phone="02083874436"></egov-agency-footer>',
    );
    const warnings = await captureWarnings(() => loadScript(BUNDLE));
    expect(warnings).to.deep.equal([]);
    const footer = document.getElementById('early')!;
    await waitUntil(() => footer.shadowRoot?.querySelector('footer'));
    expect(visibleText(shadow(footer).querySelector('footer'))).to.include('Điện thoại: 02083874436');
  });

  it('tells scripts which version runs, read-only', () => {
    expect(window.egovWidgets?.version).to.equal('0.1.0');
    const descriptor = Object.getOwnPropertyDescriptor(window, 'egovWidgets');
    expect(descriptor?.writable).to.equal(false);
    expect(descriptor?.configurable).to.equal(false);
    expect(Object.isFrozen(window.egovWidgets)).to.equal(true);
  });

  it('loads a second time without an error or a warning', async () => {
    const first = TAGS.map((tag) => customElements.get(tag));
    expect(first.every(Boolean), 'all four tags defined').to.equal(true);
    const warnings = await captureWarnings(() => loadScript(`${BUNDLE}?copy=2`));
    expect(warnings).to.deep.equal([]);
    expect(pageErrors).to.deep.equal([]);
    expect(TAGS.map((tag) => customElements.get(tag))).to.deep.equal(first);
  });

  it('upgrades all four elements added after both copies loaded', async () => {
    document.body.insertAdjacentHTML(
      'beforeend',
      `<div id="four">
        <egov-article-view heading="Tin bài" published="2018-05-11" author="Quang Sơn"><p>Nội dung.</p></egov-article-view>
        <egov-poll endpoint="/api" poll-id="hai-ban"></egov-poll>
        <egov-web-links><a href="https://chinhphu.vn">Cổng Thông tin điện tử Chính phủ</a></egov-web-links>
        <egov-agency-footer agency="UBND"></egov-agency-footer>
      </div>`,
    );
    const four = document.getElementById('four')!;
    await waitUntil(() => four.querySelector('egov-article-view')!.shadowRoot?.querySelector('[part="heading"]'));
    await waitUntil(() => four.querySelector('egov-poll')!.shadowRoot?.querySelector('[part="form"]'), 'poll form', { timeout: 10_000 });
    await waitUntil(() => four.querySelector('egov-web-links')!.shadowRoot?.querySelector('[part="input"]'));
    await waitUntil(() => four.querySelector('egov-agency-footer')!.shadowRoot?.querySelector('[part="copyright"]'));
    four.remove();
  });

  it('upgrades a footer added later by the page', async () => {
    document.body.insertAdjacentHTML('beforeend', '<egov-agency-footer id="late" agency="UBND"></egov-agency-footer>');
    const footer = document.getElementById('late')!;
    await waitUntil(() => footer.shadowRoot?.querySelector('[part="copyright"]'));
    expect(visibleText(shadow(footer).querySelector('[part="copyright"]'))).to.include('UBND');
  });

  it('warns once, and keeps the first definition, when another version loads', async () => {
    const source = await (await fetch(BUNDLE)).text();
    expect(source).to.include('"0.1.0"');
    const otherVersion = URL.createObjectURL(
      new Blob([source.replaceAll('"0.1.0"', '"9.9.9"')], { type: 'text/javascript' }),
    );
    const first = TAGS.map((tag) => customElements.get(tag));
    const warnings = await captureWarnings(() => loadScript(otherVersion));
    // One warning for the copy, not one per tag (all six are taken).
    expect(warnings).to.have.length(1);
    // It names both versions and every tag the first copy had already defined.
    expect(warnings[0]).to.include('egov-widgets 9.9.9: <egov-agency-footer>, <egov-article-view>, <egov-banners>, <egov-poll>, <egov-video>, <egov-web-links> are already defined by egov-widgets 0.1.0');
    expect(warnings[0]).to.include('The first copy to run wins');
    expect(window.egovWidgets?.version, 'the running version stays the first copy’s').to.equal('0.1.0');
    expect(TAGS.map((tag) => customElements.get(tag))).to.deep.equal(first);
    expect(pageErrors).to.deep.equal([]);
    console.log(`figure: bundle: 3 copies (2 versions) × ${TAGS.length} tags, ${warnings.length} warning, ${pageErrors.length} exceptions`);
  });
});
