/**
 * `@livesell/server`: the local IM server with Tencent IM's semantics, its modules (merchant API,
 * local test stream, WeChat live API), UserSig, and stream signing. Every name is listed on purpose;
 * `pnpm api:check` shows a change in review.
 */
export { type DemoSeed, type DemoSeedOptions, seedDemo } from './demo';
export type { LocalServerAdmin } from './im/admin';
export type { ImEventListener, ImEventMap, ImEventSource, ImEventType } from './im/events';
export type { RoomUpdate } from './im/gateway';
export { type ConnectionLimits, DEFAULT_CONNECTION_LIMITS, LIMIT_CODES } from './im/limits';
export type { GroupStats } from './im/live-group';
export {
  buildPlayUrls,
  buildPushUrl,
  createMediaModule,
  type MediaInfo,
  type MediaModule,
  type MediaModuleOptions,
  mediaModule,
  type SignedQuery,
  type StreamPlayUrls,
  type StreamPushUrls,
  type StreamUrlOptions,
  signStream,
  type TxSecretCheck,
  txSecret,
  txTime,
  verifyTxSecret,
} from './media/index';
export {
  createMerchantModule,
  DEFAULT_ORDER_LIMITS,
  MerchantError,
  type MerchantModuleOptions,
  merchantModule,
  type OrderLimits,
} from './merchant';
export type {
  CustomFields,
  LiveServerAdmin,
  LiveServerContext,
  LiveServerModule,
  LiveServerModuleFactory,
  MessagePriority,
  RoomInfo,
  SqlDatabase,
  SqlStatement,
} from './module';
export { defaultModules } from './modules';
export {
  type Chapter,
  createReplayModule,
  type ReplayModuleOptions,
  type ReplaySegmentView,
  type ReplayView,
  replayModule,
  TIMELINE_TYPES,
  type TimelineEvent,
  type TimelineLimits,
  type TimelineType,
} from './replay/index';
export type { LiveServer, LiveServerOptions } from './start';
export { DEV_SDK_APP_ID, DEV_SECRET_KEY, startLiveServer } from './start';
export type { GenUserSigOptions, UserSigFailure, VerifyUserSigOptions, VerifyUserSigResult } from './usersig';
export { genUserSig, verifyUserSig } from './usersig';
export {
  createWechatModule,
  createWxLiveClient,
  type DailyBudgetSnapshot,
  type WechatModuleOptions,
  WX_EMPTY_ERRCODES,
  WX_ERRCODE,
  WX_TOKEN_ERRCODES,
  type WxLiveClient,
  type WxLiveClientOptions,
  type WxLiveGoods,
  type WxLiveReplay,
  type WxLiveRoomInfo,
  type WxReplayList,
  type WxReplayRequest,
  type WxReplayResponse,
  type WxRoomList,
  type WxRoomListRequest,
  type WxRoomListResponse,
  wechatModule,
} from './wechat/index';
