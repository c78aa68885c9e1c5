/**
 * The demo stays true to the room at every size and for every input: coupon and explaining card
 * never overlap (320 px to a desktop window), the room list works from the keyboard and never cuts a
 * title against its badge, and the host console's controls are buttons that follow the lifecycle.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useDemoFixture } from './demo-fixture';

const demo = useDemoFixture();
const ROOM = 'demo-room';

async function setStatus(value: 'idle' | 'live' | 'paused' | 'ended') {
  // The server may set the status (host, admin or server only): it plays the host's backend here.
  await demo.live.admin.updateRoom({ groupID: ROOM, customFields: { room_status: value } });
}

const boxOf = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
  });

describe('H5 demo: viewer room layout', () => {
  beforeAll(async () => {
    await setStatus('live');
    const host = await demo.browser.newPage();
    await host.goto(demo.browser.pageUrl('live/host/index', { roomID: ROOM }));
    await host.locator('.demo-host__goods').first().waitFor();
    await host
      .getByRole('button', { name: /^Explain / })
      .first()
      .click();
    await host.locator('.demo-host__explaining').waitFor();
    await host.getByRole('button', { name: 'Issue coupon' }).click();
    await host.locator('.demo-host__note', { hasText: 'Coupon issued' }).waitFor();
    await host.close();
  });

  const sizes = [
    { width: 320, height: 568 },
    { width: 375, height: 667 },
    { width: 414, height: 896 },
    { width: 768, height: 1024 },
    { width: 1280, height: 720 },
    { width: 1920, height: 1080 },
  ];

  it('never lets the coupon cover the explaining card, from 320 px to a desktop window', async () => {
    const page = await demo.browser.newPage({ width: 320, height: 568 });
    await page.goto(demo.browser.pageUrl('live/room/index', { roomID: ROOM, userID: 'layout', nick: 'Mia 7' }));
    await page.locator('.demo-room[data-state="ready"]').waitFor();
    await page.locator('.ls-coupon__card').waitFor();
    await page.locator('.ls-explaining__card').waitFor();
    for (const size of sizes) {
      await page.setViewportSize(size);
      await page.waitForTimeout(500);
      await demo.browser.screenshot(page, `layout-room-${size.width}x${size.height}`);
      const coupon = await boxOf(page, '.ls-coupon__card');
      const card = await boxOf(page, '.ls-explaining__card');
      const apart =
        coupon.bottom <= card.top ||
        card.bottom <= coupon.top ||
        coupon.right <= card.left ||
        card.right <= coupon.left;
      expect(apart, `${size.width}x${size.height}: coupon ${JSON.stringify(coupon)} card ${JSON.stringify(card)}`).toBe(
        true,
      );
      // Both stay fully on screen.
      const view = page.viewportSize() ?? size;
      for (const box of [coupon, card]) {
        expect(box.left).toBeGreaterThanOrEqual(0);
        expect(box.right).toBeLessThanOrEqual(view.width);
        expect(box.top).toBeGreaterThanOrEqual(0);
        expect(box.bottom).toBeLessThanOrEqual(view.height);
      }
    }
  });
});

describe('H5 demo: room list', () => {
  it('is entered from the keyboard: rows and actions take focus, Enter and Space open them', async () => {
    const page = await demo.browser.newPage();
    await page.goto(demo.browser.pageUrl('pages/rooms/index'));
    await page.locator('.demo-room-row').first().waitFor();
    const focusables = await page
      .locator('.demo-room-row, .demo-action')
      .evaluateAll((els) =>
        els.map((el) => ({ role: el.getAttribute('role'), tabIndex: (el as HTMLElement).tabIndex })),
      );
    expect(focusables.length).toBeGreaterThanOrEqual(4);
    for (const f of focusables) {
      expect(['link', 'button']).toContain(f.role);
      expect(f.tabIndex).toBe(0);
    }

    // Tab reaches the first room row; Enter opens its room.
    let reached = false;
    for (let i = 0; i < 10 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => Boolean(document.activeElement?.classList.contains('demo-room-row')));
    }
    expect(reached).toBe(true);
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.locator('.demo-room').waitFor();
    expect(page.url()).toContain('live/room/index?roomID=demo-room');

    await page.goto(demo.browser.pageUrl('pages/rooms/index'));
    const host = page.getByRole('button', { name: 'Host console' });
    await host.focus();
    await page.keyboard.press('Space');
    await page.locator('.demo-host-console').waitFor();
  });

  it('shows each whole title beside a badge that agrees with it', async () => {
    await demo.live.admin.createRoom({
      ownerID: 'host-b',
      groupID: 'long-title',
      name: 'An evening of hand-made ceramics, linen and tea from small workshops across the south',
    });
    const page = await demo.browser.newPage({ width: 320, height: 640 });
    await page.goto(demo.browser.pageUrl('pages/rooms/index'));
    await page.locator('.demo-room-row').first().waitFor();
    await demo.browser.screenshot(page, 'rooms-320');
    const rows = await page.locator('.demo-room-row').evaluateAll((els) =>
      els.map((row) => {
        const name = row.querySelector('.demo-room-name') as HTMLElement;
        return {
          name: name.textContent ?? '',
          badge: row.querySelector('.ls-live-status-badge')?.getAttribute('data-state') ?? '',
          // Shown whole: wraps instead of an ellipsis on one line (two lines for very long titles).
          lines: Math.round(name.getBoundingClientRect().height / Number.parseFloat(getComputedStyle(name).lineHeight)),
          nowrap: getComputedStyle(name).whiteSpace === 'nowrap',
        };
      }),
    );
    const demoRow = rows.find((r) => r.name === 'Spring picks');
    expect(demoRow, JSON.stringify(rows)).toBeDefined();
    for (const row of rows) {
      expect(row.nowrap).toBe(false);
      expect(row.lines).toBeLessThanOrEqual(2);
      // A title never claims a status the badge denies.
      if (row.badge !== 'live') expect(row.name).not.toMatch(/live now/i);
    }
    expect(rows.find((r) => r.name.startsWith('An evening'))?.lines).toBe(2);
  });
});

describe('H5 demo: host console controls', () => {
  const state = (page: Page, name: string) =>
    page.getByRole('button', { name, exact: true }).evaluate((el) => ({
      pressed: el.getAttribute('aria-pressed'),
      disabled: el.getAttribute('aria-disabled') === 'true',
      tabIndex: (el as HTMLElement).tabIndex,
    }));

  it('are buttons whose pressed and disabled states follow the room lifecycle', async () => {
    await setStatus('idle');
    const page = await demo.browser.newPage();
    await page.goto(demo.browser.pageUrl('live/host/index', { roomID: ROOM }));
    await page.locator('.demo-host__goods').first().waitFor();
    for (const name of ['Go live', 'Pause', 'End', 'Set announcement', 'Issue coupon']) {
      expect(await page.getByRole('button', { name, exact: true }).count(), name).toBe(1);
    }
    expect(await page.getByRole('button', { name: /^Explain / }).count()).toBeGreaterThan(2);
    for (const name of ['Coupon amount in yuan', 'Coupon stock', 'Coupon minutes', 'Announcement']) {
      expect(await page.locator(`input[aria-label="${name}"]`).count(), name).toBe(1);
    }

    await page.locator('.demo-host__golive:not(.demo-host__btn--disabled)').waitFor();
    expect(await state(page, 'Go live')).toEqual({ pressed: 'false', disabled: false, tabIndex: 0 });
    expect((await state(page, 'Pause')).disabled).toBe(true);

    await setStatus('live');
    await page.locator('.demo-host__golive.demo-host__btn--on').waitFor();
    await demo.browser.screenshot(page, 'host-console-live');
    expect(await state(page, 'Go live')).toEqual({ pressed: 'true', disabled: true, tabIndex: -1 });
    expect(await state(page, 'Pause')).toEqual({ pressed: 'false', disabled: false, tabIndex: 0 });
    expect((await state(page, 'End')).disabled).toBe(false);

    await setStatus('paused');
    await page.locator('.demo-host__pause.demo-host__btn--on').waitFor();
    // While paused, the first control resumes the show.
    expect(await state(page, 'Resume')).toEqual({ pressed: 'false', disabled: false, tabIndex: 0 });
    expect(await state(page, 'Pause')).toEqual({ pressed: 'true', disabled: true, tabIndex: -1 });

    await setStatus('ended');
    await page.locator('.demo-host__end.demo-host__btn--on').waitFor();
    await demo.browser.screenshot(page, 'host-console-ended');
    for (const name of ['Go live', 'Pause', 'End', 'Issue coupon']) {
      expect((await state(page, name)).disabled, name).toBe(true);
    }
    // A disabled control ignores Enter too.
    await page.locator('.demo-host__issue').focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('.demo-host__note').textContent()).not.toContain('Coupon issued');
    await setStatus('live');
  });
});
