import { describe, expect, it } from 'vitest';
import { useDemoFixture } from './demo-fixture';

const demo = useDemoFixture();

describe('H5 demo: pages', () => {
  it('renders the room list and navigates to the viewer room', async () => {
    const page = await demo.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(demo.browser.pageUrl('pages/rooms/index'));
    await page.locator('.demo-title', { hasText: 'Live rooms' }).waitFor();
    await page.locator('.demo-enter').click();
    await page.locator('.demo-room .ls-header__name').waitFor();
    expect(await page.locator('.demo-room .ls-header__name').textContent()).toBe('Lina · LiveSell');
    expect(errors).toEqual([]);
  });

  it('opens the host console from the room list', async () => {
    const page = await demo.browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(demo.browser.pageUrl('pages/rooms/index'));
    await page.locator('.demo-host').click();
    await page.locator('.demo-host__goods').first().waitFor();
    expect(await page.locator('.demo-host__goods').count()).toBeGreaterThan(2);
    expect(errors).toEqual([]);
  });
});
