/** `@livesell/core/local`: the client of the local IM server (`@livesell/server`), TIM-compatible. */
export type { LocalTimInstance } from './tim/local-instance';
export {
  createLocalTIM,
  type LocalTimModule,
  type LocalTimOptions,
  type LocalTimReconnectOptions,
} from './tim/local-tim';
export type {
  LocalSocket,
  SocketFactory,
  SocketHandlers,
  WebSocketConstructorLike,
  WebSocketLike,
} from './tim/socket';
