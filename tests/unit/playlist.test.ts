import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ShapeError } from '../../src/shared/fetch-json.js';
import { formatDuration } from '../../src/shared/i18n.js';
import { MAX_VIDEOS, parsePlaylist } from '../../src/video/playlist.js';

const durations = (...values: unknown[]) => parsePlaylist(values.map((duration) => ({ title: 'T', youtube: 'aqz-KE-bpKQ', duration }))).map((video) => video.duration);

describe('parsePlaylist', () => {
  it('keeps the first 100 videos of a longer list (a CMS archive froze the page at each render)', () => {
    const list = Array.from({ length: 2_000 }, (_, index) => ({ title: `Video ${index + 1}`, youtube: 'aqz-KE-bpKQ' }));
    const videos = parsePlaylist(list);
    assert.equal(MAX_VIDEOS, 100);
    assert.deepEqual(videos.map((video) => video.title), list.slice(0, 100).map((video) => video.title));
  });
});

describe('parsePlaylist durations', () => {
  it('reads whole seconds, and a clock written as text as its seconds', () => {
    assert.deepEqual(durations(205, 204.6, 0, '3:25', ' 1:02:05 ', '10:34', '0:07'), [205, 205, 0, 205, 3725, 634, 7]);
  });

  it('keeps any other text as written, and leaves out what is no duration', () => {
    assert.deepEqual(durations('khoảng 5 phút', '3:75', '75:30', ' 5 ', '', -3, null, undefined), [
      'khoảng 5 phút', '3:75', '75:30', '5', '', undefined, undefined, undefined,
    ]);
  });

  it('refuses a value that is neither a number nor text', () => {
    for (const value of [true, [205], { seconds: 205 }, Number.NaN]) assert.throws(() => durations(value), ShapeError, String(value));
  });
});

describe('formatDuration', () => {
  it('writes the clock: minutes and seconds, hours past an hour', () => {
    assert.deepEqual([205, 3725, 0, 59, 3600, 36_000].map((total) => formatDuration('vi', total).clock), ['3:25', '1:02:05', '0:00', '0:59', '1:00:00', '10:00:00']);
  });
});
