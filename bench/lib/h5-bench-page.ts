import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import type { BenchResult } from '../../demo-app/src/bench/bench-api';
import type { FloodPlan } from '../../demo-app/src/bench/flood-driver';
import { type BrowserHarness, H5_BENCH_DIST, startBrowser } from '../../tests/browser/harness';
import type { DemoConfig } from '../../tests/support/demo-site';
import { PROBE_SOURCE, type ProbeResult } from './frame-probe';
import { type MainThreadTasks, startMainThreadTrace } from './main-thread-trace';
import { snapshotDist } from './snapshot';

export const BENCH_ROUTE = 'pages/bench/index';

/** Fails early, with the fix, when the H5 build predates the bench page. */
export function assertBenchPageBuilt(dist = H5_BENCH_DIST): void {
  const js = join(dist, 'js');
  let found = false;
  try {
    found = readdirSync(js).some((f) => f.endsWith('.js') && readFileSync(join(js, f), 'utf8').includes(BENCH_ROUTE));
  } catch {
    found = false;
  }
  if (!found) {
    throw new Error(`the H5 bench build has no ${BENCH_ROUTE}: run \`pnpm build:bench\` first`);
  }
}

/** Chromium over a snapshot of the H5 bench build (a rebuild during the run cannot disturb it). */
export async function startBenchBrowser(options: { server?: DemoConfig } = {}): Promise<BrowserHarness> {
  assertBenchPageBuilt();
  const snapshot = snapshotDist(H5_BENCH_DIST, 'h5');
  const h = await startBrowser({ dist: snapshot.dir, server: options.server });
  return {
    ...h,
    async close() {
      await h.close();
      snapshot.dispose();
    },
  };
}

export interface H5Run {
  probe: ProbeResult;
  /** The renderer's main-thread tasks during the flood, wall and CPU time. */
  tasks: MainThreadTasks;
  result: BenchResult;
  /** JS heap after a full GC, before and after the flood (bytes). */
  heapBefore: number;
  heapAfter: number;
  /** DOM nodes (Chromium's count) after a full GC, before and after. */
  nodesBefore: number;
  nodesAfter: number;
}

async function settledHeap(cdp: CDPSession): Promise<{ heap: number; nodes: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const nodes = metrics.find((m) => m.name === 'Nodes')?.value ?? 0;
  return { heap: usedSize, nodes };
}

const NO_TASKS: MainThreadTasks = { count: 0, wallOver50: 0, cpuOver50: 0, maxWallMs: 0, maxCpuMs: 0 };

/** Messages the page takes in before it reports ready, so the measured flood meets warm code. */
export const WARMUP_MESSAGES = 500;

/**
 * Opens the bench page, runs one flood with the probe on, and collects every figure. `trace: false`
 * skips the Chrome trace (an hour-long soak would make a trace of gigabytes); `tasks` is then empty.
 * `query` adds page parameters (`{ list: 'naive' }`: the baseline list of `pnpm bench compare`).
 */
export async function runH5Flood(
  h: BrowserHarness,
  plan: Omit<FloodPlan, 'tickMs'>,
  options: { trace?: boolean; query?: Record<string, string> } = {},
): Promise<H5Run> {
  const page: Page = await h.newPage();
  try {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const query = {
      rate: String(plan.rate),
      seconds: String(plan.seconds),
      burst: String(plan.burst),
      warmup: String(WARMUP_MESSAGES),
      ...options.query,
    };
    await page.goto(h.pageUrl(BENCH_ROUTE, query));
    await page.locator('.bench-page[data-state="ready"]').waitFor({ timeout: 30_000 });
    await page.evaluate(PROBE_SOURCE);
    // Let first-load work (fonts, lazy chunks) finish before measuring.
    await page.waitForTimeout(1000);
    const before = await settledHeap(cdp);
    const stopTrace = options.trace === false ? async () => NO_TASKS : await startMainThreadTrace(cdp);
    const started = await page.evaluate(
      `(() => { window.__benchProbe.start(); return window.__livesellBench.start(); })()`,
    );
    if (started !== true) throw new Error('the bench page refused to start');
    await page.locator('.bench-page[data-state="done"]').waitFor({ timeout: (plan.seconds + 60) * 1000 });
    const probe = (await page.evaluate('window.__benchProbe.stop()')) as ProbeResult;
    const tasks = await stopTrace();
    const result = (await page.evaluate('window.__livesellBench.result()')) as BenchResult;
    const after = await settledHeap(cdp);
    return {
      probe,
      tasks,
      result,
      heapBefore: before.heap,
      heapAfter: after.heap,
      nodesBefore: before.nodes,
      nodesAfter: after.nodes,
    };
  } finally {
    await page.context().close();
  }
}

/** Frame figures from rAF timestamps. */
export function frameFigures(frames: readonly number[]) {
  const intervals: number[] = [];
  for (let i = 1; i < frames.length; i++) intervals.push((frames[i] as number) - (frames[i - 1] as number));
  const span = frames.length > 1 ? (frames[frames.length - 1] as number) - (frames[0] as number) : 0;
  return { intervals, fps: span > 0 ? (intervals.length * 1000) / span : 0 };
}
