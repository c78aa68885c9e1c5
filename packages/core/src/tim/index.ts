export type { LocalTimInstance } from './local-instance';
export type { LocalTimModule, LocalTimOptions, LocalTimReconnectOptions } from './local-tim';
export { createLocalTIM } from './local-tim';
export type * from './protocol';
export { MAX_MESSAGE_BYTES } from './protocol';
export type { LocalSocket, SocketFactory, SocketHandlers, WebSocketConstructorLike, WebSocketLike } from './socket';
export * from './types';
