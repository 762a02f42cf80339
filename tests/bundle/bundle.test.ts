// The built one-script bundle, loaded the way a webmaster loads it: by <script src>, here twice.
import { expect, waitUntil } from '@open-wc/testing';
import { captureWarnings, shadow, visibleText } from '../support/helpers.js';

const BUNDLE = '/dist/egov-widgets.js';

function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`${src} failed to load`));
    document.head.append(script);
  });
}

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

  it('loads a second time without an error or a warning', async () => {
    const warnings = await captureWarnings(() => loadScript(`${BUNDLE}?copy=2`));
    expect(warnings).to.deep.equal([]);
    expect(pageErrors).to.deep.equal([]);
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
    const first = customElements.get('egov-agency-footer');
    const warnings = await captureWarnings(() => loadScript(otherVersion));
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.include('egov-widgets 9.9.9');
    expect(warnings[0]).to.include('already defined by egov-widgets 0.1.0');
    expect(customElements.get('egov-agency-footer')).to.equal(first);
    expect(pageErrors).to.deep.equal([]);
  });
});
