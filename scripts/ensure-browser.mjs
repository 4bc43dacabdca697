// Finds a Chromium for the browser tests: Debian's `chromium` where apt is available (Playwright
// cannot download browsers on our CI machines), Playwright's own download elsewhere.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { run } from './ensure-deps.mjs';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

export function ensureBrowser() {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  if (has('apt-get')) {
    const sudo = process.getuid && process.getuid() !== 0 && has('sudo') ? ['sudo'] : [];
    const apt = (args) => (sudo.length ? run('sudo', ['apt-get', ...args]) : run('apt-get', args));
    console.log('Installing Debian chromium for the browser tests…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (apt(['update', '-q'], { env }) === 0 && apt(['install', '-y', '-q', 'chromium'], { env }) === 0 && existsSync(DEBIAN_CHROMIUM)) {
      return DEBIAN_CHROMIUM;
    }
  }
  console.log('Installing Playwright Chromium…');
  if (run('npx', ['playwright', 'install', 'chromium']) !== 0) {
    console.error('No Chromium could be found or installed; set CHROMIUM_PATH to a Chromium binary.');
    process.exit(1);
  }
  return '';
}
