#!/usr/bin/env node
// Builds each publishable package, packs it as npm would get it (`pnpm pack`, which applies
// publishConfig), and lints the tarball with publint and @arethetypeswrong/cli. Also checks that
// @livesell/core is built per module (one dist/x.js per src/x.ts). Part of `npm test`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules', '.bin', name);
const pnpm = process.env.npm_execpath?.includes('pnpm')
  ? [process.execPath, [process.env.npm_execpath]]
  : ['npx', ['-y', 'pnpm@10.34.9']];

const PACKAGES = [
  { dir: 'core', attw: ['--profile', 'esm-only'] },
  {
    dir: 'components',
    // Consumed only through Taro's bundler, which picks the per-platform seam files (`x.h5.js`) by
    // suffix; Node cannot load it (it imports CSS), so Node's own resolution of its internal
    // extensionless imports does not apply.
    attw: ['--profile', 'esm-only', '--ignore-rules', 'internal-resolution-error'],
  },
  { dir: 'server', attw: ['--profile', 'esm-only'] },
];

const failures = [];
function run(label, cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  if (r.status !== 0) {
    failures.push(label);
    console.log(`FAIL ${label}\n${r.stdout}${r.stderr}`);
    return false;
  }
  return r.stdout;
}

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else yield p;
  }
}

const out = mkdtempSync(join(tmpdir(), 'livesell-pack-'));
try {
  for (const { dir, attw } of PACKAGES) {
    const cwd = join(root, 'packages', dir);
    if (!run(`${dir}: build`, pnpm[0], [...pnpm[1], 'run', 'build'], cwd)) continue;
    if (dir === 'core') {
      const missing = [...files(join(cwd, 'src'))]
        .filter((f) => /\.ts$/.test(f) && !/\.(test|test-d)\.ts$/.test(f))
        .map((f) => relative(join(cwd, 'src'), f).replace(/\.ts$/, '.js'))
        .filter((js) => !existsSync(join(cwd, 'dist', js)));
      if (missing.length) {
        failures.push('core: per-module build');
        console.log(`FAIL core is not built per module; missing ${missing.slice(0, 5).join(', ')}`);
      }
    }
    const packed = run(`${dir}: pack`, pnpm[0], [...pnpm[1], 'pack', '--pack-destination', out], cwd);
    if (!packed) continue;
    const tgz = readdirSync(out).find((f) => f.includes(`livesell-${dir}-`));
    const tarball = join(out, tgz);
    if (run(`${dir}: publint`, bin('publint'), ['--strict', tarball], root) !== false)
      console.log(`ok   ${dir}: publint`);
    if (run(`${dir}: attw`, bin('attw'), [tarball, ...attw, '--format', 'table-flipped'], root) !== false)
      console.log(`ok   ${dir}: attw`);
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
if (failures.length) {
  console.error(`\npackage checks failed: ${failures.join('; ')}`);
  process.exit(1);
}
