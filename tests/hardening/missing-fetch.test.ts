// A page that removed `window.fetch` before the kit loaded (a broken polyfill, a "security" script).
// The bundle must still load without an exception: widgets without remote data work, and those
// with remote data show the translated network message, a retry button, and fire `egov-error`.
import { expect, waitUntil } from '@open-wc/testing';
import { BUNDLE, loadScript, part, readArticle } from './kit-page.js';
import { visibleText } from '../support/helpers.js';

const original = window.fetch;
(window as unknown as { fetch: unknown }).fetch = undefined;

describe('a page without window.fetch', () => {
  const pageErrors: unknown[] = [];
  const onError = (event: ErrorEvent) => pageErrors.push(event.error ?? event.message);

  before(async () => {
    window.addEventListener('error', onError);
    await loadScript(BUNDLE);
  });
  after(() => {
    window.removeEventListener('error', onError);
    window.fetch = original;
  });

  it('loads the bundle without an exception and defines all four tags', () => {
    expect(pageErrors).to.deep.equal([]);
    for (const tag of ['egov-article-view', 'egov-poll', 'egov-web-links', 'egov-agency-footer']) {
      expect(customElements.get(tag), tag).to.not.equal(undefined);
    }
  });

  it('shows remote widgets failing with a clear message and a retry, and inline ones working', async () => {
    const area = document.createElement('div');
    const errors: { tag: string; code: string; message: string }[] = [];
    area.addEventListener('egov-error', (event) => {
      const { code, message } = (event as CustomEvent<{ code: string; message: string }>).detail;
      errors.push({ tag: (event.target as Element).localName, code, message });
    });
    area.innerHTML = `
      <egov-article-view src="/api/articles/phu-luong-can-bo"></egov-article-view>
      <egov-poll endpoint="/api" poll-id="hostile-fetch-missing"></egov-poll>
      <egov-web-links src="/demo/data/web-links.json"></egov-web-links>
      <egov-agency-footer src="/tests/hardening/footer.json"></egov-agency-footer>
      <egov-article-view id="inline" heading="Huyện Phú Lương chú trọng xây dựng, nâng cao chất lượng đội ngũ cán bộ từ huyện đến cơ sở" published="2018-05-11" author="Quang Sơn"><p>Đảng bộ huyện Phú Lương.</p></egov-article-view>
      <egov-web-links id="inline-links"><a href="https://chinhphu.vn">Cổng Thông tin điện tử Chính phủ</a></egov-web-links>
    `;
    document.body.append(area);
    try {
      const remote = [...area.querySelectorAll<HTMLElement>('egov-article-view:not([id]), egov-poll, egov-web-links:not([id]), egov-agency-footer')];
      await waitUntil(() => remote.every((element) => part(element, '[part="error"]')), 'every remote widget shows an error', {
        timeout: 15_000,
      });
      for (const element of remote) {
        expect(visibleText(part(element, '[part="error"] p')), element.localName).to.include('Không kết nối được tới máy chủ');
        expect(part(element, '[part="retry-button"]'), element.localName).to.not.equal(null);
      }
      expect(errors.map((error) => `${error.tag}:${error.code}`).sort()).to.deep.equal(
        ['egov-agency-footer:network', 'egov-article-view:network', 'egov-poll:network', 'egov-web-links:network'],
      );
      expect(errors[0]!.message).to.include('this page has no window.fetch');
      // Inline content needs no fetch: the article and its tools, and the links combobox.
      await readArticle(area.querySelector<HTMLElement>('#inline')!);
      await waitUntil(() => part(area.querySelector('#inline-links')!, '[part="input"]'), 'inline links never rendered');
      expect(pageErrors).to.deep.equal([]);
      console.log(`figure: missing fetch: page without fetch, ${remote.length} remote widgets with a clear message, 2 inline working, ${pageErrors.length} exceptions`);
    } finally {
      area.remove();
    }
  });
});
