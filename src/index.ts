/**
 * The kit's classes and shared types, without registering any element.
 * `import 'egov-widgets'` (define.ts) registers them all.
 */
export { EgovElement, type EgovErrorDetail } from './shared/egov-element.js';
export { EgovAgencyFooter, type FooterDetails } from './agency-footer/agency-footer.js';
export { EgovArticleView, type ArticleDetails, type ArticleLoadDetail } from './article-view/article-view.js';
export { EgovWebLinks, type WebLinkSelectDetail } from './web-links/web-links.js';
export { EgovPoll, type PollVoteDetail, type ShowResults } from './poll/poll.js';
export { EgovVideo } from './video/video.js';
export { EgovBanners, type BannerLayout } from './banners/banners.js';
export { VERSION } from './shared/version.js';
