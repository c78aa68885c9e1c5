import { createLocalTIM, TIM_TYPES, type TimGroupTipPayload, type TimMessage } from '@livesell/core';
import type { LocalTimInstance, LocalTimOptions, WebSocketConstructorLike } from '@livesell/core/local';
import WebSocket from 'ws';
import { type LiveServer, type LiveServerOptions, startLiveServer } from '../../src/index';

/** Node 20 has no global WebSocket: the client is handed the `ws` package, as apps in Node do. */
export const NodeWebSocket: WebSocketConstructorLike = WebSocket;

export async function startServer(options: LiveServerOptions = {}): Promise<LiveServer> {
  return startLiveServer({ port: 0, modules: [], ...options });
}

export function client(server: { wsUrl: string; sdkAppID: number }, options: Partial<LocalTimOptions> = {}) {
  const TIM = createLocalTIM({ url: server.wsUrl, WebSocket: NodeWebSocket, ...options });
  return { TIM, tim: TIM.create({ SDKAppID: server.sdkAppID }) };
}

export async function loggedIn(server: LiveServer, userID: string, options: Partial<LocalTimOptions> = {}) {
  const { TIM, tim } = client(server, options);
  await tim.login({ userID, userSig: server.userSig(userID) });
  return { TIM, tim };
}

/** Records every `data` an event delivers. */
export function record<T = unknown>(tim: LocalTimInstance, eventName: string): T[] {
  const seen: T[] = [];
  tim.on(eventName, (event) => seen.push(event.data as T));
  return seen;
}

export async function until(check: () => boolean, timeoutMs = 3000, what = 'condition'): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The group tips of one operation type among received batches (MESSAGE_RECEIVED delivers arrays). */
export const tipsOf = (batches: TimMessage[][], op: number): TimGroupTipPayload[] =>
  batches
    .flat()
    .filter((m) => m.type === TIM_TYPES.MSG_GRP_TIP && (m.payload as TimGroupTipPayload).operationType === op)
    .map((m) => m.payload as TimGroupTipPayload);
