import type { DanmakuRing, DanmakuSlot } from '@livesell/core';

const cache = new WeakMap<readonly DanmakuSlot[], readonly DanmakuSlot[]>();

/**
 * H5: the same keyed slots, oldest → newest in the DOM as well, so a screen reader reads the chat
 * in order. Moving a node is cheap in a browser (one move per new row); keys never change.
 */
export function slotsInRenderOrder(ring: DanmakuRing): readonly DanmakuSlot[] {
  const cached = cache.get(ring.slots);
  if (cached) return cached;
  // The oldest slot is the one the next row will overwrite (empty slots first while filling).
  const start = ring.newestSeq % ring.slots.length;
  const ordered = start === 0 ? ring.slots : [...ring.slots.slice(start), ...ring.slots.slice(0, start)];
  cache.set(ring.slots, ordered);
  return ordered;
}
