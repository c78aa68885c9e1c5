#!/usr/bin/env node
// The README's two commands land here: `npm run demo` and `npm test`.
// A fresh machine has only Node and npm, so this bootstraps pnpm, installs the workspace,
// makes sure Chromium is present for the browser tests, then hands over to pnpm.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const task = process.argv[2];
const pnpmVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function quiet(cmd, args) {
  const result = spawnSync(cmd, args, { cwd: root, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

function pnpm() {
  if (quiet('pnpm', ['--version']) === pnpmVersion) return ['pnpm', []];
  console.log(
    `[livesell] using pnpm ${pnpmVersion} through npx (install it globally with: npm i -g pnpm@${pnpmVersion})`,
  );
  return ['npx', ['-y', `pnpm@${pnpmVersion}`]];
}

function chromium() {
  const found = ['/usr/bin/chromium', '/usr/bin/chromium-browser', process.env.CHROMIUM_PATH].find(
    (p) => p && existsSync(p),
  );
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && quiet('which', ['apt-get'])) {
    console.log('[livesell] Chromium is missing: installing Debian chromium with apt-get …');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    if (
      run('apt-get', ['update', '-qq'], { env }) === 0 &&
      run('apt-get', ['install', '-y', '-qq', 'chromium'], { env }) === 0
    ) {
      if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
    }
  }
  console.error(
    '[livesell] The browser tests need Chromium and it is not installed.\n' +
      '  Debian/Ubuntu:  sudo apt-get install -y chromium\n' +
      '  Or point CHROMIUM_PATH at a Chromium/Chrome binary.',
  );
  process.exit(1);
}

const [cmd, prefix] = pnpm();
const install = process.env.CI ? ['install', '--frozen-lockfile'] : ['install'];
if (run(cmd, [...prefix, ...install]) !== 0) process.exit(1);

if (task === 'test') {
  process.env.CHROMIUM_PATH = chromium();
  process.exit(run(cmd, [...prefix, 'run', 'test:all'], { env: process.env }));
} else if (task === 'demo') {
  process.exit(run(cmd, [...prefix, 'run', 'demo:start']));
} else {
  console.error('usage: node scripts/run.mjs <demo|test>');
  process.exit(2);
}
