/**
 * The room lifecycle on the weapp build, through the runtime harness: the native `<live-player>`'s
 * `src` follows the room (the demo scene before the show, the host's stream once live — no reload —,
 * nothing while paused or after the end) and buy / claim are disabled with "Show ended" at the end.
 * The host is a Node client of the same server publishing a real RTMP stream with ffmpeg; WeChat's
 * LivePlayerContext is a recorder (WeChat is not here).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createLocalTIM, TIMLiveSell } from '@livesell/core';
import type { LiveServer } from '@livesell/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { demoConfig, startDemoServer } from '../support/server';
import { loadWeapp, type WeappPage, type WeappRuntime } from './harness';

let live: LiveServer;
let runtime: WeappRuntime | undefined;
let host: TIMLiveSell | undefined;
let publisher: ChildProcess | undefined;

beforeAll(async () => {
  live = await startDemoServer();
});
afterEach(async () => {
  runtime?.close();
  publisher?.kill('SIGKILL');
  await host?.destroy();
  runtime = undefined;
  host = undefined;
  publisher = undefined;
});
afterAll(async () => {
  await live?.close();
});

const ffmpegPath = () => (createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg') as { path: string }).path;

/** Publishes a small landscape test stream to the room over RTMP, as the host's camera would. */
async function publish(roomID: string): Promise<void> {
  const res = await fetch(`${live.httpUrl}/media/push-url`, {
    method: 'POST',
    headers: { authorization: `Bearer host:${live.userSig('host')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ stream: roomID }),
  });
  const { rtmp } = (await res.json()) as { rtmp: string };
  publisher = spawn(
    ffmpegPath(),
    ['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=10'].concat([
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-g',
      '10',
      '-t',
      '120',
      '-f',
      'flv',
      rtmp,
    ]),
    { stdio: 'ignore' },
  );
}

describe('weapp demo: the room lifecycle', () => {
  it('<live-player> src and commerce follow idle → live → paused → live → ended', async () => {
    host = new TIMLiveSell({
      SDKAppID: live.sdkAppID,
      roomID: 'demo-room',
      userSig: live.userSig('host'),
      userName: 'host',
      nick: 'Lina · LiveSell',
      TIM: createLocalTIM({ url: live.wsUrl, WebSocket }),
    });
    await host.joinRoom();
    // WeChat's LivePlayerContext is not here: a recorder that succeeds.
    const context = new Proxy(
      {},
      { get: () => (options?: { success?: () => void }) => queueMicrotask(() => options?.success?.()) },
    );
    runtime = loadWeapp({
      storage: { 'livesell:server': JSON.stringify(demoConfig(live)) },
      wx: { createLivePlayerContext: () => context },
    });
    const page: WeappPage = runtime.openPage('live/room/index', {
      roomID: 'demo-room',
      userID: 'wx_eve',
      nick: 'Eve',
    });
    const src = () => String(page.find('live-player')?.attrs.src ?? '');
    // Before the show: the demo scene (stream `demo`).
    await page.waitFor(() => /\/demo\.flv/.test(src()), 20_000);

    // A coupon before the show ends, to see the claim button close with it.
    const shop = (path: string, body: object) =>
      fetch(`${live.httpUrl}/v4/merchant/rooms/demo-room${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer host:${live.userSig('host')}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });

    // Live: the host publishes; the page moves from the scene to the host's stream by itself.
    await publish('demo-room');
    await host.setRoomStatus('live');
    await page.waitFor(() => page.find('.ls-live-status-badge--live'), 10_000);
    await page.waitFor(() => (src().includes('/demo-room') ? true : undefined), 30_000);
    const hostSrc = src();
    expect(hostSrc).toMatch(/demo-room.*\.flv|\.flv.*demo-room/);
    expect((await shop('/coupons', { amount: 300, stock: 5, durationSeconds: 600 })).status).toBe(201);
    await page.waitFor(() => page.find('.ls-coupon__claim--available'), 10_000);

    // Paused: the player lets go of its source and shows the paused slate.
    await host.setRoomStatus('paused');
    await page.waitFor(() => (src() === '' ? true : undefined), 10_000);
    expect(page.find('.ls-player__slate--paused')).toBeDefined();
    expect(page.find('.ls-coupon__claim--available')).toBeDefined();
    expect(page.find('.ls-live-status-badge--paused')).toBeDefined();

    // Live again: the same stream, no reload.
    await host.setRoomStatus('live');
    await page.waitFor(() => (src() === hostSrc ? true : undefined), 10_000);
    expect(page.find('.ls-player__slate')).toBeUndefined();

    // Ended: no source, the ended slate, buy and claim disabled with a clear label.
    await host.setRoomStatus('ended');
    await page.waitFor(() => (src() === '' ? true : undefined), 10_000);
    expect(page.find('.ls-player__slate--ended')).toBeDefined();
    const claim = await page.waitFor(() => page.find('.ls-coupon__claim--ended'), 10_000);
    expect(page.text(claim)).toBe('Show ended');
    page.tap(page.get('.ls-shelf-button'));
    await page.waitFor(() => page.find('.ls-shelf--open'));
    const buttons = await page.waitFor(() => {
      const list = page.findAll('.ls-buy');
      return list.length > 0 ? list : undefined;
    });
    for (const b of buttons) {
      expect(b.className).toContain('ls-buy--ended');
      expect(page.text(b)).toBe('Show ended');
    }
    expect(runtime.errors).toEqual([]);
  });
});
