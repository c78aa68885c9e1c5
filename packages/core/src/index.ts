export * from './clock';
export * from './errors';
export * from './live-sell/index';
export { TIMLiveSell as default } from './live-sell/index';
export * from './media/index';
export * from './room/index';
export * from './tim/index';
export * from './wx-live/index';
