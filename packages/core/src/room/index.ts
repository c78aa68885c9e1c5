export * from './merchant-types';
export * from './merchant-wire';
