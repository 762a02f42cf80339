// The work done on a sanitized body after parsing, counted: the kit's rules walk each node once
// (and find the long text nodes on the way, so chunking walks nothing again), twice the body is
// exactly twice the walk; long runs of inline content are chunked too. Runs through either
// sanitizer (body-walk-fallback.test.ts runs it again through DOMPurify).
import { expect } from '@open-wc/testing';
import { applyKitRules, sanitizeBody } from '../../src/article-view/sanitize.js';

const LABELS = { table: 'Bảng', newTab: '(mở trong thẻ mới)' };

/** A detached box holding `html` as the browser parses it (test input, not the code under test). */
function boxOf(html: string): HTMLElement {
  const box = document.implementation.createHTMLDocument('').createElement('div');
  box.innerHTML = html;
  return box;
}

describe('the walk over a sanitized body', () => {
  it('visits each element and each text node once', () => {
    // 3 elements and 3 text nodes per repeat: <p>, "x", <b>, "y", " ", <img>.
    const { visited } = applyKitRules(boxOf('<p>x<b>y</b> <img src="a.png" alt=""></p>'.repeat(1_000)), LABELS);
    expect(visited).to.equal(6_000);
  });

  it('costs exactly twice as much for a body twice as long', () => {
    const unit = '<p>đoạn <a href="https://a.vn/" target="_blank">liên kết</a></p><table><tr><td>1</td></tr></table>';
    const once = applyKitRules(boxOf(unit.repeat(5_000)), LABELS).visited;
    const twice = applyKitRules(boxOf(unit.repeat(10_000)), LABELS).visited;
    expect(twice).to.equal(2 * once);
  });

  it('finds the text nodes longer than 50,000 characters on the way, and only those', () => {
    const long = 'chữ '.repeat(12_501); // 50,004 characters
    const { longTexts } = applyKitRules(boxOf(`<p>${long}</p><p>${'chữ '.repeat(12_500)}</p><div><em>${long}</em></div>`), LABELS);
    expect(longTexts.map((text) => text.length)).to.deep.equal([50_004, 50_004]);
  });
});

describe('a long run of inline content', () => {
  it('in a paragraph is chunked into blocks ending after a space, the text unchanged', async () => {
    const words = Array.from({ length: 20_000 }, (_, index) => `<b>${index}</b> `).join('');
    const box = await sanitizeBody(`<p>${words}</p>`, LABELS);
    const paragraph = box.querySelector('p')!;
    const chunks = [...paragraph.children];
    // 40,000 nodes (a <b> and a space each time), 100 to a chunk.
    expect(chunks.length).to.equal(400);
    expect(chunks.every((chunk) => chunk.localName === 'span' && chunk.className === 'chunk' && chunk.textContent!.endsWith(' '))).to.equal(true);
    expect(paragraph.querySelectorAll('b').length).to.equal(20_000);
    expect(paragraph.textContent).to.equal(Array.from({ length: 20_000 }, (_, index) => `${index} `).join(''));
  });

  it('with no block, no break and no space is cut every thousand nodes at the most', async () => {
    const box = await sanitizeBody(`<div>${'<b>x</b>'.repeat(5_000)}</div>`, LABELS);
    const chunks = [...box.querySelector(':scope > div')!.children];
    expect(chunks.map((chunk) => chunk.childElementCount)).to.deep.equal([1_000, 1_000, 1_000, 1_000, 1_000]);
    expect(chunks.every((chunk) => chunk.localName === 'div' && chunk.className === 'chunk')).to.equal(true);
  });

  it('in a list is left alone: every item stays a child of its list', async () => {
    const box = await sanitizeBody(`<ol>${'<li>mục</li>'.repeat(5_000)}</ol>`, LABELS);
    const list = box.querySelector('ol')!;
    expect(list.children.length).to.equal(5_000);
    expect(list.querySelector('.chunk')).to.equal(null);
  });
});
