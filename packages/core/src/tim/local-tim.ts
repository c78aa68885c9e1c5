import { type Clock, systemClock } from '../clock';
import type { LocalConnectionOptions } from './local-connection';
import { LocalTimInstance } from './local-instance';
import { detectSocketFactory, type SocketFactory, type WebSocketConstructorLike } from './socket';
import { TIM_EVENT, TIM_TYPES, type TimCreateOptions, type TimModule } from './types';

export interface LocalTimReconnectOptions {
  /** First retry delay (ms, default 500); doubles each failed attempt. */
  minDelayMs?: number;
  /** Longest retry delay (ms, default 8000). */
  maxDelayMs?: number;
  /** How long a call made while disconnected waits for the connection to come back (ms, default 8000). */
  offlineWaitMs?: number;
}

export interface LocalTimOptions {
  /** The local server's IM endpoint, `LiveServer.wsUrl` (e.g. `ws://127.0.0.1:8080/im`). */
  url: string;
  /** A WHATWG-style WebSocket class; required in Node (pass the `ws` package's default export). */
  WebSocket?: WebSocketConstructorLike;
  /** Replaces socket detection entirely (advanced: custom transports, tests). */
  socketFactory?: SocketFactory;
  clock?: Clock;
  /** `false` turns reconnection off. */
  reconnect?: LocalTimReconnectOptions | false;
  /** A call without a reply within this time rejects with 2801 (ms, default 10000). */
  requestTimeoutMs?: number;
  /** Ping interval while connected, to notice dead connections (ms, default 15000). */
  heartbeatMs?: number;
}

export interface LocalTimModule extends TimModule {
  create(options: TimCreateOptions): LocalTimInstance;
  EVENT: typeof TIM_EVENT;
  TYPES: typeof TIM_TYPES;
}

/**
 * A TIM-shaped module for the local server: `createLocalTIM({ url }).create({ SDKAppID })` gives an
 * instance with the real SDK's calls, events, promise shapes and error codes. Unlike the real SDK,
 * every `create` makes a new instance, so one process can hold several users (tests, benchmarks).
 */
export function createLocalTIM(options: LocalTimOptions): LocalTimModule {
  if (!options || typeof options.url !== 'string' || !/^wss?:\/\//.test(options.url)) {
    throw new TypeError('createLocalTIM: options.url must be a ws:// or wss:// URL');
  }
  const resolved: LocalConnectionOptions = {
    url: options.url,
    socketFactory: options.socketFactory ?? detectSocketFactory(options.WebSocket),
    clock: options.clock ?? systemClock,
    reconnect:
      options.reconnect === false
        ? false
        : {
            minDelayMs: options.reconnect?.minDelayMs ?? 500,
            maxDelayMs: options.reconnect?.maxDelayMs ?? 8000,
            offlineWaitMs: options.reconnect?.offlineWaitMs ?? 8000,
          },
    requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
    heartbeatMs: options.heartbeatMs ?? 15_000,
  };
  return {
    create: (createOptions) => new LocalTimInstance(createOptions, resolved),
    EVENT: TIM_EVENT,
    TYPES: TIM_TYPES,
  };
}
