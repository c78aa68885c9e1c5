#!/usr/bin/env node
// `pnpm bench <name> [args]` runs bench/<name>.ts (or .mjs). Each benchmark prints its figures
// and exits non-zero when a target from docs/guides/performance.md is missed. `pnpm bench` alone lists them.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'bench');
const available = readdirSync(dir)
  .filter((f) => /^[a-z0-9-]+\.(ts|mjs)$/.test(f))
  .map((f) => f.replace(/\.(ts|mjs)$/, ''));
const [name, ...args] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.log(`usage: pnpm bench <name>\navailable: ${available.join(', ') || '(none yet)'}`);
  process.exit(name ? 2 : 0);
}
const file = ['ts', 'mjs'].map((ext) => join(dir, `${name}.${ext}`)).find((p) => existsSync(p));
const result = spawnSync(process.execPath, ['--import', 'tsx', file, ...args], { stdio: 'inherit', cwd: root });
process.exit(result.status ?? 1);
