import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserHarness, startBrowser } from './harness';

let h: BrowserHarness;
beforeAll(async () => {
  h = await startBrowser();
});
afterAll(async () => {
  await h?.close();
});

describe('H5 demo: pages', () => {
  it('renders the room list and navigates to the viewer room', async () => {
    const page = await h.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(h.pageUrl('pages/rooms/index'));
    await page.locator('.demo-title', { hasText: 'Live rooms' }).waitFor();
    await page.locator('.demo-enter').click();
    await page.locator('.demo-room .demo-title').waitFor();
    expect(await page.locator('.demo-room .demo-title').textContent()).toContain('Room demo-room');
    expect(errors).toEqual([]);
  });

  it('opens the host console from the room list', async () => {
    const page = await h.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(h.pageUrl('pages/rooms/index'));
    await page.locator('.demo-host').click();
    await page.locator('.demo-host-console').waitFor();
    expect(await page.locator('.demo-host-console').textContent()).toContain('Host console demo-room');
    expect(errors).toEqual([]);
  });
});
