import { oneEvent, waitUntil } from '@open-wc/testing';
import type { EgovErrorDetail } from '../../src/shared/egov-element.js';

/** The text a reader sees, with white space folded. */
export function visibleText(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The shadow root of a widget, asserted present. */
export function shadow(element: Element): ShadowRoot {
  if (!element.shadowRoot) throw new Error(`${element.localName} has no shadow root`);
  return element.shadowRoot;
}

/** The element of the widget's shadow root that has the part `name` (among others), if any. */
export function part(element: Element, name: string): HTMLElement | null {
  return shadow(element).querySelector(`[part~="${name}"]`);
}

/** URL of the misbehaving test endpoint (tests/support/faulty-endpoint.mjs). */
export function faultUrl(kind: string, params: Record<string, string | number> = {}): string {
  const query = new URLSearchParams(Object.entries(params).map(([key, value]) => [key, String(value)]));
  return `/faults/${kind}${query.size ? `?${query}` : ''}`;
}

/** A key no other test uses, for endpoints that fail a set number of times and then recover. */
export function uniqueKey(prefix = 'k'): string {
  return `${prefix}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/** An address where nothing listens: the connection is refused at once. */
export const REFUSED_URL = 'http://127.0.0.1:9/nothing.json';

/** Waits for the next `egov-error` from `element`. */
export async function nextError(element: Element): Promise<EgovErrorDetail> {
  const event = await oneEvent(element, 'egov-error');
  return event.detail;
}

/** Waits until `query` finds an element in the widget's shadow root, and returns it. */
export async function inShadow<T extends Element = HTMLElement>(element: Element, selector: string, timeout = 15_000): Promise<T> {
  await waitUntil(() => shadow(element).querySelector(selector), `${selector} never appeared`, { timeout });
  return shadow(element).querySelector<T>(selector) as T;
}

/** Replaces `console.warn` for the duration of `run`, returning what was warned. */
export async function captureWarnings(run: () => unknown | Promise<unknown>): Promise<string[]> {
  const warnings: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
  try {
    await run();
  } finally {
    console.warn = original;
  }
  return warnings;
}

/** The sample article as the demo page writes it inline: the `<egov-article-view>` of demo/index.html. */
export async function demoArticleMarkup(): Promise<string> {
  const page = await (await fetch('/demo/index.html')).text();
  // An inert document: nothing in it loads or runs.
  const article = new DOMParser().parseFromString(page, 'text/html').querySelector('egov-article-view');
  if (!article) throw new Error('demo/index.html has no <egov-article-view>');
  return article.outerHTML;
}

/** Replaces own properties of an object for one test; `restore()` puts the originals back. */
export function override<T extends object>(target: T, values: Record<string, unknown>): { restore(): void } {
  const saved = Object.keys(values).map((key) => [key, Object.getOwnPropertyDescriptor(target, key)] as const);
  for (const [key, value] of Object.entries(values)) Object.defineProperty(target, key, { value, configurable: true, writable: true });
  return {
    restore() {
      for (const [key, descriptor] of saved) {
        if (descriptor) Object.defineProperty(target, key, descriptor);
        else delete (target as Record<string, unknown>)[key];
      }
    },
  };
}

/** The JSON-LD script in the light DOM, or null. */
export function jsonLdScript(element: Element): HTMLScriptElement | null {
  return element.querySelector(':scope > script[type="application/ld+json"]');
}

/** A widget's JSON-LD, once written: the kit writes it at an idle moment after the render. */
export async function jsonLd(element: Element): Promise<Record<string, unknown>> {
  await waitUntil(() => jsonLdScript(element), 'no JSON-LD was written', { timeout: 5000 });
  return JSON.parse(jsonLdScript(element)!.textContent!);
}

/** The WCAG contrast ratio of two computed colours (`rgb(…)`/`rgba(…)`, alpha ignored). */
export function contrastRatio(first: string, second: string): number {
  const luminance = (color: string): number => {
    const [r, g, b] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map((value) => {
      const channel = Number(value) / 255;
      return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [light, dark] = [luminance(first), luminance(second)].sort((a, b) => b - a);
  return (light! + 0.05) / (dark! + 0.05);
}
