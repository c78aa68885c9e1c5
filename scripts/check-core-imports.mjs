#!/usr/bin/env node
// @livesell/core must stay framework-free: no React, Taro or TIM SDK import at runtime.
// Type-only imports are erased by the compiler and are allowed.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const forbidden = /^(react|react-dom|@tarojs\/|tim-js-sdk|tim-wx-sdk|@tencentcloud\/)/;
const importRe =
  /(?:^|\n)\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.tsx?$/.test(name) && !/\.(test|test-d|spec)\.tsx?$/.test(name)) yield p;
  }
}

export function findForbiddenImports(srcDir) {
  const hits = [];
  for (const file of files(srcDir)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(importRe)) {
      const typeOnly = Boolean(m[2]);
      const spec = m[3] ?? m[4] ?? m[5];
      if (!typeOnly && spec && forbidden.test(spec)) hits.push(`${relative(root, file)}: ${spec}`);
    }
  }
  return hits;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const hits = findForbiddenImports(join(root, 'packages/core/src'));
  if (hits.length) {
    console.error(`@livesell/core must not import React, Taro or the TIM SDK at runtime:\n  ${hits.join('\n  ')}`);
    process.exit(1);
  }
}
