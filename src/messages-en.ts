/**
 * The English of every message table: an on-demand part (shared/load-part.ts), `egov-messages-en.js`,
 * loaded only when a widget on the page speaks English (shared/locale-controller.ts), so a Vietnamese
 * reader never downloads it. Until it is installed, each table's `en` is its Vietnamese.
 */
import { messages as agencyFooter } from './agency-footer/agency-footer.messages.js';
import { en as agencyFooterEn } from './agency-footer/agency-footer.messages.en.js';
import { messages as articleView } from './article-view/article-view.messages.js';
import { en as articleViewEn } from './article-view/article-view.messages.en.js';
import { messages as banners } from './banners/banners.messages.js';
import { en as bannersEn } from './banners/banners.messages.en.js';
import { messages as poll } from './poll/poll.messages.js';
import { en as pollEn } from './poll/poll.messages.en.js';
import { messages as video } from './video/video.messages.js';
import { en as videoEn } from './video/video.messages.en.js';
import { messages as webLinks } from './web-links/web-links.messages.js';
import { en as webLinksEn } from './web-links/web-links.messages.en.js';
import { englishMonths, sharedMessages } from './shared/i18n.js';
import { months, en as sharedEn } from './shared/shared.messages.en.js';

/** Puts English in every table, in place of the Vietnamese it stood for until now, and the months for English dates. */
export function installEnglish(): void {
  englishMonths.push(...months);
  sharedMessages.en = sharedEn;
  agencyFooter.en = agencyFooterEn;
  articleView.en = articleViewEn;
  banners.en = bannersEn;
  poll.en = pollEn;
  video.en = videoEn;
  webLinks.en = webLinksEn;
}
