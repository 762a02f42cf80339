/**
 * Registers every element of the kit. This is the entry of the one-script bundle and of
 * `import 'egov-widgets'`; registering twice, or next to another copy, is harmless.
 */
import { EgovAgencyFooter } from './agency-footer/agency-footer.js';

export * from './index.js';

EgovAgencyFooter.define('egov-agency-footer');
