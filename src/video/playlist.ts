/**
 * What a video is (a file or a YouTube id, with its poster, captions and title) and the checks it
 * passes before it is shown: `http:`/`https:` URLs only, YouTube ids of the one shape they have.
 */
import { ShapeError } from '../shared/fetch-json.js';
import { mapObjects, optionalString, ownValue, requiredString } from '../shared/validate.js';
import { safeHref } from '../shared/safe-url.js';

/** A video as the webmaster or the playlist JSON gives it, not yet checked. */
export interface VideoSource {
  title: string;
  src?: string | undefined;
  youtube?: string | undefined;
  poster?: string | undefined;
  captions?: string | undefined;
  published?: string | undefined;
  /** Seconds (a clock such as `3:25` is read as 205), or other text as written. */
  duration?: string | number | undefined;
}

/** Eleven letters, digits, `_` or `-`: every YouTube video id. */
const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;

export function isYoutubeId(value: string): boolean {
  return YOUTUBE_ID.test(value);
}

/** The privacy-enhanced embed, started at once: the reader has just pressed play. */
export function embedUrl(id: string): string {
  return `https://www.youtube-nocookie.com/embed/${id}?autoplay=1`;
}

/**
 * The video's own page, for the link shown when it cannot be played here: its short address
 * (`youtu.be/<id>`), or the whole address when that was written where the id goes (the webmaster
 * copied the video's page). Only an http(s) URL.
 */
export function watchUrl(id: string): string | undefined {
  return safeHref(id, 'https://youtu.be/');
}

/** Videos a playlist shows at the most: the first ones of the file. */
export const MAX_VIDEOS = 100;

/** The optional text fields of a playlist entry, in the order they are read. */
const TEXT_FIELDS = ['src', 'youtube', 'poster', 'captions', 'published'] as const;

/** Checks the playlist JSON: a non-empty array of `{title, src | youtube, poster?, captions?, published?, duration?}`. */
export function parsePlaylist(data: unknown): VideoSource[] {
  const list = mapObjects(data, 'playlist', (item, path) => {
    const video: VideoSource = { title: requiredString(item, 'title', `${path}.title`) };
    for (const key of TEXT_FIELDS) video[key] = optionalString(item, key, `${path}.${key}`);
    video.duration = durationOf(ownValue(item, 'duration'), `${path}.duration`);
    if (!video.src && !video.youtube) throw new ShapeError(`${path} needs src or youtube`);
    return video;
  });
  if (list.length === 0) throw new ShapeError('playlist is empty');
  // A box lists a few videos: a CMS's whole archive (thousands, within the size cap) froze the page
  // at each render, every entry a button with its date.
  return list.slice(0, MAX_VIDEOS);
}

function durationOf(value: unknown, path: string): string | number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value < 0 ? undefined : Math.round(value);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ShapeError(`${path} must be a number of seconds or a string`);
  const clock = /^\s*(?:(\d+):)?([0-5]?\d):([0-5]\d)\s*$/.exec(value);
  return clock ? Number(clock[1] ?? 0) * 3600 + Number(clock[2]) * 60 + Number(clock[3]) : value.trim();
}
