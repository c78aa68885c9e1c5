import type { ReplaySegment } from '../protocol/replay';

/** Where a server time is in the recording: which segment, and the offset in it (seconds). */
export interface ReplayPosition {
  segment: number;
  /** Seconds from the start of that segment's video. */
  offset: number;
}

/** Server ms of `currentTime` seconds into segment `index` (`at = startedAt + currentTime * 1000`). */
export function serverTimeAt(segments: readonly ReplaySegment[], index: number, currentTime: number): number {
  const segment = segments[index];
  if (!segment) return 0;
  const offset = Number.isFinite(currentTime) && currentTime > 0 ? currentTime : 0;
  return segment.startedAt + Math.min(offset * 1000, segment.durationMs || offset * 1000);
}

/**
 * The segment and offset that show server time `at`. A time in a gap between two pushes (nothing
 * was recorded) lands at the start of the next segment; before the first, at its start; after the
 * last, at its end.
 */
export function positionAt(segments: readonly ReplaySegment[], at: number): ReplayPosition | null {
  if (segments.length === 0) return null;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    const end = s.startedAt + s.durationMs;
    if (at < s.startedAt) return { segment: i, offset: 0 };
    if (at < end) return { segment: i, offset: (at - s.startedAt) / 1000 };
  }
  const lastIndex = segments.length - 1;
  return { segment: lastIndex, offset: segments[lastIndex]!.durationMs / 1000 };
}

/** Total recorded duration in ms (gaps between pushes excluded). */
export function recordedDuration(segments: readonly ReplaySegment[]): number {
  let total = 0;
  for (const s of segments) total += s.durationMs;
  return total;
}
