/**
 * Small shape checks for JSON from servers we do not control. Each throws `ShapeError` with
 * the path of the first thing that is wrong, so the `egov-error` message says what to fix.
 * Only own properties are read: a polluted `Object.prototype` never fills a missing field.
 */
import { ShapeError } from './fetch-json.js';

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function expectObject(value: unknown, path: string): JsonObject {
  if (!isObject(value)) throw new ShapeError(`${path} must be an object`);
  return value;
}

export function expectArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new ShapeError(`${path} must be an array`);
  return value;
}

/**
 * Reads an array of objects: `read` gets each object with its path (`links[3]`), so that a wrong
 * field is named `links[3].href` in the message.
 */
export function mapObjects<T>(value: unknown, name: string, read: (object: JsonObject, path: string) => T): T[] {
  return expectArray(value, name).map((entry, index) => {
    const path = `${name}[${index}]`;
    return read(expectObject(entry, path), path);
  });
}

/** Reads an own property without trusting the prototype chain. */
export function ownValue(object: JsonObject, key: string): unknown {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

export function requiredString(object: JsonObject, key: string, path = key): string {
  const value = ownValue(object, key);
  if (typeof value !== 'string') throw new ShapeError(`${path} must be a string`);
  return value;
}

export function optionalString(object: JsonObject, key: string, path = key): string | undefined {
  const value = ownValue(object, key);
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ShapeError(`${path} must be a string`);
  return value;
}

export function requiredNumber(object: JsonObject, key: string, path = key): number {
  const value = ownValue(object, key);
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new ShapeError(`${path} must be a number`);
  return value;
}

export function requiredBoolean(object: JsonObject, key: string, path = key): boolean {
  const value = ownValue(object, key);
  if (typeof value !== 'boolean') throw new ShapeError(`${path} must be true or false`);
  return value;
}
