import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { EgovErrorDetail } from '../../src/shared/egov-element.js';
import { faultUrl, inShadow, shadow, uniqueKey, visibleText } from '../support/helpers.js';

// Remote data faults for every widget that loads data, from a REAL misbehaving endpoint
// (tests/support/faulty-endpoint.mjs): each fault is injected once, the widget must explain it
// in the reader's language, fire `egov-error` with the fault's code, offer a retry button, and
// load once the endpoint has recovered. One test per widget × fault. The 10 s stall is proven
// once per widget in its own suite ("gives up after 10 seconds…"), not repeated here.

type Lang = 'vi' | 'en';
type Code = 'network' | 'http' | 'parse' | 'shape' | 'too-large';

interface Fault {
  /** A kind of tests/support/faulty-endpoint.mjs, or `refused` (a port nothing listens on). */
  kind: string;
  what: string;
  code: Code;
}

const FAULTS: Fault[] = [
  { kind: 'refused', what: 'a refused connection', code: 'network' },
  { kind: 'reset', what: 'a connection reset mid-body', code: 'network' },
  { kind: '500', what: 'HTTP 500', code: 'http' },
  { kind: '502', what: 'HTTP 502', code: 'http' },
  { kind: '503', what: 'HTTP 503', code: 'http' },
  { kind: '204', what: 'an empty 204', code: 'shape' },
  { kind: 'html', what: 'an HTML page instead of JSON', code: 'parse' },
  { kind: 'truncated', what: 'truncated JSON', code: 'parse' },
  { kind: 'shape', what: 'JSON of the wrong shape', code: 'shape' },
  { kind: 'big', what: 'a 3 MB response', code: 'too-large' },
];

/** What the reader must read, written out here (not imported) so a wrong translation fails. */
const MESSAGES: Record<Lang, (fault: Fault) => string> = {
  vi: ({ kind, code }) =>
    ({
      network: 'Không kết nối được tới máy chủ. Vui lòng kiểm tra mạng và thử lại.',
      http: `Máy chủ báo lỗi (mã ${kind}). Vui lòng thử lại sau.`,
      parse: 'Dữ liệu nhận được bị lỗi, không đọc được.',
      shape: 'Dữ liệu nhận được không đúng định dạng.',
      'too-large': 'Dữ liệu nhận được quá lớn.',
    })[code],
  en: ({ kind, code }) =>
    ({
      network: 'Could not reach the server. Please check your connection and try again.',
      http: `The server reported an error (code ${kind}). Please try again later.`,
      parse: 'The data received is damaged and cannot be read.',
      shape: 'The data received is not in the expected format.',
      'too-large': 'The data received is too large.',
    })[code],
};

const RETRY: Record<Lang, string> = { vi: 'Thử lại', en: 'Try again' };

interface Widget {
  tag: string;
  /** The address the widget loads: `kind` fails once for `key`, then the endpoint answers. `base` is '' or another origin. */
  url(base: string, kind: string, key: string): string;
  create(url: string, lang: Lang, errors: EgovErrorDetail[]): Promise<HTMLElement>;
  /** Resolves once the widget shows the data the recovered endpoint sent. */
  loaded(element: HTMLElement): Promise<void>;
}

/** `/faults/<kind>?key&times=1&ok`: `kind` once, then `ok`. */
function onceThen(ok: unknown) {
  return (base: string, kind: string, key: string) => base + faultUrl(kind, { key, times: 1, ok: JSON.stringify(ok) });
}

const errorListener = (errors: EgovErrorDetail[]) => (event: CustomEvent<EgovErrorDetail>) => errors.push(event.detail);

const footer = { siteName: 'Huyện Phú Lương tỉnh Thái Nguyên', agency: 'UBND huyện Phú Lương', phone: '0208 3874 321' };
const links = [{ label: 'Cổng Thông tin điện tử Chính phủ', href: 'https://chinhphu.vn', group: 'Trung ương' }];
const article = {
  heading: 'Huyện Phú Lương tổ chức hội nghị',
  published: '2018-05-11',
  author: 'Quang Sơn',
  body: '<p>Nội dung bài viết.</p>',
};

const WIDGETS: Widget[] = [
  {
    tag: 'egov-agency-footer',
    url: onceThen(footer),
    create: (url, lang, errors) =>
      fixture(html`<egov-agency-footer lang=${lang} src=${url} @egov-error=${errorListener(errors)}></egov-agency-footer>`),
    async loaded(element) {
      const copyright = await inShadow(element, '[part="copyright"]');
      expect(visibleText(copyright)).to.include('UBND huyện Phú Lương');
      expect(visibleText(shadow(element).querySelector('[part="site-name"]'))).to.equal(footer.siteName);
    },
  },
  {
    tag: 'egov-web-links',
    url: onceThen(links),
    create: (url, lang, errors) =>
      fixture(html`<egov-web-links lang=${lang} src=${url} @egov-error=${errorListener(errors)}></egov-web-links>`),
    async loaded(element) {
      await inShadow(element, 'input[role="combobox"]');
      shadow(element).querySelector<HTMLButtonElement>('[part="toggle"]')!.click();
      const option = await inShadow(element, '[role="option"] .option-label');
      expect(visibleText(option)).to.equal('Cổng Thông tin điện tử Chính phủ');
    },
  },
  {
    tag: 'egov-article-view',
    url: onceThen(article),
    create: (url, lang, errors) =>
      fixture(html`<egov-article-view lang=${lang} src=${url} @egov-error=${errorListener(errors)}></egov-article-view>`),
    async loaded(element) {
      const heading = await inShadow(element, '[part="heading"]');
      expect(visibleText(heading)).to.equal(article.heading);
      expect(visibleText(shadow(element).querySelector('[part="body"]'))).to.equal('Nội dung bài viết.');
    },
  },
  {
    tag: 'egov-poll',
    // The in-memory Poll API of the faulty endpoint: `kind` on the first load, then the poll.
    url: (base, kind, key) => `${base}/faults/poll/${kind}/load/${kind === 'json' ? 0 : 1}/${key}`,
    create: (url, lang, errors) =>
      fixture(html`<egov-poll lang=${lang} endpoint=${url} poll-id="p" @egov-error=${errorListener(errors)}></egov-poll>`),
    async loaded(element) {
      const legend = await inShadow(element, 'form legend');
      expect(visibleText(legend)).to.equal('Bạn mong muốn được nghỉ lễ bao nhiêu ngày?');
      expect(shadow(element).querySelectorAll('input[type="radio"]')).to.have.length(3);
    },
  },
];

/** A refused connection that can recover: a loopback port nothing listens on, until `open()`. */
async function refusedOrigin(key: string): Promise<{ origin: string; open(): Promise<void> }> {
  const { url } = await (await fetch(`/faults/refused/${key}`)).json();
  return {
    origin: url,
    async open() {
      const answer = await (await fetch(`/faults/refused/${key}/open`)).json();
      expect(answer.listening).to.equal(true);
    },
  };
}

/** Each kind is checked in English for one widget (rotating), in Vietnamese for the others. */
function languageOf(widgetIndex: number, faultIndex: number): Lang {
  return faultIndex % WIDGETS.length === widgetIndex ? 'en' : 'vi';
}

const tally = { injected: 0, explained: 0, recovered: 0, english: 0 };

describe('remote data faults', () => {
  after(() => {
    console.log(
      `faults: ${WIDGETS.length} widgets × ${FAULTS.length} kinds = ${tally.injected} injected, ` +
        `${tally.explained} explained, ${tally.recovered} recovered (${tally.english} checked in English)`,
    );
  });

  WIDGETS.forEach((widget, widgetIndex) => {
    describe(`<${widget.tag}>`, () => {
      FAULTS.forEach((fault, faultIndex) => {
        const lang = languageOf(widgetIndex, faultIndex);
        it(`explains ${fault.what} (${fault.code}, ${lang}) and loads on retry once the endpoint recovers`, async () => {
          const key = uniqueKey(`${widget.tag}-${fault.kind}`);
          const refused = fault.kind === 'refused' ? await refusedOrigin(key) : undefined;
          const url = refused ? widget.url(refused.origin, 'json', key) : widget.url('', fault.kind, key);
          const errors: EgovErrorDetail[] = [];
          tally.injected++;
          const element = await widget.create(url, lang, errors);

          const error = await inShadow(element, '[part="error"]');
          expect(error.getAttribute('role')).to.equal('alert');
          expect(visibleText(error.querySelector('p'))).to.equal(MESSAGES[lang](fault));
          expect(errors.map((detail) => detail.code)).to.deep.equal([fault.code]);
          expect(errors[0]!.message).to.be.a('string').and.not.equal('');
          const retry = error.querySelector<HTMLButtonElement>('button[part="retry-button"]');
          expect(retry, 'retry button').to.not.equal(null);
          expect(visibleText(retry)).to.equal(RETRY[lang]);
          tally.explained++;
          if (lang === 'en') tally.english++;

          await refused?.open();
          retry!.click();
          await widget.loaded(element);
          expect(shadow(element).querySelector('[part="error"]')).to.equal(null);
          expect(errors, 'no new egov-error after the retry').to.have.length(1);
          tally.recovered++;
        });
      });
    });
  });
});
