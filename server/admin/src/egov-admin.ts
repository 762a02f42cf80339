/**
 * The entry of `dist/admin/egov-admin.js`, the editors' page script (never part of the readers'
 * bundle): registers the page's elements.
 */
import { EgovAdmin } from './admin-page.js';
import { EgovAdminAudit } from './audit-log.js';
import { EgovAdminPollForm } from './poll-form.js';
import { EgovAdminPolls } from './poll-list.js';
import { EgovAdminSignIn } from './sign-in.js';
import { installEnglish } from '../../../src/messages-en.js';

// The editors' switch between the two languages is instant: the kit's English is in this script,
// not in the readers' on-demand part (src/messages-en.ts).
installEnglish();

EgovAdminSignIn.define('egov-admin-sign-in');
EgovAdminPolls.define('egov-admin-polls');
EgovAdminPollForm.define('egov-admin-poll-form');
EgovAdminAudit.define('egov-admin-audit');
EgovAdmin.define('egov-admin');
