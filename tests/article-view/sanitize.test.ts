import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import type { EgovArticleView } from '../../src/article-view/article-view.js';
import { isSafeUrl } from '../../src/article-view/sanitize.js';
import { faultUrl, inShadow } from '../support/helpers.js';
import { xssPayloads } from './xss-payloads.js';

declare global {
  interface Window {
    __xss?: unknown;
    __probeUpgraded?: number;
  }
}

/** Elements that must never come out of the sanitizer. */
const FORBIDDEN_ELEMENTS = [
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'form', 'input', 'button', 'textarea',
  'select', 'style', 'link', 'base', 'meta', 'template', 'noscript', 'slot', 'svg', 'math', 'isindex',
];

const URL_ATTRIBUTES = [
  'href', 'src', 'srcset', 'action', 'formaction', 'xlink:href', 'poster', 'cite', 'background', 'longdesc',
  'usemap', 'ping', 'data', 'codebase', 'lowsrc', 'dynsrc',
];

/** The scheme of a URL as a browser reads it (white space and control characters ignored). */
function scheme(url: string): string | undefined {
  // eslint-disable-next-line no-control-regex -- browsers skip these characters, so must the check
  return /^([a-z][a-z0-9+.-]*):/i.exec(url.replace(/[\u0000-\u0020]/g, ''))?.[1]?.toLowerCase();
}

/**
 * The test's own oracle, written from the contract (relative, http, https, mailto, tel) and not
 * from the code; the kit's `isSafeUrl` is tested against fixed literals below.
 */
function allowedByContract(name: string, value: string): boolean {
  const urls = name === 'srcset' ? value.split(',').map((candidate) => candidate.trim().split(/\s+/)[0] ?? '') : [value];
  return urls.every((url) => [undefined, 'http', 'https', 'mailto', 'tel'].includes(scheme(url)));
}

/** Everything in a rendered body that should not be there, described for the failure message. */
function dangers(body: Element): string[] {
  const found: string[] = [];
  for (const element of body.querySelectorAll('*')) {
    const tag = element.localName;
    if (FORBIDDEN_ELEMENTS.includes(tag)) found.push(`<${tag}>`);
    if (element.namespaceURI !== 'http://www.w3.org/1999/xhtml') found.push(`${tag} in ${element.namespaceURI}`);
    for (const { name, value } of element.attributes) {
      if (name.startsWith('on')) found.push(`${tag}[${name}]`);
      if (['style', 'id', 'name', 'srcdoc', 'autofocus'].includes(name)) found.push(`${tag}[${name}]`);
      if (URL_ATTRIBUTES.includes(name) && !allowedByContract(name, value)) found.push(`${tag}[${name}="${value}"]`);
      if (['javascript', 'vbscript', 'data'].includes(scheme(value) ?? '')) found.push(`${tag}[${name}="${value}"]`);
    }
    if (tag === 'a' && element.hasAttribute('href') && element.getAttribute('rel') !== 'noopener noreferrer') {
      found.push('a link without rel="noopener noreferrer"');
    }
    if (element.hasAttribute('target') && element.getAttribute('target') !== '_blank') found.push(`${tag}[target]`);
  }
  return found;
}

/**
 * Gives whatever a payload could trigger time to happen: every image and media element has
 * loaded or failed (their error handlers are the usual way in), then a little more.
 */
async function settle(root: ParentNode): Promise<void> {
  const media = [...root.querySelectorAll<HTMLImageElement | HTMLMediaElement>('img, video, audio, source')];
  await Promise.all(
    media.map(
      (node) =>
        new Promise((resolve) => {
          if (node instanceof HTMLImageElement && node.complete) resolve(null);
          node.addEventListener('load', resolve);
          node.addEventListener('error', resolve);
          setTimeout(resolve, 1000);
        }),
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
}

async function renderBody(body: string): Promise<Element> {
  const article = { heading: 'Tin', published: '2018-05-11', author: 'Quang Sơn', body };
  const element = await fixture<EgovArticleView>(html`<egov-article-view src=${faultUrl('json', { ok: JSON.stringify(article) })}></egov-article-view>`);
  const rendered = await inShadow(element, '[part="body"]');
  await settle(rendered);
  return rendered;
}

/** A customized built-in element of the page, which a body must not be able to create. */
if (!customElements.get('egov-probe-p')) {
  customElements.define(
    'egov-probe-p',
    class extends HTMLParagraphElement {
      constructor() {
        super();
        window.__probeUpgraded = (window.__probeUpgraded ?? 0) + 1;
      }
    },
    { extends: 'p' },
  );
}

describe('<egov-article-view> with hostile HTML', () => {
  const baseURI = document.baseURI;
  const headChildren = document.head.children.length;

  beforeEach(() => {
    delete window.__xss;
  });

  afterEach(() => {
    expect(document.baseURI).to.equal(baseURI);
    expect(document.head.querySelectorAll('base, meta[http-equiv]')).to.have.length(0);
    expect(document.head.children.length).to.equal(headChildren);
  });

  it('has a canary that catches a payload when nothing sanitizes it', async () => {
    const unsafe = await fixture(html`<div></div>`);
    // The one place a payload is inserted raw: proof that `settle` waits long enough to see it run.
    unsafe.innerHTML = '<img src="/no-such-image.png" onerror="window.__xss = 1">';
    await settle(unsafe);
    expect(window.__xss).to.equal(1);
    expect(dangers(unsafe)).to.deep.equal(['img[onerror]']);
  });

  it('has a payload for every forbidden element and every URL attribute it checks', () => {
    const corpus = xssPayloads.map(([, payload]) => payload.toLowerCase()).join('\n');
    const missingElements = FORBIDDEN_ELEMENTS.filter((tag) => !corpus.includes(`<${tag}`));
    const missingAttributes = URL_ATTRIBUTES.filter((name) => !new RegExp(`[\\s/]${name}\\s*=`).test(corpus));
    expect({ missingElements, missingAttributes }).to.deep.equal({ missingElements: [], missingAttributes: [] });
  });

  const tally = { tried: 0, ran: 0, survived: 0 };
  after(() => {
    console.log(`figure: xss: ${tally.tried} of ${xssPayloads.length} XSS payloads served as article bodies: ${tally.ran} ran, ${tally.survived} survived`);
  });

  for (const [name, payload] of xssPayloads) {
    it(`neither runs nor keeps: ${name}`, async () => {
      const body = await renderBody(payload);
      tally.tried++;
      if (window.__xss !== undefined) tally.ran++;
      if (dangers(body).length > 0) tally.survived++;
      expect(window.__xss, 'the payload ran').to.equal(undefined);
      expect(dangers(body)).to.deep.equal([]);
    });
  }

  it('neither runs nor keeps any of them together', async () => {
    const body = await renderBody(xssPayloads.map(([, payload]) => `<div>${payload}</div>`).join('\n'));
    expect(window.__xss, 'a payload ran').to.equal(undefined);
    expect(dangers(body)).to.deep.equal([]);
  });

  it('keeps the harmless content around the payloads', async () => {
    const body = await renderBody(
      '<p>Trước <img src=x onerror="window.__xss = 1" alt="Ảnh"> <a href="javascript:alert(1)">sau</a></p>' +
        '<figure><img src="/a.png" alt="Hội nghị"><figcaption>Hội nghị cán bộ</figcaption></figure>',
    );
    expect(body.querySelector('p')!.textContent).to.equal('Trước  sau');
    expect(body.querySelector('img')!.alt).to.equal('Ảnh');
    expect(body.querySelector('a')!.hasAttribute('href')).to.equal(false);
    expect(body.querySelector('figcaption')!.textContent).to.equal('Hội nghị cán bộ');
  });

  it('keeps no attribute that lets the CMS speak or act as the page, whichever sanitizer runs', async () => {
    const body = await renderBody(
      '<p role="alert" aria-live="assertive">Thông báo</p><div role="dialog" aria-modal="true" popover hidden="until-found" inert>Hộp</div>' +
        '<p is="egov-probe-p" part="tool" slot="x" contenteditable="true" draggable="true" exportparts="a">Sửa</p>' +
        '<a href="/ho-so.pdf" download="ho-so.pdf" popovertarget="x">Hồ sơ</a><span aria-hidden="true">Ẩn</span>',
    );
    const kept = [...body.querySelectorAll('*')].flatMap((element) =>
      [...element.attributes].map((attribute) => attribute.name).filter((name) => !['href', 'rel'].includes(name)).map((name) => `${element.localName}[${name}]`),
    );
    expect(kept).to.deep.equal([]);
    expect(body.textContent).to.equal('Thông báoHộpSửaHồ sơẨn');
    // Not one of the page's customized elements either: `is` is read when the element is parsed (review).
    expect(body.innerHTML).not.to.include(' is=');
    expect(window.__probeUpgraded, 'the page\'s customized element ran').to.equal(undefined);
  });

  it('keeps mailto:, tel:, http(s) and relative links in a remote body', async () => {
    const body = await renderBody(
      '<p>Liên hệ: <a href="mailto:bbt.phuluong@thainguyen.gov.vn">thư điện tử</a>, ' +
        '<a href="tel:02083874436">điện thoại</a>, <a href="https://chinhphu.vn">Chính phủ</a>, ' +
        '<a href="/tin-tuc/123">bài trước</a>, <a href="MAILTO:VanThu@example.gov.vn">văn thư</a></p>',
    );
    const links = [...body.querySelectorAll('a')].map((link) => [link.textContent, link.getAttribute('href'), link.getAttribute('rel')]);
    expect(links).to.deep.equal([
      ['thư điện tử', 'mailto:bbt.phuluong@thainguyen.gov.vn', 'noopener noreferrer'],
      ['điện thoại', 'tel:02083874436', 'noopener noreferrer'],
      ['Chính phủ', 'https://chinhphu.vn', 'noopener noreferrer'],
      ['bài trước', '/tin-tuc/123', 'noopener noreferrer'],
      ['văn thư', 'MAILTO:VanThu@example.gov.vn', 'noopener noreferrer'],
    ]);
  });
});

describe('isSafeUrl', () => {
  const cases: [url: string, safe: boolean][] = [
    ['https://chinhphu.vn/', true],
    ['http://thainguyen.gov.vn', true],
    ['mailto:bbt.phuluong@thainguyen.gov.vn', true],
    ['tel:02083874436', true],
    ['TEL:+84-208-387-4436', true],
    ['/tin-tuc/123', true],
    ['anh.png', true],
    ['#muc-2', true],
    ['?trang=2', true],
    ['javascript:alert(1)', false],
    ['JaVaScRiPt:alert(1)', false],
    [' \tjava\nscript:alert(1)', false],
    ['\u0001javascript:alert(1)', false],
    ['vbscript:msgbox(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['blob:https://chinhphu.vn/1', false],
    ['file:///etc/passwd', false],
    ['ftp://example.gov.vn/a', false],
    ['sms:0912345678', false],
  ];
  for (const [url, safe] of cases) {
    it(`${safe ? 'allows' : 'refuses'} ${JSON.stringify(url)}`, () => {
      expect(isSafeUrl(url)).to.equal(safe);
    });
  }
});
