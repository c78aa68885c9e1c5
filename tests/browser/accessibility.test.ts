/**
 * Readable and usable by everyone: axe-core over every shipped demo page (the viewer room with its
 * goods shelf and gift panel open, a coupon and an explaining card on screen), and chat rows whose
 * painted contrast is measured over a white and a dark video frame.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, type Box, measureTexts, seriousViolations, type TextProbe } from './a11y';
import { useDemoFixture } from './demo-fixture';

const demo = useDemoFixture();
const ROOM = 'demo-room';

async function expectNoSeriousViolations(page: Page, name: string) {
  await demo.browser.screenshot(page, `a11y-${name}`);
  const found = seriousViolations(await axeViolations(page));
  expect(found, `${name}:\n${found.join('\n')}`).toEqual([]);
}

async function openViewer(userID: string, nick: string, size?: { width: number; height: number }) {
  const page = await demo.browser.newPage(size);
  await page.goto(demo.browser.pageUrl('live/room/index', { roomID: ROOM, userID, nick }));
  await page.locator('.demo-room[data-state="ready"]').waitFor();
  return page;
}

describe('H5 demo: accessibility', () => {
  beforeAll(async () => {
    // A coupon on screen and a product being explained: the viewer room at its fullest.
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

  it('the room lists have no serious or critical axe violations', async () => {
    const page = await demo.browser.newPage();
    await page.goto(demo.browser.pageUrl('pages/rooms/index'));
    await page.locator('.demo-room-row').first().waitFor();
    await expectNoSeriousViolations(page, 'rooms');

    await page.goto(demo.browser.pageUrl('pages/rooms/wechat/index'));
    await page.locator('.demo-wx-room').first().waitFor();
    await page.locator('.ls-subscribe__button').first().waitFor();
    await expectNoSeriousViolations(page, 'rooms-wechat');
  });

  it('the viewer room, with the shelf and then the gift panel open, has none', async () => {
    const page = await openViewer('axe-viewer', 'Ava 22');
    await page.locator('.ls-coupon__card').waitFor();
    await page.locator('.ls-explaining__card').waitFor();
    await page.locator('.ls-danmaku__input input').fill('hello');
    await page.keyboard.press('Enter');
    await page.locator('.ls-danmaku__row', { hasText: 'hello' }).waitFor();
    await expectNoSeriousViolations(page, 'room');

    await page.getByRole('button', { name: /^Products/ }).click();
    await page.getByRole('dialog', { name: /^Products/ }).waitFor();
    await expectNoSeriousViolations(page, 'room-shelf');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: /^Products/ }).waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Gifts' }).click();
    await page.getByRole('dialog', { name: 'Send a gift' }).waitFor();
    await page.getByRole('button', { name: /^Send / }).click();
    await page.getByRole('status').filter({ hasText: /sent$/ }).waitFor();
    await expectNoSeriousViolations(page, 'room-gifts');
  });

  it('the host console has none', async () => {
    const page = await demo.browser.newPage();
    await page.goto(demo.browser.pageUrl('live/host/index', { roomID: ROOM }));
    await page.locator('.demo-host__goods').first().waitFor();
    await expectNoSeriousViolations(page, 'host');
  });

  it('every image has a text alternative and the page can be zoomed', async () => {
    const page = await openViewer('alt-viewer', 'Kim');
    await page.locator('.ls-explaining__card img').waitFor();
    await page.getByRole('button', { name: /^Products/ }).click();
    await page.getByRole('dialog', { name: /^Products/ }).waitFor();
    await page.locator('.ls-shelf img').first().waitFor();
    const images = await page
      .locator('img')
      .evaluateAll((imgs) =>
        imgs.map((img) => ({ src: (img as HTMLImageElement).src.slice(0, 40), alt: img.getAttribute('alt') })),
      );
    expect(images.length).toBeGreaterThan(3);
    expect(images.filter((img) => !img.alt)).toEqual([]);
    const viewport = await page.locator('meta[name="viewport"]').getAttribute('content');
    expect(viewport).not.toMatch(/user-scalable\s*=\s*(no|0)/);
    expect(viewport).not.toMatch(/maximum-scale\s*=\s*1(\.0)?\b/);
  });
});

/** Paints the video area one flat colour, as a frame of the show would be behind the overlays. */
async function paintFrame(page: Page, color: string) {
  await page.evaluate((c) => {
    let style = document.getElementById('test-frame') as HTMLStyleElement | null;
    if (!style) {
      style = document.createElement('style');
      style.id = 'test-frame';
      document.head.appendChild(style);
    }
    style.textContent = `.demo-room__player video { visibility: hidden !important; }
      .demo-room__player { background: ${c} !important; }`;
  }, color);
  // Let the entry animations finish.
  await page.waitForTimeout(400);
}

interface RowGeometry {
  bubble: Box;
  nick: Box;
  text: Box;
  label: string;
}

/** Rows fully inside the chat viewport, below its fading top edge. */
async function readableRows(page: Page): Promise<RowGeometry[]> {
  return page.evaluate(() => {
    const box = (el: Element | null) => {
      const r = el?.getBoundingClientRect();
      return r ? { x: r.x, y: r.y, width: r.width, height: r.height } : { x: 0, y: 0, width: 0, height: 0 };
    };
    const viewport = document.querySelector('.demo-room .ls-danmaku__viewport')?.getBoundingClientRect();
    if (!viewport) return [];
    return Array.from(document.querySelectorAll('.demo-room .ls-danmaku__row:not(.ls-danmaku__row--empty)'))
      .map((row) => ({
        bubble: box(row.querySelector('.ls-danmaku__bubble')),
        nick: box(row.querySelector('.ls-danmaku__nick')),
        text: box(row.querySelector('.ls-danmaku__text')),
        label: row.textContent ?? '',
      }))
      .filter((r) => r.bubble.y > viewport.top + 30 && r.bubble.y + r.bubble.height <= viewport.bottom);
  });
}

describe('H5 demo: chat over the video', () => {
  it('keeps names, messages and the input placeholder at 4.5:1 or more over a white frame and a dark one', async () => {
    await demo.live.admin.setProfile({ userID: 'zoe', nick: 'Zoe' });
    const page = await openViewer('reader', 'Ava 22');
    await page.locator('.ls-danmaku__input input').fill('my own message');
    await page.keyboard.press('Enter');
    await page.locator('.ls-danmaku__row--self').waitFor();
    await demo.live.admin.sendTextMessage({ groupID: ROOM, text: 'a message from someone else', fromUserID: 'zoe' });
    await page.locator('.ls-danmaku__row', { hasText: 'a message from someone else' }).waitFor();
    await demo.live.admin.sendTextMessage({ groupID: ROOM, text: 'welcome from the host', fromUserID: 'host' });
    await page.locator('.ls-danmaku__row--host', { hasText: 'welcome from the host' }).waitFor();

    const failures: string[] = [];
    const measured: string[] = [];
    for (const frame of ['#ffffff', '#0b0b0f', '#ffd400']) {
      await paintFrame(page, frame);
      // The empty composer shows its placeholder; blurred, so no caret or focus ring in the measured area.
      await page.locator('.demo-room .ls-danmaku__input input').fill('');
      await page.locator('.demo-room .ls-danmaku__input input').blur();
      await demo.browser.screenshot(page, `danmaku-frame-${frame.slice(1)}`);
      const rows = await readableRows(page);
      expect(rows.length).toBeGreaterThanOrEqual(3);
      const probes: Array<TextProbe & { what: string }> = [];
      for (const row of rows) {
        // The bubble's right padding (10 px) is backdrop only: sample it at three heights.
        const right = row.bubble.x + row.bubble.width - 5;
        const mid = row.bubble.y + row.bubble.height / 2;
        const backgroundPoints: Array<[number, number]> = [
          [right, mid - 3],
          [right, mid],
          [right, mid + 3],
        ];
        probes.push({ what: `name of "${row.label}"`, textBox: row.nick, backgroundPoints });
        probes.push({ what: `text of "${row.label}"`, textBox: row.text, backgroundPoints });
      }
      const field = await page.locator('.demo-room .ls-danmaku__field').boundingBox();
      const input = await page.locator('.demo-room .ls-danmaku__input input').boundingBox();
      if (!field || !input) throw new Error('no composer');
      const y = field.y + field.height / 2;
      probes.push({
        what: 'placeholder',
        textBox: { x: input.x, y: input.y + 4, width: Math.min(60, input.width), height: input.height - 8 },
        // The field's left padding is backdrop only.
        backgroundPoints: [
          [field.x + 6, y - 3],
          [field.x + 6, y],
          [field.x + 6, y + 3],
        ],
      });
      const samples = await measureTexts(page, probes);
      for (const [i, sample] of samples.entries()) {
        const line = `${frame} ${probes[i]?.what}: ${sample.ratio.toFixed(2)} (${sample.text} on ${sample.background})`;
        measured.push(line);
        if (sample.ratio < 4.5) failures.push(line);
      }
    }
    console.log(measured.join('\n'));
    expect(failures).toEqual([]);
    // Three frames, each with screenshots and pixel reads: slow on a loaded machine.
  }, 240_000);
});
