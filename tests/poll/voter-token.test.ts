import { expect } from '@open-wc/testing';
import '../../src/define.js';
import { inShadow } from '../support/helpers.js';
import { UUID_V4, forgetPolls, pollElement, text, resultRow, voteFor } from './harness.js';

describe('<egov-poll>', () => {
  beforeEach(forgetPolls);
  afterEach(forgetPolls);

  describe('the voter token', () => {
    it('replaces a damaged token with a new UUID v4 before voting', async () => {
      localStorage.setItem('egov-voter', 'not-a-uuid');
      const { element } = await pollElement('ma-cu-hong');
      await voteFor(element, '3-ngay');
      expect(text(element, 'notice')).to.equal('Cảm ơn bạn! Bình chọn của bạn đã được ghi nhận.');
      expect(localStorage.getItem('egov-voter')).to.match(UUID_V4);
    });

    it('still votes, and shows the results for the rest of the page view, when storage is blocked', async () => {
      const original = Object.getOwnPropertyDescriptor(window, 'localStorage')!;
      Object.defineProperty(window, 'localStorage', {
        configurable: true,
        get() {
          throw new DOMException('The operation is insecure.', 'SecurityError');
        },
      });
      try {
        const { element } = await pollElement('khong-luu-tru');
        await voteFor(element, '4-ngay');
        expect(text(element, 'notice')).to.equal('Cảm ơn bạn! Bình chọn của bạn đã được ghi nhận.');
        const again = await pollElement('khong-luu-tru');
        await inShadow(again.element, '[part="results"]');
        expect(resultRow(again.element, '4 ngày')).to.include('(lựa chọn của bạn)');
      } finally {
        Object.defineProperty(window, 'localStorage', original);
      }
      expect(Object.keys(localStorage).some((key) => key.endsWith('/polls/khong-luu-tru'))).to.equal(false);
    });
  });
});
