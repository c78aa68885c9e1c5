import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

// The size target (`pnpm size`, docs/guides/performance.md) counts what a live-room page imports; the
// optional areas must fall away. The package is built per module (scripts/build-esm.mjs), so what holds
// for the sources here holds for dist.
const root = new URL('..', import.meta.url).pathname;
const index = `${root}src/index.ts`;
const LIVE_ROOM = 'export { TIMLiveSell, EVENT, createRoomStore, LiveSellError }';

const OPTIONAL: Record<string, { importName: string; modules: RegExp; entry?: string }> = {
  'local client': { importName: 'createLocalTIM', modules: /^src\/tim\/(local-|socket|protocol)/ },
  media: { importName: 'createPlayerController', modules: /^src\/media\//, entry: 'media/index.ts' },
  'wx-live': { importName: 'createLiveStatusPoller', modules: /^src\/wx-live\//, entry: 'wx-live/index.ts' },
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
async function modulesIn(contents: string, entry = index): Promise<string[]> {
  const result = await build({
    ...options,
    stdin: { contents: `${contents} from ${JSON.stringify(entry)};`, resolveDir: root, loader: 'ts' },
    minify: true,
    metafile: true,
  });
  const [output] = Object.values(result.metafile.outputs);
  return Object.entries(output?.inputs ?? {})
    .filter(([path, v]) => v.bytesInOutput > 0 && path.startsWith('src/'))
    .map(([path]) => path);
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
      const modules = await modulesIn(`export { ${o.importName} }`, o.entry ? `${root}src/${o.entry}` : index);
      expect(modules.some((m) => o.modules.test(m))).toBe(true);
    },
  );

  it('TIMLiveSell alone brings no room module', async () => {
    const modules = await modulesIn('export { TIMLiveSell }');
    expect(modules).toContain('src/live-sell/live-sell.ts');
    expect(modules.filter((m) => m.startsWith('src/room/'))).toEqual([]);
  });
});
