// The editors' page without the admin API: what it shows and says before any answer is needed,
// and when the server cannot be reached at all (a real refused connection).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../server/admin/src/egov-admin.js';
import type { EgovAdmin } from '../../server/admin/src/admin-page.js';
import type { EgovAdminSignIn } from '../../server/admin/src/sign-in.js';
import { REFUSED_URL, shadow, visibleText } from '../support/helpers.js';
import { deepActive, expectAccessible, find, tabUntil, typeInto } from './harness.js';

const UNREACHABLE = new URL(REFUSED_URL).origin;

async function signInForm(lang: 'vi' | 'en', endpoint = UNREACHABLE): Promise<EgovAdminSignIn> {
  const element = await fixture<EgovAdminSignIn>(html`<egov-admin-sign-in lang=${lang} endpoint=${endpoint}></egov-admin-sign-in>`);
  await element.updateComplete;
  return element;
}

describe('<egov-admin-sign-in>', () => {
  for (const [lang, words] of [
    ['vi', { title: 'Đăng nhập', username: 'Tên đăng nhập', password: 'Mật khẩu', submit: 'Đăng nhập' }],
    ['en', { title: 'Sign in', username: 'Username', password: 'Password', submit: 'Sign in' }],
  ] as const) {
    it(`asks for the username and password with labelled fields (${lang})`, async () => {
      const element = await signInForm(lang);
      const root = shadow(element);
      expect(visibleText(root.querySelector('h2'))).to.equal(words.title);
      expect(visibleText(root.querySelector('label[for="username"]'))).to.equal(words.username);
      expect(visibleText(root.querySelector('label[for="password"]'))).to.equal(words.password);
      expect(root.querySelector<HTMLInputElement>('#password')!.type).to.equal('password');
      expect(root.querySelector('#username')!.getAttribute('autocomplete')).to.equal('username');
      expect(visibleText(root.querySelector('button[type="submit"]'))).to.equal(words.submit);
      await expectAccessible(element);
    });
  }

  it('says what is missing without asking the server', async () => {
    const element = await signInForm('vi');
    const root = shadow(element);
    await typeInto(root.querySelector('#username')!, 'bientap');
    await sendKeys({ press: 'Enter' });
    expect(visibleText(await find(root, '[role="alert"]'))).to.equal('Vui lòng nhập tên đăng nhập và mật khẩu.');
    expect(deepActive()).to.equal(root.querySelector('#password'));
    // The empty field is marked; both are described by the message.
    expect(root.querySelector('#password')!.getAttribute('aria-invalid')).to.equal('true');
    expect(root.querySelector('#username')!.getAttribute('aria-invalid')).to.equal('false');
    expect(root.querySelector('#username')!.getAttribute('aria-describedby')).to.equal('sign-in-error');
    await expectAccessible(element);
    // Submitted again as it is: the alert comes again, so a screen reader says it again.
    const alert = root.querySelector('[role="alert"]');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => root.querySelector('[role="alert"]') && root.querySelector('[role="alert"]') !== alert, 'the same alert stayed: not heard again');
    expect(visibleText(root.querySelector('[role="alert"]'))).to.equal('Vui lòng nhập tên đăng nhập và mật khẩu.');
    expect(deepActive()).to.equal(root.querySelector('#password'));
    // Still on screen after a language switch, it is said in the new language.
    element.setAttribute('lang', 'en');
    await waitUntil(() => visibleText(root.querySelector('[role="alert"]')) === 'Please enter your username and password.', 'the message stayed in Vietnamese');
  });

  for (const [lang, message] of [
    ['vi', 'Không kết nối được tới máy chủ. Vui lòng kiểm tra mạng và thử lại.'],
    ['en', 'Could not reach the server. Please check your connection and try again.'],
  ] as const) {
    it(`says the network is down when the server cannot be reached (${lang})`, async () => {
      let signedIn = false;
      const element = await signInForm(lang);
      element.addEventListener('egov-admin-signed-in', () => (signedIn = true));
      const root = shadow(element);
      await typeInto(root.querySelector('#username')!, 'bientap');
      await typeInto(root.querySelector('#password')!, 'mat-khau-bat-ky');
      await sendKeys({ press: 'Enter' });
      expect(visibleText(await find(root, '[role="alert"]'))).to.equal(message);
      expect(signedIn).to.equal(false);
      expect(deepActive()).to.equal(root.querySelector('#username'));
      await expectAccessible(element);
    });
  }
});

describe('<egov-admin> before sign-in', () => {
  afterEach(() => {
    document.documentElement.lang = 'vi';
  });

  it('offers a retry when it cannot ask the server who is signed in, and switches language from the keyboard', async () => {
    document.documentElement.lang = 'vi';
    const admin = await fixture<EgovAdmin>(html`<egov-admin endpoint=${UNREACHABLE}></egov-admin>`);
    const root = shadow(admin);
    const error = await find(root, '[part="error"]');
    expect(visibleText(error)).to.equal('Không kết nối được tới máy chủ. Vui lòng kiểm tra mạng và thử lại. Thử lại');
    expect(visibleText(root.querySelector('h1'))).to.equal('Quản lý bình chọn');
    expect(document.title).to.equal('Quản lý bình chọn');
    await expectAccessible(admin);

    const english = await tabUntil((element) => element.localName === 'button' && visibleText(element) === 'English', 'English');
    await sendKeys({ press: 'Enter' });
    expect(document.documentElement.lang).to.equal('en');
    await waitUntil(() => visibleText(root.querySelector('h1')) === 'Poll management', 'the page stayed in Vietnamese');
    expect(english.getAttribute('aria-pressed')).to.equal('true');
    expect(root.querySelector('button[lang="vi"]')!.getAttribute('aria-pressed')).to.equal('false');
    expect(document.title).to.equal('Poll management');
    expect(visibleText(root.querySelector('[part="error"]'))).to.equal(
      'Could not reach the server. Please check your connection and try again. Try again',
    );
    await expectAccessible(admin);
  });
});
