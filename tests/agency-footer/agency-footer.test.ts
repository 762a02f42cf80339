import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/define.js';
import type { EgovAgencyFooter } from '../../src/agency-footer/agency-footer.js';
import { captureWarnings, faultUrl, inShadow, jsonLd, part, visibleText } from '../support/helpers.js';
import { columnsAt, footerText, linkTargets, remoteFooter, sampleFooter, sampleFooterElement } from './harness.js';

const year = new Date().getFullYear();

describe('<egov-agency-footer>', () => {
  describe('with the sample page details', () => {
    it('shows every field of the sample footer in Vietnamese', async () => {
      const element = await sampleFooterElement();
      const text = footerText(element);
      expect(text).to.include('HUYỆN PHÚ LƯƠNG TỈNH THÁI NGUYÊN');
      expect(text).to.include('Địa chỉ: Thị trấn Đu, huyện Phú Lương, tỉnh Thái Nguyên');
      expect(text).to.include(`Chịu trách nhiệm nội dung: ${sampleFooter.responsible}`);
      expect(text).to.include('Điện thoại: 02083874436');
      expect(text).to.include('Email: bbt.phuluong@thainguyen.gov.vn');
      expect(text).to.include(
        `Bản quyền © 2015–${year} Uỷ ban nhân dân Huyện Phú Lương Tỉnh Thái Nguyên. Bảo lưu toàn quyền.`,
      );
      expect(text).to.include(sampleFooter.developer);
    });

    it('links the phone with tel: and the email with mailto:', async () => {
      const element = await sampleFooterElement();
      expect(linkTargets(element)).to.deep.equal(['tel:02083874436', 'mailto:bbt.phuluong@thainguyen.gov.vn']);
    });

    it('leaves out the empty fax together with its label', async () => {
      const element = await sampleFooterElement();
      expect(footerText(element)).not.to.include('Fax');
      expect(footerText(element)).to.include('Điện thoại: 02083874436 Email: bbt.phuluong@thainguyen.gov.vn');
      element.fax = '02083874999';
      await element.updateComplete;
      expect(footerText(element)).to.include('Điện thoại: 02083874436 Fax: 02083874999 Email: bbt.phuluong@thainguyen.gov.vn');
    });

    it('speaks English when asked', async () => {
      const element = await sampleFooterElement('en');
      const text = footerText(element);
      expect(text).to.include('Address: Thị trấn Đu');
      expect(text).to.include('Responsible for content: Nguyễn Thúy Hằng');
      expect(text).to.include('Phone: 02083874436');
      expect(text).to.include(`Copyright © 2015–${year} Uỷ ban nhân dân Huyện Phú Lương Tỉnh Thái Nguyên. All rights reserved.`);
    });

    it('has no axe violations in Vietnamese', async () => {
      await expect(await sampleFooterElement('vi')).to.be.accessible();
    });

    it('has no axe violations in English', async () => {
      await expect(await sampleFooterElement('en')).to.be.accessible();
    });

    it('is the page’s footer landmark, unless the page already put it in its own footer', async () => {
      const role = async () => ((await executeServerCommand('accessible-node', { selector: 'egov-agency-footer >>> footer' })) as { role: string }).role;
      const element = await sampleFooterElement();
      expect(await role()).to.equal('contentinfo');
      // A Bootstrap template's <footer class="footer">: one contentinfo landmark, the page's.
      const pageFooter = document.createElement('footer');
      element.replaceWith(pageFooter);
      pageFooter.append(element);
      await element.updateComplete;
      expect(await role(), 'a landmark inside the page’s footer landmark').to.not.equal('contentinfo');
      await expect(pageFooter).to.be.accessible();
      pageFooter.remove();
    });

    it('writes GovernmentOrganization JSON-LD into the light DOM', async () => {
      const data = await jsonLd(await sampleFooterElement());
      expect(data['@context']).to.equal('https://schema.org');
      expect(data['@type']).to.equal('GovernmentOrganization');
      expect(data.name).to.equal(sampleFooter.agency);
      expect(data.telephone).to.equal('02083874436');
      expect(data.email).to.equal(sampleFooter.email);
      expect(data).not.to.have.property('faxNumber');
    });
  });

  describe('fields', () => {
    const labels: [string, string][] = [
      ['address', 'Địa chỉ:'],
      ['responsible', 'Chịu trách nhiệm nội dung:'],
      ['phone', 'Điện thoại:'],
      ['fax', 'Fax:'],
      ['email', 'Email:'],
    ];
    for (const [attribute, label] of labels) {
      it(`shows "${label}" only when ${attribute} is set`, async () => {
        const element = await fixture(html`<egov-agency-footer lang="vi" agency="UBND"></egov-agency-footer>`);
        expect(footerText(element)).not.to.include(label);
        element.setAttribute(attribute, attribute === 'email' ? 'a@b.vn' : '0208 3874 436');
        await (element as EgovAgencyFooter).updateComplete;
        expect(footerText(element)).to.include(label);
      });
    }

    it('shows the fax number when there is one', async () => {
      const element = await fixture(html`<egov-agency-footer fax="0208 3874 437"></egov-agency-footer>`);
      expect(footerText(element)).to.include('Fax: 0208 3874 437');
    });

    it('leaves out the site name and developer credit when empty', async () => {
      const element = await fixture(html`<egov-agency-footer agency="UBND"></egov-agency-footer>`);
      expect(part(element, 'site-name')).to.equal(null);
      expect(part(element, 'developer')).to.equal(null);
    });

    it('ends the copyright at the current year, and shows one year when the site is new', async () => {
      const element = await fixture<EgovAgencyFooter>(html`<egov-agency-footer agency="UBND" since="2015"></egov-agency-footer>`);
      expect(footerText(element)).to.include(`© 2015–${year} UBND.`);
      element.since = String(year);
      await element.updateComplete;
      expect(footerText(element)).to.include(`© ${year} UBND.`);
      element.since = 'abc';
      await element.updateComplete;
      expect(footerText(element)).to.include(`© ${year} UBND.`);
    });

    it('accepts phone numbers written with spaces, dots and +84', async () => {
      const element = await fixture<EgovAgencyFooter>(html`<egov-agency-footer phone="+84 208.387.4436"></egov-agency-footer>`);
      expect(linkTargets(element)).to.deep.equal(['tel:+842083874436']);
      element.phone = '0912 345 678';
      await element.updateComplete;
      expect(linkTargets(element)).to.deep.equal(['tel:0912345678']);
    });

    it('shows an invalid phone and email as text, with one warning each', async () => {
      let element: EgovAgencyFooter | undefined;
      const warnings = await captureWarnings(async () => {
        element = await fixture<EgovAgencyFooter>(
          html`<egov-agency-footer phone="gọi 123" email="bbt.phuluong@"></egov-agency-footer>`,
        );
        element.requestUpdate();
        await element.updateComplete;
      });
      expect(linkTargets(element!)).to.deep.equal([]);
      expect(footerText(element!)).to.include('Điện thoại: gọi 123');
      expect(footerText(element!)).to.include('Email: bbt.phuluong@');
      expect(warnings).to.have.length(2);
      expect(warnings[0]).to.include('gọi 123');
      expect(warnings[1]).to.include('bbt.phuluong@');
    });

    it('never turns a javascript: value into a link', async () => {
      const element = await fixture(
        html`<egov-agency-footer phone="javascript:alert(1)" email="javascript:alert(1)//@x.vn"></egov-agency-footer>`,
      );
      expect(linkTargets(element)).to.deep.equal([]);
      expect(footerText(element)).to.include('Điện thoại: javascript:alert(1)');
      expect(footerText(element)).to.include('Email: javascript:alert(1)//@x.vn');
    });
  });

  describe('language', () => {
    it('takes the language of the nearest ancestor, and follows it when it changes', async () => {
      const wrapper = await fixture(html`<div lang="en"><egov-agency-footer address="Đu"></egov-agency-footer></div>`);
      const element = wrapper.querySelector('egov-agency-footer') as EgovAgencyFooter;
      expect(footerText(element)).to.include('Address: Đu');
      wrapper.setAttribute('lang', 'vi-VN');
      await waitUntil(() => footerText(element).includes('Địa chỉ: Đu'));
    });

    it('defaults to Vietnamese for an unsupported language', async () => {
      const element = await fixture(html`<egov-agency-footer lang="fr" address="Đu"></egov-agency-footer>`);
      expect(footerText(element)).to.include('Địa chỉ: Đu');
    });
  });

  describe('slots', () => {
    it('shows extra content and hides the no-script fallback', async () => {
      const element = await fixture(html`
        <egov-agency-footer agency="UBND">
          <a href="/so-do-trang">Sơ đồ trang</a>
          <p slot="fallback">Địa chỉ: Thị trấn Đu</p>
        </egov-agency-footer>
      `);
      const extra = element.querySelector('a') as HTMLElement;
      const fallback = element.querySelector('p') as HTMLElement;
      expect(extra.assignedSlot).not.to.equal(null);
      expect(extra.getBoundingClientRect().height).to.be.greaterThan(0);
      expect(fallback.assignedSlot).to.equal(null);
      expect(fallback.getBoundingClientRect().height).to.equal(0);
    });
  });

  describe('layout', () => {
    it('uses one column on a phone and two or more on a wide screen', async () => {
      expect(await columnsAt(360)).to.equal(1);
      expect(await columnsAt(1200)).to.be.at.least(2);
    });
  });

  describe('from src', () => {
    const json = JSON.stringify({ ...sampleFooter, since: 2015 });

    it('loads the footer from JSON in camelCase', async () => {
      const { element } = await remoteFooter(faultUrl('json', { ok: json }));
      await inShadow(element, '[part="copyright"]');
      expect(footerText(element)).to.include('HUYỆN PHÚ LƯƠNG TỈNH THÁI NGUYÊN');
      expect(footerText(element)).to.include(`Bản quyền © 2015–${year}`);
    });

    it('lets attributes win over the file', async () => {
      const element = await fixture(html`
        <egov-agency-footer src=${faultUrl('json', { ok: json })} phone="0208 0000 000"></egov-agency-footer>
      `);
      await inShadow(element, '[part="copyright"]');
      expect(footerText(element)).to.include('Điện thoại: 0208 0000 000');
      expect(footerText(element)).to.include('Email: bbt.phuluong@thainguyen.gov.vn');
    });

    it('shows a loading state that is accessible and reserves space', async () => {
      const element = await fixture(html`<egov-agency-footer src=${faultUrl('slow', { ok: json, delay: 3000 })}></egov-agency-footer>`);
      const loading = await inShadow(element, '[part="loading"]');
      expect(visibleText(loading)).to.equal('Đang tải…');
      expect(element.getBoundingClientRect().height).to.be.greaterThan(150);
      await expect(element).to.be.accessible();
    });

    it('explains JSON of the wrong shape', async () => {
      const { element, errors } = await remoteFooter(faultUrl('json', { ok: '[1,2,3]' }));
      const error = await inShadow(element, '[part="error"]');
      expect(errors).to.deep.equal(['shape']);
      expect(visibleText(error)).to.include('không đúng định dạng');
    });
  });
});
