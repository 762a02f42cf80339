// The XSS corpus and the hostile-HTML checks of sanitize.test.ts (which runs them through the
// browser's own HTML Sanitizer), run again through the DOMPurify fallback of a browser without it.
import './without-native-sanitizer.js';
import './sanitize.test.js';
import { expect } from '@open-wc/testing';
import { hasNativeSanitizer } from '../../src/article-view/sanitize.js';

describe('the sanitizer fallback', () => {
  it('is what sanitized the bodies above: no setHTML here, DOMPurify loaded on first need', () => {
    expect(hasNativeSanitizer()).to.equal(false);
    const loaded = performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname);
    expect(loaded).to.include('/src/article-view/sanitizer-fallback.ts');
  });
});
