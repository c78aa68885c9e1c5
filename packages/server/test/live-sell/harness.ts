import { createLocalTIM, type LiveSellPayload, TIMLiveSell, type TIMLiveSellOptions } from '@livesell/core';
import type { LocalTimOptions, WebSocketConstructorLike } from '@livesell/core/local';
import WebSocket from 'ws';
import { type LiveServer, type LiveServerOptions, startLiveServer } from '../../src/index';

/** Node 20 has no global WebSocket: clients are handed the `ws` package, as Node apps do. */
export const NodeWebSocket: WebSocketConstructorLike = WebSocket;

/** Servers and clients a test started, released after it. */
export class Harness {
  readonly servers: LiveServer[] = [];
  readonly clients: TIMLiveSell[] = [];
  readonly extra: Array<() => Promise<unknown>> = [];

  async start(options: LiveServerOptions = {}): Promise<LiveServer> {
    const server = await startLiveServer({ port: 0, modules: [], ...options });
    this.servers.push(server);
    return server;
  }

  /** A TIMLiveSell for `userID`, exactly as the original im-live-sells component's API builds it, on a local TIM over a real socket. */
  async client(
    server: LiveServer,
    roomID: string,
    userID: string,
    options: Partial<TIMLiveSellOptions> & { tim?: Partial<LocalTimOptions>; wait?: boolean } = {},
  ): Promise<TIMLiveSell> {
    const { tim, wait = true, ...rest } = options;
    const TIM = createLocalTIM({ url: server.wsUrl, WebSocket: NodeWebSocket, ...tim });
    const tls = new TIMLiveSell({
      SDKAppID: server.sdkAppID,
      roomID,
      userSig: server.userSig(userID),
      userName: userID,
      TIM,
      ...rest,
    });
    this.clients.push(tls);
    if (wait) await tls.ready();
    return tls;
  }

  async cleanup(): Promise<void> {
    for (const c of this.clients.splice(0)) await c.destroy();
    for (const f of this.extra.splice(0)) await f();
    for (const s of this.servers.splice(0)) await s.close();
  }
}

export function collect<K extends string>(tls: TIMLiveSell, event: K): Array<LiveSellPayload<K>> {
  const seen: Array<LiveSellPayload<K>> = [];
  tls.on(event, (e) => {
    seen.push(e);
  });
  return seen;
}

export async function until(check: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
