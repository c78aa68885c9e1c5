import { describe, expect, it } from 'vitest';
import { createManualClock } from '../clock';
import { createLikeBatcher } from './like-batcher';

function setup(windowMs = 2000) {
  const clock = createManualClock();
  const sent: Array<{ at: number; count: number; extension: string }> = [];
  const batcher = createLikeBatcher({
    clock,
    windowMs,
    send: async (count, extension) => {
      sent.push({ at: clock.now(), count, extension });
    },
  });
  return { clock, sent, batcher };
}

describe('LikeBatcher', () => {
  it('sends the first tap at once and the rest of the window as one count', () => {
    const { clock, sent, batcher } = setup();
    batcher.tap('a');
    clock.advance(100);
    batcher.tap('a');
    batcher.tap('b');
    expect(sent).toEqual([{ at: 0, count: 1, extension: 'a' }]);
    expect(batcher.pending).toBe(2);
    clock.advance(1900);
    expect(sent).toEqual([
      { at: 0, count: 1, extension: 'a' },
      { at: 2000, count: 2, extension: 'b' },
    ]);
    // The window after a send stays closed: a tap at 2500 waits until 4000.
    clock.advance(500);
    batcher.tap('c');
    expect(sent).toHaveLength(2);
    clock.advance(1500);
    expect(sent[2]).toEqual({ at: 4000, count: 1, extension: 'c' });
    // A quiet window ends the cycle: the next tap goes out at once again.
    clock.advance(2000);
    expect(clock.pending()).toBe(0);
    batcher.tap('d');
    expect(sent[3]).toEqual({ at: 6000, count: 1, extension: 'd' });
  });

  it('never sends more than one message per window under constant tapping', () => {
    const { clock, sent, batcher } = setup(2000);
    for (let t = 0; t < 60_000; t += 50) {
      batcher.tap('');
      clock.advance(50);
    }
    clock.advance(2000);
    for (let i = 1; i < sent.length; i++) {
      expect((sent[i]?.at ?? 0) - (sent[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(2000);
    }
    expect(sent.reduce((n, s) => n + s.count, 0)).toBe(1200);
  });

  it('flush sends pending taps now; dispose discards them and stops the timer', () => {
    const { clock, sent, batcher } = setup();
    batcher.tap('');
    batcher.tap('');
    batcher.tap('');
    void batcher.flush();
    expect(sent.map((s) => s.count)).toEqual([1, 2]);
    expect(clock.pending()).toBe(0);
    batcher.tap('');
    batcher.tap('');
    expect(batcher.dispose()).toBe(1);
    expect(clock.pending()).toBe(0);
  });
});
