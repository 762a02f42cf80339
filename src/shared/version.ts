/** The kit's version, compared by `EgovElement.define()` when two copies meet on one page. */
export const VERSION = '0.1.0';
