// Minifies the kit's `css` and `html` template literals as rollup reads dist/esm: tsc keeps every
// space and comment of the styles and templates, which no reader needs.
//
// css`…` (outside its `${…}`, left as they are): comments dropped, white space folded, the spaces
// around `{ } ; , >`, after `:` and before `!important` removed, `0.5` written `.5`, a colour
// `#ffffff` written `#fff`, and the kit's private custom properties (`--_primary`: set and read
// only inside its shadow roots, never by a page, which styles through `--egov-…`) renamed `--_0`,
// `--_1`… html`…`: the line breaks with their indentation become one space (HTML folds white
// space anyway; the kit's templates hold no <pre>), and HTML comments without a `${…}` inside are
// dropped (notes for whoever reads the source, never shown).

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The folder of the ES modules tsc writes, which rollup bundles: the only modules minified here. */
const ESM = '/dist/esm/';

/** A tagged template as tsc writes it: `css \`…\``, up to the first backtick (none is nested in styles). */
const CSS_LITERAL = /\bcss ?`([^`]*)`/g;
/** The static text of html templates: from a backtick or `}` to the next backtick or `${`. */
const HTML_LITERAL = /\bhtml ?`/g;

/** An HTML comment in a template, unless an expression stands in it. */
const HTML_COMMENT = /<!--(?:(?!\$\{)[\s\S])*?-->/g;

/** A private custom property: `--_` then a name. */
const PRIVATE_PROPERTY = /--_[\w-]+/g;

/**
 * `shorten(name)`: a short name for each private custom property of the ES modules in `dir`, by
 * their sorted list, so that every build of the same sources gives the same bytes (the modules
 * are transformed in no fixed order).
 */
function privatePropertyNames(dir) {
  const found = new Set();
  for (const file of readdirSync(dir, { recursive: true })) {
    if (String(file).endsWith('.js')) for (const [name] of readFileSync(join(dir, String(file)), 'utf8').matchAll(PRIVATE_PROPERTY)) found.add(name);
  }
  const names = new Map([...found].sort().map((name, index) => [name, `--_${index.toString(36)}`]));
  return (name) => names.get(name) ?? name;
}

/** A `${…}` in a css literal (the styles interpolate plain values, with no `}` inside). */
const EXPRESSION = /\$\{[^}]*\}/g;

export function minifyCss(text, shorten = (name) => name) {
  const expressions = [];
  return text
    .replace(EXPRESSION, (expression) => `\uE000${expressions.push(expression) - 1}\uE000`)
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/ ?([{};,>/]) ?/g, '$1')
    .replace(/: /g, ':')
    .replace(/ !important/g, '!important')
    .replace(/;}/g, '}')
    .replace(/([\s:,(/])0\.(\d)/g, '$1.$2')
    .replace(/([:,( ])#([\da-f])\2([\da-f])\3([\da-f])\4\b/gi, '$1#$2$3$4')
    .replace(PRIVATE_PROPERTY, shorten)
    .trim()
    .replace(/\uE000(\d+)\uE000/g, (_placeholder, index) => expressions[Number(index)]);
}

/** Folds every line break and the indentation after it into one space, inside html`…` literals. */
function minifyHtmlLiterals(code) {
  let out = '';
  let copied = 0;
  for (const match of code.matchAll(HTML_LITERAL)) {
    const start = match.index + match[0].length;
    if (start < copied) continue;
    const end = literalEnd(code, start);
    out += code.slice(copied, start) + code.slice(start, end).replace(HTML_COMMENT, '').replace(/\n\s*/g, ' ');
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
  let shorten;
  return {
    name: 'egov-minify-literals',
    transform(code, id) {
      const esm = id.indexOf(ESM);
      if (esm === -1) return null;
      shorten ??= privatePropertyNames(id.slice(0, esm + ESM.length));
      const minified = minifyHtmlLiterals(code.replace(CSS_LITERAL, (_literal, text) => `css\`${minifyCss(text, shorten)}\``));
      return minified === code ? null : { code: minified, map: null };
    },
  };
}
