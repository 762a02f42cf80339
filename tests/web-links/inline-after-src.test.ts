import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/define.js';
import type { EgovWebLinks } from '../../src/web-links/web-links.js';
import { faultUrl, inShadow } from '../support/helpers.js';
import { focusBox, optionLabels, press } from './harness.js';

// With `src`, the inline links are not read (they are the page's fallback, not the list); once
// `src` goes, the list shows them as they are then, changes made meanwhile included.
describe('<egov-web-links> when src is removed', () => {
  it('lists the inline links, including one added while src was set', async () => {
    const json = JSON.stringify([{ label: 'Từ máy chủ', href: 'https://chinhphu.vn' }]);
    const element = await fixture<EgovWebLinks>(html`
      <egov-web-links src=${faultUrl('json', { ok: json })}><a href="https://quochoi.vn">Quốc hội</a></egov-web-links>
    `);
    await inShadow(element, 'input');
    await focusBox(element);
    await press(element, 'ArrowDown');
    expect(optionLabels(element)).to.deep.equal(['Từ máy chủ']);

    const added = document.createElement('a');
    added.href = 'https://thainguyen.gov.vn';
    added.textContent = 'Cổng tỉnh Thái Nguyên';
    element.append(added);
    await element.updateComplete;
    expect(optionLabels(element)).to.deep.equal(['Từ máy chủ']);

    element.removeAttribute('src');
    await waitUntil(() => optionLabels(element).length === 2, 'the inline links did not appear', { timeout: 5000 });
    expect(optionLabels(element)).to.deep.equal(['Quốc hội', 'Cổng tỉnh Thái Nguyên']);
  });
});
