#!/usr/bin/env node
// Builds a package to per-module ESM: one `dist/x.js` (+ `.d.ts`, source map) per `src/x.ts`, with
// relative imports pointing at the emitted `.js` files, so bundlers tree-shake by module (the
// package is `sideEffects: false`) and Node resolves every import. Run from the package directory:
// `node ../../scripts/build-esm.mjs [--target es2015]`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const isTest = (name) => /\.(test|test-d|spec|fuzz\.test)\.tsx?$/.test(name);
function* sources(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* sources(p);
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts') && !isTest(name)) yield p;
  }
}

/** `./x` → `./x.js` or `./x/index.js`, as the emitted file will be named. */
function jsSpecifier(pkg, fromFile, spec) {
  const base = resolve(dirname(fromFile), spec);
  for (const [probe, out] of [
    [`${base}.ts`, `${spec}.js`],
    [`${base}.tsx`, `${spec}.js`],
    [join(base, 'index.ts'), `${spec}/index.js`],
  ]) {
    if (existsSync(probe)) return out;
  }
  throw new Error(`${relative(pkg, fromFile)}: cannot resolve ${spec}`);
}

/** The JavaScript half: one ES module per source module into `outdir`. Returns the module count. */
export async function buildModules(pkg, outdir, target = 'es2015') {
  const src = join(pkg, 'src');
  const entryPoints = [...sources(src)];
  await build({
    entryPoints,
    outdir,
    outbase: src,
    format: 'esm',
    platform: 'neutral',
    target,
    bundle: true,
    sourcemap: true,
    logLevel: 'warning',
    plugins: [
      {
        name: 'per-module',
        setup(b) {
          b.onResolve({ filter: /.*/ }, (args) => {
            if (args.kind === 'entry-point') return undefined;
            if (!args.path.startsWith('.')) return { path: args.path, external: true };
            return { path: jsSpecifier(pkg, args.importer, args.path), external: true };
          });
        },
      },
    ],
  });
  return entryPoints.length;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const pkg = process.cwd();
  const src = join(pkg, 'src');
  const dist = join(pkg, 'dist');
  const targetArg = process.argv.indexOf('--target');
  const target = targetArg > 0 ? process.argv[targetArg + 1] : 'es2015';
  rmSync(dist, { recursive: true, force: true });
  const count = await buildModules(pkg, dist, target);

  // Declarations: tsc, then the same `.js` specifiers as the code (Node16 resolution needs them).
  const config = join(pkg, 'tsconfig.build.json');
  writeFileSync(
    config,
    JSON.stringify({
      extends: './tsconfig.json',
      compilerOptions: { noEmit: false, emitDeclarationOnly: true, declaration: true, outDir: 'dist', rootDir: 'src' },
      include: ['src'],
      exclude: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'src/**/*.test-d.ts'],
    }),
  );
  const tscBin = createRequire(join(pkg, 'package.json')).resolve('typescript/bin/tsc');
  const tsc = spawnSync(process.execPath, [tscBin, '-p', config], { stdio: 'inherit', cwd: pkg });
  rmSync(config);
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
  function* declarations(dir) {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) yield* declarations(p);
      else if (name.endsWith('.d.ts')) yield p;
    }
  }
  for (const file of declarations(dist)) {
    const source = join(src, relative(dist, file)).replace(/\.d\.ts$/, '.ts');
    const text = readFileSync(file, 'utf8').replace(
      /((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]*)(['"])/g,
      (_, head, spec, tail) => `${head}${jsSpecifier(pkg, source, spec)}${tail}`,
    );
    writeFileSync(file, text);
  }
  console.log(`${JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).name}: ${count} modules → dist`);
}
