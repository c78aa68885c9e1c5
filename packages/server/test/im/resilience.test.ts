import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TimMessage } from '@livesell/core';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { LiveServer } from '../../src/index';
import { loggedIn, record, sleep, startServer, until } from './helpers';

const servers: LiveServer[] = [];
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
  for (const s of servers.splice(0)) await s.close();
});

async function start(options: Parameters<typeof startServer>[0] = {}) {
  const server = await startServer(options);
  servers.push(server);
  return server;
}

function rawSocket(url: string): Promise<{ ws: WebSocket; frames: unknown[]; closed: () => boolean }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const frames: unknown[] = [];
    let isClosed = false;
    ws.on('message', (data) => frames.push(JSON.parse(data.toString())));
    ws.on('close', () => {
      isClosed = true;
    });
    ws.on('open', () => resolve({ ws, frames, closed: () => isClosed }));
    ws.on('error', reject);
  });
}

describe('malformed frames', () => {
  it('get an error frame, are counted, and never disturb the process or other connections', async () => {
    const server = await start();
    const { groupID } = await server.admin.createRoom({ ownerID: 'host' });
    const host = await loggedIn(server, 'host');
    cleanups.push(() => host.tim.destroy());
    await host.tim.joinGroup({ groupID });
    const inbox = record<TimMessage[]>(host.tim, 'onMessageReceived');

    const bad = await rawSocket(server.wsUrl);
    const garbage = [
      'not json',
      '{}',
      '[]',
      'null',
      '42',
      '{"id":"1","op":"login"}',
      '{"id":1}',
      '{"id":2,"op":"nope"}',
      '{"id":3,"op":"joinGroup","groupID":"x"}',
      '{"id":4,"op":"login","userID":{"a":1},"userSig":"x","sdkAppID":1}',
      '{"id":5,"op":"login","userID":"mallory","userSig":null,"sdkAppID":1400000000}',
    ];
    for (const frame of garbage) bad.ws.send(frame);
    bad.ws.send(Buffer.from([0xff, 0x00, 0x13]), { binary: true });
    await until(() => bad.frames.length === garbage.length + 1, 3000, 'error frames');
    for (const frame of bad.frames)
      expect(frame).toMatchObject({ code: expect.any(Number), message: expect.any(String) });
    expect(bad.frames.every((f) => (f as { code: number }).code !== 0)).toBe(true);
    expect(bad.frames).toContainEqual({ id: 3, code: 2024, message: 'not logged in' });
    expect(bad.frames).toContainEqual(expect.objectContaining({ id: 5, code: 70003 }));

    // Logged in, still hostile: bad payloads for every op.
    const evil = await rawSocket(server.wsUrl);
    evil.ws.send(
      JSON.stringify({
        id: 1,
        op: 'login',
        sdkAppID: server.sdkAppID,
        userID: 'evil',
        userSig: server.userSig('evil'),
      }),
    );
    evil.ws.send(JSON.stringify({ id: 2, op: 'joinGroup', groupID }));
    const hostile = [
      { op: 'sendMessage', message: null },
      { op: 'sendMessage', message: { ID: 'm', type: 'TIMTextElem', to: groupID, payload: { text: 5 } } },
      { op: 'sendMessage', message: { ID: 'm', type: 'TIMImageElem', to: groupID, payload: {} } },
      { op: 'sendMessage', message: { ID: { x: 1 }, type: 'TIMTextElem', to: groupID, payload: { text: 'x' } } },
      { op: 'updateGroupProfile', groupID, groupCustomField: 'nope' },
      { op: 'setGroupAttributes', groupID, groupAttributes: [1, 2] },
      { op: 'getUserProfile', userIDList: 'v' },
      { op: 'getGroupMemberList', groupID: ['x'] },
      { op: 'updateMyProfile', nick: { toString: 1 } },
      { op: 'createGroup', type: 'AVChatRoom', name: 5 },
    ];
    for (const [i, body] of hostile.entries()) evil.ws.send(JSON.stringify({ id: 10 + i, ...body }));
    await until(() => evil.frames.length >= 2 + hostile.length, 3000, 'hostile replies');
    const replies = evil.frames.filter(
      (f) => (f as { id?: number }).id !== undefined && (f as { id: number }).id >= 10,
    );
    expect(replies).toHaveLength(hostile.length);
    for (const r of replies) expect((r as { code: number }).code).not.toBe(0);

    // A frame over the 64 KB cap closes only that socket.
    evil.ws.send('x'.repeat(70 * 1024));
    await until(() => evil.closed(), 3000, 'oversized frame closes the socket');

    const { messageID } = await server.admin.sendCustomMessage({ groupID, data: 'STILL_OK' });
    await until(() => inbox.flat().some((m) => m.ID === messageID), 3000, 'delivery after the garbage');
    expect((await server.admin.getStats()).malformedFrames).toBeGreaterThanOrEqual(7);
    bad.ws.close();
  });
});

describe('restarts', () => {
  it('a restart with the same dataDir keeps rooms, fields, admins, attributes and profiles', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'livesell-restart-'));
    const first = await start({ dataDir });
    const { groupID } = await first.admin.createRoom({ ownerID: 'host', name: 'Kept', introduction: 'intro' });
    await first.admin.updateRoom({
      groupID,
      notification: 'n1',
      customFields: { room_status: 'live', add_goods: 'g7' },
    });
    await first.admin.setAdmin({ groupID, userID: 'helper', admin: true });
    await first.admin.setProfile({ userID: 'host', nick: 'Hostess', avatar: 'a.png' });
    const host = await loggedIn(first, 'host');
    await host.tim.joinGroup({ groupID });
    await host.tim.setGroupAttributes({ groupID, groupAttributes: { pinned: 'p1' } });
    await host.tim.destroy();
    const before = await first.admin.getRoom(groupID);
    await first.close();
    servers.splice(servers.indexOf(first), 1);

    const second = await start({ dataDir });
    expect(await second.admin.getRoom(groupID)).toEqual(before);
    expect(before).toMatchObject({
      name: 'Kept',
      introduction: 'intro',
      notification: 'n1',
      customFields: { room_status: 'live', add_goods: 'g7' },
      admins: ['helper'],
    });
    const again = await loggedIn(second, 'host');
    cleanups.push(() => again.tim.destroy());
    expect((await again.tim.getMyProfile()).data).toMatchObject({ nick: 'Hostess', avatar: 'a.png' });
    await again.tim.joinGroup({ groupID });
    expect((await again.tim.getGroupAttributes({ groupID })).data.groupAttributes).toEqual({ pinned: 'p1' });
    expect((await again.tim.getGroupProfile({ groupID })).data.group.groupCustomField).toEqual([
      { key: 'room_status', value: 'live' },
      { key: 'add_goods', value: 'g7' },
    ]);
  });

  it('killing the server drives disconnected → reconnect → connected, re-login and re-join on the same port', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'livesell-reconnect-'));
    const first = await start({ dataDir });
    const { groupID } = await first.admin.createRoom({ ownerID: 'host' });
    const viewer = await loggedIn(first, 'v', { reconnect: { minDelayMs: 50, maxDelayMs: 200, offlineWaitMs: 300 } });
    cleanups.push(() => viewer.tim.destroy());
    await viewer.tim.joinGroup({ groupID });
    const net = record<{ state: string }>(viewer.tim, 'netStateChange');
    const inbox = record<TimMessage[]>(viewer.tim, 'onMessageReceived');
    const port = first.port;

    await first.close();
    servers.splice(servers.indexOf(first), 1);
    await until(() => net.some((n) => n.state === 'disconnected'), 3000, 'disconnected');

    // A call while the server is down waits a bounded time, then rejects with a network error.
    const started = Date.now();
    await expect(viewer.tim.getGroupOnlineMemberCount(groupID)).rejects.toMatchObject({ code: 2800 });
    expect(Date.now() - started).toBeLessThan(1500);
    await sleep(300);

    // One made just before the server returns is carried over.
    const pending = viewer.tim.getGroupProfile({ groupID });
    const second = await start({ dataDir, port });
    await until(() => net.at(-1)?.state === 'connected', 5000, 'connected again');
    expect(net.map((n) => n.state)).toContain('connecting');
    expect((await pending).data.group.groupID).toBe(groupID);
    expect(await second.admin.getOnlineCount(groupID)).toBe(1);
    const { messageID } = await second.admin.sendCustomMessage({ groupID, data: 'BACK' });
    await until(() => inbox.flat().some((m) => m.ID === messageID), 3000, 'message after reconnect');
  });

  it('stops reconnecting when the restarted server no longer accepts the UserSig (ERROR, SDK_NOT_READY)', async () => {
    const first = await start({ secretKey: 'key-one' });
    const viewer = await loggedIn(first, 'v', { reconnect: { minDelayMs: 20, maxDelayMs: 50, offlineWaitMs: 300 } });
    cleanups.push(() => viewer.tim.destroy());
    const errors = record<{ code: number }>(viewer.tim, 'error');
    const notReady = record(viewer.tim, 'sdkStateNotReady');
    const net = record<{ state: string }>(viewer.tim, 'netStateChange');
    const port = first.port;
    await first.close();
    servers.splice(servers.indexOf(first), 1);
    await start({ secretKey: 'key-two', port });
    await until(() => errors.length === 1, 5000, 'ERROR after the refused re-login');
    expect(errors[0]).toMatchObject({ code: 70009 });
    expect(notReady).toHaveLength(1);
    const attempts = net.filter((n) => n.state === 'connecting').length;
    await sleep(300);
    expect(net.filter((n) => n.state === 'connecting').length).toBe(attempts);
    await expect(viewer.tim.getMyProfile()).rejects.toMatchObject({ code: 2024 });
  });

  it('without reconnection a lost connection rejects at once and stays down', async () => {
    const server = await start();
    const viewer = await loggedIn(server, 'v', { reconnect: false });
    cleanups.push(() => viewer.tim.destroy());
    const net = record<{ state: string }>(viewer.tim, 'netStateChange');
    await server.close();
    servers.splice(0);
    await until(() => net.some((n) => n.state === 'disconnected'), 3000, 'disconnected');
    await expect(viewer.tim.getMyProfile()).rejects.toMatchObject({ code: 2800 });
  });

  it('a login to a server that is not there rejects instead of hanging', async () => {
    const server = await start();
    const url = server.wsUrl;
    await server.close();
    servers.splice(0);
    const { createLocalTIM } = await import('@livesell/core');
    const { NodeWebSocket } = await import('./helpers');
    const tim = createLocalTIM({ url, WebSocket: NodeWebSocket }).create({ SDKAppID: 1400000000 });
    await expect(tim.login({ userID: 'v', userSig: 'x' })).rejects.toMatchObject({ code: 3001 });
    await tim.destroy();
  });
});
