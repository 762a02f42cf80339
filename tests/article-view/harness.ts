/**
 * Drives `<egov-article-view>` as a reader would, and reads what it shows: the sample article inline
 * and from `src` (with its events captured), its parts and tools, its body and JSON-LD, and browser
 * features replaced for one test.
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import type { ArticleLoadDetail, EgovArticleView } from '../../src/article-view/article-view.js';
import { demoArticleMarkup, faultUrl, inShadow, part, shadow } from '../support/helpers.js';

export const ARTICLE_URL = '/demo/data/articles/phu-luong-can-bo.json';
export const TEXT_SIZE_KEY = 'egov-article-text-size';

export interface ArticleJson {
  heading: string;
  published: string;
  author: string;
  summary: string;
  body: string;
}

export const sample: ArticleJson = await (await fetch(ARTICLE_URL)).json();
export const inlineSnippet = await demoArticleMarkup();

/** A short article, for tests where the text does not matter (it keeps the test URLs short). */
export const small: ArticleJson = {
  heading: 'Huyện Phú Lương tổ chức hội nghị',
  published: '2018-05-11',
  author: 'Quang Sơn',
  summary: 'Tóm tắt.',
  body: '<p>Nội dung bài viết.</p>',
};

/** The sample article as the demo page embeds it: attributes and a light-DOM body. */
export async function inlineSample(lang = 'vi'): Promise<EgovArticleView> {
  const wrapper = await fixture(`<div lang="${lang}">${inlineSnippet}</div>`);
  const element = wrapper.querySelector('egov-article-view') as EgovArticleView;
  await waitUntil(() => part(element, 'reading-time')?.textContent?.includes('6'), 'the body was never counted');
  return element;
}

/** An article loading `src`, with the events it fires, listened to from the start. */
export async function remoteArticle(src: string, lang = 'vi') {
  const errors: string[] = [];
  const loads: ArticleLoadDetail[] = [];
  const element = await fixture<EgovArticleView>(html`
    <egov-article-view
      lang=${lang}
      src=${src}
      @egov-error=${(event: CustomEvent) => errors.push(event.detail.code)}
      @egov-article-load=${(event: CustomEvent<ArticleLoadDetail>) => loads.push(event.detail)}
    ></egov-article-view>
  `);
  return { element, errors, loads };
}

export async function loadedRemote(src: string, lang = 'vi'): Promise<EgovArticleView> {
  const { element } = await remoteArticle(src, lang);
  await inShadow(element, '[part="body"]');
  return element;
}

export function articleJsonUrl(article: Partial<ArticleJson>): string {
  return faultUrl('json', { ok: JSON.stringify({ ...small, ...article }) });
}

export function tool(element: Element, name: string): HTMLButtonElement {
  const button = shadow(element).querySelector<HTMLButtonElement>(`[data-tool="${name}"]`);
  if (!button) throw new Error(`no ${name} tool`);
  return button;
}

export async function press(element: EgovArticleView, name: string): Promise<void> {
  tool(element, name).click();
  await element.updateComplete;
}

/** The body's paragraphs as shown: the slotted children inline, the shadow nodes from `src`. */
export function bodyParagraphs(element: Element): HTMLElement[] {
  const slot = part(element, 'body')!.querySelector('slot');
  if (slot) return slot.assignedElements().filter((node): node is HTMLElement => node.localName === 'p');
  return [...part(element, 'body')!.querySelectorAll('p')];
}

export function fontSize(node: Element): number {
  return parseFloat(getComputedStyle(node).fontSize);
}
