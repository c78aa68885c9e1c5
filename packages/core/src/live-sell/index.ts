export type * from './events';
export { EVENT } from './events';
export { TIMLiveSell, TIMLiveSell as LiveSell, TIMLiveSell as TLS, TIMLiveSell as TSL } from './live-sell';
export type * from './types';
export { FIELD as LIVE_SELL_FIELD, WIRE as LIVE_SELL_WIRE } from './wire';
