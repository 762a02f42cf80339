import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { speechChunks } from './article-text.js';

/**
 * Reads text aloud with the Web Speech API, one paragraph or sentence at a time, and tells the
 * host when it starts and stops. Speech stops when the host leaves the page.
 */
export class ReadAloudController implements ReactiveController {
  /** True from `start()` until the last piece is spoken or `stop()` is called. */
  speaking = false;

  /** Bumped on every start and stop, so events of an older reading are ignored. */
  private session = 0;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /**
   * Whether this browser can speak at all. Asked on first render, so without reading
   * `speechSynthesis` where the browser's own getter stands: its first read sets speech up
   * (milliseconds that every page would pay, speaking or not). A plain value in its place (a
   * script's shim, or none) is read as it is.
   */
  get supported(): boolean {
    if (typeof window.SpeechSynthesisUtterance !== 'function') return false;
    const own = Object.getOwnPropertyDescriptor(window, 'speechSynthesis');
    if (own?.get) return true;
    const synth: SpeechSynthesis | undefined = own ? own.value : window.speechSynthesis;
    return typeof synth?.speak === 'function';
  }

  /** Speaks `text` in `lang` (a BCP 47 tag such as `vi-VN`), replacing anything being spoken. */
  start(text: string, lang: string): void {
    const synth = window.speechSynthesis;
    synth.cancel();
    const session = ++this.session;
    const chunks = speechChunks(text);
    const finish = (): void => {
      if (session === this.session) this.setSpeaking(false);
    };
    chunks.forEach((chunk, index) => {
      const utterance = new SpeechSynthesisUtterance(chunk);
      utterance.lang = lang;
      utterance.addEventListener('error', finish);
      if (index === chunks.length - 1) utterance.addEventListener('end', finish);
      synth.speak(utterance);
    });
    this.setSpeaking(chunks.length > 0);
  }

  stop(): void {
    if (!this.speaking) return;
    this.session++;
    window.speechSynthesis.cancel();
    this.setSpeaking(false);
  }

  hostDisconnected(): void {
    this.stop();
  }

  private setSpeaking(speaking: boolean): void {
    this.speaking = speaking;
    this.host.requestUpdate();
  }
}
