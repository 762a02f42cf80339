import { expect, oneEvent } from '@open-wc/testing';
import '../../src/define.js';
import type { EgovErrorDetail } from '../../src/shared/egov-element.js';
import { inShadow, part, uniqueKey, visibleText } from '../support/helpers.js';
import { WIDGETS } from './remote-widgets.js';

// The 10 s timeout of every widget that loads data, timed against a real endpoint that accepts
// the request and never answers (`stall` in tests/support/faulty-endpoint.mjs). The widgets wait
// side by side, so the whole file takes one timeout, not one per widget: what each widget shows
// once it gave up, and that its retry loads, are checked here too rather than in its own folder.

/** The promise made to portals (README, SECURITY.md): no answer within 10 s is an error. */
const PROMISED_MS = 10_000;
/** Timers fire a little late, never early; the start mark is taken before the request is sent. */
const EARLY_TOLERANCE_MS = 50;
/** Two shared cores and a busy browser may deliver the error a little after the timer fired. */
const LATE_TOLERANCE_MS = 2_500;

interface Timing {
  widget: (typeof WIDGETS)[number];
  element: HTMLElement;
  code: string;
  seconds: number;
}

/** Creates the widget on a stalled endpoint and times its `egov-error`. */
async function timeToGiveUp(widget: (typeof WIDGETS)[number]): Promise<Timing> {
  const errors: EgovErrorDetail[] = [];
  const started = performance.now();
  const element = await widget.create(widget.url('', 'stall', uniqueKey(`timeout-${widget.tag}`)), 'en', errors);
  const event = await oneEvent(element, 'egov-error');
  const elapsed = performance.now() - started;
  return { widget, element, code: (event as CustomEvent<EgovErrorDetail>).detail.code, seconds: Math.round(elapsed) / 1000 };
}

describe('remote data timeout', () => {
  it(`every widget gives up on a silent server after ${PROMISED_MS / 1000} seconds, not sooner and not much later`, async function () {
    this.timeout(PROMISED_MS + 15_000);
    const timings = await Promise.all(WIDGETS.map(timeToGiveUp));
    const verdicts = timings.map(({ widget: { tag }, code, seconds }) => ({
      tag,
      code,
      notTooEarly: seconds * 1000 >= PROMISED_MS - EARLY_TOLERANCE_MS,
      notTooLate: seconds * 1000 <= PROMISED_MS + LATE_TOLERANCE_MS,
    }));
    expect(verdicts, timings.map(({ widget: { tag }, seconds }) => `${tag}: ${seconds} s`).join(', ')).to.deep.equal(
      WIDGETS.map(({ tag }) => ({ tag, code: 'timeout', notTooEarly: true, notTooLate: true })),
    );
    const seconds = timings.map((timing) => timing.seconds);
    console.log(
      `figure: timeout: ${WIDGETS.length} widgets gave up on a silent server after ` +
        `${Math.min(...seconds).toFixed(1)}–${Math.max(...seconds).toFixed(1)} s (promised ${PROMISED_MS / 1000} s)`,
    );
    for (const { widget, element } of timings) {
      const error = await inShadow(element, '[part="error"]');
      expect(visibleText(error), widget.tag).to.include('The server did not answer within 10 seconds.');
      expect(visibleText(part(element, 'retry-button')), widget.tag).to.equal('Try again');
    }
    // The box of the web links keeps its label while it cannot load.
    const links = timings.find(({ widget }) => widget.tag === 'egov-web-links')!.element;
    expect(visibleText(part(links, 'label'))).to.equal('Web links');
    // The endpoint stalled once: the retry of every widget loads.
    for (const { element } of timings) part(element, 'retry-button')!.click();
    await Promise.all(timings.map(({ widget, element }) => widget.loaded(element)));
  });
});
