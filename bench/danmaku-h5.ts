/**
 * `pnpm bench danmaku-h5 [--quick]`: the danmaku path under floods in Chromium (H5 build).
 *
 * The bench page (`pages/bench/index`) runs the production path — `TIMLiveSell` → room store →
 * `LiveRoomProvider` → `DanmakuList` — over a SIMULATED TIM layer that delivers `MESSAGE_RECEIVED`
 * batches every 20 ms (see demo-app/src/bench). In the page, a probe records every animation
 * frame and every long task (PerformanceObserver); the heap and DOM node count come from the
 * DevTools protocol after a full GC, before and after the flood. Each page first takes in 500
 * messages (warm-up), as a page that has been open a while would have.
 *
 * Long tasks are judged by main-thread CPU time from a Chrome trace (wall-clock ones are printed
 * beside it: on a shared machine the OS can pause the renderer far longer than its work takes).
 *
 * Targets (docs/guides/performance.md): 1,000 msgs/s for 60 s → p95 frame ≤ 16.8 ms, no long task > 50 ms;
 * 10,000 msgs/s for 10 s → ≥ 55 fps, heap and DOM flat, every message counted; one burst of 2,000
 * messages in a single MESSAGE_RECEIVED → no task > 50 ms. `--quick` runs 10 s instead of 60 s.
 * A scenario that misses is run once more (shared machine); the load average is printed.
 *
 * Needs the H5 bench build: `pnpm build:bench`.
 */
import { parseArgs } from 'node:util';
import { accountingCheck } from './lib/accounting';
import { frameFigures, type H5Run, runH5Flood, startBenchBrowser } from './lib/h5-bench-page';
import { type Check, check, finish, withRetry } from './lib/report';
import { f1, max, mb, median, percentile } from './lib/stats';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const longSeconds = values.quick ? 10 : 60;

const FRAME_P95_MS = 16.8;
const LONG_TASK_MS = 50;
const MIN_FPS = 55;
/** Retained heap after the flood, after GC: a leak of one object per message would be tens of MB. */
const HEAP_GROWTH_BYTES = 2 * 1024 * 1024;
/**
 * Elements on the page once the ring is full (sampled each second from the 2nd second on) may vary
 * with merge counts and badges, never grow with the message count: at 10,000 msgs/s a list that
 * kept rows would add thousands a second.
 */
const ELEMENT_DRIFT = 100;

function figures(run: H5Run) {
  const { intervals, fps } = frameFigures(run.probe.frames);
  const tasks = run.probe.longTasks.map((t) => t.duration);
  const elements = run.probe.elements.map(([, n]) => n);
  const settled = elements.slice(2);
  return {
    intervals,
    fps,
    p50: median(intervals),
    p95: percentile(intervals, 95),
    worst: max(intervals),
    longTasks: tasks.length,
    longest: max(tasks),
    heapGrowth: run.heapAfter - run.heapBefore,
    elementDrift: settled.length ? Math.max(...settled) - Math.min(...settled) : 0,
    elementsRange: `${Math.min(...elements)}–${Math.max(...elements)}`,
  };
}

function describe(run: H5Run): string {
  const f = figures(run);
  return (
    `  ${f.intervals.length} frames, ${f1(f.fps)} fps; frame p50 ${f1(f.p50)} ms, p95 ${f.p95.toFixed(2)} ms, worst ${f1(f.worst)} ms; ` +
    `long tasks ${f.longTasks}${f.longTasks ? ` (longest ${f1(f.longest)} ms)` : ''}; ` +
    `main-thread tasks ${run.tasks.count}, longest ${f1(run.tasks.maxWallMs)} ms wall / ${f1(run.tasks.maxCpuMs)} ms CPU; ` +
    `slowest MESSAGE_RECEIVED handler ${f1(run.result.maxDeliverMs)} ms\n` +
    `  heap after GC ${mb(run.heapBefore)} → ${mb(run.heapAfter)}; DOM nodes ${run.nodesBefore} → ${run.nodesAfter}, ` +
    `elements during the flood ${f.elementsRange}`
  );
}

/**
 * No task of the page's over 50 ms, judged by the CPU time the renderer's main thread spent in it.
 * Wall-clock long tasks (what a PerformanceObserver sees) are reported beside it: on this shared
 * 2-core machine the OS deschedules the renderer for 100 ms and more while it does 5 ms of work.
 */
function longTaskCheck(run: H5Run): Check {
  const t = run.tasks;
  const wall = figures(run);
  const observed = wall.longTasks
    ? `${wall.longTasks} wall-clock long task(s) observed (longest ${f1(wall.longest)} ms)`
    : 'no wall-clock long task observed';
  return check(
    `no task > ${LONG_TASK_MS} ms of main-thread work`,
    t.count > 0 && t.cpuOver50 === 0,
    t.count === 0
      ? 'no main-thread tasks traced'
      : `${t.cpuOver50} over ${LONG_TASK_MS} ms CPU, longest ${f1(t.maxCpuMs)} ms CPU; ${observed}`,
  );
}

const h = await startBenchBrowser();
const all: Check[] = [];
try {
  all.push(
    ...(await withRetry(`H5 intake: 1,000 msgs/s × ${longSeconds} s`, async () => {
      const run = await runH5Flood(h, { rate: 1000, seconds: longSeconds, burst: 0 });
      const f = figures(run);
      console.log(describe(run));
      return [
        check('p95 frame ≤ 16.8 ms', f.p95 <= FRAME_P95_MS, `${f.p95.toFixed(2)} ms`),
        longTaskCheck(run),
        accountingCheck(run.result),
      ];
    })),
  );
  all.push(
    ...(await withRetry('H5 flood: 10,000 msgs/s × 10 s', async () => {
      const run = await runH5Flood(h, { rate: 10_000, seconds: 10, burst: 0 });
      const f = figures(run);
      console.log(describe(run));
      return [
        check('≥ 55 fps', f.fps >= MIN_FPS, `${f1(f.fps)} fps`),
        check('heap flat (≤ 2 MB retained after GC)', f.heapGrowth <= HEAP_GROWTH_BYTES, mb(f.heapGrowth)),
        check(
          `DOM flat (elements vary ≤ ${ELEMENT_DRIFT} once the ring is full)`,
          f.elementDrift <= ELEMENT_DRIFT,
          `${f.elementDrift}`,
        ),
        accountingCheck(run.result),
      ];
    })),
  );
  all.push(
    ...(await withRetry('H5 burst: 2,000 messages in one MESSAGE_RECEIVED', async () => {
      const run = await runH5Flood(h, { rate: 0, seconds: 0, burst: 2000 });
      console.log(describe(run));
      return [longTaskCheck(run), accountingCheck(run.result)];
    })),
  );
} finally {
  await h.close();
}
finish(all);
