/** One place a heart can float in. `gen` counts the hearts it has shown (0 = none yet). */
export interface HeartSlot {
  gen: number;
  bornAt: number;
  variant: number;
}

/**
 * Hearts on screen as a fixed set of slots (reused, never added or removed, so on weapp a tap
 * updates one node), plus the taps that found no free slot, merged into a counter.
 */
export interface HeartsState {
  slots: readonly HeartSlot[];
  /** Taps since the screen was last clear of hearts that got no heart of their own. */
  extra: number;
  taps: number;
}

export const HEART_VARIANTS = 5;

export function createHearts(cap: number): HeartsState {
  const slots: HeartSlot[] = [];
  for (let i = 0; i < Math.max(1, cap); i++) slots.push({ gen: 0, bornAt: 0, variant: 0 });
  return { slots, extra: 0, taps: 0 };
}

export function isRising(slot: HeartSlot, now: number, lifetimeMs: number): boolean {
  return slot.gen > 0 && now - slot.bornAt < lifetimeMs;
}

/** Hearts still rising at `now`. */
export function risingHearts(state: HeartsState, now: number, lifetimeMs: number): number {
  let n = 0;
  for (const slot of state.slots) if (isRising(slot, now, lifetimeMs)) n++;
  return n;
}

/** One tap: a heart in a free slot, or +1 on the counter when every slot is busy. */
export function tapHeart(state: HeartsState, now: number, lifetimeMs: number): HeartsState {
  const taps = state.taps + 1;
  const clear = risingHearts(state, now, lifetimeMs) === 0;
  const free = state.slots.findIndex((slot) => !isRising(slot, now, lifetimeMs));
  if (free < 0) return { slots: state.slots, extra: state.extra + 1, taps };
  const slots = state.slots.slice();
  slots[free] = { gen: (slots[free] as HeartSlot).gen + 1, bornAt: now, variant: taps % HEART_VARIANTS };
  return { slots, extra: clear ? 0 : state.extra, taps };
}
