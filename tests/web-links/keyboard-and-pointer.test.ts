import { expect, fixture, html } from '@open-wc/testing';
import { resetMouse, sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { EgovWebLinks } from '../../src/web-links/web-links.js';
import { shadow } from '../support/helpers.js';
import {
  sampleLinks, numberedLinks, input, optionLabels, activeLabel, isExpanded, focusBox, press, typeInto, cancelSelections, sampleLinksTemplate,
  clickOn, optionWith,
} from './harness.js';

describe('<egov-web-links>', () => {
  describe('keyboard', () => {
    it('Down opens the list on the first link and moves on, never opening a link by itself', async () => {
      const element = await sampleLinks();
      const selected = cancelSelections(element);
      await focusBox(element);
      await press(element, 'ArrowDown');
      expect(isExpanded(element)).to.equal(true);
      expect(activeLabel(element)).to.equal('Cổng Thông tin điện tử Chính phủ');
      await press(element, 'ArrowDown');
      await press(element, 'ArrowDown');
      expect(activeLabel(element)).to.equal('Bộ Nội vụ');
      expect(shadow(element).querySelectorAll('[aria-selected="true"]')).to.have.length(1);
      expect(selected).to.have.length(0);
      expect(shadow(element).activeElement).to.equal(input(element));
    });

    it('Up opens the list on the last link, and the arrows wrap around', async () => {
      const element = await sampleLinks();
      await focusBox(element);
      await press(element, 'ArrowUp');
      expect(activeLabel(element)).to.equal('Huyện Đại Từ');
      await press(element, 'ArrowDown');
      expect(activeLabel(element)).to.equal('Cổng Thông tin điện tử Chính phủ');
      await press(element, 'ArrowUp');
      expect(activeLabel(element)).to.equal('Huyện Đại Từ');
    });

    it('Home and End jump to the first and last link while the list is open', async () => {
      const element = await sampleLinks();
      await focusBox(element);
      await press(element, 'ArrowDown');
      await press(element, 'End');
      expect(activeLabel(element)).to.equal('Huyện Đại Từ');
      await press(element, 'Home');
      expect(activeLabel(element)).to.equal('Cổng Thông tin điện tử Chính phủ');
    });

    it('Page Down and Page Up move ten links at a time, stopping at the ends', async () => {
      const element = await numberedLinks(25);
      await focusBox(element);
      await press(element, 'ArrowDown');
      await press(element, 'PageDown');
      expect(activeLabel(element)).to.equal('Liên kết 11');
      await press(element, 'PageDown');
      await press(element, 'PageDown');
      expect(activeLabel(element)).to.equal('Liên kết 25');
      await press(element, 'PageUp');
      expect(activeLabel(element)).to.equal('Liên kết 15');
      await press(element, 'PageUp');
      await press(element, 'PageUp');
      expect(activeLabel(element)).to.equal('Liên kết 1');
    });

    it('Alt+Down opens the list without making a link active', async () => {
      const element = await sampleLinks();
      await focusBox(element);
      await sendKeys({ down: 'Alt' });
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ up: 'Alt' });
      await element.updateComplete;
      expect(isExpanded(element)).to.equal(true);
      expect(activeLabel(element)).to.equal(undefined);
      expect(optionLabels(element)).to.have.length(10);
    });

    it('Enter opens the active link', async () => {
      const element = await sampleLinks();
      const selected = cancelSelections(element);
      await focusBox(element);
      await press(element, 'ArrowDown');
      await press(element, 'ArrowDown');
      await press(element, 'Enter');
      expect(selected).to.have.length(1);
      expect(selected[0]!.detail).to.deep.equal({
        href: 'https://dichvucong.gov.vn/',
        label: 'Cổng Dịch vụ công quốc gia',
        group: 'Trung ương',
      });
      expect(isExpanded(element)).to.equal(false);
    });

    it('Enter with no active link only opens the list', async () => {
      const element = await sampleLinks();
      const selected = cancelSelections(element);
      await focusBox(element);
      await press(element, 'Enter');
      expect(isExpanded(element)).to.equal(true);
      await press(element, 'Enter');
      expect(selected).to.have.length(0);
    });

    it('Escape closes the list with focus kept in the box; a second Escape clears the box', async () => {
      const element = await sampleLinks();
      await typeInto(element, 'noi vu');
      await press(element, 'ArrowDown');
      await press(element, 'Escape');
      expect(isExpanded(element)).to.equal(false);
      expect(input(element).hasAttribute('aria-activedescendant')).to.equal(false);
      expect(shadow(element).activeElement).to.equal(input(element));
      expect(input(element).value).to.equal('noi vu');
      await press(element, 'Escape');
      expect(input(element).value).to.equal('');
    });

    it('Tab closes the list and moves on', async () => {
      const wrapper = await fixture(html`<div>${sampleLinksTemplate()}<button>Sau</button></div>`);
      const element = wrapper.querySelector('egov-web-links') as EgovWebLinks;
      await focusBox(element);
      await press(element, 'ArrowDown');
      await press(element, 'Tab');
      expect(isExpanded(element)).to.equal(false);
      expect(document.activeElement).to.equal(wrapper.querySelector('button'));
    });

    it('a keyboard-only reader finds and opens "Cổng Thông tin điện tử Chính phủ" by typing "chinh phu"', async () => {
      const element = await sampleLinks();
      const selected = cancelSelections(element);
      await typeInto(element, 'chinh phu');
      expect(optionLabels(element)).to.deep.equal(['Cổng Thông tin điện tử Chính phủ']);
      expect(activeLabel(element)).to.equal(undefined);
      await press(element, 'ArrowDown');
      await press(element, 'Enter');
      expect(selected.map((event) => event.detail.href)).to.deep.equal(['https://chinhphu.vn/']);
    });

    it('scrolls the active link into view', async () => {
      const element = await numberedLinks(60);
      await focusBox(element);
      await press(element, 'ArrowUp');
      const list = shadow(element).querySelector('[role="listbox"]') as HTMLElement;
      const option = shadow(element).querySelector('[aria-selected="true"]') as HTMLElement;
      expect(list.scrollTop).to.be.greaterThan(0);
      expect(option.getBoundingClientRect().bottom).to.be.at.most(list.getBoundingClientRect().bottom + 1);
      await press(element, 'ArrowDown');
      expect(list.scrollTop).to.equal(0);
    });
  });

  describe('mouse and touch', () => {
    afterEach(() => resetMouse());

    it('a click in the box opens the list and a click on a link opens it', async () => {
      const element = await sampleLinks();
      const selected = cancelSelections(element);
      await clickOn(input(element));
      await element.updateComplete;
      expect(isExpanded(element)).to.equal(true);
      const option = optionWith(element, 'Sở Tài chính');
      await clickOn(option as Element);
      expect(selected.map((event) => event.detail)).to.deep.equal([
        { href: 'https://stc.thainguyen.gov.vn/', label: 'Sở Tài chính', group: 'Tỉnh Thái Nguyên' },
      ]);
      expect(shadow(element).activeElement).to.equal(input(element));
    });

    it('the arrow button shows and hides the list, keeping focus in the box', async () => {
      const element = await sampleLinks();
      const toggle = shadow(element).querySelector('[part="toggle"]') as HTMLElement;
      expect(toggle.getBoundingClientRect().width).to.be.at.least(24);
      await clickOn(toggle);
      await element.updateComplete;
      expect(isExpanded(element)).to.equal(true);
      expect(shadow(element).activeElement).to.equal(input(element));
      await clickOn(toggle);
      await element.updateComplete;
      expect(isExpanded(element)).to.equal(false);
    });

    it('a click elsewhere on the page closes the list', async () => {
      const wrapper = await fixture<HTMLElement>(html`<div><p>Tin, bài: Quang Sơn</p>${sampleLinksTemplate()}</div>`);
      const selected = cancelSelections(wrapper);
      const element = wrapper.querySelector('egov-web-links') as EgovWebLinks;
      await clickOn(input(element));
      await element.updateComplete;
      expect(isExpanded(element)).to.equal(true);
      await clickOn(wrapper.querySelector('p') as Element);
      await element.updateComplete;
      expect(isExpanded(element)).to.equal(false);
      expect(selected).to.have.length(0);
    });
  });
});
