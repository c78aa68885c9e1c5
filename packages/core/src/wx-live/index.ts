/**
 * `@livesell/core/wx-live`: WeChat's own live rooms (the live-player plugin): room URLs, return
 * parameters, and a polite live-status poller.
 */
export {
  LIVE_PLAYER_PLUGIN_APPID,
  LIVE_PLAYER_PLUGIN_PAGE,
  LIVE_ROOM_ENTRY,
  LIVE_STATUS_MIN_INTERVAL_MS,
  LIVE_SUBSCRIBE_COMPONENT,
  type LiveRoomEntryType,
} from './constants';
export {
  createLiveStatusGate,
  createLiveStatusPoller,
  type LiveStatusFetcher,
  type LiveStatusGate,
  type LiveStatusPoller,
  type LiveStatusPollerOptions,
  type LiveStatusPollerSnapshot,
} from './live-status-poller';
export { type LivePlayerPluginApi, livePlayerPluginFetcher } from './plugin';
export { type LiveReturnInput, type LiveReturnParams, parseLiveReturnParams, SHARE_CARD_SCENES } from './return-params';
export {
  buildLiveRoomUrl,
  type JsonValue,
  type LiveRoomCustomParams,
  type LiveRoomUrl,
  type LiveRoomUrlOptions,
  parseCustomParams,
  parseLiveRoomUrl,
  toRoomId,
} from './room-url';
export {
  createVisibilitySource,
  documentVisibility,
  type ManualVisibility,
  type VisibilityDocument,
  type VisibilitySource,
} from './visibility';
