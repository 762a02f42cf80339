/** The kit's events: `egov-…`, bubbling out of shadow roots, typed by `GlobalEventHandlersEventMap`. */

/** Detail of `egov-error`: a stable code for scripts and a readable description for logs. */
export interface EgovErrorDetail {
  code: string;
  message: string;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'egov-error': CustomEvent<EgovErrorDetail>;
  }
}

export type EgovEventName = Extract<keyof GlobalEventHandlersEventMap, `egov-${string}`>;
export type DetailOf<K extends EgovEventName> = GlobalEventHandlersEventMap[K] extends CustomEvent<infer D> ? D : never;

/** Dispatches an `egov-…` event from `target` that crosses shadow roots; returns false if it was cancelled. */
export function emit<K extends EgovEventName>(
  target: EventTarget,
  name: K,
  detail: DetailOf<K>,
  options: { cancelable?: boolean } = {},
): boolean {
  const event = new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false });
  return target.dispatchEvent(event);
}
