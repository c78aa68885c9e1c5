import { describe, expect, it } from 'vitest';
import { useDemoFixture } from './demo-fixture';

const demo = useDemoFixture();

describe('H5 demo: keyboard', () => {
  it('the goods sheet takes focus, keeps Tab inside, closes on Escape and gives focus back', async () => {
    const page = await demo.browser.newPage();
    await page.goto(demo.browser.pageUrl('live/room/index', { roomID: 'demo-room', userID: 'kim', nick: 'Kim' }));
    await page.locator('.demo-room[data-state="ready"]').waitFor();
    const shelfButton = page.getByRole('button', { name: /^Products/ });
    await shelfButton.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /^Products/ });
    await dialog.waitFor();
    const focusInside = () => page.evaluate(() => Boolean(document.activeElement?.closest('[role="dialog"]')));
    expect(await focusInside()).toBe(true);
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      expect(await focusInside()).toBe(true);
    }
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await shelfButton.evaluate((el) => el === document.activeElement)).toBe(true);
  });
});
