import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../src/define.js';
import { MAX_ROWS, type EgovWebLinks, type WebLinkSelectDetail } from '../../src/web-links/web-links.js';
import {
  captureWarnings, faultUrl, inShadow, nextError, shadow, uniqueKey, visibleText,
} from '../support/helpers.js';

/** Links a Thái Nguyên district portal offers, plus Đà Nẵng for the diacritics cases. */
function sampleLinks(attributes: { lang?: string; target?: string } = {}) {
  return fixture<EgovWebLinks>(html`
    <egov-web-links lang=${attributes.lang ?? 'vi'} target=${attributes.target ?? '_blank'}>
      <a href="https://chinhphu.vn" data-group="Trung ương">Cổng Thông tin điện tử Chính phủ</a>
      <a href="https://dichvucong.gov.vn" data-group="Trung ương">Cổng Dịch vụ công quốc gia</a>
      <a href="https://moha.gov.vn" data-group="Trung ương">Bộ Nội vụ</a>
      <a href="https://thainguyen.gov.vn" data-group="Tỉnh Thái Nguyên">Cổng Thông tin điện tử tỉnh Thái Nguyên</a>
      <a href="https://snv.thainguyen.gov.vn" data-group="Tỉnh Thái Nguyên">Sở Nội vụ</a>
      <a href="https://stc.thainguyen.gov.vn" data-group="Tỉnh Thái Nguyên">Sở Tài chính</a>
      <a href="https://danang.gov.vn" data-group="Tỉnh, thành phố khác">Cổng Thông tin điện tử thành phố Đà Nẵng</a>
      <a href="https://dinhhoa.thainguyen.gov.vn" data-group="Huyện, thành phố lân cận">Huyện Định Hóa</a>
      <a href="https://donghy.thainguyen.gov.vn" data-group="Huyện, thành phố lân cận">Huyện Đồng Hỷ</a>
      <a href="https://daitu.thainguyen.gov.vn" data-group="Huyện, thành phố lân cận">Huyện Đại Từ</a>
    </egov-web-links>
  `);
}

/** `count` ungrouped links named "Liên kết 1" … */
function numberedLinks(count: number) {
  const element = document.createElement('egov-web-links');
  for (let index = 1; index <= count; index++) {
    const anchor = document.createElement('a');
    anchor.href = `https://xa${index}.example.gov.vn/`;
    anchor.textContent = `Liên kết ${index}`;
    element.append(anchor);
  }
  return fixture<EgovWebLinks>(html`${element}`);
}

function input(element: Element): HTMLInputElement {
  return shadow(element).querySelector('input') as HTMLInputElement;
}

function popup(element: Element): HTMLElement {
  return shadow(element).querySelector('[part="popup"]') as HTMLElement;
}

function optionLabels(element: Element): string[] {
  return [...shadow(element).querySelectorAll('[role="option"] .option-label')].map(visibleText);
}

function activeLabel(element: Element): string | undefined {
  const id = input(element).getAttribute('aria-activedescendant');
  if (!id) return undefined;
  const option = shadow(element).getElementById(id);
  expect(option?.getAttribute('aria-selected')).to.equal('true');
  return visibleText(option?.querySelector('.option-label'));
}

function statusText(element: Element): string {
  return visibleText(shadow(element).querySelector('[role="status"]'));
}

function isExpanded(element: Element): boolean {
  return input(element).getAttribute('aria-expanded') === 'true';
}

async function focusBox(element: EgovWebLinks): Promise<void> {
  input(element).focus();
  await element.updateComplete;
}

async function press(element: EgovWebLinks, key: string): Promise<void> {
  await sendKeys({ press: key });
  await element.updateComplete;
}

async function typeInto(element: EgovWebLinks, text: string): Promise<void> {
  await focusBox(element);
  await sendKeys({ type: text });
  await element.updateComplete;
}

/** Collects every `egov-link-select`, cancelling them so the test page never navigates. */
function cancelSelections(element: HTMLElement) {
  const selected: CustomEvent<WebLinkSelectDetail>[] = [];
  element.addEventListener('egov-link-select', (event) => {
    event.preventDefault();
    selected.push(event);
  });
  return selected;
}

async function clickOn(target: Element): Promise<void> {
  const box = target.getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.x + box.width / 2), Math.round(box.y + box.height / 2)] });
}

/** What tests/web-links/landing.html reports when a link really opened it. */
interface Landing {
  href: string;
  hasOpener: boolean;
  referrer: string;
  framed: boolean;
}

/** Listens for pages that tests/web-links/landing.html reports as opened. */
function watchLandings() {
  const channel = new BroadcastChannel('egov-web-links-test');
  const landings: Landing[] = [];
  channel.onmessage = (event: MessageEvent<Landing>) => landings.push(event.data);
  return {
    landings,
    async next(id: string): Promise<Landing> {
      await waitUntil(() => landings.some((landing) => landing.href.includes(id)), `${id} never opened`, { timeout: 10_000 });
      return landings.find((landing) => landing.href.includes(id)) as Landing;
    },
    close: () => channel.close(),
  };
}

function landingUrl(id: string): string {
  return `/tests/web-links/landing.html?id=${id}`;
}

afterEach(() => resetMouse());

describe('<egov-web-links>', () => {
  describe('before and after the script runs', () => {
    it('leaves the inline links readable and usable when the script is missing', async () => {
      const frame = await fixture<HTMLIFrameElement>(html`<iframe title="no script"></iframe>`);
      const loaded = oneEvent(frame, 'load');
      frame.srcdoc = '<egov-web-links><a href="https://chinhphu.vn">Cổng Thông tin điện tử Chính phủ</a></egov-web-links>';
      await loaded;
      const link = frame.contentDocument?.querySelector('a') as HTMLAnchorElement;
      expect(link.getBoundingClientRect().height).to.be.greaterThan(0);
      expect(link.href).to.equal('https://chinhphu.vn/');
    });

    it('keeps the links in the page for search engines but shows the combobox instead of them', async () => {
      const element = await sampleLinks();
      const first = element.querySelector('a') as HTMLElement;
      expect(element.querySelectorAll('a')).to.have.length(10);
      expect(first.getBoundingClientRect().height).to.equal(0);
      expect(input(element).getAttribute('role')).to.equal('combobox');
      expect(input(element).getBoundingClientRect().height).to.be.at.least(24);
    });

    it('follows links the page adds or removes later', async () => {
      const element = await sampleLinks();
      const added = document.createElement('a');
      added.href = 'https://quochoi.vn';
      added.textContent = 'Quốc hội';
      element.append(added);
      await typeInto(element, 'quoc hoi');
      await waitUntil(() => optionLabels(element).includes('Quốc hội'));
      added.remove();
      await waitUntil(() => optionLabels(element).length === 0);
    });
  });

  describe('closed', () => {
    it('shows the label and placeholder with the list closed', async () => {
      const element = await sampleLinks();
      expect(visibleText(shadow(element).querySelector('label'))).to.equal('Liên kết web');
      expect(input(element).placeholder).to.equal('-- Chọn liên kết --');
      expect(isExpanded(element)).to.equal(false);
      expect(popup(element).hidden).to.equal(true);
      expect(shadow(element).querySelectorAll('[role="option"]')).to.have.length(0);
    });

    it('has no axe violations', async () => {
      await expect(await sampleLinks()).to.be.accessible();
    });

    it('uses the label and placeholder the page gives', async () => {
      const element = await fixture<EgovWebLinks>(html`
        <egov-web-links label="Trang web cơ quan nhà nước" placeholder="Gõ tên cơ quan…">
          <a href="https://chinhphu.vn">Chính phủ</a>
        </egov-web-links>
      `);
      expect(visibleText(shadow(element).querySelector('label'))).to.equal('Trang web cơ quan nhà nước');
      expect(input(element).placeholder).to.equal('Gõ tên cơ quan…');
      await expect(element).to.be.accessible();
    });
  });

  describe('keyboard', () => {
    it('Down opens the list on the first link and moves on, never opening a link by itself', async () => {
      const element = await sampleLinks();
      const selected = cancelSelections(element);
      await focusBox(element);
      await press(element, 'ArrowDown');
      expect(isExpanded(element)).to.equal(true);
      expect(activeLabel(element)).to.equal('Cổng Thông tin điện tử Chính phủ');
      await press(element, 'ArrowDown');
      await press(element, 'ArrowDown');
      expect(activeLabel(element)).to.equal('Bộ Nội vụ');
      expect(shadow(element).querySelectorAll('[aria-selected="true"]')).to.have.length(1);
      expect(selected).to.have.length(0);
      expect(shadow(element).activeElement).to.equal(input(element));
    });

    it('Up opens the list on the last link, and the arrows wrap around', async () => {
      const element = await sampleLinks();
      await focusBox(element);
      await press(element, 'ArrowUp');
      expect(activeLabel(element)).to.equal('Huyện Đại Từ');
      await press(element, 'ArrowDown');
      expect(activeLabel(element)).to.equal('Cổng Thông tin điện tử Chính phủ');
      await press(element, 'ArrowUp');
      expect(activeLabel(element)).to.equal('Huyện Đại Từ');
    });

    it('Home and End jump to the first and last link while the list is open', async () => {
      const element = await sampleLinks();
      await focusBox(element);
      await press(element, 'ArrowDown');
      await press(element, 'End');
      expect(activeLabel(element)).to.equal('Huyện Đại Từ');
      await press(element, 'Home');
      expect(activeLabel(element)).to.equal('Cổng Thông tin điện tử Chính phủ');
    });

    it('Page Down and Page Up move ten links at a time, stopping at the ends', async () => {
      const element = await numberedLinks(25);
      await focusBox(element);
      await press(element, 'ArrowDown');
      await press(element, 'PageDown');
      expect(activeLabel(element)).to.equal('Liên kết 11');
      await press(element, 'PageDown');
      await press(element, 'PageDown');
      expect(activeLabel(element)).to.equal('Liên kết 25');
      await press(element, 'PageUp');
      expect(activeLabel(element)).to.equal('Liên kết 15');
      await press(element, 'PageUp');
      await press(element, 'PageUp');
      expect(activeLabel(element)).to.equal('Liên kết 1');
    });

    it('Alt+Down opens the list without making a link active', async () => {
      const element = await sampleLinks();
      await focusBox(element);
      await sendKeys({ down: 'Alt' });
      await sendKeys({ press: 'ArrowDown' });
      await sendKeys({ up: 'Alt' });
      await element.updateComplete;
      expect(isExpanded(element)).to.equal(true);
      expect(activeLabel(element)).to.equal(undefined);
      expect(optionLabels(element)).to.have.length(10);
    });

    it('Enter opens the active link', async () => {
      const element = await sampleLinks();
      const selected = cancelSelections(element);
      await focusBox(element);
      await press(element, 'ArrowDown');
      await press(element, 'ArrowDown');
      await press(element, 'Enter');
      expect(selected).to.have.length(1);
      expect(selected[0]!.detail).to.deep.equal({
        href: 'https://dichvucong.gov.vn/',
        label: 'Cổng Dịch vụ công quốc gia',
        group: 'Trung ương',
      });
      expect(isExpanded(element)).to.equal(false);
    });

    it('Enter with no active link only opens the list', async () => {
      const element = await sampleLinks();
      const selected = cancelSelections(element);
      await focusBox(element);
      await press(element, 'Enter');
      expect(isExpanded(element)).to.equal(true);
      await press(element, 'Enter');
      expect(selected).to.have.length(0);
    });

    it('Escape closes the list with focus kept in the box; a second Escape clears the box', async () => {
      const element = await sampleLinks();
      await typeInto(element, 'noi vu');
      await press(element, 'ArrowDown');
      await press(element, 'Escape');
      expect(isExpanded(element)).to.equal(false);
      expect(input(element).hasAttribute('aria-activedescendant')).to.equal(false);
      expect(shadow(element).activeElement).to.equal(input(element));
      expect(input(element).value).to.equal('noi vu');
      await press(element, 'Escape');
      expect(input(element).value).to.equal('');
    });

    it('Tab closes the list and moves on', async () => {
      const wrapper = await fixture(html`<div>${sampleLinksTemplate()}<button>Sau</button></div>`);
      const element = wrapper.querySelector('egov-web-links') as EgovWebLinks;
      await focusBox(element);
      await press(element, 'ArrowDown');
      await press(element, 'Tab');
      expect(isExpanded(element)).to.equal(false);
      expect(document.activeElement).to.equal(wrapper.querySelector('button'));
    });

    it('a keyboard-only reader finds and opens "Cổng Thông tin điện tử Chính phủ" by typing "chinh phu"', async () => {
      const element = await sampleLinks();
      const selected = cancelSelections(element);
      await typeInto(element, 'chinh phu');
      expect(optionLabels(element)).to.deep.equal(['Cổng Thông tin điện tử Chính phủ']);
      expect(activeLabel(element)).to.equal(undefined);
      await press(element, 'ArrowDown');
      await press(element, 'Enter');
      expect(selected.map((event) => event.detail.href)).to.deep.equal(['https://chinhphu.vn/']);
    });

    it('scrolls the active link into view', async () => {
      const element = await numberedLinks(60);
      await focusBox(element);
      await press(element, 'ArrowUp');
      const list = shadow(element).querySelector('[role="listbox"]') as HTMLElement;
      const option = shadow(element).querySelector('[aria-selected="true"]') as HTMLElement;
      expect(list.scrollTop).to.be.greaterThan(0);
      expect(option.getBoundingClientRect().bottom).to.be.at.most(list.getBoundingClientRect().bottom + 1);
      await press(element, 'ArrowDown');
      expect(list.scrollTop).to.equal(0);
    });
  });

  describe('mouse and touch', () => {
    it('a click in the box opens the list and a click on a link opens it', async () => {
      const element = await sampleLinks();
      const selected = cancelSelections(element);
      await clickOn(input(element));
      await element.updateComplete;
      expect(isExpanded(element)).to.equal(true);
      const option = [...shadow(element).querySelectorAll('[role="option"]')].find((node) => visibleText(node).includes('Sở Tài chính'));
      await clickOn(option as Element);
      expect(selected.map((event) => event.detail)).to.deep.equal([
        { href: 'https://stc.thainguyen.gov.vn/', label: 'Sở Tài chính', group: 'Tỉnh Thái Nguyên' },
      ]);
      expect(shadow(element).activeElement).to.equal(input(element));
    });

    it('the arrow button shows and hides the list, keeping focus in the box', async () => {
      const element = await sampleLinks();
      const toggle = shadow(element).querySelector('[part="toggle"]') as HTMLElement;
      expect(toggle.getBoundingClientRect().width).to.be.at.least(24);
      await clickOn(toggle);
      await element.updateComplete;
      expect(isExpanded(element)).to.equal(true);
      expect(shadow(element).activeElement).to.equal(input(element));
      await clickOn(toggle);
      await element.updateComplete;
      expect(isExpanded(element)).to.equal(false);
    });

    it('a click elsewhere on the page closes the list', async () => {
      const wrapper = await fixture<HTMLElement>(html`<div><p>Tin, bài: Quang Sơn</p>${sampleLinksTemplate()}</div>`);
      const selected = cancelSelections(wrapper);
      const element = wrapper.querySelector('egov-web-links') as EgovWebLinks;
      await clickOn(input(element));
      await element.updateComplete;
      expect(isExpanded(element)).to.equal(true);
      await clickOn(wrapper.querySelector('p') as Element);
      await element.updateComplete;
      expect(isExpanded(element)).to.equal(false);
      expect(selected).to.have.length(0);
    });
  });

  describe('filtering', () => {
    for (const query of ['da nang', 'ĐÀ NẴNG', 'đà nẵng', 'Da Nẵng']) {
      it(`"${query}" finds Đà Nẵng and highlights it`, async () => {
        const element = await sampleLinks();
        await typeInto(element, query);
        expect(optionLabels(element)).to.deep.equal(['Cổng Thông tin điện tử thành phố Đà Nẵng']);
        const marks = [...shadow(element).querySelectorAll('mark')].map(visibleText);
        expect(marks).to.deep.equal(['Đà Nẵng']);
      });
    }

    it('matches đ with d both ways', async () => {
      const element = await sampleLinks();
      await typeInto(element, 'dong hy');
      expect(optionLabels(element)).to.deep.equal(['Huyện Đồng Hỷ']);
      input(element).select();
      await sendKeys({ type: 'đai' });
      await element.updateComplete;
      expect(optionLabels(element)).to.deep.equal(['Huyện Đại Từ']);
    });

    it('matches every typed word anywhere in the label, in any order', async () => {
      const element = await sampleLinks();
      await typeInto(element, 'phu chinh');
      expect(optionLabels(element)).to.deep.equal(['Cổng Thông tin điện tử Chính phủ']);
      expect([...shadow(element).querySelectorAll('mark')].map(visibleText)).to.deep.equal(['Chính phủ']);
      input(element).select();
      await sendKeys({ type: 'noi' });
      await element.updateComplete;
      expect(optionLabels(element)).to.deep.equal(['Bộ Nội vụ', 'Sở Nội vụ']);
    });

    it('highlights labels written with decomposed diacritics (NFD)', async () => {
      const label = 'Thành phố Đà Nẵng'.normalize('NFD');
      const element = await fixture<EgovWebLinks>(html`<egov-web-links><a href="https://danang.gov.vn">${label}</a></egov-web-links>`);
      await typeInto(element, 'nang');
      const mark = shadow(element).querySelector('mark') as HTMLElement;
      expect(mark.textContent?.normalize('NFC')).to.equal('Nẵng');
      expect(visibleText(shadow(element).querySelector('.option-label')).normalize('NFC')).to.equal('Thành phố Đà Nẵng');
    });

    it('announces how many links match', async () => {
      const element = await sampleLinks();
      await typeInto(element, 'noi vu');
      expect(statusText(element)).to.equal('Có 2 kết quả');
      await sendKeys({ type: ' so' });
      await element.updateComplete;
      expect(statusText(element)).to.equal('Có 1 kết quả');
    });

    it('says so when nothing matches, and stays accessible', async () => {
      const element = await sampleLinks();
      await typeInto(element, 'ha noi');
      expect(optionLabels(element)).to.deep.equal([]);
      expect(isExpanded(element)).to.equal(false);
      expect(visibleText(shadow(element).querySelector('[part="empty"]'))).to.equal('Không tìm thấy liên kết nào');
      expect(statusText(element)).to.equal('Không tìm thấy liên kết nào');
      await expect(element).to.be.accessible();
    });

    it('starts again from no active link whenever the text changes', async () => {
      const element = await sampleLinks();
      await typeInto(element, 'so');
      await press(element, 'ArrowDown');
      expect(activeLabel(element)).to.equal('Sở Nội vụ');
      await sendKeys({ type: ' t' });
      await element.updateComplete;
      expect(activeLabel(element)).to.equal(undefined);
    });
  });

  describe('groups', () => {
    function groups(element: Element) {
      return [...shadow(element).querySelectorAll('[role="group"]')].map((group) => {
        const heading = shadow(element).getElementById(group.getAttribute('aria-labelledby') ?? '');
        return { name: visibleText(heading), options: [...group.querySelectorAll('[role="option"] .option-label')].map(visibleText) };
      });
    }

    it('shows the links under their data-group headings, in the order written', async () => {
      const element = await sampleLinks();
      await typeInto(element, 'cong');
      expect(groups(element)).to.deep.equal([
        { name: 'Trung ương', options: ['Cổng Thông tin điện tử Chính phủ', 'Cổng Dịch vụ công quốc gia'] },
        { name: 'Tỉnh Thái Nguyên', options: ['Cổng Thông tin điện tử tỉnh Thái Nguyên'] },
        { name: 'Tỉnh, thành phố khác', options: ['Cổng Thông tin điện tử thành phố Đà Nẵng'] },
      ]);
      await expect(element).to.be.accessible();
    });

    it('takes the group from an element around the links, and lists ungrouped links first', async () => {
      const element = await fixture<EgovWebLinks>(html`
        <egov-web-links>
          <ul data-group="Trung ương">
            <li><a href="https://chinhphu.vn">Chính phủ</a></li>
            <li><a href="https://quochoi.vn">Quốc hội</a></li>
          </ul>
          <ul data-group="Tỉnh Thái Nguyên">
            <li><a href="https://thainguyen.gov.vn">Tỉnh Thái Nguyên</a></li>
            <li><a href="https://chinhphu.vn/bo" data-group="Trung ương">Các bộ</a></li>
          </ul>
          <p><a href="https://vbpl.vn">Văn bản pháp luật</a></p>
        </egov-web-links>
      `);
      await focusBox(element);
      await press(element, 'ArrowDown');
      expect(optionLabels(element)).to.deep.equal(['Văn bản pháp luật', 'Chính phủ', 'Quốc hội', 'Các bộ', 'Tỉnh Thái Nguyên']);
      expect(groups(element).map((group) => group.name)).to.deep.equal(['Trung ương', 'Tỉnh Thái Nguyên']);
      expect(activeLabel(element)).to.equal('Văn bản pháp luật');
      await press(element, 'ArrowDown');
      expect(activeLabel(element)).to.equal('Chính phủ');
    });
  });

  describe('target', () => {
    it('opens a link in a new tab, without opener or referrer, by default', async function () {
      const id = uniqueKey('blank');
      const watch = watchLandings();
      try {
        const element = await fixture<EgovWebLinks>(html`<egov-web-links><a href=${landingUrl(id)}>Trang đích</a></egov-web-links>`);
        const selected = oneEvent(element, 'egov-link-select');
        await focusBox(element);
        await press(element, 'ArrowDown');
        await press(element, 'Enter');
        expect((await selected).detail.href).to.equal(new URL(landingUrl(id), location.href).href);
        const landing = await watch.next(id);
        expect(landing.framed).to.equal(false);
        expect(landing.hasOpener).to.equal(false);
        expect(landing.referrer).to.equal('');
      } finally {
        watch.close();
      }
    });

    it('tells screen readers that links open in a new tab', async () => {
      const element = await sampleLinks();
      await focusBox(element);
      await press(element, 'ArrowDown');
      const option = shadow(element).querySelector('[role="option"]');
      expect(visibleText(option)).to.equal('Cổng Thông tin điện tử Chính phủ (mở trong thẻ mới)↗');
      expect(option?.querySelector('[aria-hidden="true"]')?.textContent).to.equal('↗');
    });

    it('opens the link in the same tab with target="_self"', async () => {
      const watch = watchLandings();
      try {
        const frame = await fixture<HTMLIFrameElement>(html`<iframe title="same tab" src="/tests/web-links/self-frame.html"></iframe>`);
        await waitUntil(() => frame.contentDocument?.querySelector('egov-web-links')?.shadowRoot?.querySelector('input'), 'the frame never upgraded', {
          timeout: 10_000,
        });
        const element = frame.contentDocument?.querySelector('egov-web-links') as EgovWebLinks;
        await focusBox(element);
        await press(element, 'ArrowDown');
        expect(visibleText(shadow(element).querySelector('[role="option"]'))).to.equal('Trang đích cùng thẻ');
        await sendKeys({ press: 'Enter' });
        const landing = await watch.next('same-tab');
        expect(landing.framed).to.equal(true);
        expect(frame.contentWindow?.location.pathname).to.equal('/tests/web-links/landing.html');
      } finally {
        watch.close();
      }
    });

    it('treats any other target as _blank, with a warning', async () => {
      let element: EgovWebLinks | undefined;
      const warnings = await captureWarnings(async () => {
        element = await sampleLinks({ target: '_top' });
      });
      expect(warnings).to.have.length(1);
      expect(warnings[0]).to.include('_top');
      await focusBox(element!);
      await press(element!, 'ArrowDown');
      expect(visibleText(shadow(element!).querySelector('[role="option"]'))).to.include('(mở trong thẻ mới)');
    });
  });

  describe('egov-link-select', () => {
    it('a cancelled selection opens nothing, the next one opens', async () => {
      const cancelledId = uniqueKey('cancelled');
      const openedId = uniqueKey('opened');
      const watch = watchLandings();
      try {
        const element = await fixture<EgovWebLinks>(html`
          <egov-web-links>
            <a href=${landingUrl(cancelledId)}>Bị huỷ</a>
            <a href=${landingUrl(openedId)}>Được mở</a>
          </egov-web-links>
        `);
        let cancel = true;
        const seen: string[] = [];
        element.addEventListener('egov-link-select', (event) => {
          seen.push(event.detail.label);
          if (cancel) event.preventDefault();
        });
        await focusBox(element);
        await press(element, 'ArrowDown');
        await press(element, 'Enter');
        cancel = false;
        await press(element, 'ArrowDown');
        await press(element, 'ArrowDown');
        await press(element, 'Enter');
        await watch.next(openedId);
        expect(seen).to.deep.equal(['Bị huỷ', 'Được mở']);
        expect(watch.landings.some((landing) => landing.href.includes(cancelledId))).to.equal(false);
      } finally {
        watch.close();
      }
    });

    it('bubbles out of the widget and gives the link resolved against the page', async () => {
      const wrapper = await fixture<HTMLElement>(html`<div><egov-web-links><a href="lien-he.html">Liên hệ</a></egov-web-links></div>`);
      const element = wrapper.querySelector('egov-web-links') as EgovWebLinks;
      const selected = cancelSelections(wrapper);
      await focusBox(element);
      await press(element, 'ArrowDown');
      await press(element, 'Enter');
      expect(selected[0]!.detail).to.deep.equal({ href: new URL('lien-he.html', document.baseURI).href, label: 'Liên hệ', group: null });
      expect(selected[0]!.composed).to.equal(true);
    });
  });

  describe('unsafe links', () => {
    const unsafe = [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      'jav\r\nascript:alert(1)',
      '  javascript:alert(1)',
      '\u0001javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'blob:https://example.com/1',
      'ftp://example.com/',
      'mailto:bbt.phuluong@thainguyen.gov.vn',
      'about:blank',
      'http://[bad',
      '   ',
    ];

    it('drops every non-http(s) inline link with a warning and never renders it', async () => {
      let element: EgovWebLinks | undefined;
      const warnings = await captureWarnings(async () => {
        const host = document.createElement('egov-web-links');
        unsafe.forEach((href, index) => {
          const anchor = document.createElement('a');
          anchor.setAttribute('href', href);
          anchor.textContent = `Nguy hiểm ${index}`;
          host.append(anchor);
        });
        const safe = document.createElement('a');
        safe.setAttribute('href', 'https://chinhphu.vn');
        safe.textContent = 'An toàn';
        host.append(safe);
        element = await fixture<EgovWebLinks>(html`${host}`);
        await focusBox(element);
        await press(element, 'ArrowDown');
      });
      expect(optionLabels(element!)).to.deep.equal(['An toàn']);
      expect(warnings).to.have.length(unsafe.length);
      const rendered = shadow(element!).innerHTML;
      expect(rendered).not.to.include('Nguy hiểm');
      expect(rendered).not.to.match(/script:|data:|alert/i);
    });

    it('drops an entity-encoded javascript: link written in the page', async () => {
      let element: EgovWebLinks | undefined;
      const warnings = await captureWarnings(async () => {
        element = await fixture<EgovWebLinks>(html`
          <egov-web-links><a href="&#106;avascript&#58;alert(1)">Mã hoá</a><a href="https://chinhphu.vn">An toàn</a></egov-web-links>
        `);
      });
      await focusBox(element!);
      await press(element!, 'ArrowDown');
      expect(optionLabels(element!)).to.deep.equal(['An toàn']);
      expect(warnings).to.have.length(1);
    });

    it('drops unsafe links from the JSON of src too', async () => {
      const json = JSON.stringify([
        { label: 'Script', href: 'JaVaScRiPt:alert(document.domain)' },
        { label: 'Data', href: 'data:text/html,x' },
        { label: 'Tab', href: 'java\tscript:alert(1)' },
        { label: 'Chính phủ', href: 'https://chinhphu.vn', group: 'Trung ương' },
      ]);
      let element: EgovWebLinks | undefined;
      const warnings = await captureWarnings(async () => {
        element = await fixture<EgovWebLinks>(html`<egov-web-links src=${faultUrl('json', { ok: json })}></egov-web-links>`);
        await inShadow(element, 'input');
      });
      await focusBox(element!);
      await press(element!, 'ArrowDown');
      expect(optionLabels(element!)).to.deep.equal(['Chính phủ']);
      expect(warnings).to.have.length(3);
    });
  });

  describe('from src', () => {
    it('loads the demo links and finds "chinh phu"', async () => {
      const element = await fixture<EgovWebLinks>(html`<egov-web-links src="/demo/data/web-links.json"></egov-web-links>`);
      await inShadow(element, 'input');
      await typeInto(element, 'chinh phu');
      expect(optionLabels(element)).to.include('Cổng Thông tin điện tử Chính phủ');
      await focusBox(element);
      await press(element, 'ArrowDown');
      expect(activeLabel(element)).to.equal('Cổng Thông tin điện tử Chính phủ');
      await expect(element).to.be.accessible();
    });

    it('uses the JSON instead of the inline links', async () => {
      const json = JSON.stringify([{ label: 'Từ máy chủ', href: 'https://chinhphu.vn' }]);
      const element = await fixture<EgovWebLinks>(html`
        <egov-web-links src=${faultUrl('json', { ok: json })}><a href="https://quochoi.vn">Trong trang</a></egov-web-links>
      `);
      await inShadow(element, 'input');
      await focusBox(element);
      await press(element, 'ArrowDown');
      expect(optionLabels(element)).to.deep.equal(['Từ máy chủ']);
    });

    it('shows an accessible loading state that reserves the space of the box', async () => {
      const json = JSON.stringify([{ label: 'Chính phủ', href: 'https://chinhphu.vn' }]);
      const element = await fixture<EgovWebLinks>(html`<egov-web-links src=${faultUrl('slow', { ok: json, delay: 3000 })}></egov-web-links>`);
      const loading = await inShadow(element, '[part="loading"]');
      expect(visibleText(loading)).to.equal('Đang tải…');
      const loadingHeight = element.getBoundingClientRect().height;
      await expect(element).to.be.accessible();
      await inShadow(element, 'input');
      expect(Math.abs(element.getBoundingClientRect().height - loadingHeight)).to.be.at.most(2);
    });

    it('tells the webmaster that a failed request to another origin is most likely CORS', async () => {
      // The same test server under another host name: another origin, answering without CORS headers.
      const otherHost = location.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
      const json = JSON.stringify([{ label: 'Chính phủ', href: 'https://chinhphu.vn' }]);
      const crossOrigin = `${location.protocol}//${otherHost}:${location.port}${faultUrl('json', { ok: json })}`;
      // The same JSON from this origin loads, and the other origin does answer (an opaque no-cors
      // response, not a refused connection): only CORS stands in the way.
      expect((await fetch(faultUrl('json', { ok: json }))).ok).to.equal(true);
      expect((await fetch(crossOrigin, { mode: 'no-cors' })).type).to.equal('opaque');
      const element = await fixture<EgovWebLinks>(html`<egov-web-links src=${crossOrigin}></egov-web-links>`);
      const error = await nextError(element);
      expect(error.code).to.equal('network');
      const endpointOrigin = new URL(crossOrigin).origin;
      expect(error.message).to.include(`${endpointOrigin} is another origin than this page (${location.origin})`);
      expect(error.message).to.include('CORS');
      expect(error.message).to.include(`add ${location.origin} to EGOV_ALLOWED_ORIGINS`);
      expect(visibleText(await inShadow(element, '[part="error"] p'))).to.equal(
        'Không kết nối được tới máy chủ. Vui lòng kiểm tra mạng và thử lại.',
      );
    });

    it('does not blame CORS when a request to its own origin fails', async () => {
      const element = await fixture<EgovWebLinks>(html`<egov-web-links src=${faultUrl('reset')}></egov-web-links>`);
      const error = await nextError(element);
      expect(error.code).to.equal('network');
      expect(error.message).to.not.include('CORS');
    });

    const wrongShapes: [string, string][] = [
      ['an object instead of an array', '{"links": []}'],
      ['an entry without href', '[{"label": "Chính phủ"}]'],
      ['a label that is not text', '[{"label": 1, "href": "https://chinhphu.vn"}]'],
      ['a group that is not text', '[{"label": "Chính phủ", "href": "https://chinhphu.vn", "group": ["Trung ương"]}]'],
    ];
    for (const [what, body] of wrongShapes) {
      it(`explains JSON with ${what}`, async () => {
        const element = await fixture<EgovWebLinks>(html`<egov-web-links src=${faultUrl('json', { ok: body })}></egov-web-links>`);
        const detail = await nextError(element);
        expect(detail.code).to.equal('shape');
        const error = await inShadow(element, '[part="error"]');
        expect(visibleText(error)).to.include('không đúng định dạng');
      });
    }

    it('ignores fields a polluted Object.prototype would add', async () => {
      const proto = Object.prototype as Record<string, unknown>;
      proto['href'] = 'javascript:alert(1)';
      proto['group'] = 'Bị chèn';
      try {
        const element = await fixture<EgovWebLinks>(html`<egov-web-links src=${faultUrl('json', { ok: '[{"label": "Chính phủ"}]' })}></egov-web-links>`);
        expect((await nextError(element)).code).to.equal('shape');
      } finally {
        delete proto['href'];
        delete proto['group'];
      }
    });

    it('gives up after 10 seconds without an answer', async function () {
      this.timeout(20_000);
      const element = await fixture<EgovWebLinks>(html`<egov-web-links lang="en" src=${faultUrl('stall')}></egov-web-links>`);
      const detail = await nextError(element);
      expect(detail.code).to.equal('timeout');
      const error = await inShadow(element, '[part="error"]');
      expect(visibleText(error)).to.include('did not answer within 10 seconds');
      expect(visibleText(error)).to.include('Try again');
      expect(visibleText(shadow(element).querySelector('[part="label"]'))).to.equal('Web links');
    });
  });

  describe('language', () => {
    it('speaks English when asked', async () => {
      const element = await sampleLinks({ lang: 'en' });
      expect(visibleText(shadow(element).querySelector('label'))).to.equal('Web links');
      expect(input(element).placeholder).to.equal('-- Choose a link --');
      await typeInto(element, 'noi vu');
      expect(statusText(element)).to.equal('2 results');
      await press(element, 'ArrowDown');
      expect(visibleText(shadow(element).querySelector('[role="option"]'))).to.include('(opens in a new tab)');
      await sendKeys({ type: ' so' });
      await element.updateComplete;
      expect(statusText(element)).to.equal('1 result');
      await sendKeys({ type: 'x' });
      await element.updateComplete;
      expect(visibleText(shadow(element).querySelector('[part="empty"]'))).to.equal('No links found');
      expect(statusText(element)).to.equal('No links found');
    });

    it('has no axe violations with the list open, in both languages', async () => {
      for (const lang of ['vi', 'en']) {
        const element = await sampleLinks({ lang });
        await focusBox(element);
        await press(element, 'ArrowDown');
        await press(element, 'ArrowDown');
        expect(isExpanded(element)).to.equal(true);
        await expect(element).to.be.accessible();
      }
    });

    it('follows the language of the page', async () => {
      const wrapper = await fixture(html`<div lang="en">${sampleLinksTemplate()}</div>`);
      const element = wrapper.querySelector('egov-web-links') as EgovWebLinks;
      element.removeAttribute('lang');
      await waitUntil(() => visibleText(shadow(element).querySelector('label')) === 'Web links');
      wrapper.setAttribute('lang', 'vi');
      await waitUntil(() => visibleText(shadow(element).querySelector('label')) === 'Liên kết web');
    });
  });

  describe('in the pages portals have', () => {
    /** The sample links in a side box that clips, is transformed and sits under a covering layer. */
    async function inClippingBox(boxStyle = '') {
      const wrapper = await fixture<HTMLElement>(html`
        <div>
          <div class="side-box" style="overflow: hidden; height: 7em; transform: translateZ(0); position: relative; z-index: 1; ${boxStyle}">
            ${sampleLinksTemplate()}
          </div>
          <div class="cover" style="position: relative; z-index: 99999; height: 12em; background: white;">Nội dung phía dưới</div>
        </div>
      `);
      const element = wrapper.querySelector('egov-web-links') as EgovWebLinks;
      await element.updateComplete;
      return { wrapper, element };
    }

    /** The option the browser finds at the centre of each option's box (null when something covers it). */
    function hitOptions(element: EgovWebLinks): boolean[] {
      return [...shadow(element).querySelectorAll<HTMLElement>('[role="option"]')].map((option) => {
        const box = option.getBoundingClientRect();
        const hit = shadow(element).elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
        return box.height > 0 && option.contains(hit);
      });
    }

    it('opens the list in the top layer, visible and clickable over a box with overflow: hidden', async () => {
      const { element } = await inClippingBox();
      const selected = cancelSelections(element);
      await clickOn(input(element));
      await element.updateComplete;
      expect(popup(element).matches(':popover-open')).to.equal(true);
      expect(hitOptions(element)).to.deep.equal([true, true]);
      const field = shadow(element).querySelector('[part="field"]') as HTMLElement;
      const list = popup(element).getBoundingClientRect();
      expect(Math.abs(list.left - field.getBoundingClientRect().left)).to.be.at.most(1);
      expect(Math.abs(list.width - field.getBoundingClientRect().width)).to.be.at.most(1);
      expect(list.top).to.be.at.least(field.getBoundingClientRect().bottom);
      const option = [...shadow(element).querySelectorAll('[role="option"]')].find((node) => visibleText(node).includes('Sở Nội vụ'));
      await clickOn(option as Element);
      expect(selected.map((event) => event.detail.label)).to.deep.equal(['Sở Nội vụ']);
      expect(popup(element).matches(':popover-open')).to.equal(false);
    });

    it('closes the top-layer list on Escape and on a click elsewhere', async () => {
      const { wrapper, element } = await inClippingBox();
      await focusBox(element);
      await press(element, 'ArrowDown');
      expect(popup(element).matches(':popover-open')).to.equal(true);
      await press(element, 'Escape');
      expect(popup(element).matches(':popover-open')).to.equal(false);
      expect(shadow(element).activeElement).to.equal(input(element));
      await press(element, 'ArrowDown');
      expect(popup(element).matches(':popover-open')).to.equal(true);
      await clickOn(wrapper.querySelector('.cover') as Element);
      await element.updateComplete;
      expect(popup(element).matches(':popover-open')).to.equal(false);
    });

    it('opens above the box when there is no room below', async () => {
      const { wrapper, element } = await inClippingBox();
      wrapper.style.setProperty('padding-top', `${window.innerHeight}px`);
      input(element).scrollIntoView({ block: 'end' });
      await focusBox(element);
      await press(element, 'ArrowDown');
      const field = (shadow(element).querySelector('[part="field"]') as HTMLElement).getBoundingClientRect();
      const list = popup(element).getBoundingClientRect();
      expect(list.bottom).to.be.at.most(field.top);
      expect(hitOptions(element)).to.deep.equal([true, true]);
    });

    it('without CSS anchor positioning, places the list itself and follows a scroll', async () => {
      const supports = CSS.supports;
      // An older browser: only the anchor-positioning check answers no.
      CSS.supports = ((...args: [string, string?]) =>
        args[0].startsWith('anchor-name') ? false : Reflect.apply(supports, CSS, args)) as typeof CSS.supports;
      try {
        const { wrapper, element } = await inClippingBox();
        wrapper.style.setProperty('padding-bottom', `${window.innerHeight * 2}px`);
        await focusBox(element);
        await press(element, 'ArrowDown');
        const field = shadow(element).querySelector('[part="field"]') as HTMLElement;
        const gapBelow = () => popup(element).getBoundingClientRect().top - field.getBoundingClientRect().bottom;
        expect(popup(element).style.getPropertyValue('top')).to.not.equal('');
        expect(gapBelow()).to.be.within(0, 8);
        expect(hitOptions(element)).to.deep.equal([true, true]);
        window.scrollBy(0, 40);
        await waitUntil(() => Math.abs(gapBelow() - 4) <= 1, 'the list did not follow the scroll');
        expect(popup(element).getBoundingClientRect().left).to.be.closeTo(field.getBoundingClientRect().left, 1);
        window.scrollTo(0, 0);
      } finally {
        CSS.supports = supports;
      }
    });

    it('is measured from --egov-font-size, not from the root font size', async () => {
      const root = document.documentElement;
      root.style.setProperty('font-size', '62.5%');
      try {
        const { element } = await inClippingBox();
        const fieldHeight = () => (shadow(element).querySelector('[part="field"]') as HTMLElement).getBoundingClientRect().height;
        const inputSize = () => parseFloat(getComputedStyle(input(element)).fontSize);
        // The reader's default text size (Chromium's default: 16 px); 2.75em + 2 px borders.
        expect(inputSize()).to.equal(16);
        expect(fieldHeight()).to.be.closeTo(16 * 2.75 + 2, 0.5);
        element.style.setProperty('--egov-font-size', '20px');
        expect(inputSize()).to.equal(20);
        expect(fieldHeight()).to.be.closeTo(20 * 2.75 + 2, 0.5);
        await focusBox(element);
        await press(element, 'ArrowDown');
        const option = shadow(element).querySelector('[role="option"]') as HTMLElement;
        expect(parseFloat(getComputedStyle(option).fontSize)).to.equal(20);
        expect(option.getBoundingClientRect().height).to.be.at.least(20 * 2.75 - 0.5);
      } finally {
        root.style.removeProperty('font-size');
      }
    });
  });

  describe('5,000 links', () => {
    it(`renders at most ${MAX_ROWS} rows and says how many more there are`, async () => {
      const element = await numberedLinks(5000);
      await focusBox(element);
      await press(element, 'ArrowDown');
      expect(shadow(element).querySelectorAll('[role="option"]')).to.have.length(MAX_ROWS);
      expect(visibleText(shadow(element).querySelector('[part="more"]'))).to.equal('và 4.900 liên kết khác — gõ thêm để lọc');
      expect(statusText(element)).to.equal('Có 5.000 kết quả, hiện 100 kết quả đầu. Gõ thêm để lọc.');
      await press(element, 'End');
      expect(activeLabel(element)).to.equal(`Liên kết ${MAX_ROWS}`);
      await expect(element).to.be.accessible();
    });

    it('narrows as the reader types, still capped', async () => {
      const element = await numberedLinks(5000);
      await typeInto(element, 'lien ket 4');
      expect(shadow(element).querySelectorAll('[role="option"]')).to.have.length(MAX_ROWS);
      expect(statusText(element)).to.equal('Có 2.084 kết quả, hiện 100 kết quả đầu. Gõ thêm để lọc.');
      await sendKeys({ type: '999' });
      await element.updateComplete;
      expect(optionLabels(element)).to.deep.equal(['Liên kết 4999']);
      expect(shadow(element).querySelector('[part="more"]')).to.equal(null);
    });
  });
});

/** The sample links as a template, for fixtures that wrap them. */
function sampleLinksTemplate() {
  return html`
    <egov-web-links lang="vi">
      <a href="https://chinhphu.vn" data-group="Trung ương">Cổng Thông tin điện tử Chính phủ</a>
      <a href="https://snv.thainguyen.gov.vn" data-group="Tỉnh Thái Nguyên">Sở Nội vụ</a>
    </egov-web-links>
  `;
}
