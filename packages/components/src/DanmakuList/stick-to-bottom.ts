export interface ScrollMetrics {
  scrollTop: number;
  scrollHeight: number;
  /** 0 when unknown (not measured yet). */
  viewportHeight: number;
}

export interface StickState {
  /** Following new rows at the bottom. */
  pinned: boolean;
  lastTop: number;
}

/** Within this many px of the bottom counts as at the bottom. */
export const STICK_THRESHOLD = 24;

/**
 * After a scroll event: at the bottom → pinned; moved up → the viewer is reading, unpinned.
 * New rows only ever push content down (scrollTop never falls), and a shrinking list clamps the
 * viewport to the bottom, so neither unpins by itself.
 */
export function nextStick(prev: StickState, m: ScrollMetrics, threshold = STICK_THRESHOLD): StickState {
  const atBottom = m.viewportHeight > 0 && m.scrollHeight - m.scrollTop - m.viewportHeight <= threshold;
  if (atBottom) return { pinned: true, lastTop: m.scrollTop };
  if (m.scrollTop < prev.lastTop - 1) return { pinned: false, lastTop: m.scrollTop };
  return { pinned: prev.pinned, lastTop: m.scrollTop };
}
