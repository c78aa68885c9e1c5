/**
 * `pnpm bench likes [--quick]`: a viewer tapping the like button 20 times a second (H5, Chromium).
 *
 * The bench page's `LikeButton` over the real `TIMLiveSell` (like batching) and room store; the
 * SDK below is the simulated one, which records every message the viewer sends and when. In the
 * page, a timer clicks the button every 50 ms for 20 s (`--quick`: 6 s) while the hearts that are
 * rising are counted every 100 ms and animation frames are recorded.
 *
 * Targets (docs/guides/performance.md): ≤ 1 like message per 2 s, Low priority, carrying every tap (the counts
 * add up); ≤ 30 hearts on screen. Needs the H5 bench build: `pnpm build:bench`.
 */
import { parseArgs } from 'node:util';
import type { SentRecord } from '../demo-app/src/bench/bench-api';
import { BENCH_ROUTE, frameFigures, startBenchBrowser } from './lib/h5-bench-page';
import { type Check, check, finish, withRetry } from './lib/report';
import { f1, percentile } from './lib/stats';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const seconds = values.quick ? 6 : 20;
const TAP_MS = 50;
const WINDOW_MS = 2000;
/** Timers fire late, never early; this absorbs the send path's own few ms of jitter. */
const GAP_TOLERANCE_MS = 50;
const MAX_HEARTS = 30;

interface TapRun {
  taps: number;
  maxHearts: number;
  frames: number[];
}

const TAPPER = (durationMs: number, tapMs: number) => `new Promise((resolve) => {
  const button = document.querySelector('.ls-like__button');
  const rising = () => document.querySelectorAll('.ls-like__heart--rise0, .ls-like__heart--rise1').length;
  let taps = 0;
  let maxHearts = 0;
  const frames = [];
  let running = true;
  const loop = (t) => { if (running) { frames.push(t); requestAnimationFrame(loop); } };
  requestAnimationFrame(loop);
  const tapper = setInterval(() => { button.click(); taps++; }, ${tapMs});
  const sampler = setInterval(() => { maxHearts = Math.max(maxHearts, rising()); }, 100);
  setTimeout(() => {
    clearInterval(tapper);
    clearInterval(sampler);
    running = false;
    resolve({ taps, maxHearts, frames });
  }, ${durationMs});
})`;

const h = await startBenchBrowser();
const all: Check[] = [];
try {
  all.push(
    ...(await withRetry(`likes: ${1000 / TAP_MS} taps/s for ${seconds} s`, async () => {
      const page = await h.newPage();
      try {
        await page.goto(h.pageUrl(BENCH_ROUTE, { rate: '0', seconds: '0' }));
        await page.locator('.bench-page[data-state="ready"]').waitFor({ timeout: 30_000 });
        await page.locator('.ls-like__button').waitFor();
        const run = (await page.evaluate(TAPPER(seconds * 1000, TAP_MS))) as TapRun;
        // The last window's taps go out when it closes.
        await page.waitForTimeout(WINDOW_MS + 500);
        const sent = (await page.evaluate('window.__livesellBench.sent()')) as SentRecord[];
        const likes = sent.filter((s) => s.kind === 'LIKE');
        const gaps = likes.slice(1).map((s, i) => s.at - (likes[i] as SentRecord).at);
        const minGap = gaps.length ? Math.min(...gaps) : Number.POSITIVE_INFINITY;
        // The original im-live-sells component's wire format: an empty description is one tap.
        const carried = likes.reduce((n, s) => n + (s.description === '' ? 1 : Number(s.description)), 0);
        const { intervals, fps } = frameFigures(run.frames);
        console.log(
          `  ${run.taps} taps → ${likes.length} like messages (min gap ${gaps.length ? `${minGap} ms` : 'n/a'}), ` +
            `carrying ${carried} taps; hearts rising at most ${run.maxHearts}; ` +
            `${f1(fps)} fps, frame p95 ${f1(percentile(intervals, 95))} ms while tapping`,
        );
        return [
          check(
            '≤ 1 like message per 2 s',
            minGap >= WINDOW_MS - GAP_TOLERANCE_MS && likes.length <= Math.ceil((seconds * 1000) / WINDOW_MS) + 1,
            `${likes.length} messages, min gap ${gaps.length ? `${minGap} ms` : 'n/a'}`,
          ),
          check(
            'likes are Low priority',
            likes.length > 0 && likes.every((s) => s.priority === 'Low'),
            [...new Set(likes.map((s) => s.priority))].join(', ') || 'none sent',
          ),
          check('every tap carried (counts add up)', carried === run.taps, `${carried} of ${run.taps}`),
          check(
            `≤ ${MAX_HEARTS} hearts on screen`,
            run.maxHearts <= MAX_HEARTS && run.maxHearts > 0,
            `${run.maxHearts}`,
          ),
        ];
      } finally {
        await page.context().close();
      }
    })),
  );
} finally {
  await h.close();
}
finish(all);
