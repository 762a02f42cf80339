import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { EgovWebLinks } from '../../src/web-links/web-links.js';
import { shadow, visibleText } from '../support/helpers.js';
import {
  sampleLinks, input, popup, optionLabels, heardStatus, isExpanded, focusBox, press, typeInto, sampleLinksTemplate, labelText, options, firstOption,
} from './harness.js';

describe('<egov-web-links>', () => {
  describe('before and after the script runs', () => {
    it('leaves the inline links readable and usable when the script is missing', async () => {
      const frame = await fixture<HTMLIFrameElement>(html`<iframe title="no script"></iframe>`);
      const loaded = oneEvent(frame, 'load');
      frame.srcdoc = '<egov-web-links><a href="https://chinhphu.vn">Cổng Thông tin điện tử Chính phủ</a></egov-web-links>';
      await loaded;
      const link = frame.contentDocument?.querySelector('a') as HTMLAnchorElement;
      expect(link.getBoundingClientRect().height).to.be.greaterThan(0);
      expect(link.href).to.equal('https://chinhphu.vn/');
    });

    it('keeps the links in the page for search engines but shows the combobox instead of them', async () => {
      const element = await sampleLinks();
      const first = element.querySelector('a') as HTMLElement;
      expect(element.querySelectorAll('a')).to.have.length(10);
      expect(first.getBoundingClientRect().height).to.equal(0);
      expect(input(element).getAttribute('role')).to.equal('combobox');
      expect(input(element).getBoundingClientRect().height).to.be.at.least(24);
    });

    it('follows links the page adds or removes later', async () => {
      const element = await sampleLinks();
      const added = document.createElement('a');
      added.href = 'https://quochoi.vn';
      added.textContent = 'Quốc hội';
      element.append(added);
      await typeInto(element, 'quoc hoi');
      await waitUntil(() => optionLabels(element).includes('Quốc hội'));
      added.remove();
      await waitUntil(() => optionLabels(element).length === 0);
    });

    it('follows a link named by its title when Bootstrap\'s tooltip plugin holds the title (data-original-title)', async () => {
      const element = await sampleLinks();
      const logo = document.createElement('a');
      logo.href = 'https://quochoi.vn';
      // What $('[title]').tooltip() leaves, and how a page changes that tooltip's text later.
      logo.setAttribute('title', '');
      logo.setAttribute('data-original-title', 'Quốc hội');
      element.append(logo);
      await typeInto(element, 'quoc hoi');
      await waitUntil(() => optionLabels(element).includes('Quốc hội'), 'the title the plugin moved');
      logo.setAttribute('data-original-title', 'Quốc hội Việt Nam');
      await waitUntil(() => optionLabels(element).includes('Quốc hội Việt Nam'), 'kept the old title');
    });
  });

  describe('closed', () => {
    it('shows the label and placeholder with the list closed', async () => {
      const element = await sampleLinks();
      expect(labelText(element)).to.equal('Liên kết web');
      expect(input(element).placeholder).to.equal('-- Chọn liên kết --');
      expect(isExpanded(element)).to.equal(false);
      expect(popup(element).hidden).to.equal(true);
      expect(options(element)).to.have.length(0);
    });

    it('has no axe violations', async () => {
      await expect(await sampleLinks()).to.be.accessible();
    });

    it('uses the label and placeholder the page gives', async () => {
      const element = await fixture<EgovWebLinks>(html`
        <egov-web-links label="Trang web cơ quan nhà nước" placeholder="Gõ tên cơ quan…">
          <a href="https://chinhphu.vn">Chính phủ</a>
        </egov-web-links>
      `);
      expect(labelText(element)).to.equal('Trang web cơ quan nhà nước');
      expect(input(element).placeholder).to.equal('Gõ tên cơ quan…');
      await expect(element).to.be.accessible();
    });
  });

  describe('language', () => {
    it('speaks English when asked', async () => {
      const element = await sampleLinks({ lang: 'en' });
      expect(labelText(element)).to.equal('Web links');
      expect(input(element).placeholder).to.equal('-- Choose a link --');
      await typeInto(element, 'noi vu');
      expect(await heardStatus(element)).to.equal('2 results');
      await press(element, 'ArrowDown');
      expect(visibleText(firstOption(element))).to.include('(opens in a new tab)');
      await sendKeys({ type: ' so' });
      await element.updateComplete;
      expect(await heardStatus(element)).to.equal('1 result');
      await sendKeys({ type: 'x' });
      await element.updateComplete;
      expect(visibleText(shadow(element).querySelector('[part="empty"]'))).to.equal('No links found');
      expect(await heardStatus(element)).to.equal('No links found');
    });

    it('has no axe violations with the list open, in both languages', async () => {
      for (const lang of ['vi', 'en']) {
        const element = await sampleLinks({ lang });
        await focusBox(element);
        await press(element, 'ArrowDown');
        await press(element, 'ArrowDown');
        expect(isExpanded(element)).to.equal(true);
        await expect(element).to.be.accessible();
      }
    });

    it('follows the language of the page', async () => {
      const wrapper = await fixture(html`<div lang="en">${sampleLinksTemplate()}</div>`);
      const element = wrapper.querySelector('egov-web-links') as EgovWebLinks;
      element.removeAttribute('lang');
      await waitUntil(() => labelText(element) === 'Web links');
      wrapper.setAttribute('lang', 'vi');
      await waitUntil(() => labelText(element) === 'Liên kết web');
    });
  });
});
