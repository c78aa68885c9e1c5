import type { TimMessage } from '@livesell/core';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { LiveServer, LiveServerOptions } from '../../src/index';
import { loggedIn, record, sleep, startServer, until } from './helpers';

// Issue 11, IM side: items 2 (unread replies, fan-out), 8 (per-sender fairness) and 10 (connection
// cap, login timeout). Every socket goes to the server on 127.0.0.1; every loop is bounded.

const servers: LiveServer[] = [];
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  for (const s of servers.splice(0)) await s.close();
});

async function start(options: LiveServerOptions = {}) {
  const server = await startServer(options);
  servers.push(server);
  return server;
}

interface Raw {
  ws: WebSocket;
  frames: Array<{ id?: number | null; code?: number; push?: string; data?: unknown }>;
  closed: () => number | undefined;
  request(body: Record<string, unknown>): void;
}

/** A protocol client without the SDK, so it can misbehave. */
function raw(server: LiveServer): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(server.wsUrl);
    sockets.push(ws);
    const frames: Raw['frames'] = [];
    let closeCode: number | undefined;
    let id = 0;
    ws.on('message', (data) => frames.push(JSON.parse(data.toString())));
    ws.on('close', (code) => {
      closeCode = code;
    });
    ws.on('open', () =>
      resolve({
        ws,
        frames,
        closed: () => closeCode,
        request: (body) => ws.send(JSON.stringify({ id: ++id, ...body })),
      }),
    );
    ws.on('error', reject);
  });
}

async function rawLoggedIn(server: LiveServer, userID: string): Promise<Raw> {
  const c = await raw(server);
  c.request({ op: 'login', sdkAppID: server.sdkAppID, userID, userSig: server.userSig(userID) });
  await until(() => c.frames.some((f) => f.id === 1), 3000, `${userID} login`);
  expect(c.frames.find((f) => f.id === 1)?.code).toBe(0);
  return c;
}

describe('a client that never reads (item 2)', () => {
  it('is closed once its unread replies pass the bound, and the server holds no more for it', async () => {
    const server = await start();
    // 100 users with 500-byte nicks and avatars: one getUserProfile answer is ~100 KB.
    for (let i = 0; i < 100; i++) {
      await server.admin.setProfile({ userID: `u${i}`, nick: 'n'.repeat(500), avatar: 'a'.repeat(500) });
    }
    const reader = await rawLoggedIn(server, 'reader');
    const pauser = await rawLoggedIn(server, 'pauser');
    // Stop reading: the kernel buffers fill, then the server's queue for this socket grows.
    (pauser.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const ids = Array.from({ length: 100 }, (_, i) => `u${i}`);
    for (let round = 0; round < 8; round++) {
      for (let i = 0; i < 12; i++) pauser.request({ op: 'getUserProfile', userIDList: ids });
      await sleep(260);
    }
    const stats = await server.admin.getStats();
    expect(stats.slowConsumerCloses).toBe(1);
    expect(stats.connections).toBe(1);
    // The reading client is untouched.
    reader.request({ op: 'ping' });
    await until(() => reader.frames.some((f) => f.id === 2 && f.code === 0), 3000, 'reader still answered');
  });

  it('caps getUserProfile fan-out at 100 distinct userIDs with code 10005; duplicates count once', async () => {
    const server = await start();
    const c = await rawLoggedIn(server, 'asker');
    c.request({ op: 'getUserProfile', userIDList: Array.from({ length: 101 }, (_, i) => `x${i}`) });
    c.request({ op: 'getUserProfile', userIDList: Array.from({ length: 500 }, () => 'same') });
    await until(() => c.frames.some((f) => f.id === 3), 3000, 'answers');
    expect(c.frames.find((f) => f.id === 2)).toMatchObject({ code: 10005 });
    expect(c.frames.find((f) => f.id === 3)).toMatchObject({ code: 0, data: [{ userID: 'same' }] });
  });

  it('limits requests per connection with code 10006', async () => {
    const server = await start();
    const c = await rawLoggedIn(server, 'flooder');
    for (let i = 0; i < 400; i++) c.request({ op: 'ping' });
    await until(() => c.frames.length >= 401, 3000, '400 answers');
    const limited = c.frames.filter((f) => f.code === 10006).length;
    expect(limited).toBeGreaterThanOrEqual(250);
    expect(c.frames.filter((f) => f.code === 0).length).toBeLessThanOrEqual(1 + 150);
    expect((await server.admin.getStats()).requestsLimited).toBe(limited);
  });
});

describe('per-sender fairness (item 8)', () => {
  async function fairness(server: LiveServer, priority: 'High' | 'Normal') {
    const { groupID } = await server.admin.createRoom({ ownerID: 'host' });
    const watcher = await loggedIn(server, 'watcher');
    await watcher.tim.joinGroup({ groupID });
    const inbox = record<TimMessage[]>(watcher.tim, 'onMessageReceived');
    const honest = await loggedIn(server, 'honest');
    await honest.tim.joinGroup({ groupID });
    const spammer = await rawLoggedIn(server, 'spammer');
    spammer.request({ op: 'joinGroup', groupID });
    let spamming = true;
    let spamSent = 0;
    const spam = (async () => {
      // ~1,800 msgs/s in bursts of 90 every 50 ms, for as long as the honest viewer chats (≤ 6 s).
      const until = Date.now() + 6000;
      while (spamming && Date.now() < until) {
        for (let i = 0; i < 90; i++) {
          spammer.request({
            op: 'sendMessage',
            message: { ID: `s${spamSent++}`, type: 'TIMTextElem', to: groupID, priority, payload: { text: 'SPAM' } },
          });
        }
        await sleep(50);
      }
    })();
    const results: number[] = [];
    for (let i = 0; i < 20; i++) {
      const msg = honest.tim.createTextMessage({
        to: groupID,
        conversationType: 'GROUP',
        payload: { text: `honest ${i}` },
      });
      results.push((await honest.tim.sendMessage(msg)).code);
      await sleep(250);
    }
    spamming = false;
    await spam;
    await sleep(300);
    const texts = inbox.flat().map((m) => (m.payload as { text?: string }).text);
    const honestDelivered = texts.filter((t) => t?.startsWith('honest')).length;
    const spamAcks = spammer.frames.filter((f) => f.code === 0).length - 2; // login, join
    const spamRefused = spammer.frames.filter((f) => f.code === 10023 || f.code === 10006).length;
    await Promise.all([watcher.tim.destroy(), honest.tim.destroy()]);
    return { results, honestDelivered, spamSent, spamAcks, spamRefused, groupID };
  }

  it('an honest viewer keeps ≥ 95 % delivery while a High-priority spammer floods; the spam is refused with 10023', async () => {
    // Requests per connection opened wide so that the per-user send rate alone is measured.
    const server = await start({ im: { requestsPerSecond: 10_000, requestBurst: 10_000 } });
    const r = await fairness(server, 'High');
    expect(r.results.every((c) => c === 0)).toBe(true);
    expect(r.honestDelivered).toBeGreaterThanOrEqual(19);
    expect(r.spamSent).toBeGreaterThan(2000);
    // 5 msgs/s with a burst of 10, for ~6 s: everything else was refused, not acknowledged.
    expect(r.spamAcks).toBeLessThanOrEqual(10 + 5 * 7);
    expect(r.spamRefused).toBeGreaterThan(r.spamSent * 0.9);
    const stats = await server.admin.getRoomStats(r.groupID);
    expect(stats?.frequencyLimited).toBeGreaterThan(r.spamSent * 0.9);
  }, 30_000);

  it('with default limits too (Normal priority)', async () => {
    const server = await start();
    const r = await fairness(server, 'Normal');
    expect(r.honestDelivered).toBeGreaterThanOrEqual(19);
    expect(r.spamAcks).toBeLessThanOrEqual(10 + 5 * 7);
  }, 30_000);
});

describe('connection cap and login timeout (item 10)', () => {
  it('closes a connection that does not log in in time', async () => {
    const server = await start({ im: { loginTimeoutMs: 300 } });
    const idle = await raw(server);
    const active = await rawLoggedIn(server, 'active');
    await until(() => idle.closed() !== undefined, 3000, 'idle socket closed');
    expect(idle.closed()).toBe(4003);
    expect(active.closed()).toBeUndefined();
    expect((await server.admin.getStats()).loginTimeouts).toBe(1);
  });

  it('refuses connections beyond the unauthenticated and total caps with 503', async () => {
    const server = await start({ im: { maxUnauthenticated: 3, maxConnections: 5 } });
    const waiting = await Promise.all([raw(server), raw(server), raw(server)]);
    await expect(raw(server)).rejects.toThrow(/503/);
    // Logging in frees a waiting slot.
    waiting[0]!.request({ op: 'login', sdkAppID: server.sdkAppID, userID: 'a', userSig: server.userSig('a') });
    await until(() => waiting[0]!.frames.length > 0, 3000, 'login');
    const fourth = await raw(server);
    fourth.request({ op: 'login', sdkAppID: server.sdkAppID, userID: 'b', userSig: server.userSig('b') });
    await until(() => fourth.frames.length > 0, 3000, 'login');
    await raw(server); // 5 connections now
    await expect(raw(server)).rejects.toThrow(/503/);
    expect((await server.admin.getStats()).refusedConnections).toBe(2);
  });
});
