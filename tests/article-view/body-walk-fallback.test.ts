// The counted work of body-walk.test.ts, run again through the DOMPurify fallback of a browser
// without the HTML Sanitizer.
import './without-native-sanitizer.js';
import './body-walk.test.js';
import { expect } from '@open-wc/testing';
import { hasNativeSanitizer } from '../../src/article-view/sanitize.js';

describe('the body walk through the sanitizer fallback', () => {
  it('ran on DOMPurify: no setHTML here', () => {
    expect(hasNativeSanitizer()).to.equal(false);
  });
});
