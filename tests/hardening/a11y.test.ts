import { expect } from '@open-wc/testing';
import '../../src/define.js';
import { shadow } from '../support/helpers.js';
import { MIN_TARGET_PX, SWEEP_TAGS, axeViolations, describeViolations, interactiveTargets, smallTargets } from './a11y-axe.js';
import { TEXT_SIZE_KEY } from '../article-view/harness.js';
import { LANGS, stubs, type State } from './a11y-sweep.js';
import { footerStates } from './a11y-states/agency-footer.js';
import { articleStates } from './a11y-states/article-view.js';
import { pollStates } from './a11y-states/poll.js';
import { webLinksStates } from './a11y-states/web-links.js';
import { videoStates } from './a11y-states/video.js';
import { bannerStates } from './a11y-states/banners.js';

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
