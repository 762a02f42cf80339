import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { randomUuid, rememberedVote, rememberVote, voteKey, VOTER_TOKEN, voterToken } from '../../src/poll/voter-storage.js';

// Node 20 has no localStorage: these tests run the path of a browser whose storage is blocked,
// where the token and the votes live in memory for the page view. The localStorage path is
// tests/poll/poll.test.ts, in the browser.

/** RFC 9562's version 4 layout, written out here rather than taken from the module. */
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('randomUuid', () => {
  it('gives version 4 UUIDs in lower case, a new one each time', () => {
    const tokens = Array.from({ length: 1000 }, () => randomUuid());
    for (const token of tokens) assert.match(token, UUID_V4);
    assert.equal(new Set(tokens).size, 1000);
  });

  it('sets the version and variant bits whatever the random bytes are', () => {
    // Over 1000 draws every variant digit 8, 9, a, b turns up (each missing with odds of 0.75^1000).
    const variants = new Set(Array.from({ length: 1000 }, () => randomUuid()[19]));
    assert.deepEqual([...variants].sort(), ['8', '9', 'a', 'b']);
  });
});

describe('VOTER_TOKEN', () => {
  it('accepts only a lower-case version 4 UUID', () => {
    assert.equal(VOTER_TOKEN.test('0f8e4a2c-6b1d-4e3f-9a7b-2c5d8e1f4a6b'), true);
    assert.equal(VOTER_TOKEN.test('0F8E4A2C-6B1D-4E3F-9A7B-2C5D8E1F4A6B'), false, 'upper case');
    assert.equal(VOTER_TOKEN.test('0f8e4a2c-6b1d-1e3f-9a7b-2c5d8e1f4a6b'), false, 'version 1');
    assert.equal(VOTER_TOKEN.test('0f8e4a2c-6b1d-4e3f-7a7b-2c5d8e1f4a6b'), false, 'variant 7');
    assert.equal(VOTER_TOKEN.test(' 0f8e4a2c-6b1d-4e3f-9a7b-2c5d8e1f4a6b'), false, 'leading space');
    assert.equal(VOTER_TOKEN.test('0f8e4a2c6b1d4e3f9a7b2c5d8e1f4a6b'), false, 'no dashes');
    assert.equal(VOTER_TOKEN.test(''), false);
  });
});

describe('voterToken without storage', () => {
  it('keeps one token for the page view', () => {
    const first = voterToken();
    assert.match(first, UUID_V4);
    assert.equal(voterToken(), first);
    assert.equal(voterToken(), first);
  });
});

describe('remembered votes without storage', () => {
  it('keys a poll by its URL', () => {
    assert.equal(voteKey('/api/polls/nghi-le'), 'egov-poll:/api/polls/nghi-le');
    assert.equal(voteKey('https://binhchon.thainguyen.gov.vn/api/polls/nghi-le'), 'egov-poll:https://binhchon.thainguyen.gov.vn/api/polls/nghi-le');
  });

  it('knows nothing of a poll this page has not voted in', () => {
    assert.equal(rememberedVote('/api/polls/chua-bao-gio'), undefined);
  });

  it('remembers the options voted for, per poll', () => {
    rememberVote('/api/polls/nghi-le', { options: ['5-ngay', '7-ngay'] });
    rememberVote('/api/polls/le-hoi', { options: [] });
    assert.deepEqual(rememberedVote('/api/polls/nghi-le'), { options: ['5-ngay', '7-ngay'] });
    assert.deepEqual(rememberedVote('/api/polls/le-hoi'), { options: [] });
    assert.equal(rememberedVote('https://binhchon.thainguyen.gov.vn/api/polls/nghi-le'), undefined, 'another URL is another poll');
  });

  it('keeps only the options of a vote, and the latest vote', () => {
    const vote = { options: ['mot-ngay'], votedAt: '2026-04-30' };
    rememberVote('/api/polls/ngay-le', vote);
    assert.deepEqual(rememberedVote('/api/polls/ngay-le'), { options: ['mot-ngay'] });
    rememberVote('/api/polls/ngay-le', { options: ['hai-ngay'] });
    assert.deepEqual(rememberedVote('/api/polls/ngay-le'), { options: ['hai-ngay'] });
  });
});
