import type { TimGroupTipPayload, TimMessage } from '@livesell/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEV_SECRET_KEY, genUserSig, type LiveServer } from '../../src/index';
import { loggedIn, record, startServer, until } from './helpers';

let server: LiveServer;
let auth: Record<string, string>;

beforeEach(async () => {
  server = await startServer();
  auth = { authorization: `Bearer ${server.adminUserID}:${server.userSig(server.adminUserID)}` };
});
afterEach(() => server.close());

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = auth) {
  const res = await fetch(`${server.httpUrl}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

describe('admin REST', () => {
  it('creates and updates rooms, sends messages, and reports online counts and stats', async () => {
    const created = await call('POST', '/v4/admin/rooms', { ownerID: 'host', name: 'REST room', groupID: 'r1' });
    expect(created).toMatchObject({ status: 201, body: { groupID: 'r1', name: 'REST room', ownerID: 'host' } });
    const viewer = await loggedIn(server, 'v');
    await viewer.tim.joinGroup({ groupID: 'r1' });
    const inbox = record<TimMessage[]>(viewer.tim, 'onMessageReceived');

    const patched = await call('PATCH', '/v4/admin/rooms/r1', {
      notification: 'hello',
      customFields: { room_status: 'live' },
    });
    expect(patched).toMatchObject({
      status: 200,
      body: { notification: 'hello', customFields: { room_status: 'live' } },
    });
    await until(() => inbox.flat().some((m) => (m.payload as TimGroupTipPayload).operationType === 6), 3000, 'op 6');

    const sent = await call('POST', '/v4/admin/rooms/r1/messages', {
      data: 'COUPON',
      extension: '{"id":"c1"}',
      priority: 'High',
    });
    expect(sent.status).toBe(201);
    await until(() => inbox.flat().some((m) => m.ID === sent.body.messageID), 3000, 'custom message');
    const text = await call('POST', '/v4/admin/rooms/r1/messages', {
      type: 'text',
      text: 'Welcome!',
      fromUserID: 'host',
    });
    await until(() => inbox.flat().some((m) => m.ID === text.body.messageID), 3000, 'text message');
    expect(inbox.flat().find((m) => m.ID === text.body.messageID)).toMatchObject({
      from: 'host',
      payload: { text: 'Welcome!' },
    });

    expect(await call('GET', '/v4/admin/rooms/r1/online')).toEqual(
      expect.objectContaining({ status: 200, body: { groupID: 'r1', memberCount: 1 } }),
    );
    expect((await call('GET', '/v4/admin/rooms/r1/stats')).body).toMatchObject({ exempt: 2 });
    expect((await call('GET', '/v4/admin/stats')).body).toMatchObject({ users: 1, rooms: 1, liveRooms: 1 });
    expect((await call('GET', '/v4/admin/rooms')).body.rooms).toHaveLength(1);

    expect((await call('POST', '/v4/admin/rooms/r1/admins', { userID: 'helper', admin: true })).body.admins).toEqual([
      'helper',
    ]);
    expect((await call('POST', '/v4/admin/rooms/r1/mute', { userID: 'v', seconds: 30 })).status).toBe(200);
    const say = viewer.tim.createTextMessage({ to: 'r1', conversationType: 'GROUP', payload: { text: 'x' } });
    await expect(viewer.tim.sendMessage(say)).rejects.toMatchObject({ code: 10017 });
    expect((await call('PUT', '/v4/admin/users/v/profile', { nick: 'Renamed' })).status).toBe(200);
    expect((await viewer.tim.getMyProfile()).data.nick).toBe('Renamed');
    expect((await call('POST', '/v4/admin/rooms/r1/kick', { userID: 'v' })).status).toBe(200);
    expect(await server.admin.getOnlineCount('r1')).toBe(0);
    expect((await call('POST', '/v4/admin/users/v/kick')).body).toEqual({ online: true });

    // Room IDs with reserved characters travel URL-encoded.
    const auto = await call('POST', '/v4/admin/rooms', { ownerID: 'host' });
    expect(auto.body.groupID).toMatch(/^@TGS#a/);
    expect((await call('GET', `/v4/admin/rooms/${encodeURIComponent(auto.body.groupID)}`)).status).toBe(200);
    await viewer.tim.destroy();
  });

  it('answers bad input with clear 4xx JSON errors', async () => {
    await call('POST', '/v4/admin/rooms', { ownerID: 'host', groupID: 'r1' });
    const cases: Array<[string, string, unknown, number, string | number]> = [
      ['POST', '/v4/admin/rooms', {}, 400, 'INVALID_ARGUMENT'],
      ['POST', '/v4/admin/rooms', '{"ownerID":', 400, 'INVALID_JSON'],
      ['POST', '/v4/admin/rooms', '[1]', 400, 'INVALID_BODY'],
      ['POST', '/v4/admin/rooms', { ownerID: 'host', groupID: 'r1' }, 409, 10021],
      ['GET', '/v4/admin/rooms/missing', undefined, 404, 10010],
      ['PATCH', '/v4/admin/rooms/missing', { notification: 'x' }, 404, 10010],
      ['PATCH', '/v4/admin/rooms/r1', { customFields: { 'bad key': 'x' } }, 400, 10004],
      ['PATCH', '/v4/admin/rooms/r1', { customFields: 'x' }, 400, 'INVALID_ARGUMENT'],
      ['PATCH', '/v4/admin/rooms/r1', { notification: 5 }, 400, 'INVALID_ARGUMENT'],
      ['POST', '/v4/admin/rooms/r1/messages', { data: 'X', priority: 'Urgent' }, 400, 10004],
      ['POST', '/v4/admin/rooms/r1/messages', { type: 'image' }, 400, 'INVALID_ARGUMENT'],
      ['POST', '/v4/admin/rooms/r1/messages', { data: 'X', extension: 'x'.repeat(13000) }, 413, 80002],
      ['POST', '/v4/admin/rooms/r1/mute', { userID: 'v' }, 400, 'INVALID_ARGUMENT'],
      ['POST', '/v4/admin/rooms/r1/kick', { userID: 'nobody' }, 409, 2101],
      ['PUT', '/v4/admin/rooms/r1', undefined, 405, 'METHOD_NOT_ALLOWED'],
      ['DELETE', '/v4/admin/rooms/missing', undefined, 404, 10010],
      ['GET', '/v4/nothing-here', undefined, 404, 'NOT_FOUND'],
    ];
    for (const [method, path, body, status, code] of cases) {
      const res = await call(method, path, body);
      expect({ method, path, status: res.status, code: res.body?.error?.code }).toEqual({ method, path, status, code });
      expect(typeof res.body.error.message).toBe('string');
      expect(res.headers.get('content-type')).toContain('application/json');
    }
  });

  it('requires the administrator UserSig', async () => {
    expect((await call('GET', '/v4/admin/rooms', undefined, {})).status).toBe(401);
    expect(
      (await call('GET', '/v4/admin/rooms', undefined, { authorization: 'Bearer administrator:forged' })).status,
    ).toBe(401);
    const viewerAuth = { authorization: `Bearer v:${server.userSig('v')}` };
    expect(await call('GET', '/v4/admin/rooms', undefined, viewerAuth)).toMatchObject({
      status: 403,
      body: { error: { code: 'FORBIDDEN' } },
    });
    const stale = genUserSig({
      sdkAppID: server.sdkAppID,
      secretKey: DEV_SECRET_KEY,
      userID: 'administrator',
      expire: 10,
      now: Date.now() - 60_000,
    });
    const expired = { authorization: `Bearer administrator:${stale}` };
    expect((await call('GET', '/v4/admin/rooms', undefined, expired)).status).toBe(401);
  });

  it('lists rooms publicly for the demo room list, with status and online count', async () => {
    await server.admin.createRoom({ ownerID: 'host', groupID: 'r1', name: 'Shoes' });
    await server.admin.updateRoom({ groupID: 'r1', customFields: { room_status: 'live' } });
    const viewer = await loggedIn(server, 'v');
    await viewer.tim.joinGroup({ groupID: 'r1' });
    const res = await call('GET', '/v4/rooms', undefined, {});
    expect(res).toMatchObject({
      status: 200,
      body: { rooms: [{ groupID: 'r1', name: 'Shoes', ownerID: 'host', status: 'live', onlineCount: 1 }] },
    });
    await viewer.tim.destroy();
  });

  it('allows CORS from local pages only', async () => {
    const local = await fetch(`${server.httpUrl}/v4/rooms`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:10086', 'access-control-request-method': 'GET' },
    });
    expect(local.status).toBe(204);
    expect(local.headers.get('access-control-allow-origin')).toBe('http://localhost:10086');
    const remote = await fetch(`${server.httpUrl}/v4/rooms`, { headers: { origin: 'https://evil.example' } });
    expect(remote.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('issues UserSigs over HTTP only when started with devUserSig', async () => {
    expect((await call('GET', '/v4/usersig?userID=v', undefined, {})).status).toBe(404);
    const dev = await startServer({ devUserSig: true });
    try {
      const res = await fetch(`${dev.httpUrl}/v4/usersig?userID=v`);
      const body = (await res.json()) as { userSig: string; sdkAppID: number };
      expect(body.sdkAppID).toBe(dev.sdkAppID);
      const { createLocalTIM } = await import('@livesell/core');
      const { NodeWebSocket } = await import('./helpers');
      const tim = createLocalTIM({ url: dev.wsUrl, WebSocket: NodeWebSocket }).create({ SDKAppID: dev.sdkAppID });
      await expect(tim.login({ userID: 'v', userSig: body.userSig })).resolves.toMatchObject({ code: 0 });
      await tim.destroy();
      // Never the administrator: that would hand out the admin API.
      expect((await fetch(`${dev.httpUrl}/v4/usersig?userID=administrator`)).status).toBe(400);
    } finally {
      await dev.close();
    }
  });
});
