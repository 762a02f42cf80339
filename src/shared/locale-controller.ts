import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { resolveLang, type Lang } from './i18n.js';

type Host = ReactiveControllerHost & HTMLElement;

/** Every connected widget; one observer for the whole page re-renders them when a `lang` changes. */
const hosts = new Set<Host>();
let observer: MutationObserver | undefined;

function watchDocument(): void {
  if (observer) return;
  observer = new MutationObserver(() => hosts.forEach((host) => host.requestUpdate()));
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
}

/**
 * Gives a widget its language (`lang` on itself or the nearest ancestor, else `vi`) and re-renders
 * it when that changes, so a page's language switch updates every widget at once.
 */
export class LocaleController implements ReactiveController {
  constructor(private readonly host: Host) {
    host.addController(this);
  }

  get lang(): Lang {
    return resolveLang(this.host);
  }

  hostConnected(): void {
    hosts.add(this.host);
    watchDocument();
  }

  hostDisconnected(): void {
    hosts.delete(this.host);
  }
}
