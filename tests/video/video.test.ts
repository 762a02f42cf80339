import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import type { EgovVideo } from '../../src/video/video.js';
import { captureWarnings, contrastRatio, faultUrl, inShadow, nextError, part, shadow, visibleText } from '../support/helpers.js';
import {
  CAPTIONS, ID, MISSING_FILE, PLAYLIST, POSTER, TITLE, absolute, currentItem, fileVideo, items, playlistVideo,
  thirdPartyElements, thirdPartyRequests, youtubeVideo,
} from './harness.js';

describe('<egov-video>', () => {
  describe('YouTube facade', () => {
    it('requests nothing from YouTube or Google before play', async () => {
      performance.clearResourceTimings();
      const element = await youtubeVideo();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(part(element, 'play-button')).not.to.equal(null);
      expect(shadow(element).querySelector('iframe')).to.equal(null);
      expect(thirdPartyElements(element)).to.deep.equal([]);
      expect(thirdPartyRequests()).to.deep.equal([]);
    });

    it('names the video on its play button and shows the title', async () => {
      const element = await youtubeVideo();
      expect(part(element, 'play-button')?.getAttribute('aria-label')).to.equal(`Phát video: ${TITLE}`);
      expect(visibleText(part(element, 'title'))).to.equal(TITLE);
      const english = await youtubeVideo('en');
      expect(part(english, 'play-button')?.getAttribute('aria-label')).to.equal(`Play video: ${TITLE}`);
    });

    it('takes a heading set to null or undefined by a script as none (every later update threw)', async () => {
      const element = await youtubeVideo();
      for (const heading of [null, undefined]) {
        (element as unknown as { heading: unknown }).heading = heading;
        await element.updateComplete;
        expect(part(element, 'title')).to.equal(null);
        expect(part(element, 'play-button')?.getAttribute('aria-label')).to.equal('Phát video: Video');
        element.heading = TITLE;
        await element.updateComplete;
        expect(visibleText(part(element, 'title'))).to.equal(TITLE);
      }
    });

    it('shows the webmaster’s poster, else a placeholder drawn in CSS', async () => {
      const withPoster = await youtubeVideo('vi', POSTER);
      expect(part(withPoster, 'poster')?.getAttribute('src')).to.equal(absolute(POSTER));
      const without = await youtubeVideo();
      expect(part(without, 'poster')).to.equal(null);
      expect(getComputedStyle(part(without, 'frame')!).backgroundImage).to.match(/gradient/);
    });

    it('rings the focused play button in two colours, at least 3:1 apart, inside the frame (WCAG 1.4.11 on any poster)', async () => {
      const element = await youtubeVideo();
      const play = part(element, 'play-button')!;
      play.focus();
      expect(play.matches(':focus-visible')).to.equal(true);
      const style = getComputedStyle(play);
      expect([style.outlineStyle, style.outlineWidth, style.outlineOffset]).to.deep.equal(['solid', '3px', '-3px']);
      const inner = /^(rgba?\([^)]*\)) 0px 0px 0px 6px inset$/.exec(style.boxShadow);
      expect(inner, `box-shadow ${style.boxShadow}`).not.to.equal(null);
      expect(contrastRatio(style.outlineColor, inner![1]!)).to.be.at.least(3);
    });

    it('loads the youtube-nocookie embed with autoplay when play is pressed, and moves focus into it', async () => {
      const element = await youtubeVideo();
      part(element, 'play-button')!.focus();
      await sendKeys({ press: 'Enter' });
      const frame = await inShadow<HTMLIFrameElement>(element, 'iframe');
      expect(frame.getAttribute('src')).to.equal(`https://www.youtube-nocookie.com/embed/${ID}?autoplay=1`);
      expect(frame.getAttribute('title')).to.equal(TITLE);
      expect(frame.getAttribute('allow')).to.equal('autoplay; encrypted-media; picture-in-picture');
      expect(frame.getAttribute('referrerpolicy')).to.equal('strict-origin-when-cross-origin');
      expect(part(element, 'play-button')).to.equal(null);
      await waitUntil(() => shadow(element).activeElement === frame, 'focus did not move into the player');
    });

    it('refuses an id that is not 11 letters, digits, _ or -, with a message, a link and egov-error', async () => {
      const errors: string[] = [];
      const element = await fixture<EgovVideo>(html`
        <egov-video youtube=${'abc<script>'} @egov-error=${(event: CustomEvent) => errors.push(event.detail.code)}>
          <a href="https://phuluong.thainguyen.gov.vn/video/hoi-nghi">Xem video hội nghị</a>
        </egov-video>
      `);
      const message = part(element, 'error')!;
      expect(visibleText(message)).to.include('Mã video YouTube không đúng');
      // There from the first render, a webmaster's mistake: a polite status, not shouted over the page's load.
      expect(shadow(element).querySelector('[role="alert"]') === null, 'an alert at the first render').to.equal(true);
      expect(message.querySelector('p')?.getAttribute('role')).to.equal('status');
      expect(part(element, 'video-link')?.getAttribute('href')).to.equal('https://phuluong.thainguyen.gov.vn/video/hoi-nghi');
      expect(shadow(element).querySelector('iframe, button')).to.equal(null);
      await waitUntil(() => errors.length === 1);
      expect(errors).to.deep.equal(['config']);
    });

    it('links a wrong id without a fallback link to its YouTube page', async () => {
      const element = await fixture<EgovVideo>(html`<egov-video lang="en" youtube="too-short"></egov-video>`);
      expect(visibleText(part(element, 'error'))).to.include('The YouTube video ID is wrong');
      expect(part(element, 'video-link')?.getAttribute('href')).to.equal('https://youtu.be/too-short');
    });

    it('links the address itself when the whole address of the video was written for its id, an http(s) one only', async () => {
      const address = 'https://www.youtube.com/watch?v=aqz-KE-bpKQ&t=5';
      const element = await fixture<EgovVideo>(html`<egov-video youtube=${address}></egov-video>`);
      expect(visibleText(part(element, 'error'))).to.include('Mã video YouTube không đúng');
      expect(part(element, 'video-link')?.getAttribute('href')).to.equal(address);
      const script = await fixture<EgovVideo>(html`<egov-video youtube="javascript:alert(1)"></egov-video>`);
      expect(visibleText(part(script, 'error'))).to.include('Mã video YouTube không đúng');
      expect(part(script, 'video-link') === null, 'a javascript: link').to.equal(true);
    });

    it('has no axe violations as a facade, in Vietnamese and English', async () => {
      await expect(await youtubeVideo('vi', POSTER)).to.be.accessible();
      await expect(await youtubeVideo('en')).to.be.accessible();
    });
  });

  describe('file video', () => {
    it('waits for play: preload none, controls, no autoplay, the poster', async () => {
      const element = await fileVideo();
      const video = shadow(element).querySelector('video')!;
      expect(video.getAttribute('preload')).to.equal('none');
      expect(video.controls).to.equal(true);
      expect(video.autoplay).to.equal(false);
      expect(video.getAttribute('poster')).to.equal(absolute(POSTER));
      expect(video.getAttribute('aria-label')).to.equal(TITLE);
    });

    it('turns captions on in the language of the element', async () => {
      const element = await fileVideo();
      const track = shadow(element).querySelector('track')!;
      expect(track.kind).to.equal('captions');
      expect(track.default).to.equal(true);
      expect(track.srclang).to.equal('vi');
      expect(track.label).to.equal('Phụ đề tiếng Việt');
      expect(track.src).to.equal(absolute(CAPTIONS));
      const english = await fileVideo('en');
      expect(shadow(english).querySelector('track')!.srclang).to.equal('en');
    });

    it('shows a message with a link to the video when the file cannot be played, and fires egov-error', async () => {
      const element = await fileVideo('vi', POSTER);
      const error = nextError(element);
      // Played from the keyboard: the focused player goes, the focus moves to the message's link.
      const video = shadow(element).querySelector('video')!;
      video.focus();
      // A key the reader pressed: the user activation play() needs (not borrowed from the tests before).
      await sendKeys({ press: 'Enter' });
      await video.play().catch(() => undefined);
      expect((await error).code).to.equal('media');
      const message = await inShadow(element, '[part="error"]');
      expect(visibleText(message)).to.include('Không phát được video này.');
      // A failure of what the reader started: said at once.
      expect(message.querySelector('[role="alert"]') !== null, 'not an alert').to.equal(true);
      expect(part(element, 'video-link')?.getAttribute('href')).to.equal(absolute(POSTER));
      await element.updateComplete;
      expect(shadow(element).activeElement === part(element, 'video-link'), 'focus on the link to the video').to.equal(true);
      await expect(element).to.be.accessible();
    });

    it('has no axe violations, in Vietnamese and English', async () => {
      await expect(await fileVideo('vi')).to.be.accessible();
      await expect(await fileVideo('en')).to.be.accessible();
    });
  });

  describe('only http(s) URLs', () => {
    it('drops other schemes with one warning each', async () => {
      let element: EgovVideo | undefined;
      const warnings = await captureWarnings(async () => {
        element = await fixture<EgovVideo>(html`
          <egov-video src="javascript:alert(1)" poster=${'data:image/svg+xml,<svg/>'} captions="javascript:alert(2)"></egov-video>
        `);
        element.requestUpdate();
        await element.updateComplete;
      });
      expect(shadow(element!).querySelector('video, track, img')).to.equal(null);
      expect(visibleText(part(element!, 'error'))).to.equal('Chưa có video để phát.');
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.include('javascript:alert(1)');
      expect(warnings[0]).to.match(/^<egov-video>:/);
    });

    it('drops a data: poster and a javascript: captions file but keeps the video', async () => {
      let element: EgovVideo | undefined;
      const warnings = await captureWarnings(async () => {
        element = await fixture<EgovVideo>(html`
          <egov-video src="/v.mp4" poster="data:image/png;base64,AAAA" captions=" javascript:alert(2)"></egov-video>
        `);
      });
      const video = shadow(element!).querySelector('video')!;
      expect(video.hasAttribute('poster')).to.equal(false);
      expect(shadow(element!).querySelector('track')).to.equal(null);
      expect(warnings.map((warning) => /poster|captions/.exec(warning)?.[0])).to.deep.equal(['poster', 'captions']);
    });

    it('never fetches a playlist that is not http(s)', async () => {
      const warnings = await captureWarnings(async () => {
        const element = await fixture<EgovVideo>(html`<egov-video playlist="javascript:alert(1)"></egov-video>`);
        expect(visibleText(part(element, 'error'))).to.equal('Chưa có video để phát.');
      });
      expect(warnings.some((warning) => warning.includes('playlist'))).to.equal(true);
    });
  });

  describe('playlist', () => {
    it('shows the first video and a list of buttons, the current one marked', async () => {
      const element = await playlistVideo();
      await inShadow(element, '[part~="item"]');
      expect(items(element).map((item) => item.localName)).to.deep.equal(['button', 'button', 'button']);
      expect(currentItem(element)).to.equal('Video một');
      expect(visibleText(part(element, 'title'))).to.equal('Video một');
      expect(visibleText(items(element)[0])).to.include('11/05/2018 · 3:25');
      expect(visibleText(items(element)[1])).to.include('1:02');
      expect(part(element, 'playlist')?.getAttribute('aria-label')).to.equal('Danh sách video');
    });

    it('says a duration as one, not as a clock time ("3:25" is read "3 phút, 25 giây"), in both languages', async () => {
      const body = JSON.stringify([
        { title: 'Một', youtube: ID, duration: 205 },
        { title: 'Hai', youtube: ID, duration: '1:02:05' },
        { title: 'Ba', youtube: ID, duration: 'khoảng 5 phút' },
        { title: 'Bốn', youtube: ID, duration: 3600 },
      ]);
      const names = async (lang: string) => {
        const element = await playlistVideo(lang, body);
        await inShadow(element, '[part~="item"]');
        const found: string[] = [];
        for (let index = 1; index <= 4; index++) {
          const node = (await executeServerCommand('accessible-node', { selector: `egov-video >>> li:nth-child(${index}) button` })) as { name: string };
          found.push(node.name.replace(/\s+/g, ' ').trim());
        }
        // What the eye reads stays the clock: the words are for the ear only.
        const shown = (item: Element) =>
          [...item.querySelector('.meta')!.childNodes]
            .filter((node) => node.nodeType === Node.TEXT_NODE || (node instanceof Element && !node.classList.contains('visually-hidden')))
            .map((node) => node.textContent)
            .join('');
        expect(items(element).map(shown)).to.deep.equal(['3:25', '1:02:05', 'khoảng 5 phút', '1:00:00']);
        element.remove();
        return found;
      };
      expect(await names('vi')).to.deep.equal(['Một 3 phút, 25 giây', 'Hai 1 giờ, 2 phút, 5 giây', 'Ba khoảng 5 phút', 'Bốn 1 giờ']);
      expect(await names('en')).to.deep.equal(['Một 3 minutes, 25 seconds', 'Hai 1 hour, 2 minutes, 5 seconds', 'Ba khoảng 5 phút', 'Bốn 1 hour']);
    });

    it('shows a playlist whose duration is past a year (Intl.DurationFormat would throw), by its clock', async () => {
      const element = await playlistVideo('vi', JSON.stringify([{ title: 'Một', youtube: ID, duration: 1e16 }, { title: 'Hai', youtube: ID, duration: 205 }]));
      await inShadow(element, '[part~="item"]');
      expect(items(element).map(visibleText)).to.deep.equal(['Một2777777777777:46:40', 'Hai3:253 phút, 25 giây']);
    });

    it('shows a bare published date as that day wherever the reader is (west of Greenwich too)', async () => {
      await executeServerCommand('emulate-timezone', { timezoneId: 'America/New_York' });
      try {
        const element = await playlistVideo();
        await inShadow(element, '[part~="item"]');
        expect(new Date().getTimezoneOffset()).to.be.greaterThan(0);
        expect(visibleText(items(element)[0])).to.include('11/05/2018');
      } finally {
        await executeServerCommand('emulate-timezone', {});
      }
    });

    it('is driven by the keyboard alone: Tab to a video, Enter or Space to show it', async () => {
      const element = await playlistVideo();
      await inShadow(element, '[part~="item"]');
      items(element)[0]!.focus();
      await sendKeys({ press: 'Tab' });
      expect(shadow(element).activeElement).to.equal(items(element)[1]);
      const title = part(element, 'title')!;
      await sendKeys({ press: 'Enter' });
      await element.updateComplete;
      expect(currentItem(element)).to.equal('Video hai');
      // Focus stays on the list: the title, a polite live region, says what is in the frame now.
      expect(title.getAttribute('aria-live')).to.equal('polite');
      expect(part(element, 'title') === title, 'the same live region, its text changed').to.equal(true);
      expect(visibleText(title)).to.equal('Video hai');
      expect(shadow(element).querySelector('video')?.getAttribute('src')).to.equal(absolute(MISSING_FILE));
      expect(shadow(element).querySelector('track')).not.to.equal(null);
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Space' });
      await element.updateComplete;
      expect(currentItem(element)).to.equal('Video ba');
      expect(part(element, 'poster')?.getAttribute('src')).to.equal(absolute(POSTER));
      expect(part(element, 'play-button')?.getAttribute('aria-label')).to.equal('Phát video: Video ba');
    });

    it('gives the focus from the play button straight to the player, never to the list on the way (which scrolled the page)', async () => {
      const element = await playlistVideo();
      const play = await inShadow(element, '[part="play-button"]');
      const visited: string[] = [];
      for (const item of items(element)) item.addEventListener('focus', () => visited.push(visibleText(item)));
      play.focus();
      play.click();
      await inShadow(element, 'iframe');
      await element.updateComplete;
      expect(visited).to.deep.equal([]);
      expect(shadow(element).activeElement === shadow(element).querySelector('iframe'), 'focus in the player').to.equal(true);
    });

    it('starts the next video from its facade after another one played', async () => {
      const element = await playlistVideo();
      (await inShadow(element, '[part="play-button"]')).click();
      await inShadow(element, 'iframe');
      items(element)[2]!.click();
      await element.updateComplete;
      expect(shadow(element).querySelector('iframe')).to.equal(null);
      expect(part(element, 'play-button')).not.to.equal(null);
    });

    it('keeps the 16:9 box from before the list loads until after', async () => {
      const element = await fixture<EgovVideo>(html`
        <div style="width: 320px"><egov-video playlist=${faultUrl('slow', { ok: PLAYLIST, delay: 1500 })}></egov-video></div>
      `);
      const video = element.querySelector('egov-video')!;
      await inShadow(video, '[part="loading"]');
      const loading = part(video, 'frame')!.getBoundingClientRect();
      expect(loading.width).to.equal(320);
      expect(loading.height).to.be.closeTo(180, 0.5);
      await inShadow(video, '[part="play-button"]', 5000);
      const loaded = part(video, 'frame')!.getBoundingClientRect();
      expect(loaded.height).to.equal(loading.height);
      expect(loaded.top).to.equal(loading.top);
    });

    const failures: [string, string, string][] = [
      ['http', faultUrl('500'), 'mã 500'],
      ['parse', faultUrl('html'), 'bị lỗi'],
      ['shape', faultUrl('json', { ok: '[]' }), 'không đúng định dạng'],
      ['shape', faultUrl('json', { ok: '[{"title":"x"}]' }), 'không đúng định dạng'],
    ];
    for (const [code, url, text] of failures) {
      it(`explains a failing playlist (${code}: ${decodeURIComponent(url)}) and offers a retry`, async () => {
        const element = await fixture<EgovVideo>(html`<egov-video playlist=${url}></egov-video>`);
        expect((await nextError(element)).code).to.equal(code);
        const error = await inShadow(element, '[part="error"]');
        expect(visibleText(error)).to.include(text);
        expect(part(element, 'retry-button')).not.to.equal(null);
      });
    }

    it('names a video without a title, in the list too ("Video"), and under the frame, where the next title is said', async () => {
      const element = await playlistVideo('vi', JSON.stringify([{ title: '', youtube: ID }, { title: '   ', youtube: ID }, { title: 'Ba', youtube: ID }]));
      await inShadow(element, '[part~="item"]');
      expect(items(element).map(visibleText)).to.deep.equal(['Video', 'Video', 'Ba']);
      // The live region is there before the choice: one made with its text would be read by few screen readers.
      const title = part(element, 'title');
      expect(title?.getAttribute('aria-live')).to.equal('polite');
      expect(visibleText(title)).to.equal('Video');
      items(element)[2]!.click();
      await element.updateComplete;
      expect(part(element, 'title')).to.equal(title);
      expect(visibleText(title)).to.equal('Ba');
      await expect(element).to.be.accessible();
    });

    it('wraps a long word of a title or a duration on a phone, never scrolling sideways (WCAG 1.4.10)', async () => {
      const word = 'HoiNghiTongKetCongTacCanBoHuyenPhuLuongNam2018.mp4';
      const box = await fixture<HTMLDivElement>(html`<div style="width: 280px">
        <egov-video playlist=${faultUrl('json', { ok: JSON.stringify([{ title: word, youtube: ID, duration: word }, { title: 'Hai', youtube: ID }]) })}></egov-video>
      </div>`);
      const element = box.querySelector('egov-video')!;
      await inShadow(element, '[part~="item"]');
      for (const item of items(element)) expect(item.getBoundingClientRect().width, visibleText(item)).to.be.at.most(280);
      expect(element.getBoundingClientRect().width).to.equal(280);
      expect(part(element, 'playlist')!.scrollWidth).to.be.at.most(280);
    });

    it('has no axe violations loaded, loading and failed, in Vietnamese and English', async () => {
      for (const lang of ['vi', 'en']) {
        const loaded = await playlistVideo(lang);
        await inShadow(loaded, '[part~="item"]');
        await expect(loaded).to.be.accessible();
        const loading = await fixture(html`<egov-video lang=${lang} playlist=${faultUrl('slow', { ok: PLAYLIST, delay: 5000 })}></egov-video>`);
        await inShadow(loading, '[part="loading"]');
        await expect(loading).to.be.accessible();
        const failed = await fixture(html`<egov-video lang=${lang} playlist=${faultUrl('503')}></egov-video>`);
        await inShadow(failed, '[part="retry-button"]');
        await expect(failed).to.be.accessible();
      }
    });
  });

  describe('in a box the page hides (a Bootstrap modal closed, a tab left, display: none)', () => {
    /** A video box in a panel, as a modal or a tab holds it. */
    async function inPanel(video: (lang?: string) => Promise<EgovVideo>) {
      const element = await video();
      const panel = document.createElement('div');
      element.replaceWith(panel);
      panel.append(element);
      await element.updateComplete;
      return { element, panel };
    }

    /** A file playing in a panel (muted: no reader's gesture needed), and its `<video>`. */
    async function playingInPanel() {
      const { element, panel } = await inPanel(() => fileVideo('vi', '/tests/fixtures/clip-6s.webm'));
      const video = shadow(element).querySelector('video')!;
      video.muted = true;
      video.loop = true;
      await video.play();
      return { element, panel, video };
    }

    it('stops a playing file when its box is hidden, and not when the box is only moved', async () => {
      const { panel, video } = await playingInPanel();
      // jQuery's appendTo: out of the page and back in one turn.
      document.body.append(panel);
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      expect(video.paused, 'paused by a move').to.equal(false);
      panel.style.display = 'none';
      await waitUntil(() => video.paused, 'still playing, unseen and unstoppable', { timeout: 2000 });
      panel.remove();
    });

    it('lets a file the reader took out to picture-in-picture play on when its box is hidden, and stops it back in that box', async () => {
      const { element, panel, video } = await playingInPanel();
      // Picture-in-picture needs a reader's gesture: a real key press on a button of the page.
      const button = document.createElement('button');
      button.textContent = 'PiP';
      let entered: Promise<unknown> = Promise.resolve();
      button.addEventListener('click', () => (entered = video.requestPictureInPicture()));
      document.body.append(button);
      try {
        button.focus();
        await sendKeys({ press: 'Enter' });
        await entered;
        expect(shadow(element).pictureInPictureElement === video, 'in picture-in-picture').to.equal(true);
        panel.style.display = 'none';
        await new Promise((resolve) => setTimeout(resolve, 500));
        expect(video.paused, 'stopped in its own window').to.equal(false);
        // Back from that window into the box the page still hides ("back to tab"): it stops.
        await document.exitPictureInPicture();
        await waitUntil(() => video.paused, 'back in the hidden box, still playing', { timeout: 2000 });
      } finally {
        await document.exitPictureInPicture().catch(() => undefined);
        button.remove();
        panel.remove();
      }
    });

    it('closes a YouTube player when its box is hidden: the facade is back, shown again', async () => {
      const { element, panel } = await inPanel(youtubeVideo);
      part(element, 'play-button')!.click();
      await inShadow(element, 'iframe');
      panel.hidden = true;
      await waitUntil(() => !shadow(element).querySelector('iframe'), 'the player stayed (and played on)', { timeout: 2000 });
      panel.hidden = false;
      await element.updateComplete;
      expect(part(element, 'play-button') !== null, 'the play button').to.equal(true);
    });
  });

  describe('without the script', () => {
    it('hides the webmaster’s fallback link once upgraded', async () => {
      const element = await fixture(html`
        <egov-video youtube=${ID}><a href="https://www.youtube.com/watch?v=${ID}">Xem video trên YouTube</a></egov-video>
      `);
      const link = element.querySelector('a')!;
      expect(link.assignedSlot).to.equal(null);
      expect(link.getBoundingClientRect().height).to.equal(0);
    });
  });
});
