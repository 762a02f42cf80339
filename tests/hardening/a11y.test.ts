import { expect, fixture, html } from '@open-wc/testing';
import { visibleText, shadow } from '../support/helpers.js';
import { SWEEP_TAGS, axeViolations, interactiveTargets, smallTargets, MIN_TARGET_PX, describeViolations } from './a11y-axe.js';
import '../../src/define.js';
import { TEXT_SIZE_KEY } from '../article-view/harness.js';
import { LANGS, stubs, type State } from './a11y-sweep.js';
import { footerStates } from './a11y-states/agency-footer.js';
import { articleStates } from './a11y-states/article-view.js';
import { pollStates } from './a11y-states/poll.js';
import { webLinksStates } from './a11y-states/web-links.js';
import { videoStates } from './a11y-states/video.js';
import { bannerStates } from './a11y-states/banners.js';

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

// The accessibility sweep: axe-core with the wcag2a, wcag2aa, wcag21aa, wcag22aa and best-practice
// tags over every state of every widget, in Vietnamese and in English, and the size of every
// interactive target (WCAG 2.5.8; the exceptions applied are decided in ./a11y-axe.ts). One widget
// per fixture: two landmarks of one kind in a document would trip axe on their own.

const WIDGETS: [string, State[]][] = [
  ['egov-agency-footer', footerStates],
  ['egov-article-view', articleStates],
  ['egov-poll', pollStates],
  ['egov-web-links', webLinksStates],
  ['egov-video', videoStates],
  ['egov-banners', bannerStates],
];

const tally = { sweeps: 0, violations: 0, targets: 0, inlineExempt: 0 };

describe('accessibility sweep', () => {
  afterEach(() => {
    stubs.splice(0).reverse().forEach((stub) => stub.restore());
    localStorage.removeItem(TEXT_SIZE_KEY);
  });

  after(() => {
    const states = WIDGETS.reduce((sum, [, states]) => sum + states.length, 0);
    console.log(
      `figure: a11y: ${states} states × ${LANGS.length} languages = ${tally.sweeps} sweeps (${SWEEP_TAGS.join(', ')}), ` +
        `${tally.violations} violations; ${tally.targets} targets ≥ ${MIN_TARGET_PX}×${MIN_TARGET_PX} ` +
        `(+${tally.inlineExempt} links in running text, exempt)`,
    );
  });

  for (const [tag, states] of WIDGETS) {
    describe(`<${tag}>`, () => {
      for (const state of states) {
        for (const lang of LANGS) {
          it(`${state.name} (${lang}): no axe violations, every target at least 24×24`, async () => {
            const element = await state.render(lang);
            expect(element.localName).to.equal(tag);
            const violations = await axeViolations(element);
            tally.sweeps++;
            tally.violations += violations.length;
            expect(violations.length, describeViolations(violations)).to.equal(0);
            const targets = interactiveTargets(shadow(element));
            expect(smallTargets(targets)).to.deep.equal([]);
            tally.targets += targets.filter((target) => !target.exception).length;
            tally.inlineExempt += targets.filter((target) => target.exception === 'inline').length;
          });
        }
      }
    });
  }
});
