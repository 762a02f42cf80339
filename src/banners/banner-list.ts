/**
 * Where the banners come from (the element's own `<a><img></a>` children or a JSON file) and the
 * checks they pass before they are shown: `http:`/`https:` links and images only, a text for
 * every image.
 */
import { ShapeError } from '../shared/fetch-json.js';
import { leftOut, safeHref } from '../shared/safe-url.js';
import { tidy, anchorText } from '../shared/anchor-text.js';
import { mapObjects, optionalString, ownValue, requiredString } from '../shared/validate.js';

/** A banner as written by the webmaster, not yet checked. */
export interface BannerSource {
  href: string;
  image: string;
  alt?: string | undefined;
  /** The link's own text, used when the image has no `alt`. */
  text?: string | undefined;
  width?: number | undefined;
  height?: number | undefined;
}

/** A banner that passed the checks. */
export interface Banner {
  href: string;
  image: string;
  alt: string;
  width?: number | undefined;
  height?: number | undefined;
}

function dimension(value: string | null): number | undefined {
  const number = Number(value);
  return value && Number.isInteger(number) && number > 0 ? number : undefined;
}

/** The banners written inside the element: each `<a href>` with an `<img>` in it. */
export function readInlineBanners(host: HTMLElement): BannerSource[] {
  return [...host.querySelectorAll('a[href]')].flatMap((anchor) => {
    const image = anchor.querySelector('img');
    if (!image) return [];
    return [{
      href: anchor.getAttribute('href') ?? '',
      image: image.getAttribute('src') ?? '',
      alt: image.getAttribute('alt') ?? undefined,
      text: anchorText(anchor),
      width: dimension(image.getAttribute('width')),
      height: dimension(image.getAttribute('height')),
    }];
  });
}

/** Checks the JSON of `src`: an array of `{href, image, alt, width?, height?}`. */
export function parseBannersJson(data: unknown): BannerSource[] {
  return mapObjects(data, 'banners', (item, path) => ({
    href: requiredString(item, 'href', `${path}.href`),
    image: requiredString(item, 'image', `${path}.image`),
    alt: optionalString(item, 'alt', `${path}.alt`),
    width: size(ownValue(item, 'width'), `${path}.width`),
    height: size(ownValue(item, 'height'), `${path}.height`),
  }));
}

function size(value: unknown, path: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  throw new ShapeError(`${path} must be a whole number of pixels`);
}

/**
 * The banners to show: any with a link or image that is not http(s) left out, and a text for
 * every image (its `alt`, else the link's text, else the link's host). Each problem is passed to
 * `warn` as a sentence.
 */
export function prepareBanners(sources: readonly BannerSource[], warn: (message: string) => void): Banner[] {
  const banners: Banner[] = [];
  for (const source of sources) {
    const href = safeHref(source.href);
    const image = safeHref(source.image);
    if (!href || !image) {
      warn(leftOut(`the banner ${JSON.stringify(source.href)} with image ${JSON.stringify(source.image)}`));
      continue;
    }
    let alt = tidy(source.alt) || tidy(source.text);
    if (!alt) {
      alt = new URL(href).host;
      warn(`the banner image ${image} has no alt text: it is named "${alt}", after its link.`);
    }
    banners.push({ href, image, alt, width: source.width, height: source.height });
  }
  return banners;
}
