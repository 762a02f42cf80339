/**
 * The article's reader actions, read aloud and print: code a reader needs only once they press one
 * of those buttons, so an on-demand part (load-part.ts), `egov-article-actions.js` beside the
 * one-script bundle. <egov-article-view> starts loading it when a reader comes to its toolbar.
 */
export { ReadAloudController } from './read-aloud.js';
export { printAlone } from './print.js';
