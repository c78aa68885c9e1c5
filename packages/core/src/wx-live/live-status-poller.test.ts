import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../clock';
import { LiveSellError } from '../errors';
import { createLiveStatusGate, createLiveStatusPoller, type LiveStatusPollerOptions } from './live-status-poller';
import { livePlayerPluginFetcher } from './plugin';
import { createVisibilitySource, documentVisibility } from './visibility';

const MIN = 60_000;

/** A fetcher whose calls the test settles by hand, recording when each call was made. */
function controlledFetcher(clock: { now(): number }) {
  const calls: number[] = [];
  const pending: Array<{ resolve(v: number): void; reject(e: unknown): void }> = [];
  const fetchStatus = (roomId: number) => {
    expect(roomId).toBe(7);
    calls.push(clock.now());
    return new Promise<number>((resolve, reject) => pending.push({ resolve, reject }));
  };
  return {
    calls,
    fetchStatus,
    async resolve(status = 101) {
      pending.shift()?.resolve(status);
      await flush();
    },
    async reject(error: unknown = new Error('boom')) {
      pending.shift()?.reject(error);
      await flush();
    },
    pendingCount: () => pending.length,
  };
}

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

function setup(extra: Partial<LiveStatusPollerOptions> = {}) {
  const clock = createManualClock(0);
  const fetcher = controlledFetcher(clock);
  const visibility = createVisibilitySource(true);
  const statuses: number[] = [];
  const errors: LiveSellError[] = [];
  const poller = createLiveStatusPoller({
    roomId: 7,
    fetchStatus: fetcher.fetchStatus,
    clock,
    visibility,
    onStatus: (s) => statuses.push(s),
    onError: (e) => errors.push(e),
    ...extra,
  });
  return { clock, fetcher, visibility, poller, statuses, errors };
}

function assertSpacing(calls: number[]) {
  for (let i = 1; i < calls.length; i++) {
    expect(calls[i]! - calls[i - 1]!).toBeGreaterThanOrEqual(MIN);
  }
}

describe('getLiveStatus poller', () => {
  it('calls at once on start, then once a minute', async () => {
    const { clock, fetcher, poller, statuses } = setup();
    poller.start();
    expect(fetcher.calls).toEqual([0]);
    await fetcher.resolve(102);
    clock.advance(MIN - 1);
    expect(fetcher.calls).toHaveLength(1);
    clock.advance(1);
    await fetcher.resolve(101);
    clock.advance(MIN);
    await fetcher.resolve(101);
    expect(fetcher.calls).toEqual([0, MIN, 2 * MIN]);
    expect(statuses).toEqual([102, 101, 101]);
  });

  it('raises an interval below one minute to one minute', async () => {
    const { clock, fetcher, poller } = setup({ intervalMs: 1_000 });
    poller.start();
    await fetcher.resolve();
    clock.advance(30_000);
    expect(fetcher.calls).toHaveLength(1);
    clock.advance(30_000);
    expect(fetcher.calls).toHaveLength(2);
  });

  it('refresh and restart never call sooner than a minute after the last call', async () => {
    const { clock, fetcher, poller } = setup();
    poller.start();
    await fetcher.resolve();
    clock.advance(10_000);
    poller.refresh();
    poller.stop();
    poller.start();
    poller.refresh();
    expect(fetcher.calls).toEqual([0]);
    clock.advance(50_000);
    expect(fetcher.calls).toEqual([0, MIN]);
  });

  it('backs off on errors, doubling up to the cap, and resets after a success', async () => {
    const { clock, fetcher, poller, errors } = setup({ maxBackoffMs: 4 * MIN, timeoutMs: 30 * MIN });
    poller.start();
    for (let i = 0; i < 4; i++) {
      await fetcher.reject();
      clock.advance(4 * MIN);
    }
    // After failure n the next call waits min(2^n, 4) minutes from the previous call's start.
    expect(fetcher.calls).toEqual([0, 2 * MIN, 6 * MIN, 10 * MIN, 14 * MIN]);
    expect(errors).toHaveLength(4);
    expect(errors.every((e) => LiveSellError.is(e, 'REMOTE'))).toBe(true);
    expect(poller.getSnapshot().failures).toBe(4);
    await fetcher.resolve(101);
    expect(poller.getSnapshot().failures).toBe(0);
    // The regular minute has already passed since the last start: the next call is immediate.
    expect(fetcher.calls.at(-1)).toBe(16 * MIN);
    await fetcher.resolve(101);
    clock.advance(MIN);
    expect(fetcher.calls.at(-1)).toBe(17 * MIN);
  });

  it('treats a non-code answer and a timeout as failures', async () => {
    const { clock, fetcher, poller, errors, statuses } = setup({ timeoutMs: 5_000 });
    poller.start();
    await fetcher.resolve(999);
    expect(errors[0]?.message).toMatch(/not a live status code/);
    clock.advance(2 * MIN);
    expect(fetcher.calls).toHaveLength(2);
    clock.advance(5_000);
    expect(errors[1]).toMatchObject({ code: 'NETWORK' });
    await fetcher.resolve(101); // the late answer of the timed-out call is dropped
    expect(statuses).toEqual([]);
  });

  it('stops while the page is hidden and resumes when shown', async () => {
    const { clock, fetcher, poller, visibility } = setup();
    poller.start();
    await fetcher.resolve();
    visibility.set(false);
    clock.advance(10 * MIN);
    expect(fetcher.calls).toEqual([0]);
    expect(poller.getSnapshot().nextCallAt).toBeNull();
    visibility.set(true);
    expect(fetcher.calls).toEqual([0, 10 * MIN]);
  });

  it('does not start while hidden; showing within the minute waits for it', async () => {
    const { clock, fetcher, poller, visibility } = setup();
    visibility.set(false);
    poller.start();
    expect(fetcher.calls).toEqual([]);
    visibility.set(true);
    await fetcher.resolve();
    visibility.set(false);
    clock.advance(20_000);
    visibility.set(true);
    expect(fetcher.calls).toEqual([0]);
    clock.advance(40_000);
    expect(fetcher.calls).toEqual([0, MIN]);
  });

  it('a shared gate holds the limit across pollers for the same room', async () => {
    const gate = createLiveStatusGate();
    const a = setup({ gate });
    a.poller.start();
    await a.fetcher.resolve();
    a.poller.destroy();
    const b = controlledFetcher(a.clock);
    const second = createLiveStatusPoller({ roomId: 7, fetchStatus: b.fetchStatus, clock: a.clock, gate });
    a.clock.advance(30_000);
    second.start();
    expect(b.calls).toEqual([]);
    a.clock.advance(30_000);
    expect(b.calls).toEqual([MIN]);
    second.destroy();
  });

  it('destroy cancels timers and drops late answers', async () => {
    const { clock, fetcher, poller, statuses } = setup();
    poller.start();
    poller.destroy();
    await fetcher.resolve(101);
    expect(statuses).toEqual([]);
    expect(clock.pending()).toBe(0);
  });

  it('never calls more than once a minute under any sequence of operations', async () => {
    const op = fc.oneof(
      fc.constant({ kind: 'start' as const }),
      fc.constant({ kind: 'stop' as const }),
      fc.constant({ kind: 'refresh' as const }),
      fc.constant({ kind: 'hide' as const }),
      fc.constant({ kind: 'show' as const }),
      fc.constant({ kind: 'resolve' as const }),
      fc.constant({ kind: 'reject' as const }),
      fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 3 * MIN }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 60 }), fc.boolean(), async (ops, sharedGate) => {
        const clock = createManualClock(0);
        const fetcher = controlledFetcher(clock);
        const visibility = createVisibilitySource(true);
        const gate = createLiveStatusGate();
        const make = () =>
          createLiveStatusPoller({
            roomId: 7,
            fetchStatus: fetcher.fetchStatus,
            clock,
            visibility,
            timeoutMs: 20_000,
            ...(sharedGate ? { gate } : {}),
          });
        const poller = make();
        for (const o of ops) {
          switch (o.kind) {
            case 'start':
              poller.start();
              break;
            case 'stop':
              poller.stop();
              break;
            case 'refresh':
              poller.refresh();
              break;
            case 'hide':
              visibility.set(false);
              break;
            case 'show':
              visibility.set(true);
              break;
            case 'resolve':
              await fetcher.resolve(101);
              break;
            case 'reject':
              await fetcher.reject();
              break;
            case 'advance':
              clock.advance(o.ms);
              await flush();
              break;
          }
        }
        assertSpacing(fetcher.calls);
        poller.destroy();
      }),
      { numRuns: 300 },
    );
  });
});

describe('platform adapters', () => {
  it('livePlayerPluginFetcher reads liveStatus from the plugin', async () => {
    const fetch = livePlayerPluginFetcher({
      getLiveStatus: async ({ room_id }) => ({ liveStatus: room_id === 3 ? 105 : 102 }),
    });
    await expect(fetch(3)).resolves.toBe(105);
    const broken = livePlayerPluginFetcher({ getLiveStatus: async () => ({}) as { liveStatus: number } });
    await expect(broken(3)).rejects.toMatchObject({ code: 'REMOTE' });
  });

  it('documentVisibility follows visibilitychange', () => {
    const listeners = new Set<() => void>();
    const doc = {
      visibilityState: 'visible',
      addEventListener: (_: 'visibilitychange', fn: () => void) => listeners.add(fn),
      removeEventListener: (_: 'visibilitychange', fn: () => void) => listeners.delete(fn),
    };
    const source = documentVisibility(doc);
    const seen: boolean[] = [];
    const off = source.subscribe((v) => seen.push(v));
    doc.visibilityState = 'hidden';
    for (const fn of listeners) fn();
    expect(source.isVisible()).toBe(false);
    off();
    expect(listeners.size).toBe(0);
    expect(seen).toEqual([false]);
  });
});
