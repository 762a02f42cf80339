import type { English } from '../shared/i18n.js';
import type { messages } from './video.messages.js';

/** <egov-video> in English: in the on-demand part of English messages (src/messages-en.ts). */
export const en: English<typeof messages> = {
  untitled: 'Video',
  play: (title: string) => `Play video: ${title}`,
  playlist: 'Video list',
  captions: 'English captions',
  noVideo: 'There is no video to play.',
  badId: 'The YouTube video ID is wrong; this video cannot be played.',
  failed: 'This video cannot be played.',
  openVideo: 'Open the video',
};
