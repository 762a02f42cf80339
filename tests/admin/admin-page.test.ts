// The editors' page against the REAL reference server's admin API, behind the dev server's /api
// proxy (same origin, so the session cookie and the Origin check work as on a portal's own host).
// The server is started by web-test-runner.config.mjs with EGOV_DEMO_EDITOR (see
// tests/support/admin-editor.mjs), which creates the editor these tests sign in as.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/define.js';
import '../../server/admin/src/egov-admin.js';
import type { EgovAdmin } from '../../server/admin/src/admin-page.js';
import { AdminApi } from '../../server/admin/src/admin-api.js';
import type { EgovPoll } from '../../src/poll/poll.js';
import { TEST_EDITOR } from '../support/admin-editor.mjs';
import { inShadow, shadow, uniqueKey, visibleText } from '../support/helpers.js';
import {
  announcement, answerQuestions, countPollLists, deepActive, failNextRead, startHeldSave, expectAccessible, expectLabelInName, find, holdNextRead, liveRegionTexts, optionInputs, part, pollCard, resultLines,
  signInWithKeyboard, tabAndPressEnter, tabUntil, takeOverRefreshTimer, typeInto, waitForAnnouncement, writeNewPoll,
} from './harness.js';

interface PublicPoll {
  id: string;
  closed: boolean;
  closesAt: string | null;
  totalVotes: number;
  options: { id: string; label: string; votes: number }[];
}

async function publicPoll(pollId: string): Promise<PublicPoll> {
  const response = await fetch(`/api/polls/${pollId}`);
  expect(response.status, `GET /api/polls/${pollId}`).to.equal(200);
  return response.json();
}

/** Casts a vote through the public API, as a reader's browser would. */
async function vote(pollId: string, optionId: string): Promise<void> {
  const response = await fetch(`/api/polls/${pollId}/votes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ options: [optionId], voter: crypto.randomUUID() }),
  });
  expect(response.status, 'vote').to.equal(201);
}

/** Creates a poll through the admin API with this browser's session. */
async function createPoll(id: string, question: string, labels: string[]): Promise<PublicPoll> {
  const response = await fetch('/api/admin/polls', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id, question, multiple: false, closesAt: null, options: labels.map((label) => ({ label })) }),
  });
  expect(response.status, 'POST /api/admin/polls').to.equal(201);
  return response.json();
}

async function signOutBehindThePage(): Promise<void> {
  await fetch('/api/admin/session', { method: 'DELETE', credentials: 'same-origin' });
}

async function adminPage(lang: 'vi' | 'en'): Promise<EgovAdmin> {
  document.documentElement.lang = lang;
  return fixture<EgovAdmin>(html`<egov-admin endpoint="/api"></egov-admin>`);
}

async function signedIn(lang: 'vi' | 'en'): Promise<EgovAdmin> {
  const admin = await adminPage(lang);
  await signInWithKeyboard(admin, TEST_EDITOR.username, TEST_EDITOR.password);
  return admin;
}

/** Signed in (Vietnamese), a new poll "Có / Không" created and shown in the list, refreshed by its button. */
async function listedPoll(prefix: string) {
  const admin = await signedIn('vi');
  const pollId = uniqueKey(prefix).toLowerCase().replace(/[^a-z0-9-]/g, '-');
  await createPoll(pollId, uniqueQuestion(), ['Có', 'Không']);
  const list = await part(admin, 'egov-admin-polls');
  await tabAndPressEnter((element) => element.localName === 'button' && visibleText(element) === 'Làm mới' && list.contains(element), '"Làm mới"');
  return { admin, pollId, list, card: await pollCard(admin, pollId) };
}

/** A question no other test (or run) uses, in Vietnamese with its diacritics. */
function uniqueQuestion(): string {
  return `Bạn muốn nghỉ lễ vào thứ mấy? (${uniqueKey('q')})`;
}

describe('<egov-admin> with the admin API', function () {
  // Whole journeys by the keyboard, past every poll of the test server: longer than one widget test.
  this.timeout(120_000);

  afterEach(async () => {
    await signOutBehindThePage();
    localStorage.removeItem('egov-admin-lang');
    document.documentElement.lang = 'vi';
  });

  it('refuses a wrong password in words, then signs in with the right one (vi)', async () => {
    const admin = await adminPage('vi');
    const form = await part(admin, 'egov-admin-sign-in');
    // The page opens with the cursor in the first field of the form.
    await waitUntil(() => deepActive() === form.querySelector('#username'), 'the cursor is not in "Tên đăng nhập"');
    await expectAccessible(admin);
    await typeInto(await find(form, '#username'), TEST_EDITOR.username);
    await typeInto(await find(form, '#password'), 'sai-mat-khau');
    await sendKeys({ press: 'Enter' });
    const alert = await find(form, '[role="alert"]');
    expect(visibleText(alert)).to.equal('Sai tên đăng nhập hoặc mật khẩu. Vui lòng nhập lại.');
    expect(deepActive()).to.equal(form.querySelector('#password'));
    expect(form.querySelector<HTMLInputElement>('#password')!.value).to.equal('');
    await expectAccessible(admin);

    await sendKeys({ type: TEST_EDITOR.password });
    await sendKeys({ press: 'Enter' });
    const list = await part(admin, 'egov-admin-polls');
    expect(visibleText(await find(list, '#polls-title'))).to.equal('Các cuộc bình chọn');
    await waitForAnnouncement(admin, `Đã đăng nhập với tên ${TEST_EDITOR.username}.`);
    expect(deepActive()).to.equal(shadow(admin).querySelector('#page-title'));
    expect(visibleText(shadow(admin).querySelector('header'))).to.include(`Đã đăng nhập: ${TEST_EDITOR.username}`);
    await find(list, '.poll');
    await part(admin, 'egov-admin-audit');
    await expectAccessible(admin);
  });

  it('refuses a wrong password in English too', async () => {
    const admin = await adminPage('en');
    const form = await part(admin, 'egov-admin-sign-in');
    await typeInto(await find(form, '#username'), TEST_EDITOR.username);
    await typeInto(await find(form, '#password'), 'wrong-password');
    await sendKeys({ press: 'Enter' });
    expect(visibleText(await find(form, '[role="alert"]'))).to.equal('Wrong username or password. Please try again.');
    // Both fields are marked and described by the message, heard again on going back to either.
    for (const field of ['#username', '#password']) {
      expect(form.querySelector(field)!.getAttribute('aria-invalid'), field).to.equal('true');
      expect(form.querySelector(field)!.getAttribute('aria-describedby'), field).to.equal('sign-in-error');
    }
    expect(deepActive()).to.equal(form.querySelector('#password'));
    await expectAccessible(admin);
  });

  it('creates a poll by the keyboard alone (options added, removed, reordered), votes on it through <egov-poll>, closes it, gives its CSV and snippet, and records it all', async () => {
    const admin = await signedIn('vi');
    await tabAndPressEnter((element) => element.id === 'new-poll', 'the "new poll" button');
    const form = await part(admin, 'egov-admin-poll-form');
    await waitUntil(() => deepActive() === form.querySelector('#form-title'), 'the form title never got the focus');
    expect(visibleText(form.querySelector('#form-title'))).to.equal('Tạo cuộc bình chọn mới');

    const question = uniqueQuestion();
    const pollId = uniqueKey('tao-moi').toLowerCase().replace(/[^a-z0-9-]/g, '-');
    await writeNewPoll(form, { question, pollId, options: ['Thứ Hai', 'Thứ Sáu'] });

    // Add two options: each new field takes the focus, and the page says so.
    for (const [label, position] of [['Chủ nhật', 3], ['Xóa tôi', 4]] as const) {
      await tabAndPressEnter((element) => element.id === 'add-option', '"Thêm phương án"');
      await waitForAnnouncement(admin, `Đã thêm phương án ${position}.`);
      expect(deepActive()).to.equal(optionInputs(form)[position - 1]);
      await sendKeys({ type: label });
    }
    await expectAccessible(admin);

    // Remove the fourth: the focus goes to the option before it.
    await tabUntil((element) => element.matches('[data-remove]') && element.closest('li') === optionInputs(form)[3]!.closest('li'), 'remove 4');
    // One phrase per action, which holds the button's visible word (WCAG 2.5.3, label in name).
    expect(deepActive()!.getAttribute('aria-label')).to.equal('Xóa phương án 4 “Xóa tôi”');
    expectLabelInName(form);
    await sendKeys({ press: 'Enter' });
    await waitForAnnouncement(admin, 'Đã xóa phương án 4 “Xóa tôi”.');
    expect(optionInputs(form).map((input) => input.value)).to.deep.equal(['Thứ Hai', 'Thứ Sáu', 'Chủ nhật']);
    expect(deepActive()).to.equal(optionInputs(form)[2]);

    // Move "Chủ nhật" to the top with its "Lên" button: the focus stays on the button.
    await tabAndPressEnter((element) => element.matches('[data-move="up"]') && element.closest('li') === optionInputs(form)[2]!.closest('li'), 'up 3');
    // Named as its buttons name it: by its place before the move.
    await waitForAnnouncement(admin, 'Đã chuyển phương án 3 “Chủ nhật” tới vị trí 2.');
    await sendKeys({ press: 'Enter' });
    await waitForAnnouncement(admin, 'Đã chuyển phương án 2 “Chủ nhật” tới vị trí 1.');
    expect(optionInputs(form).map((input) => input.value)).to.deep.equal(['Chủ nhật', 'Thứ Hai', 'Thứ Sáu']);
    expect(deepActive()!.getAttribute('aria-label')).to.equal('Chuyển phương án 1 “Chủ nhật” lên');
    expect(visibleText(deepActive())).to.equal('Lên');
    await sendKeys({ press: 'Enter' });
    await waitForAnnouncement(admin, 'Phương án này đã ở đầu danh sách.');
    await expectAccessible(admin);

    await tabAndPressEnter((element) => element.matches('button[type="submit"]'), 'the create button');
    await waitForAnnouncement(admin, `Đã tạo cuộc bình chọn “${question}”.`);
    const card = await pollCard(admin, pollId);
    await waitUntil(() => deepActive() === card.querySelector('h3'), 'the new poll’s heading never got the focus');

    // On the public API at once, options in the editor's order.
    const created = await publicPoll(pollId);
    expect(created.options.map((option) => option.label)).to.deep.equal(['Chủ nhật', 'Thứ Hai', 'Thứ Sáu']);
    expect(created.closed).to.equal(false);

    // A reader votes through the real widget.
    const reader = await fixture<EgovPoll>(html`<egov-poll lang="vi" endpoint="/api" poll-id=${pollId}></egov-poll>`);
    const friday = created.options.find((option) => option.label === 'Thứ Sáu')!;
    (await inShadow<HTMLInputElement>(reader, `input[value="${friday.id}"]`)).click();
    await reader.updateComplete;
    shadow(reader).querySelector<HTMLButtonElement>('[part="vote-button"]')!.click();
    await inShadow(reader, '[part="results"]');

    // The editor sees the vote (the list refreshes; the button does it at once).
    const list = await part(admin, 'egov-admin-polls');
    shadow(admin).querySelector<HTMLElement>('#page-title')!.focus();
    await tabAndPressEnter((element) => element.localName === 'button' && visibleText(element) === 'Làm mới' && list.contains(element), '"Làm mới"');
    await waitUntil(() => resultLines(card).some((line) => line === 'Thứ Sáu 100% · 1 lượt'), `no vote shown: ${resultLines(card).join(' | ')}`);
    const bars = [...card.querySelectorAll('.fill')].map((fill) => fill.getAttribute('width'));
    expect(bars).to.deep.equal(['0%', '0%', '100%']);
    expect(visibleText(card)).to.include('Tổng số: 1 lượt bình chọn');

    // Close it: the button becomes "Mở lại" and keeps the focus; a reader now sees it closed.
    const closeButton = card.querySelector<HTMLButtonElement>('[data-action="closed"]')!;
    expect(visibleText(closeButton)).to.equal('Kết thúc');
    await tabAndPressEnter((element) => element === closeButton, '"Kết thúc"');
    await waitForAnnouncement(admin, `Đã kết thúc cuộc bình chọn “${question}”.`);
    expect(visibleText(closeButton)).to.equal('Mở lại');
    expect(deepActive()).to.equal(closeButton);
    expect(visibleText(card.querySelector('.meta'))).to.include('Đã kết thúc');
    expect((await publicPoll(pollId)).closed).to.equal(true);
    localStorage.clear();
    const later = await fixture<EgovPoll>(html`<egov-poll lang="vi" endpoint="/api" poll-id=${pollId}></egov-poll>`);
    expect(visibleText(await inShadow(later, '[part="notice"]'))).to.equal('Cuộc bình chọn đã kết thúc.');
    await expectAccessible(admin);

    // Archive (asked first: the poll leaves the portal's pages) and unarchive.
    const questions = answerQuestions(false);
    const archiveButton = card.querySelector<HTMLButtonElement>('[data-action="archived"]')!;
    await tabAndPressEnter((element) => element === archiveButton, '"Lưu trữ"');
    expect(questions.asked).to.deep.equal([
      `Lưu trữ cuộc bình chọn “${question}”? Cuộc bình chọn sẽ không còn hiện trên cổng thông tin: ở các trang đang nhúng nó, bạn đọc sẽ thấy “Không tìm thấy cuộc bình chọn này.”. Có thể bỏ lưu trữ sau; số phiếu được giữ nguyên.`,
    ]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(visibleText(card.querySelector('.meta')), 'archived though the editor said no').not.to.include('Đã lưu trữ');
    questions.answer = true;
    await sendKeys({ press: 'Enter' });
    await waitForAnnouncement(admin, `Đã lưu trữ cuộc bình chọn “${question}”.`);
    expect(visibleText(card.querySelector('.meta'))).to.include('Đã lưu trữ');
    await sendKeys({ press: 'Enter' });
    await waitForAnnouncement(admin, `Đã bỏ lưu trữ cuộc bình chọn “${question}”.`);
    expect(visibleText(card.querySelector('.meta'))).not.to.include('Đã lưu trữ');

    // The list's refresh shows polls made since first, and keeps every card it shows in its place
    // (the server lists the poll changed last first): the focus stays on the button pressed.
    const polls = list.host as HTMLElement & { updateComplete: Promise<boolean> };
    const refresh = () => (polls as unknown as { load(): Promise<void> }).load();
    const order = () => [...list.querySelectorAll('[data-heading]')].map((heading) => heading.getAttribute('data-heading'));
    const made = [];
    for (const name of ['khac', 'nua']) {
      const id = uniqueKey(name).toLowerCase().replace(/[^a-z0-9-]/g, '-');
      made.push(id);
      await createPoll(id, uniqueQuestion(), ['Có', 'Không']);
    }
    const shown = order();
    await refresh();
    await polls.updateComplete;
    // (Polls other tests make meanwhile come first too.)
    expect(order().slice(-shown.length), 'a card moved').to.deep.equal(shown);
    expect(made.every((id) => order().indexOf(id) < order().indexOf(shown[0]!)), 'the polls made since are not first').to.equal(true);
    expect(deepActive()).to.equal(archiveButton);
    await sendKeys({ press: 'Enter' });
    await waitForAnnouncement(admin, `Đã lưu trữ cuộc bình chọn “${question}”.`);
    const before = order();
    await refresh();
    await polls.updateComplete;
    expect(order().slice(-before.length), 'a card moved').to.deep.equal(before);
    expect(deepActive()).to.equal(archiveButton);
    await sendKeys({ press: 'Enter' });
    await waitForAnnouncement(admin, `Đã bỏ lưu trữ cuộc bình chọn “${question}”.`);
    // Asked at each archiving, never at unarchiving.
    expect(questions.asked.length).to.equal(3);
    questions.restore();

    // The CSV link downloads the results, UTF-8 with a BOM.
    const csvLink = card.querySelector<HTMLAnchorElement>('a[download]')!;
    expect(visibleText(csvLink)).to.equal('Tải kết quả (CSV)');
    expect(csvLink.href).to.equal(`${location.origin}/api/admin/polls/${pollId}/results.csv`);
    const csv = await fetch(csvLink.href, { credentials: 'same-origin' });
    expect(csv.status).to.equal(200);
    expect(csv.headers.get('content-type')).to.equal('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).to.include('Thứ Sáu');

    // Copy the embed snippet: the real clipboard, watched on its way.
    const written: string[] = [];
    const clipboard = navigator.clipboard;
    const realWrite = clipboard.writeText.bind(clipboard);
    clipboard.writeText = (text: string) => {
      written.push(text);
      return realWrite(text);
    };
    try {
      await tabAndPressEnter((element) => element === card.querySelector('[data-copy]'), '"Sao chép mã nhúng"');
      await waitForAnnouncement(admin, 'Đã sao chép mã nhúng. Dán vào trang của cổng để hiện cuộc bình chọn.');
    } finally {
      delete (clipboard as Partial<Clipboard>).writeText;
    }
    expect(written).to.deep.equal([`<egov-poll endpoint="${location.origin}/api" poll-id="${pollId}"></egov-poll>`]);
    expect(visibleText(card.querySelector('.copy-result'))).to.equal('Đã sao chép mã nhúng. Dán vào trang của cổng để hiện cuộc bình chọn.');
    await expectAccessible(admin);

    // The audit trail names the editor and each change, newest first.
    const audit = await part(admin, 'egov-admin-audit');
    // Past every poll's buttons: the test server also holds the fault tests' pool of 120 polls.
    await tabAndPressEnter((element) => element.localName === 'button' && audit.contains(element), 'the audit "Làm mới"', { max: 2000 });
    const rowsFor = () =>
      [...audit.querySelectorAll('tbody tr')]
        .map((row) => [...row.querySelectorAll('td')].map(visibleText))
        .filter((cells) => cells[3] === pollId);
    await waitUntil(() => rowsFor().length >= 6, `audit rows: ${JSON.stringify(rowsFor())}`);
    expect(rowsFor().map((cells) => cells[2])).to.deep.equal(['Bỏ lưu trữ', 'Lưu trữ', 'Bỏ lưu trữ', 'Lưu trữ', 'Kết thúc', 'Tạo mới']);
    expect(rowsFor().every((cells) => cells[1] === TEST_EDITOR.username)).to.equal(true);
    const signIns = [...audit.querySelectorAll('tbody tr')].filter((row) => visibleText(row.querySelectorAll('td')[2]) === 'Đăng nhập');
    expect(signIns.length).to.be.greaterThan(0);
    await expectAccessible(admin);
  });

  it('edits a poll: labels corrected, an option added, the closing time in Vietnam time, and an option with votes cannot be removed', async () => {
    const admin = await signedIn('vi');
    const pollId = uniqueKey('sua').toLowerCase().replace(/[^a-z0-9-]/g, '-');
    const question = uniqueQuestion();
    const created = await createPoll(pollId, question, ['3 ngay', '4 ngày', '6 ngày']);
    await vote(pollId, created.options[0]!.id);
    const list = await part(admin, 'egov-admin-polls');
    await tabAndPressEnter((element) => element.localName === 'button' && visibleText(element) === 'Làm mới' && list.contains(element), '"Làm mới"');
    const card = await pollCard(admin, pollId);
    await tabAndPressEnter((element) => element === card.querySelector('[data-edit]'), '"Sửa"');
    const form = await part(admin, 'egov-admin-poll-form');
    expect(visibleText(form.querySelector('#form-title'))).to.equal('Sửa cuộc bình chọn');
    expect(optionInputs(form).map((input) => input.value)).to.deep.equal(['3 ngay', '4 ngày', '6 ngày']);
    expect(visibleText(form.querySelector('.option .hint'))).to.equal('Đã có 1 lượt bình chọn');
    await expectAccessible(admin);

    // The option that has a vote cannot be removed, as on the server: its "Xóa" stays a focusable
    // stop that says so, described by its votes; the others can.
    const removes = [...form.querySelectorAll('[data-remove]')];
    expect(removes.map((button) => button.getAttribute('aria-disabled'))).to.deep.equal(['true', 'false', 'false']);
    expect(removes[0]!.getAttribute('aria-describedby')).to.equal(form.querySelector('.option .hint')!.id);
    const removeFirst = await tabAndPressEnter((element) => element === removes[0], 'remove 1');
    await waitForAnnouncement(admin, 'Không thể xóa phương án đã có người bình chọn. Hãy giữ lại phương án đó (vẫn sửa được nội dung).');
    expect(optionInputs(form).map((input) => input.value)).to.deep.equal(['3 ngay', '4 ngày', '6 ngày']);
    expect(deepActive()).to.equal(removeFirst);
    await expectAccessible(admin);

    const edit = form;
    const first = optionInputs(edit)[0]!;
    await tabUntil((element) => element === first, 'option 1');
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'KeyA' });
    await sendKeys({ up: 'Control' });
    await sendKeys({ type: '3 ngày' });
    await tabAndPressEnter((element) => element.id === 'add-option', 'add');
    await sendKeys({ type: '5 ngày trở lên' });
    // 30/04/2027 17:00 in Vietnam is 10:00 UTC, whatever this computer's time zone.
    const closesAt = edit.querySelector<HTMLInputElement>('#closes-at')!;
    closesAt.value = '2027-04-30T17:00';
    closesAt.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    await waitUntil(() => visibleText(edit.querySelector('#closes-at-hint')).includes('17:00'), 'no readable closing time');
    await tabAndPressEnter((element) => element.matches('button[type="submit"]'), 'save');
    await waitForAnnouncement(admin, `Đã lưu cuộc bình chọn “${question}”.`);

    const saved = await publicPoll(pollId);
    expect(saved.options.map((option) => [option.label, option.votes])).to.deep.equal([
      ['3 ngày', 1],
      ['4 ngày', 0],
      ['6 ngày', 0],
      ['5 ngày trở lên', 0],
    ]);
    expect(saved.options[0]!.id).to.equal(created.options[0]!.id);
    expect(Date.parse(saved.closesAt!)).to.equal(Date.UTC(2027, 3, 30, 10, 0, 0));
    const shown = await pollCard(admin, pollId);
    expect(visibleText(shown.querySelector('.meta'))).to.include('Hạn kết thúc: 17:00 30/04/2027 (giờ Việt Nam)');

    // The audit trail names what the edit changed in the editor's words, not the API's field names.
    const audit = await part(admin, 'egov-admin-audit');
    const edits = () =>
      [...audit.querySelectorAll('tbody tr')]
        .map((row) => [...row.querySelectorAll('td')].map(visibleText))
        .filter((cells) => cells[3] === pollId && cells[2] === 'Sửa');
    await waitUntil(() => edits().length > 0, 'no audit row for the edit');
    expect(edits()[0]![4]).to.equal('hạn kết thúc, các phương án');
  });

  it('says the votes of each option, puts the form in place whole over options another editor removed, and says in its own words data the server does not accept', async () => {
    const admin = await signedIn('en');
    const pollId = uniqueKey('doi-cho').toLowerCase().replace(/[^a-z0-9-]/g, '-');
    const created = await createPoll(pollId, uniqueQuestion(), ['Có', 'Không', 'Chưa biết']);
    const [yes, no] = created.options;
    await vote(pollId, yes!.id);
    await vote(pollId, yes!.id);
    await vote(pollId, no!.id);
    const list = await part(admin, 'egov-admin-polls');
    await tabAndPressEnter((element) => element.localName === 'button' && visibleText(element) === 'Refresh' && list.contains(element), '"Refresh"');
    const card = await pollCard(admin, pollId);
    await tabAndPressEnter((element) => element === card.querySelector('[data-edit]'), '"Edit"');
    const form = await part(admin, 'egov-admin-poll-form');
    await waitUntil(() => optionInputs(form).length === 3, 'the form never showed the poll');

    // The votes so far, counted in words with the right plural; none said for an option without.
    const hints = () => [...form.querySelectorAll('.option')].map((row) => visibleText(row.querySelector('.hint')));
    expect(hints()).to.deep.equal(['2 votes so far', '1 vote so far', '']);
    expect(form.querySelector('[data-move="up"]')!.getAttribute('aria-label')).to.equal('Move option 1 “Có” up');
    expect(form.querySelectorAll('[data-remove]')[2]!.getAttribute('aria-label')).to.equal('Remove option 3 “Chưa biết”');
    expectLabelInName(form);

    // Another editor removes "Chưa biết" meanwhile: the save is refused as made on an older version
    // (412); saved again, the form is put in place whole, "Chưa biết" with it, as a new option (its
    // old id is gone: sent, it was a 400 unknown_option, and only reloading, which lost the draft).
    const other = await fetch(`/api/admin/polls/${pollId}`, {
      method: 'PATCH',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ options: [{ id: yes!.id, label: yes!.label }, { id: no!.id, label: no!.label }] }),
    });
    expect(other.status, 'the other editor’s PATCH').to.equal(200);
    await tabAndPressEnter((element) => element.matches('button[type="submit"]'), 'save');
    await waitUntil(() => visibleText(form.querySelector('#save-error')).startsWith('This poll was changed after you opened it'), 'no 412 said');
    await tabAndPressEnter((element) => element.matches('button[type="submit"]'), 'save again');
    // Saved: the form gives way to the list.
    await pollCard(admin, pollId);
    const saved = (await (await fetch('/api/admin/polls')).json()) as { polls: { id: string; options: { label: string; votes: number }[] }[] };
    expect(saved.polls.find((poll) => poll.id === pollId)!.options.map((option) => [option.label, option.votes])).to.deep.equal([
      ['Có', 2],
      ['Không', 1],
      ['Chưa biết', 0],
    ]);
    await expectAccessible(admin);

    // A 400 the server says the field of (here a question over the server's 500 characters, past
    // the form's own limit: a page and a server of other versions) names it by the form's own
    // label, in the page's language, marks it and puts the cursor in it.
    await tabAndPressEnter((element) => element.localName === 'button' && visibleText(element) === 'Tiếng Việt', 'Tiếng Việt', { back: true });
    shadow(admin).querySelector<HTMLElement>('#page-title')!.focus();
    await tabAndPressEnter((element) => element.id === 'new-poll', 'the "new poll" button');
    const create = await part(admin, 'egov-admin-poll-form');
    await waitUntil(() => deepActive() === create.querySelector('#form-title'), 'the form title never got the focus');
    const question = uniqueQuestion();
    await writeNewPoll(create, { question, options: ['Có', 'Không'] });
    const overLimit = (field: HTMLInputElement | HTMLTextAreaElement, length: number) => {
      field.value = 'a'.repeat(length);
      field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    };
    const questionField = create.querySelector<HTMLTextAreaElement>('#question')!;
    overLimit(questionField, 501);
    await tabAndPressEnter((element) => element.matches('button[type="submit"]'), 'create');
    const refused = 'Máy chủ không chấp nhận nội dung ở mục “Câu hỏi”. Vui lòng sửa mục này rồi lưu lại.';
    await waitForAnnouncement(admin, refused);
    expect(visibleText(create.querySelector('#question-error'))).to.equal(refused);
    expect(questionField.getAttribute('aria-invalid')).to.equal('true');
    await waitUntil(() => deepActive() === questionField, 'the cursor never went to "Câu hỏi"');
    expect(create.querySelector('#save-error'), 'a sentence that names no field').to.equal(null);
    await expectAccessible(admin);
    document.documentElement.lang = 'en';
    await waitUntil(() => visibleText(create.querySelector('#question-error')) === 'The server did not accept what is in “Question”. Please correct it and save again.', 'not in English');
    // Put right, the field's error goes; an option is named by its place in the list.
    questionField.select();
    await sendKeys({ type: question });
    expect(questionField.getAttribute('aria-invalid')).to.equal('false');
    overLimit(optionInputs(create)[1]!, 201);
    await tabAndPressEnter((element) => element.matches('button[type="submit"]'), 'create');
    await waitForAnnouncement(admin, 'The server did not accept what is in “Option 2”. Please correct it and save again.');
    await waitUntil(() => deepActive() === optionInputs(create)[1], 'the cursor never went to "Option 2"');
    expect(optionInputs(create)[1]!.getAttribute('aria-invalid')).to.equal('true');
  });

  it('keeps what the editor wrote when another editor saved the poll meanwhile, says so, and saves it on the new version when asked again', async () => {
    const { admin, pollId, card } = await listedPoll('hai-nguoi');
    await tabAndPressEnter((element) => element === card.querySelector('[data-edit]'), '"Sửa"');
    const form = await part(admin, 'egov-admin-poll-form');
    const question = await find<HTMLTextAreaElement>(form, '#question');
    await tabUntil((element) => element === question, 'the question');
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'KeyA' });
    await sendKeys({ up: 'Control' });
    await sendKeys({ type: 'Câu hỏi của biên tập viên thứ nhất?' });

    // Another editor saves the poll while this form is open.
    const other = await fetch(`/api/admin/polls/${pollId}`, {
      method: 'PATCH',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: 'Câu hỏi của biên tập viên thứ hai?' }),
    });
    expect(other.status, 'the other editor’s PATCH').to.equal(200);
    const submit = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    await tabAndPressEnter((element) => element === submit, 'save');
    const error = await find(form, '#save-error');
    expect(error.getAttribute('role')).to.equal('alert');
    expect(visibleText(error)).to.equal(
      'Cuộc bình chọn này đã được thay đổi sau khi bạn mở ra để sửa (bởi một biên tập viên khác, hoặc ở một thẻ khác), nên thay đổi của bạn chưa được lưu; nội dung bạn đang soạn vẫn còn nguyên. ' +
        'Để sửa trên bản mới, hãy bấm “Hủy” rồi mở lại cuộc bình chọn. Để thay bản đó bằng đúng những gì biểu mẫu này đang có, hãy bấm “Lưu thay đổi” lần nữa.',
    );
    expect(question.value, 'the draft').to.equal('Câu hỏi của biên tập viên thứ nhất?');
    expect(deepActive(), 'the focus').to.equal(submit);
    const { polls } = await (await fetch('/api/admin/polls', { credentials: 'same-origin' })).json();
    expect(polls.find((poll: { id: string }) => poll.id === pollId).question, 'the poll as the other editor saved it').to.equal('Câu hỏi của biên tập viên thứ hai?');
    await expectAccessible(admin);

    // Saved again, knowingly: this time on the version the other editor made.
    await sendKeys({ press: 'Enter' });
    await waitForAnnouncement(admin, 'Đã lưu cuộc bình chọn “Câu hỏi của biên tập viên thứ nhất?”.');
    expect(visibleText(await pollCard(admin, pollId)).includes('Câu hỏi của biên tập viên thứ nhất?')).to.equal(true);
  });

  it('says why a poll past its closing time does not reopen, and that the closing time is what to change', async () => {
    const pollId = uniqueKey('het-han').toLowerCase().replace(/[^a-z0-9-]/g, '-');
    const admin = await signedIn('vi');
    const created = await fetch('/api/admin/polls', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: pollId, question: uniqueQuestion(), multiple: false, closesAt: '2018-01-31T23:59:59+07:00', options: [{ label: 'Có' }, { label: 'Không' }] }),
    });
    expect(created.status, 'POST /api/admin/polls').to.equal(201);
    const list = await part(admin, 'egov-admin-polls');
    await tabAndPressEnter((element) => element.localName === 'button' && visibleText(element) === 'Làm mới' && list.contains(element), '"Làm mới"');
    const card = await pollCard(admin, pollId);
    const reopen = card.querySelector<HTMLButtonElement>('[data-action="closed"]')!;
    expect(visibleText(reopen)).to.equal('Mở lại');
    await tabAndPressEnter((element) => element === reopen, '"Mở lại"');
    await waitUntil(() => card.querySelector('[role="alert"]'), 'no error shown');
    expect(visibleText(card.querySelector('[role="alert"]'))).to.equal(
      'Chưa thực hiện được. Thời điểm kết thúc của cuộc bình chọn đã qua: hãy sửa thời điểm kết thúc (muộn hơn, hoặc để trống) để mở lại.',
    );
    expect((await publicPoll(pollId)).closed).to.equal(true);
    await expectAccessible(admin);
  });

  it('works in English in every state, from the language switch', async () => {
    const admin = await adminPage('vi');
    await part(admin, 'egov-admin-sign-in');
    const english = await tabAndPressEnter((element) => element.localName === 'button' && visibleText(element) === 'English', 'English');
    expect(document.documentElement.lang).to.equal('en');
    expect(english.getAttribute('aria-pressed')).to.equal('true');
    const form = await part(admin, 'egov-admin-sign-in');
    await waitUntil(() => visibleText(form.querySelector('#sign-in-title')) === 'Sign in', 'no English sign-in');
    expect(document.title).to.equal('Poll management');
    await expectAccessible(admin);

    await signInWithKeyboard(admin, TEST_EDITOR.username, TEST_EDITOR.password);
    const list = await part(admin, 'egov-admin-polls');
    expect(visibleText(await find(list, '#polls-title'))).to.equal('Polls');
    await find(list, '.poll');
    expect(visibleText(list.querySelector('[data-edit]'))).to.equal('Edit');
    // The CSV speaks the page's language too.
    const csvLink = list.querySelector<HTMLAnchorElement>('a[download]')!;
    expect(new URL(csvLink.href).search).to.equal('?lang=en');
    const csv = await (await fetch(csvLink.href, { credentials: 'same-origin' })).text();
    expect(csv.split('\r\n')[0]).to.equal('Option,Votes,Share');
    const audit = await part(admin, 'egov-admin-audit');
    await find(audit, 'table');
    expect(visibleText(audit.querySelector('caption'))).to.equal('Who did what and when; newest first.');
    await expectAccessible(admin);

    // An empty form is not sent: each problem is said at its field.
    await tabAndPressEnter((element) => element.id === 'new-poll', '"New poll"');
    const pollForm = await part(admin, 'egov-admin-poll-form');
    await tabAndPressEnter((element) => element.matches('button[type="submit"]'), 'create');
    // Said once, at the save, by the page's live region; the summary is on screen, not an alert.
    await waitForAnnouncement(admin, 'Not saved: 3 fields need fixing.');
    expect(visibleText(await find(pollForm, '.message.error'))).to.equal('Not saved: 3 fields need fixing.');
    expect(pollForm.querySelector('[role="alert"]') === null, 'the summary is an alert').to.equal(true);
    expect(visibleText(pollForm.querySelector('#question-error'))).to.equal('Please enter the question.');
    expect(deepActive()).to.equal(pollForm.querySelector('#question'));
    await expectAccessible(admin);

    // Each error goes as its field is put right, and the rest follow the language switch.
    await sendKeys({ type: 'Nghỉ lễ mấy ngày?' });
    await waitUntil(() => visibleText(pollForm.querySelector('.message.error')) === 'Not saved: 2 fields need fixing.', 'the count stayed');
    expect(announcement(admin)).to.equal('Not saved: 3 fields need fixing.');
    expect(visibleText(pollForm.querySelector('#question-error'))).to.equal('');
    expect(pollForm.querySelector('#question')!.getAttribute('aria-invalid')).to.equal('false');

    // An empty option is named by its place alone, in its buttons and in what a move says.
    const down = await tabUntil((element) => element.matches('[data-move="down"]') && element.closest('li') === optionInputs(pollForm)[0]!.closest('li'), 'down 1');
    expect(down.getAttribute('aria-label')).to.equal('Move option 1 down');
    expect(pollForm.querySelector('[data-remove]')!.getAttribute('aria-label')).to.equal('Remove option 1');
    expectLabelInName(pollForm);
    await sendKeys({ press: 'Enter' });
    await waitForAnnouncement(admin, 'Moved option 1 to position 2.');
    await tabAndPressEnter((element) => element.localName === 'button' && visibleText(element) === 'Tiếng Việt', 'Tiếng Việt');
    await waitUntil(() => visibleText(pollForm.querySelector('.message.error')) === 'Chưa lưu: có 2 chỗ cần sửa.', 'the errors stayed in English');
    expect(visibleText(pollForm.querySelector('.field-error:not([hidden])'))).to.equal('Phương án này chưa có nội dung.');
  });

  it('opens in the language the editor last chose', async () => {
    const first = await adminPage('vi');
    await part(first, 'egov-admin-sign-in');
    await tabAndPressEnter((element) => element.localName === 'button' && visibleText(element) === 'English', 'English');
    first.remove();
    const again = await adminPage('vi');
    expect(document.documentElement.lang).to.equal('en');
    const form = await part(again, 'egov-admin-sign-in');
    await waitUntil(() => visibleText(form.querySelector('#sign-in-title')) === 'Sign in', 'not opened in English');
    await tabAndPressEnter((element) => element.localName === 'button' && visibleText(element) === 'Tiếng Việt', 'Tiếng Việt');
    again.remove();
    await adminPage('en');
    expect(document.documentElement.lang).to.equal('vi');
  });

  it('signs out, and sends an editor whose session ended back to the sign-in form with the reason', async () => {
    const admin = await signedIn('vi');
    await tabAndPressEnter((element) => element.id === 'sign-out', '"Đăng xuất"');
    const form = await part(admin, 'egov-admin-sign-in');
    await waitForAnnouncement(admin, 'Bạn đã đăng xuất.');
    expect(deepActive()).to.equal(form.querySelector('#username'));
    expect((await fetch('/api/admin/polls', { credentials: 'same-origin' })).status).to.equal(401);

    await signInWithKeyboard(admin, TEST_EDITOR.username, TEST_EDITOR.password);
    await signOutBehindThePage();
    const list = await part(admin, 'egov-admin-polls');
    await tabAndPressEnter((element) => element.localName === 'button' && visibleText(element) === 'Làm mới' && list.contains(element), '"Làm mới"');
    await waitForAnnouncement(admin, 'Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại.');
    expect(visibleText(shadow(admin).querySelector('main .message'))).to.equal('Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại.');
    expect(announcement(admin)).to.equal('Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại.');
    await expectAccessible(admin);
  });

  it('keeps a poll being written through the end of the session: signed in again, the editor saves it', async () => {
    const admin = await signedIn('vi');
    await tabAndPressEnter((element) => element.id === 'new-poll', 'the "new poll" button');
    const form = await part(admin, 'egov-admin-poll-form');
    const question = uniqueQuestion();
    const pollId = uniqueKey('giu-ban-soan').toLowerCase().replace(/[^a-z0-9-]/g, '-');
    await writeNewPoll(form, { question, pollId, options: ['Thứ Hai', 'Thứ Sáu'] });

    // The session ends meanwhile (8 hours idle, or signed out in another tab); the editor saves.
    await signOutBehindThePage();
    await tabAndPressEnter((element) => element.matches('button[type="submit"]'), 'the create button');
    const kept = 'Phiên làm việc đã kết thúc. Những gì bạn đang soạn vẫn được giữ: hãy đăng nhập lại rồi lưu.';
    await waitForAnnouncement(admin, kept);
    const signIn = await part(admin, 'egov-admin-sign-in');
    expect(visibleText(shadow(admin).querySelector('main .message'))).to.equal(kept);
    await waitUntil(() => deepActive() === signIn.querySelector('#username'), 'the cursor is not in the sign-in form');
    // The form is out of sight and out of the keyboard's way, not gone.
    const formElement = shadow(admin).querySelector('egov-admin-poll-form')!;
    expect(formElement.getClientRects().length, 'the hidden form is laid out').to.equal(0);
    await expectAccessible(admin);

    await signInWithKeyboard(admin, TEST_EDITOR.username, TEST_EDITOR.password, 'egov-admin-poll-form');
    await waitForAnnouncement(admin, `Đã đăng nhập với tên ${TEST_EDITOR.username}. Cuộc bình chọn bạn đang soạn đã được mở lại (chưa lưu).`);
    expect(shadow(admin).querySelector('egov-admin-poll-form')).to.equal(formElement);
    await waitUntil(() => deepActive() === form.querySelector('#form-title'), 'the form title never got the focus back');
    expect((form.querySelector('#question') as HTMLInputElement).value).to.equal(question);
    expect(optionInputs(form).map((input) => input.value)).to.deep.equal(['Thứ Hai', 'Thứ Sáu']);
    await expectAccessible(admin);

    await tabAndPressEnter((element) => element.matches('button[type="submit"]'), 'the create button');
    await waitForAnnouncement(admin, `Đã tạo cuộc bình chọn “${question}”.`);
    expect((await publicPoll(pollId)).options.map((option) => option.label)).to.deep.equal(['Thứ Hai', 'Thứ Sáu']);
  });

  it('does not give another editor the form someone left unsaved when their session ended', async () => {
    const admin = await signedIn('vi');
    await tabAndPressEnter((element) => element.id === 'new-poll', 'the "new poll" button');
    const form = await part(admin, 'egov-admin-poll-form');
    await writeNewPoll(form, { question: uniqueQuestion(), options: ['Có', 'Không'] });
    await signOutBehindThePage();
    await tabAndPressEnter((element) => element.matches('button[type="submit"]'), 'the create button');
    await part(admin, 'egov-admin-sign-in');
    expect(shadow(admin).querySelector('egov-admin-poll-form') !== null, 'the form was not kept').to.equal(true);
    // Another editor signs in at this browser (the test server has one account: the sign-in
    // form's own event stands for theirs; what is checked is the page's answer to it).
    shadow(admin).querySelector('egov-admin-sign-in')!.dispatchEvent(
      new CustomEvent('egov-admin-signed-in', { detail: { username: 'nguoi-khac' }, bubbles: true, composed: true }),
    );
    await admin.updateComplete;
    expect(shadow(admin).querySelector('egov-admin-poll-form') === null, 'the form was kept for another editor').to.equal(true);
  });

  it('does not sign out while a save is on its way, and says so; the save then lands in view', async () => {
    const admin = await signedIn('en');
    await tabAndPressEnter((element) => element.id === 'new-poll', 'the "new poll" button');
    const form = await part(admin, 'egov-admin-poll-form');
    const question = uniqueQuestion();
    await writeNewPoll(form, { question, options: ['Có', 'Không'] });
    const save = await startHeldSave(form);
    try {
      await tabAndPressEnter((element) => element.id === 'sign-out', '"Sign out"');
      await waitForAnnouncement(admin, 'The poll is being saved. Sign out once it is saved.');
      expect(shadow(admin).querySelector('egov-admin-sign-in') === null, 'signed out during the save').to.equal(true);
    } finally {
      save.letGo();
    }
    await waitForAnnouncement(admin, `Created the poll “${question}”.`);
  });

  it("closes the form with the browser's Back as Cancel does (asking first when something is written), not the page", async () => {
    const admin = await signedIn('vi');
    const list = await part(admin, 'egov-admin-polls');
    const formEntry = () => (history.state as { egovAdminForm?: boolean } | null)?.egovAdminForm === true;
    // Opened and left unchanged: Back closes it without a word, the focus back on "new poll".
    await tabAndPressEnter((element) => element.id === 'new-poll', 'the "new poll" button');
    await part(admin, 'egov-admin-poll-form');
    expect(formEntry(), 'the form has a history entry').to.equal(true);
    const questions = answerQuestions(false);
    try {
      history.back();
      await waitUntil(() => shadow(admin).querySelector('egov-admin-poll-form') === null, 'Back did not close the form');
      await waitUntil(() => deepActive() === list.querySelector('#new-poll'), '"new poll" never got the focus back');
      expect(questions.asked).to.deep.equal([]);
      // Written in: Back asks; "no" keeps the form and what is in it (and its entry), "yes" closes it.
      await tabAndPressEnter((element) => element.id === 'new-poll', 'the "new poll" button again');
      const form = await part(admin, 'egov-admin-poll-form');
      await writeNewPoll(form, { question: uniqueQuestion(), options: ['Có', 'Không'] });
      history.back();
      await waitUntil(() => questions.asked.length === 1, 'Back did not ask');
      expect(questions.asked[0]).to.equal('Những thay đổi trong biểu mẫu chưa được lưu. Bỏ các thay đổi đó?');
      await waitUntil(formEntry, 'the form lost its history entry');
      expect(shadow(admin).querySelector('egov-admin-poll-form') !== null, 'closed though the editor said no').to.equal(true);
      questions.answer = true;
      history.back();
      await waitUntil(() => shadow(admin).querySelector('egov-admin-poll-form') === null, 'Back did not close the form');
      // Closed by its own Cancel, the form takes its entry with it: the next Back is the page's own.
      await tabAndPressEnter((element) => element.id === 'new-poll', 'the "new poll" button a third time');
      const third = await part(admin, 'egov-admin-poll-form');
      await tabAndPressEnter((element) => element.localName === 'button' && visibleText(element) === 'Hủy' && third.contains(element), '"Hủy"');
      await waitUntil(() => !formEntry(), "Cancel left the form's history entry");
    } finally {
      questions.restore();
    }
  });

  it('keeps a poll just created in the list when a refresh read before it arrives after it', async () => {
    const admin = await signedIn('vi');
    const list = await part(admin, 'egov-admin-polls');
    await tabAndPressEnter((element) => element.id === 'new-poll', 'the "new poll" button');
    const form = await part(admin, 'egov-admin-poll-form');
    const question = uniqueQuestion();
    await writeNewPoll(form, { question, options: ['Có', 'Không'] });
    // The hidden list's next refresh is read from the server now, before the save, and held.
    const refresh = holdNextRead('polls');
    try {
      void (list.host as unknown as { load(): Promise<void> }).load();
      await refresh.wasRead;
      await tabAndPressEnter((element) => element.matches('button[type="submit"]') && form.contains(element), 'create');
      await waitForAnnouncement(admin, `Đã tạo cuộc bình chọn “${question}”.`);
    } finally {
      refresh.letGo();
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    const headings = [...list.querySelectorAll('[data-heading]')].map((heading) => visibleText(heading));
    expect(headings, 'the poll just created left the list').to.include(question);
  });

  it('keeps a form opened at once after another was saved: the page going back for the saved one does not close it', async () => {
    const admin = await signedIn('vi');
    const list = await part(admin, 'egov-admin-polls');
    await tabAndPressEnter((element) => element.id === 'new-poll', 'the "new poll" button');
    const form = await part(admin, 'egov-admin-poll-form');
    await writeNewPoll(form, { question: uniqueQuestion(), options: ['Có', 'Không'] });
    const formElement = shadow(admin).querySelector('egov-admin-poll-form')!;
    // Saved, and at that very moment the editor opens a new one (before the page's Back is done).
    const reopened = new Promise<void>((resolve) =>
      formElement.addEventListener('egov-admin-saved', () => queueMicrotask(() => {
        list.querySelector<HTMLElement>('#new-poll')!.click();
        resolve();
      }), { once: true }),
    );
    await tabAndPressEnter((element) => element.matches('button[type="submit"]') && form.contains(element), 'create');
    await reopened;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(shadow(admin).querySelector('egov-admin-poll-form') !== null, 'the new form was closed').to.equal(true);
    expect((history.state as { egovAdminForm?: boolean } | null)?.egovAdminForm, 'the new form has no history entry').to.equal(true);
    await tabAndPressEnter((element) => element.localName === 'button' && visibleText(element) === 'Hủy', '"Hủy"');
  });

  it('asks before signing out drops a form being written, then closes it', async () => {
    const admin = await signedIn('en');
    await tabAndPressEnter((element) => element.id === 'new-poll', 'the "new poll" button');
    const form = await part(admin, 'egov-admin-poll-form');
    const question = uniqueQuestion();
    await typeInto(form.querySelector('#question')!, question);
    const questions = answerQuestions(false);
    try {
      await tabAndPressEnter((element) => element.id === 'sign-out', '"Sign out"');
      expect(questions.asked).to.deep.equal(['The changes in the form are not saved. Sign out and discard them?']);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(shadow(admin).querySelector('egov-admin-sign-in') === null, 'signed out after "no"').to.equal(true);
      expect(form.querySelector<HTMLTextAreaElement>('#question')!.value).to.equal(question);
      questions.answer = true;
      await tabAndPressEnter((element) => element.id === 'sign-out', '"Sign out"');
    } finally {
      questions.restore();
    }
    await waitForAnnouncement(admin, 'You have signed out.');
    expect(shadow(admin).querySelector('egov-admin-poll-form') === null, 'the form stayed').to.equal(true);
    await signInWithKeyboard(admin, TEST_EDITOR.username, TEST_EDITOR.password);
    await part(admin, 'egov-admin-polls');
    expect(shadow(admin).querySelector('egov-admin-poll-form') === null, 'the form came back').to.equal(true);
  });

  it('keeps a change answered while a refresh of the list was on its way: the older list does not bring the poll back as it was', async () => {
    const { admin, pollId, list, card } = await listedPoll('dong');
    // The next list the page asks for is read from the server now, and reaches the page only when let go.
    const refresh = holdNextRead('polls');
    try {
      await tabAndPressEnter((element) => element.localName === 'button' && visibleText(element) === 'Làm mới' && list.contains(element), '"Làm mới" again');
      await refresh.wasRead;
      // Closed meanwhile, and answered before the older list arrives.
      await tabAndPressEnter((element) => element === card.querySelector('[data-action="closed"]'), '"Kết thúc"');
      await waitUntil(() => visibleText(card.querySelector('[data-action="closed"]')) === 'Mở lại', 'never shown closed');
    } finally {
      refresh.letGo();
    }
    // The held list arrives, and the page renders what it makes of it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(visibleText((await pollCard(admin, pollId)).querySelector('[data-action="closed"]')), 'still shown closed').to.equal('Mở lại');
  });

  it("keeps each poll in its place when the list is refreshed: one changed meanwhile does not jump to the top under the editor's eyes", async () => {
    const { list } = await listedPoll('tai-cho');
    const order = () => [...list.querySelectorAll<HTMLElement>('li.poll h3')].map((heading) => heading.dataset['heading']);
    const before = order();
    expect(before.length, 'polls listed').to.be.greaterThan(2);
    // Another editor changes the last poll of the list: the server now lists it first.
    const lastPollId = before.at(-1)!;
    const changed = await fetch(`/api/admin/polls/${lastPollId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ closesAt: '2099-01-01T00:00:00+07:00' }),
    });
    expect(changed.status).to.equal(200);
    const asked = AdminApi.prototype.polls;
    let listed: string[] = [];
    AdminApi.prototype.polls = async function (this: AdminApi, signal?: AbortSignal) {
      const polls = await asked.call(this, signal);
      listed = polls.map((poll) => poll.id);
      return polls;
    };
    try {
      await tabAndPressEnter((element) => element.localName === 'button' && visibleText(element) === 'Làm mới' && list.contains(element), '"Làm mới"');
      await waitUntil(() => listed.length > 0, 'the list was not asked for');
    } finally {
      AdminApi.prototype.polls = asked;
    }
    expect(listed[0], 'the server lists the changed poll first').to.equal(lastPollId);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // (Polls other tests make meanwhile come first.)
    expect(order().slice(-before.length)).to.deep.equal(before);
  });

  it('finds a poll among many by words of its question or ID, typed with or without diacritics, and says how many it shows', async () => {
    const { admin, list } = await listedPoll('tim-them');
    const key = uniqueKey('tim').toLowerCase().replace(/[^a-z0-9-]/g, '-');
    await createPoll(`${key}-duong`, `Đường giao thông nông thôn ở xã nào cần sửa trước? (${key})`, ['Phấn Mễ', 'Yên Ninh']);
    await createPoll(`${key}-nuoc`, `Nước sạch về thôn đã đủ chưa? (${key})`, ['Đủ', 'Chưa đủ']);
    const refresh = async () => {
      await (list.host as unknown as { load(): Promise<void> }).load();
      await (list.host as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete;
    };
    await refresh();
    const headings = () => [...list.querySelectorAll('[data-heading]')].map((heading) => heading.getAttribute('data-heading'));
    const total = headings().length;
    expect(total).to.be.greaterThan(2);
    const search = list.querySelector<HTMLInputElement>('#poll-search')!;
    await typeInto(search, `DUONG giao ${key}`);
    await waitUntil(() => headings().length === 1, 'the search never narrowed the list');
    expect(headings()).to.deep.equal([`${key}-duong`]);
    expect(list.textContent).to.include(`Hiện 1 trong ${total} cuộc bình chọn.`);
    await waitUntil(() => visibleText(list.querySelector('[role="status"]')) === `Hiện 1 trong ${total} cuộc bình chọn.`, 'the count was never said', { timeout: 5000 });
    // By its ID too; a refresh of the list keeps the search.
    search.select();
    await sendKeys({ type: `${key}-nuoc` });
    await waitUntil(() => headings().join() === `${key}-nuoc`, 'the ID was not found');
    await refresh();
    expect(headings()).to.deep.equal([`${key}-nuoc`]);
    search.select();
    await sendKeys({ type: `khong co ${key}` });
    await waitUntil(() => headings().length === 0, 'a search that matches nothing left polls');
    expect(list.textContent).to.include('Không có cuộc bình chọn nào khớp với nội dung tìm.');
    await expectAccessible(admin);
    document.documentElement.lang = 'en';
    await waitUntil(() => visibleText(list.querySelector('label[for="poll-search"]')) === 'Find a poll', 'not in English');
    expect(list.textContent).to.include('No poll matches your search.');
    await expectAccessible(admin);
    search.select();
    await sendKeys({ press: 'Backspace' });
    await waitUntil(() => headings().length === total, 'emptied, the search did not show every poll again');
  });

  it('keeps the search through editing a poll: after Cancel and after Save the list shows what it showed, without loading again', async () => {
    const { admin, pollId, list } = await listedPoll('giu-tim');
    const headings = () => [...list.querySelectorAll('[data-heading]')].map((heading) => heading.getAttribute('data-heading'));
    const search = list.querySelector<HTMLInputElement>('#poll-search')!;
    await typeInto(search, pollId);
    await waitUntil(() => headings().join() === pollId, 'the search never narrowed the list');
    const asked = AdminApi.prototype.polls;
    let loads = 0;
    AdminApi.prototype.polls = function (this: AdminApi, signal?: AbortSignal) {
      loads++;
      return asked.call(this, signal);
    };
    try {
      const card = await pollCard(admin, pollId);
      await tabAndPressEnter((element) => element === card.querySelector('[data-edit]'), '"Sửa"');
      const form = await part(admin, 'egov-admin-poll-form');
      await tabAndPressEnter((element) => element.localName === 'button' && visibleText(element) === 'Hủy' && form.contains(element), '"Hủy"');
      await waitUntil(() => deepActive() === card.querySelector('[data-edit]'), '"Sửa" never got the focus back');
      expect([search.value, headings()]).to.deep.equal([pollId, [pollId]]);
      await tabAndPressEnter((element) => element === card.querySelector('[data-edit]'), '"Sửa" again');
      const again = await part(admin, 'egov-admin-poll-form');
      await waitUntil(() => optionInputs(again).length === 2, 'the form never showed the poll');
      await typeInto(optionInputs(again)[1]!, 'Không nữa');
      await tabAndPressEnter((element) => element.matches('button[type="submit"]') && again.contains(element), 'save');
      await waitUntil(() => deepActive() === card.querySelector('[data-heading]'), 'the saved poll never got the focus');
      expect([search.value, headings()]).to.deep.equal([pollId, [pollId]]);
      expect(resultLines(card).join(' | '), 'the saved label shown').to.include('Không nữa');
    } finally {
      AdminApi.prototype.polls = asked;
    }
    // The form reads the polls once before a new poll only; an edit, none. The list was not loaded again.
    expect(loads).to.equal(0);
  });

  for (const [lang, signedInText, listed] of [
    ['vi', `Đã đăng nhập với tên ${TEST_EDITOR.username}.`, (count: number) => `Có ${count} cuộc bình chọn.`],
    ['en', `Signed in as ${TEST_EDITOR.username}.`, (count: number) => `There are ${count} polls.`],
  ] as const) {
    it(`says at sign-in that the editor is signed in, then how many polls there are once they have come (not in place of it), and not "loading" for each part of the page (${lang})`, async () => {
      const admin = await adminPage(lang);
      const list = holdNextRead('polls');
      const audit = holdNextRead('audit');
      try {
        await signInWithKeyboard(admin, TEST_EDITOR.username, TEST_EDITOR.password);
        await Promise.all([list.wasRead, audit.wasRead]);
        await waitForAnnouncement(admin, signedInText);
        const polls = await part(admin, 'egov-admin-polls');
        expect(polls.querySelector('.loading'), 'the list shows that it is loading').not.to.equal(null);
        expect(liveRegionTexts(shadow(admin)), 'said while the list and the audit trail load').to.deep.equal([signedInText]);
        list.letGo();
        await find(polls, '.poll');
        const count = polls.querySelectorAll('li.poll').length;
        // In a region of the list's own: "signed in", said a moment before, is not cut short.
        await waitUntil(() => liveRegionTexts(shadow(admin)).includes(listed(count)), `"${listed(count)}" never said`);
        audit.letGo();
        await find(await part(admin, 'egov-admin-audit'), 'table');
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(liveRegionTexts(shadow(admin)).sort(), 'said once everything has come').to.deep.equal([signedInText, listed(count)].sort());
        await expectAccessible(admin);
      } finally {
        list.letGo();
        audit.letGo();
      }
    });
  }

  it('says "loading" again, and keeps the focus in the page, when the editor presses "Thử lại" after the page could not reach the server', async () => {
    const failing = failNextRead(uniqueKey('read'));
    try {
      const admin = await adminPage('vi');
      const root = shadow(admin);
      const retry = await find<HTMLButtonElement>(root, '.load-error button');
      const held = holdNextRead('session');
      try {
        await tabAndPressEnter((element) => element === retry, '"Thử lại"');
        await held.wasRead;
        await admin.updateComplete;
        expect(liveRegionTexts(root), 'said while the page asks again').to.include('Đang tải…');
        expect(root.activeElement, 'the focus left the page for <body>').not.to.equal(null);
        held.letGo();
        await waitUntil(() => root.querySelector('egov-admin-sign-in, egov-admin-polls'), 'the page never came');
      } finally {
        held.letGo();
      }
    } finally {
      failing.restore();
    }
  });

  it('asks the server nothing for the list while the form hides it, and refreshes it once when it shows again', async () => {
    const refreshes = takeOverRefreshTimer();
    const lists = countPollLists();
    try {
      const admin = await signedIn('vi');
      const list = await part(admin, 'egov-admin-polls');
      await find(list, '.poll');
      await tabAndPressEnter((element) => element.id === 'new-poll', 'the "new poll" button');
      const form = await part(admin, 'egov-admin-poll-form');
      const before = lists.count;
      // Ten seconds pass with the form open, and the editor comes back to this window from another.
      refreshes.tick();
      window.dispatchEvent(new Event('focus'));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(lists.count - before, 'lists asked for while the form was open').to.equal(0);
      await tabAndPressEnter((element) => element.localName === 'button' && visibleText(element) === 'Hủy' && form.contains(element), '"Hủy"');
      await waitUntil(() => lists.count - before === 1, 'the list was not refreshed when it showed again');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(lists.count - before, 'lists asked for once the list showed again').to.equal(1);
      // In sight, it refreshes every ten seconds as before.
      refreshes.tick();
      await waitUntil(() => lists.count - before === 2, 'the list in sight was not refreshed');
    } finally {
      lists.restore();
      refreshes.restore();
    }
  });

  it("keeps the poll being written, and the cursor in the password, when the list's refresh falls due while the editor signs in again", async () => {
    const refreshes = takeOverRefreshTimer();
    try {
      const admin = await signedIn('vi');
      await tabAndPressEnter((element) => element.id === 'new-poll', 'the "new poll" button');
      const form = await part(admin, 'egov-admin-poll-form');
      const question = uniqueQuestion();
      await writeNewPoll(form, { question, options: ['Thứ Hai', 'Thứ Sáu'] });
      await signOutBehindThePage();
      await tabAndPressEnter((element) => element.matches('button[type="submit"]'), 'the create button');
      await waitForAnnouncement(admin, 'Phiên làm việc đã kết thúc. Những gì bạn đang soạn vẫn được giữ: hãy đăng nhập lại rồi lưu.');
      const signIn = await part(admin, 'egov-admin-sign-in');
      await typeInto(await find(signIn, '#username'), TEST_EDITOR.username);
      await typeInto(await find(signIn, '#password'), TEST_EDITOR.password.slice(0, 3));
      // Ten seconds pass while the editor types the password.
      refreshes.tick();
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(deepActive() === signIn.querySelector('#password'), 'the cursor left the password').to.equal(true);
      await sendKeys({ type: TEST_EDITOR.password.slice(3) });
      await sendKeys({ press: 'Enter' });
      await waitForAnnouncement(admin, `Đã đăng nhập với tên ${TEST_EDITOR.username}. Cuộc bình chọn bạn đang soạn đã được mở lại (chưa lưu).`);
      expect(shadow(admin).querySelector('egov-admin-poll-form') !== null, 'the poll being written was dropped').to.equal(true);
      expect(form.querySelector<HTMLTextAreaElement>('#question')!.value).to.equal(question);
    } finally {
      refreshes.restore();
    }
  });

  it('does not scroll sideways on a phone when an option is a word of 200 letters (WCAG 1.4.10)', async () => {
    await setViewport({ width: 320, height: 640 });
    try {
      const admin = await signedIn('vi');
      const pollId = uniqueKey('dai').toLowerCase().replace(/[^a-z0-9-]/g, '-');
      await createPoll(pollId, uniqueQuestion(), ['Đ'.repeat(200), 'Không']);
      const list = await part(admin, 'egov-admin-polls');
      await tabAndPressEnter((element) => element.localName === 'button' && visibleText(element) === 'Làm mới' && list.contains(element), '"Làm mới"');
      await pollCard(admin, pollId);
      const root = document.documentElement;
      expect(root.scrollWidth, 'the page’s width').to.be.at.most(root.clientWidth);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  for (const [lang, name] of [['vi', 'Bảng nhật ký thao tác, cuộn ngang để xem hết'], ['en', 'Audit trail table, scroll sideways to see all of it']] as const) {
    it(`makes the audit trail a named stop of the keyboard on a phone, where it scrolls sideways, and not where it fits (${lang})`, async () => {
      await setViewport({ width: 320, height: 640 });
      try {
        const admin = await signedIn(lang);
        const audit = await part(admin, 'egov-admin-audit');
        const wrap = await find(audit, '.table-wrap');
        expect(wrap.scrollWidth, 'cut off').to.be.above(wrap.clientWidth);
        await waitUntil(() => wrap.getAttribute('role') === 'region', 'the trail never became a region');
        expect([wrap.tabIndex, wrap.getAttribute('aria-label')]).to.deep.equal([0, name]);
        await expect(audit).to.be.accessible();
        await setViewport({ width: 1280, height: 800 });
        await waitUntil(() => !wrap.hasAttribute('role'), 'still a region where it fits');
        expect([wrap.getAttribute('tabindex'), wrap.getAttribute('aria-label')]).to.deep.equal([null, null]);
      } finally {
        await setViewport({ width: 800, height: 600 });
      }
    });
  }

  it('keeps the "several choices" box its own size on a phone, where its label wraps', async () => {
    await setViewport({ width: 320, height: 640 });
    try {
      const admin = await signedIn('vi');
      await tabAndPressEnter((element) => element.id === 'new-poll', 'the "new poll" button');
      const form = await part(admin, 'egov-admin-poll-form');
      const box = (await find(form, '.check input')).getBoundingClientRect();
      const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
      expect(Math.abs(box.width - 1.25 * rem) < 0.5, `the box is ${box.width} px wide`).to.equal(true);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });
});
