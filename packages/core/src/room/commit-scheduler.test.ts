import { afterEach, describe, expect, it, vi } from 'vitest';
import { createManualClock } from '../clock';
import { defaultScheduler, timerScheduler } from './commit-scheduler';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('commit schedulers', () => {
  it('timerScheduler runs once after its interval and can be cancelled', () => {
    const clock = createManualClock();
    const schedule = timerScheduler(50, clock);
    const runs: number[] = [];
    schedule(() => runs.push(clock.now()));
    const cancel = schedule(() => runs.push(-1));
    cancel?.();
    clock.advance(49);
    expect(runs).toEqual([]);
    clock.advance(1);
    expect(runs).toEqual([50]);
  });

  it('uses animation frames in a browser', () => {
    const raf = vi.fn((_fn: FrameRequestCallback) => 7);
    const caf = vi.fn();
    vi.stubGlobal('requestAnimationFrame', raf);
    vi.stubGlobal('cancelAnimationFrame', caf);
    const cancel = defaultScheduler()(() => undefined);
    expect(raf).toHaveBeenCalledTimes(1);
    cancel?.();
    expect(caf).toHaveBeenCalledWith(7);
  });

  it('uses a 50 ms timer in a mini program even when rAF is polyfilled', () => {
    vi.useFakeTimers();
    try {
      const raf = vi.fn(() => 1);
      vi.stubGlobal('requestAnimationFrame', raf);
      vi.stubGlobal('wx', { setStorageSync: () => undefined });
      const run = vi.fn();
      defaultScheduler()(run);
      vi.advanceTimersByTime(49);
      expect(run).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(run).toHaveBeenCalledTimes(1);
      expect(raf).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });
});
