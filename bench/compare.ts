/**
 * `pnpm bench compare [--seconds 10] [--only h5|weapp]`: our `DanmakuList` beside a naive Taro chat
 * list, in one run (`--only`: one platform's scenarios).
 *
 * The naive list (demo-app/src/bench/naive-chat-list.tsx) is written the way Taro's docs and most
 * apps write a chat list: a state array appended to on every message and trimmed to the last 200,
 * rendered with `map` inside a `ScrollView` that scrolls the newest row into view. Both lists sit
 * on the same bench page (`pages/bench/index`, `?list=naive` for the baseline) over the same
 * `TIMLiveSell` and the same simulated message feed (demo-app/src/bench/flood-messages.ts); the
 * page is otherwise identical (viewer count, like button, the room store for both).
 *
 * - H5, in one Chromium, at 500 and 2,000 msgs/s: fps, p95 frame interval, and the longest
 *   main-thread task by its CPU time from a Chrome trace (the wall-clock longest is printed beside
 *   it: on a shared machine the OS can pause the renderer far longer than its work takes).
 * - weapp, in the runtime harness of tests/weapp, at the same rates: `setData` calls per second
 *   (the most in any one second, as WeChat's audit counts them and `pnpm bench danmaku-weapp`
 *   judges them; the mean is printed beside it — a list whose renders saturate the logic thread
 *   makes fewer, larger calls), bytes per second, and the p95 payload of a call — the page's whole
 *   traffic to the view layer.
 *
 * Each figure is printed for both lists with the ratio (how many times better ours is: naive ÷
 * ours for costs, ours ÷ naive for fps). The benchmark fails unless ours is ahead on every figure
 * (fps and p95 frame may instead be a tie when both lists sit at the 60 Hz display's ceiling: a
 * quiet machine draws a naive list at 500 msgs/s at 60 fps too, and nothing can beat the display),
 * or when a flood loses a message (store accounting). The two lists alternate which runs first; a
 * scenario that misses runs once more (both lists), as the other benchmarks do.
 *
 * Needs the bench builds: `pnpm build:bench` (or `pnpm --filter demo-app build:bench:h5` /
 * `build:bench:weapp`; `--only weapp` needs only the weapp one, which `pnpm build:demo` also makes).
 */
import { parseArgs } from 'node:util';
import type { BrowserHarness } from '../tests/browser/harness';
import { WEAPP_BENCH_DIST } from '../tests/weapp/harness';
import { accountingCheck } from './lib/accounting';
import { frameFigures, type H5Run, runH5Flood, startBenchBrowser } from './lib/h5-bench-page';
import { type Check, check, finish, machineLoad, printChecks } from './lib/report';
import { snapshotDist } from './lib/snapshot';
import { f1, percentile } from './lib/stats';
import { runWeappFlood, toBenchResult } from './lib/weapp-flood';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '10' }, only: { type: 'string' } },
});
const seconds = Math.max(2, Number(values.seconds) || 10);
if (values.only !== undefined && values.only !== 'h5' && values.only !== 'weapp') {
  console.error(`--only takes h5 or weapp, not ${JSON.stringify(values.only)}`);
  process.exit(2);
}
const runs = (platform: 'h5' | 'weapp') => values.only === undefined || values.only === platform;
const RATES = [500, 2000];

type List = 'ours' | 'naive';
const query = (list: List): Record<string, string> => (list === 'naive' ? { list: 'naive' } : {});

/** A figure of both lists; `higher`: more is better (fps), else less is better. */
interface Figure {
  name: string;
  unit: string;
  ours: number;
  naive: number;
  higher?: boolean;
  digits?: number;
  /**
   * The display's limit for this figure (60 Hz: 60 fps, a 16.7 ms frame). When both lists are at
   * it, neither can be ahead: the figure is a tie at the ceiling, printed as such, not a miss.
   */
  ceiling?: number;
}

/** Slack for the ceiling: a 60 Hz display measures 59.x fps and 16.7–16.8 ms frames. */
const CEILING_SLACK = 0.02;
function atCeiling(f: Figure, value: number): boolean {
  if (f.ceiling === undefined) return false;
  return f.higher ? value >= f.ceiling * (1 - CEILING_SLACK) : value <= f.ceiling * (1 + CEILING_SLACK);
}

/** How many times better ours is (> 1: ahead). */
function ratio(f: Figure): number {
  const [good, bad] = f.higher ? [f.ours, f.naive] : [f.naive, f.ours];
  if (bad === 0) return good === 0 ? 1 : Number.POSITIVE_INFINITY;
  return good / bad;
}

const fmtRatio = (r: number) => (Number.isFinite(r) ? `${r >= 10 ? r.toFixed(0) : r.toFixed(2)}×` : '∞');

function table(title: string, figures: readonly Figure[]): Check[] {
  console.log(`\n${title}  [${machineLoad()}]`);
  console.log(
    `  ${'figure'.padEnd(40)}${'DanmakuList'.padStart(14)}${'naive list'.padStart(14)}${'ratio'.padStart(10)}`,
  );
  const checks: Check[] = [];
  for (const f of figures) {
    const r = ratio(f);
    const n = (v: number) => v.toFixed(f.digits ?? 1);
    const tie = r <= 1 && atCeiling(f, f.ours) && atCeiling(f, f.naive);
    console.log(
      `  ${`${f.name} (${f.unit})`.padEnd(40)}${n(f.ours).padStart(14)}${n(f.naive).padStart(14)}${fmtRatio(r).padStart(10)}${tie ? '  (both at the 60 Hz ceiling)' : ''}`,
    );
    checks.push(
      check(
        `${title}: ${f.name} ahead of the naive list${tie ? ' (tie: both at the display ceiling)' : ''}`,
        r > 1 || tie,
        `${n(f.ours)} vs ${n(f.naive)} ${f.unit}, ${fmtRatio(r)}`,
      ),
    );
  }
  return checks;
}

function h5Figures(run: H5Run) {
  const { intervals, fps } = frameFigures(run.probe.frames);
  return {
    fps,
    p95: percentile(intervals, 95),
    longestCpu: run.tasks.maxCpuMs,
    longestWall: run.tasks.maxWallMs,
  };
}

const all: Check[] = [];
const summary: string[] = [];

interface Outcome {
  checks: Check[];
  summary: string;
}

/**
 * Runs a scenario (both lists); when ours is not ahead on every figure, runs it once more and
 * keeps the second result, as the other benchmarks do (a shared machine has bad seconds). Both
 * runs are printed.
 */
async function scenario(run: () => Promise<Outcome>): Promise<void> {
  let outcome = await run();
  if (!outcome.checks.every((c) => c.ok)) {
    console.log(`  … missed, running both lists once more  [${machineLoad()}]`);
    outcome = await run();
  }
  all.push(...outcome.checks);
  summary.push(outcome.summary);
}

const page = (list: List) => (list === 'ours' ? 'DanmakuList' : 'naive');

async function h5Scenario(h: BrowserHarness, rate: number, order: List[]): Promise<Outcome> {
  const runs = {} as Record<List, H5Run>;
  for (const list of order) {
    runs[list] = await runH5Flood(h, { rate, seconds, burst: 0 }, { query: query(list) });
  }
  const ours = h5Figures(runs.ours);
  const naive = h5Figures(runs.naive);
  const title = `H5, ${rate.toLocaleString('en')} msgs/s × ${seconds} s`;
  const figures: Figure[] = [
    { name: 'fps', unit: 'frames/s', ours: ours.fps, naive: naive.fps, higher: true, ceiling: 60 },
    { name: 'p95 frame', unit: 'ms', ours: ours.p95, naive: naive.p95, ceiling: 1000 / 60 },
    { name: 'longest task', unit: 'ms CPU', ours: ours.longestCpu, naive: naive.longestCpu },
  ];
  const checks = table(title, figures);
  console.log(`  (longest task by wall clock: ours ${f1(ours.longestWall)} ms, naive ${f1(naive.longestWall)} ms)`);
  const counted = order.map((list) => {
    const c = accountingCheck(runs[list].result);
    c.what = `${title}: every message counted (${page(list)} page)`;
    return c;
  });
  printChecks(counted);
  return {
    checks: [...checks, ...counted],
    summary: `${title}: fps ${fmtRatio(ratio(figures[0]!))}, p95 frame ${fmtRatio(ratio(figures[1]!))}, longest task ${fmtRatio(ratio(figures[2]!))}`,
  };
}

interface WeappFigures {
  perSecond: number;
  bytesPerSecond: number;
  p95: number;
  maxPerSecond: number;
}

async function weappScenario(dist: string, rate: number, order: List[]): Promise<Outcome> {
  const figs = {} as Record<List, WeappFigures>;
  const checks: Check[] = [];
  const plan = { rate, seconds, burst: 0 };
  for (const list of order) {
    const run = await runWeappFlood(plan, dist, query(list));
    const bytes = run.records.map((r) => r.bytes);
    const total = bytes.reduce((a, b) => a + b, 0);
    figs[list] = {
      perSecond: run.meanPerSecond,
      bytesPerSecond: (total * 1000) / run.durationMs,
      p95: percentile(bytes, 95),
      maxPerSecond: run.maxPerSecond,
    };
    const counted = accountingCheck(toBenchResult(run.result, plan));
    counted.what = `weapp, ${rate} msgs/s: every message counted (${page(list)} page)`;
    checks.push(
      counted,
      check(
        `weapp, ${rate} msgs/s: no page errors (${page(list)} page)`,
        run.errors.length === 0,
        run.errors.length ? String(run.errors[0]) : 'none',
      ),
    );
  }
  const title = `weapp, ${rate.toLocaleString('en')} msgs/s × ${seconds} s`;
  const figures: Figure[] = [
    {
      name: 'setData calls, busiest second',
      unit: 'calls',
      ours: figs.ours.maxPerSecond,
      naive: figs.naive.maxPerSecond,
      digits: 0,
    },
    {
      name: 'setData bytes',
      unit: 'KB/s',
      ours: figs.ours.bytesPerSecond / 1024,
      naive: figs.naive.bytesPerSecond / 1024,
    },
    { name: 'p95 payload', unit: 'KB', ours: figs.ours.p95 / 1024, naive: figs.naive.p95 / 1024, digits: 2 },
  ];
  const compared = table(title, figures);
  console.log(`  (mean setData calls/s: ours ${f1(figs.ours.perSecond)}, naive ${f1(figs.naive.perSecond)})`);
  printChecks(checks);
  return {
    checks: [...compared, ...checks],
    summary: `${title}: setData calls in the busiest second ${fmtRatio(ratio(figures[0]!))}, bytes/s ${fmtRatio(ratio(figures[1]!))}, p95 payload ${fmtRatio(ratio(figures[2]!))}`,
  };
}

// The two lists alternate which goes first.
const orderFor = (i: number): List[] => (i % 2 === 0 ? ['ours', 'naive'] : ['naive', 'ours']);

if (runs('h5')) {
  const h = await startBenchBrowser();
  try {
    for (const [i, rate] of RATES.entries()) await scenario(() => h5Scenario(h, rate, orderFor(i)));
  } finally {
    await h.close();
  }
}

if (runs('weapp')) {
  // A snapshot of the build: a rebuild during the run cannot disturb it.
  const build = snapshotDist(WEAPP_BENCH_DIST, 'weapp-bench');
  try {
    for (const [i, rate] of RATES.entries()) await scenario(() => weappScenario(build.dir, rate, orderFor(i)));
  } finally {
    build.dispose();
  }
}

console.log(`\nDanmakuList vs the naive list (× better):\n  ${summary.join('\n  ')}`);
finish(all);
