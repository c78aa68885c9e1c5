export {
  REPLAY_URL_TTL_SECONDS,
  type RecordingSegment,
  RecordingStore,
  ReplaySigner,
} from './recordings';
export {
  createReplayModule,
  type ReplayModuleOptions,
  type ReplaySegmentView,
  type ReplayView,
  replayModule,
  TIMELINE_PAGE_DEFAULT,
  TIMELINE_PAGE_MAX,
} from './replay-module';
export {
  type Chapter,
  DEFAULT_TIMELINE_LIMITS,
  type NewTimelineEvent,
  TIMELINE_TYPES,
  type TimelineEvent,
  type TimelineLimits,
  TimelineStore,
  type TimelineType,
} from './timeline';
