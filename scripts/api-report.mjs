#!/usr/bin/env node
// The public API report: for every package entry (`exports` in package.json), each exported name
// with its kind and signature, written to api/<package>/<entry>.api.md, plus the export counts in
// api/README.md. `pnpm api:check` (part of `npm test`) fails when the code and the committed report
// differ, so a change to the public surface shows up as a diff in review; `pnpm api:update`
// rewrites the report after an intended change. It also refuses `export *` in any entry.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const ts = createRequire(join(root, 'package.json'))('typescript');
const update = process.argv.includes('--update');
const PACKAGES = ['core', 'components', 'server'];
const apiDir = join(root, 'api');

const flat = (text) => text.replace(/\s+/g, ' ').trim();
// The checker names types from other files by absolute path (`import("/…/node_modules/.pnpm/x/
// node_modules/@types/react/index")`): the report names them by package or by repository path, so it
// reads the same on every machine.
const portable = (text) =>
  text.replace(/import\("([^"]+)"\)/g, (_, path) => {
    const inModules = path.lastIndexOf('/node_modules/');
    const name = inModules >= 0 ? path.slice(inModules + '/node_modules/'.length) : relative(root, path);
    return `import("${name.replace(/\/index$/, '')}")`;
  });

function entriesOf(pkgDir) {
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const entries = Object.entries(pkg.exports ?? {})
    .filter(([, target]) => typeof target === 'object')
    .map(([sub, target]) => ({ sub, file: join(pkgDir, target.types ?? target.default) }));
  return { name: pkg.name, entries };
}

function describe(checker, exported) {
  const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
  const decl = symbol.declarations?.[0];
  const fmt = ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseFullyQualifiedType;
  const name = exported.name;
  if (!decl) return { name, value: false, text: `unknown ${name}` };
  const where = flat(relative(root, decl.getSourceFile().fileName));
  if (symbol.flags & ts.SymbolFlags.Class) {
    const instance = checker.getDeclaredTypeOfSymbol(symbol);
    const statics = checker.getTypeOfSymbolAtLocation(symbol, decl);
    const members = [];
    for (const ctor of statics.getConstructSignatures().slice(0, 1))
      members.push(
        `constructor(${ctor.parameters.map((p) => `${p.name}: ${checker.typeToString(checker.getTypeOfSymbolAtLocation(p, decl), decl, fmt)}`).join(', ')})`,
      );
    for (const p of checker.getPropertiesOfType(statics)) {
      if (p.name === 'prototype') continue;
      members.push(`static ${p.name}: ${checker.typeToString(checker.getTypeOfSymbolAtLocation(p, decl), decl, fmt)}`);
    }
    for (const p of checker.getPropertiesOfType(instance)) {
      if (p.name.startsWith('#')) continue;
      const d = p.declarations?.[0];
      const mods = d ? ts.getCombinedModifierFlags(d) : 0;
      if (mods & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue;
      members.push(`${p.name}: ${checker.typeToString(checker.getTypeOfSymbolAtLocation(p, decl), decl, fmt)}`);
    }
    return { name, value: true, where, text: `class ${name} {\n${members.map((m) => `  ${m};`).join('\n')}\n}` };
  }
  if (symbol.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Variable | ts.SymbolFlags.Enum)) {
    const kind = symbol.flags & ts.SymbolFlags.Function ? 'function' : 'const';
    const type = checker.typeToString(checker.getTypeOfSymbolAtLocation(symbol, decl), decl, fmt);
    return { name, value: true, where, text: `${kind} ${name}: ${type}` };
  }
  // Types and interfaces: their declarations as written, without comments, one line each.
  const printer = ts.createPrinter({ removeComments: true });
  const texts = (symbol.declarations ?? []).map((d) =>
    flat(printer.printNode(ts.EmitHint.Unspecified, d, d.getSourceFile())),
  );
  return { name: name, value: false, where, text: texts.join('\n').replace(/^export (declare )?/gm, '') };
}

function report(pkgName, entry, checker, program) {
  const sf = program.getSourceFile(entry.file);
  const text = readFileSync(entry.file, 'utf8');
  const stars = /^\s*export\s+(type\s+)?\*/m.test(text);
  const moduleSymbol = checker.getSymbolAtLocation(sf);
  const items = (moduleSymbol ? checker.getExportsOfModule(moduleSymbol) : [])
    .map((e) => describe(checker, e))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const values = items.filter((i) => i.value).length;
  const spec = entry.sub === '.' ? pkgName : `${pkgName}/${entry.sub.slice(2)}`;
  const body = [
    `# ${spec}`,
    '',
    `${items.length} exports: ${values} runtime values, ${items.length - values} types.`,
    `Generated by \`pnpm api:update\` (scripts/api-report.mjs); checked by \`pnpm api:check\`. Do not edit.`,
    '',
    '```ts',
    ...items.map((i) => `// ${i.name} (${i.where})\n${i.text}\n`),
    '```',
    '',
  ].join('\n');
  return { spec, body, count: items.length, values, stars };
}

const outputs = new Map();
const counts = [];
const problems = [];
for (const dir of PACKAGES) {
  const pkgDir = join(root, 'packages', dir);
  const { name, entries } = entriesOf(pkgDir);
  const config = ts.getParsedCommandLineOfConfigFile(
    join(pkgDir, 'tsconfig.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  );
  const program = ts.createProgram(
    entries.map((e) => e.file),
    { ...config.options, noEmit: true },
  );
  const checker = program.getTypeChecker();
  for (const entry of entries) {
    const r = report(name, entry, checker, program);
    if (r.stars) problems.push(`${relative(root, entry.file)}: \`export *\` — export by name`);
    const file = join(apiDir, dir, `${entry.sub === '.' ? 'index' : entry.sub.slice(2)}.api.md`);
    outputs.set(file, portable(r.body));
    counts.push(`| \`${r.spec}\` | ${r.count} | ${r.values} | ${r.count - r.values} |`);
  }
}
outputs.set(
  join(apiDir, 'README.md'),
  [
    '# Public API report',
    '',
    'One file per package entry, generated from the code by `pnpm api:update` and checked by',
    '`pnpm api:check` (part of `npm test`): a change to a public name or signature is a diff here.',
    '',
    '| entry | exports | runtime values | types |',
    '|---|---|---|---|',
    ...counts,
    '',
  ].join('\n'),
);

if (update) {
  rmSync(apiDir, { recursive: true, force: true });
  for (const [file, body] of outputs) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, body);
  }
  console.log(`api report: wrote ${outputs.size} files to api/`);
} else {
  const existing = new Set();
  const walk = (d) => {
    if (!existsSync(d)) return;
    for (const n of readdirSync(d, { withFileTypes: true }))
      n.isDirectory() ? walk(join(d, n.name)) : existing.add(join(d, n.name));
  };
  walk(apiDir);
  for (const [file, body] of outputs) {
    if (!existing.has(file)) problems.push(`${relative(root, file)}: missing`);
    else if (readFileSync(file, 'utf8') !== body) problems.push(`${relative(root, file)}: differs from the code`);
    existing.delete(file);
  }
  for (const file of existing) problems.push(`${relative(root, file)}: no such entry any more`);
}
if (problems.length) {
  console.error(
    `public API report:\n  ${problems.join('\n  ')}\nIf the change is intended, run \`pnpm api:update\` and commit api/.`,
  );
  process.exit(1);
}
if (!update) console.log(`api report: ${outputs.size - 1} entries match the code`);
