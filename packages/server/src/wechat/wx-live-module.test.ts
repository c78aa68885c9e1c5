import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createManualClock } from '@livesell/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../db';
import { RecordingStore, roomRecordingDir } from '../replay/recordings';
import { type LiveServer, startLiveServer } from '../start';
import { createWxLiveClient } from './wx-live-client';
import { createWechatModule } from './wx-live-module';

const servers: LiveServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function start(dataDir?: string) {
  const clock = createManualClock(Date.UTC(2024, 5, 1));
  const server = await startLiveServer({
    port: 0,
    dataDir,
    modules: [{ name: 'wechat', factory: createWechatModule({ clock }) }],
  });
  servers.push(server);
  // The same client code as for WeChat, pointed at the local server.
  const client = createWxLiveClient({ getAccessToken: async () => 'local', baseUrl: server.httpUrl, cacheTtlMs: 0 });
  return { server, clock, client };
}

async function post(server: LiveServer, path: string, body: unknown, method = 'POST') {
  const res = await fetch(`${server.httpUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: method === 'POST' ? JSON.stringify(body) : undefined,
  });
  return (await res.json()) as Record<string, unknown>;
}

describe('local getliveinfo emulation', () => {
  it('answers errcode 1 while there are no rooms, which the client reads as an empty list', async () => {
    const { server, client } = await start();
    expect(await post(server, '/wxa/business/getliveinfo?access_token=x', { start: 0, limit: 10 })).toMatchObject({
      errcode: 1,
    });
    expect(await client.getRoomList()).toEqual({ rooms: [], total: 0, fromCache: false });
  });

  it("lists the server's rooms in WeChat's shape with live_status from room_status", async () => {
    const { server, client } = await start();
    const a = await server.admin.createRoom({ ownerID: 'host-a', name: 'Spring sale' });
    const b = await server.admin.createRoom({ ownerID: 'host-b', name: 'Tea tasting' });
    const c = await server.admin.createRoom({ ownerID: 'host-c', name: 'Not yet' });
    await server.admin.updateRoom({ groupID: a.groupID, customFields: { room_status: 'live' } });
    await server.admin.updateRoom({ groupID: b.groupID, customFields: { room_status: 'paused' } });
    await server.admin.setProfile({ userID: 'host-b', nick: 'Mei', avatar: 'https://example.com/mei.png' });

    const rooms = await client.getAllRooms({ pageSize: 2 });
    const byGroup = Object.fromEntries(rooms.map((r) => [r.group_id, r]));
    expect(rooms).toHaveLength(3);
    expect(byGroup[a.groupID]).toMatchObject({
      name: 'Spring sale',
      // No IM profile: the owner's userID stands in for the name.
      anchor_name: 'host-a',
      live_status: 101,
      goods: [],
    });
    expect(byGroup[b.groupID]).toMatchObject({
      live_status: 105,
      anchor_name: 'Mei',
      anchor_img: 'https://example.com/mei.png',
    });
    expect(byGroup[c.groupID]?.live_status).toBe(102);
    expect(new Set(rooms.map((r) => r.roomid)).size).toBe(3);
    for (const r of rooms) expect(Number.isSafeInteger(r.roomid) && r.roomid > 0).toBe(true);
    const starts = rooms.map((r) => r.start_time);
    expect([...starts].sort((x, y) => y - x)).toEqual(starts);
  });

  it('applies the live-status rules: a host gone offline is 106, then 103 after 15 minutes', async () => {
    const { server, clock, client } = await start();
    const { groupID } = await server.admin.createRoom({ ownerID: 'host', name: 'Drops out' });
    await server.admin.updateRoom({ groupID, customFields: { room_status: 'live' } });
    expect((await client.getRoomList()).rooms[0]?.live_status).toBe(101);
    await server.admin.updateRoom({ groupID, customFields: { room_status: 'offline' } });
    expect((await client.getRoomList()).rooms[0]?.live_status).toBe(106);
    clock.advance(14 * 60_000);
    expect((await client.getRoomList()).rooms[0]?.live_status).toBe(106);
    clock.advance(60_000);
    expect((await client.getRoomList()).rooms[0]?.live_status).toBe(103);
  });

  it('serves get_replay: an empty list for a known room, errcode 1 for an unknown one', async () => {
    const { server, client } = await start();
    await server.admin.createRoom({ ownerID: 'host', name: 'R' });
    const [room] = (await client.getRoomList()).rooms;
    expect(await client.getReplay({ roomId: room!.roomid })).toEqual({ replays: [], total: 0, fromCache: false });
    expect(
      await post(server, '/wxa/business/getliveinfo?access_token=x', {
        action: 'get_replay',
        room_id: 999,
        start: 0,
        limit: 10,
      }),
    ).toMatchObject({ errcode: 1 });
  });

  it("serves get_replay from the room's recorded segments in WeChat's shape, paged by start/limit", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'livesell-wx-'));
    const { server, client, clock } = await start(dataDir);
    const { groupID } = await server.admin.createRoom({ ownerID: 'host', name: 'R', groupID: 'show' });
    // Three finished segments as the media module's recorder leaves them (rows and files).
    const db = openDatabase(dataDir);
    const store = new RecordingStore(db, dataDir);
    mkdirSync(join(dataDir, roomRecordingDir(groupID)), { recursive: true });
    const base = Date.UTC(2024, 5, 1, 8, 0, 0);
    for (const [i, id] of ['seg0000a', 'seg0000b', 'seg0000c'].entries()) {
      const path = join(roomRecordingDir(groupID), `${id}.mp4`);
      writeFileSync(join(dataDir, path), 'mp4');
      store.begin({ roomID: groupID, id, startedAt: base + i * 600_000, path });
      store.finish(groupID, id, { endedAt: base + i * 600_000 + 300_000, durationMs: 300_000, path, bytes: 3 });
    }
    db.close();
    const [room] = (await client.getRoomList()).rooms;
    const body = await post(server, '/wxa/business/getliveinfo?access_token=x', {
      action: 'get_replay',
      room_id: room!.roomid,
      start: 1,
      limit: 10,
    });
    expect(body).toEqual({
      errcode: 0,
      errmsg: 'ok',
      total: 3,
      live_replay: [
        {
          create_time: '2024-06-01T08:10:00Z',
          expire_time: new Date(clock.now() + 7 * 24 * 3600_000).toISOString().replace('.000Z', 'Z'),
          media_url: expect.stringMatching(
            new RegExp(`^${server.httpUrl}/replay/show/seg0000b\\.mp4\\?t=\\d+&sign=[0-9a-f]{64}$`),
          ),
        },
        expect.objectContaining({ create_time: '2024-06-01T08:20:00Z' }),
      ],
    });
    const page = await client.getReplay({ roomId: room!.roomid, start: 0, limit: 1 });
    expect(page.total).toBe(3);
    expect(page.replays).toHaveLength(1);
    expect(page.replays[0]!.create_time).toBe('2024-06-01T08:00:00Z');
  });

  it("answers malformed requests with WeChat's errcodes", async () => {
    const { server } = await start();
    const path = '/wxa/business/getliveinfo';
    expect(await post(server, path, { start: 0, limit: 10 })).toMatchObject({ errcode: 41001 });
    expect(await post(server, `${path}?access_token=x`, {}, 'GET')).toMatchObject({ errcode: 43002 });
    expect(await post(server, `${path}?access_token=x`, { start: -1, limit: 10 })).toMatchObject({ errcode: 47001 });
    expect(await post(server, `${path}?access_token=x`, { start: 0, limit: 500 })).toMatchObject({ errcode: 47001 });
    expect(await post(server, `${path}?access_token=x`, { action: 'drop', start: 0, limit: 1 })).toMatchObject({
      errcode: 47001,
    });
  });

  it('keeps roomids stable across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'livesell-wx-'));
    const first = await start(dataDir);
    await first.server.admin.createRoom({ ownerID: 'h', name: 'one', groupID: 'g-one' });
    await first.server.admin.createRoom({ ownerID: 'h', name: 'two', groupID: 'g-two' });
    const before = (await first.client.getRoomList()).rooms.map((r) => [r.group_id, r.roomid]);
    await first.server.close();
    servers.splice(servers.indexOf(first.server), 1);
    const second = await start(dataDir);
    const after = (await second.client.getRoomList()).rooms.map((r) => [r.group_id, r.roomid]);
    expect(after).toEqual(before);
  });
});
