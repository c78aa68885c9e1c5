import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';

// The size target (PERFORMANCE.md) counts what a live-room page imports; the optional areas must fall away.
const root = new URL('..', import.meta.url).pathname;
const index = `${root}src/index.ts`;
const LIVE_ROOM = 'export { TIMLiveSell, EVENT, createRoomStore, LiveSellError }';

const OPTIONAL: Record<string, { importName: string; modules: RegExp }> = {
  'local client': { importName: 'createLocalTIM', modules: /^src\/tim\/(local-|socket|protocol)/ },
  media: { importName: 'createPlayerController', modules: /^src\/media\// },
  'wx-live': { importName: 'createLiveStatusPoller', modules: /^src\/wx-live\// },
  'merchant client': { importName: 'createMerchantClient', modules: /^src\/room\/merchant-client/ },
  'live status': { importName: 'createLiveStatusMachine', modules: /^src\/room\/live-status/ },
};
const isOptional = (module: string) => Object.values(OPTIONAL).some((o) => o.modules.test(module));

const options = {
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'neutral',
  target: 'es2020',
  absWorkingDir: root,
  logLevel: 'silent',
} as const;

/** Core modules (`src/…`) that put bytes into a minified bundle of `contents`. */
async function modulesIn(contents: string): Promise<string[]> {
  const result = await build({
    ...options,
    stdin: { contents: `${contents} from ${JSON.stringify(index)};`, resolveDir: root, loader: 'ts' },
    minify: true,
    metafile: true,
  });
  const [output] = Object.values(result.metafile.outputs);
  return Object.entries(output?.inputs ?? {})
    .filter(([path, v]) => v.bytesInOutput > 0 && path.startsWith('src/'))
    .map(([path]) => path);
}

/**
 * The package built to one file, as for `dist`: there `sideEffects: false` cannot help, only
 * statement-level tree-shaking can drop code. Returns which module declared each top-level name
 * (esbuild heads each module's code with a `// src/…` comment and keeps names unminified).
 */
async function oneFileBuild(): Promise<{ text: string; moduleOf: Map<string, string> }> {
  const result = await build({ ...options, entryPoints: [index], external: ['zustand', 'zustand/*'] });
  const text = result.outputFiles[0]?.text ?? '';
  const moduleOf = new Map<string, string>();
  let module = '';
  for (const line of text.split('\n')) {
    module = /^\/\/ (src\/\S+)$/.exec(line)?.[1] ?? module;
    const name = topLevelName(line);
    if (name) moduleOf.set(name, module);
  }
  return { text, moduleOf };
}

function topLevelName(line: string): string | undefined {
  return /^(?:export )?(?:var|let|const|class|(?:async )?function\*?) ([\w$]+)/.exec(line)?.[1];
}

/** Modules whose top-level code a consumer keeps when it imports `contents` from the one-file build. */
async function modulesKeptFromOneFile(contents: string): Promise<string[]> {
  const { text, moduleOf } = await oneFileBuild();
  const dist: Plugin = {
    name: 'one-file-dist',
    setup(b) {
      b.onResolve({ filter: /^dist$/ }, () => ({ path: 'dist', namespace: 'dist', sideEffects: true }));
      b.onLoad({ filter: /.*/, namespace: 'dist' }, () => ({ contents: text, loader: 'js' }));
      b.onResolve({ filter: /^zustand/ }, (args) => ({ path: args.path, external: true }));
    },
  };
  const result = await build({ ...options, stdin: { contents, loader: 'js' }, plugins: [dist] });
  const kept = new Set<string>();
  for (const line of (result.outputFiles[0]?.text ?? '').split('\n')) {
    const module = moduleOf.get(topLevelName(line) ?? '');
    if (module) kept.add(module);
  }
  return [...kept].sort();
}

describe('@livesell/core tree-shaking', () => {
  it('the live-room import leaves every optional area out', async () => {
    const modules = await modulesIn(LIVE_ROOM);
    expect(modules).toEqual(
      expect.arrayContaining(['src/live-sell/live-sell.ts', 'src/room/room-store.ts', 'src/errors.ts']),
    );
    expect(modules.filter(isOptional)).toEqual([]);
  });

  it.each(Object.entries(OPTIONAL))(
    '%s is bundled when imported (the patterns above match real modules)',
    async (_, o) => {
      const modules = await modulesIn(`export { ${o.importName} }`);
      expect(modules.some((m) => o.modules.test(m))).toBe(true);
    },
  );

  it('TIMLiveSell alone brings no room module', async () => {
    const modules = await modulesIn('export { TIMLiveSell }');
    expect(modules).toContain('src/live-sell/live-sell.ts');
    expect(modules.filter((m) => m.startsWith('src/room/'))).toEqual([]);
  });

  it('from a one-file build, unused live-sell and room code is dropped and the live-room import adds no optional area', async () => {
    const unused = await modulesKeptFromOneFile("import 'dist';");
    expect(unused.filter((m) => /^src\/(live-sell|room)\//.test(m) && !isOptional(m))).toEqual([]);
    expect(unused).not.toContain('src/errors.ts');

    const liveRoom = await modulesKeptFromOneFile(`${LIVE_ROOM} from 'dist';`);
    expect(liveRoom).toEqual(expect.arrayContaining(['src/live-sell/live-sell.ts', 'src/room/room-store.ts']));
    // Optional modules may only be there through their own top-level side effects, kept whatever is imported.
    expect(liveRoom.filter((m) => isOptional(m) && !unused.includes(m))).toEqual([]);
  });
});
