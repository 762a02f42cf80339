/**
 * Addresses no widget may turn into a link, an image or a media source: other schemes, the
 * spellings that hide `javascript:` from a naive check, and what does not parse at all.
 */
export const UNSAFE_URLS = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  'jav\r\nascript:alert(1)',
  '  javascript:alert(1)',
  '\u0001javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'DATA:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'blob:https://example.com/1',
  'ftp://example.com/',
  'mailto:bbt.phuluong@thainguyen.gov.vn',
  'about:blank',
  'http://[bad',
  '   ',
];
