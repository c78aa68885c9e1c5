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

  it('timerScheduler waits floodMs while flooding commits follow each other, and ms after a quiet spell', () => {
    const clock = createManualClock();
    const schedule = timerScheduler(50, clock, 100);
    const runs: number[] = [];
    const commit = () => runs.push(clock.now());
    // The first commit: nothing committed before, so even a flooding store gets 50 ms.
    schedule(commit, true);
    clock.advance(50);
    expect(runs).toEqual([50]);
    // Flooding, right after a commit: 100 ms.
    schedule(commit, true);
    clock.advance(99);
    expect(runs).toEqual([50]);
    clock.advance(1);
    expect(runs).toEqual([50, 150]);
    // Not flooding: back to 50 ms.
    clock.advance(10);
    schedule(commit, false);
    clock.advance(50);
    expect(runs).toEqual([50, 150, 210]);
    // Flooding reported, but nothing came within 50 ms of the last commit: a quiet message, 50 ms.
    clock.advance(50);
    schedule(commit, true);
    clock.advance(50);
    expect(runs).toEqual([50, 150, 210, 310]);
  });

  it('timerScheduler commits at most 10 times a second under a steady flood', () => {
    const clock = createManualClock();
    const schedule = timerScheduler(50, clock, 100);
    const runs: number[] = [];
    let pending = false;
    const commit = () => {
      pending = false;
      runs.push(clock.now());
    };
    // An event every 5 ms; each asks for a commit unless one is pending, flooding after the first.
    for (let t = 0; t < 2000; t += 5) {
      if (!pending) {
        pending = true;
        schedule(commit, runs.length > 0);
      }
      clock.advance(5);
    }
    expect(runs.filter((t) => t >= 1000 && t < 2000).length).toBeLessThanOrEqual(10);
    expect(runs.filter((t) => t >= 1000 && t < 2000).length).toBeGreaterThanOrEqual(9);
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

  it('uses a 50 ms timer in a mini program even when rAF is polyfilled, 100 ms while flooding', () => {
    vi.useFakeTimers();
    try {
      const raf = vi.fn(() => 1);
      vi.stubGlobal('requestAnimationFrame', raf);
      vi.stubGlobal('wx', { setStorageSync: () => undefined });
      const run = vi.fn();
      const schedule = defaultScheduler();
      schedule(run);
      vi.advanceTimersByTime(49);
      expect(run).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(run).toHaveBeenCalledTimes(1);
      // A flooding store, right after that commit: 100 ms.
      schedule(run, true);
      vi.advanceTimersByTime(99);
      expect(run).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(1);
      expect(run).toHaveBeenCalledTimes(2);
      expect(raf).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });
});
