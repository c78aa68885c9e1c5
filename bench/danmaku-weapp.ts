/**
 * `pnpm bench danmaku-weapp [--quick]`: what the danmaku path costs a WeChat page under floods.
 *
 * The weapp build of the bench page (`pages/bench/index`: `TIMLiveSell` → room store →
 * `LiveRoomProvider` → `DanmakuList`, fed by a SIMULATED TIM layer) runs in the weapp runtime
 * harness with real timers. Every `setData` the page makes is recorded with its keys and UTF-8
 * size, from the Start tap until the page shows its result.
 *
 * Targets (docs/guides/performance.md): the whole page ≤ 20 setData calls in any second, p95 payload ≤ 4 KB,
 * and list updates never re-send the list (no key is the list's children array or an ancestor of
 * it once the ring is full — the page is warmed up with 1,000 messages so it is full from the start),
 * under 1,000 msgs/s for 60 s (`--quick`: 10 s), 10,000 msgs/s for 10 s and a 2,000-message burst.
 *
 * Needs the weapp bench build: `pnpm build:bench`.
 */
import { parseArgs } from 'node:util';
import { WEAPP_BENCH_DIST } from '../tests/weapp/harness';
import { accountingCheck } from './lib/accounting';
import { type Check, check, finish, withRetry } from './lib/report';
import { snapshotDist } from './lib/snapshot';
import { f1, kb } from './lib/stats';
import { runWeappFlood, toBenchResult } from './lib/weapp-flood';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const longSeconds = values.quick ? 10 : 60;

const MAX_CALLS_PER_SECOND = 20;
const P95_BYTES = 4096;

async function scenario(plan: { rate: number; seconds: number; burst: number }): Promise<Check[]> {
  const run = await runWeappFlood(plan, build.dir);
  const result = toBenchResult(run.result, plan);
  console.log(
    `  ${run.records.length} setData calls in ${f1(run.durationMs / 1000)} s: max ${run.maxPerSecond} in any second, ` +
      `mean ${f1(run.meanPerSecond)}/s; payload p50 ${kb(run.p50Bytes)}, p95 ${kb(run.p95Bytes)}, max ${kb(run.maxBytes)}; ` +
      `slowest MESSAGE_RECEIVED handler ${f1(result.maxDeliverMs)} ms`,
  );
  return [
    check(
      `≤ ${MAX_CALLS_PER_SECOND} setData calls/s (whole page)`,
      run.maxPerSecond <= MAX_CALLS_PER_SECOND,
      `max ${run.maxPerSecond} in any second`,
    ),
    check('p95 payload ≤ 4 KB', run.p95Bytes <= P95_BYTES, kb(run.p95Bytes)),
    check(
      'list never re-sent once the ring is full',
      run.emptySlotsAtStart === 0 && run.resends.length === 0,
      run.emptySlotsAtStart
        ? `${run.emptySlotsAtStart} empty slots at the start`
        : run.resends.length
          ? `${run.resends.length} keys, e.g. ${run.resends[0]}`
          : `no key at or above ${run.listPath.join('.')}.cn`,
    ),
    check('no page errors', run.errors.length === 0, run.errors.length ? String(run.errors[0]) : 'none'),
    accountingCheck(result),
  ];
}

// A snapshot of the build: a rebuild during the run cannot disturb it.
const build = snapshotDist(WEAPP_BENCH_DIST, 'weapp');
const all: Check[] = [];
all.push(
  ...(await withRetry(`weapp intake: 1,000 msgs/s × ${longSeconds} s`, () =>
    scenario({ rate: 1000, seconds: longSeconds, burst: 0 }),
  )),
);
all.push(
  ...(await withRetry('weapp flood: 10,000 msgs/s × 10 s', () => scenario({ rate: 10_000, seconds: 10, burst: 0 }))),
);
all.push(
  ...(await withRetry('weapp burst: 2,000 messages in one MESSAGE_RECEIVED', () =>
    scenario({ rate: 0, seconds: 0, burst: 2000 }),
  )),
);
build.dispose();
finish(all);
