// The long-body checks of long-bodies.test.ts, run again through the DOMPurify fallback of a
// browser without the HTML Sanitizer: it must not freeze the page either.
import './without-native-sanitizer.js';
import './long-bodies.test.js';
import { expect } from '@open-wc/testing';
import { hasNativeSanitizer } from '../../src/article-view/sanitize.js';

describe('long bodies through the sanitizer fallback', () => {
  it('were sanitized by DOMPurify: no setHTML here', () => {
    expect(hasNativeSanitizer()).to.equal(false);
  });
});
