// The states of <egov-web-links> that the accessibility sweep (../a11y.test.ts) checks.
import { fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { faultUrl, inShadow, shadow } from '../../support/helpers.js';
import { type Lang, type State } from '../a11y-sweep.js';

type WebLinks = HTMLElement & { updateComplete: Promise<unknown> };

function sampleLinks(lang: Lang): Promise<WebLinks> {
  return fixture<WebLinks>(html`
    <egov-web-links lang=${lang}>
      <a href="https://chinhphu.vn" data-group="Trung ương">Cổng Thông tin điện tử Chính phủ</a>
      <a href="https://dichvucong.gov.vn" data-group="Trung ương">Cổng Dịch vụ công quốc gia</a>
      <a href="https://thainguyen.gov.vn" data-group="Tỉnh Thái Nguyên">Cổng Thông tin điện tử tỉnh Thái Nguyên</a>
      <a href="https://snv.thainguyen.gov.vn" data-group="Tỉnh Thái Nguyên">Sở Nội vụ tỉnh Thái Nguyên</a>
      <a href="https://danang.gov.vn" data-group="Tỉnh, thành phố khác">Cổng Thông tin điện tử thành phố Đà Nẵng</a>
      <a href="https://dinhhoa.thainguyen.gov.vn">Huyện Định Hóa</a>
    </egov-web-links>
  `);
}

async function typeInto(element: WebLinks, text: string): Promise<void> {
  shadow(element).querySelector('input')!.focus();
  await sendKeys({ type: text });
  await element.updateComplete;
}

const linksJson = JSON.stringify([{ label: 'Cổng Thông tin điện tử Chính phủ', href: 'https://chinhphu.vn' }]);

export const webLinksStates: State[] = [
  { name: 'closed', render: sampleLinks },
  {
    name: 'open, an option active',
    async render(lang) {
      const element = await sampleLinks(lang);
      shadow(element).querySelector('input')!.focus();
      await sendKeys({ press: 'ArrowDown' });
      await element.updateComplete;
      await inShadow(element, '[role="option"][aria-selected="true"]');
      return element;
    },
  },
  {
    name: 'filtered, matches highlighted',
    async render(lang) {
      const element = await sampleLinks(lang);
      await typeInto(element, 'thai nguyen');
      await inShadow(element, 'mark');
      return element;
    },
  },
  {
    name: 'no results',
    async render(lang) {
      const element = await sampleLinks(lang);
      await typeInto(element, 'khong co');
      await inShadow(element, '[part="empty"]');
      return element;
    },
  },
  {
    name: '"and N more" under 150 links',
    async render(lang) {
      const element = document.createElement('egov-web-links');
      element.lang = lang;
      for (let index = 1; index <= 150; index++) {
        const anchor = document.createElement('a');
        anchor.href = `https://xa${index}.example.gov.vn/`;
        anchor.textContent = `Xã số ${index}`;
        element.append(anchor);
      }
      const shown = await fixture<WebLinks>(html`${element}`);
      shadow(shown).querySelector('input')!.focus();
      await sendKeys({ press: 'ArrowDown' });
      await shown.updateComplete;
      await inShadow(shown, '[part="more"]');
      return shown;
    },
  },
  {
    name: 'loading',
    async render(lang) {
      const element = await fixture(html`<egov-web-links lang=${lang} src=${faultUrl('slow', { ok: linksJson, delay: 5000 })}></egov-web-links>`);
      await inShadow(element, '[part="loading"]');
      return element;
    },
  },
  {
    name: 'error',
    async render(lang) {
      const element = await fixture(html`<egov-web-links lang=${lang} src=${faultUrl('html')}></egov-web-links>`);
      await inShadow(element, '[part="retry-button"]');
      return element;
    },
  },
];
