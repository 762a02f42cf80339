import { css } from 'lit';

/** The open list's styles, which come with its code (web-links-list.ts) and join the widget's. */
export const openListStyles = css`
  /* Without the Popover API (older browsers): under the field, in the page's stacking. */
  .popup {
    position: absolute;
    top: calc(100% + 0.25em);
    inset-inline: 0;
    z-index: 1000;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    box-shadow: 0 6px 18px rgb(0 0 0 / 18%);
  }
  /* In the top layer: placed against the field by CSS anchor positioning where the browser has it,
     else by the AnchoredPopup controller. Under the field where it fits, else above it where it
     fits; else, on a short screen (400 % zoom, a phone held sideways, its keyboard up), no taller
     than the room: under the field if 8em of list fit there, else above if they fit there, else
     under it all the same. */
  @position-try --egov-room {
    min-height: 8em;
    max-height: calc(100% - 0.25em);
  }
  @position-try --egov-any-room {
    max-height: calc(100% - 0.25em);
  }
  .popup:popover-open {
    position: fixed;
    inset: auto;
    display: flex;
    flex-direction: column;
    margin: 0.25em 0 0;
    padding: 0;
    overflow: visible;
    color: inherit;
    position-anchor: --egov-web-links-field;
    position-area: block-end span-inline-end;
    width: anchor-size(width);
    position-try-fallbacks: flip-block, --egov-room, --egov-room flip-block, --egov-any-room;
  }
  [role='listbox'] {
    position: relative;
    flex: 0 1 auto;
    min-height: 0;
    max-height: var(--_list-height);
    overflow-y: auto;
    overscroll-behavior: contain;
    /* No scroll anchoring: rows measured above the visible ones (taller than their estimate) made
       it move the list, which rendered new rows, measured, moved again — a wheel's third notch
       ran to the end. The window keeps its own place (list-window.ts). */
    overflow-anchor: none;
  }
  .spacer {
    display: block;
  }
  .group-label {
    padding: 0.571em 0.857em 0.286em;
    color: var(--_muted);
    font-size: 0.875em;
    font-weight: 700;
    text-transform: uppercase;
  }
  .group-label.after {
    border-top: 1px solid var(--_surface-alt);
  }
  .option {
    display: flex;
    align-items: center;
    gap: 0.5em;
    min-height: 2.75em;
    padding: 0.375em 0.75em;
    cursor: pointer;
    overflow-wrap: anywhere;
  }
  .option:hover {
    background: var(--_surface-alt);
  }
  .option[aria-selected='true'] {
    background: var(--_primary);
    color: var(--_on-primary);
    /* Invisible normally; drawn in forced-colors mode, where backgrounds are dropped. */
    outline: 2px solid transparent;
    outline-offset: -2px;
  }
  .option-label {
    flex: 1 1 auto;
  }
  .new-tab {
    flex: none;
    font-size: 0.875em;
  }
  mark {
    background: var(--_highlight);
    color: var(--_text);
    font-weight: 600;
    border-radius: 2px;
  }
  .note {
    margin: 0;
    padding: 0.667em 0.8em;
    color: var(--_muted);
    font-size: 0.9375em;
  }
  .note[part='more'] {
    border-top: 1px solid var(--_surface-alt);
  }
`;
