import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import { MAX_ROWS } from '../../src/web-links/links.js';
import type { EgovWebLinks } from '../../src/web-links/web-links.js';
import { shadow, visibleText } from '../support/helpers.js';
import {
  sampleLinks, numberedLinks, input, optionLabels, activeLabel, heardStatus, statusChanges, isExpanded, focusBox, press, typeInto, options,
} from './harness.js';

describe('<egov-web-links>', () => {
  describe('filtering', () => {
    for (const query of ['da nang', 'ĐÀ NẴNG', 'đà nẵng', 'Da Nẵng']) {
      it(`"${query}" finds Đà Nẵng and highlights it`, async () => {
        const element = await sampleLinks();
        await typeInto(element, query);
        expect(optionLabels(element)).to.deep.equal(['Cổng Thông tin điện tử thành phố Đà Nẵng']);
        const marks = [...shadow(element).querySelectorAll('mark')].map(visibleText);
        expect(marks).to.deep.equal(['Đà Nẵng']);
      });
    }

    it('matches đ with d both ways', async () => {
      const element = await sampleLinks();
      await typeInto(element, 'dong hy');
      expect(optionLabels(element)).to.deep.equal(['Huyện Đồng Hỷ']);
      input(element).select();
      await sendKeys({ type: 'đai' });
      await element.updateComplete;
      expect(optionLabels(element)).to.deep.equal(['Huyện Đại Từ']);
    });

    it('matches every typed word anywhere in the label, in any order', async () => {
      const element = await sampleLinks();
      await typeInto(element, 'phu chinh');
      expect(optionLabels(element)).to.deep.equal(['Cổng Thông tin điện tử Chính phủ']);
      expect([...shadow(element).querySelectorAll('mark')].map(visibleText)).to.deep.equal(['Chính phủ']);
      input(element).select();
      await sendKeys({ type: 'noi' });
      await element.updateComplete;
      expect(optionLabels(element)).to.deep.equal(['Bộ Nội vụ', 'Sở Nội vụ']);
    });

    it('highlights labels written with decomposed diacritics (NFD)', async () => {
      const label = 'Thành phố Đà Nẵng'.normalize('NFD');
      const element = await fixture<EgovWebLinks>(html`<egov-web-links><a href="https://danang.gov.vn">${label}</a></egov-web-links>`);
      await typeInto(element, 'nang');
      const mark = shadow(element).querySelector('mark') as HTMLElement;
      expect(mark.textContent?.normalize('NFC')).to.equal('Nẵng');
      expect(visibleText(shadow(element).querySelector('.option-label')).normalize('NFC')).to.equal('Thành phố Đà Nẵng');
    });

    it('announces how many links match once typing pauses, not at every key', async () => {
      const element = await sampleLinks();
      const said = statusChanges(element);
      await typeInto(element, 'noi vu');
      expect(await heardStatus(element)).to.equal('Có 2 kết quả');
      expect(said).to.deep.equal(['Có 2 kết quả']);
      await sendKeys({ type: ' so' });
      await element.updateComplete;
      expect(await heardStatus(element)).to.equal('Có 1 kết quả');
    });

    it('says so when nothing matches, and stays accessible', async () => {
      const element = await sampleLinks();
      await typeInto(element, 'ha noi');
      expect(optionLabels(element)).to.deep.equal([]);
      expect(isExpanded(element)).to.equal(false);
      expect(visibleText(shadow(element).querySelector('[part="empty"]'))).to.equal('Không tìm thấy liên kết nào');
      expect(await heardStatus(element)).to.equal('Không tìm thấy liên kết nào');
      await expect(element).to.be.accessible();
    });

    it('starts again from no active link whenever the text changes', async () => {
      const element = await sampleLinks();
      await typeInto(element, 'so');
      await press(element, 'ArrowDown');
      expect(activeLabel(element)).to.equal('Sở Nội vụ');
      await sendKeys({ type: ' t' });
      await element.updateComplete;
      expect(activeLabel(element)).to.equal(undefined);
    });
  });

  describe('groups', () => {
    function groups(element: Element) {
      return [...shadow(element).querySelectorAll('[role="group"]')].map((group) => {
        const heading = shadow(element).getElementById(group.getAttribute('aria-labelledby') ?? '');
        return { name: visibleText(heading), options: [...group.querySelectorAll('[role="option"] .option-label')].map(visibleText) };
      });
    }

    it('shows the links under their data-group headings, in the order written', async () => {
      const element = await sampleLinks();
      await typeInto(element, 'cong');
      expect(groups(element)).to.deep.equal([
        { name: 'Trung ương', options: ['Cổng Thông tin điện tử Chính phủ', 'Cổng Dịch vụ công quốc gia'] },
        { name: 'Tỉnh Thái Nguyên', options: ['Cổng Thông tin điện tử tỉnh Thái Nguyên'] },
        { name: 'Tỉnh, thành phố khác', options: ['Cổng Thông tin điện tử thành phố Đà Nẵng'] },
      ]);
      await expect(element).to.be.accessible();
    });

    it('takes the group from an element around the links, and lists ungrouped links first', async () => {
      const element = await fixture<EgovWebLinks>(html`
        <egov-web-links>
          <ul data-group="Trung ương">
            <li><a href="https://chinhphu.vn">Chính phủ</a></li>
            <li><a href="https://quochoi.vn">Quốc hội</a></li>
          </ul>
          <ul data-group="Tỉnh Thái Nguyên">
            <li><a href="https://thainguyen.gov.vn">Tỉnh Thái Nguyên</a></li>
            <li><a href="https://chinhphu.vn/bo" data-group="Trung ương">Các bộ</a></li>
          </ul>
          <p><a href="https://vbpl.vn">Văn bản pháp luật</a></p>
        </egov-web-links>
      `);
      await focusBox(element);
      await press(element, 'ArrowDown');
      expect(optionLabels(element)).to.deep.equal(['Văn bản pháp luật', 'Chính phủ', 'Quốc hội', 'Các bộ', 'Tỉnh Thái Nguyên']);
      expect(groups(element).map((group) => group.name)).to.deep.equal(['Trung ương', 'Tỉnh Thái Nguyên']);
      expect(activeLabel(element)).to.equal('Văn bản pháp luật');
      await press(element, 'ArrowDown');
      expect(activeLabel(element)).to.equal('Chính phủ');
    });
  });

  describe('5,000 links', () => {
    it(`renders at most ${MAX_ROWS} rows and says how many more there are`, async () => {
      const element = await numberedLinks(5000);
      await focusBox(element);
      await press(element, 'ArrowDown');
      // Only a window of the rows is in the DOM; each says the list is MAX_ROWS long.
      expect([...new Set([...options(element)].map((option) => option.getAttribute('aria-setsize')))]).to.deep.equal([String(MAX_ROWS)]);
      expect(visibleText(shadow(element).querySelector('[part="more"]'))).to.equal('và 4.900 liên kết khác — gõ thêm để lọc');
      expect(await heardStatus(element)).to.equal('Có 5.000 kết quả, hiện 100 kết quả đầu. Gõ thêm để lọc.');
      await press(element, 'End');
      expect(activeLabel(element)).to.equal(`Liên kết ${MAX_ROWS}`);
      await expect(element).to.be.accessible();
    });

    it('narrows as the reader types, still capped', async () => {
      const element = await numberedLinks(5000);
      await typeInto(element, 'lien ket 4');
      // Only a window of the rows is in the DOM; each says the list is MAX_ROWS long.
      expect([...new Set([...options(element)].map((option) => option.getAttribute('aria-setsize')))]).to.deep.equal([String(MAX_ROWS)]);
      expect(await heardStatus(element)).to.equal('Có 2.084 kết quả, hiện 100 kết quả đầu. Gõ thêm để lọc.');
      await sendKeys({ type: '999' });
      await element.updateComplete;
      expect(optionLabels(element)).to.deep.equal(['Liên kết 4999']);
      expect(shadow(element).querySelector('[part="more"]')).to.equal(null);
    });
  });
});
