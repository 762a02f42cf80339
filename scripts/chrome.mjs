// Finds Debian's Chromium for the browser tests, installing it with apt-get when it is missing.
// Test tools never download a browser of their own. `CHROME_PATH` overrides the search.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome'];

/** Flags for running as root in a container, quiet on a machine with no outside network. */
export const CHROME_ARGS = [
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--mute-audio',
  // Tests run in several tabs at once: keep timers and animation frames running in the hidden ones.
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
];

export function findChrome({ install = true } = {}) {
  const override = process.env.CHROME_PATH;
  if (override) {
    if (!existsSync(override)) throw new Error(`CHROME_PATH=${override} does not exist`);
    return override;
  }
  const found = CANDIDATES.find((path) => existsSync(path));
  if (found) return found;
  if (!install) throw new Error('Chromium not found: install Debian\'s "chromium" or set CHROME_PATH');
  installChromium();
  const installed = CANDIDATES.find((path) => existsSync(path));
  if (!installed) throw new Error('apt-get installed chromium, but no executable was found');
  return installed;
}

function installChromium() {
  if (process.getuid?.() !== 0) {
    throw new Error('Chromium not found. Install it (sudo apt-get install -y chromium) or set CHROME_PATH.');
  }
  console.log('Chromium not found: installing Debian\'s chromium with apt-get (about a minute)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
}
