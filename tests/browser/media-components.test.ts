/**
 * LivePlayer and LivePusher (H5 seams) in Debian Chromium against the real local server's media:
 * the ffmpeg test pattern over HTTP-FLV and HLS, WHIP publishing from Chromium's fake camera, WHEP
 * playback. The components are bundled here with esbuild (Taro's `.h5` suffix rule emulated, code
 * split like the app build) so this runs without the Taro demo build; the demo pages are covered
 * by media.test.ts.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMediaModule, type LiveServer, type MediaModule, startLiveServer } from '@livesell/server';
import { build, type Plugin } from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StaticServer, serveStatic } from '../support/static-server';
import { CHROMIUM_ARGS, chromiumPath } from './harness';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const componentsDir = join(root, 'packages', 'components');

const ENTRY = `
import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import { LivePlayer } from './src/LivePlayer/LivePlayer';
import { LivePusher } from './src/LivePusher/LivePusher';
const params = new URLSearchParams(location.search);
const w = window;
w.__codes = [];
w.__statuses = [];
const onState = (s) => {
  w.__state = s;
  if (w.__statuses[w.__statuses.length - 1] !== s.status) w.__statuses.push(s.status);
};
const style = { width: '320px', height: '240px' };
const App = () =>
  params.get('mode') === 'push'
    ? h(LivePusher, { ref: (r) => (w.__pusher = r), pushUrl: params.get('url'), autopush: false, maxBitrate: 600,
        onPushEvent: (e) => w.__codes.push(e.code), onStateChange: onState, style })
    : h(LivePlayer, { ref: (r) => (w.__player = r), playUrl: params.get('url'), autoplay: true,
        restartPolicy: { maxRestarts: 2, baseDelayMs: 500, maxDelayMs: 1000 },
        watchdog: { stallMs: 4000, firstFrameMs: 8000 },
        onPlayEvent: (e) => w.__codes.push(e.code), onStateChange: onState, style });
createRoot(document.getElementById('root')).render(h(App));
`;

/** Taro's suffix rule (`x.h5.tsx` beside `x.tsx`) and a stand-in for Taro's H5 components. */
const taroH5: Plugin = {
  name: 'taro-h5',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      for (const ext of ['.h5.tsx', '.h5.ts']) {
        const candidate = join(args.resolveDir, `${args.path}${ext}`);
        if (existsSync(candidate)) return { path: candidate };
      }
      return undefined;
    });
    b.onResolve({ filter: /^@tarojs\/components$/ }, () => ({ path: 'taro-components', namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents: "import { createElement } from 'react'; export const CoverView = (p) => createElement('div', p);",
      resolveDir: componentsDir,
      loader: 'js',
    }));
  },
};

let live: LiveServer;
let media: MediaModule;
let site: StaticServer;
let browser: Browser;
/** Output chunk file names holding hls.js / mpegts.js, and the entry's own imports. */
const chunks = { hls: '', mpegts: '', entryImports: [] as string[] };

beforeAll(async () => {
  live = await startLiveServer({
    port: 0,
    modules: [
      {
        name: 'media',
        factory: createMediaModule({ enabled: true, publishGraceMs: 500, testPattern: { size: '480x270' } }),
      },
    ],
  });
  media = live.modules.find((m) => m.name === 'media') as MediaModule;
  const outdir = mkdtempSync(join(tmpdir(), 'livesell-media-fixture-'));
  const result = await build({
    stdin: { contents: ENTRY, resolveDir: componentsDir, loader: 'jsx' },
    bundle: true,
    splitting: true,
    format: 'esm',
    outdir,
    entryNames: 'entry',
    metafile: true,
    minify: true,
    jsx: 'automatic',
    define: { 'process.env.TARO_ENV': '"h5"', 'process.env.NODE_ENV': '"production"' },
    plugins: [taroH5],
    logLevel: 'silent',
  });
  for (const [file, out] of Object.entries(result.metafile.outputs)) {
    const inputs = Object.keys(out.inputs).join(' ');
    const name = `/${file.split('/').pop()}`;
    if (/node_modules\/hls\.js\//.test(inputs)) chunks.hls = name;
    if (/node_modules\/mpegts\.js\//.test(inputs)) chunks.mpegts = name;
    if (out.entryPoint)
      chunks.entryImports = out.imports.filter((i) => i.kind === 'import-statement').map((i) => i.path);
  }
  writeFileSync(
    join(outdir, 'index.html'),
    '<!doctype html><div id="root"></div><script type="module" src="/entry.js"></script>',
  );
  site = await serveStatic(outdir);
  browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await live?.close();
});

async function open(query: Record<string, string>) {
  const page = await browser.newPage();
  const requested: string[] = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  page.on('console', (m) => process.env.MEDIA_DEBUG && console.log('[page]', m.type(), m.text()));
  page.on('pageerror', (e) => process.env.MEDIA_DEBUG && console.log('[pageerror]', String(e)));
  await page.goto(`${site.url}/?${new URLSearchParams(query)}`);
  return { page, requested };
}

const state = (page: Page) => page.evaluate(() => (window as unknown as { __state?: { status: string } }).__state);
const codes = (page: Page) => page.evaluate(() => (window as unknown as { __codes: number[] }).__codes);
const statuses = (page: Page) => page.evaluate(() => (window as unknown as { __statuses: string[] }).__statuses);
const waitStatus = (page: Page, status: string, timeout = 30_000) =>
  page.waitForFunction((s) => (window as unknown as { __state?: { status: string } }).__state?.status === s, status, {
    timeout,
  });
const currentTime = (page: Page) => page.evaluate(() => document.querySelector('video')?.currentTime ?? -1);

describe('LivePlayer (H5) on the local stream', () => {
  it('bundles hls.js and mpegts.js as lazy chunks, outside the first load', () => {
    expect(chunks.hls).not.toBe('');
    expect(chunks.mpegts).not.toBe('');
    expect(chunks.hls).not.toBe(chunks.mpegts);
    const firstLoad = chunks.entryImports.map((p) => `/${p.split('/').pop()}`);
    expect(firstLoad).not.toContain(chunks.hls);
    expect(firstLoad).not.toContain(chunks.mpegts);
  });

  it('plays HTTP-FLV through mpegts.js: 2004, playing, time advances, hls.js never loaded', async () => {
    const { page, requested } = await open({ url: media.playUrls('demo').flv });
    await waitStatus(page, 'playing');
    const t0 = await currentTime(page);
    await page.waitForTimeout(2000);
    expect((await currentTime(page)) - t0).toBeGreaterThan(1);
    expect(await codes(page)).toEqual(expect.arrayContaining([2001, 2002, 2003, 2004]));
    expect(requested).toContain(chunks.mpegts);
    expect(requested).not.toContain(chunks.hls);
    await page.close();
  });

  it('plays HLS through hls.js: 2004, playing, time advances, mpegts.js never loaded', async () => {
    const { page, requested } = await open({ url: media.playUrls('demo').hls });
    await waitStatus(page, 'playing', 40_000);
    const t0 = await currentTime(page);
    await page.waitForTimeout(2500);
    expect((await currentTime(page)) - t0).toBeGreaterThan(1);
    expect(await codes(page)).toEqual(expect.arrayContaining([2001, 2002, 2003, 2004]));
    expect(requested).toContain(chunks.hls);
    expect(requested).not.toContain(chunks.mpegts);
    await page.close();
  });

  it('a killed source drives the player through reconnecting and the restart policy to a typed error', async () => {
    await media.testPattern!.start();
    const { page } = await open({ url: media.playUrls('demo').flv });
    await waitStatus(page, 'playing');
    await media.testPattern!.stop();
    await waitStatus(page, 'error', 60_000);
    const seen = await statuses(page);
    expect(seen.slice(seen.indexOf('playing'))).toEqual(expect.arrayContaining(['reconnecting', 'error']));
    expect(await state(page)).toMatchObject({ error: { code: -2301, reason: 'restarts-exhausted' }, restarts: 2 });
    // 3004 when the server closed the stream, 2103 while reconnecting, −2301 when giving up.
    expect(await codes(page)).toEqual(expect.arrayContaining([3004, 2103, -2301]));
    await page.close();
    await media.testPattern!.start();
  });
});

describe('LivePusher (H5): fake camera over WHIP', () => {
  it('previews, pushes (1002), and is watched over WHEP and FLV', async () => {
    const stream = `whip${Date.now().toString(36)}`;
    const { page: host } = await open({ mode: 'push', url: media.pushUrls(stream).whip });
    // 1003: the camera opened (Chromium's fake device) and the preview shows it.
    await host.waitForFunction(() => (window as unknown as { __codes: number[] }).__codes.includes(1003));
    expect(await state(host)).toMatchObject({ status: 'idle', preview: true });
    await host.evaluate(() => (window as unknown as { __pusher: { start(): Promise<void> } }).__pusher.start());
    await waitStatus(host, 'pushing');
    expect(await codes(host)).toEqual(expect.arrayContaining([1003, 1001, 1002]));
    expect(media.isLive(stream)).toBe(true);

    const { page: whep } = await open({ url: media.playUrls(stream).whep });
    await waitStatus(whep, 'playing');
    const t0 = await currentTime(whep);
    await whep.waitForTimeout(1500);
    expect((await currentTime(whep)) - t0).toBeGreaterThan(0.5);

    const { page: flv } = await open({ url: media.playUrls(stream).flv });
    await waitStatus(flv, 'playing', 40_000);

    await host.evaluate(() => (window as unknown as { __pusher: { stop(): Promise<void> } }).__pusher.stop());
    await waitStatus(host, 'stopped');
    for (const p of [host, whep, flv]) await p.close();
  });
});
