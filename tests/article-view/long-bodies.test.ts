// Long remote bodies: split into chunks the browser lays out only near the screen
// (body-chunks.ts), every node kept in order, still read aloud and printed whole; and every shape
// built to freeze the page, up to the 2 MB cap, sanitized with work in proportion to its size.
// long-bodies-fallback.test.ts runs the same through DOMPurify.
import { expect, oneEvent } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import '../../src/define.js';
import type { EgovArticleView } from '../../src/article-view/article-view.js';
import { laidOutText } from '../../src/article-view/read-aloud.js';
import { sanitizeBody } from '../../src/article-view/sanitize.js';
import { SLICE_CHARS } from '../../src/article-view/chunk-marks.js';
import { chunkLongBody, LONG_TEXT } from '../../src/article-view/body-chunks.js';
import { hostileBodies } from '../../bench/hostile-shapes.mjs';

const LABELS = { table: () => 'Bảng', newTab: '(mở trong thẻ mới)' };

/** `count` numbered paragraphs: `<p>0</p><p>1</p>…`. */
function numberedParagraphs(count: number): string {
  return Array.from({ length: count }, (_, index) => `<p>${index}</p>`).join('');
}

/** The numbers `numberedParagraphs(count)` shows, in order: the oracle for its text. */
function numbers(count: number): string {
  return Array.from({ length: count }, (_, index) => String(index)).join('');
}

/**
 * A task the page has waiting at every turn, counting the turns it gets (until `stop`): while a
 * body is prepared in one piece, it gets none.
 */
function pageTurns(): { readonly turns: number; stop: () => void } {
  let turns = 0;
  let ticking = true;
  const ticker = new MessageChannel();
  ticker.port1.onmessage = () => {
    turns += 1;
    if (ticking) ticker.port2.postMessage(undefined);
  };
  ticker.port2.postMessage(undefined);
  return {
    get turns() {
      return turns;
    },
    stop: () => {
      ticking = false;
    },
  };
}

function elementCount(box: Element): number {
  return box.getElementsByTagName('*').length;
}

describe('a long remote article body', () => {
  // The parts a long body uses (the chunk marks; DOMPurify in the fallback's run) loaded first:
  // their loading gives the page turns of its own, which the tests that count turns must not see.
  before(async function () {
    this.timeout(60_000);
    await sanitizeBody('<p>x</p>'.repeat(70_000), LABELS);
  });

  it('is split into chunks of a hundred paragraphs, every paragraph kept in order', async function () {
    this.timeout(120_000);
    const box = await sanitizeBody(numberedParagraphs(200_000), LABELS);
    expect(box.children.length).to.equal(2_000);
    expect([...box.children].every((chunk) => chunk.localName === 'div' && chunk.className === 'chunk' && chunk.childElementCount === 100)).to.equal(true);
    expect(box.querySelectorAll(':scope > .chunk > p').length).to.equal(200_000);
    expect(box.textContent).to.equal(numbers(200_000));
  });

  it('is parsed a slice at a time, the page going on with its own tasks in between', async function () {
    this.timeout(120_000);
    const page = pageTurns();
    const body = numberedParagraphs(100_000);
    const box = await sanitizeBody(body, LABELS).finally(page.stop);
    expect(box.textContent).to.equal(numbers(100_000));
    // About a turn a slice: in one piece, the page got none while the body was parsed.
    expect(page.turns).to.be.at.least(Math.floor(body.length / SLICE_CHARS / 2));
  });

  it('applies the kit’s rules a slice at a time too', async function () {
    this.timeout(120_000);
    const page = pageTurns();
    // The turns of the page in which links got their `rel`: one, when the rules ran over the whole body at the end.
    const turnsWithRules = new Set<number>();
    let inPageDocument = 0;
    const setAttribute = Element.prototype.setAttribute;
    Element.prototype.setAttribute = function (this: Element, name: string, value: string) {
      if (name === 'rel') turnsWithRules.add(page.turns);
      if (this.ownerDocument === document) inPageDocument += 1;
      setAttribute.call(this, name, value);
    };
    const body = '<p>đoạn <a href="https://a.vn/" target="_blank">liên kết</a></p>'.repeat(12_000);
    try {
      const box = await sanitizeBody(body, LABELS);
      expect(box.querySelectorAll('a[rel="noopener noreferrer"]').length).to.equal(12_000);
    } finally {
      Element.prototype.setAttribute = setAttribute;
      page.stop();
    }
    expect(turnsWithRules.size).to.be.at.least(Math.floor(body.length / SLICE_CHARS / 2));
    // Every rule is applied before a slice joins the page's document.
    expect(inPageDocument).to.equal(0);
  });

  it('keeps what follows the chunks, whatever slice it falls in', async function () {
    this.timeout(120_000);
    // 480 chunks of 1,100 characters, 8 slices exactly, then what the scan does not follow: alone
    // in a slice, DOMPurify would read it as a frameset document, with no body.
    const box = await sanitizeBody(`${'<p>đoạn</p>'.repeat(48_000)}<frameset><p>sau</p>`, LABELS);
    expect(box.querySelectorAll('p').length).to.equal(48_001);
    expect(box.lastElementChild!.textContent).to.equal('sau');
  });

  it('stops preparing a long body once its signal aborts (another src)', async function () {
    this.timeout(120_000);
    const controller = new AbortController();
    const preparing = sanitizeBody(numberedParagraphs(100_000), LABELS, controller.signal);
    controller.abort();
    const error = await preparing.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect((error as DOMException | undefined)?.name).to.equal('AbortError');
  });

  it('leaves an everyday article unsplit', async () => {
    const article = (await (await fetch('/demo/data/articles/phu-luong-can-bo.json')).json()) as { body: string };
    const box = await sanitizeBody(article.body, LABELS);
    expect(box.querySelector('.chunk')).to.equal(null);
    expect(box.querySelectorAll('p').length).to.equal((article.body.match(/<p>/g) ?? []).length);
  });

  it('splits a long run of paragraphs inside a wrapper too, never the items of a list', async () => {
    const items = Array.from({ length: 3_000 }, (_, index) => `<li>${index}</li>`).join('');
    const box = await sanitizeBody(`<div>${numberedParagraphs(3_000)}</div><ul>${items}</ul>`, LABELS);
    const wrapper = box.querySelector(':scope > div')!;
    expect(wrapper.children.length).to.equal(30);
    expect([...wrapper.children].every((chunk) => chunk.className === 'chunk')).to.equal(true);
    const list = box.querySelector('ul')!;
    expect(list.children.length).to.equal(3_000);
    expect([...list.children].every((item) => item.localName === 'li')).to.equal(true);
  });

  it('starts each chunk with a block, so no line of text is cut in two', async () => {
    // 1,500 times: a paragraph, then a line of loose text and bold words (4 nodes each time).
    const box = await sanitizeBody('<p>đoạn</p>chữ <b>đậm</b> thường '.repeat(1_500), LABELS);
    const chunks = [...box.children];
    expect(chunks.length).to.equal(60);
    for (const chunk of chunks) {
      expect(chunk.firstChild!.nodeName).to.equal('P');
      expect(chunk.childNodes.length).to.equal(100);
    }
  });

  it('cuts one huge text node into blocks after a space, the text unchanged', async () => {
    const text = 'chữ '.repeat(300_000);
    const box = await sanitizeBody(`<p>${text}</p>`, LABELS);
    const pieces = [...box.querySelector('p')!.childNodes];
    expect(pieces.length).to.equal(120);
    for (const piece of pieces) {
      expect(piece.nodeName).to.equal('SPAN');
      expect((piece as Element).className).to.equal('chunk');
      expect(piece.textContent!.length).to.be.at.most(10_000);
      expect(piece.textContent!.endsWith(' ')).to.equal(true);
    }
    expect(box.textContent).to.equal(text);
  });

  it('cuts a long text the parser gave in several nodes as one text: the same pieces wherever the parser cut', async () => {
    const text = 'chữ '.repeat(30_000);
    const whole = document.createElement('div');
    whole.append(Object.assign(document.createElement('p'), { textContent: text }));
    // Cut as Chromium's parser cuts a long text in some versions, at 65,536 characters, and elsewhere.
    const cut = document.createElement('div');
    const paragraph = cut.appendChild(document.createElement('p'));
    paragraph.append(text.slice(0, 65_536), text.slice(65_536, 65_536 + 51_000), text.slice(65_536 + 51_000));
    chunkLongBody(whole, [whole.querySelector('p')!.firstChild as Text]);
    chunkLongBody(cut, [...paragraph.childNodes].filter((node) => (node as Text).length > LONG_TEXT) as Text[]);
    const pieces = (box: HTMLElement) => [...box.querySelector('p')!.childNodes].map((piece) => `${piece.nodeName}:${piece.textContent!.length}`);
    expect(pieces(cut)).to.deep.equal(pieces(whole));
    expect(pieces(cut)).to.have.length(12);
    expect(cut.textContent).to.equal(text);
  });

  it('cuts a huge word where it must, never inside a character', async () => {
    const word = `${'x'.repeat(9_999)}😀`.repeat(6);
    const box = await sanitizeBody(`<p>${word}</p>`, LABELS);
    const pieces = [...box.querySelector('p')!.childNodes].map((piece) => piece.textContent!);
    expect(pieces.every((piece) => !/[\ud800-\udbff]$/.test(piece) && !/^[\udc00-\udfff]/.test(piece))).to.equal(true);
    expect(pieces.join('')).to.equal(word);
  });

  it('leaves an everyday paragraph of text whole', async () => {
    const box = await sanitizeBody(`<p>${'chữ '.repeat(10_000)}</p>`, LABELS);
    expect(box.querySelector('p')!.childNodes.length).to.equal(1);
  });

  describe('in the page', () => {
    let element: EgovArticleView;
    let url: string;

    before(async function () {
      this.timeout(120_000);
      const json = JSON.stringify({ heading: 'Tin', published: '2018-05-11', author: 'Quang Sơn', body: numberedParagraphs(20_000) });
      url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
      element = document.createElement('egov-article-view') as EgovArticleView;
      const loaded = oneEvent(element, 'egov-article-load');
      element.src = url;
      document.body.append(element);
      await loaded;
    });

    after(async () => {
      await emulateMedia({ media: 'screen' });
      element.remove();
      URL.revokeObjectURL(url);
    });

    const body = (): HTMLElement => element.shadowRoot!.querySelector<HTMLElement>('[part="body"] > div')!;

    it('lays out only the chunks near the screen, and prints them all', async () => {
      const chunks = body().querySelectorAll('.chunk');
      expect(chunks.length).to.equal(200);
      expect(getComputedStyle(chunks[199]!).contentVisibility).to.equal('auto');
      await emulateMedia({ media: 'print' });
      expect(getComputedStyle(chunks[199]!).contentVisibility).to.equal('visible');
      await emulateMedia({ media: 'screen' });
    });

    it('gives read-aloud the text of the chunks off screen, one paragraph a line', () => {
      // What the browser's innerText alone gives: the chunks off screen are skipped.
      expect(body().innerText.split(/\n+/).length).to.be.below(20_000);
      const lines = laidOutText(body()).split(/\n+/);
      expect(lines.length).to.equal(20_000);
      expect(lines.at(-1)).to.equal('19999');
    });
  });

  // Time in proportion to size is measured in hostile-bodies.test.ts (pre-parse and render) and in
  // the bench; here the work, counted: four times the input never makes more than four times the
  // elements, nor more chunks than one per hundred nodes or ten thousand characters.
  for (const [shape, make] of Object.entries(hostileBodies)) {
    it(`sanitizes ${shape} into work in proportion to its size, up to the 2 MB cap`, async function () {
      this.timeout(300_000);
      const quarter = await sanitizeBody(make(450_000), LABELS);
      const full = await sanitizeBody(make(1_800_000), LABELS);
      expect(elementCount(full)).to.be.at.most(4 * elementCount(quarter) + 1);
      const chunks = full.querySelectorAll('.chunk').length;
      expect(chunks).to.be.at.most(elementCount(full) / 100 + 1_800_000 / 10_000);
    });
  }
});
