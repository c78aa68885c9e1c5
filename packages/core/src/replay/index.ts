/**
 * `@livesell/core/replay`: playback of a room that has been live — its recorded segments, the chat,
 * gifts, purchases and explained goods replayed at the playhead, and the goods as chapters. Not in
 * the root entry: a live-room page does not pay for it.
 */

export type {
  ReplayChapter,
  ReplayInfo,
  ReplaySegment,
  TimelineEvent,
  TimelineEventType,
  TimelinePage,
  TimelineQuery,
} from '../protocol/replay';
export { createReplayClient, type ReplayClient, type ReplayClientOptions, type ReplayFetch } from './client';
export {
  createReplayStore,
  type ReplayState,
  type ReplayStatus,
  type ReplayStore,
  type ReplayStoreOptions,
  type ReplayStoreStats,
  type ReplayWindowOptions,
} from './replay-store';
export { positionAt, type ReplayPosition, recordedDuration, serverTimeAt } from './timeline-map';
export { decodeReplayInfo, decodeTimelinePage } from './wire';
