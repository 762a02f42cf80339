/**
 * Registers every element of the kit. This is the entry of the one-script bundle and of
 * `import 'egov-widgets'`; registering twice, or next to another copy, is harmless.
 */
import { EgovAgencyFooter } from './agency-footer/agency-footer.js';
import { EgovArticleView } from './article-view/article-view.js';
import { EgovBanners } from './banners/banners.js';
import { EgovPoll } from './poll/poll.js';
import { EgovVideo } from './video/video.js';
import { EgovWebLinks } from './web-links/web-links.js';

export * from './index.js';

EgovAgencyFooter.define('egov-agency-footer');
EgovArticleView.define('egov-article-view');
EgovBanners.define('egov-banners');
EgovPoll.define('egov-poll');
EgovVideo.define('egov-video');
EgovWebLinks.define('egov-web-links');
