// The states of <egov-agency-footer> that the accessibility sweep (../a11y.test.ts) checks.
import { html } from '@open-wc/testing';
import { type State, remoteStates, shownWhen } from '../a11y-sweep.js';

const footerJson = JSON.stringify({ siteName: 'Huyện Phú Lương tỉnh Thái Nguyên', agency: 'UBND huyện Phú Lương' });

export const footerStates: State[] = [
  shownWhen('loaded', (lang) => html`
    <egov-agency-footer
      lang=${lang}
      site-name="Huyện Phú Lương tỉnh Thái Nguyên"
      agency="Ủy ban nhân dân huyện Phú Lương"
      address="Thị trấn Đu, huyện Phú Lương, tỉnh Thái Nguyên"
      responsible="Chánh Văn phòng HĐND và UBND huyện"
      phone="0208 3874 321"
      fax="0208 3874 322"
      email="ubnd@phuluong.thainguyen.gov.vn"
      since="2015"
      developer="Phát triển bởi Trung tâm Công nghệ thông tin"
    ></egov-agency-footer>
  `, 'a[href^="mailto:"]'),
  ...remoteStates((lang, url) => html`<egov-agency-footer lang=${lang} src=${url}></egov-agency-footer>`, { ok: footerJson, failure: '500' }),
];
