/**
 * `@livesell/core/compat`: the names the original im-live-sells component used for the client.
 * New code imports `TIMLiveSell` (or the default export) from `@livesell/core`.
 */
export { TIMLiveSell as LiveSell, TIMLiveSell as TLS, TIMLiveSell as TSL } from './live-sell/live-sell';
