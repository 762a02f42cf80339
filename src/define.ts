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
import type { Tag } from './tags.js';

export * from './index.js';

/** The class of each tag: a tag missing here, or one not in `TAGS`, does not compile. */
const ELEMENTS: Record<Tag, { define(tag: string): void }> = {
  'egov-agency-footer': EgovAgencyFooter,
  'egov-article-view': EgovArticleView,
  'egov-banners': EgovBanners,
  'egov-poll': EgovPoll,
  'egov-video': EgovVideo,
  'egov-web-links': EgovWebLinks,
};

for (const tag of Object.keys(ELEMENTS) as Tag[]) ELEMENTS[tag].define(tag);
