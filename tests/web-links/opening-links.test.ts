import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { EgovWebLinks } from '../../src/web-links/web-links.js';
import { captureWarnings, faultUrl, inShadow, shadow, uniqueKey, visibleText } from '../support/helpers.js';
import { UNSAFE_URLS } from '../support/unsafe-urls.js';
import {
  sampleLinks, optionLabels, focusBox, press, cancelSelections, watchLandings, landingUrl, firstOption,
} from './harness.js';

describe('<egov-web-links>', () => {
  describe('target', () => {
    it('opens a link in a new tab, without opener or referrer, by default', async function () {
      const id = uniqueKey('blank');
      const watch = watchLandings();
      try {
        const element = await fixture<EgovWebLinks>(html`<egov-web-links><a href=${landingUrl(id)}>Trang đích</a></egov-web-links>`);
        const selected = oneEvent(element, 'egov-link-select');
        await focusBox(element);
        await press(element, 'ArrowDown');
        await press(element, 'Enter');
        expect((await selected).detail.href).to.equal(new URL(landingUrl(id), location.href).href);
        const landing = await watch.next(id);
        expect(landing.framed).to.equal(false);
        expect(landing.hasOpener).to.equal(false);
        expect(landing.referrer).to.equal('');
      } finally {
        watch.close();
      }
    });

    it('tells screen readers that links open in a new tab', async () => {
      const element = await sampleLinks();
      await focusBox(element);
      await press(element, 'ArrowDown');
      const option = firstOption(element);
      expect(visibleText(option)).to.equal('Cổng Thông tin điện tử Chính phủ (mở trong thẻ mới)↗');
      expect(option?.querySelector('[aria-hidden="true"]')?.textContent).to.equal('↗');
    });

    it('opens the link in the same tab with target="_self"', async () => {
      const watch = watchLandings();
      try {
        const frame = await fixture<HTMLIFrameElement>(html`<iframe title="same tab" src="/tests/web-links/self-frame.html"></iframe>`);
        await waitUntil(() => frame.contentDocument?.querySelector('egov-web-links')?.shadowRoot?.querySelector('input'), 'the frame never upgraded', {
          timeout: 10_000,
        });
        const element = frame.contentDocument?.querySelector('egov-web-links') as EgovWebLinks;
        await focusBox(element);
        await press(element, 'ArrowDown');
        expect(visibleText(firstOption(element))).to.equal('Trang đích cùng thẻ');
        await sendKeys({ press: 'Enter' });
        const landing = await watch.next('same-tab');
        expect(landing.framed).to.equal(true);
        expect(frame.contentWindow?.location.pathname).to.equal('/tests/web-links/landing.html');
      } finally {
        watch.close();
      }
    });

    it('treats any other target as _blank, with a warning', async () => {
      let element: EgovWebLinks | undefined;
      const warnings = await captureWarnings(async () => {
        element = await sampleLinks({ target: '_top' });
      });
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.include('_top');
      await focusBox(element!);
      await press(element!, 'ArrowDown');
      expect(visibleText(firstOption(element!))).to.include('(mở trong thẻ mới)');
    });
  });

  describe('egov-link-select', () => {
    it('a cancelled selection opens nothing, the next one opens', async () => {
      const cancelledId = uniqueKey('cancelled');
      const openedId = uniqueKey('opened');
      const watch = watchLandings();
      try {
        const element = await fixture<EgovWebLinks>(html`
          <egov-web-links>
            <a href=${landingUrl(cancelledId)}>Bị huỷ</a>
            <a href=${landingUrl(openedId)}>Được mở</a>
          </egov-web-links>
        `);
        let cancel = true;
        const seen: string[] = [];
        element.addEventListener('egov-link-select', (event) => {
          seen.push(event.detail.label);
          if (cancel) event.preventDefault();
        });
        await focusBox(element);
        await press(element, 'ArrowDown');
        await press(element, 'Enter');
        cancel = false;
        await press(element, 'ArrowDown');
        await press(element, 'ArrowDown');
        await press(element, 'Enter');
        await watch.next(openedId);
        expect(seen).to.deep.equal(['Bị huỷ', 'Được mở']);
        expect(watch.landings.some((landing) => landing.href.includes(cancelledId))).to.equal(false);
      } finally {
        watch.close();
      }
    });

    it('bubbles out of the widget and gives the link resolved against the page', async () => {
      const wrapper = await fixture<HTMLElement>(html`<div><egov-web-links><a href="lien-he.html">Liên hệ</a></egov-web-links></div>`);
      const element = wrapper.querySelector('egov-web-links') as EgovWebLinks;
      const selected = cancelSelections(wrapper);
      await focusBox(element);
      await press(element, 'ArrowDown');
      await press(element, 'Enter');
      expect(selected[0]!.detail).to.deep.equal({ href: new URL('lien-he.html', document.baseURI).href, label: 'Liên hệ', group: null });
      expect(selected[0]!.composed).to.equal(true);
    });
  });

  describe('unsafe links', () => {
    const unsafe = UNSAFE_URLS;

    it('drops every non-http(s) inline link with a warning and never renders it', async () => {
      let element: EgovWebLinks | undefined;
      const warnings = await captureWarnings(async () => {
        const host = document.createElement('egov-web-links');
        unsafe.forEach((href, index) => {
          const anchor = document.createElement('a');
          anchor.setAttribute('href', href);
          anchor.textContent = `Nguy hiểm ${index}`;
          host.append(anchor);
        });
        const safe = document.createElement('a');
        safe.setAttribute('href', 'https://chinhphu.vn');
        safe.textContent = 'An toàn';
        host.append(safe);
        element = await fixture<EgovWebLinks>(html`${host}`);
        await focusBox(element);
        await press(element, 'ArrowDown');
      });
      expect(optionLabels(element!)).to.deep.equal(['An toàn']);
      expect(warnings).to.have.length(unsafe.length);
      const rendered = shadow(element!).innerHTML;
      expect(rendered).not.to.include('Nguy hiểm');
      expect(rendered).not.to.match(/script:|data:|alert/i);
    });

    it('drops an entity-encoded javascript: link written in the page', async () => {
      let element: EgovWebLinks | undefined;
      const warnings = await captureWarnings(async () => {
        element = await fixture<EgovWebLinks>(html`
          <egov-web-links><a href="&#106;avascript&#58;alert(1)">Mã hoá</a><a href="https://chinhphu.vn">An toàn</a></egov-web-links>
        `);
      });
      await focusBox(element!);
      await press(element!, 'ArrowDown');
      expect(optionLabels(element!)).to.deep.equal(['An toàn']);
      expect(warnings).to.have.length(1);
    });

    it('drops unsafe links from the JSON of src too', async () => {
      const json = JSON.stringify([
        { label: 'Script', href: 'JaVaScRiPt:alert(document.domain)' },
        { label: 'Data', href: 'data:text/html,x' },
        { label: 'Tab', href: 'java\tscript:alert(1)' },
        { label: 'Chính phủ', href: 'https://chinhphu.vn', group: 'Trung ương' },
      ]);
      let element: EgovWebLinks | undefined;
      const warnings = await captureWarnings(async () => {
        element = await fixture<EgovWebLinks>(html`<egov-web-links src=${faultUrl('json', { ok: json })}></egov-web-links>`);
        await inShadow(element, 'input');
      });
      await focusBox(element!);
      await press(element!, 'ArrowDown');
      expect(optionLabels(element!)).to.deep.equal(['Chính phủ']);
      expect(warnings).to.have.length(3);
    });
  });
});
