#!/usr/bin/env node
// Builds @livesell/components to dist: one ES module + .d.ts per source file (not a bundle, so Taro
// still picks the per-platform seam files `x.h5.js` / `x.js` by its suffix rule), plus the CSS files.
// Types of @livesell/core come from its built dist, so build core first (pnpm -r build does).
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

const pkg = process.cwd();
const src = join(pkg, 'src');
const dist = join(pkg, 'dist');
rmSync(dist, { recursive: true, force: true });

const config = join(pkg, 'tsconfig.build.json');
writeFileSync(
  config,
  JSON.stringify({
    extends: './tsconfig.json',
    compilerOptions: {
      noEmit: false,
      // Taro does not transpile node_modules: what ships must already parse on WeChat's oldest engines.
      target: 'ES2015',
      outDir: 'dist',
      rootDir: 'src',
      declaration: true,
      sourceMap: true,
      paths: { '@livesell/core': ['../core/dist/index.d.ts'] },
    },
    include: ['src', 'types'],
    exclude: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'src/**/*.test-d.ts', 'src/**/testing/**'],
  }),
);
const tscBin = createRequire(join(pkg, 'package.json')).resolve('typescript/bin/tsc');
const tsc = spawnSync(process.execPath, [tscBin, '-p', config], { stdio: 'inherit', cwd: pkg });
rmSync(config);
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else yield p;
  }
}
let css = 0;
for (const file of files(src)) {
  if (file.endsWith('.css')) {
    const target = join(dist, relative(src, file));
    cpSync(file, target);
    css++;
  }
}
console.log(`@livesell/components: built to ${relative(process.cwd(), dist) || 'dist'} (${css} CSS files copied)`);
