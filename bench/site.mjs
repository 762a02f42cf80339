// The pages the browser rows load, in a temporary folder that the reference server serves at `/`
// (EGOV_DEMO_DIR) and `/dist/` (EGOV_DIST_DIR): copies of demo/ and dist/, the demo page without
// the kit's script, the floor page, the static pages of bench/pages/, 5,000 links, and a polls
// file with a 50-option poll.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

const KIT_SCRIPT = /[ \t]*<script\b[^>]*\bsrc="[^"]*egov-widgets\.js"[^>]*><\/script>\s*\n?/g;

export const BENCH_POLL_ID = 'bench-50';

/**
 * @returns {{dir: string, distDir: string, pollsFile: string, kitTags: string[], remove: () => void}}
 *   `dir` is served at `/` (EGOV_DEMO_DIR), `distDir` at `/dist/` (EGOV_DIST_DIR); `kitTags`: the
 *   kit's tags found in demo/index.html.
 */
export function prepareSite(root, { litFloorCode, purifyCode }) {
  const dir = mkdtempSync(join(os.tmpdir(), 'egov-bench-'));
  const site = join(dir, 'site');
  cpSync(join(root, 'demo'), site, { recursive: true });
  const bench = join(site, 'bench');
  cpSync(join(root, 'bench', 'pages'), bench, { recursive: true });

  const demo = readFileSync(join(root, 'demo', 'index.html'), 'utf8');
  if (!demo.match(KIT_SCRIPT)) throw new Error('demo/index.html has no <script src=".../egov-widgets.js">');
  const staticPage = demo.replace(KIT_SCRIPT, '');
  writeFileSync(join(bench, 'static.html'), staticPage);
  // The floor page: the static page plus Lit alone (one element) and DOMPurify.
  writeFileSync(join(bench, 'lit-floor.js'), litFloorCode);
  writeFileSync(join(bench, 'purify.min.js'), purifyCode);
  const floorPage = staticPage
    .replace('</head>', '  <script src="/bench/lit-floor.js" defer></script>\n    <script src="/bench/purify.min.js" defer></script>\n  </head>')
    .replace('</body>', '  <lit-floor></lit-floor>\n  </body>');
  writeFileSync(join(bench, 'floor.html'), floorPage);
  writeFileSync(join(bench, 'links-5000.json'), JSON.stringify(manyLinks(5000)));

  // A snapshot of dist/: the pages get the bundle that row 1 measured, even if dist/ is rebuilt meanwhile.
  const distDir = join(dir, 'dist');
  cpSync(join(root, 'dist'), distDir, { recursive: true });

  const pollsFile = join(dir, 'polls.json');
  const polls = JSON.parse(readFileSync(join(root, 'demo', 'data', 'polls.json'), 'utf8'));
  polls.polls.push(fiftyOptionPoll());
  writeFileSync(pollsFile, JSON.stringify(polls));

  const kitTags = [...new Set(demo.match(/<egov-[a-z-]+/g) ?? [])].map((tag) => tag.slice(1));
  return { dir: site, distDir, pollsFile, kitTags, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

function fiftyOptionPoll() {
  const options = Array.from({ length: 50 }, (_, index) => ({
    id: `lua-chon-${index + 1}`,
    label: `Phương án ${index + 1}: nghỉ ${index + 1} ngày`,
    seedVotes: (index * 37) % 101,
  }));
  return { id: BENCH_POLL_ID, question: 'Bạn chọn phương án nào trong 50 phương án?', multiple: false, closesAt: null, options };
}

const PROVINCES = [
  'Hà Nội', 'Hồ Chí Minh', 'Hải Phòng', 'Đà Nẵng', 'Cần Thơ', 'An Giang', 'Bà Rịa - Vũng Tàu', 'Bắc Giang',
  'Bắc Kạn', 'Bạc Liêu', 'Bắc Ninh', 'Bến Tre', 'Bình Định', 'Bình Dương', 'Bình Phước', 'Bình Thuận',
  'Cà Mau', 'Cao Bằng', 'Đắk Lắk', 'Đắk Nông', 'Điện Biên', 'Đồng Nai', 'Đồng Tháp', 'Gia Lai', 'Hà Giang',
  'Hà Nam', 'Hà Tĩnh', 'Hải Dương', 'Hậu Giang', 'Hòa Bình', 'Hưng Yên', 'Khánh Hòa', 'Kiên Giang', 'Kon Tum',
  'Lai Châu', 'Lâm Đồng', 'Lạng Sơn', 'Lào Cai', 'Long An', 'Nam Định', 'Nghệ An', 'Ninh Bình', 'Ninh Thuận',
  'Phú Thọ', 'Phú Yên', 'Quảng Bình', 'Quảng Nam', 'Quảng Ngãi', 'Quảng Ninh', 'Quảng Trị', 'Sóc Trăng',
  'Sơn La', 'Tây Ninh', 'Thái Bình', 'Thái Nguyên', 'Thanh Hóa', 'Thừa Thiên Huế', 'Tiền Giang', 'Trà Vinh',
  'Tuyên Quang', 'Vĩnh Long', 'Vĩnh Phúc', 'Yên Bái',
];

const DEPARTMENTS = [
  'Sở Giáo dục và Đào tạo', 'Sở Y tế', 'Sở Tài chính', 'Sở Tư pháp', 'Sở Nội vụ', 'Sở Xây dựng',
  'Sở Giao thông vận tải', 'Sở Công Thương', 'Sở Kế hoạch và Đầu tư', 'Sở Tài nguyên và Môi trường',
  'Sở Nông nghiệp và Phát triển nông thôn', 'Sở Khoa học và Công nghệ', 'Sở Thông tin và Truyền thông',
  'Sở Văn hóa, Thể thao và Du lịch', 'Sở Lao động - Thương binh và Xã hội', 'Sở Ngoại vụ', 'Thanh tra tỉnh',
  'Ban Dân tộc', 'Văn phòng UBND', 'Cổng dịch vụ công',
];

const DISTRICTS = [
  'Phú Lương', 'Đồng Hỷ', 'Võ Nhai', 'Định Hóa', 'Đại Từ', 'Phú Bình', 'Ba Vì', 'Gia Lâm', 'Đông Anh',
  'Sóc Sơn', 'Thanh Trì', 'Mê Linh', 'Chương Mỹ', 'Thạch Thất', 'Quốc Oai', 'Hoài Đức', 'Đan Phượng',
  'Phúc Thọ', 'Thường Tín', 'Phú Xuyên', 'Ứng Hòa', 'Mỹ Đức', 'Hòa Vang', 'Cẩm Lệ', 'Liên Chiểu',
  'Sơn Trà', 'Ngũ Hành Sơn', 'Hải Châu', 'Thanh Khê', 'Cái Răng', 'Ninh Kiều', 'Bình Thủy', 'Ô Môn',
  'Thốt Nốt', 'Phong Điền', 'Cờ Đỏ', 'Vĩnh Thạnh', 'Thới Lai', 'Thủy Nguyên', 'An Dương', 'An Lão',
  'Kiến Thụy', 'Tiên Lãng', 'Vĩnh Bảo', 'Cát Hải', 'Bạch Long Vĩ', 'Đồ Sơn', 'Dương Kinh', 'Hồng Bàng',
  'Lê Chân', 'Ngô Quyền', 'Kiến An', 'Hải An', 'Củ Chi', 'Hóc Môn', 'Bình Chánh', 'Nhà Bè', 'Cần Giờ',
  'Tân Phú', 'Gò Vấp',
];

/** The first five are centrally governed cities. */
const provinceName = (province) => `${PROVINCES.indexOf(province) < 5 ? 'thành phố' : 'tỉnh'} ${province}`;

const slug = (text) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** `count` distinct Vietnamese agency links in two groups, as a national links directory would list them. */
export function manyLinks(count) {
  const links = [];
  for (const department of DEPARTMENTS) {
    for (const province of PROVINCES) {
      links.push({
        label: `${department} ${provinceName(province)}`,
        href: `https://${slug(department)}.${slug(province)}.gov.vn/`,
        group: 'Sở, ban, ngành',
      });
    }
  }
  for (const district of DISTRICTS) {
    for (const province of PROVINCES) {
      links.push({
        label: `UBND huyện ${district}, ${provinceName(province)}`,
        href: `https://${slug(district)}.${slug(province)}.gov.vn/`,
        group: 'Quận, huyện',
      });
    }
  }
  if (links.length < count) throw new Error(`only ${links.length} links can be generated`);
  return links.slice(0, count);
}
