// A host page with all six widgets on it, driven the way a reader drives them (real mouse clicks
// and key presses, so page CSS that hides or covers something is felt), plus the checks that no
// hostile value reached the DOM. Shared by the hostile-page tests of tests/hardening/.
import { oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';

export const BUNDLE = '/dist/egov-widgets.js';
export const ARTICLE_SRC = '/api/articles/phu-luong-can-bo';
export const ARTICLE_HEADING = 'Huyện Phú Lương chú trọng xây dựng, nâng cao chất lượng đội ngũ cán bộ từ huyện đến cơ sở';
export const LINKS_SRC = '/demo/data/web-links.json';
export const FOOTER_SRC = '/tests/hardening/footer.json';
export const VIDEOS_SRC = '/tests/hardening/videos.json';
export const BANNERS_SRC = '/tests/hardening/banners.json';
/** The one address the kit may ever embed, and only after the reader pressed play. */
export const YOUTUBE_EMBED = 'https://www.youtube-nocookie.com/embed/';
import { TAGS, type Tag } from '../../src/tags.js';

export { TAGS, type Tag };

/** What a payload sets if it ever runs. */
export const CANARY = '__egovPwned';

/** Loads a classic script the way a webmaster does, resolving once it ran. */
export function loadScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`${src} failed to load`));
    document.head.append(script);
  });
}

export interface Kit {
  container: HTMLElement;
  article: HTMLElement;
  poll: HTMLElement;
  links: HTMLElement;
  footer: HTMLElement;
  video: HTMLElement;
  banners: HTMLElement;
}

/**
 * Puts the six widgets in the page, each loading remote data: the sample article from the
 * reference server, the holiday poll `pollId`, the demo web links, a footer, a video playlist and
 * rotating banners from JSON files.
 * Forgets the reader's voter token, remembered votes and text size, so each call starts afresh.
 */
export function mountKit(pollId: string, parent: HTMLElement = document.body): Kit {
  for (const key of Object.keys(localStorage)) {
    if (key.startsWith('egov-')) localStorage.removeItem(key);
  }
  // An element no page rule names, so a rule such as `div { display: none }` hides only the page's own boxes.
  const container = document.createElement('kit-area');
  container.style.display = 'block';
  container.innerHTML = `
    <egov-article-view src="${ARTICLE_SRC}"><p slot="fallback">Bài viết (fallback)</p></egov-article-view>
    <egov-poll endpoint="/api" poll-id="${pollId}"><p slot="fallback">Bình chọn (fallback)</p></egov-poll>
    <egov-web-links src="${LINKS_SRC}"><a href="https://chinhphu.vn">Chính phủ (fallback)</a></egov-web-links>
    <egov-agency-footer src="${FOOTER_SRC}"><p slot="fallback">Chân trang (fallback)</p></egov-agency-footer>
    <egov-video playlist="${VIDEOS_SRC}"><a href="https://www.youtube.com/watch?v=aqz-KE-bpKQ">Video (fallback)</a></egov-video>
    <egov-banners src="${BANNERS_SRC}" layout="rotate" interval="60"><a href="https://dichvucong.gov.vn">Quảng cáo (fallback)</a></egov-banners>
  `;
  parent.append(container);
  const get = (tag: Tag) => container.querySelector<HTMLElement>(tag)!;
  return {
    container,
    article: get('egov-article-view'),
    poll: get('egov-poll'),
    links: get('egov-web-links'),
    footer: get('egov-agency-footer'),
    video: get('egov-video'),
    banners: get('egov-banners'),
  };
}

export function part(host: Element, selector: string): HTMLElement | null {
  return host.shadowRoot?.querySelector<HTMLElement>(selector) ?? null;
}

async function partShown(host: Element, selector: string): Promise<HTMLElement> {
  await waitUntil(() => part(host, selector), `<${host.localName}>: ${selector} never appeared`, { timeout: 15_000 });
  const element = part(host, selector)!;
  if (!isShown(element)) throw new Error(`<${host.localName}>: ${selector} is not visible`);
  return element;
}

/** On screen: a box with an area, not hidden by `display`, `visibility` or `opacity`. */
export function isShown(element: Element): boolean {
  const box = element.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && element.checkVisibility({ opacityProperty: true, visibilityProperty: true });
}

/** A real mouse click in the middle of `element`: it lands only if nothing covers the element. */
export async function realClick(element: Element): Promise<void> {
  element.scrollIntoView({ block: 'center', inline: 'center' });
  const box = element.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

/** `text` typed into the focused element, key by key. */
async function type(text: string): Promise<void> {
  await sendKeys({ type: text });
}

/**
 * Uses each widget as a reader would and returns what did not work, one sentence per widget
 * (an empty list when all six work).
 */
export async function exerciseKit(kit: Kit): Promise<{ tag: Tag; failure: string }[]> {
  const checks: [Tag, () => Promise<void>][] = [
    ['egov-article-view', () => readArticle(kit.article)],
    ['egov-poll', () => vote(kit.poll)],
    ['egov-web-links', () => openLink(kit.links)],
    ['egov-agency-footer', () => readFooter(kit.footer)],
    ['egov-video', () => playVideo(kit.video)],
    ['egov-banners', () => turnBanners(kit.banners)],
  ];
  const failures: { tag: Tag; failure: string }[] = [];
  for (const [tag, check] of checks) {
    try {
      await check();
    } catch (error) {
      failures.push({ tag, failure: error instanceof Error ? error.message : String(error) });
    }
  }
  return failures;
}

/** The remote article shows its heading, and "A+" really enlarges the text. */
export async function readArticle(article: HTMLElement): Promise<void> {
  const heading = await partShown(article, '[part="heading"]');
  if (heading.textContent?.trim() !== ARTICLE_HEADING) throw new Error(`<egov-article-view>: heading "${heading.textContent}"`);
  // The body: sanitized paragraphs in the shadow root (remote), or the element's own, slotted (inline).
  await partShown(article, '[part="body"]');
  const paragraph = part(article, '[part="body"] p') ?? article.querySelector(':scope > p');
  if (!paragraph || !isShown(paragraph)) throw new Error('<egov-article-view>: no body paragraph on screen');
  const content = part(article, '[part="content"]')!;
  const before = parseFloat(getComputedStyle(content).fontSize);
  await realClick(await partShown(article, '[data-tool="larger"]'));
  await waitUntil(() => parseFloat(getComputedStyle(content).fontSize) > before, '<egov-article-view>: "A+" did not enlarge the text', {
    timeout: 5_000,
  });
}

/** Picks the second option with the mouse, votes, and sees the results with the vote counted. */
export async function vote(poll: HTMLElement): Promise<void> {
  await partShown(poll, '[part="form"]');
  const options = poll.shadowRoot!.querySelectorAll<HTMLElement>('[part="option"]');
  if (options.length < 2) throw new Error('<egov-poll>: fewer than two options shown');
  await realClick(options[1]!);
  const button = await partShown(poll, '[part="vote-button"]');
  await waitUntil(() => !(button as HTMLButtonElement).disabled, '<egov-poll>: choosing an option did not enable "Bình chọn"', {
    timeout: 5_000,
  });
  const voted = oneEvent(poll, 'egov-poll-vote');
  await realClick(button);
  await voted;
  await partShown(poll, '[part="results"]');
  const mine = part(poll, '.result.mine');
  if (!mine || !/2 ngày/.test(mine.textContent ?? '')) throw new Error('<egov-poll>: the results do not mark "2 ngày" as the choice');
}

/** Types "chinh phu", arrows to the match and opens it with Enter: `egov-link-select` fires. */
export async function openLink(links: HTMLElement): Promise<void> {
  const input = await partShown(links, '[part="input"]');
  await realClick(input);
  if (links.shadowRoot!.activeElement !== input) throw new Error('<egov-web-links>: a click did not focus the filter box');
  await type('chinh phu');
  await waitUntil(() => part(links, '[part~="option"]'), '<egov-web-links>: typing showed no option', { timeout: 5_000 });
  const option = await partShown(links, '[part~="option"]');
  if (!/Chính phủ/.test(option.textContent ?? '')) throw new Error(`<egov-web-links>: first match "${option.textContent}"`);
  // Cancelled, so the test page stays where it is; the event is what a page script would see.
  const selected = new Promise<CustomEvent<{ href: string }>>((resolve) => {
    links.addEventListener(
      'egov-link-select',
      (event) => {
        event.preventDefault();
        resolve(event);
      },
      { once: true },
    );
  });
  await sendKeys({ press: 'ArrowDown' });
  await sendKeys({ press: 'Enter' });
  const event = await selected;
  if (event.detail.href !== 'https://chinhphu.vn/') throw new Error(`<egov-web-links>: opened ${event.detail.href}`);
}

/** The remote footer shows its address and a working `tel:` link. */
export async function readFooter(footer: HTMLElement): Promise<void> {
  const copyright = await partShown(footer, '[part="copyright"]');
  if (!/Uỷ ban nhân dân Huyện Phú Lương/.test(copyright.textContent ?? '')) throw new Error(`<egov-agency-footer>: copyright "${copyright.textContent}"`);
  const contact = await partShown(footer, '[part="contact"]');
  const phone = contact.querySelector('a[href^="tel:"]');
  if (!phone || !isShown(phone)) throw new Error('<egov-agency-footer>: no visible tel: link');
  if (!/Thị trấn Đu/.test(part(footer, '[part="identity"]')?.textContent ?? '')) throw new Error('<egov-agency-footer>: no address');
}

/**
 * Picks the second video of the playlist, then presses play on its facade: the youtube-nocookie
 * player replaces the facade (it cannot load here, without outside network; its address is the check).
 */
export async function playVideo(video: HTMLElement): Promise<void> {
  const items = await partShown(video, '[part~="item"]');
  const second = video.shadowRoot!.querySelectorAll<HTMLElement>('[part~="item"]')[1];
  if (!items || !second) throw new Error('<egov-video>: the playlist has fewer than two videos');
  await realClick(second);
  await waitUntil(() => second.getAttribute('aria-current') === 'true', '<egov-video>: choosing a video did not mark it current', { timeout: 5_000 });
  await realClick(await partShown(video, '[part="play-button"]'));
  await waitUntil(() => part(video, 'iframe'), '<egov-video>: play did not load the player', { timeout: 5_000 });
  const src = part(video, 'iframe')!.getAttribute('src');
  if (src !== `${YOUTUBE_EMBED}eRsGyueVLvQ?autoplay=1`) throw new Error(`<egov-video>: player address ${src}`);
  if (!isShown(part(video, 'iframe')!)) throw new Error('<egov-video>: the player is not visible');
}

/** Presses "next" on the rotating banners: the second banner shows, its image on screen. */
export async function turnBanners(banners: HTMLElement): Promise<void> {
  await realClick(await partShown(banners, '[part="next-button"]'));
  await waitUntil(
    () => banners.shadowRoot!.querySelector('.slide.current')?.getAttribute('aria-label') === '2 trên 3',
    '<egov-banners>: "next" did not show the second banner',
    { timeout: 5_000 },
  );
  const image = part(banners, '.slide.current img');
  if (!image || !isShown(image) || image.getAttribute('alt') !== 'Cổng Thông tin điện tử Chính phủ') {
    throw new Error('<egov-banners>: the second banner is not on screen');
  }
}

/** Every node the kit wrote or shows: the shadow roots of its widgets and their light DOM. */
export function kitNodes(root: ParentNode = document): Element[] {
  const nodes: Element[] = [];
  const visit = (scope: ParentNode) => {
    for (const element of scope.querySelectorAll('*')) {
      nodes.push(element);
      if (element.shadowRoot) visit(element.shadowRoot);
    }
  };
  for (const host of root.querySelectorAll(TAGS.join(','))) {
    nodes.push(host);
    visit(host);
    if (host.shadowRoot) visit(host.shadowRoot);
  }
  return nodes;
}

const URL_ATTRIBUTES = ['href', 'src', 'srcset', 'action', 'formaction', 'xlink:href', 'poster', 'data', 'srcdoc'];
const ACTIVE_TAGS = new Set(['iframe', 'object', 'embed', 'frame', 'base', 'meta', 'link']);

/**
 * What a hostile value left in the kit's DOM: `javascript:` URLs, event-handler attributes, any
 * script but the kit's JSON-LD, embedding elements, or an element made from a payload (`marker`
 * is an attribute only payloads carry).
 */
export function hostileTraces(marker = 'data-payload'): string[] {
  const traces: string[] = [];
  for (const element of kitNodes()) {
    const name = element.localName;
    for (const attribute of element.getAttributeNames()) {
      const value = element.getAttribute(attribute) ?? '';
      if (attribute.startsWith('on')) traces.push(`<${name} ${attribute}>`);
      if (URL_ATTRIBUTES.includes(attribute) && /^\s*(javascript|data|vbscript):/i.test(value.replace(/[\t\n\r]/g, ''))) {
        traces.push(`<${name} ${attribute}="${value}">`);
      }
      if (attribute === marker) traces.push(`<${name}> made from a payload`);
    }
    if (name === 'script' && element.getAttribute('type') !== 'application/ld+json') traces.push('<script> that is not JSON-LD');
    const embed = name === 'iframe' && element.getAttribute('src')?.startsWith(YOUTUBE_EMBED) && element.closest('[part="frame"]');
    if (ACTIVE_TAGS.has(name) && !embed) traces.push(`<${name}>`);
  }
  if ((window as unknown as Record<string, unknown>)[CANARY] !== undefined) traces.push(`window.${CANARY} was set`);
  return traces;
}
