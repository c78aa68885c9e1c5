export type { DailyBudgetSnapshot } from './daily-budget';
export {
  WX_EMPTY_ERRCODES,
  WX_ERRCODE,
  WX_TOKEN_ERRCODES,
  type WxLiveGoods,
  type WxLiveReplay,
  type WxLiveRoomInfo,
  type WxReplayRequest,
  type WxReplayResponse,
  type WxRoomListRequest,
  type WxRoomListResponse,
} from './types';
export {
  createWxLiveClient,
  type WxLiveClient,
  type WxLiveClientOptions,
  type WxReplayList,
  type WxRoomList,
} from './wx-live-client';
export { createWechatModule, type WechatModuleOptions, wechatModule } from './wx-live-module';
