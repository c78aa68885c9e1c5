export type {
  BgmProgressEvent,
  FullScreenChangeEvent,
  LiveErrorEvent,
  LiveStatusEvent,
  NetStatusEvent,
  SnapshotResult,
} from './live-events';
export type { HlsLike, MpegtsLike, PlaybackLoaders } from './loaders';
export { currentMediaPlatform } from './platform';
export { type PlayUrlSet, usePlayUrl } from './usePlayUrl';
