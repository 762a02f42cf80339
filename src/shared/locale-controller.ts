import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { resolveLang, sharedMessages, type Lang } from './i18n.js';
import { loadPart } from './load-part.js';
import { VERSION } from './version.js';

type Host = ReactiveControllerHost & HTMLElement;

/** Every connected widget's controller; one observer for the whole page tells them when a `lang` changes. */
const controllers = new Set<LocaleController>();
let observer: MutationObserver | undefined;
/** Each widget's controller, for the other controllers of the widget (see `hostLang`). */
const byHost = new WeakMap<Host, LocaleController>();

function watchDocument(): void {
  if (observer) return;
  observer = new MutationObserver(() => controllers.forEach((controller) => controller.langChanged()));
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
}

/**
 * The English messages, an on-demand part (src/messages-en.ts): not asked for yet (`undefined`), on
 * their way, or failed to load (`false`: the widgets speak Vietnamese, and the part is tried again
 * once a `lang` changes, not at every update).
 */
let english: Promise<void> | false | undefined;

/** True once English is installed (by the part, or by a script that bundles it: the editors' page). */
const englishInstalled = () => sharedMessages.en !== sharedMessages.vi;

function loadEnglish(): Promise<void> {
  return loadPart(() => import('../messages-en.js'))
    .then((part) => part.installEnglish())
    .catch((error: unknown) => {
      english = false;
      console.warn(`egov-widgets ${VERSION}: no English messages (${String(error)}): Vietnamese until a lang changes.`);
    });
}

/**
 * Gives a widget its language (`lang` on itself or the nearest ancestor, else `vi`) and re-renders
 * it when that changes, so a page's language switch updates every widget at once.
 *
 * A render reads the language many times, and each read would walk the ancestors: it is resolved
 * once and kept until the update ends, a `lang` changes in the page, or the widget's own `lang`
 * changes (the page-wide observer does not see into shadow roots, where the widget may sit).
 *
 * Where English is asked for but could not be loaded, the widget speaks Vietnamese throughout (its
 * words, dates, numbers and `lang` marks), as on a Vietnamese page, rather than a mix.
 */
export class LocaleController implements ReactiveController {
  private resolved: Lang | undefined;
  /** The widget's own `lang` attribute when `resolved` was worked out. */
  private ownLang: string | null = null;

  constructor(private readonly host: Host) {
    host.addController(this);
    byHost.set(host, this);
  }

  get lang(): Lang {
    const asked = this.askedLang();
    return asked === 'en' && english === false ? 'vi' : asked;
  }

  /** The language the page asks of the widget. */
  private askedLang(): Lang {
    const own = this.host.getAttribute('lang');
    if (this.resolved === undefined || own !== this.ownLang) {
      this.ownLang = own;
      this.resolved = resolveLang(this.host);
    }
    return this.resolved;
  }

  /**
   * What the widget's next update must wait for: the English messages, when it is asked to speak
   * English and they are not here yet (loaded once for the page); nothing otherwise. A failed load
   * is not waited for again: the widget renders in Vietnamese.
   */
  messagesLoading(): Promise<void> | undefined {
    if (english === false || this.askedLang() !== 'en' || englishInstalled()) return undefined;
    english ??= loadEnglish();
    return english;
  }

  /** A `lang` changed (in the page, or the widget's own): resolve again and re-render, trying English again if it failed. */
  langChanged(): void {
    if (english === false) english = undefined;
    this.resolved = undefined;
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.resolved = undefined;
    controllers.add(this);
    watchDocument();
    // Moved into a part of the page in another language: shown in it now, not at the next change.
    this.host.requestUpdate();
  }

  hostUpdated(): void {
    this.resolved = undefined;
  }

  hostDisconnected(): void {
    controllers.delete(this);
  }
}

/** The language of `host`: its `LocaleController`'s, kept for the update, or resolved now when it has none. */
export function hostLang(host: Host): Lang {
  return byHost.get(host)?.lang ?? resolveLang(host);
}
