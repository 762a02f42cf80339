import { expect } from '@open-wc/testing';
import type { LitElement } from 'lit';
import '../../src/define.js';
import type { EgovErrorDetail } from '../../src/shared/egov-element.js';
import { inShadow, shadow, uniqueKey, visibleText } from '../support/helpers.js';
import { WIDGETS, type Lang } from './remote-widgets.js';

// Remote data faults for every widget that loads data, from a REAL misbehaving endpoint
// (tests/support/faulty-endpoint.mjs): each fault is injected once, the widget must explain it
// in the reader's language, fire `egov-error` with the fault's code, offer a retry button, and
// load once the endpoint has recovered. One test per widget × fault; the widgets are the table in
// remote-widgets.ts. The 10 s stall is timed for every widget in timeout.test.ts.

type Code = 'network' | 'http' | 'parse' | 'shape' | 'too-large';

interface Fault {
  /** A kind of tests/support/faulty-endpoint.mjs, or `refused` (a port nothing listens on). */
  kind: string;
  what: string;
  code: Code;
}

const FAULTS: Fault[] = [
  { kind: 'refused', what: 'a refused connection', code: 'network' },
  { kind: 'reset', what: 'a connection reset mid-body', code: 'network' },
  { kind: '500', what: 'HTTP 500', code: 'http' },
  { kind: '502', what: "HTTP 502 with a gateway's HTML page", code: 'http' },
  { kind: '503', what: "HTTP 503 with a gateway's HTML page", code: 'http' },
  { kind: '204', what: 'an empty 204', code: 'shape' },
  { kind: 'html', what: 'an HTML page instead of JSON', code: 'parse' },
  { kind: 'truncated', what: 'truncated JSON', code: 'parse' },
  { kind: 'shape', what: 'JSON of the wrong shape', code: 'shape' },
  { kind: 'big', what: 'a 3 MB response', code: 'too-large' },
];

/** What the reader must read, written out here (not imported) so a wrong translation fails. */
const MESSAGES: Record<Lang, (fault: Fault) => string> = {
  vi: ({ kind, code }) =>
    ({
      network: 'Không kết nối được tới máy chủ. Vui lòng kiểm tra mạng và thử lại.',
      http: `Máy chủ báo lỗi (mã ${kind}). Vui lòng thử lại sau.`,
      parse: 'Dữ liệu nhận được bị lỗi, không đọc được.',
      shape: 'Dữ liệu nhận được không đúng định dạng.',
      'too-large': 'Dữ liệu nhận được quá lớn.',
    })[code],
  en: ({ kind, code }) =>
    ({
      network: 'Could not reach the server. Please check your connection and try again.',
      http: `The server reported an error (code ${kind}). Please try again later.`,
      parse: 'The data received is damaged and cannot be read.',
      shape: 'The data received is not in the expected format.',
      'too-large': 'The data received is too large.',
    })[code],
};

const RETRY: Record<Lang, string> = { vi: 'Thử lại', en: 'Try again' };

/** A refused connection that can recover: a loopback port nothing listens on, until `open()`. */
async function refusedOrigin(key: string): Promise<{ origin: string; open(): Promise<void> }> {
  const { url } = await (await fetch(`/faults/refused/${key}`)).json();
  return {
    origin: url,
    async open() {
      const answer = await (await fetch(`/faults/refused/${key}/open`)).json();
      expect(answer.listening).to.equal(true);
    },
  };
}

/** Each kind is checked in English for one widget (rotating), in Vietnamese for the others. */
function languageOf(widgetIndex: number, faultIndex: number): Lang {
  return faultIndex % WIDGETS.length === widgetIndex ? 'en' : 'vi';
}

const tally = { injected: 0, explained: 0, recovered: 0, english: 0 };

describe('remote data faults', () => {
  after(() => {
    console.log(
      `figure: faults: ${WIDGETS.length} widgets × ${FAULTS.length} kinds = ${tally.injected} injected, ` +
        `${tally.explained} explained, ${tally.recovered} recovered (${tally.english} checked in English)`,
    );
  });

  WIDGETS.forEach((widget, widgetIndex) => {
    describe(`<${widget.tag}>`, () => {
      it('shows a failure in the space its loading state kept: nothing below it moves', async () => {
        // One element still waiting (a stalled endpoint), one failed (HTTP 500), side by side in the same width.
        const waiting = await widget.create(widget.url('', 'stall', uniqueKey('stall')), 'vi', []);
        const failed = await widget.create(widget.url('', '500', uniqueKey('500')), 'vi', []);
        await inShadow(waiting, '[part="loading"]');
        await inShadow(failed, '[part="error"]');
        const height = (element: HTMLElement) => element.getBoundingClientRect().height;
        expect(height(failed), `${height(failed)} px failed, ${height(waiting)} px loading`).to.be.at.least(height(waiting) - 1);
        waiting.remove();
      });

      FAULTS.forEach((fault, faultIndex) => {
        const lang = languageOf(widgetIndex, faultIndex);
        it(`explains ${fault.what} (${fault.code}, ${lang}) and loads on retry once the endpoint recovers`, async () => {
          const key = uniqueKey(`${widget.tag}-${fault.kind}`);
          const refused = fault.kind === 'refused' ? await refusedOrigin(key) : undefined;
          const url = refused ? widget.url(refused.origin, 'json', key) : widget.url('', fault.kind, key);
          const errors: EgovErrorDetail[] = [];
          tally.injected++;
          const element = await widget.create(url, lang, errors);

          const error = await inShadow(element, '[part="error"]');
          // The alert is the message alone: its retry button is not read out with it.
          expect(error.querySelector('p')?.getAttribute('role')).to.equal('alert');
          expect(visibleText(error.querySelector('p'))).to.equal(MESSAGES[lang](fault));
          expect(errors.map((detail) => detail.code)).to.deep.equal([fault.code]);
          expect(errors[0]!.message).to.be.a('string').and.not.equal('');
          const retry = error.querySelector<HTMLButtonElement>('button[part="retry-button"]');
          expect(retry, 'retry button').to.not.equal(null);
          expect(visibleText(retry)).to.equal(RETRY[lang]);
          tally.explained++;
          if (lang === 'en') tally.english++;

          await refused?.open();
          // Pressed from the keyboard: the button goes, the focus stays in the widget (the loading
          // line, then the loaded content), not on the page's <body>.
          retry!.focus();
          retry!.click();
          await (element as LitElement).updateComplete;
          const focusKept = () => shadow(element).activeElement !== null;
          expect(focusKept(), 'focus in the widget while it loads again').to.equal(true);
          await widget.loaded(element);
          expect(focusKept(), 'focus in the loaded widget').to.equal(true);
          // Where the reader starts again, not after what came: the article's heading, the poll's question.
          const start = { 'egov-article-view': 'heading', 'egov-poll': 'question' }[widget.tag as string];
          const focusedPart = shadow(element).activeElement?.getAttribute('part');
          if (start) expect(focusedPart, 'focus after the retry').to.equal(start);
          expect(shadow(element).querySelector('[part="error"]')).to.equal(null);
          expect(errors, 'no new egov-error after the retry').to.have.length(1);
          tally.recovered++;
        });
      });
    });
  });
});
