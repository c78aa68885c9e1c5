import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useDemoFixture } from './demo-fixture';

const demo = useDemoFixture();

/** Every value a text node takes, recorded in the page, to tell one jump from many small steps. */
async function recordText(page: Page, selector: string): Promise<() => Promise<string[]>> {
  await page.evaluate((sel) => {
    const seen: string[] = [];
    (window as unknown as { __seen: string[] }).__seen = seen;
    const read = () => {
      const text = document.querySelector(sel)?.textContent ?? '';
      if (seen[seen.length - 1] !== text) seen.push(text);
    };
    read();
    new MutationObserver(read).observe(document.body, { subtree: true, childList: true, characterData: true });
  }, selector);
  return () => page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);
}

describe('H5 demo: a live show between a host and a viewer', () => {
  it('goes live, announces, explains, issues a coupon; the viewer chats, likes, gifts, claims and buys', async () => {
    const host = await demo.browser.newPage({ width: 390, height: 844 });
    const viewer = await demo.browser.newPage({ width: 390, height: 844 });
    await host.goto(demo.browser.pageUrl('live/host/index', { roomID: 'demo-room' }));
    await host.locator('.demo-host-console[data-state="ready"]').waitFor();
    await viewer.goto(demo.browser.pageUrl('live/room/index', { roomID: 'demo-room', userID: 'bob', nick: 'Bob' }));
    await viewer.locator('.demo-room[data-state="ready"]').waitFor();

    // Host goes live: both sides show the live badge; the camera pushes over WHIP.
    await host.locator('.demo-host__golive').click();
    await host.locator('.demo-host__stat[data-state="pushing"]').waitFor();
    await viewer.locator('.ls-live-status-badge--live').waitFor();

    // Announcement.
    await host.locator('.demo-host__announcement input').fill('Tea tasting tonight, coupons at 9');
    await host.locator('.demo-host__section', { hasText: 'Announcement' }).locator('.demo-host__btn').click();
    await viewer.locator('.ls-announcement__text', { hasText: 'Tea tasting tonight' }).waitFor();

    // Explain a product: the viewer's pinned card shows it.
    const first = host.locator('.demo-host__goods').first();
    const title = (await first.locator('.demo-host__goods-title').textContent()) ?? '';
    await first.locator('.demo-host__explain').click();
    await viewer.locator('.ls-explaining', { hasText: title }).waitFor();

    // Chat: the host sees the viewer's comment.
    await viewer.locator('.ls-danmaku__input input').fill('Is the mug dishwasher safe?');
    await viewer.getByRole('button', { name: 'Send' }).click();
    await host.locator('.ls-danmaku__row', { hasText: 'Is the mug dishwasher safe?' }).waitFor();

    // Likes: taps are aggregated (the first goes out at once, the rest of the 2 s window as one
    // message with the count), so five quick taps move the host's total in at most two steps.
    const likes = await recordText(host, '.demo-host__likes');
    const like = viewer.getByRole('button', { name: /^Like/ });
    await like.click({ clickCount: 5 }); // five quick taps in one gesture, well inside one 2 s window
    await host.locator('.demo-host__likes', { hasText: '5 likes' }).waitFor({ timeout: 10_000 });
    const steps = await likes();
    expect(steps[0]).toBe('0 likes');
    expect(steps[steps.length - 1]).toBe('5 likes');
    expect(steps.length - 1).toBeLessThanOrEqual(2);

    // Gifts: three roses within 2 s become one ×3 combo card on the host's screen.
    await viewer.getByRole('button', { name: 'Gifts' }).click();
    await viewer.getByRole('button', { name: /^Rose/ }).click();
    const send = viewer.locator('.ls-gift-panel').getByRole('button', { name: 'Send' });
    for (let i = 0; i < 3; i++) await send.click();
    await host.locator('.ls-gift-card', { hasText: 'Bob' }).locator('.ls-gift-card__count', { hasText: '3' }).waitFor();
    await viewer.getByRole('button', { name: 'Close gifts' }).click();

    // Coupon: issued by the host, claimed once by the viewer; stock falls; a second claim is refused.
    await host.locator('.demo-host__coupon-stock input').fill('20');
    await host.locator('.demo-host__issue').click();
    const coupon = viewer.locator('.ls-coupon');
    await viewer.getByRole('button', { name: 'Claim' }).waitFor();
    const before = await coupon.textContent();
    expect(before).toContain('20');
    await viewer.getByRole('button', { name: 'Claim' }).click();
    await viewer.locator('.ls-coupon[data-state="claimed"]').waitFor();
    await viewer.locator('.ls-coupon', { hasText: '19' }).waitFor();
    const coupons = await fetch(`${demo.live.httpUrl}/v4/merchant/rooms/demo-room/coupons`).then((r) => r.json());
    const issued = coupons.coupons[0];
    expect(issued.remaining).toBe(19);
    const again = await fetch(`${demo.live.httpUrl}/v4/merchant/rooms/demo-room/coupons/${issued.id}/claim`, {
      method: 'POST',
      headers: { authorization: `Bearer bob:${demo.live.userSig('bob')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ requestID: 'second-try' }),
    });
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe('ALREADY_CLAIMED');

    // Buy the explained product: a verified purchase notice on both sides.
    await viewer.locator('.ls-explaining').getByRole('button', { name: /^Buy/ }).click();
    await viewer.locator('.ls-purchase', { hasText: title }).locator('.ls-purchase__verified').waitFor();
    await host.locator('.ls-purchase', { hasText: 'Bob' }).locator('.ls-purchase__verified').waitFor();

    // Taro's H5 pages scroll inside their page element, not the window.
    await host.evaluate(() => {
      for (const el of document.querySelectorAll<HTMLElement>('*')) if (el.scrollTop > 0) el.scrollTop = 0;
    });
    await demo.browser.screenshot(viewer, 'viewer-room');
    await demo.browser.screenshot(host, 'host-console');
  });
});
