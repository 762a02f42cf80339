/**
 * The step before a remote body is parsed: inline code cut (it would only fill the CSP reports),
 * nesting and attribute counts bounded (they slow the browser's HTML parser far more than their
 * size). Used by the sanitizer (sanitize.ts) and by the scan of long bodies (chunk-marks.ts).
 */

/**
 * Chrome checks `style="…"` and `on…="…"` attributes against the page's CSP the moment its HTML
 * parser creates them, even in an off-page document (and in a <template>, with
 * Document.parseHTMLUnsafe or the built-in Sanitizer): under a CSP without 'unsafe-inline', an
 * everyday CMS body with `style="text-align: justify"` filled the console and the site's CSP reports
 * with violations, though nothing was ever applied or run; a `<style>` element (pasted from Word)
 * does the same. So those attributes are cut from the start tags (tag names and other attributes'
 * values untouched) and `<style>` elements dropped before parsing; the sanitizer still judges all
 * that is left, so this step only spares the reports, it is not what makes the body safe.
 *
 * A hand-written scanner, not regular expressions: each character is looked at a bounded number of
 * times whatever the input (a regular expression that searched for the end of every unclosed
 * `<style` was quadratic, and froze the page for minutes on a 2 MB body).
 */
export function withoutInlineCode(html: string): string {
  return withoutInlineAttributes(withoutStyleElements(html));
}

/** `<style …>` up to the first `</style…>`, case-insensitive; an unclosed one is left as it is. */
const STYLE_START = /<style(?=[\s/>])/gi;
const STYLE_END = /<\/style/gi;

function withoutStyleElements(html: string): string {
  const kept: string[] = [];
  let copied = 0;
  let end = -1;
  STYLE_START.lastIndex = 0;
  for (let start = STYLE_START.exec(html); start; start = STYLE_START.exec(html)) {
    // The next `</style` after this start; found once and reused by every start before it.
    if (end < start.index) {
      STYLE_END.lastIndex = start.index;
      end = STYLE_END.exec(html)?.index ?? Infinity;
    }
    if (end === Infinity) break;
    const close = html.indexOf('>', end + 7);
    // No `>` after this `</style`: none after any later one either.
    if (close === -1) break;
    kept.push(html.slice(copied, start.index));
    copied = close + 1;
    STYLE_START.lastIndex = copied;
  }
  kept.push(html.slice(copied));
  return kept.join('');
}

/** Pieces of a tag, matched in place (sticky): each reads forward from where it starts. */
const TAG_NAME = /<[a-z][^\s/>]*/iy;
const END_TAG = /<\/[a-z][^\s/>]*/iy;
const SEPARATOR = /[\s/]*/y;
const ATTRIBUTE_NAME = /[^\s/>"'=]+/y;
const EQUALS = /\s*=\s*/y;
const DOUBLE_QUOTED = /"[^"]*"/y;
const SINGLE_QUOTED = /'[^']*'/y;
const UNQUOTED = /[^\s>]*/y;
/**
 * Attributes cut before parsing: inline code, and `is`, which makes an element one of the page's
 * customized built-in elements the moment it is parsed (its constructor runs once the body is in
 * the page; removing the attribute afterwards, as a sanitizer does, does not undo that).
 */
const INLINE_CODE = /^(?:style$|is$|on)/i;

/**
 * Elements nested deeper than this lose their tags (their text stays): the browser's HTML parser
 * slows down with every element left open (seconds for 20,000 unclosed `<span>`), and no article
 * nests this deep.
 */
export const MAX_DEPTH = 256;

/**
 * Attributes of one tag beyond this many are cut: the parser compares each attribute of a tag
 * with the ones before it (seconds for one tag of 20,000), and no article element has this many.
 */
const MAX_ATTRIBUTES = 64;

/** Elements that never stay open: void ones, and those the next of their kind closes (`<p>`, `<li>`…). */
const NEVER_NESTED = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr',
  'p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'option', 'optgroup', 'rb', 'rt', 'rp', 'rtc',
]);

/** Formatting elements: those the parser re-creates in each new block while they are open (HTML's "active formatting elements"). */
const FORMATTING = new Set(['a', 'b', 'big', 'code', 'em', 'font', 'i', 'nobr', 's', 'small', 'strike', 'strong', 'tt', 'u']);

/**
 * Formatting elements the parser may re-create beyond twice the start tags of the body. A body
 * that left 250 formatting tags open (`<b title=1>…`, unlike each other, or the parser would keep
 * three), then 60,000 `<p>x`, had each re-created in every paragraph: 250 elements for 4
 * characters, the page frozen for over 30 s by 240 KB. At each start tag the formatting elements
 * not yet ended count (closed by another element's end tag too, `<div><b>x</div>`: the parser
 * re-creates them all the same); past the allowance, end tags for them all go before the tag (their
 * text stays).
 */
const REOPENED_ALLOWANCE = 4096;

/** Length of `pattern`'s match at `at`, or -1. */
function matchAt(pattern: RegExp, html: string, at: number): number {
  pattern.lastIndex = at;
  return pattern.test(html) ? pattern.lastIndex - at : -1;
}

/**
 * The elements left open as the scan goes, as the parser would keep them, roughly, erring towards
 * more open: an end tag closes the last open element of its name and those opened after it (a
 * formatting element's, only itself: the parser keeps blocks opened inside it open), an end tag of
 * no open element is ignored (so a stray `</i>` after each `<span>` no longer hides 20,000 open
 * spans). Elements past MAX_DEPTH are noted too, for their end tags to be cut with them.
 */
class OpenElements {
  readonly names: string[] = [];
  /**
   * The formatting elements the parser re-creates in each new block: opened, and not yet ended by
   * an end tag of their name; another element's end tag does not take them off (HTML's list of
   * active formatting elements).
   */
  readonly active: string[] = [];
  private readonly counts = new Map<string, number>();

  open(name: string): void {
    if (FORMATTING.has(name) && this.names.length < MAX_DEPTH) this.active.push(name);
    this.names.push(name);
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }

  /** An end tag of `name`: where the element it closes was, or -1 when none is open. */
  close(name: string): number {
    const formatting = FORMATTING.has(name);
    if (formatting) {
      const active = this.active.lastIndexOf(name);
      if (active !== -1) this.active.splice(active, 1);
    }
    if (!this.counts.get(name)) return -1;
    const at = this.names.lastIndexOf(name);
    if (formatting) this.remove(at);
    else while (this.names.length > at) this.remove(this.names.length - 1);
    return at;
  }

  /** End tags that end every active formatting element, last first; noted as ended. */
  endFormatting(): string {
    const ends = this.active.map((name) => `</${name}>`).reverse().join('');
    for (const name of this.active) {
      const at = this.names.lastIndexOf(name);
      if (at !== -1) this.remove(at);
    }
    this.active.length = 0;
    return ends;
  }

  private remove(at: number): void {
    const [name] = this.names.splice(at, 1);
    this.counts.set(name!, this.counts.get(name!)! - 1);
  }
}

/** Cuts inline-code attributes (and attributes past the 64th) from every start tag, the tags of elements nested too deep, and closes formatting elements re-created past the allowance. */
function withoutInlineAttributes(html: string): string {
  const kept: string[] = [];
  let copied = 0;
  const open = new OpenElements();
  let starts = 0;
  let reopened = 0;
  /** Keeps what lies before `from`, and skips up to `to`. */
  const cut = (from: number, to: number, replacement = ''): void => {
    kept.push(html.slice(copied, from), replacement);
    copied = to;
  };
  for (let at = html.indexOf('<'); at !== -1; at = html.indexOf('<', at)) {
    const tag = at;
    const endName = matchAt(END_TAG, html, at);
    if (endName !== -1) {
      // Read on from just after `<`: a start tag may hide in what looks like an end tag's name.
      at += 1;
      if (open.close(html.slice(tag + 2, tag + endName).toLowerCase()) >= MAX_DEPTH) {
        at = closeOf(html, tag + endName);
        cut(tag, at);
      }
      continue;
    }
    const name = matchAt(TAG_NAME, html, at);
    if (name === -1) {
      at += 1;
      continue;
    }
    at += name;
    const cuts: [from: number, to: number, space: string][] = [];
    let attributes = 0;
    for (;;) {
      const space = matchAt(SEPARATOR, html, at);
      const nameLength = matchAt(ATTRIBUTE_NAME, html, at + space);
      if (nameLength === -1) break;
      let end = at + space + nameLength;
      const attributeName = html.slice(at + space, end);
      const equals = matchAt(EQUALS, html, end);
      if (equals !== -1) {
        const value = end + equals;
        const quoted = Math.max(matchAt(DOUBLE_QUOTED, html, value), matchAt(SINGLE_QUOTED, html, value));
        end = value + (quoted !== -1 ? quoted : matchAt(UNQUOTED, html, value));
      }
      attributes += 1;
      if (INLINE_CODE.test(attributeName) || attributes > MAX_ATTRIBUTES) cuts.push([at, end, space ? html.slice(at, at + space) : ' ']);
      at = end;
    }
    const tagName = html.slice(tag + 1, tag + name).toLowerCase();
    starts += 1;
    if (!FORMATTING.has(tagName)) {
      reopened += open.active.length;
      if (open.active.length && reopened > 2 * starts + REOPENED_ALLOWANCE) cut(tag, tag, open.endFormatting());
    }
    if (!NEVER_NESTED.has(tagName)) open.open(tagName);
    if (open.names.length > MAX_DEPTH && !NEVER_NESTED.has(tagName)) cut(tag, closeOf(html, at));
    else for (const [from, to, space] of cuts) cut(from, to, space);
  }
  kept.push(html.slice(copied));
  return kept.join('');
}

/** Just after the `>` that closes the tag whose attributes end at `at` (or `at` when there is none). */
function closeOf(html: string, at: number): number {
  const close = at + matchAt(SEPARATOR, html, at);
  return html[close] === '>' ? close + 1 : at;
}
