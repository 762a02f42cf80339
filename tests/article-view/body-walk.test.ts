// The work done on a sanitized body after parsing, counted: the kit's rules walk each node once
// (and find the long text nodes on the way, so chunking walks nothing again), twice the body is
// exactly twice the walk; long runs of inline content are chunked too. Runs through either
// sanitizer (body-walk-fallback.test.ts runs it again through DOMPurify).
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { preParsed, SLICE_CHARS, withChunkMarks } from '../../src/article-view/chunk-marks.js';
import { MAX_DEPTH, withoutInlineCode } from '../../src/article-view/pre-parse.js';
import { walkKitRules, sanitizeBody } from '../../src/article-view/sanitize.js';
import { hostileBodies } from '../../bench/hostile-shapes.mjs';

const LABELS = { table: () => 'Bảng', newTab: '(mở trong thẻ mới)' };

/** A detached box holding `html` as the browser parses it (test input, not the code under test). */
function boxOf(html: string): HTMLElement {
  const box = document.implementation.createHTMLDocument('').createElement('div');
  box.innerHTML = html;
  return box;
}

describe('the walk over a sanitized body', () => {
  it('visits each element and each text node once', () => {
    // 3 elements and 3 text nodes per repeat: <p>, "x", <b>, "y", " ", <img>.
    const { visited } = walkKitRules(boxOf('<p>x<b>y</b> <img src="a.png" alt=""></p>'.repeat(1_000)), LABELS);
    expect(visited).to.equal(6_000);
  });

  it('costs exactly twice as much for a body twice as long', () => {
    const unit = '<p>đoạn <a href="https://a.vn/" target="_blank">liên kết</a></p><table><tr><td>1</td></tr></table>';
    const once = walkKitRules(boxOf(unit.repeat(5_000)), LABELS).visited;
    const twice = walkKitRules(boxOf(unit.repeat(10_000)), LABELS).visited;
    expect(twice).to.equal(2 * once);
  });

  it('finds the text nodes longer than 50,000 characters on the way, and only those', () => {
    const long = 'chữ '.repeat(12_501); // 50,004 characters
    const { longTexts } = walkKitRules(boxOf(`<p>${long}</p><p>${'chữ '.repeat(12_500)}</p><div><em>${long}</em></div>`), LABELS);
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

/**
 * The browser's own reading of `html` (the oracle), and of the same body with chunk marks, whose
 * chunks are then opened again: the serialized trees, to compare.
 */
function parsedWithAndWithoutMarks(html: string): { plain: string; marked: string; chunks: number } {
  const { slices, chunks } = withChunkMarks(html);
  const markedHtml = slices.join('');
  const box = boxOf(markedHtml);
  const nodes = [...box.childNodes];
  expect(nodes.slice(0, chunks).every((chunk) => chunk.nodeName === 'DIV'), 'one <div> per chunk first').to.equal(true);
  // What follows the chunks (the rest of a body whose scan stopped) is serialized as it is.
  const rest = boxOf('');
  rest.append(...nodes.slice(chunks));
  const marked = nodes.slice(0, chunks).map((chunk) => (chunk as Element).innerHTML).join('') + rest.innerHTML;
  return { plain: boxOf(html).innerHTML, marked, chunks };
}

/** Markup the scan follows, nested in every way the tree builder mends (paragraphs in paragraphs, blocks in emphasis, links in links…). */
const followed = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('chữ', ' ', '\n', 'a < b', '&amp;', '<br>', '<img src="a.png" alt="">', '<hr>', '<!-- ghi chú -->', '<!---->', '<!-->', '<wbr>'),
    fc.tuple(
      fc.constantFrom('p', 'span', 'a', 'b', 'strong', 'i', 'em', 'u', 's', 'h1', 'h2', 'h3', 'ul', 'ol', 'li', 'blockquote', 'section', 'figure', 'figcaption', 'code', 'q'),
      fc.constantFrom('', ' title="x > y"', " title='</p><div>'", ' href=a>b', ' / ', ' x = "1"y'),
      fc.array(tie('node'), { maxLength: 4 }),
    ).map(([name, attributes, children]) => `<${name}${attributes}>${children.join('')}</${name}>`),
  ),
})).node;

/** What makes the scan stop: elements it does not follow, stray or misnested end tags, declarations. */
const unfollowed = fc.constantFrom(
  '<table><tr><td>1</td></tr></table>', '<b><i>x</b></i>', '</p>', '</br>', '</div>', '<p>không đóng', '<!doctype html>',
  '<textarea></div><div></textarea>', '<plaintext>', '<xmp></div></xmp>', '<script>"</div>"</script>', '<svg><p>x</p></svg>',
  '<select><option>1</select>', '<div>x</div>', '<li><div><li></li></div></li>', '<template><p>x</template>', '<!-- không đóng', '<p title="</div><div>', '<font>x</font>', '</ >', '<?xml?>',
);

describe('the chunk marks put into a long body before parsing', () => {
  it('change nothing but which <div> holds each top-level node, in random markup the scan follows', function () {
    this.timeout(60_000);
    fc.assert(
      fc.property(fc.array(followed, { minLength: 1, maxLength: 30 }), (units) => {
        const html = units.join('').concat('<p>đoạn</p>'.repeat(1_001));
        const { plain, marked, chunks } = parsedWithAndWithoutMarks(html);
        expect(chunks).to.be.above(1);
        expect(marked).to.equal(plain);
      }),
      { numRuns: 300 },
    );
  });

  it('follow paragraphs and list items left unclosed, as the parser closes them, changing nothing', function () {
    this.timeout(60_000);
    const unclosed = fc.constantFrom('<p>đoạn ', '<p>', '</p>', '<li>mục ', '<ul><li>một<li>hai</ul>', '<ol><li><p>một<li>hai</ol>', '<h2>tiêu đề</h2>', '<p><b>đậm</b> thường', '<blockquote><p>trích</blockquote>', '<hr>',
      '<p><b>đậm', '<p><em>nghiêng<p>tiếp', '</b>', '</em>', '<i>', '<li><strong>mạnh<li>', '<a href=x>liên kết<p>',
      // A phrase or formatting element around a paragraph or item left open: its end tag does not close them (review).
      '<span><p>x</span>', '<q><p>x</q>', '<span><li>x</span>', '<b><li>x</b>', '<em><p>x</em>', '<a href=x><li>x</a>', '<ul><li><span>x</ul>');
    fc.assert(
      fc.property(fc.array(fc.oneof(followed, unclosed), { minLength: 1, maxLength: 30 }), (units) => {
        // An item left open holds every paragraph after it: no chunks then, and nothing changed.
        const html = units.join('').concat('<p>đoạn không đóng '.repeat(1_001));
        const { plain, marked } = parsedWithAndWithoutMarks(html);
        expect(marked).to.equal(plain);
      }),
      { numRuns: 300 },
    );
    const { plain, marked, chunks } = parsedWithAndWithoutMarks('<h2>Tin</h2><p>đoạn không đóng '.repeat(1_000));
    expect(chunks, 'a body of unclosed paragraphs is chunked').to.be.above(1);
    expect(marked).to.equal(plain);
    // Before: one slice, parsed in one task (1.6 s for 1.8 MB).
    expect(withChunkMarks('<p>đoạn không đóng '.repeat(10_000)).slices.length, 'and sliced').to.be.above(2);
    // Formatting elements closed with a paragraph open again in the next, until their end tags
    // come (here those the pre-parse step adds: hostile-bodies.test.ts).
    const reopened = parsedWithAndWithoutMarks(withoutInlineCode(hostileBodies['formatting tags left open, re-created in every paragraph']!(100_000)));
    expect(reopened.chunks, 'formatting tags left open, then closed').to.be.above(1);
    expect(reopened.marked).to.equal(reopened.plain);
  });

  it('stop at what the scan does not follow, and still change nothing else', () => {
    fc.assert(
      fc.property(fc.array(followed, { maxLength: 10 }), unfollowed, fc.nat(1_500), (units, stop, at) => {
        const paragraphs = '<p>đoạn</p>'.repeat(1_500);
        const cut = at * 11;
        const html = `${units.join('')}${paragraphs.slice(0, cut)}${stop}${paragraphs.slice(cut)}`;
        const { plain, marked } = parsedWithAndWithoutMarks(html);
        expect(marked).to.equal(plain);
      }),
      { numRuns: 150 },
    );
  });

  it('cut the body into slices that each, parsed alone as a fragment or as a document, give what they give in the whole', () => {
    const parsedAlone = (slices: string[], parse: (html: string) => string) => ({
      whole: parse(slices.join('')),
      slices: slices.map(parse).join(''),
    });
    const asFragment = (html: string) => boxOf(html).innerHTML;
    const asDocument = (html: string) => new DOMParser().parseFromString(html, 'text/html').body.innerHTML;
    fc.assert(
      fc.property(fc.array(followed, { maxLength: 10 }), unfollowed, fc.nat(1_500), fc.integer({ min: 50, max: 3_000 }), (units, stop, at, sliceChars) => {
        const paragraphs = '<p>đoạn</p>'.repeat(1_500);
        const cut = at * 11;
        const { slices } = withChunkMarks(`${units.join('')}${paragraphs.slice(0, cut)}${stop}${paragraphs.slice(cut)}`, Infinity, sliceChars);
        const fragment = parsedAlone(slices, asFragment);
        expect(fragment.slices).to.equal(fragment.whole);
        const document = parsedAlone(slices, asDocument);
        expect(document.slices).to.equal(document.whole);
      }),
      { numRuns: 150 },
    );
  });

  it('come from one scan of a plain body, which has no inline code to cut (but in comments)', () => {
    fc.assert(
      fc.property(fc.array(followed, { maxLength: 30 }), (units) => {
        const html = units.join('');
        if (withChunkMarks(html).plain) expect(withoutInlineCode(html)).to.equal(html);
      }),
      { numRuns: 300 },
    );
    expect(preParsed('<p onclick="alert(1)">x</p>').slices.join('')).to.equal('<p >x</p>');
    // Nested deeper than the pre-parse allows: not plain, so the deepest tags are cut.
    expect(withChunkMarks(`${'<b>'.repeat(256)}${'</b>'.repeat(256)}`, 256).plain).to.equal(true);
    expect(withChunkMarks(`${'<b>'.repeat(257)}${'</b>'.repeat(257)}`, 256).plain).to.equal(false);
    expect(preParsed(`${'<b>'.repeat(257)}x${'</b>'.repeat(257)}`).slices.join('')).to.equal(`${'<b>'.repeat(256)}x${'</b>'.repeat(256)}`);
    expect(preParsed('<p>x</p><style>p{}</style>').slices.join('')).to.equal('<p>x</p>');
  });

  it('come out the same when the scan of the uncut body is reused as when the cut body is scanned again', () => {
    const inlineCode = fc.constantFrom('<p style="color:red">x</p>', '<style>p{}</style>', '<b onclick=x>y</b>', '<p class="a">x</p>', '<img src="a.png" alt="">',
      `${'<b>'.repeat(257)}x${'</b>'.repeat(257)}`, '<STYLE>p{}</STYLE >', '<style>không đóng');
    const unit = fc.oneof(followed, unfollowed, inlineCode);
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 10 }), fc.array(unit, { maxLength: 3 }), (before, after) => {
        const html = `${before.join('')}${'<p>đoạn</p>'.repeat(1_001)}${after.join('')}`;
        // A plain body is scanned once and not cut (the test above; what looks like inline code in
        // its comments stays, and goes with them): any other is as if cut, then scanned.
        if (!withChunkMarks(html, MAX_DEPTH).plain) expect(preParsed(html)).to.deep.equal(withChunkMarks(withoutInlineCode(html)));
      }),
      { numRuns: 300 },
    );
  });

  it('keep the chunks before what the scan does not follow', () => {
    const { slices, chunks } = withChunkMarks(`${'<p>đoạn</p>'.repeat(3_000)}<table><tr><td>1</td></tr></table></div>${'<p>đoạn</p>'.repeat(3_000)}`);
    expect(chunks).to.equal(30);
    const box = boxOf(slices.join(''));
    expect([...box.children].slice(0, 30).every((chunk) => chunk.localName === 'div' && chunk.childElementCount === 100)).to.equal(true);
    expect(box.childElementCount).to.equal(30 + 1 + 3_000);
  });

  it('are put into a long top level only, each chunk starting with a block', () => {
    expect(withChunkMarks('<p>đoạn</p>'.repeat(1_000)).chunks).to.equal(0);
    const { slices, chunks } = withChunkMarks('<p>đoạn</p>chữ <b>đậm</b> '.repeat(1_500));
    expect(chunks).to.equal(60);
    expect(slices.join('').split('</div><div>').slice(1).every((chunk) => chunk.startsWith('<p>'))).to.equal(true);
    expect(withChunkMarks(`<div>${'<p>đoạn</p>'.repeat(5_000)}</div>`).chunks).to.equal(0);
  });

  it('cut the marked body into slices that each, parsed alone, give what they give in the whole', () => {
    const unit = '<p>đoạn <b>đậm <i>nghiêng</i></b></p><!-- ghi chú --><ul><li>một</li><li>hai</li></ul>chữ a < b &amp; <br><h2>Mục</h2>';
    const { slices, chunks } = withChunkMarks(`${unit.repeat(4_000)}<table><tr><td>1</td></tr></table>${unit.repeat(100)}`);
    expect(chunks).to.be.above(100);
    expect(slices.length).to.be.above(3);
    expect(slices.slice(0, -1).every((slice) => slice.length >= SLICE_CHARS)).to.equal(true);
    expect(slices.at(-1)).to.contain('<table>');
    expect(slices.map((slice) => boxOf(slice).innerHTML).join('')).to.equal(boxOf(slices.join('')).innerHTML);
  });

  it('start every slice with a chunk, so what follows the chunks never has a slice of its own', () => {
    // Chunks of 1,100 characters: some of these counts end a slice exactly at the last chunk.
    for (let paragraphs = 5_000; paragraphs <= 14_000; paragraphs += 100) {
      const { slices } = withChunkMarks(`${'<p>đoạn</p>'.repeat(paragraphs)}<frameset><p>sau</p>`);
      expect(slices.every((slice) => slice.startsWith('<div>')), `${paragraphs} paragraphs`).to.equal(true);
    }
  });

  it('tell the walk what it may pass over: nothing when the whole body is plain paragraphs', () => {
    expect(withChunkMarks('<p>đoạn <b>đậm</b></p>'.repeat(2_000)).show).to.equal(0);
    expect(withChunkMarks('<p>đoạn <a href="https://a.vn/">liên kết</a></p>').show).to.equal(NodeFilter.SHOW_ELEMENT);
    expect(withChunkMarks('<p>ảnh <img></p>').show).to.equal(NodeFilter.SHOW_ELEMENT);
    expect(withChunkMarks(`<p>${'chữ '.repeat(12_501)}</p>`).show).to.equal(NodeFilter.SHOW_TEXT);
    // Text either side of a comment may become one node: counted as one run.
    expect(withChunkMarks(`<p>${'chữ '.repeat(6_251)}<!-- -->${'chữ '.repeat(6_251)}</p>`).show & NodeFilter.SHOW_TEXT).to.equal(NodeFilter.SHOW_TEXT);
    // Past what the scan follows, it knows nothing: the walk visits everything.
    expect(withChunkMarks(`<p>đoạn</p></x><p>đoạn</p>`).show).to.equal(NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  });

  it('leave a long body of plain paragraphs sanitized into chunks with no walk at all, rules still applied elsewhere', async function () {
    this.timeout(60_000);
    // Over 500,000 characters: marked before parsing by the chunk-marks part.
    const box = await sanitizeBody(`${'<p>đoạn</p>'.repeat(49_999)}<p><a href="javascript:alert(1)" target="_blank">x</a><img src="a.png"></p>`, LABELS);
    expect(box.children.length).to.equal(500);
    expect([...box.children].every((chunk) => chunk.className === 'chunk')).to.equal(true);
    const link = box.querySelector('a')!;
    expect(link.hasAttribute('href')).to.equal(false);
    expect(box.querySelector('img')!.getAttribute('loading')).to.equal('lazy');
  });
});
