/**
 * The H5 demo's video on the local server: the viewer room plays the test pattern over HTTP-FLV
 * until playing (2004) with time advancing; killing the source drives the player through
 * reconnecting and the restart policy; the host console's camera (Chromium's fake device) goes live
 * over WHIP; `?play=hls` plays HLS instead. Lazy chunks and the codes are checked in media-components.test.ts.
 */
import type { LiveServer, MediaModule } from '@livesell/server';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoConfig, startDemoServer } from '../support/server';
import { type BrowserHarness, startBrowser } from './harness';

let live: LiveServer;
let media: MediaModule;
let h: BrowserHarness;
beforeAll(async () => {
  live = await startDemoServer();
  media = live.modules.find((m) => m.name === 'media') as MediaModule;
  h = await startBrowser({ server: demoConfig(live) });
});
afterAll(async () => {
  await h?.close();
  await live?.close();
});

const player = '.demo-room .ls-player';
const videoTime = (page: Page) =>
  page.evaluate((sel) => document.querySelector<HTMLVideoElement>(`${sel} video`)?.currentTime ?? -1, player);

async function openRoom(query: Record<string, string> = {}) {
  const page = await h.newPage();
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(
    h.pageUrl('live/room/index', { roomID: 'demo-room', userID: `v${Date.now()}`, nick: 'Viewer', ...query }),
  );
  return { page, requests };
}

describe('H5 demo: live video', () => {
  it('the viewer room plays the test pattern over HTTP-FLV', async () => {
    const { page, requests } = await openRoom();
    await page.locator(`${player}[data-state="playing"]`).waitFor({ timeout: 30_000 });
    const t0 = await videoTime(page);
    await page.waitForTimeout(2000);
    expect((await videoTime(page)) - t0).toBeGreaterThan(1);
    expect(requests.some((u) => u.endsWith('/live/demo.flv'))).toBe(true);
    expect(requests.some((u) => u.includes('.m3u8'))).toBe(false);
    await page.close();
  });

  it('plays HLS when asked (?play=hls), fetching no FLV', async () => {
    const { page, requests } = await openRoom({ play: 'hls' });
    await page.locator(`${player}[data-state="playing"]`).waitFor({ timeout: 40_000 });
    const t0 = await videoTime(page);
    await page.waitForTimeout(2000);
    expect((await videoTime(page)) - t0).toBeGreaterThan(1);
    expect(requests.some((u) => u.includes('/live/demo.m3u8'))).toBe(true);
    expect(requests.some((u) => u.endsWith('.flv'))).toBe(false);
    await page.close();
  });

  it('a killed source drives reconnecting and then the restart policy to an error', async () => {
    await media.testPattern!.start();
    const { page } = await openRoom();
    await page.locator(`${player}[data-state="playing"]`).waitFor({ timeout: 30_000 });
    try {
      await media.testPattern!.stop();
      // In order: the player notices (3004/2103), reconnects, restarts with back-off, gives up.
      await page.locator(`${player}[data-state="reconnecting"]`).waitFor({ timeout: 20_000 });
      await page.locator(`${player}[data-state="error"]`).waitFor({ timeout: 60_000 });
    } finally {
      await media.testPattern!.start();
    }
    await page.close();
  });

  it('the host console previews the camera and goes live over WHIP (1002)', async () => {
    const page = await h.newPage();
    await page.goto(h.pageUrl('live/host/index', { roomID: 'demo-room' }));
    const pusher = page.locator('.demo-host-console .ls-pusher');
    await pusher.waitFor();
    await page.waitForFunction(() => {
      const v = document.querySelector<HTMLVideoElement>('.ls-pusher video');
      return Boolean(v && v.videoWidth > 0);
    });
    await page.locator('.demo-host__golive').click();
    await page.locator('.demo-host-console .ls-pusher[data-state="pushing"]').waitFor({ timeout: 30_000 });
    expect(media.isLive('demo-room')).toBe(true);
    await page.locator('.demo-host__end').click();
    await page.locator('.demo-host-console .ls-pusher[data-state="stopped"]').waitFor();
    await page.close();
  });
});
