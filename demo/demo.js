// The language switch of the demo page and the playground. The widgets follow <html lang> by
// themselves; this file only translates the pages' own chrome (header, navigation, headings); the
// playground's form follows <html lang> in playground.js. The choice is kept for both pages.
const PAGE_TEXT = {
  vi: {
    skip: 'Chuyển đến nội dung chính',
    kicker: 'Cổng thông tin điện tử',
    home: 'Trang chủ',
    news: 'Tin tức – Sự kiện',
    playground: 'Sân thử widget',
    banners: 'Quảng Cáo',
    poll: 'Bình chọn',
    links: 'Liên kết web',
    linksLabel: 'Chọn trang web cơ quan nhà nước',
    nav: 'Chuyên mục',
    languages: 'Ngôn ngữ',
    playgroundTitle: 'Sân thử widget — egov-widgets',
    backToDemo: '← Trang minh họa',
    pickTitle: '1. Chọn widget và thuộc tính',
    previewTitle: '2. Xem trước',
    snippetTitle: '3. Mã nhúng',
    snippetHint: 'Dán đoạn mã này vào trang của bạn, ở nơi widget cần hiển thị.',
    copy: 'Sao chép mã nhúng',
  },
  en: {
    skip: 'Skip to main content',
    kicker: 'Official web portal',
    home: 'Home',
    news: 'News & events',
    playground: 'Widget playground',
    banners: 'Banners',
    poll: 'Poll',
    links: 'Web links',
    linksLabel: 'Choose a government website',
    nav: 'Sections',
    languages: 'Language',
    playgroundTitle: 'Widget playground — egov-widgets',
    backToDemo: '← Demo page',
    pickTitle: '1. Pick a widget and its attributes',
    previewTitle: '2. Preview',
    snippetTitle: '3. Embed code',
    snippetHint: 'Paste this code into your page, where the widget should appear.',
    copy: 'Copy the embed code',
  },
};

function applyLanguage(lang) {
  const text = PAGE_TEXT[lang] ?? PAGE_TEXT.vi;
  document.documentElement.lang = lang;
  for (const element of document.querySelectorAll('[data-i18n]')) element.textContent = text[element.dataset.i18n];
  for (const element of document.querySelectorAll('[data-i18n-label]')) {
    element.setAttribute('aria-label', text[element.dataset.i18nLabel]);
  }
  // Attributes a widget shows as text, written by the webmaster in one language: "name:key".
  for (const element of document.querySelectorAll('[data-i18n-attribute]')) {
    const [name, key] = element.dataset.i18nAttribute.split(':');
    element.setAttribute(name, text[key]);
  }
  for (const button of document.querySelectorAll('[data-lang]')) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === lang));
  }
  try {
    localStorage.setItem('egov-demo-lang', lang);
  } catch {
    // Storage blocked: the choice lasts for this page view only.
  }
}

for (const button of document.querySelectorAll('[data-lang]')) {
  button.addEventListener('click', () => applyLanguage(button.dataset.lang));
}

let saved = null;
try {
  saved = localStorage.getItem('egov-demo-lang');
} catch {
  saved = null;
}
if (saved === 'en' || saved === 'vi') applyLanguage(saved);
