export { type DemoSeed, type DemoSeedOptions, seedDemo } from './demo';
export type { LocalServerAdmin } from './im/admin';
export type { RoomUpdate } from './im/gateway';
export type { GroupStats } from './im/live-group';
export * from './media/index';
export {
  createMerchantModule,
  DEFAULT_ORDER_LIMITS,
  MerchantError,
  type MerchantModuleOptions,
  merchantModule,
  type OrderLimits,
} from './merchant';
export type * from './module';
export { defaultModules } from './modules';
export type { LiveServer, LiveServerOptions } from './start';
export { DEV_SDK_APP_ID, DEV_SECRET_KEY, startLiveServer } from './start';
export type { GenUserSigOptions, UserSigFailure, VerifyUserSigOptions, VerifyUserSigResult } from './usersig';
export { genUserSig, verifyUserSig } from './usersig';
export * from './wechat/index';
