/**
 * `pnpm bench soak [--minutes N] [--quick]`: a long show at the real service's rate in Chromium (H5).
 *
 * Target (docs/guides/performance.md): 60 min at 40 msgs/s (Tencent IM's per-group limit) → heap growth ≤ 5 MB
 * after GC, DOM nodes flat. The bench page runs the production path (TIMLiveSell → room store →
 * DanmakuList) over a SIMULATED TIM layer, as in `danmaku-h5`. The heap and DOM node count come from
 * the DevTools protocol after a full GC, before and after; the page's element count is sampled every
 * second during the run. Default 60 minutes; `--quick` runs 3, `--minutes N` any other length.
 *
 * Needs the H5 bench build: `pnpm build:bench`.
 */
import { parseArgs } from 'node:util';
import { accountingCheck } from './lib/accounting';
import { frameFigures, runH5Flood, startBenchBrowser } from './lib/h5-bench-page';
import { type Check, check, finish, withRetry } from './lib/report';
import { f1, mb } from './lib/stats';

const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, minutes: { type: 'string' } },
});
const minutes = values.minutes ? Number(values.minutes) : values.quick ? 3 : 60;
if (!Number.isFinite(minutes) || minutes <= 0) throw new Error('--minutes must be a positive number');

const RATE = 40;
const HEAP_GROWTH_BYTES = 5 * 1024 * 1024;
/** Chromium's DOM node count after GC may move with merge counts and badges, never with time. */
const NODE_DRIFT = 100;

const h = await startBenchBrowser();
let checks: Check[];
try {
  checks = await withRetry(`H5 soak: ${RATE} msgs/s × ${minutes} min`, async () => {
    const run = await runH5Flood(h, { rate: RATE, seconds: Math.round(minutes * 60), burst: 0 }, { trace: false });
    const { fps } = frameFigures(run.probe.frames);
    const elements = run.probe.elements.map(([, n]) => n).slice(2);
    const growth = run.heapAfter - run.heapBefore;
    const nodeDrift = run.nodesAfter - run.nodesBefore;
    console.log(
      `  ${f1(fps)} fps; heap after GC ${mb(run.heapBefore)} → ${mb(run.heapAfter)}; ` +
        `DOM nodes ${run.nodesBefore} → ${run.nodesAfter}; elements ${Math.min(...elements)}–${Math.max(...elements)}`,
    );
    return [
      check('heap growth ≤ 5 MB after GC', growth <= HEAP_GROWTH_BYTES, mb(growth)),
      check(`DOM nodes flat (drift ≤ ${NODE_DRIFT})`, Math.abs(nodeDrift) <= NODE_DRIFT, `${nodeDrift}`),
      accountingCheck(run.result),
    ];
  });
} finally {
  await h.close();
}
finish(checks);
