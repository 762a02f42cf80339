import type { English } from '../shared/i18n.js';
import type { messages } from './article-view.messages.js';

/** <egov-article-view> in English: in the on-demand part of English messages (src/messages-en.ts). */
export const en: English<typeof messages> = {
  published: 'Published:',
  readingTime: (minutes: string) => `${minutes} min read`,
  byline: (author: string) => `Story: ${author}`,
  tools: 'Reading tools',
  smaller: 'Smaller text',
  resetSize: 'Default text size',
  larger: 'Larger text',
  textSize: (percent: string) => `Text size: ${percent}`,
  print: 'Print',
  share: 'Share',
  copied: 'Link copied',
  copyFailed: (url: string) => `The link could not be copied. Address of the article: ${url}`,
  readAloud: 'Read aloud',
  stopReading: 'Stop reading',
  readFailed: 'Your browser could not read this article aloud.',
  table: (index: number, count: number) => `Table${count > 1 ? ` ${index} of ${count}` : ''}, scroll sideways to see all of it`,
};
