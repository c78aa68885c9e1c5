#!/usr/bin/env node
// The import graph of the packages' source has no cycle. Counts every import between modules of
// packages/*/src, type-only ones too (as madge does): a type cycle is still two modules that cannot
// be understood apart. Tests excluded.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// Cycles tolerated while being removed; the check fails when one is gone, so the list only shrinks.
// Empty: the import graph has no cycle.
const KNOWN = [];

const importRe =
  /(?:^|\n)\s*(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
const isTest = (name) => /\.(test|test-d|spec)\.tsx?$|\.fuzz\.test\.ts$/.test(name);

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts') && !isTest(name)) yield p;
  }
}

function resolveSpec(from, spec) {
  const base = resolve(dirname(from), spec);
  for (const p of [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx'), base]) {
    if (existsSync(p) && statSync(p).isFile()) return p;
  }
  return undefined;
}

export function importGraph(dirs) {
  const graph = new Map();
  for (const dir of dirs) {
    for (const file of files(dir)) {
      const text = readFileSync(file, 'utf8');
      const deps = new Set();
      for (const m of text.matchAll(importRe)) {
        const spec = m[2] ?? m[3];
        if (!spec?.startsWith('.')) continue;
        const target = resolveSpec(file, spec);
        if (target) deps.add(target);
      }
      graph.set(file, deps);
    }
  }
  return graph;
}

/** Every elementary cycle's first edge, as `a -> b` (relative paths), found by DFS. */
export function findCycles(graph) {
  const cycles = new Set();
  const state = new Map();
  const stack = [];
  const visit = (node) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') {
        const loop = stack.slice(stack.indexOf(next)).map((f) => relative(root, f));
        // Name a cycle by its lexically smallest edge so the same cycle is always named alike.
        const edges = loop.map((f, i) => `${f} -> ${loop[(i + 1) % loop.length]}`).sort();
        cycles.add(edges[0]);
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return [...cycles].sort();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dirs = readdirSync(join(root, 'packages')).map((p) => join(root, 'packages', p, 'src'));
  const graph = importGraph(dirs.filter((d) => existsSync(d)));
  const cycles = findCycles(graph);
  const fresh = cycles.filter((c) => !KNOWN.includes(c));
  const gone = KNOWN.filter((c) => !cycles.includes(c));
  if (fresh.length || gone.length) {
    if (fresh.length) console.error(`import cycles (break them):\n  ${fresh.join('\n  ')}`);
    if (gone.length)
      console.error(
        `known cycles now gone (delete them from KNOWN in scripts/check-cycles.mjs):\n  ${gone.join('\n  ')}`,
      );
    process.exit(1);
  }
  console.log(
    `import graph: ${graph.size} modules, no new cycle${KNOWN.length ? ` (${KNOWN.length} known, being removed)` : ''}`,
  );
}
