import { expect, fixture, html } from '@open-wc/testing';
import { visibleText } from '../support/helpers.js';
import { SWEEP_TAGS, axeViolations, interactiveTargets, smallTargets } from './a11y-axe.js';

// The checks of the accessibility sweep (./a11y-axe.ts), each shown to fail on a fixture that breaks it.

describe('accessibility sweep', () => {
  describe('the sweep itself', () => {
    /** A custom element whose shadow root holds `markup`, so the sweep's checks run through a shadow root as they do on widgets. */
    async function broken(markup: string): Promise<HTMLElement> {
      const host = await fixture<HTMLElement>(html`<div></div>`);
      host.attachShadow({ mode: 'open' }).innerHTML = markup;
      return host;
    }

    const probes: [string, string, string][] = [
      ['wcag2a', 'label', '<input type="text">'],
      ['wcag2aa', 'color-contrast', '<p style="color:#aaa;background:#fff">Chữ quá nhạt</p>'],
      ['wcag21aa', 'autocomplete-valid', '<label>Thư điện tử <input type="text" autocomplete="thu-dien-tu"></label>'],
      ['wcag22aa', 'target-size', '<button type="button" style="width:16px;height:16px;padding:0" aria-label="Đóng"></button><button type="button" style="width:16px;height:16px;padding:0" aria-label="Mở"></button>'],
      ['best-practice', 'empty-heading', '<h2></h2>'],
    ];
    for (const [tagName, rule, markup] of probes) {
      it(`fails a fixture that breaks only a ${tagName} rule (${rule})`, async () => {
        const host = await broken(markup);
        const found = (await axeViolations(host)).map((violation) => violation.id);
        expect(found).to.include(rule);
        const without = (await axeViolations(host, SWEEP_TAGS.filter((name) => name !== tagName))).map((violation) => violation.id);
        expect(without, `${rule} runs only through the ${tagName} tag`).to.not.include(rule);
      });
    }

    it('runs the WCAG 2.2 target-size rule, which chai-a11y-axe’s default run leaves off', async () => {
      const host = await broken(probes[3]![2]);
      await expect(host).to.be.accessible({ runOnly: { type: 'tag', values: SWEEP_TAGS } });
      expect((await axeViolations(host)).map((violation) => violation.id)).to.include('target-size');
    });

    it('measures targets in shadow roots, and does not exempt a link the widget lays out itself', async () => {
      const host = await broken(
        '<p><span>Điện thoại:</span> <a href="tel:02083874321">0208 3874 321</a></p>' +
          '<div part="body"><p>Theo <a href="https://chinhphu.vn">kế hoạch</a> của huyện.</p></div>' +
          '<label style="display:flex;min-height:36px"><input type="radio" name="r"> Một lựa chọn đủ rộng</label>',
      );
      const targets = interactiveTargets(host.shadowRoot!);
      expect(targets).to.have.length(3);
      expect(smallTargets(targets)).to.have.length(1);
      expect(smallTargets(targets)[0]).to.include('tel:');
      expect(targets.filter((target) => target.exception === 'inline').map((target) => visibleText(target.element))).to.deep.equal(['kế hoạch']);
    });
  });
});
