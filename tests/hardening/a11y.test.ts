import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define.js';
import { demoArticleMarkup, faultUrl, inShadow, shadow, uniqueKey, visibleText } from '../support/helpers.js';
import { MIN_TARGET_PX, SWEEP_TAGS, axeViolations, describeViolations, interactiveTargets, smallTargets } from './a11y-axe.js';

// The accessibility sweep: axe-core with the wcag2a, wcag2aa, wcag21aa, wcag22aa and best-practice
// tags over every state of every widget, in Vietnamese and in English, and the size of every
// interactive target (WCAG 2.5.8; the exceptions applied are decided in ./a11y-axe.ts). One widget
// per fixture: two landmarks of one kind in a document would trip axe on their own.

type Lang = 'vi' | 'en';
const LANGS: Lang[] = ['vi', 'en'];

interface State {
  name: string;
  /** Renders the widget in `lang` and brings it into the state; rejects if the state is never reached. */
  render(lang: Lang): Promise<Element>;
}

// ---------------------------------------------------------------------------------------------
// Stubs of browser features a state needs (clipboard, speech), restored after each test.

let restores: (() => void)[] = [];

/** Replaces own properties of `target` until the end of the test. */
function override<T extends object>(target: T, values: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(values)) {
    const saved = Object.getOwnPropertyDescriptor(target, key);
    Object.defineProperty(target, key, { value, configurable: true, writable: true });
    restores.push(() => {
      if (saved) Object.defineProperty(target, key, saved);
      else delete (target as Record<string, unknown>)[key];
    });
  }
}

const TEXT_SIZE_KEY = 'egov-article-text-size';

function part(element: Element, name: string): HTMLElement {
  const found = shadow(element).querySelector<HTMLElement>(`[part~="${name}"]`);
  if (!found) throw new Error(`no part ${name} in <${element.localName}>`);
  return found;
}

async function click(element: HTMLElement & { updateComplete?: Promise<unknown> }, selector: string): Promise<void> {
  (await inShadow(element, selector)).click();
  await element.updateComplete;
}

// ---------------------------------------------------------------------------------------------
// <egov-agency-footer>

const footerJson = JSON.stringify({ siteName: 'Huyện Phú Lương tỉnh Thái Nguyên', agency: 'UBND huyện Phú Lương' });

const footerStates: State[] = [
  {
    name: 'loaded',
    async render(lang) {
      const element = await fixture(html`
        <egov-agency-footer
          lang=${lang}
          site-name="Huyện Phú Lương tỉnh Thái Nguyên"
          agency="Ủy ban nhân dân huyện Phú Lương"
          address="Thị trấn Đu, huyện Phú Lương, tỉnh Thái Nguyên"
          responsible="Chánh Văn phòng HĐND và UBND huyện"
          phone="0208 3874 321"
          fax="0208 3874 322"
          email="ubnd@phuluong.thainguyen.gov.vn"
          since="2015"
          developer="Phát triển bởi Trung tâm Công nghệ thông tin"
        ></egov-agency-footer>
      `);
      await inShadow(element, 'a[href^="mailto:"]');
      return element;
    },
  },
  {
    name: 'loading',
    async render(lang) {
      const element = await fixture(html`<egov-agency-footer lang=${lang} src=${faultUrl('slow', { ok: footerJson, delay: 5000 })}></egov-agency-footer>`);
      await inShadow(element, '[part="loading"]');
      return element;
    },
  },
  {
    name: 'error',
    async render(lang) {
      const element = await fixture(html`<egov-agency-footer lang=${lang} src=${faultUrl('500')}></egov-agency-footer>`);
      await inShadow(element, '[part="retry-button"]');
      return element;
    },
  },
];

// ---------------------------------------------------------------------------------------------
// <egov-article-view>

const inlineSnippet = await demoArticleMarkup();

async function inlineArticle(lang: Lang): Promise<HTMLElement & { updateComplete: Promise<unknown> }> {
  const wrapper = await fixture(`<div lang="${lang}">${inlineSnippet}</div>`);
  const element = wrapper.querySelector('egov-article-view')!;
  await inShadow(element, '[part="toolbar"]');
  await element.updateComplete;
  return element;
}

/** A remote article with what sanitized bodies carry: a link to a new tab, two tables, an image. */
const richArticle = JSON.stringify({
  heading: 'Huyện Phú Lương tổ chức hội nghị cán bộ',
  published: '2018-05-11T08:30:00+07:00',
  author: 'Quang Sơn',
  summary: 'Hội nghị tổng kết công tác cán bộ năm 2018.',
  body: [
    '<p>Theo <a href="https://phuluong.thainguyen.gov.vn/van-ban" target="_blank">kế hoạch của Huyện ủy</a>, hội nghị diễn ra trong một ngày.</p>',
    '<figure><img src="/demo/favicon.svg" alt="Toàn cảnh hội nghị" width="320" height="180"><figcaption>Toàn cảnh hội nghị</figcaption></figure>',
    '<table><caption>Trình độ chuyên môn</caption><tr><th scope="col">Trình độ</th><th scope="col">Số người</th></tr><tr><td>Thạc sỹ</td><td>18</td></tr></table>',
    '<table><caption>Lý luận chính trị</caption><tr><th scope="col">Trình độ</th><th scope="col">Số người</th></tr><tr><td>Cao cấp</td><td>41</td></tr></table>',
  ].join(''),
});

const articleStates: State[] = [
  { name: 'inline', render: inlineArticle },
  {
    name: 'remote, loaded',
    async render(lang) {
      const element = await fixture(html`<egov-article-view lang=${lang} src=${faultUrl('json', { ok: richArticle })}></egov-article-view>`);
      await inShadow(element, '[part="body"] table');
      return element;
    },
  },
  {
    name: 'loading',
    async render(lang) {
      const element = await fixture(html`<egov-article-view lang=${lang} src=${faultUrl('slow', { ok: richArticle, delay: 5000 })}></egov-article-view>`);
      await inShadow(element, '[part="loading"]');
      return element;
    },
  },
  {
    name: 'error',
    async render(lang) {
      const element = await fixture(html`<egov-article-view lang=${lang} src=${faultUrl('503')}></egov-article-view>`);
      await inShadow(element, '[part="retry-button"]');
      return element;
    },
  },
  {
    name: 'text size at its largest',
    async render(lang) {
      const element = await inlineArticle(lang);
      const larger = part(element, 'toolbar').querySelector<HTMLButtonElement>('[data-tool="larger"]')!;
      for (let press = 0; press < 8 && larger.getAttribute('aria-disabled') !== 'true'; press++) {
        larger.click();
        await element.updateComplete;
      }
      expect(larger.getAttribute('aria-disabled')).to.equal('true');
      await waitUntil(() => visibleText(part(element, 'status')).includes('175'), 'the size was not announced');
      return element;
    },
  },
  {
    name: 'share: link copied',
    async render(lang) {
      override(navigator, { share: undefined });
      override(navigator.clipboard, { writeText: async () => undefined });
      const element = await inlineArticle(lang);
      await click(element, '[data-tool="share"]');
      const copied = lang === 'vi' ? 'Đã sao chép liên kết' : 'Link copied';
      await waitUntil(() => visibleText(part(element, 'status')) === copied, 'no confirmation');
      return element;
    },
  },
  {
    name: 'share: copying refused, address shown',
    async render(lang) {
      override(navigator, { share: undefined });
      override(navigator.clipboard, { writeText: async () => Promise.reject(new DOMException('denied', 'NotAllowedError')) });
      const element = await inlineArticle(lang);
      await click(element, '[data-tool="share"]');
      await waitUntil(() => visibleText(part(element, 'status')).includes(location.href), 'no address');
      return element;
    },
  },
  {
    name: 'reading aloud',
    async render(lang) {
      // Headless Chromium has no voices: the synthesizer is replaced, the widget is real.
      override(speechSynthesis, { speak: () => undefined, cancel: () => undefined });
      const element = await inlineArticle(lang);
      await click(element, '[data-tool="read"]');
      expect(part(element, 'toolbar').querySelector('[data-tool="read"]')!.getAttribute('aria-pressed')).to.equal('true');
      return element;
    },
  },
];

// ---------------------------------------------------------------------------------------------
// <egov-poll>, through the faulty endpoint's proxy to the reference server (a poll of its own per
// test), and the reference server for a closed poll.

function pollApi(kind = 'json', on: 'load' | 'vote' = 'load', times = 0): string {
  return `/faults/poll/${kind}/${on}/${times}/${uniqueKey('a11y')}`;
}

async function poll(lang: Lang, endpoint: string, { pollId = 'own', showResults = 'always' } = {}) {
  const element = await fixture<HTMLElement & { updateComplete: Promise<unknown> }>(html`
    <egov-poll lang=${lang} endpoint=${endpoint} poll-id=${pollId} show-results=${showResults}></egov-poll>
  `);
  return element;
}

async function pollForm(lang: Lang, endpoint = pollApi(), options = {}) {
  const element = await poll(lang, endpoint, options);
  await inShadow(element, 'form');
  return element;
}

async function choose(element: HTMLElement & { updateComplete: Promise<unknown> }, ...ids: string[]): Promise<void> {
  for (const id of ids) await click(element, `input[value="${id}"]`);
}

async function vote(element: HTMLElement & { updateComplete: Promise<unknown> }, ...ids: string[]): Promise<void> {
  await choose(element, ...ids);
  await click(element, '[part="vote-button"]');
}

const pollStates: State[] = [
  {
    name: 'loading',
    async render(lang) {
      const element = await poll(lang, pollApi('slow', 'load', 1));
      await inShadow(element, '[part="loading"]');
      return element;
    },
  },
  {
    name: 'voting, nothing chosen yet',
    async render(lang) {
      const element = await pollForm(lang);
      expect(part(element, 'vote-button').hasAttribute('disabled')).to.equal(true);
      return element;
    },
  },
  {
    name: 'a choice made',
    async render(lang) {
      const element = await pollForm(lang);
      await choose(element, '3-ngay');
      expect(part(element, 'vote-button').hasAttribute('disabled')).to.equal(false);
      return element;
    },
  },
  {
    name: 'several choices made (checkboxes)',
    async render(lang) {
      const element = await pollForm(lang, pollApi(), { pollId: 'own-multiple' });
      await choose(element, '2-ngay', '5-ngay');
      expect(shadow(element).querySelectorAll('input[type="checkbox"]:checked')).to.have.length(2);
      return element;
    },
  },
  {
    name: 'submitting',
    async render(lang) {
      const element = await pollForm(lang, pollApi('slow', 'vote', 1));
      await vote(element, '3-ngay');
      expect(shadow(element).querySelector('form')!.getAttribute('aria-busy')).to.equal('true');
      return element;
    },
  },
  {
    name: 'results with the reader’s own choice',
    async render(lang) {
      const element = await pollForm(lang);
      await vote(element, '2-ngay');
      await inShadow(element, '.result.mine');
      return element;
    },
  },
  {
    name: 'results before voting',
    async render(lang) {
      const element = await pollForm(lang);
      await click(element, '[part="results-button"]');
      await inShadow(element, '[part="back-button"]');
      return element;
    },
  },
  {
    name: 'closed',
    async render(lang) {
      const element = await poll(lang, '/api', { pollId: 'da-ket-thuc' });
      await inShadow(element, '[part="results"] [part="notice"]');
      return element;
    },
  },
  {
    name: 'error after a failed vote, choice kept',
    async render(lang) {
      const element = await pollForm(lang, pollApi('429-long', 'vote', 1));
      await vote(element, '5-ngay');
      await inShadow(element, '[part="error"]');
      expect(shadow(element).querySelector<HTMLInputElement>('input[value="5-ngay"]')!.checked).to.equal(true);
      return element;
    },
  },
  {
    name: 'results hidden until a vote (show-results="after-vote")',
    async render(lang) {
      const element = await pollForm(lang, pollApi(), { showResults: 'after-vote' });
      expect(shadow(element).querySelector('[part="results-button"]')).to.equal(null);
      return element;
    },
  },
  {
    name: 'voted, results hidden until the poll closes (show-results="after-close")',
    async render(lang) {
      const element = await pollForm(lang, pollApi(), { showResults: 'after-close' });
      await vote(element, '3-ngay');
      await inShadow(element, '[part="results"] [part="notice"]');
      expect(shadow(element).querySelector('[part="bar"]')).to.equal(null);
      return element;
    },
  },
  {
    name: 'not configured (no poll-id)',
    async render(lang) {
      const element = await fixture(html`<egov-poll lang=${lang}></egov-poll>`);
      await inShadow(element, '[part="error"]');
      return element;
    },
  },
];

// ---------------------------------------------------------------------------------------------
// <egov-web-links>

type WebLinks = HTMLElement & { updateComplete: Promise<unknown> };

function sampleLinks(lang: Lang): Promise<WebLinks> {
  return fixture<WebLinks>(html`
    <egov-web-links lang=${lang}>
      <a href="https://chinhphu.vn" data-group="Trung ương">Cổng Thông tin điện tử Chính phủ</a>
      <a href="https://dichvucong.gov.vn" data-group="Trung ương">Cổng Dịch vụ công quốc gia</a>
      <a href="https://thainguyen.gov.vn" data-group="Tỉnh Thái Nguyên">Cổng Thông tin điện tử tỉnh Thái Nguyên</a>
      <a href="https://snv.thainguyen.gov.vn" data-group="Tỉnh Thái Nguyên">Sở Nội vụ tỉnh Thái Nguyên</a>
      <a href="https://danang.gov.vn" data-group="Tỉnh, thành phố khác">Cổng Thông tin điện tử thành phố Đà Nẵng</a>
      <a href="https://dinhhoa.thainguyen.gov.vn">Huyện Định Hóa</a>
    </egov-web-links>
  `);
}

async function typeInto(element: WebLinks, text: string): Promise<void> {
  shadow(element).querySelector('input')!.focus();
  await sendKeys({ type: text });
  await element.updateComplete;
}

const linksJson = JSON.stringify([{ label: 'Cổng Thông tin điện tử Chính phủ', href: 'https://chinhphu.vn' }]);

const webLinksStates: State[] = [
  { name: 'closed', render: sampleLinks },
  {
    name: 'open, an option active',
    async render(lang) {
      const element = await sampleLinks(lang);
      shadow(element).querySelector('input')!.focus();
      await sendKeys({ press: 'ArrowDown' });
      await element.updateComplete;
      await inShadow(element, '[role="option"][aria-selected="true"]');
      return element;
    },
  },
  {
    name: 'filtered, matches highlighted',
    async render(lang) {
      const element = await sampleLinks(lang);
      await typeInto(element, 'thai nguyen');
      await inShadow(element, 'mark');
      return element;
    },
  },
  {
    name: 'no results',
    async render(lang) {
      const element = await sampleLinks(lang);
      await typeInto(element, 'khong co');
      await inShadow(element, '[part="empty"]');
      return element;
    },
  },
  {
    name: '"and N more" under 150 links',
    async render(lang) {
      const element = document.createElement('egov-web-links');
      element.lang = lang;
      for (let index = 1; index <= 150; index++) {
        const anchor = document.createElement('a');
        anchor.href = `https://xa${index}.example.gov.vn/`;
        anchor.textContent = `Xã số ${index}`;
        element.append(anchor);
      }
      const shown = await fixture<WebLinks>(html`${element}`);
      shadow(shown).querySelector('input')!.focus();
      await sendKeys({ press: 'ArrowDown' });
      await shown.updateComplete;
      await inShadow(shown, '[part="more"]');
      return shown;
    },
  },
  {
    name: 'loading',
    async render(lang) {
      const element = await fixture(html`<egov-web-links lang=${lang} src=${faultUrl('slow', { ok: linksJson, delay: 5000 })}></egov-web-links>`);
      await inShadow(element, '[part="loading"]');
      return element;
    },
  },
  {
    name: 'error',
    async render(lang) {
      const element = await fixture(html`<egov-web-links lang=${lang} src=${faultUrl('html')}></egov-web-links>`);
      await inShadow(element, '[part="retry-button"]');
      return element;
    },
  },
];

// ---------------------------------------------------------------------------------------------
// <egov-video>

const videosJson = JSON.stringify([
  { title: 'Hội nghị tổng kết công tác cán bộ', youtube: 'aqz-KE-bpKQ', poster: '/demo/images/video-poster.svg', published: '2018-05-11', duration: 634 },
  { title: 'Phú Lương đón nhận huân chương', src: '/tests/fixtures/khong-co.mp4', captions: '/tests/fixtures/captions-vi.vtt', duration: '14:48' },
]);

const videoStates: State[] = [
  {
    name: 'YouTube facade with a poster',
    async render(lang) {
      const element = await fixture(html`<egov-video lang=${lang} youtube="aqz-KE-bpKQ" poster="/demo/images/video-poster.svg" heading="Hội nghị tổng kết"></egov-video>`);
      await inShadow(element, '[part="play-button"]');
      return element;
    },
  },
  {
    name: 'YouTube player after play',
    async render(lang) {
      const element = await fixture<HTMLElement>(html`<egov-video lang=${lang} youtube="aqz-KE-bpKQ" heading="Hội nghị tổng kết"></egov-video>`);
      await click(element, '[part="play-button"]');
      await inShadow(element, 'iframe');
      return element;
    },
  },
  {
    name: 'YouTube facade without poster or title',
    async render(lang) {
      const element = await fixture(html`<egov-video lang=${lang} youtube="aqz-KE-bpKQ"></egov-video>`);
      await inShadow(element, '[part="play-button"]');
      return element;
    },
  },
  {
    name: 'file with captions',
    async render(lang) {
      const element = await fixture(html`<egov-video lang=${lang} src="/tests/fixtures/khong-co.mp4" captions="/tests/fixtures/captions-vi.vtt" heading="Hội nghị"></egov-video>`);
      await inShadow(element, 'video track');
      return element;
    },
  },
  {
    name: 'file that failed',
    async render(lang) {
      const element = await fixture(html`<egov-video lang=${lang} src="/demo/favicon.svg" heading="Hội nghị"></egov-video>`);
      await shadow(element).querySelector('video')!.play().catch(() => undefined);
      await inShadow(element, '[part="video-link"]');
      return element;
    },
  },
  {
    name: 'wrong YouTube id',
    async render(lang) {
      const element = await fixture(html`<egov-video lang=${lang} youtube="khong-dung"></egov-video>`);
      await inShadow(element, '[part="video-link"]');
      return element;
    },
  },
  {
    name: 'playlist, second video chosen',
    async render(lang) {
      const element = await fixture<HTMLElement>(html`<egov-video lang=${lang} playlist=${faultUrl('json', { ok: videosJson })}></egov-video>`);
      await click(element, '[part~="item"]:not([aria-current="true"])');
      await inShadow(element, 'video');
      return element;
    },
  },
  {
    name: 'playlist loading',
    async render(lang) {
      const element = await fixture(html`<egov-video lang=${lang} playlist=${faultUrl('slow', { ok: videosJson, delay: 5000 })}></egov-video>`);
      await inShadow(element, '[part="loading"]');
      return element;
    },
  },
  {
    name: 'playlist error',
    async render(lang) {
      const element = await fixture(html`<egov-video lang=${lang} playlist=${faultUrl('502')}></egov-video>`);
      await inShadow(element, '[part="retry-button"]');
      return element;
    },
  },
];

// ---------------------------------------------------------------------------------------------
// <egov-banners>

const bannersJson = JSON.stringify([
  { href: 'https://dichvucong.gov.vn', image: '/demo/images/banner-dich-vu-cong.svg', alt: 'Cổng Dịch vụ công quốc gia', width: 300, height: 100 },
  { href: 'https://chinhphu.vn', image: '/demo/images/banner-chinh-phu.svg', alt: 'Cổng Thông tin điện tử Chính phủ' },
]);

const bannerStates: State[] = [
  {
    name: 'stack',
    async render(lang) {
      const element = await fixture(html`<egov-banners lang=${lang} src=${faultUrl('json', { ok: bannersJson })}></egov-banners>`);
      await inShadow(element, '[part="list"]');
      return element;
    },
  },
  {
    name: 'rotating',
    async render(lang) {
      const element = await fixture(html`<egov-banners lang=${lang} layout="rotate" src=${faultUrl('json', { ok: bannersJson })}></egov-banners>`);
      await inShadow(element, '[part="pause-button"]');
      return element;
    },
  },
  {
    name: 'paused on the second banner',
    async render(lang) {
      const element = await fixture<HTMLElement>(html`<egov-banners lang=${lang} layout="rotate" src=${faultUrl('json', { ok: bannersJson })}></egov-banners>`);
      await click(element, '[part="pause-button"]');
      await click(element, '[part="next-button"]');
      return element;
    },
  },
  {
    name: 'loading',
    async render(lang) {
      const element = await fixture(html`<egov-banners lang=${lang} src=${faultUrl('slow', { ok: bannersJson, delay: 5000 })}></egov-banners>`);
      await inShadow(element, '[part="loading"]');
      return element;
    },
  },
  {
    name: 'error',
    async render(lang) {
      const element = await fixture(html`<egov-banners lang=${lang} src=${faultUrl('truncated')}></egov-banners>`);
      await inShadow(element, '[part="retry-button"]');
      return element;
    },
  },
];

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
    restores.reverse().forEach((restore) => restore());
    restores = [];
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
