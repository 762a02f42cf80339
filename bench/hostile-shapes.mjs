// Article bodies built to freeze the reader's page, each of about `size` characters (ASCII, so
// characters are bytes). Used by tests/article-view/hostile-bodies.test.ts and by row 6 of the bench.

function repeatTo(unit, size) {
  return unit.repeat(Math.max(1, Math.floor(size / unit.length)));
}

/** @type {Record<string, (size: number) => string>} */
export const hostileBodies = {
  'repeated unclosed <style start tags': (size) => repeatTo('<style ', size),
  'unclosed <style tags hidden in a comment': (size) => `<p>Tin</p><!--${repeatTo('<style ', size - 20)}-->`,
  'deep nesting': (size) => `${repeatTo('<div><em>', size / 2)}x${repeatTo('</em></div>', size / 2)}`,
  'unclosed inline tags': (size) => repeatTo('<span><b>x', size),
  'paragraphs (200,000 at 1.6 MB)': (size) => repeatTo('<p>x</p>', size),
  'one huge text node': (size) => `<p>${repeatTo('chu ', size - 7)}</p>`,
  'unclosed attribute values': (size) => repeatTo("<b title='x", size),
  'repeated unclosed tags with handlers': (size) => repeatTo('<img src=x onerror ', size),
  'unclosed tags, each followed by a stray end tag': (size) => repeatTo('<span>x</i>', size),
  'formatting tags left open, re-created in every paragraph': (size) => {
    // The parser re-opens each formatting element still open (up to three alike: these differ) in
    // every new paragraph: 250 elements for each 4 characters of `<p>x`.
    const open = Array.from({ length: 250 }, (_, index) => `<b title=${index}>`).join('');
    return `<p>${open}x${repeatTo('<p>x', size - open.length - 4)}`;
  },
};

/**
 * Bodies not built to freeze the page but large, with an attribute on every few elements: the
 * kit's rules have an element to change in each (bench row 6 only; ASCII, like those above).
 */
export const largeBodies = {
  'links (a link to a new tab in each paragraph)': (size) => repeatTo('<p>doan <a href="https://a.vn/x" target="_blank">lien ket</a> chu</p>', size),
  'images (an image in each paragraph)': (size) => repeatTo('<p>anh <img src="/bench/anh.png" alt="anh"></p>', size),
  'paragraphs left unclosed (no </p>, as older editors write them)': (size) => repeatTo('<p>doan van ban tin tuc ', size),
};
