// A Windows contrast theme (forced colours), which many readers in government offices use: the
// browser paints text, borders and outlines in the theme's colours and drops backgrounds and
// shadows. Whatever carries information in a widget (a bar's length, a button's icon, the video
// playing now) must be drawn with what the theme keeps.
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/define.js';
import { control, threeBanners } from '../banners/harness.js';
import { pollElement } from '../poll/harness.js';
import { inShadow, shadow } from '../support/helpers.js';
import { playlistVideo, youtubeVideo } from '../video/harness.js';

const SIDES = ['Top', 'Right', 'Bottom', 'Left'] as const;

/**
 * The sides of `element` (or of its pseudo-element) that the theme paints: a border of some width
 * in a colour other than the page's (Canvas). Its background is not counted: the theme drops it.
 */
function paintedSides(element: Element, pseudo?: string): string[] {
  const style = getComputedStyle(element, pseudo);
  const canvas = getComputedStyle(document.body).backgroundColor;
  return SIDES.filter((side) => {
    const color = style.getPropertyValue(`border-${side.toLowerCase()}-color`);
    return parseFloat(style.getPropertyValue(`border-${side.toLowerCase()}-width`)) > 0 && color !== canvas && color !== 'rgba(0, 0, 0, 0)';
  });
}

describe('in a contrast theme (forced colours)', () => {
  before(() => executeServerCommand('emulate-forced-colors', { active: true }));
  after(() => executeServerCommand('emulate-forced-colors', { active: false }));

  it('is emulated: the page gets the theme', () => {
    expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
  });

  it('poll results: each bar shows its share', async () => {
    const { element } = await pollElement('da-ket-thuc');
    await inShadow(element, '[part="results"]');
    const fills = [...shadow(element).querySelectorAll('[part="fill"]')];
    const shown = fills.filter((fill) => fill.getBoundingClientRect().width > 0);
    expect(shown.length, 'bars with a share').to.be.above(0);
    // An SVG rectangle's fill: the theme's text colour (the author's blue might vanish on its canvas).
    const probe = document.body.appendChild(document.createElement('span'));
    probe.style.color = 'CanvasText';
    const canvasText = getComputedStyle(probe).color;
    probe.remove();
    expect(canvasText).to.not.equal(getComputedStyle(document.body).backgroundColor);
    for (const fill of shown.filter((each) => !each.closest('.mine'))) expect(getComputedStyle(fill).fill).to.equal(canvasText);
  });

  it('banners: the play button of a paused carousel shows its icon', async () => {
    const element = await threeBanners();
    control(element, 'pause-button').click();
    await element.updateComplete;
    const icon = shadow(element).querySelector('.icon-play');
    expect(icon, 'the play icon').to.not.equal(null);
    expect(paintedSides(icon!)).to.not.deep.equal([]);
  });

  it('video: the play button shows its triangle, and the playlist marks the video playing', async () => {
    const facade = await youtubeVideo();
    const icon = shadow(facade).querySelector('.play-icon')!;
    expect(paintedSides(icon, '::after'), 'the triangle').to.not.deep.equal([]);

    const list = await playlistVideo();
    await inShadow(list, '[aria-current="true"]');
    const current = shadow(list).querySelector('[aria-current="true"]')!;
    const other = shadow(list).querySelector('[part~="item"][aria-current="false"]')!;
    expect(paintedSides(current)).to.include('Left');
    expect(paintedSides(other)).to.not.include('Left');
  });
});
