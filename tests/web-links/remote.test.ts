import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { EgovWebLinks } from '../../src/web-links/web-links.js';
import { faultUrl, inShadow, nextError, visibleText } from '../support/helpers.js';
import { optionLabels, activeLabel, focusBox, press, typeInto } from './harness.js';

describe('<egov-web-links>', () => {
  describe('from src', () => {
    it('loads the demo links and finds "chinh phu"', async () => {
      const element = await fixture<EgovWebLinks>(html`<egov-web-links src="/demo/data/web-links.json"></egov-web-links>`);
      await inShadow(element, 'input');
      await typeInto(element, 'chinh phu');
      expect(optionLabels(element)).to.include('Cổng Thông tin điện tử Chính phủ');
      await focusBox(element);
      await press(element, 'ArrowDown');
      expect(activeLabel(element)).to.equal('Cổng Thông tin điện tử Chính phủ');
      await expect(element).to.be.accessible();
    });

    it('uses the JSON instead of the inline links', async () => {
      const json = JSON.stringify([{ label: 'Từ máy chủ', href: 'https://chinhphu.vn' }]);
      const element = await fixture<EgovWebLinks>(html`
        <egov-web-links src=${faultUrl('json', { ok: json })}><a href="https://quochoi.vn">Trong trang</a></egov-web-links>
      `);
      await inShadow(element, 'input');
      await focusBox(element);
      await press(element, 'ArrowDown');
      expect(optionLabels(element)).to.deep.equal(['Từ máy chủ']);
    });

    it('shows an accessible loading state that reserves the space of the box', async () => {
      const json = JSON.stringify([{ label: 'Chính phủ', href: 'https://chinhphu.vn' }]);
      const element = await fixture<EgovWebLinks>(html`<egov-web-links src=${faultUrl('slow', { ok: json, delay: 3000 })}></egov-web-links>`);
      const loading = await inShadow(element, '[part="loading"]');
      expect(visibleText(loading)).to.equal('Đang tải…');
      const loadingHeight = element.getBoundingClientRect().height;
      await expect(element).to.be.accessible();
      await inShadow(element, 'input');
      expect(Math.abs(element.getBoundingClientRect().height - loadingHeight)).to.be.at.most(2);
    });

    it('tells the webmaster that a failed request to another origin is most likely CORS', async () => {
      // The same test server under another host name: another origin, answering without CORS headers.
      const otherHost = location.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
      const json = JSON.stringify([{ label: 'Chính phủ', href: 'https://chinhphu.vn' }]);
      const crossOrigin = `${location.protocol}//${otherHost}:${location.port}${faultUrl('json', { ok: json })}`;
      // The same JSON from this origin loads, and the other origin does answer (an opaque no-cors
      // response, not a refused connection): only CORS stands in the way.
      expect((await fetch(faultUrl('json', { ok: json }))).ok).to.equal(true);
      expect((await fetch(crossOrigin, { mode: 'no-cors' })).type).to.equal('opaque');
      const element = await fixture<EgovWebLinks>(html`<egov-web-links src=${crossOrigin}></egov-web-links>`);
      const error = await nextError(element);
      expect(error.code).to.equal('network');
      const endpointOrigin = new URL(crossOrigin).origin;
      expect(error.message).to.include(`${endpointOrigin} is another origin than this page (${location.origin})`);
      expect(error.message).to.include('CORS');
      expect(error.message).to.include(`add ${location.origin} to EGOV_ALLOWED_ORIGINS`);
      expect(visibleText(await inShadow(element, '[part="error"] p'))).to.equal(
        'Không kết nối được tới máy chủ. Vui lòng kiểm tra mạng và thử lại.',
      );
    });

    it('does not blame CORS when a request to its own origin fails', async () => {
      const element = await fixture<EgovWebLinks>(html`<egov-web-links src=${faultUrl('reset')}></egov-web-links>`);
      const error = await nextError(element);
      expect(error.code).to.equal('network');
      expect(error.message).to.not.include('CORS');
    });

    const wrongShapes: [string, string][] = [
      ['an object instead of an array', '{"links": []}'],
      ['an entry without href', '[{"label": "Chính phủ"}]'],
      ['a label that is not text', '[{"label": 1, "href": "https://chinhphu.vn"}]'],
      ['a group that is not text', '[{"label": "Chính phủ", "href": "https://chinhphu.vn", "group": ["Trung ương"]}]'],
    ];
    for (const [what, body] of wrongShapes) {
      it(`explains JSON with ${what}`, async () => {
        const element = await fixture<EgovWebLinks>(html`<egov-web-links src=${faultUrl('json', { ok: body })}></egov-web-links>`);
        const detail = await nextError(element);
        expect(detail.code).to.equal('shape');
        const error = await inShadow(element, '[part="error"]');
        expect(visibleText(error)).to.include('không đúng định dạng');
      });
    }

    it('ignores fields a polluted Object.prototype would add', async () => {
      const proto = Object.prototype as Record<string, unknown>;
      proto['href'] = 'javascript:alert(1)';
      proto['group'] = 'Bị chèn';
      try {
        const element = await fixture<EgovWebLinks>(html`<egov-web-links src=${faultUrl('json', { ok: '[{"label": "Chính phủ"}]' })}></egov-web-links>`);
        expect((await nextError(element)).code).to.equal('shape');
      } finally {
        delete proto['href'];
        delete proto['group'];
      }
    });
  });
});
