/**
 * Moderation in one room, four browser contexts: the host (console), an admin the host appoints
 * from the Moderation panel ("assistant"), and two viewers, A and B (nicknames with spaces, which
 * must survive the hash router's URL). The admin mutes A (A's send is refused with the time left
 * in A's composer, nobody else sees it); the host deletes B's message (gone everywhere, and a
 * viewer joining afterwards never sees it); a filtered word never reaches the others; slow mode
 * makes B wait (countdown, second send refused); removing A with a block takes A out and keeps
 * A out on reload. Real server, real Chromium; screenshots in test-artifacts/moderation-*.png.
 */
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations, seriousViolations } from './a11y';
import { useDemoFixture } from './demo-fixture';

const demo = useDemoFixture();
const ROOM = 'demo-room';

const A = { userID: 'viewer_a', nick: 'Viewer A' };
const B = { userID: 'viewer_b', nick: 'Viewer B' };
const ADMIN = { userID: 'assistant', nick: 'Shop assistant' };

const row = (page: Page, text: string): Locator => page.locator('.ls-danmaku__row', { hasText: text });

/** Types into the chat composer and sends with the keyboard's Enter (the composer's confirm). */
async function say(page: Page, text: string): Promise<void> {
  const input = page.locator('.ls-danmaku__input input');
  await input.fill(text);
  await input.press('Enter');
}

/** Every page shows `text` in its chat. */
async function everyoneSees(pages: Page[], text: string): Promise<void> {
  for (const page of pages) await row(page, text).waitFor();
}

async function chatTexts(page: Page): Promise<string[]> {
  return page.locator('.ls-danmaku__row:not(.ls-danmaku__row--empty) .ls-danmaku__text').allTextContents();
}

async function expectAccessible(page: Page, name: string): Promise<void> {
  const found = seriousViolations(await axeViolations(page));
  expect(found, `${name}:\n${found.join('\n')}`).toEqual([]);
}

async function openRoomAs(who: { userID: string; nick: string }): Promise<Page> {
  const page = await demo.browser.newPage({ width: 390, height: 844 });
  page.setDefaultTimeout(30_000);
  await page.goto(demo.browser.pageUrl('live/room/index', { roomID: ROOM, ...who }));
  await page.locator('.demo-room[data-state="ready"]').waitFor();
  return page;
}

/** Opens the member menu of the row holding `text` with its "⋯" button, by keyboard. */
async function openMenu(page: Page, text: string): Promise<void> {
  const more = row(page, text).locator('.ls-danmaku__more');
  await more.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('dialog').waitFor();
}

describe('H5 demo: the host and an admin keep the room clean', () => {
  it('mute, delete, filter, slow mode and remove, seen from host, admin and two viewers', async () => {
    const host = await demo.browser.newPage({ width: 390, height: 844 });
    host.setDefaultTimeout(30_000);
    await host.goto(demo.browser.pageUrl('live/host/index', { roomID: ROOM }));
    await host.locator('.demo-host-console[data-state="ready"]').waitFor();
    const panel = host.locator('.ls-mod-panel[data-state="ready"]');
    await panel.waitFor();

    // The owner appoints the assistant from the panel.
    await panel.locator('.ls-mod-panel__admin-input input').fill(ADMIN.userID);
    await panel.getByRole('button', { name: /^Appoint/ }).click();
    await panel.locator(`.ls-mod-panel__admins [data-user="${ADMIN.userID}"]`).waitFor();

    const admin = await openRoomAs(ADMIN);
    const a = await openRoomAs(A);
    const b = await openRoomAs(B);
    // Nicknames with spaces arrive intact through the hash router (no "+").
    await say(a, 'hello from A');
    await everyoneSees([host, admin, a, b], 'hello from A');
    expect(await row(b, 'hello from A').locator('.ls-danmaku__nick').textContent()).toBe('Viewer A');
    // Viewers get no row actions; the admin gets them on others' rows.
    expect(await b.locator('.ls-danmaku__more').count()).toBe(0);
    expect(await row(admin, 'hello from A').locator('.ls-danmaku__more').count()).toBe(1);

    // ── The admin mutes A for 10 minutes, from the row's menu, by keyboard.
    const opener = row(admin, 'hello from A').locator('.ls-danmaku__more');
    await openMenu(admin, 'hello from A');
    await demo.browser.screenshot(admin, 'moderation-menu');
    await expectAccessible(admin, 'the member menu');
    // Escape closes the menu and focus returns to the "⋯" that opened it.
    await admin.keyboard.press('Escape');
    await admin.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await opener.evaluate((el) => el === document.activeElement)).toBe(true);
    await openMenu(admin, 'hello from A');
    await admin.getByRole('button', { name: 'Mute for 10 min' }).click();
    await admin.getByRole('dialog').waitFor({ state: 'detached' });

    // A's composer says so, with the time left; A still tries, and the server refuses.
    const limit = a.locator('.ls-danmaku__limit[data-limit="muted"]');
    await limit.waitFor();
    expect(await limit.textContent()).toMatch(/^Muted · (10:00|9:\d\d) left$/);
    await say(a, 'A while muted');
    const refusal = a.locator('.ls-danmaku__error');
    await refusal.filter({ hasText: /muted/i }).waitFor();
    expect(await a.locator('.ls-danmaku__composer').getAttribute('data-state')).toBe('error');
    expect(await a.locator('.ls-danmaku__input input').getAttribute('placeholder')).toMatch(/^Muted · \d+:\d\d left$/);
    await demo.browser.screenshot(a, 'moderation-muted');

    // ── B's message, deleted by the host: gone on every client.
    await say(b, 'B: cheaper at the other shop');
    await everyoneSees([host, admin, a, b], 'B: cheaper at the other shop');
    // A barrier: B's next message arrives after A's refused one would have.
    await say(b, 'B barrier one');
    await everyoneSees([host, admin, a, b], 'B barrier one');
    for (const page of [host, admin, b]) expect(await chatTexts(page)).not.toContain('A while muted');
    await openMenu(host, 'B: cheaper at the other shop');
    await host.getByRole('button', { name: 'Delete this message' }).click();
    for (const page of [host, admin, a, b]) {
      await row(page, 'B: cheaper at the other shop').waitFor({ state: 'detached' });
    }
    // A viewer joining afterwards sees recent chat, never the deleted message.
    const late = await openRoomAs({ userID: 'viewer_late', nick: 'Late Comer' });
    await row(late, 'B barrier one').waitFor();
    expect(await chatTexts(late)).not.toContain('B: cheaper at the other shop');
    expect(await chatTexts(late)).not.toContain('A while muted');

    // ── A filtered word never reaches the others; B is told.
    await panel.locator('.ls-mod-panel__word-input input').fill('knockoff');
    await panel.getByRole('button', { name: /^Add/ }).click();
    await panel.locator('.ls-mod-panel__chip', { hasText: 'knockoff' }).waitFor();
    await say(b, 'get a knockoff here');
    await b.locator('.ls-danmaku__error', { hasText: 'Not sent: this room doesn’t allow that.' }).waitFor();
    await say(b, 'B barrier two');
    await everyoneSees([host, admin, a, b, late], 'B barrier two');
    for (const page of [host, admin, a, late]) expect(await chatTexts(page)).not.toContain('get a knockoff here');

    // ── Slow mode: one message per 10 s for viewers.
    await panel.getByRole('button', { name: 'Slow mode: 10 s between messages' }).click();
    await panel.locator('[data-action="slow-10"][aria-pressed="true"]').waitFor();
    // B learns slow mode from the room before sending (a group field/tip), then sends once.
    await say(b, 'slow one');
    await everyoneSees([host, b], 'slow one');
    const countdown = b.locator('.ls-danmaku__limit[data-limit="slow"]');
    await countdown.waitFor();
    expect(await countdown.textContent()).toMatch(/^You can send again in (10|[1-9]) s$/);
    await say(b, 'slow two');
    await b.locator('.ls-danmaku__error', { hasText: /You can send again in \d+ s|Slow mode/ }).waitFor();
    await demo.browser.screenshot(b, 'moderation-slow-mode');
    await say(admin, 'admin barrier');
    await everyoneSees([host, a, b], 'admin barrier');
    for (const page of [host, admin, a]) expect(await chatTexts(page)).not.toContain('slow two');
    await panel.getByRole('button', { name: 'Slow mode: Off' }).click();

    // The panel lists A as muted, with the time left.
    await panel.locator(`.ls-mod-panel__muted [data-user="${A.userID}"]`).waitFor({ timeout: 15_000 });
    await host.locator('.demo-host__moderation').scrollIntoViewIfNeeded();
    await demo.browser.screenshot(host, 'moderation-panel');
    await expectAccessible(host, 'the host console with the moderation panel');

    // ── The admin removes A and blocks re-entry: A is out, and stays out on reload.
    await openMenu(admin, 'hello from A');
    await admin.getByRole('button', { name: 'Remove and block re-entry' }).click();
    const notice = a.getByRole('alertdialog');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('You left the live room');
    await demo.browser.screenshot(a, 'moderation-removed');
    await a.reload();
    await a.getByRole('alertdialog').waitFor();
    expect(await a.getByRole('alertdialog').textContent()).toContain('can’t rejoin');
    await panel.locator(`.ls-mod-panel__blocked [data-user="${A.userID}"]`).waitFor({ timeout: 15_000 });

    // The audience list: opened from the viewer count, the latest viewers and the total.
    await admin.locator('.ls-header__viewers--button').click();
    await admin.getByRole('dialog', { name: /^Audience \(\d+\)$/ }).waitFor();
    const audience = admin.locator('.ls-audience[data-state="ready"]');
    await audience.waitFor({ state: 'attached' });
    expect(await audience.locator('.ls-audience__row').count()).toBeGreaterThanOrEqual(3);
    expect(await audience.locator(`[data-user="${B.userID}"] .ls-audience__nick`).textContent()).toBe('Viewer B');
    await demo.browser.screenshot(admin, 'moderation-audience');
    await expectAccessible(admin, 'the audience list');
  });
});
