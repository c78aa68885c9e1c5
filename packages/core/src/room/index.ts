export * from './live-status';
export * from './merchant-types';
export * from './merchant-wire';
