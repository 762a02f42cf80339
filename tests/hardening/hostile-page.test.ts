// Host pages whose global CSS resets, hides or blows up everything it can reach. The widgets draw
// in shadow roots, so page rules reach only the host elements and what they inherit: each widget
// must still show its content and work with a real mouse and keyboard under every such page.
import { expect } from '@open-wc/testing';
import '../../src/define.js';
import { exerciseKit, hostileTraces, isShown, kitNodes, mountKit, TAGS, type Kit } from './kit-page.js';

/** Global style sheets a careless or hostile portal theme may carry. */
const ATTACKS: [name: string, css: string][] = [
  ['everything unset', '* { all: unset !important; }'],
  [
    'every common element hidden',
    'div, p, span, ul, li, a, button, input, label, form, footer, article, section, address, h1, h2 { display: none !important; }',
  ],
  ['huge fonts', 'html { font-size: 40px !important; } body, body * { font-size: 48px !important; line-height: 3 !important; }'],
  ['content-box sizing', '*, *::before, *::after { box-sizing: content-box !important; }'],
  [
    'hidden things shown',
    '[hidden], [slot], template, script, style, head { display: block !important; visibility: visible !important; }',
  ],
  [
    'a theme reset on every element',
    '* { margin: 0 !important; padding: 0 !important; border: 0 !important; font: 9px/0 serif !important; color: #999 !important; letter-spacing: 3px !important; text-transform: uppercase !important; white-space: nowrap !important; pointer-events: auto !important; }',
  ],
];

/** Shadow elements sticking out of their widget sideways (with 2 px of rounding slack). */
function overflowing(kit: Kit): string[] {
  const found: string[] = [];
  for (const host of [kit.article, kit.poll, kit.links, kit.footer, kit.video, kit.banners]) {
    const box = host.getBoundingClientRect();
    for (const element of host.shadowRoot!.querySelectorAll('*')) {
      const inner = element.getBoundingClientRect();
      if (inner.width === 0 || !isShown(element) || element.closest('.visually-hidden, .table-scroll')) continue;
      if (inner.right > box.right + 2 || inner.left < box.left - 2) {
        found.push(`<${host.localName}> ${element.localName}.${element.getAttribute('part') ?? element.className}`);
      }
    }
  }
  return found;
}

/** Light-DOM text the kit must keep off screen: fallback content and JSON-LD. */
function shownLightText(kit: Kit): string[] {
  return [kit.article, kit.poll, kit.links, kit.footer, kit.video, kit.banners]
    .map((host) => host.innerText)
    .filter((text) => /fallback|schema\.org/.test(text));
}

describe('hostile host pages (global CSS)', () => {
  let style: HTMLStyleElement | undefined;
  let kit: Kit | undefined;
  let failures = 0;

  afterEach(() => {
    style?.remove();
    kit?.container.remove();
  });

  after(() => {
    console.log(`figure: hostile css: ${ATTACKS.length} page style sheets × ${TAGS.length} widgets, ${failures} failures`);
  });

  it('lets a reader’s text-spacing tool reach every widget’s text, which still shows and works (WCAG 1.4.12)', async () => {
    // The W3C's text-spacing bookmarklet, as a page-level sheet (what such tools inject).
    style = document.createElement('style');
    style.textContent = '* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }';
    document.head.append(style);
    kit = mountKit('hostile-css');
    const broken = await exerciseKit(kit);
    expect(broken).to.deep.equal([]);
    expect(overflowing(kit), 'shadow content sticks out of its widget').to.deep.equal([]);
    // The spacing of every text of the widgets' own (buttons and boxes too, which browsers reset):
    // 0.12em of letters, 0.16em of words at the widget's size, inherited from the host.
    const unspaced = [kit.article, kit.poll, kit.links, kit.footer, kit.video, kit.banners].flatMap((host) => {
      const size = parseFloat(getComputedStyle(host).fontSize);
      const texts = [...host.shadowRoot!.querySelectorAll('*')].filter(
        (element) => element.localName === 'input' || [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent?.trim()),
      );
      expect(texts.length, `<${host.localName}>: no text`).to.be.greaterThan(0);
      return texts.flatMap((text) => {
        const spacing = getComputedStyle(text);
        return Math.abs(parseFloat(spacing.letterSpacing) - 0.12 * size) > 0.1 || Math.abs(parseFloat(spacing.wordSpacing) - 0.16 * size) > 0.1
          ? [`${host.localName} ${text.localName}.${text.className}: ${spacing.letterSpacing} ${spacing.wordSpacing} at ${size}px`]
          : [];
      });
    });
    expect(unspaced, 'widgets whose text the spacing does not reach').to.deep.equal([]);
  });

  for (const [name, css] of ATTACKS) {
    it(`every widget shows its content and works on a page with "${name}"`, async () => {
      style = document.createElement('style');
      style.textContent = css;
      document.head.append(style);
      kit = mountKit('hostile-css');
      const broken = await exerciseKit(kit);
      failures += broken.length;
      expect(broken).to.deep.equal([]);
      expect(overflowing(kit), 'shadow content sticks out of its widget').to.deep.equal([]);
      expect(shownLightText(kit), 'fallback or JSON-LD text on screen').to.deep.equal([]);
      expect(hostileTraces()).to.deep.equal([]);
      expect(kitNodes().length).to.be.greaterThan(50);
    });
  }
});
