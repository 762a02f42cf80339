/**
 * Registers every element of the kit. This is the entry of the one-script bundle and of
 * `import 'egov-widgets'`; registering twice, or next to another copy, is harmless.
 */
import { EgovAgencyFooter } from './agency-footer/agency-footer.js';
import { EgovArticleView } from './article-view/article-view.js';
import { EgovPoll } from './poll/poll.js';
import { EgovWebLinks } from './web-links/web-links.js';

export * from './index.js';

EgovAgencyFooter.define('egov-agency-footer');
EgovArticleView.define('egov-article-view');
EgovPoll.define('egov-poll');
EgovWebLinks.define('egov-web-links');
