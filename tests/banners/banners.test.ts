import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, resetMouse, sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { EgovBanners } from '../../src/banners/banners.js';
import { captureWarnings, contrastRatio, faultUrl, inShadow, nextError, override, shadow, visibleText } from '../support/helpers.js';
import { IMAGE, INTERVAL_S, ONE_TURN_MS, control, currentSlide, hover, imageAlts, leave, sleep, tap, threeBanners } from './harness.js';

describe('<egov-banners>', () => {
  afterEach(async () => {
    await resetMouse();
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  describe('stack (the default)', () => {
    it('shows every banner, one under the other, and never turns', async () => {
      const element = await threeBanners({ layout: '' });
      const links = [...shadow(element).querySelectorAll('[part="list"] [part="link"]')];
      expect(links.map((link) => link.getAttribute('href'))).to.deep.equal([
        'https://dichvucong.gov.vn/', 'https://chinhphu.vn/', 'https://thainguyen.gov.vn/',
      ]);
      expect(shadow(element).querySelector('button, [aria-roledescription]')).to.equal(null);
      const tops = links.map((link) => link.getBoundingClientRect().top);
      expect(tops[1]).to.be.greaterThan(tops[0]!);
      expect(tops[2]).to.be.greaterThan(tops[1]!);
      expect(element.rotating).to.equal(false);
    });

    it('has no axe violations, in Vietnamese and English', async () => {
      await expect(await threeBanners({ layout: 'stack' })).to.be.accessible();
      await expect(await threeBanners({ layout: 'stack', lang: 'en' })).to.be.accessible();
    });
  });

  describe('rotate', () => {
    it('shows one banner at a time and turns to the next after the interval, without announcing it', async () => {
      const element = await threeBanners();
      expect(currentSlide(element)).to.equal('1 trên 3');
      expect(control(element, 'slides').getAttribute('aria-live')).to.equal('off');
      await waitUntil(() => currentSlide(element) === '2 trên 3', 'did not turn', { timeout: ONE_TURN_MS });
      expect(control(element, 'slides').getAttribute('aria-live')).to.equal('off');
    });

    it('gives a banner chosen with next or previous a whole interval, also where a press focuses nothing (a tap on iOS)', async () => {
      const element = await threeBanners();
      await sleep(INTERVAL_S * 1000 - 500);
      // A press that neither focuses nor hovers, as a tap in Safari on iOS: the rotation goes on.
      control(element, 'next-button').click();
      await element.updateComplete;
      expect(currentSlide(element)).to.equal('2 trên 3');
      expect(element.rotating).to.equal(true);
      // The turn that was due half a second after the press did not take the chosen banner away.
      await sleep(1500);
      expect(currentSlide(element)).to.equal('2 trên 3');
      await waitUntil(() => currentSlide(element) === '3 trên 3', 'did not turn after the interval', { timeout: ONE_TURN_MS });
    });

    it('labels the carousel and its slides, and describes their roles, in Vietnamese and in English ("n of total")', async () => {
      const slideRole = (element: Element) => shadow(element).querySelector('.slide')?.getAttribute('aria-roledescription');
      const vi = await threeBanners();
      expect(control(vi, 'carousel').getAttribute('aria-label')).to.equal('Quảng cáo');
      expect(control(vi, 'carousel').getAttribute('aria-roledescription')).to.equal('khung trình chiếu');
      expect(slideRole(vi)).to.equal('trang chiếu');
      expect(currentSlide(vi)).to.equal('1 trên 3');
      const element = await threeBanners({ lang: 'en' });
      expect(control(element, 'carousel').getAttribute('aria-label')).to.equal('Banners');
      expect(control(element, 'carousel').getAttribute('aria-roledescription')).to.equal('carousel');
      expect(slideRole(element)).to.equal('slide');
      expect(currentSlide(element)).to.equal('1 of 3');
      expect(control(element, 'previous-button').getAttribute('aria-label')).to.equal('Previous banner');
      expect(control(element, 'pause-button').getAttribute('aria-label')).to.equal('Stop automatic rotation');
      expect(control(element, 'next-button').getAttribute('aria-label')).to.equal('Next banner');
    });

    it('turns at the interval written, down to 1 second: a smaller one counts as 1 s', async () => {
      const second = await threeBanners({ interval: 1 });
      await waitUntil(() => currentSlide(second) === '2 trên 3', 'did not turn after 1 s', { timeout: 2200 });
      const flashing = await threeBanners({ interval: 0.05 });
      await sleep(600);
      expect(currentSlide(flashing)).to.equal('1 trên 3');
      await waitUntil(() => currentSlide(flashing) === '2 trên 3', 'did not turn after 1 s', { timeout: 2200 });
    });

    it('takes an empty, zero or unreadable interval as the default 8 seconds, and a huge one as an hour', async () => {
      const elements: EgovBanners[] = [];
      for (const interval of ['', '0', '-5', 'soon']) {
        elements.push(
          await fixture<EgovBanners>(html`
            <egov-banners layout="rotate" interval=${interval}>
              <a href="https://dichvucong.gov.vn"><img src=${IMAGE} alt="Cổng Dịch vụ công quốc gia" width="300" height="100" /></a>
              <a href="https://chinhphu.vn"><img src=${IMAGE} alt="Cổng Thông tin điện tử Chính phủ" width="300" height="100" /></a>
            </egov-banners>
          `),
        );
      }
      elements.push(await threeBanners({ interval: 1e10 }));
      // Past the 3 s that the smallest of them used to turn at.
      await sleep(4000);
      expect(elements.map((element) => currentSlide(element))).to.deep.equal(['1 trên 2', '1 trên 2', '1 trên 2', '1 trên 2', '1 trên 3']);
    });

    it('stops while the pointer is over it, and goes on when it leaves', async () => {
      const element = await threeBanners();
      await hover(control(element, 'slides'));
      await sleep(ONE_TURN_MS);
      expect(currentSlide(element)).to.equal('1 trên 3');
      expect(control(element, 'slides').getAttribute('aria-live')).to.equal('polite');
      await leave();
      await waitUntil(() => currentSlide(element) === '2 trên 3', 'did not go on', { timeout: ONE_TURN_MS });
    });

    it('stops while focus is in it', async () => {
      const element = await threeBanners();
      shadow(element).querySelector<HTMLElement>('.current [part="link"]')!.focus();
      await sleep(ONE_TURN_MS);
      expect(currentSlide(element)).to.equal('1 trên 3');
      expect(control(element, 'slides').getAttribute('aria-live')).to.equal('polite');
    });

    it('stops on pause, and stays paused after hover and focus come and go, until play', async () => {
      const element = await threeBanners();
      const pause = control(element, 'pause-button');
      pause.click();
      await element.updateComplete;
      expect(pause.getAttribute('aria-label')).to.equal('Tiếp tục tự động chuyển');
      await hover(control(element, 'slides'));
      await leave();
      control(element, 'next-button').focus();
      control(element, 'next-button').blur();
      await sleep(ONE_TURN_MS);
      expect(currentSlide(element)).to.equal('1 trên 3');
      pause.click();
      await element.updateComplete;
      expect(pause.getAttribute('aria-label')).to.equal('Dừng tự động chuyển');
      await waitUntil(() => currentSlide(element) === '2 trên 3', 'play did not restart it', { timeout: ONE_TURN_MS });
    });

    it('pauses and plays by touch: a finger leaves no hover behind', async () => {
      const element = await threeBanners();
      const pause = control(element, 'pause-button');
      await tap(pause);
      await element.updateComplete;
      expect(pause.getAttribute('aria-label')).to.equal('Tiếp tục tự động chuyển');
      await tap(pause);
      await element.updateComplete;
      expect(pause.getAttribute('aria-label')).to.equal('Dừng tự động chuyển');
      await waitUntil(() => currentSlide(element) === '2 trên 3', 'play tapped, and it did not turn', { timeout: ONE_TURN_MS });
    });

    it('turns once play is pressed from the keyboard, the focus still on the button (APG: the reader asked for it)', async () => {
      const element = await threeBanners();
      const pause = control(element, 'pause-button');
      pause.focus();
      await sendKeys({ press: 'Enter' });
      await sendKeys({ press: 'Enter' });
      await element.updateComplete;
      expect(pause.getAttribute('aria-label')).to.equal('Dừng tự động chuyển');
      await waitUntil(() => currentSlide(element) === '2 trên 3', 'play pressed, and it did not turn', { timeout: ONE_TURN_MS });
      // Once the focus moves within the box again, it stops again.
      control(element, 'next-button').focus();
      await element.updateComplete;
      expect(element.rotating, 'turning with the focus moved in it').to.equal(false);
      pause.blur();
    });

    it('never turns under prefers-reduced-motion, and follows the setting live', async () => {
      await emulateMedia({ reducedMotion: 'reduce' });
      const element = await threeBanners();
      expect(shadow(element).querySelector('[part="pause-button"]')).to.equal(null);
      await sleep(ONE_TURN_MS);
      expect(currentSlide(element)).to.equal('1 trên 3');
      expect(control(element, 'slides').getAttribute('aria-live')).to.equal('polite');
      await emulateMedia({ reducedMotion: 'no-preference' });
      await waitUntil(() => shadow(element).querySelector('[part="pause-button"]'), 'the pause button did not come back');
      await waitUntil(() => currentSlide(element) === '2 trên 3', 'did not turn once motion was allowed', { timeout: ONE_TURN_MS });
    });

    it('moves with previous and next from the keyboard, round the ends, and announces it', async () => {
      const element = await threeBanners();
      control(element, 'next-button').focus();
      await sendKeys({ press: 'Enter' });
      await element.updateComplete;
      expect(currentSlide(element)).to.equal('2 trên 3');
      expect(control(element, 'slides').getAttribute('aria-live')).to.equal('polite');
      await sendKeys({ press: 'Space' });
      await element.updateComplete;
      expect(currentSlide(element)).to.equal('3 trên 3');
      await sendKeys({ press: 'Enter' });
      await element.updateComplete;
      expect(currentSlide(element)).to.equal('1 trên 3');
      control(element, 'previous-button').focus();
      await sendKeys({ press: 'Enter' });
      await element.updateComplete;
      expect(currentSlide(element)).to.equal('3 trên 3');
    });

    it('rings the focused banner in two colours, at least 3:1 apart, inside the image (WCAG 1.4.11 on any banner)', async () => {
      for (const layout of ['stack', 'rotate']) {
        const element = await threeBanners({ layout });
        const link = shadow(element).querySelector<HTMLElement>('[part="link"]')!;
        link.focus();
        expect(link.matches(':focus-visible'), `${layout}: no visible focus`).to.equal(true);
        const ring = getComputedStyle(link);
        const inner = getComputedStyle(link.querySelector('img')!);
        expect([ring.outlineStyle, ring.outlineWidth, ring.outlineOffset], layout).to.deep.equal(['solid', '3px', '-3px']);
        expect([inner.outlineStyle, inner.outlineWidth, inner.outlineOffset], layout).to.deep.equal(['solid', '3px', '-6px']);
        expect(contrastRatio(ring.outlineColor, inner.outlineColor), layout).to.be.at.least(3);
      }
    });

    it('reaches the shown banner’s link with Tab, and no hidden one', async () => {
      const element = await threeBanners();
      control(element, 'next-button').focus();
      await sendKeys({ press: 'Tab' });
      const focused = shadow(element).activeElement;
      expect(focused?.getAttribute('href')).to.equal('https://dichvucong.gov.vn/');
    });

    it('keeps the box the same size as banners turn', async () => {
      const element = await threeBanners();
      const before = control(element, 'carousel').getBoundingClientRect().height;
      control(element, 'next-button').click();
      await element.updateComplete;
      expect(control(element, 'carousel').getBoundingClientRect().height).to.equal(before);
    });

    it('goes on turning after being moved elsewhere in the page', async () => {
      const element = await threeBanners();
      const parent = element.parentElement!;
      element.remove();
      parent.append(element);
      await waitUntil(() => currentSlide(element) === '2 trên 3', 'did not turn after the move', { timeout: ONE_TURN_MS });
    });

    it('stops for good once removed from the page, whatever it was doing (no box turning unseen for ever)', async () => {
      // An UpdatePanel or `.html()` replaces the box while the pointer is over it, while the focus is
      // in it, or a script changes a removed box.
      for (const removeWhile of ['hovered', 'focused', 'changed'] as const) {
        const element = await threeBanners({ interval: 1 });
        if (removeWhile === 'hovered') await hover(control(element, 'slides'));
        if (removeWhile === 'focused') control(element, 'next-button').focus();
        await element.updateComplete;
        element.remove();
        if (removeWhile === 'changed') element.setAttribute('interval', '2');
        await element.updateComplete;
        expect(element.rotating, `removed while ${removeWhile}`).to.equal(false);
        // Out of the page nothing is visible: the slide the carousel takes as current.
        const current = () => shadow(element).querySelector('.slide.current')?.getAttribute('aria-label');
        const shown = current();
        await sleep(2300);
        expect(current(), `removed while ${removeWhile}: turned`).to.equal(shown);
        await resetMouse();
      }
    });

    it('does not turn while the page hides it (a tab not shown, a collapsed panel), and turns again once shown', async () => {
      const element = await threeBanners({ interval: 1 });
      const panel = document.createElement('div');
      element.replaceWith(panel);
      panel.append(element);
      const current = () => shadow(element).querySelector('.slide.current')?.getAttribute('aria-label');
      try {
        await element.updateComplete;
        panel.style.display = 'none';
        const shown = current();
        await sleep(2300);
        expect(current(), 'turned unseen: shown again on another banner').to.equal(shown);
        panel.style.display = '';
        await waitUntil(() => current() !== shown, 'never turned again once shown', { timeout: 2500 });
      } finally {
        panel.remove();
      }
    });

    it('does no work while the page hides it: no update at each interval, only when shown again', async () => {
      const element = await threeBanners({ interval: 1 });
      const panel = document.createElement('div');
      element.replaceWith(panel);
      panel.append(element);
      try {
        await element.updateComplete;
        panel.style.display = 'none';
        await waitUntil(() => !element.rotating, 'still rotating once hidden', { timeout: 2000 });
        await element.updateComplete;
        let updates = 0;
        const counted = element as unknown as { update(changed: unknown): void };
        const update = counted.update;
        counted.update = function (changed) {
          updates++;
          update.call(this, changed);
        };
        await sleep(2300);
        expect(updates, 'updates while hidden').to.equal(0);
        panel.style.display = '';
        await waitUntil(() => element.rotating, 'not rotating once shown', { timeout: 2000 });
      } finally {
        panel.remove();
      }
    });

    it('stops taking itself as hovered once moved from under the pointer, and turns', async () => {
      const element = await threeBanners();
      await hover(control(element, 'slides'));
      await sleep(200);
      expect(element.rotating).to.equal(false);
      // A page script moves the box away from the pointer (no mouseleave ever comes for it), then
      // the reader moves on.
      const elsewhere = document.createElement('div');
      elsewhere.style.marginTop = '1500px';
      document.body.append(elsewhere);
      elsewhere.append(element);
      await element.updateComplete;
      expect(element.rotating, 'still taken as hovered').to.equal(true);
      await leave();
      await waitUntil(() => currentSlide(element) === '2 trên 3', 'never turned again', { timeout: ONE_TURN_MS });
      elsewhere.remove();
    });

    it('puts the rotation control first in the Tab order (APG carousel), then previous and next', async () => {
      const element = await threeBanners();
      const parts = [...control(element, 'controls').querySelectorAll('button')].map((button) => button.getAttribute('part'));
      expect(parts).to.deep.equal(['pause-button', 'previous-button', 'next-button']);
    });

    it('keeps turning stopped, and the focus where it was, while the reader is in another window or tab', async () => {
      const element = await threeBanners();
      const link = shadow(element).querySelector<HTMLElement>('.current [part="link"]')!;
      link.focus();
      await element.updateComplete;
      expect(element.rotating, 'focus in it').to.equal(false);
      // What the browser does as its window loses the focus (a test cannot switch windows): the
      // document has no focus, and the focus leaves the link for nowhere, to come back to it.
      const unfocused = override(document, { hasFocus: () => false });
      link.dispatchEvent(new FocusEvent('focusout', { bubbles: true, composed: true, relatedTarget: null }));
      unfocused.restore();
      await element.updateComplete;
      expect(shadow(element).activeElement, 'the focus still on the link').to.equal(link);
      expect(element.rotating, 'the focus is still in it').to.equal(false);
      // Then the focus really leaves, for the page.
      const outside = document.body.appendChild(document.createElement('button'));
      outside.focus();
      await element.updateComplete;
      expect(element.rotating, 'the focus left').to.equal(true);
      outside.remove();
    });

    it('loads the images of the banner shown and its two neighbours only, however many banners turn, in a box that keeps its size', async () => {
      // From src: banners written inside the tag are the page's own images, which the browser loads.
      const banners = Array.from({ length: 20 }, (_, index) => ({
        href: `https://xa${index}.thainguyen.gov.vn`, image: `${IMAGE}?banner=${index}`, alt: `Xã ${index + 1}`, width: 300, height: index === 7 ? 600 : 300,
      }));
      const element = await fixture<EgovBanners>(html`<egov-banners layout="rotate" interval="3600" src=${faultUrl('json', { ok: JSON.stringify(banners) })}></egov-banners>`);
      await inShadow(element, 'img');
      const shownImages = () => [...shadow(element).querySelectorAll('img[src]')].map((image) => (image as HTMLImageElement).alt);
      expect(shownImages()).to.deep.equal(['Xã 1', 'Xã 2', 'Xã 20']);
      // The tallest banner (the 8th, 1:2) is not loaded, yet the box is its height already.
      const slides = control(element, 'slides').getBoundingClientRect();
      expect(slides.height).to.be.closeTo(slides.width * 2, 1);
      for (let turn = 0; turn < 7; turn++) control(element, 'next-button').click();
      await element.updateComplete;
      expect(currentSlide(element)).to.equal('8 trên 20');
      expect(shownImages()).to.deep.equal(['Xã 7', 'Xã 8', 'Xã 9']);
      await sleep(300);
      const requested = performance.getEntriesByType('resource').map((entry) => new URL(entry.name).search).filter((search) => search.startsWith('?banner='));
      // Those shown or next to one shown on the way: never the 11th to the 19th.
      for (const far of [10, 11, 12, 13, 14, 15, 16, 17, 18]) expect(requested).not.to.include(`?banner=${far}`);
      await expect(element).to.be.accessible();
    });

    it('keeps the box one height as it turns in a narrow column, whatever the length of the banners’ alt texts', async () => {
      const banner = '/demo/images/banner-chinh-phu.svg';
      const long = 'Hệ thống thông tin giải quyết thủ tục hành chính tỉnh Thái Nguyên';
      const banners = ['Một', 'Hai', 'Ba', long, 'Năm'].map((alt, index) => ({ href: `https://xa${index}.vn`, image: `${banner}?n=${index}`, alt, width: 300, height: 100 }));
      const box = await fixture<HTMLDivElement>(html`<div style="width: 180px">
        <egov-banners layout="rotate" interval="3600" src=${faultUrl('json', { ok: JSON.stringify(banners) })}></egov-banners>
      </div>`);
      const element = box.querySelector('egov-banners')!;
      await inShadow(element, 'img[src]');
      const heights: number[] = [];
      for (let turn = 0; turn < 5; turn++) {
        await waitUntil(() => [...shadow(element).querySelectorAll<HTMLImageElement>('img[src]')].every((image) => image.complete), 'images never loaded');
        heights.push(Math.round(control(element, 'slides').getBoundingClientRect().height));
        control(element, 'next-button').click();
        await element.updateComplete;
      }
      // 180 px wide at 3:1: 60 px, every turn, the long alt of a slide not loaded yet included.
      expect(heights).to.deep.equal([60, 60, 60, 60, 60]);
    });

    it('reads layout as typed by hand: case and spaces aside', async () => {
      const element = await threeBanners({ layout: ' Rotate ' });
      expect(control(element, 'carousel').getAttribute('aria-roledescription')).to.equal('khung trình chiếu');
      expect(element.rotating).to.equal(true);
    });

    it('shows a single banner without controls', async () => {
      const element = await fixture<EgovBanners>(html`
        <egov-banners layout="rotate"><a href="https://dichvucong.gov.vn"><img src=${IMAGE} alt="Dịch vụ công" /></a></egov-banners>
      `);
      expect(shadow(element).querySelector('button')).to.equal(null);
      expect(element.rotating).to.equal(false);
    });

    it('has no axe violations turning, paused and under reduced motion, in Vietnamese and English', async () => {
      for (const lang of ['vi', 'en']) {
        const turning = await threeBanners({ lang });
        await expect(turning).to.be.accessible();
        control(turning, 'pause-button').click();
        control(turning, 'next-button').click();
        await turning.updateComplete;
        await expect(turning).to.be.accessible();
      }
      await emulateMedia({ reducedMotion: 'reduce' });
      await expect(await threeBanners()).to.be.accessible();
    });
  });

  describe('checks', () => {
    it('leaves out banners whose link or image is not http(s), with a warning', async () => {
      let element: EgovBanners | undefined;
      const warnings = await captureWarnings(async () => {
        element = await fixture<EgovBanners>(html`
          <egov-banners>
            <a href="javascript:alert(1)"><img src=${IMAGE} alt="Xấu 1" /></a>
            <a href="https://dichvucong.gov.vn"><img src=${'data:image/svg+xml,<svg/>'} alt="Xấu 2" /></a>
            <a href="https://chinhphu.vn"><img src=${IMAGE} alt="Tốt" /></a>
          </egov-banners>
        `);
      });
      expect(imageAlts(element!)).to.deep.equal(['Tốt']);
      expect(warnings).to.have.length(2);
      expect(warnings[0]).to.include('javascript:alert(1)');
      expect(warnings[1]).to.include('data:image');
    });

    it('names an image without alt after its link text, else its host with one warning', async () => {
      let element: EgovBanners | undefined;
      const warnings = await captureWarnings(async () => {
        element = await fixture<EgovBanners>(html`
          <egov-banners>
            <a href="https://dichvucong.gov.vn"><img src=${IMAGE} /> Dịch vụ công trực tuyến</a>
            <a href="https://chinhphu.vn"><img src=${IMAGE} /></a>
          </egov-banners>
        `);
        element.requestUpdate();
        await element.updateComplete;
        element.append(document.createElement('span'));
        await waitUntil(() => element!.updateComplete);
      });
      expect(imageAlts(element!)).to.deep.equal(['Dịch vụ công trực tuyến', 'chinhphu.vn']);
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.include('no alt text');
      await expect(element!).to.be.accessible();
    });

    it('loads images lazily in a reserved box, from their width and height or the default 3:1', async () => {
      const wrapper = await fixture(html`
        <div style="width: 300px">
          <egov-banners>
            <a href="https://dichvucong.gov.vn"><img src=${faultUrl('stall')} alt="Đang tải" width="600" height="150" /></a>
            <a href="https://chinhphu.vn"><img src=${faultUrl('stall')} alt="Không rõ cỡ" /></a>
          </egov-banners>
        </div>
      `);
      const images = [...shadow(wrapper.querySelector('egov-banners')!).querySelectorAll('img')];
      expect(images.map((image) => image.loading)).to.deep.equal(['lazy', 'lazy']);
      expect(images.map((image) => image.naturalWidth), 'not loaded yet').to.deep.equal([0, 0]);
      expect(images[0]!.getBoundingClientRect().height).to.equal(75);
      expect(images[1]!.getBoundingClientRect().height).to.equal(100);
    });
  });

  describe('from src', () => {
    const json = JSON.stringify([
      { href: 'https://dichvucong.gov.vn', image: IMAGE, alt: 'Cổng Dịch vụ công quốc gia', width: 300, height: 100 },
      { href: 'https://chinhphu.vn', image: IMAGE, alt: 'Cổng Thông tin điện tử Chính phủ' },
    ]);

    it('loads banners from JSON, replacing the inline ones', async () => {
      const element = await fixture<EgovBanners>(html`
        <egov-banners src=${faultUrl('json', { ok: json })}><a href="https://x.vn"><img src=${IMAGE} alt="Trong trang" /></a></egov-banners>
      `);
      await inShadow(element, 'img');
      expect(imageAlts(element)).to.deep.equal(['Cổng Dịch vụ công quốc gia', 'Cổng Thông tin điện tử Chính phủ']);
      const images = [...shadow(element).querySelectorAll('img')];
      expect(images.map((image) => image.getAttribute('width'))).to.deep.equal(['300', null]);
    });

    const failures: [string, string, string][] = [
      ['http', faultUrl('404'), 'mã 404'],
      ['parse', faultUrl('truncated'), 'bị lỗi'],
      ['shape', faultUrl('json', { ok: '[{"href":"https://a.vn","image":"/a.png","width":"rộng"}]' }), 'không đúng định dạng'],
    ];
    for (const [code, url, text] of failures) {
      it(`explains a failing src (${code}) with a retry, and fires egov-error`, async () => {
        const element = await fixture<EgovBanners>(html`<egov-banners src=${url}></egov-banners>`);
        expect((await nextError(element)).code).to.equal(code);
        const error = await inShadow(element, '[part="error"]');
        expect(visibleText(error)).to.include(text);
        expect(shadow(element).querySelector('[part="retry-button"]')).not.to.equal(null);
        await expect(element).to.be.accessible();
      });
    }

    it('keeps the space of a banner while loading from src, so what follows does not jump when it comes', async () => {
      const banner = (alt: string) => ({ href: 'https://dichvucong.gov.vn', image: '/demo/images/banner-dich-vu-cong.svg', alt, width: 300, height: 100 });
      const cases: [layout: string, banners: object[]][] = [['stack', [banner('Một')]], ['rotate', [banner('Một'), banner('Hai')]]];
      for (const [layout, banners] of cases) {
        const url = faultUrl('slow', { ok: JSON.stringify(banners), delay: 1500 });
        const element = await fixture<EgovBanners>(html`<egov-banners style="display: block; width: 300px" layout=${layout} src=${url}></egov-banners>`);
        await inShadow(element, '[part="loading"]');
        const loading = element.getBoundingClientRect().height;
        await inShadow(element, 'img');
        const loaded = element.getBoundingClientRect().height;
        expect(Math.abs(loading - loaded), `${layout}: ${loading} px while loading, ${loaded} px loaded`).to.be.at.most(loaded * 0.1);
      }
    });

    it('has no axe violations while loading, in Vietnamese and English', async () => {
      for (const lang of ['vi', 'en']) {
        const element = await fixture(html`<egov-banners lang=${lang} src=${faultUrl('slow', { ok: json, delay: 5000 })}></egov-banners>`);
        await inShadow(element, '[part="loading"]');
        await expect(element).to.be.accessible();
      }
    });
  });
});
