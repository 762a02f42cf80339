import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Longest piece handed to the speech engine at once: some engines stop in a long utterance. */
const MAX_SPEECH_CHUNK = 220;

/**
 * Reads an article aloud with the Web Speech API, one paragraph or sentence at a time, and tells
 * the host when it starts and stops. Speech stops when the host leaves the page. Part of the
 * article's actions (article-actions.ts): created on the first press of the read-aloud button.
 */
export class ReadAloudController implements ReactiveController {
  /** True from `start()` until the last piece is spoken or `stop()` is called. */
  speaking = false;

  /** Bumped on every start and stop, so events of an older reading are ignored. */
  private session = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    /** The speech engine could not read (no voice for the language, a failed engine): the reader is told. */
    private readonly failed: () => void,
  ) {
    host.addController(this);
  }

  /**
   * Speaks `pieces` (text, or nodes read as laid out), in `lang` (a BCP 47 tag such as `vi-VN`),
   * replacing anything being spoken.
   */
  start(pieces: (string | Node)[], lang: string): void {
    const synth = window.speechSynthesis;
    synth.cancel();
    const session = ++this.session;
    const chunks = speechChunks(pieces.map(readableText).filter(Boolean).join('\n'));
    const finish = (): void => {
      if (session === this.session) this.setSpeaking(false);
    };
    // A piece the engine could not speak ends the reading, said once (not when stopped: `canceled`, `interrupted`).
    const fail = (event: SpeechSynthesisErrorEvent): void => {
      if (session !== this.session) return;
      const stopped = event.error === 'canceled' || event.error === 'interrupted';
      this.stop();
      if (!stopped) this.failed();
    };
    chunks.forEach((chunk, index) => {
      const utterance = new SpeechSynthesisUtterance(chunk);
      utterance.lang = lang;
      utterance.addEventListener('error', fail);
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

/** The text split into paragraphs, and long paragraphs into sentences, for speech. */
function speechChunks(text: string): string[] {
  const chunks: string[] = [];
  for (const paragraph of text.split(/\n+/)) {
    let current = '';
    for (const sentence of paragraph.trim().split(/(?<=[.!?…;:])\s+/)) {
      if (current && current.length + sentence.length > MAX_SPEECH_CHUNK) {
        chunks.push(current);
        current = '';
      }
      current = current ? `${current} ${sentence}` : sentence;
    }
    if (current) chunks.push(current);
  }
  return chunks;
}

/** The text of a piece as laid out, with a line break between blocks. */
function readableText(piece: string | Node): string {
  if (typeof piece === 'string') return piece;
  return piece instanceof HTMLElement ? laidOutText(piece) : (piece.textContent ?? '');
}

/**
 * The text of `element` as laid out (`innerText`, a line break between blocks), chunks off screen
 * included (body-chunks.ts): `innerText` leaves out what `content-visibility` skips, so they are
 * shown for the moment of reading it (a layout of the whole body, paid only when read-aloud starts).
 */
export function laidOutText(element: HTMLElement): string {
  if (!element.querySelector('.chunk')) return element.innerText;
  element.classList.add('unchunked');
  try {
    return element.innerText;
  } finally {
    element.classList.remove('unchunked');
  }
}
