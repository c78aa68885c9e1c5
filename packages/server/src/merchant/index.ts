export { MerchantError } from './merchant-error';
export { createMerchantModule, type MerchantModuleOptions, merchantModule } from './merchant-module';
export { MerchantStore } from './merchant-store';
export { MERCHANT_SCHEMA } from './schema';
