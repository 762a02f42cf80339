// The states of <egov-web-links> that the accessibility sweep (../a11y.test.ts) checks.
import { fixture, html } from '@open-wc/testing';
import type { EgovWebLinks } from '../../../src/web-links/web-links.js';
import { inShadow } from '../../support/helpers.js';
import { focusBox, press, typeInto } from '../../web-links/harness.js';
import { type Lang, type State, remoteStates } from '../a11y-sweep.js';

function sampleLinks(lang: Lang): Promise<EgovWebLinks> {
  return fixture<EgovWebLinks>(html`
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

const linksJson = JSON.stringify([{ label: 'Cổng Thông tin điện tử Chính phủ', href: 'https://chinhphu.vn' }]);

export const webLinksStates: State[] = [
  { name: 'closed', render: sampleLinks },
  {
    name: 'open, an option active',
    async render(lang) {
      const element = await sampleLinks(lang);
      await focusBox(element);
      await press(element, 'ArrowDown');
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
      const shown = await fixture<EgovWebLinks>(html`${element}`);
      await focusBox(shown);
      await press(shown, 'ArrowDown');
      await inShadow(shown, '[part="more"]');
      return shown;
    },
  },
  ...remoteStates((lang, url) => html`<egov-web-links lang=${lang} src=${url}></egov-web-links>`, { ok: linksJson, failure: 'html' }),
];
