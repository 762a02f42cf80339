// `npm run release` (after the build): release/egov-widgets-<version>.zip for a webmaster
// without Node — the main script and the on-demand parts it loads from beside itself
// (egov-<part>.js), a short Vietnamese/English page on how to embed them,
// the SHA-384 Subresource Integrity hash of each script (also printed), and LICENSE.txt: the kit's
// licence and those of the packages its scripts carry inside them (Lit, DOMPurify).
// `node scripts/release.mjs --out <folder>` writes the zip elsewhere (the test does).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';

const root = fileURLToPath(new URL('..', import.meta.url));
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const outIndex = process.argv.indexOf('--out');
const outDir = outIndex > 0 ? resolve(process.argv[outIndex + 1]) : join(root, 'release');
const name = `egov-widgets-${version}`;
/** Where the script is served from once the package is on the npm registry. */
const CDN_URL = `https://cdn.jsdelivr.net/npm/egov-widgets@${version}/dist/egov-widgets.js`;
const UNPKG_URL = `https://unpkg.com/egov-widgets@${version}/dist/egov-widgets.js`;

/** The classic scripts: the one a page loads with <script src>, and its parts (not dist/esm/, which is for bundlers). */
const scripts = existsSync(join(root, 'dist'))
  ? readdirSync(join(root, 'dist')).filter((file) => file.endsWith('.js')).sort()
  : [];
if (!scripts.includes('egov-widgets.js')) {
  console.error('release: dist/egov-widgets.js is missing: run `npm run build` first.');
  process.exit(1);
}

const files = {};
const hashes = {};
for (const script of scripts) {
  const bytes = readFileSync(join(root, 'dist', script));
  hashes[script] = `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
  files[`${name}/${script}`] = bytes;
}
const integrityList = scripts.map((script) => `${hashes[script]}  ${script}\n`).join('');
files[`${name}/integrity.txt`] = Buffer.from(integrityList);
files[`${name}/LICENSE.txt`] = Buffer.from(licenseText());
files[`${name}/huong-dan-how-to-embed.html`] = Buffer.from(howToPage(hashes['egov-widgets.js'], scripts.filter((script) => script !== 'egov-widgets.js')));

mkdirSync(outDir, { recursive: true });
const zipPath = join(outDir, `${name}.zip`);
// A fixed date inside the zip: the same build gives the same file.
writeFileSync(zipPath, zipSync(files, { level: 9, mtime: new Date('2000-01-01T00:00:00Z') }));
console.log(`${zipPath}`);
for (const script of scripts) console.log(`  ${script}: integrity="${hashes[script]}"`);

/**
 * The kit's licence, then each package its scripts may carry: the runtime dependencies and theirs,
 * read from node_modules (so a new one cannot be left out), but type packages (no code).
 */
function licenseText() {
  const packages = new Map();
  const visit = (dependency) => {
    if (packages.has(dependency) || dependency.startsWith('@types/')) return;
    const folder = join(root, 'node_modules', dependency);
    const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
    packages.set(dependency, { manifest, folder });
    for (const next of Object.keys(manifest.dependencies ?? {})) visit(next);
  };
  for (const dependency of Object.keys(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies)) visit(dependency);
  const notices = [...packages].sort(([a], [b]) => a.localeCompare(b)).map(([dependency, { manifest, folder }]) => {
    const file = readdirSync(folder).find((entry) => /^licen[cs]e(\.(md|txt))?$/i.test(entry));
    const text = file ? readFileSync(join(folder, file), 'utf8').trim() : `(${manifest.license}; the package has no licence file)`;
    return `${dependency} ${manifest.version} — ${manifest.license}\n\n${text}\n`;
  });
  const rule = `\n${'-'.repeat(72)}\n\n`;
  return [
    `egov-widgets ${version}\n\n${readFileSync(join(root, 'LICENSE'), 'utf8').trim()}\n`,
    'The scripts also carry code of these packages, under their own licences:\n',
    ...notices,
  ].join(rule);
}

function escapeHtml(text) {
  const escapes = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
  return text.replace(/[&<>"]/g, (character) => escapes[character]);
}

function scriptTag(src, integrity) {
  return `<script src="${src}" integrity="${integrity}" crossorigin="anonymous" defer></script>`;
}

function howToPage(integrity, parts) {
  const partList = parts.map((part) => `<code>${escapeHtml(part)}</code>`).join(', ');
  // A folder per version: a browser's cached copy at an old address is never met by a new hash.
  const folder = `/js/egov-widgets-${version}/`;
  const local = scriptTag(`${folder}egov-widgets.js`, integrity);
  const cdn = scriptTag(CDN_URL, integrity);
  // Without crossorigin: the kit asks for its parts that way, and a preload made another way is not used.
  const english = `<link rel="preload" href="${folder}egov-messages-en.js" as="script">`;
  const example = [
    '<egov-poll endpoint="/api" poll-id="nghi-le">',
    '  <p slot="fallback">Bạn mong muốn được nghỉ lễ bao nhiêu ngày?</p>',
    '</egov-poll>',
    '',
    '<egov-agency-footer site-name="HUYỆN PHÚ LƯƠNG TỈNH THÁI NGUYÊN" phone="02083874436"></egov-agency-footer>',
  ].join('\n');
  const code = (text) => `<pre><code>${escapeHtml(text)}</code></pre>`;
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>egov-widgets ${version} — Hướng dẫn nhúng / How to embed</title>
</head>
<body>
<h1>egov-widgets ${version}</h1>

<section lang="vi">
<h2>Hướng dẫn nhúng</h2>
<ol>
<li>Chép tệp <code>egov-widgets.js</code> lên máy chủ web của cổng thông tin, vào một thư mục mang số phiên bản, ví dụ <code>${folder}</code>,
cùng các tệp ${partList} vào <em>cùng thư mục đó</em>: tệp chính tự tải chúng khi cần (danh sách liên kết web khi
người đọc mở ô chọn; bộ lọc HTML của bài viết lấy từ máy chủ, tải cùng bài viết; phần chia nhỏ bài viết rất dài; bộ lọc HTML dự phòng trên trình duyệt cũ; nút đọc bài và in bài khi
người đọc đến thanh công cụ của bài viết; các dòng chữ tiếng Anh khi trang hoặc tiện ích dùng tiếng Anh).</li>
<li>Dán đoạn mã sau vào trang (một lần cho mỗi trang):
${code(local)}</li>
<li>Đặt các thẻ tiện ích vào chỗ muốn hiển thị, ví dụ:
${code(example)}</li>
</ol>
<p>Trang tiếng Anh (<code>&lt;html lang="en"&gt;</code>): thêm dòng sau vào <code>&lt;head&gt;</code> để các dòng chữ tiếng Anh
được tải cùng lúc với tệp chính, không phải chờ thêm một lượt (trang tiếng Việt không cần dòng này; địa chỉ là thư mục
chứa <code>egov-widgets.js</code>, hoặc địa chỉ CDN ở trên với tên tệp <code>egov-messages-en.js</code>):</p>
${code(english)}
<p>Thuộc tính <code>integrity</code> là mã băm SHA-384 của đúng tệp này: trình duyệt sẽ không chạy tệp nếu nội dung
bị thay đổi. Thuộc tính <code>crossorigin="anonymous"</code> cần cho việc kiểm tra này khi tệp nằm ở tên miền khác.</p>
<p>Khi cập nhật phiên bản mới: chép các tệp của phiên bản mới vào thư mục riêng của nó, thay địa chỉ và mã băm trong đoạn mã
trên các trang (xem <code>integrity.txt</code>), rồi xoá thư mục cũ khi không còn trang nào dùng. Đừng chép đè tệp mới lên địa chỉ
cũ: trình duyệt của người đọc giữ bản cũ theo địa chỉ đó nhiều ngày, và với mã băm mới bản cũ bị từ chối — tiện ích không hiện
với người đọc quay lại trang. Tệp phải được tải bằng chính thẻ <code>&lt;script src&gt;</code> của nó (không gộp vào tệp
JavaScript chung của trang, không tải bằng <code>$.getScript</code> hay <code>.html()</code> của jQuery): nó tìm các tệp đi kèm
từ địa chỉ của chính nó.</p>
<p>Thẻ <code>&lt;egov-poll endpoint="/api"&gt;</code> cần máy chủ bình chọn trả lời ở địa chỉ đó. Máy chủ không có trong gói này: cách cài đặt và vận hành nằm trong <code>server/README.md</code> của mã nguồn egov-widgets (phần "Reference poll server"), cùng mục triển khai trong <code>README.md</code>.</p>
<p>Không muốn tự lưu tệp? Khi gói đã được phát hành trên npm, có thể dùng bản trên CDN công cộng của npm (có số phiên bản trong địa chỉ, nên mã băm không đổi):</p>
${code(cdn)}
<p>Hoặc <code>${escapeHtml(UNPKG_URL)}</code>.</p>
</section>

<section lang="en">
<h2>How to embed</h2>
<ol>
<li>Copy <code>egov-widgets.js</code> to the portal's web server, into a folder named after the version, for example <code>${folder}</code>, and
${partList} into <em>the same folder</em>: the main script loads them from beside itself when needed (the web-links
list when a reader opens the box; the HTML filter of articles loaded from a server, fetched with the article; the chunking of very long article bodies; the fallback HTML sanitizer on older browsers;
read aloud and print when a reader comes to an article's toolbar; the English texts when the page or a widget is in English).</li>
<li>Paste this into the page (once per page):
${code(local)}</li>
<li>Put the widget tags where they should appear, for example:
${code(example)}</li>
</ol>
<p>English pages (<code>&lt;html lang="en"&gt;</code>): add this line to the <code>&lt;head&gt;</code> so that the English texts
load together with the main script, not one round trip after it (Vietnamese pages do not need it; the address is the
folder of <code>egov-widgets.js</code>, or the CDN address above with the file name <code>egov-messages-en.js</code>):</p>
${code(english)}
<p>The <code>integrity</code> attribute is the SHA-384 hash of exactly this file: browsers refuse to run it if its
content was changed. <code>crossorigin="anonymous"</code> is needed for that check when the file is on another domain.</p>
<p>To update to a new version: copy its files to a folder of their own, change the address and the hash in the snippet on
the pages (see <code>integrity.txt</code>), and remove the old folder once no page uses it. Do not copy new files over the
old address: readers' browsers keep the old file at that address for days, and the new hash refuses it — no widget shows
for returning readers. Load the file with its own <code>&lt;script src&gt;</code> tag (not merged into the site's script
bundle, not with jQuery's <code>$.getScript</code> or <code>.html()</code>): it finds its companion files from its own address.</p>
<p>The <code>&lt;egov-poll endpoint="/api"&gt;</code> tag needs the poll server answering at that address. The server is not in this zip: how to install and run it is in <code>server/README.md</code> of the egov-widgets sources, with the deployment section of <code>README.md</code>.</p>
<p>Rather not host the file? Once the package is published on npm, the public npm CDN serves it (the version is in the address, so the hash stays valid):</p>
${code(cdn)}
<p>Or <code>${escapeHtml(UNPKG_URL)}</code>.</p>
</section>
</body>
</html>
`;
}
