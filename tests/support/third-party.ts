/** Hosts of YouTube and Google that a page must not touch before the reader asks for a video. */
export const THIRD_PARTY_HOST =
  /(^|\.)(youtube\.com|youtube-nocookie\.com|ytimg\.com|youtu\.be|googlevideo\.com|google\.com|gstatic\.com|googleapis\.com|doubleclick\.net|ggpht\.com)$/;
