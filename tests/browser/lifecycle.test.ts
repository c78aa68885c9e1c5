/**
 * One room lifecycle, three browser contexts: the host, a viewer present from the start and a
 * viewer who joins late. After each transition (go live, pause, resume, end) every client shows the
 * same status, like total, announcement and explaining item; the early viewer's player switches from
 * the demo scene to the host's camera without a reload, stops while paused and at the end; after the
 * end buy and claim are disabled and the server refuses them. Real server, real Chromium, the host's
 * fake camera pushed over WHIP.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useDemoFixture } from './demo-fixture';

const demo = useDemoFixture();
const ROOM = 'demo-room';

interface Seen {
  phase: string | null;
  badge: string | null;
  likes: string;
  announcement: string;
  explaining: string;
}

/** What a page shows of the room: lifecycle phase, badge, like total, announcement, explaining item. */
async function seen(page: Page): Promise<Seen> {
  return page.evaluate(() => {
    const text = (sel: string) => document.querySelector(sel)?.textContent?.trim() ?? '';
    const root = document.querySelector('.demo-room, .demo-host-console');
    const host = root?.classList.contains('demo-host-console');
    return {
      phase: root?.getAttribute('data-phase') ?? null,
      badge: document.querySelector('.ls-live-status-badge')?.getAttribute('data-state') ?? null,
      likes: host ? text('.demo-host__likes').replace(/ likes$/, '') : text('.ls-like__count'),
      announcement: host
        ? text('.demo-host__current-announcement').replace(/^Now showing: /, '')
        : text('.ls-announcement__text'),
      explaining: host
        ? text('.demo-host__goods:has(.demo-host__explaining) .demo-host__goods-title')
        : text('.ls-explaining .ls-goods__title'),
    };
  });
}

/** Waits until every page shows the same room, in `phase`; returns what they show. */
async function converged(pages: Page[], phase: string, timeoutMs = 15_000): Promise<Seen> {
  const start = Date.now();
  let last: Seen[] = [];
  while (Date.now() - start < timeoutMs) {
    last = await Promise.all(pages.map(seen));
    const first = JSON.stringify(last[0]);
    // The badge runs the status through the live-status machine: it follows the phase a render later.
    const badge = phase === 'idle' ? last[0]!.badge : phase;
    if (last[0]!.phase === phase && last[0]!.badge === badge && last.every((s) => JSON.stringify(s) === first)) {
      return last[0]!;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`clients did not converge on ${phase}: ${JSON.stringify(last, null, 1)}`);
}

/** Taro's H5 `<Button disabled>` is a custom element: its `disabled` attribute is what counts. */
const disabled = (page: Page, selector: string) =>
  page
    .locator(selector)
    .evaluate(
      (el) =>
        el.getAttribute('aria-disabled') === 'true' ||
        (el.hasAttribute('disabled') && el.getAttribute('disabled') !== 'false'),
    );

/** The average colour of a video's current frame (RGB), drawn small on a canvas; null without a frame. */
const look = (page: Page, selector: string) =>
  page.evaluate((sel) => {
    const v = document.querySelector<HTMLVideoElement>(sel);
    if (!v || v.videoWidth === 0) return null;
    const c = document.createElement('canvas');
    c.width = 16;
    c.height = 28;
    const g = c.getContext('2d');
    if (!g) return null;
    g.drawImage(v, 0, 0, c.width, c.height);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    const sum = [0, 0, 0];
    for (let i = 0; i < d.length; i += 4) for (let k = 0; k < 3; k++) sum[k]! += d[i + k]!;
    return sum.map((x) => Math.round(x / (d.length / 4)));
  }, selector);

const distance = (a: number[] | null, b: number[] | null) =>
  a && b ? Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!) : Number.POSITIVE_INFINITY;

/** Waits for the page's player to play; on failure says what it was doing. */
async function playing(page: Page): Promise<void> {
  try {
    await page.locator('.ls-player[data-state="playing"]').waitFor({ timeout: 60_000 });
  } catch (error) {
    const state = await page.evaluate(() => {
      const v = document.querySelector<HTMLVideoElement>('.ls-player video');
      return {
        player: document.querySelector('.ls-player')?.getAttribute('data-state'),
        stream: document.querySelector('.demo-room')?.getAttribute('data-stream'),
        src: v?.currentSrc,
        readyState: v?.readyState,
        size: v ? [v.videoWidth, v.videoHeight] : null,
        error: v?.error?.message,
      };
    });
    throw new Error(`the player did not play: ${JSON.stringify(state)} (${String(error)})`);
  }
}

const videoSize = (page: Page) =>
  page.evaluate(() => {
    const v = document.querySelector<HTMLVideoElement>('.ls-player video');
    return v ? { width: v.videoWidth, height: v.videoHeight } : null;
  });

async function shootAll(stage: string, pages: Record<string, Page>): Promise<void> {
  for (const [who, page] of Object.entries(pages)) {
    await page.evaluate(() => {
      for (const el of document.querySelectorAll<HTMLElement>('*')) if (el.scrollTop > 0) el.scrollTop = 0;
    });
    await demo.browser.screenshot(page, `lifecycle-${stage}-${who}`);
  }
}

describe('H5 demo: one room lifecycle on every client', () => {
  it('go live, pause, resume, end: host, early and late viewers converge; player and commerce follow', async () => {
    const host = await demo.browser.newPage({ width: 390, height: 844 });
    const early = await demo.browser.newPage({ width: 390, height: 844 });
    // Three pages, a live stream and its bridge share a small machine: be patient, not flaky.
    for (const page of [host, early]) page.setDefaultTimeout(45_000);
    await host.goto(demo.browser.pageUrl('live/host/index', { roomID: ROOM }));
    await host.locator('.demo-host-console[data-state="ready"]').waitFor();
    await early.goto(demo.browser.pageUrl('live/room/index', { roomID: ROOM, userID: 'early', nick: 'Early' }));
    await early.locator('.demo-room[data-state="ready"]').waitFor();
    // A marker that a reload would wipe.
    await early.evaluate(() => {
      (window as unknown as { __noReload: boolean }).__noReload = true;
    });

    // Before the show: idle, the demo scene (portrait 9:16) plays.
    await early.locator('.demo-room[data-stream="test-pattern"]').waitFor();
    await early.waitForFunction(
      () => (document.querySelector<HTMLVideoElement>('.ls-player video')?.videoWidth ?? 0) > 0,
      undefined,
      { timeout: 30_000 },
    );
    const scene = await videoSize(early);
    expect(scene).toEqual({ width: 360, height: 640 });
    const sceneLook = await look(early, '.ls-player video');
    await converged([host, early], 'idle');
    await shootAll('1-idle', { host, early });

    // The host prepares the room, then goes live.
    await host.locator('.demo-host__announcement input').fill('Spring tea tasting tonight');
    await host.locator('.demo-host__section', { hasText: 'Announcement' }).locator('.demo-host__btn').click();
    const first = host.locator('.demo-host__goods').first();
    const title = (await first.locator('.demo-host__goods-title').textContent())?.trim() ?? '';
    await first.locator('.demo-host__explain').click();
    await host.locator('.demo-host__golive').click();
    await host.locator('.demo-host__stat[data-state="pushing"]').waitFor({ timeout: 30_000 });
    let now = await converged([host, early], 'live');
    expect(now).toMatchObject({ badge: 'live', announcement: 'Spring tea tasting tonight', explaining: title });
    expect(await disabled(host, '.demo-host__golive')).toBe(true);
    expect(await disabled(host, '.demo-host__pause')).toBe(false);

    // The early viewer's player switches to the host's camera, without a reload.
    await early.locator('.demo-room[data-stream="host"]').waitFor({ timeout: 30_000 });
    // The host's camera and the demo scene are both 9:16: tell them apart by what the frames show.
    const hostLook = await look(host, '.ls-pusher video');
    expect(hostLook, 'the host previews the camera').not.toBeNull();
    let switched = false;
    let earlyLook: number[] | null = null;
    for (const until = Date.now() + 45_000; Date.now() < until && !switched; ) {
      earlyLook = await look(early, '.ls-player video');
      switched = distance(earlyLook, hostLook) < distance(earlyLook, sceneLook) / 2;
      if (!switched) await new Promise((r) => setTimeout(r, 500));
    }
    expect(
      switched,
      `the early viewer shows ${JSON.stringify(earlyLook)}; host ${JSON.stringify(hostLook)}, scene ${JSON.stringify(sceneLook)}`,
    ).toBe(true);
    expect((await videoSize(early))?.width).toBeGreaterThan(0);
    expect(await early.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    await playing(early);

    // Likes, a coupon and a purchase while live.
    const like = early.getByRole('button', { name: /^Like/ });
    await like.click({ clickCount: 4 });
    await host.locator('.demo-host__coupon-stock input').fill('30');
    await host.locator('.demo-host__issue').click();
    await early.getByRole('button', { name: 'Claim' }).click();
    await early.locator('.ls-coupon[data-state="claimed"]').waitFor();
    await early.locator('.ls-explaining').getByRole('button', { name: /^Buy/ }).click();
    await early.locator('.ls-purchase', { hasText: title }).waitFor();
    now = await converged([host, early], 'live');
    expect(now.likes).toBe('4');
    await shootAll('2-live', { host, early });

    // A viewer who joins late sees the whole room at once: status, likes, announcement, explaining,
    // the open coupon with its stock, and the last purchase.
    const late = await demo.browser.newPage({ width: 390, height: 844 });
    late.setDefaultTimeout(45_000);
    await late.goto(demo.browser.pageUrl('live/room/index', { roomID: ROOM, userID: 'late', nick: 'Late' }));
    await late.locator('.demo-room[data-state="ready"]').waitFor();
    now = await converged([host, early, late], 'live');
    expect(now).toMatchObject({ likes: '4', announcement: 'Spring tea tasting tonight', explaining: title });
    await late.locator('.ls-coupon[data-state="available"]', { hasText: '29 of 30 left' }).waitFor();
    await late.locator('.ls-purchase', { hasText: title }).locator('.ls-purchase__verified').waitFor();
    await late.locator('.demo-room[data-stream="host"]').waitFor({ timeout: 30_000 });
    await playing(late);
    // Late likes reach everyone; the host's count too.
    await late.getByRole('button', { name: /^Like/ }).click({ clickCount: 3 });
    const tapped = Date.now();
    now = await converged([host, early, late], 'live');
    expect(now.likes).toBe('7');
    expect(Date.now() - tapped).toBeLessThan(5000);
    await shootAll('3-late-join', { host, early, late });

    // Pause: every client shows it; the viewers stop pulling and show the paused slate; still selling.
    await host.locator('.demo-host__pause').click();
    now = await converged([host, early, late], 'paused');
    expect(now).toMatchObject({ badge: 'paused', likes: '7', explaining: title });
    for (const viewer of [early, late]) {
      await viewer.locator('.ls-player__slate--paused').waitFor();
      await viewer.locator('.ls-player[data-state="stopped"]').waitFor();
    }
    await expect(
      fetch(`${demo.live.httpUrl}/v4/merchant/rooms/${ROOM}/sales`).then((r) => r.json()),
    ).resolves.toMatchObject({ phase: 'paused', sellWhilePaused: true });
    await shootAll('4-paused', { host, early, late });

    // Resume: playing again, the same status everywhere.
    expect(await host.locator('.demo-host__golive').textContent()).toBe('Resume');
    await host.locator('.demo-host__golive').click();
    now = await converged([host, early, late], 'live');
    expect(now.badge).toBe('live');
    for (const viewer of [early, late]) {
      await viewer.locator('.ls-player__slate').waitFor({ state: 'detached' });
      await playing(viewer);
    }
    await shootAll('5-resumed', { host, early, late });

    // End: the ended slate, players stopped, buy and claim disabled, and the server refuses both.
    await host.locator('.demo-host__end').click();
    now = await converged([host, early, late], 'ended');
    expect(now).toMatchObject({ badge: 'ended', likes: '7', announcement: 'Spring tea tasting tonight' });
    for (const viewer of [early, late]) {
      await viewer.locator('.ls-player__slate--ended').waitFor();
      await viewer.locator('.ls-player[data-state="stopped"]').waitFor();
      const buy = viewer.locator('.ls-explaining .ls-buy');
      await buy.locator('text=Show ended').waitFor();
      expect(await buy.getAttribute('aria-disabled')).toBe('true');
    }
    const claim = late.locator('.ls-coupon__claim');
    await claim.locator('text=Show ended').waitFor();
    expect(await claim.getAttribute('aria-disabled')).toBe('true');
    // Early's coupon was claimed before the end: it stays claimed.
    await early.locator('.ls-coupon[data-state="claimed"]').waitFor();

    const goods = (await fetch(`${demo.live.httpUrl}/v4/merchant/rooms/${ROOM}/goods`).then((r) => r.json())) as {
      goods: Array<{ id: string }>;
    };
    const coupons = (await fetch(`${demo.live.httpUrl}/v4/merchant/rooms/${ROOM}/coupons`).then((r) => r.json())) as {
      coupons: Array<{ id: string }>;
    };
    const as = (userID: string) => ({
      authorization: `Bearer ${userID}:${demo.live.userSig(userID)}`,
      'content-type': 'application/json',
    });
    const order = await fetch(`${demo.live.httpUrl}/v4/merchant/rooms/${ROOM}/orders`, {
      method: 'POST',
      headers: as('late'),
      body: JSON.stringify({ goodsID: goods.goods[0]!.id }),
    });
    expect(order.status).toBe(409);
    expect((await order.json()).error.code).toBe('ROOM_ENDED');
    const claimed = await fetch(
      `${demo.live.httpUrl}/v4/merchant/rooms/${ROOM}/coupons/${coupons.coupons[0]!.id}/claim`,
      {
        method: 'POST',
        headers: as('late'),
        body: JSON.stringify({}),
      },
    );
    expect(claimed.status).toBe(409);
    expect((await claimed.json()).error.code).toBe('ROOM_ENDED');
    // The early viewer's order is still there.
    const orders = await fetch(`${demo.live.httpUrl}/v4/merchant/rooms/${ROOM}/orders`, { headers: as('early') });
    expect(((await orders.json()) as { orders: unknown[] }).orders).toHaveLength(1);
    await shootAll('6-ended', { host, early, late });

    // The server kept the transitions with their times.
    const { transitions } = (await fetch(`${demo.live.httpUrl}/v4/merchant/rooms/${ROOM}/transitions`).then((r) =>
      r.json(),
    )) as { transitions: Array<{ phase: string }> };
    expect(transitions.map((t) => t.phase)).toEqual(['live', 'paused', 'live', 'ended']);
  }, 480_000);
});
