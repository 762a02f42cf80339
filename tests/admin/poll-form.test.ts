// The poll form alone (<egov-admin-poll-form>), against the REAL reference server's admin API
// behind the dev server's /api proxy: what it refuses before saving, and how it says a refusal.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../server/admin/src/egov-admin.js';
import type { AdminPoll } from '../../server/admin/src/admin-api.js';
import type { EgovAdminPollForm, SavedDetail } from '../../server/admin/src/poll-form.js';
import { TEST_EDITOR } from '../support/admin-editor.mjs';
import { shadow, uniqueKey, visibleText } from '../support/helpers.js';
import { answerQuestions, deepActive, expectAccessible, loseNextSaveAnswer, optionInputs, startHeldSave, tabUntil, typeInto, writeNewPoll } from './harness.js';

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

async function save(root: ShadowRoot): Promise<void> {
  await tabUntil((element) => element.matches('button[type="submit"]') && root.contains(element), 'save');
  await sendKeys({ press: 'Enter' });
}

/** The error said under a field, once one is. */
async function fieldError(root: ShadowRoot, id: string): Promise<string> {
  await waitUntil(() => root.querySelector(`#${id}`)?.getAttribute('aria-invalid') === 'true', `#${id} never marked invalid`);
  const error = root.querySelector(`#${id}-error`)!;
  expect(root.querySelector(`#${id}`)!.getAttribute('aria-describedby')).to.include(`${id}-error`);
  return visibleText(error);
}

async function signIn(): Promise<void> {
  const response = await fetch('/api/admin/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: TEST_EDITOR.username, password: TEST_EDITOR.password }),
  });
  expect(response.status, 'sign-in').to.equal(204);
}

/** Creates a poll through the admin API with this browser's session (signed in first). */
async function createPoll(body: Record<string, unknown>): Promise<AdminPoll> {
  const response = await fetch('/api/admin/polls', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ multiple: false, closesAt: null, options: [{ label: 'Có' }, { label: 'Không' }], ...body }),
  });
  expect(response.status, 'POST /api/admin/polls').to.equal(201);
  return response.json();
}

/** The next `egov-admin-saved` of the form. */
function nextSaved(element: EgovAdminPollForm): Promise<CustomEvent<SavedDetail>> {
  return new Promise((resolve) => element.addEventListener('egov-admin-saved', resolve, { once: true }));
}

/** Another editor's change of the poll, saved through the admin API (this browser's session). */
async function changeElsewhere(pollId: string, changes: Record<string, unknown>): Promise<AdminPoll> {
  const response = await fetch(`/api/admin/polls/${pollId}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify(changes) });
  expect(response.status, 'the other editor’s PATCH').to.equal(200);
  return response.json();
}

function newPollId(prefix: string): string {
  return uniqueKey(prefix).toLowerCase().replace(/[^a-z0-9-]/g, '-');
}

describe('<egov-admin-poll-form>', function () {
  this.timeout(60_000);

  before(signIn);
  after(() => fetch('/api/admin/session', { method: 'DELETE' }));

  it('refuses a closing time in the past, entered or changed, as a field error (a poll closes now by its Close button); its hint is not in the future tense', async () => {
    const element = await pollForm('vi');
    const root = shadow(element);
    await typeInto(root.querySelector('#question')!, 'Bạn có đồng ý không?');
    await typeInto(optionInputs(root)[0]!, 'Có');
    await typeInto(optionInputs(root)[1]!, 'Không');
    setValue(root.querySelector<HTMLInputElement>('#closes-at')!, '2020-01-31T17:00');
    await waitUntil(() => visibleText(root.querySelector('#closes-at-hint')) === '17:00 31/01/2020, giờ Việt Nam: thời điểm này đã qua.', `hint: ${visibleText(root.querySelector('#closes-at-hint'))}`);
    let saved = false;
    element.addEventListener('egov-admin-saved', () => (saved = true));
    await save(root);
    expect(await fieldError(root, 'closes-at')).to.equal(
      'Thời điểm kết thúc phải ở sau lúc này. Hãy chọn thời điểm muộn hơn, hoặc để trống; muốn kết thúc cuộc bình chọn ngay thì dùng nút “Kết thúc” trong danh sách.',
    );
    expect(deepActive()).to.equal(root.querySelector('#closes-at'));
    await expectAccessible(element);
    element.lang = 'en';
    await waitUntil(
      () => visibleText(root.querySelector('#closes-at-error')) === 'The closing time must be later than now. Choose a later time, or leave it empty; to close the poll now, use its “Close” button in the list.',
      'not reworded in English',
    );
    expect(visibleText(root.querySelector('#closes-at-hint'))).to.equal('31/01/2020, 17:00, Vietnam time: this time has passed.');
    setValue(root.querySelector<HTMLInputElement>('#closes-at')!, '2999-01-31T17:00');
    await waitUntil(() => root.querySelector('#closes-at')!.getAttribute('aria-invalid') === 'false', 'the error never went');
    expect(visibleText(root.querySelector('#closes-at-hint'))).to.equal('Closes at 31/01/2999, 17:00, Vietnam time.');
    expect(saved).to.equal(false);
  });

  it('saves an ended poll whose past closing time was left as it was, and refuses it changed to another past time', async () => {
    const poll = await createPoll({ id: newPollId('da-ket-thuc'), question: 'Đã kết thúc chưa?', closesAt: '2018-01-31T23:59:59+07:00' });
    const element = await pollForm('vi', poll);
    const root = shadow(element);
    expect(visibleText(root.querySelector('#closes-at-hint'))).to.include('thời điểm này đã qua');
    setValue(root.querySelector<HTMLTextAreaElement>('#question')!, 'Đã kết thúc rồi?');
    const savedEvent = nextSaved(element);
    await save(root);
    const { detail } = await savedEvent;
    expect([detail.poll.question, detail.poll.closesAt, detail.poll.closed]).to.deep.equal(['Đã kết thúc rồi?', poll.closesAt, true]);

    const again = await pollForm('vi', detail.poll);
    const againRoot = shadow(again);
    setValue(againRoot.querySelector<HTMLInputElement>('#closes-at')!, '2019-01-31T17:00');
    await save(againRoot);
    expect(await fieldError(againRoot, 'closes-at')).to.include('Thời điểm kết thúc phải ở sau lúc này.');
  });

  it('after another editor changed the poll (412), saving again puts the whole form in place, its closing time too', async () => {
    const poll = await createPoll({ id: newPollId('ghi-de'), question: 'Nghỉ lễ mấy ngày?', closesAt: '2099-12-20T17:00:00+07:00' });
    const element = await pollForm('vi', poll);
    const root = shadow(element);
    setValue(root.querySelector<HTMLTextAreaElement>('#question')!, 'Nghỉ Tết mấy ngày?');
    // Meanwhile another editor moves the closing time.
    await changeElsewhere(poll.id, { closesAt: '2099-12-31T17:00:00+07:00' });
    await save(root);
    await waitUntil(() => visibleText(root.querySelector('#save-error')).startsWith('Cuộc bình chọn này đã được thay đổi'), `no 412 said: ${visibleText(root.querySelector('#save-error'))}`);
    const savedEvent = nextSaved(element);
    await save(root);
    const { detail } = await savedEvent;
    // What the form showed: its question, and the closing time it still showed (20/12), not the other editor's.
    expect([detail.poll.question, detail.poll.closesAt]).to.deep.equal(['Nghỉ Tết mấy ngày?', poll.closesAt]);
  });

  it('after another editor added an option that then got votes (412), takes it into the form, so that saving again keeps it and its votes', async () => {
    const poll = await createPoll({ id: newPollId('them-phuong-an'), question: 'Nghỉ lễ mấy ngày?' });
    const element = await pollForm('vi', poll);
    const root = shadow(element);
    setValue(root.querySelector<HTMLTextAreaElement>('#question')!, 'Nghỉ Tết mấy ngày?');
    // Meanwhile another editor adds "Chưa biết", and a reader votes for it.
    const added = (await changeElsewhere(poll.id, { options: [...poll.options.map(({ id, label }) => ({ id, label })), { label: 'Chưa biết' }] })).options[2]!;
    const voted = await fetch(`/api/polls/${poll.id}/votes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ options: [added.id], voter: crypto.randomUUID() }),
    });
    expect(voted.status).to.equal(201);
    await save(root);
    await waitUntil(() => visibleText(root.querySelector('#save-error')).startsWith('Cuộc bình chọn này đã được thay đổi'), `no 412 said: ${visibleText(root.querySelector('#save-error'))}`);
    expect(optionInputs(root).map((input) => input.value)).to.deep.equal(['Có', 'Không', 'Chưa biết']);
    const savedEvent = nextSaved(element);
    await save(root);
    const { detail } = await savedEvent;
    expect([detail.poll.question, detail.poll.options.map((option) => [option.label, option.votes])]).to.deep.equal([
      'Nghỉ Tết mấy ngày?',
      [['Có', 0], ['Không', 0], ['Chưa biết', 1]],
    ]);
  });

  it('after another editor changed the poll (412), does not bring back an option this editor removed', async () => {
    const poll = await createPoll({ id: newPollId('bo-phuong-an'), question: 'Nghỉ lễ mấy ngày?', options: [{ label: 'Có' }, { label: 'Không' }, { label: 'Chưa biết' }] });
    const element = await pollForm('vi', poll);
    const root = shadow(element);
    root.querySelectorAll<HTMLButtonElement>('[data-remove]')[2]!.click();
    await element.updateComplete;
    expect(optionInputs(root).map((input) => input.value)).to.deep.equal(['Có', 'Không']);
    await changeElsewhere(poll.id, { question: 'Nghỉ Tết mấy ngày?' });
    await save(root);
    await waitUntil(() => visibleText(root.querySelector('#save-error')).startsWith('Cuộc bình chọn này đã được thay đổi'), `no 412 said: ${visibleText(root.querySelector('#save-error'))}`);
    expect(optionInputs(root).map((input) => input.value)).to.deep.equal(['Có', 'Không']);
  });

  it('says how many characters a field still takes near its limit, and that more is not taken at it (maxlength cuts a paste without a word)', async () => {
    for (const [lang, near, full] of [
      ['vi', 'Còn 10 ký tự (tối đa 500).', 'Đã đủ 500 ký tự: phần gõ hoặc dán thêm sẽ không được nhận.'],
      ['en', '10 characters left (at most 500).', '500 characters reached: anything more typed or pasted is not taken.'],
    ] as const) {
      const element = await pollForm(lang);
      const root = shadow(element);
      const question = root.querySelector<HTMLTextAreaElement>('#question')!;
      const hint = () => visibleText(root.querySelector('#question-hint'));
      setValue(question, 'Nghỉ lễ mấy ngày?');
      await element.updateComplete;
      expect(root.querySelector('#question-hint') === null, 'a count far from the limit').to.equal(true);
      setValue(question, 'ạ'.repeat(490));
      await element.updateComplete;
      expect(hint()).to.equal(near);
      expect(question.getAttribute('aria-describedby')).to.include('question-hint');
      setValue(question, 'ạ'.repeat(500));
      await element.updateComplete;
      expect(hint()).to.equal(full);
      await expectAccessible(element);
    }
  });

  it('refuses two options that read the same (case, spaces, accent encoding aside) as a field error, in both languages', async () => {
    const element = await pollForm('vi');
    const root = shadow(element);
    await typeInto(root.querySelector('#question')!, 'Bạn có đồng ý không?');
    await typeInto(optionInputs(root)[0]!, 'Có');
    // "Có" again, its accent written as a combining mark (NFD), in capitals, between spaces.
    setValue(optionInputs(root)[1]!, ' CO\u0301 ');
    await save(root);
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

  it('marks the option the server refused as it was sent, though the options were moved while the save was on its way', async () => {
    const form = await pollForm('vi');
    const root = shadow(form);
    setValue(root.querySelector<HTMLTextAreaElement>('#question')!, `Bạn thấy trang mới thế nào? (${uniqueKey('doi-cho')})`);
    const [first, second] = optionInputs(root);
    setValue(first!, 'Tốt');
    // Over the server's 200 characters, past the form's own limit (a page and a server of other versions).
    setValue(second!, 'x'.repeat(201));
    await form.updateComplete;
    const save = await startHeldSave(root);
    try {
      // Sent second; moved up to first while the save waits.
      root.querySelectorAll<HTMLButtonElement>('[data-move="up"]')[1]!.click();
      await form.updateComplete;
    } finally {
      save.letGo();
    }
    const [moved, other] = optionInputs(root);
    expect(moved!.value).to.equal('x'.repeat(201));
    expect(await fieldError(root, moved!.id)).to.equal('Máy chủ không chấp nhận nội dung ở mục “Phương án 1”. Vui lòng sửa mục này rồi lưu lại.');
    expect(other!.getAttribute('aria-invalid')).to.equal('false');
  });

  it('says that the server cannot find a poll (never that it may have been deleted: nothing deletes a poll)', async () => {
    const poll = await createPoll({ id: newPollId('khong-thay'), question: 'Có tìm thấy không?' });
    const element = await pollForm('vi', { ...poll, id: `${poll.id}-khac` });
    const root = shadow(element);
    await save(root);
    await waitUntil(() => root.querySelector('#save-error'), 'no error said');
    expect(visibleText(root.querySelector('#save-error'))).to.equal('Máy chủ không tìm thấy cuộc bình chọn này. Vui lòng tải lại trang để xem danh sách hiện tại.');
    element.lang = 'en';
    await waitUntil(() => visibleText(root.querySelector('#save-error')) === 'The server cannot find this poll. Please reload the page to see the current list.', 'not reworded in English');
  });

  it('takes a poll id of at most 100 characters, says a longer one in its field, and marks the field of an id another poll has (409) and gives it the focus', async () => {
    const taken = await createPoll({ id: newPollId('da-dung'), question: 'Mã đã dùng?' });
    const element = await pollForm('vi');
    const root = shadow(element);
    const id = root.querySelector<HTMLInputElement>('#poll-id')!;
    expect(id.maxLength).to.equal(100);
    await typeInto(root.querySelector('#question')!, 'Mã này còn trống không?');
    await typeInto(optionInputs(root)[0]!, 'Có');
    await typeInto(optionInputs(root)[1]!, 'Không');
    setValue(id, 'a'.repeat(101));
    await save(root);
    expect(await fieldError(root, 'poll-id')).to.equal('Mã cuộc bình chọn dài quá: tối đa 100 ký tự.');
    expect(deepActive()).to.equal(id);

    setValue(id, taken.id);
    await save(root);
    expect(await fieldError(root, 'poll-id')).to.equal('Mã này đã được dùng cho một cuộc bình chọn khác. Hãy chọn mã khác hoặc để trống.');
    await waitUntil(() => deepActive() === id, 'the id field never got the focus');
    expect(root.querySelector('#save-error')).to.equal(null);
    await expectAccessible(element);
    element.lang = 'en';
    await waitUntil(() => visibleText(root.querySelector('#poll-id-error')) === 'This ID is already used by another poll. Choose another ID or leave it empty.', 'not reworded in English');
    await typeInto(id, '-moi');
    await waitUntil(() => id.getAttribute('aria-invalid') === 'false', 'the error never went');
  });
});

describe('<egov-admin-poll-form> when the answer to a save is lost', function () {
  this.timeout(60_000);

  before(signIn);
  after(() => fetch('/api/admin/session', { method: 'DELETE' }));

  /**
   * Saves with the answer lost (`late`: the request reaches the server only after the page gave
   * up on it, see loseNextSaveAnswer), and waits until the form says the network failed.
   */
  async function saveLosingTheAnswer(root: ShadowRoot, late = false): Promise<void> {
    const lost = loseNextSaveAnswer(uniqueKey('lost'), { late });
    try {
      await save(root);
      await waitUntil(() => root.querySelector('#save-error'), 'no failure said', { timeout: 15_000 });
      expect(visibleText(root.querySelector('#save-error'))).to.include('mạng');
    } finally {
      lost.restore();
    }
  }

  it('saving a new poll again after its answer was lost does not make it twice', async () => {
    const question = `Mạng chậm: có nên mở thêm bãi đỗ xe? ${uniqueKey('q')}`;
    const element = await pollForm('vi');
    const root = shadow(element);
    await writeNewPoll(root, { question, options: ['Có', 'Không'] });
    await saveLosingTheAnswer(root);
    const saved = nextSaved(element);
    await save(root);
    const { detail } = await saved;
    expect([detail.poll.question, detail.created]).to.deep.equal([question, true]);
    const { polls } = (await (await fetch('/api/admin/polls')).json()) as { polls: AdminPoll[] };
    expect(polls.filter((poll) => poll.question === question).map((poll) => poll.id)).to.deep.equal([detail.poll.id]);
  });

  it('saving a new poll again does not make it twice when the first sending reaches the server only after the page gave up on it', async () => {
    const question = `Mạng rất chậm: có nên mở thêm bãi đỗ xe? ${uniqueKey('q')}`;
    const element = await pollForm('vi');
    const root = shadow(element);
    await writeNewPoll(root, { question, options: ['Có', 'Không'] });
    await saveLosingTheAnswer(root, true);
    const saved = nextSaved(element);
    await save(root);
    const { detail } = await saved;
    // The first sending arrives now, late.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const { polls } = (await (await fetch('/api/admin/polls')).json()) as { polls: AdminPoll[] };
    expect(polls.filter((poll) => poll.question === question).map((poll) => poll.id)).to.deep.equal([detail.poll.id]);
  });

  it('a new poll the same as one made before is still made: only a poll that was not there before the lost answer counts as it', async () => {
    const question = `Bạn nghỉ Tết mấy ngày? ${uniqueKey('q')}`;
    const older = await createPoll({ question });
    const element = await pollForm('vi');
    const root = shadow(element);
    await writeNewPoll(root, { question, options: ['Có', 'Không'] });
    const saved = nextSaved(element);
    await save(root);
    const { detail } = await saved;
    expect(detail.poll.id).not.to.equal(older.id);
  });

  it('saving an edit again after its answer was lost saves it, without saying another editor changed the poll', async () => {
    const poll = await createPoll({ id: newPollId('mat-tra-loi'), question: 'Nghỉ lễ mấy ngày?' });
    const element = await pollForm('vi', poll);
    const root = shadow(element);
    setValue(root.querySelector<HTMLTextAreaElement>('#question')!, 'Nghỉ Tết mấy ngày?');
    await saveLosingTheAnswer(root);
    const saved = nextSaved(element);
    await save(root);
    const { detail } = await Promise.race([
      saved,
      waitUntil(() => visibleText(root.querySelector('#save-error')).startsWith('Cuộc bình chọn này đã được thay đổi'), 'never', { timeout: 15_000 }).then(() => {
        throw new Error('said that another editor changed the poll');
      }),
    ]);
    expect(detail.poll.question).to.equal('Nghỉ Tết mấy ngày?');
  });
});

describe('<egov-admin-poll-form> when the editor leaves the page', () => {
  /** Whether leaving now would make the browser ask first (what the page does with `beforeunload`). */
  const asksBeforeLeaving = () => !window.dispatchEvent(new Event('beforeunload', { cancelable: true }));

  it('asks first only while something written is not saved', async () => {
    const form = await pollForm('vi');
    const root = shadow(form);
    expect(asksBeforeLeaving(), 'nothing written yet').to.equal(false);
    setValue(root.querySelector<HTMLTextAreaElement>('#question')!, 'Bạn thấy trang mới thế nào?');
    await form.updateComplete;
    expect(asksBeforeLeaving(), 'a question written').to.equal(true);
    setValue(root.querySelector<HTMLTextAreaElement>('#question')!, '');
    await form.updateComplete;
    expect(asksBeforeLeaving(), 'written, then wiped out').to.equal(false);
    form.remove();
    expect(asksBeforeLeaving(), 'the form gone').to.equal(false);
  });

  it('does not leave while a save is on its way (it would land unseen)', async () => {
    const form = await pollForm('vi');
    const root = shadow(form);
    const left: unknown[] = [];
    form.addEventListener('egov-admin-cancel', (event) => left.push(event));
    setValue(root.querySelector<HTMLTextAreaElement>('#question')!, `Bạn thấy trang mới thế nào? (${uniqueKey('dang-luu')})`);
    const [first, second] = optionInputs(root);
    setValue(first!, 'Tốt');
    setValue(second!, 'Chưa tốt');
    await form.updateComplete;
    const save = await startHeldSave(root);
    const questions = answerQuestions(true);
    try {
      const cancel = [...root.querySelectorAll('button')].find((button) => visibleText(button) === 'Hủy')!;
      expect(cancel.getAttribute('aria-disabled')).to.equal('true');
      cancel.click();
      expect([questions.asked, left.length], 'left while saving').to.deep.equal([[], 0]);
    } finally {
      save.letGo();
      questions.restore();
    }
  });

  it('asks before Cancel drops something written, and stays when the editor says no', async () => {
    for (const lang of ['vi', 'en'] as const) {
      const form = await pollForm(lang);
      const root = shadow(form);
      const left: unknown[] = [];
      form.addEventListener('egov-admin-cancel', (event) => left.push(event));
      const cancel = [...root.querySelectorAll('button')].find((button) => visibleText(button) === (lang === 'vi' ? 'Hủy' : 'Cancel'))!;
      const questions = answerQuestions(false);
      try {
        cancel.click();
        expect([questions.asked, left.length], 'nothing written: left without a question').to.deep.equal([[], 1]);
        setValue(root.querySelector<HTMLTextAreaElement>('#question')!, 'Bạn thấy trang mới thế nào?');
        await form.updateComplete;
        cancel.click();
        expect(questions.asked).to.deep.equal([
          lang === 'vi' ? 'Những thay đổi trong biểu mẫu chưa được lưu. Bỏ các thay đổi đó?' : 'The changes in the form are not saved. Discard them?',
        ]);
        expect(left.length, 'left after "no"').to.equal(1);
        expect(root.querySelector<HTMLTextAreaElement>('#question')!.value).to.equal('Bạn thấy trang mới thế nào?');
        questions.answer = true;
        cancel.click();
        expect(left.length, 'not left after "yes"').to.equal(2);
      } finally {
        questions.restore();
        form.remove();
      }
    }
  });
});
