/**
 * `pnpm bench e2e-latency [--quick] [--messages N] [--gap MS]`: a danmaku sent in one browser →
 * painted in another, through the real local server.
 *
 * The real `@livesell/server` (demo room seeded) and two Chromium pages on the demo viewer page
 * (`live/room/index`), each with its own `TIMLiveSell` over `createLocalTIM` (WebSocket). The
 * sender types a marked message and the click is time-stamped in the page; the receiver's
 * MutationObserver spots the text and stamps the next animation frame. Both stamps use the
 * browser's shared clock. Rows are found by their text, not their markup, so the page may render
 * them with any component.
 *
 * Target (docs/guides/performance.md): p95 ≤ 100 ms. Default 50 messages 200 ms apart (`--quick`: 20).
 * Needs the H5 bench build: `pnpm build:bench`.
 */
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { startDemoServer } from '../tests/support/server';
import { startBenchBrowser } from './lib/h5-bench-page';
import { PAINT_WATCH_SOURCE, type PaintWatchResult } from './lib/paint-watch';
import { type Check, check, finish, withRetry } from './lib/report';
import { f1, max, median, percentile } from './lib/stats';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    messages: { type: 'string' },
    gap: { type: 'string', default: '200' },
  },
});
const count = Number(values.messages ?? (values.quick ? 20 : 50));
const gapMs = Number(values.gap);
const TARGET_P95_MS = 100;

const INPUT = '.demo-input input, .ls-danmaku__input input';
const SEND = '.demo-send, .ls-danmaku__send';

/** Types `text` and clicks Send inside the page, returning the click's time on the shared clock. */
async function send(page: Page, text: string): Promise<number> {
  await page.locator(INPUT).first().fill(text);
  return (await page.evaluate(`(() => {
    const t = performance.timeOrigin + performance.now();
    document.querySelector(${JSON.stringify(SEND)}).click();
    return t;
  })()`)) as number;
}

async function expectText(page: Page, marker: string): Promise<void> {
  await page.evaluate(`window.__paintWatch.expect(${JSON.stringify(marker)})`);
}

async function painted(page: Page): Promise<Record<string, number>> {
  return ((await page.evaluate('window.__paintWatch.result()')) as PaintWatchResult).painted;
}

const live = await startDemoServer();
const h = await startBenchBrowser({ server: { httpUrl: live.httpUrl, wsUrl: live.wsUrl, sdkAppID: live.sdkAppID } });
const all: Check[] = [];
try {
  all.push(
    ...(await withRetry(
      `e2e: ${count} danmaku, ${gapMs} ms apart, sender → local server → other browser`,
      async (attempt) => {
        const run = `${Date.now().toString(36)}${attempt}`;
        const sender = await h.newPage();
        const receiver = await h.newPage();
        try {
          await sender.goto(
            h.pageUrl('live/room/index', { roomID: 'demo-room', userID: `lat_tx${run}`, nick: 'Sender' }),
          );
          await receiver.goto(
            h.pageUrl('live/room/index', { roomID: 'demo-room', userID: `lat_rx${run}`, nick: 'Receiver' }),
          );
          await sender.locator(INPUT).first().waitFor({ timeout: 30_000 });
          await receiver.locator(INPUT).first().waitFor({ timeout: 30_000 });
          await receiver.evaluate(PAINT_WATCH_SOURCE);

          // Both joined and the path is warm once one message made it across.
          const warm = `lat-${run}-warm`;
          await expectText(receiver, warm);
          await send(sender, warm);
          await receiver.waitForFunction(`${JSON.stringify(warm)} in window.__paintWatch.result().painted`, undefined, {
            timeout: 15_000,
          });

          const sentAt: Record<string, number> = {};
          for (let i = 0; i < count; i++) {
            const marker = `lat-${run}-${i}`;
            await expectText(receiver, marker);
            sentAt[marker] = await send(sender, marker);
            await sender.waitForTimeout(gapMs);
          }
          const deadline = Date.now() + 10_000;
          let seen = await painted(receiver);
          while (Object.keys(sentAt).some((m) => !(m in seen)) && Date.now() < deadline) {
            await receiver.waitForTimeout(100);
            seen = await painted(receiver);
          }
          const latencies = Object.entries(sentAt).flatMap(([m, t]) => (m in seen ? [(seen[m] as number) - t] : []));
          const p95 = percentile(latencies, 95);
          console.log(
            `  ${latencies.length}/${count} painted; latency p50 ${f1(median(latencies))} ms, p95 ${f1(p95)} ms, ` +
              `max ${f1(max(latencies))} ms`,
          );
          return [
            check('every message painted', latencies.length === count, `${latencies.length}/${count}`),
            check('p95 sent → painted ≤ 100 ms', latencies.length > 0 && p95 <= TARGET_P95_MS, `${f1(p95)} ms`),
          ];
        } finally {
          await sender.context().close();
          await receiver.context().close();
        }
      },
    )),
  );
} finally {
  await h.close();
  await live.close();
}
finish(all);
