// The poll form alone (<egov-admin-poll-form>), against the REAL reference server's admin API
// behind the dev server's /api proxy: what it refuses before saving, and how it says a refusal.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../server/admin/src/egov-admin.js';
import type { AdminPoll } from '../../server/admin/src/admin-api.js';
import type { EgovAdminPollForm } from '../../server/admin/src/poll-form.js';
import { shadow, visibleText } from '../support/helpers.js';
import { deepActive, expectAccessible, optionInputs, tabUntil, typeInto } from './harness.js';

async function pollForm(lang: 'vi' | 'en', poll?: AdminPoll): Promise<EgovAdminPollForm> {
  const element = await fixture<EgovAdminPollForm>(html`<egov-admin-poll-form lang=${lang} endpoint="/api" .poll=${poll}></egov-admin-poll-form>`);
  await element.updateComplete;
  return element;
}

/** Sets a field's value as the browser's own picker would, then says so with an input event. */
function setValue(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  field.value = value;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

async function save(): Promise<void> {
  await tabUntil((element) => element.matches('button[type="submit"]'), 'save');
  await sendKeys({ press: 'Enter' });
}

/** The error said under a field, once one is. */
async function fieldError(root: ShadowRoot, id: string): Promise<string> {
  await waitUntil(() => root.querySelector(`#${id}`)?.getAttribute('aria-invalid') === 'true', `#${id} never marked invalid`);
  const error = root.querySelector(`#${id}-error`)!;
  expect(root.querySelector(`#${id}`)!.getAttribute('aria-describedby')).to.include(`${id}-error`);
  return visibleText(error);
}

describe('<egov-admin-poll-form>', () => {
  it('refuses two options that read the same (case, spaces, accent encoding aside) as a field error, in both languages', async () => {
    const element = await pollForm('vi');
    const root = shadow(element);
    await typeInto(root.querySelector('#question')!, 'Bạn có đồng ý không?');
    await typeInto(optionInputs(root)[0]!, 'Có');
    // "Có" again, its accent written as a combining mark (NFD), in capitals, between spaces.
    setValue(optionInputs(root)[1]!, ' CO\u0301 ');
    await save();
    const id = optionInputs(root)[1]!.id;
    expect(await fieldError(root, id)).to.equal('Phương án này trùng với phương án 1. Mỗi phương án cần một nội dung khác nhau.');
    expect(optionInputs(root)[0]!.getAttribute('aria-invalid')).to.equal('false');
    expect(deepActive()).to.equal(optionInputs(root)[1]);
    await expectAccessible(element);
    element.lang = 'en';
    await waitUntil(() => visibleText(root.querySelector(`#${id}-error`)) === 'This option is the same as option 1. Each option needs different words.', 'not reworded in English');
    setValue(optionInputs(root)[1]!, 'Không');
    await waitUntil(() => optionInputs(root)[1]!.getAttribute('aria-invalid') === 'false', 'the error never went');
  });
});
