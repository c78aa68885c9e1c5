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
if (task === 'test' && !process.argv.includes('--verbose')) {
  const result = spawnSync(cmd, [...prefix, ...install], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) {
    console.log(`FAIL install\n${result.stdout}${result.stderr}`);
    process.exit(1);
  }
  console.log('ok   install');
} else if (run(cmd, [...prefix, ...install]) !== 0) process.exit(1);

/**
 * Runs the stages of `test:all` one by one with their output captured: one line per stage, and a
 * stage's full output only when it fails (Taro's progress bars and webpack's size warnings stay
 * out of the way). `npm test -- --verbose` streams everything instead.
 */
function testStages() {
  const stages = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
    .scripts['test:all'].split('&&')
    .map((s) => s.trim().replace(/^pnpm\s+/, ''));
  const started = Date.now();
  for (const stage of stages) {
    const t0 = Date.now();
    const args = stage.split(/\s+/);
    const result = spawnSync(cmd, [...prefix, 'run', ...args], {
      cwd: root,
      env: { ...process.env, FORCE_COLOR: '0' },
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
    if (result.status !== 0) {
      console.log(`FAIL ${stage} (${secs} s)\n${output.trimEnd()}\n`);
      console.log(`[livesell] npm test failed at "${stage}"; rerun it alone with: npx pnpm@${pnpmVersion} ${stage}`);
      return 1;
    }
    console.log(`ok   ${stage.padEnd(14)} ${secs.padStart(6)} s  ${summaryOf(stage, output)}`);
  }
  console.log(`[livesell] all ${stages.length} stages passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return 0;
}

/** The line of a stage's output worth keeping: vitest's test count, or size's verdict. */
function summaryOf(stage, output) {
  const tests = /Tests\s+(\d+ passed[^\n]*)/.exec(output);
  if (tests) return tests[1].trim();
  if (stage === 'size') return `${output.split('\n').filter((l) => l.startsWith('ok ')).length} size targets met`;
  return '';
}

if (task === 'test') {
  process.env.CHROMIUM_PATH = chromium();
  if (process.argv.includes('--verbose')) process.exit(run(cmd, [...prefix, 'run', 'test:all'], { env: process.env }));
  process.exit(testStages());
} else if (task === 'demo') {
  process.exit(run(cmd, [...prefix, 'run', 'demo:start']));
} else {
  console.error('usage: node scripts/run.mjs <demo|test>');
  process.exit(2);
}
