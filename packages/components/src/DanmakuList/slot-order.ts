import type { DanmakuRing, DanmakuSlot } from '@livesell/core';

/**
 * weapp: the slots in place. The node list never moves, so a new message changes one slot (one
 * small setData); CSS `order: seq` sorts them on screen.
 */
export function slotsInRenderOrder(ring: DanmakuRing): readonly DanmakuSlot[] {
  return ring.slots;
}
