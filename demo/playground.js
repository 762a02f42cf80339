// The webmaster's playground: pick a widget, edit its attributes, see it live, copy the snippet.
// Everything typed here is data: the preview is built with setAttribute/textContent and the
// snippet is escaped text shown with textContent, so nothing typed can become markup or run.

/** A text of the page in its two languages, `[vi, en]`, said in the page's language now. */
function say([vi, en]) {
  return document.documentElement.lang === 'en' ? en : vi;
}

const FROM_THE_PAGE = ['(theo trang)', '(from the page)'];
const COPIED = ['Đã sao chép mã nhúng.', 'The embed code is copied.'];
const SELECTED = [
  'Trình duyệt không cho sao chép tự động: mã đã được chọn, hãy nhấn Ctrl+C.',
  'The browser does not allow copying from the page: the code is selected, press Ctrl+C.',
];

const LANG_FIELD = { name: 'lang', label: ['Ngôn ngữ (lang)', 'Language (lang)'], kind: 'select', options: ['', 'vi', 'en'], value: '' };

const WIDGETS = {
  'egov-article-view': {
    title: ['Bài viết (egov-article-view)', 'Article (egov-article-view)'],
    description: [
      'Một bài tin với công cụ đọc: cỡ chữ, in, chia sẻ, đọc bài.',
      'An article with reading tools: text size, print, share, read aloud.',
    ],
    fields: [
      { name: 'heading', label: ['Tiêu đề (heading)', 'Heading (heading)'], kind: 'text', value: 'Huyện Phú Lương chú trọng xây dựng, nâng cao chất lượng đội ngũ cán bộ từ huyện đến cơ sở' },
      { name: 'published', label: ['Ngày đăng (published)', 'Published (published)'], kind: 'date', value: '2018-05-11' },
      { name: 'author', label: ['Tác giả (author)', 'Author (author)'], kind: 'text', value: 'Quang Sơn' },
      { name: 'summary', label: ['Tóm tắt (summary)', 'Summary (summary)'], kind: 'textarea', value: '' },
      { name: 'heading-level', label: ['Cấp tiêu đề (heading-level)', 'Heading level (heading-level)'], kind: 'select', options: ['1', '2', '3', '4', '5', '6'], value: '2' },
      { name: 'src', label: ['Tải bài từ JSON (src)', 'Load the article from JSON (src)'], kind: 'url', value: '' },
      LANG_FIELD,
    ],
    body: {
      label: ['Nội dung (mỗi dòng một đoạn)', 'Body (a paragraph per line)'],
      value: 'Trong quá trình xây dựng Đảng, công tác cán bộ là một trong những công tác chiếm vị trí quan trọng hàng đầu.',
    },
  },
  'egov-poll': {
    title: ['Bình chọn (egov-poll)', 'Poll (egov-poll)'],
    description: [
      'Cuộc bình chọn của bạn đọc, kết nối với máy chủ bình chọn.',
      "A readers' poll, connected to the poll server.",
    ],
    fields: [
      { name: 'endpoint', label: ['Địa chỉ API (endpoint)', 'API address (endpoint)'], kind: 'text', value: '/api', address: true },
      { name: 'poll-id', label: ['Mã cuộc bình chọn (poll-id)', 'Poll ID (poll-id)'], kind: 'text', value: 'nghi-le', suggestions: ['nghi-le', 'dich-vu-cong', 'nghi-tet-2018'] },
      { name: 'show-results', label: ['Hiện kết quả (show-results)', 'Show results (show-results)'], kind: 'select', options: ['always', 'after-vote', 'after-close'], value: 'always' },
      LANG_FIELD,
    ],
  },
  'egov-web-links': {
    title: ['Liên kết web (egov-web-links)', 'Web links (egov-web-links)'],
    description: [
      'Ô chọn liên kết tới cổng thông tin của các cơ quan nhà nước, có tìm kiếm.',
      'A searchable selector of links to government portals.',
    ],
    fields: [
      { name: 'src', label: ['Danh sách liên kết JSON (src)', 'Links list, JSON (src)'], kind: 'url', value: '/data/web-links.json' },
      { name: 'label', label: ['Nhãn (label)', 'Label (label)'], kind: 'text', value: 'Liên kết web' },
      { name: 'placeholder', label: ['Gợi ý (placeholder)', 'Placeholder (placeholder)'], kind: 'text', value: '-- Chọn liên kết --' },
      { name: 'target', label: ['Mở liên kết (target)', 'Open links in (target)'], kind: 'select', options: ['_blank', '_self'], value: '_blank' },
      LANG_FIELD,
    ],
  },
  'egov-video': {
    title: ['Video (egov-video)', 'Video (egov-video)'],
    description: [
      'Video của cổng: tệp video hoặc YouTube (chỉ tải khi bạn đọc bấm phát), có thể kèm danh sách video.',
      "The portal's video: a video file or YouTube (loaded only when the reader presses play), with an optional playlist.",
    ],
    fields: [
      { name: 'youtube', label: ['Mã video YouTube (youtube)', 'YouTube video ID (youtube)'], kind: 'text', value: 'aqz-KE-bpKQ' },
      { name: 'src', label: ['Tệp video MP4/WebM (src)', 'Video file, MP4/WebM (src)'], kind: 'url', value: '' },
      { name: 'poster', label: ['Ảnh đại diện (poster)', 'Poster image (poster)'], kind: 'url', value: '/images/video-poster.svg' },
      { name: 'captions', label: ['Phụ đề WebVTT (captions)', 'WebVTT captions (captions)'], kind: 'url', value: '' },
      { name: 'heading', label: ['Tiêu đề (heading)', 'Heading (heading)'], kind: 'text', value: 'Phim mẫu: Big Buck Bunny (Blender Foundation)' },
      { name: 'playlist', label: ['Danh sách video JSON (playlist, vd. /data/videos.json)', 'Video list, JSON (playlist, e.g. /data/videos.json)'], kind: 'url', value: '' },
      LANG_FIELD,
    ],
  },
  'egov-banners': {
    title: ['Quảng cáo (egov-banners)', 'Banners (egov-banners)'],
    description: [
      'Ô quảng cáo: ảnh liên kết tới dịch vụ công, xếp chồng hoặc lần lượt chuyển (có nút dừng).',
      'A banner box: image links to public services, stacked or turning one at a time (with a pause button).',
    ],
    fields: [
      { name: 'src', label: ['Danh sách quảng cáo JSON (src)', 'Banners list, JSON (src)'], kind: 'url', value: '/data/banners.json' },
      { name: 'layout', label: ['Cách hiển thị (layout)', 'Layout (layout)'], kind: 'select', options: ['stack', 'rotate'], value: 'rotate' },
      { name: 'interval', label: ['Số giây mỗi quảng cáo (interval)', 'Seconds per banner (interval)'], kind: 'number', value: '8' },
      LANG_FIELD,
    ],
  },
  'egov-agency-footer': {
    title: ['Chân trang cơ quan (egov-agency-footer)', 'Agency footer (egov-agency-footer)'],
    description: [
      'Thông tin cơ quan chủ quản, liên hệ và bản quyền.',
      'The agency in charge, its contacts and the copyright.',
    ],
    fields: [
      { name: 'site-name', label: ['Tên cổng (site-name)', 'Portal name (site-name)'], kind: 'text', value: 'HUYỆN PHÚ LƯƠNG TỈNH THÁI NGUYÊN' },
      { name: 'agency', label: ['Cơ quan (agency)', 'Agency (agency)'], kind: 'text', value: 'Uỷ ban nhân dân Huyện Phú Lương Tỉnh Thái Nguyên' },
      { name: 'address', label: ['Địa chỉ (address)', 'Address (address)'], kind: 'text', value: 'Thị trấn Đu, huyện Phú Lương, tỉnh Thái Nguyên' },
      { name: 'responsible', label: ['Chịu trách nhiệm nội dung (responsible)', 'Responsible for the content (responsible)'], kind: 'text', value: 'Nguyễn Thúy Hằng - Phó Chủ tịch Ủy ban nhân dân huyện Phú Lương' },
      { name: 'phone', label: ['Điện thoại (phone)', 'Phone (phone)'], kind: 'tel', value: '02083874436' },
      { name: 'fax', label: ['Fax (fax)', 'Fax (fax)'], kind: 'tel', value: '' },
      { name: 'email', label: ['Email (email)', 'Email (email)'], kind: 'email', value: 'bbt.phuluong@thainguyen.gov.vn' },
      { name: 'since', label: ['Năm bắt đầu (since)', 'First year (since)'], kind: 'number', value: '2015' },
      { name: 'developer', label: ['Đơn vị phát triển (developer)', 'Developer (developer)'], kind: 'text', value: 'Phát triển bởi Unitech trên nền tảng Chính quyền điện tử (Da Nang Egov Platform) do UBND TP Đà Nẵng chuyển giao' },
      { name: 'src', label: ['Tải từ JSON (src)', 'Load from JSON (src)'], kind: 'url', value: '' },
      LANG_FIELD,
    ],
  },
};

const form = document.getElementById('playground-form');
const select = document.getElementById('widget-select');
const fieldsBox = document.getElementById('attribute-fields');
const description = document.getElementById('widget-description');
const preview = document.getElementById('preview');
const snippetBox = document.getElementById('snippet');
const copyButton = document.getElementById('copy-snippet');
const copyStatus = document.getElementById('copy-status');

function createField(field, id) {
  const wrapper = document.createDocumentFragment();
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = say(field.label);
  wrapper.append(label);
  let input;
  if (field.kind === 'select') {
    input = document.createElement('select');
    for (const option of field.options) input.add(new Option(option || say(FROM_THE_PAGE), option));
  } else if (field.kind === 'textarea') {
    input = document.createElement('textarea');
  } else {
    input = document.createElement('input');
    input.type = field.kind;
    if (field.kind === 'number') input.inputMode = 'numeric';
    if (field.suggestions) {
      const list = document.createElement('datalist');
      list.id = `${id}-suggestions`;
      for (const value of field.suggestions) list.append(new Option(value));
      wrapper.append(list);
      input.setAttribute('list', list.id);
    }
  }
  input.id = id;
  input.name = field.name;
  input.value = field.value;
  // An address: written in full in the snippet, which is pasted into another site's page.
  if (field.kind === 'url' || field.address) input.dataset.address = '';
  wrapper.append(input);
  return wrapper;
}

function showWidget(tag) {
  const widget = WIDGETS[tag];
  description.textContent = say(widget.description);
  fieldsBox.replaceChildren();
  widget.fields.forEach((field, index) => fieldsBox.append(createField(field, `field-${index}`)));
  if (widget.body) {
    fieldsBox.append(createField({ name: '#body', label: widget.body.label, kind: 'textarea', value: widget.body.value }, 'field-body'));
  }
  update();
}

/** The element's attributes and body lines as the form holds them now. */
function currentWidget() {
  const tag = select.value;
  const attributes = [];
  let bodyLines = [];
  for (const input of fieldsBox.querySelectorAll('input, select, textarea')) {
    const value = input.value.trim();
    if (input.name === '#body') bodyLines = value.split('\n').map((line) => line.trim()).filter(Boolean);
    else if (value) attributes.push([input.name, value, 'address' in input.dataset]);
  }
  return { tag, attributes, bodyLines };
}

function renderPreview({ tag, attributes, bodyLines }) {
  const element = document.createElement(tag);
  for (const [name, value] of attributes) element.setAttribute(name, value);
  for (const line of bodyLines) {
    const paragraph = document.createElement('p');
    paragraph.textContent = line;
    element.append(paragraph);
  }
  preview.replaceChildren(element);
}

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]);
}

const BUNDLE_URL = new URL('/dist/egov-widgets.js', location.href).href;

// The Subresource Integrity hash of the bundle this page runs, so that the copied snippet pins
// exactly that file. Left out where the browser has no crypto.subtle (a page served over plain
// HTTP from another machine than localhost): the snippet then goes without it.
let bundleIntegrity = '';

async function computeBundleIntegrity() {
  if (!globalThis.crypto?.subtle) return;
  try {
    const response = await fetch(BUNDLE_URL);
    if (!response.ok) return;
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-384', await response.arrayBuffer()));
    bundleIntegrity = `sha384-${btoa(String.fromCharCode(...digest))}`;
    snippetBox.textContent = snippetFor(currentWidget());
  } catch {
    // No hash: the snippet stays as it is.
  }
}

/** `/api` as `https://this-portal.example/api`; what is no address at all stays as typed. */
function inFull(address) {
  try {
    return new URL(address, location.href).href;
  } catch {
    return address;
  }
}

function snippetFor({ tag, attributes, bodyLines }) {
  const pin = bundleIntegrity ? ` integrity="${bundleIntegrity}" crossorigin="anonymous"` : '';
  const script = `<script src="${escapeHtml(BUNDLE_URL)}"${pin} defer></script>`;
  const attributeText = attributes.map(([name, value, address]) => `\n  ${name}="${escapeHtml(address ? inFull(value) : value)}"`).join('');
  const body = bodyLines.map((line) => `\n  <p>${escapeHtml(line)}</p>`).join('');
  const close = body ? `${body}\n</${tag}>` : `</${tag}>`;
  return `${script}\n<${tag}${attributeText}${attributes.length ? '\n' : ''}>${close}`;
}

function update() {
  const widget = currentWidget();
  renderPreview(widget);
  snippetBox.textContent = snippetFor(widget);
  copyStatus.textContent = '';
}

async function copySnippet() {
  try {
    await navigator.clipboard.writeText(snippetBox.textContent);
    copyStatus.textContent = say(COPIED);
  } catch {
    const range = document.createRange();
    range.selectNodeContents(snippetBox);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    copyStatus.textContent = say(SELECTED);
  }
}

for (const [tag, widget] of Object.entries(WIDGETS)) select.add(new Option(say(widget.title), tag));
select.addEventListener('change', () => showWidget(select.value));
form.addEventListener('input', (event) => {
  if (event.target !== select) update();
});
form.addEventListener('submit', (event) => event.preventDefault());
copyButton.addEventListener('click', copySnippet);

/**
 * The page's language changed (demo.js's switch): every text of the form says it again; what the
 * webmaster typed stays.
 */
function relabel() {
  for (const option of select.options) option.text = say(WIDGETS[option.value].title);
  const widget = WIDGETS[select.value];
  description.textContent = say(widget.description);
  const fields = [...widget.fields, ...(widget.body ? [{ label: widget.body.label }] : [])];
  fieldsBox.querySelectorAll('label').forEach((label, index) => (label.textContent = say(fields[index].label)));
  for (const option of fieldsBox.querySelectorAll('option[value=""]')) option.text = say(FROM_THE_PAGE);
  copyStatus.textContent = '';
}
new MutationObserver(relabel).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });

const requested = new URLSearchParams(location.search).get('widget');
select.value = requested in WIDGETS ? requested : 'egov-agency-footer';
showWidget(select.value);
void computeBundleIntegrity();
