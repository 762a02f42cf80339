import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keyword } from '../../src/shared/keyword.js';

describe('keyword', () => {
  const LAYOUTS = ['stack', 'rotate'] as const;

  it('reads an enumerated value whatever its case and the spaces around it', () => {
    assert.equal(keyword('rotate', LAYOUTS), 'rotate');
    assert.equal(keyword(' Rotate\n', LAYOUTS), 'rotate');
    assert.equal(keyword('STACK', LAYOUTS), 'stack');
  });

  it('gives nothing for another value, an empty one, or a property a script set to null', () => {
    for (const value of ['rotating', 'ro tate', '', '   ', null, undefined]) assert.equal(keyword(value, LAYOUTS), undefined, String(value));
  });
});
