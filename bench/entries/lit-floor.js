// The floor of row 1: the smallest useful Lit element — one reactive property, scoped styles,
// a template with a binding and an event listener. Bundled in the bench run with the kit's
// own rollup settings (classicScript in rollup.config.mjs), so the two sizes compare like for like.
/* global customElements */
import { LitElement, css, html } from 'lit';

class LitFloor extends LitElement {
  static properties = { count: { type: Number } };

  static styles = css`
    :host {
      display: block;
    }
  `;

  constructor() {
    super();
    this.count = 0;
  }

  render() {
    return html`<button type="button" @click=${() => this.count++}>${this.count}</button>`;
  }
}

customElements.define('lit-floor', LitFloor);
