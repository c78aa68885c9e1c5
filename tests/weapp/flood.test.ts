import { afterEach, describe, expect, it } from 'vitest';
import {
  BENCH_ROUTE,
  benchPhase,
  findNodePath,
  listResends,
  maxCallsPerSecond,
  parseResult,
  WARMUP_MESSAGES,
} from '../../bench/lib/weapp-flood';
import { loadWeapp, WEAPP_BENCH_DIST, type WeappRuntime } from './harness';

// The bench page's IM layer is simulated (a TimModule double delivering MESSAGE_RECEIVED batches
// at a fixed rate): no server can deliver 1,000 msgs/s to one room. TIMLiveSell, the room store,
// LiveRoomProvider and DanmakuList above it are the production code.

let runtime: WeappRuntime | undefined;
afterEach(() => {
  runtime?.close();
  runtime = undefined;
});

const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.95) - 1] ?? 0;

describe('weapp: danmaku flood on the bench page', () => {
  it('2,000 messages at 1,000 msgs/s: ≤ 12 setData calls a second, p95 payload ≤ 4 KB, the list never re-sent', async () => {
    runtime = loadWeapp({ dist: WEAPP_BENCH_DIST });
    const page = runtime.openPage(BENCH_ROUTE, { rate: '1000', seconds: '2', warmup: String(WARMUP_MESSAGES) });
    await page.waitFor(() => benchPhase(page) === 'ready' || undefined, 20_000);
    // Warmed up: every ring slot holds a row, so from here a new row can only replace one.
    expect(page.findAll('.ls-danmaku__row').length).toBe(50);
    expect(page.findAll('.ls-danmaku__row--empty')).toEqual([]);
    const listPath = findNodePath(page.instance.data, 'ls-danmaku__rows');
    expect(listPath).toBeDefined();

    const from = runtime.setDataLog.length;
    page.tap(page.get('button.bench-start'));
    const result = await page.waitFor(() => page.find('.bench-result'), 20_000);
    const calls = runtime.setDataLog.slice(from).filter((r) => r.route === BENCH_ROUTE);

    const { delivered, received, shown = 0, merged = 0, dropped = 0, pending = 0 } = parseResult(page.text(result));
    expect(delivered).toBe(2000);
    expect(received).toBe(2000);
    expect(shown + merged + dropped + pending).toBe(2000);
    // The flood reached the screen: the newest rows are from its last messages (indexes WARMUP_MESSAGES … + 1,999).
    const shownIndexes = page.findAll('.ls-danmaku__text').map((n) => Number(/#(\d+)/.exec(page.text(n))?.[1] ?? -1));
    expect(Math.max(...shownIndexes)).toBeGreaterThanOrEqual(2400);

    expect(calls.length).toBeGreaterThan(10);
    // A flood stretches the store's weapp commits from 50 to 100 ms: ≤ 10 a second, 2 to spare
    // for the page's other updates and timer jitter (the 50 ms cadence alone allows 20).
    expect(maxCallsPerSecond(calls)).toBeLessThanOrEqual(12);
    expect(p95(calls.map((c) => c.bytes))).toBeLessThanOrEqual(4096);
    expect(listResends(calls, listPath ?? [])).toEqual([]);
    expect(runtime.errors).toEqual([]);
  });
});
