// The states of <egov-web-links> that the accessibility sweep (../a11y.test.ts) checks.
import { html } from '@open-wc/testing';
import { inShadow } from '../../support/helpers.js';
import { focusBox, numberedLinks, press, sampleLinks, typeInto } from '../../web-links/harness.js';
import { type State, remoteStates } from '../a11y-sweep.js';

const linksJson = JSON.stringify([{ label: 'Cổng Thông tin điện tử Chính phủ', href: 'https://chinhphu.vn' }]);

export const webLinksStates: State[] = [
  { name: 'closed', render: (lang) => sampleLinks({ lang }) },
  {
    name: 'open, an option active',
    async render(lang) {
      const element = await sampleLinks({ lang });
      await focusBox(element);
      await press(element, 'ArrowDown');
      await inShadow(element, '[role="option"][aria-selected="true"]');
      return element;
    },
  },
  {
    name: 'filtered, matches highlighted',
    async render(lang) {
      const element = await sampleLinks({ lang });
      await typeInto(element, 'thai nguyen');
      await inShadow(element, 'mark');
      return element;
    },
  },
  {
    name: 'no results',
    async render(lang) {
      const element = await sampleLinks({ lang });
      await typeInto(element, 'khong co');
      await inShadow(element, '[part="empty"]');
      return element;
    },
  },
  {
    name: '"and N more" under 150 links',
    async render(lang) {
      const shown = await numberedLinks(150, { lang });
      await focusBox(shown);
      await press(shown, 'ArrowDown');
      await inShadow(shown, '[part="more"]');
      return shown;
    },
  },
  ...remoteStates((lang, url) => html`<egov-web-links lang=${lang} src=${url}></egov-web-links>`, { ok: linksJson, failure: 'html' }),
];
