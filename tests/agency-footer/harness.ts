/**
 * Drives `<egov-agency-footer>` as a reader would, and reads what it shows: the footer of the sample
 * district page, a footer loading `src` with its errors captured, the footer's text and parts.
 */
import { fixture, html } from '@open-wc/testing';
import type { EgovAgencyFooter } from '../../src/agency-footer/agency-footer.js';
import { shadow, visibleText } from '../support/helpers.js';

/** The agency footer of the sample district page (tests/fixtures/sample-page.txt). */
export const sampleFooter = {
  siteName: 'HUYỆN PHÚ LƯƠNG TỈNH THÁI NGUYÊN',
  agency: 'Uỷ ban nhân dân Huyện Phú Lương Tỉnh Thái Nguyên',
  address: 'Thị trấn Đu, huyện Phú Lương, tỉnh Thái Nguyên',
  responsible: 'Nguyễn Thúy Hằng - Phó Chủ tịch Ủy ban nhân dân huyện Phú Lương',
  phone: '02083874436',
  fax: '',
  email: 'bbt.phuluong@thainguyen.gov.vn',
  since: '2015',
  developer:
    'Phát triển bởi Unitech trên nền tảng Chính quyền điện tử (Da Nang Egov Platform) do UBND TP Đà Nẵng chuyển giao',
};

/** The sample page's footer, every field as an attribute. */
export function sampleFooterElement(lang = 'vi') {
  return fixture<EgovAgencyFooter>(html`
    <egov-agency-footer
      lang=${lang}
      site-name=${sampleFooter.siteName}
      agency=${sampleFooter.agency}
      address=${sampleFooter.address}
      responsible=${sampleFooter.responsible}
      phone=${sampleFooter.phone}
      fax=${sampleFooter.fax}
      email=${sampleFooter.email}
      since=${sampleFooter.since}
      developer=${sampleFooter.developer}
    ></egov-agency-footer>
  `);
}

/** A footer loading `src`, with the egov-error codes it fires captured from the start. */
export async function remoteFooter(src: string, lang = 'vi') {
  const errors: string[] = [];
  const element = await fixture<EgovAgencyFooter>(html`
    <egov-agency-footer lang=${lang} src=${src} @egov-error=${(event: CustomEvent) => errors.push(event.detail.code)}></egov-agency-footer>
  `);
  return { element, errors };
}

/** Everything the footer shows, as one line of text. */
export function footerText(element: Element): string {
  return visibleText(shadow(element).querySelector('footer'));
}

/** The `href` of every link the footer shows. */
export function linkTargets(element: Element): (string | null)[] {
  return [...shadow(element).querySelectorAll('a')].map((link) => link.getAttribute('href'));
}

/** How many columns the footer lays out in a container `width` pixels wide. */
export async function columnsAt(width: number): Promise<number> {
  const wrapper = await fixture(html`
    <div style="width: ${width}px">
      <egov-agency-footer address="Thị trấn Đu" phone="02083874436"></egov-agency-footer>
    </div>
  `);
  const grid = shadow(wrapper.querySelector('egov-agency-footer')!).querySelector('[part="columns"]')!;
  return getComputedStyle(grid).gridTemplateColumns.split(' ').length;
}
