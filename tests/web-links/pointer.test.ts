import { expect, fixture, html } from '@open-wc/testing';
import { resetMouse } from '@web/test-runner-commands';
import '../../src/define.js';
import type { EgovWebLinks } from '../../src/web-links/web-links.js';
import { shadow } from '../support/helpers.js';
import { sampleLinks, input, isExpanded, cancelSelections, clickOn, sampleLinksTemplate, optionWith } from './harness.js';

afterEach(() => resetMouse());

describe('<egov-web-links>', () => {
  describe('mouse and touch', () => {
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
