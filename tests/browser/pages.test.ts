import type { LiveServer } from '@livesell/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer } from '../support/server';
import { type BrowserHarness, startBrowser } from './harness';

let live: LiveServer;
let h: BrowserHarness;
beforeAll(async () => {
  live = await startDemoServer();
  h = await startBrowser({ server: { httpUrl: live.httpUrl, wsUrl: live.wsUrl, sdkAppID: live.sdkAppID } });
});
afterAll(async () => {
  await h?.close();
  await live?.close();
});

describe('H5 demo: pages', () => {
  it('renders the room list and navigates to the viewer room', async () => {
    const page = await h.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(h.pageUrl('pages/rooms/index'));
    await page.locator('.demo-title', { hasText: 'Live rooms' }).waitFor();
    await page.locator('.demo-enter').click();
    await page.locator('.demo-room .ls-header__name').waitFor();
    expect(await page.locator('.demo-room .ls-header__name').textContent()).toBe('Lina · LiveSell');
    expect(errors).toEqual([]);
  });

  it('opens the host console from the room list', async () => {
    const page = await h.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(h.pageUrl('pages/rooms/index'));
    await page.locator('.demo-host').click();
    await page.locator('.demo-host__goods').first().waitFor();
    expect(await page.locator('.demo-host__goods').count()).toBeGreaterThan(2);
    expect(errors).toEqual([]);
  });
});
