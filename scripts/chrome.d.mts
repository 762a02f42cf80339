/** Flags for headless Chromium as root, quiet on a machine with no outside network. */
export const CHROME_ARGS: string[];
/** Path of Debian's Chromium (or `CHROME_PATH`), installing it with apt-get when missing. */
export function findChrome(options?: { install?: boolean }): string;
