export { MerchantError } from './merchant-error';
export { createMerchantModule, type MerchantModuleOptions, merchantModule } from './merchant-module';
export { MerchantStore } from './merchant-store';
export { DEFAULT_ORDER_LIMITS, type OrderLimits } from './order-limits';
export { MERCHANT_SCHEMA } from './schema';
