/**
 * The kit's classes and shared types, without registering any element.
 * `import 'egov-widgets'` (define.ts) registers them all.
 */
export { EgovElement, type EgovErrorDetail } from './shared/egov-element.js';
export { EgovAgencyFooter, type FooterDetails } from './agency-footer/agency-footer.js';
export { VERSION } from './shared/version.js';
