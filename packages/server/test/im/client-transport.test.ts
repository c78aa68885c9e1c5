import { createLocalTIM, type TimMessage } from '@livesell/core';
import { createManualClock } from '@livesell/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { LiveServer } from '../../src/index';
import { NodeWebSocket, record, startServer, until } from './helpers';

const servers: LiveServer[] = [];
afterEach(async () => {
  delete (globalThis as { wx?: unknown }).wx;
  for (const s of servers.splice(0)) await s.close();
});

/**
 * The mini program's `wx.connectSocket`, which does not exist outside WeChat. This stand-in keeps
 * its callback API (SocketTask with onOpen/onMessage/onClose/onError, send({data}), close({code}))
 * and carries it over a real socket to the real server.
 */
function fakeWx() {
  let opened = 0;
  const wx = {
    connectSocket({ url }: { url: string }) {
      opened++;
      const ws = new WebSocket(url);
      return {
        onOpen: (cb: () => void) => ws.on('open', cb),
        onMessage: (cb: (r: { data: string }) => void) => ws.on('message', (d) => cb({ data: d.toString() })),
        onClose: (cb: (r: { code: number; reason: string }) => void) =>
          ws.on('close', (code, reason) => cb({ code, reason: reason.toString() })),
        onError: (cb: (e: unknown) => void) => ws.on('error', cb),
        send: ({ data }: { data: string }) => ws.send(data),
        close: ({ code }: { code?: number }) => ws.close(code),
      };
    },
    opened: () => opened,
  };
  return wx;
}

describe('createLocalTIM transports', () => {
  it('uses wx.connectSocket in the mini program (no WebSocket global, no option)', async () => {
    const server = await startServer();
    servers.push(server);
    const { groupID } = await server.admin.createRoom({ ownerID: 'host' });
    const wx = fakeWx();
    (globalThis as { wx?: unknown }).wx = wx;
    const tim = createLocalTIM({ url: server.wsUrl }).create({ SDKAppID: server.sdkAppID });
    await tim.login({ userID: 'mp-user', userSig: server.userSig('mp-user') });
    expect(wx.opened()).toBe(1);
    await tim.joinGroup({ groupID });
    const inbox = record<TimMessage[]>(tim, 'onMessageReceived');
    const { messageID } = await server.admin.sendCustomMessage({ groupID, data: 'HELLO_MP' });
    await until(() => inbox.flat().some((m) => m.ID === messageID), 3000, 'message over wx socket');
    await tim.destroy();
  });

  it('throws a clear error when there is no socket at all', () => {
    expect(() => createLocalTIM({ url: 'ws://127.0.0.1:1/im' })).toThrow(/pass one in the options/);
    expect(() => createLocalTIM({ url: 'http://127.0.0.1/im', WebSocket: NodeWebSocket })).toThrow(/ws:\/\//);
  });
});

describe('createLocalTIM reconnection timing (injected clock, real sockets)', () => {
  it('backs off 0.5 s → 1 s → 2 s … (±25 % jitter) up to 8 s, and a waiting call rejects at offlineWaitMs', async () => {
    const server = await startServer();
    const clock = createManualClock(Date.now());
    let attempts = 0;
    class CountingWebSocket extends WebSocket {
      constructor(url: string) {
        super(url);
        attempts++;
      }
    }
    const tim = createLocalTIM({
      url: server.wsUrl,
      WebSocket: CountingWebSocket as unknown as typeof NodeWebSocket,
      clock,
      reconnect: { minDelayMs: 500, maxDelayMs: 8000, offlineWaitMs: 5000 },
    }).create({ SDKAppID: server.sdkAppID });
    const net = record<{ state: string }>(tim, 'netStateChange');
    await tim.login({ userID: 'v', userSig: server.userSig('v') });
    expect(attempts).toBe(1);
    await server.close();
    await until(() => net.at(-1)?.state === 'disconnected', 3000, 'disconnected');

    let outcome: unknown;
    void tim.getMyProfile().then(
      () => {
        outcome = 'resolved';
      },
      (e: { code: number }) => {
        outcome = e.code;
      },
    );
    const nominal = [500, 1000, 2000, 4000, 8000, 8000];
    let elapsed = 0;
    for (const [i, delay] of nominal.entries()) {
      // Each retry timer starts when the previous failure is seen, at the clock's current time.
      clock.advance(delay * 0.75 - 1);
      expect(attempts).toBe(1 + i);
      clock.advance(delay * 0.5 + 2);
      expect(attempts).toBe(2 + i);
      elapsed += delay * 1.25 + 1;
      await until(() => net.at(-1)?.state === 'disconnected', 3000, `attempt ${i + 1} fails`);
      await new Promise((r) => setImmediate(r));
      // The call made while disconnected waits offlineWaitMs (5 s) of clock time, then rejects.
      if (elapsed < 5000 * 0.75) expect(outcome).toBeUndefined();
      if (elapsed > 5000) expect(outcome).toBe(2800);
    }
    await tim.destroy();
    expect(clock.pending()).toBe(0);
  });
});
