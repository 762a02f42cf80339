import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ShapeError } from '../../src/shared/fetch-json.js';
import {
  expectArray, expectObject, isObject, optionalString, ownValue, requiredBoolean, requiredNumber, requiredString,
} from '../../src/shared/validate.js';

/** Asserts `run` throws a ShapeError with exactly `message`. */
function refuses(run: () => unknown, message: string): void {
  assert.throws(run, (error: unknown) => error instanceof ShapeError && error.message === message);
}

describe('validate', () => {
  it('isObject: plain objects only', () => {
    assert.deepEqual([{}, Object.create(null)].map(isObject), [true, true]);
    assert.deepEqual([null, [], 'x', 1, undefined, true].map(isObject), [false, false, false, false, false, false]);
  });

  it('expectObject and expectArray name the path', () => {
    const object = { a: 1 };
    assert.equal(expectObject(object, 'poll'), object);
    refuses(() => expectObject([], 'poll'), 'poll must be an object');
    refuses(() => expectObject(null, 'options[2]'), 'options[2] must be an object');
    const array = [1];
    assert.equal(expectArray(array, 'links'), array);
    refuses(() => expectArray({ length: 1 }, 'links'), 'links must be an array');
  });

  it('requiredString', () => {
    assert.equal(requiredString({ id: 'nghi-le' }, 'id'), 'nghi-le');
    assert.equal(requiredString({ id: '' }, 'id'), '');
    refuses(() => requiredString({ id: 1 }, 'id'), 'id must be a string');
    refuses(() => requiredString({}, 'label', 'options[0].label'), 'options[0].label must be a string');
  });

  it('optionalString: undefined or null is absent', () => {
    assert.equal(optionalString({ group: 'Trung ương' }, 'group'), 'Trung ương');
    assert.equal(optionalString({}, 'group'), undefined);
    assert.equal(optionalString({ group: null }, 'group'), undefined);
    refuses(() => optionalString({ group: 5 }, 'group', 'links[1].group'), 'links[1].group must be a string');
  });

  it('requiredNumber: finite numbers only', () => {
    assert.equal(requiredNumber({ votes: 0 }, 'votes'), 0);
    assert.equal(requiredNumber({ votes: -2.5 }, 'votes'), -2.5);
    for (const votes of [Number.NaN, Number.POSITIVE_INFINITY, '3', null]) {
      refuses(() => requiredNumber({ votes }, 'votes', 'options[0].votes'), 'options[0].votes must be a number');
    }
  });

  it('requiredBoolean', () => {
    assert.equal(requiredBoolean({ closed: false }, 'closed'), false);
    assert.equal(requiredBoolean({ closed: true }, 'closed'), true);
    refuses(() => requiredBoolean({ closed: 'false' }, 'closed'), 'closed must be true or false');
    refuses(() => requiredBoolean({}, 'multiple', 'poll.multiple'), 'poll.multiple must be true or false');
  });

  it('reads own properties only: a polluted prototype never fills a missing field', () => {
    const inherited = Object.create({ id: 'ke-xau', votes: 1, closed: true, group: 'x' }) as Record<string, unknown>;
    assert.equal(ownValue(inherited, 'id'), undefined);
    assert.equal(ownValue({ id: 'a' }, 'id'), 'a');
    refuses(() => requiredString(inherited, 'id'), 'id must be a string');
    refuses(() => requiredNumber(inherited, 'votes'), 'votes must be a number');
    refuses(() => requiredBoolean(inherited, 'closed'), 'closed must be true or false');
    assert.equal(optionalString(inherited, 'group'), undefined);
  });
});
