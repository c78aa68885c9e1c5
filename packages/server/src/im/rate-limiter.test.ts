import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MessagePriority } from '../module';
import { PRIORITIES, PriorityRateLimiter } from './rate-limiter';

describe('PriorityRateLimiter', () => {
  it('admits at most 40 in any one-second window, whatever arrives', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.constantFrom(...PRIORITIES)), { maxLength: 600 }),
        (arrivals) => {
          const limiter = new PriorityRateLimiter();
          let now = 0;
          const admitted: number[] = [];
          for (const [gap, priority] of arrivals) {
            now += gap;
            if (limiter.admit(priority, now)) admitted.push(now);
          }
          for (let i = 40; i < admitted.length; i++) {
            expect((admitted[i] as number) - (admitted[i - 40] as number)).toBeGreaterThanOrEqual(1000);
          }
        },
      ),
    );
  });

  it('a room with only low-priority traffic still gets the full rate', () => {
    const limiter = new PriorityRateLimiter();
    let admitted = 0;
    for (let i = 0; i < 100; i++) if (limiter.admit('Low', i * 10)) admitted++;
    expect(admitted).toBe(40);
  });

  it('under overload keeps High whole and drops Lowest, Low, then Normal', () => {
    const limiter = new PriorityRateLimiter();
    const sent: Record<MessagePriority, number> = { High: 0, Normal: 0, Low: 0, Lowest: 0 };
    const got: Record<MessagePriority, number> = { High: 0, Normal: 0, Low: 0, Lowest: 0 };
    // 120 msgs/s for 10 s: 20 High, 40 Normal, 40 Low, 20 Lowest per second, interleaved.
    const cycle: MessagePriority[] = ['Low', 'Normal', 'High', 'Low', 'Normal', 'Lowest'];
    const highDroppedAt: number[] = [];
    for (let i = 0; i < 1200; i++) {
      const p = cycle[i % cycle.length] as MessagePriority;
      const now = Math.floor((i * 1000) / 120);
      sent[p]++;
      if (limiter.admit(p, now)) got[p]++;
      else if (p === 'High') highDroppedAt.push(now);
    }
    // Before High is first seen nothing is reserved for it, so the opening second may cost it a slot
    // or two; from then on none is lost.
    expect(highDroppedAt.filter((t) => t >= 1000)).toEqual([]);
    expect(sent.High - got.High).toBeLessThanOrEqual(2);
    expect(got.High + got.Normal + got.Low + got.Lowest).toBeLessThanOrEqual(400);
    expect(got.Normal).toBeGreaterThan(got.Low);
    expect(got.Low).toBeGreaterThanOrEqual(got.Lowest);
    // After the first second the window is full of High and Normal.
    expect(got.Low + got.Lowest).toBeLessThan(60);
  });
});
