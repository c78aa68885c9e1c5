/**
 * The replay contract lives in the shared protocol (`@livesell/core/protocol`), which the server
 * serves from too; `@livesell/core/replay` keeps exporting the same names.
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
