export type { DailyBudgetSnapshot } from './daily-budget';
export * from './types';
export {
  createWxLiveClient,
  type WxLiveClient,
  type WxLiveClientOptions,
  type WxReplayList,
  type WxRoomList,
} from './wx-live-client';
export { createWechatModule, type WechatModuleOptions, wechatModule } from './wx-live-module';
