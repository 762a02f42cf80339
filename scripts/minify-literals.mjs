// Minifies the kit's `css` and `html` template literals as rollup reads dist/esm: tsc keeps every
// space and comment of the styles and templates, which no reader needs.
//
// css`…` (the styles have no `${…}`): comments dropped, white space folded, and the spaces around
// `{ } ; , >`, after `:` and before `!important` removed. html`…`: only the line breaks with their indentation become
// one space (HTML folds white space anyway; the kit's templates hold no <pre>).

/** A tagged template as tsc writes it: `css \`…\``, up to the first backtick (none is nested in styles). */
const CSS_LITERAL = /\bcss ?`([^`]*)`/g;
/** The static text of html templates: from a backtick or `}` to the next backtick or `${`. */
const HTML_LITERAL = /\bhtml ?`/g;

export function minifyCss(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/ ?([{};,>]) ?/g, '$1')
    .replace(/: /g, ':')
    .replace(/ !important/g, '!important')
    .replace(/;}/g, '}')
    .trim();
}

/** Folds every line break and the indentation after it into one space, inside html`…` literals. */
function minifyHtmlLiterals(code) {
  let out = '';
  let copied = 0;
  for (const match of code.matchAll(HTML_LITERAL)) {
    const start = match.index + match[0].length;
    if (start < copied) continue;
    const end = literalEnd(code, start);
    out += code.slice(copied, start) + code.slice(start, end).replace(/\n\s*/g, ' ');
    copied = end;
  }
  return out + code.slice(copied);
}

/** Index of the backtick that closes the literal starting at `start`, skipping `${…}` (with nested literals). */
function literalEnd(code, start) {
  let depth = 0;
  for (let index = start; index < code.length; index += 1) {
    const char = code[index];
    if (char === '\\') index += 1;
    else if (char === '`') {
      if (depth === 0) return index;
      index = literalEnd(code, index + 1);
    } else if (char === '$' && code[index + 1] === '{') {
      depth += 1;
      index += 1;
    } else if (char === '}' && depth > 0) depth -= 1;
  }
  return code.length;
}

export function minifyLiterals() {
  return {
    name: 'egov-minify-literals',
    transform(code, id) {
      if (!id.includes('/dist/esm/')) return null;
      const minified = minifyHtmlLiterals(code.replace(CSS_LITERAL, (_literal, text) => `css\`${minifyCss(text)}\``));
      return minified === code ? null : { code: minified, map: null };
    },
  };
}
