// The states of <egov-agency-footer> that the accessibility sweep (../a11y.test.ts) checks.
import { html } from '@open-wc/testing';
import { faultUrl } from '../../support/helpers.js';
import { type State, shownWhen } from '../a11y-sweep.js';

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
  shownWhen('loading', (lang) => html`<egov-agency-footer lang=${lang} src=${faultUrl('slow', { ok: footerJson, delay: 5000 })}></egov-agency-footer>`, '[part="loading"]'),
  shownWhen('error', (lang) => html`<egov-agency-footer lang=${lang} src=${faultUrl('500')}></egov-agency-footer>`, '[part="retry-button"]'),
];
