/**
 * WeChat's getliveinfo API is unreachable from here, so these tests run the client against a local
 * HTTP endpoint started in the test that replays the responses WeChat documents (including the
 * `live_satus` spelling of its own sample). Time is a manual clock.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LiveSellError } from '@livesell/core';
import { createManualClock, type ManualClock } from '@livesell/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createWxLiveClient, type WxLiveClientOptions } from './wx-live-client';

interface Seen {
  path: string;
  token: string | null;
  body: Record<string, unknown>;
}

type Reply = (seen: Seen) => { status?: number; body: unknown };

const documentedRoomList = {
  errcode: 0,
  errmsg: 'ok',
  room_info: [
    {
      name: '直播房间名',
      roomid: 1,
      cover_img: 'http://mmbiz.qpic.cn/mmbiz_jpg/cover/0?wx_fmt=jpeg',
      live_satus: 101,
      start_time: 1568128900,
      end_time: 1568131200,
      anchor_name: '李四',
      anchor_img: 'http://mmbiz.qpic.cn/mmbiz_jpg/anchor/0?wx_fmt=jpeg',
      goods: [
        {
          cover_img: 'http://mmbiz.qpic.cn/mmbiz_png/goods/0?wx_fmt=png',
          url: 'pages/index/index.html',
          price: 1100,
          name: 'fdgfgf',
        },
      ],
    },
  ],
  total: 1,
};

const documentedReplay = {
  live_replay: [
    {
      expire_time: '2020-11-11T03:49:55Z',
      create_time: '2019-11-12T03:49:55Z',
      media_url: 'http://xxxxx.vod2.myqcloud.com/xxxxx/xxxxx/f0.mp4',
    },
  ],
  errcode: 0,
  total: 1,
  errmsg: 'ok',
};

let server: Server | undefined;

async function fakeWeChat(reply: Reply) {
  const seen: Seen[] = [];
  server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    let text = '';
    for await (const chunk of req) text += chunk;
    const s: Seen = {
      path: `${req.method} ${url.pathname}`,
      token: url.searchParams.get('access_token'),
      body: JSON.parse(text || '{}'),
    };
    seen.push(s);
    const { status = 200, body } = reply(s);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { seen, baseUrl };
}

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

// 2024-03-01 23:59:00 in Asia/Shanghai.
const BEFORE_MIDNIGHT_SHANGHAI = Date.UTC(2024, 2, 1, 15, 59, 0);

function client(baseUrl: string, extra: Partial<WxLiveClientOptions> & { clock?: ManualClock } = {}) {
  const clock = extra.clock ?? createManualClock(BEFORE_MIDNIGHT_SHANGHAI - 3_600_000);
  const tokenCalls: boolean[] = [];
  const c = createWxLiveClient({
    getAccessToken: async ({ forceRefresh }) => {
      tokenCalls.push(forceRefresh);
      return forceRefresh ? 'fresh-token' : 'stale-token';
    },
    baseUrl,
    clock,
    ...extra,
  });
  return { client: c, clock, tokenCalls };
}

async function rejection(p: Promise<unknown>): Promise<LiveSellError> {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(LiveSellError);
    return error as LiveSellError;
  }
  throw new Error('expected a rejection');
}

describe('getliveinfo client: documented shapes', () => {
  it('posts the room list request and reads the documented response', async () => {
    const wx = await fakeWeChat(() => ({ body: documentedRoomList }));
    const { client: c } = client(wx.baseUrl);
    const list = await c.getRoomList({ start: 0, limit: 10 });
    expect(wx.seen).toEqual([
      { path: 'POST /wxa/business/getliveinfo', token: 'stale-token', body: { start: 0, limit: 10 } },
    ]);
    expect(list.total).toBe(1);
    expect(list.fromCache).toBe(false);
    expect(list.rooms[0]).toMatchObject({ roomid: 1, name: '直播房间名', live_status: 101, anchor_name: '李四' });
    expect(list.rooms[0]?.goods).toEqual(documentedRoomList.room_info[0]?.goods);
  });

  it('posts the replay request and reads the documented response', async () => {
    const wx = await fakeWeChat(() => ({ body: documentedReplay }));
    const { client: c } = client(wx.baseUrl);
    const replay = await c.getReplay({ roomId: 354, start: 0, limit: 10 });
    expect(wx.seen[0]?.body).toEqual({ action: 'get_replay', room_id: 354, start: 0, limit: 10 });
    expect(replay).toEqual({ replays: documentedReplay.live_replay, total: 1, fromCache: false });
  });

  it('errcode 1 (no live rooms created) is an empty list, not an error', async () => {
    const wx = await fakeWeChat(() => ({ body: { errcode: 1, errmsg: 'no room' } }));
    const { client: c } = client(wx.baseUrl);
    expect(await c.getRoomList()).toEqual({ rooms: [], total: 0, fromCache: false });
    // A valid answer, so it is cached like any other.
    expect(await c.getRoomList()).toEqual({ rooms: [], total: 0, fromCache: true });
    expect(await c.getAllRooms()).toEqual([]);
    expect(wx.seen).toHaveLength(2);
  });

  it('drops malformed rooms instead of passing them on', async () => {
    const wx = await fakeWeChat(() => ({
      body: { errcode: 0, room_info: [{ roomid: '7' }, null, { roomid: 8, name: 5, goods: 'x' }], total: 3 },
    }));
    const { client: c } = client(wx.baseUrl);
    const { rooms } = await c.getRoomList();
    expect(rooms).toEqual([
      {
        roomid: 8,
        name: '',
        cover_img: '',
        live_status: 0,
        start_time: 0,
        end_time: 0,
        anchor_name: '',
        anchor_img: '',
        goods: [],
      },
    ]);
  });
});

describe('getliveinfo client: cache and daily budget', () => {
  it('cache hits do not spend budget; the cache expires after cacheTtlMs', async () => {
    const wx = await fakeWeChat(() => ({ body: documentedRoomList }));
    const { client: c, clock } = client(wx.baseUrl, { cacheTtlMs: 60_000 });
    await c.getRoomList();
    const again = await c.getRoomList();
    expect(again.fromCache).toBe(true);
    expect(wx.seen).toHaveLength(1);
    expect(c.budget()).toMatchObject({ used: 1, remaining: 499 });
    clock.advance(60_000);
    expect((await c.getRoomList()).fromCache).toBe(false);
    expect(wx.seen).toHaveLength(2);
    expect(c.budget().used).toBe(2);
  });

  it('concurrent identical requests share one call', async () => {
    const wx = await fakeWeChat(() => ({ body: documentedRoomList }));
    const { client: c } = client(wx.baseUrl);
    await Promise.all([c.getRoomList(), c.getRoomList(), c.getRoomList()]);
    expect(wx.seen).toHaveLength(1);
    expect(c.budget().used).toBe(1);
  });

  it('refuses the 501st uncached call of the day locally and resets at midnight Asia/Shanghai', async () => {
    const wx = await fakeWeChat(() => ({ body: documentedReplay }));
    const clock = createManualClock(BEFORE_MIDNIGHT_SHANGHAI - 3_600_000);
    const { client: c } = client(wx.baseUrl, { clock, cacheTtlMs: 0 });
    for (let i = 0; i < 250; i++) {
      await c.getRoomList({ start: i });
      await c.getReplay({ roomId: 1, start: i });
    }
    expect(wx.seen).toHaveLength(500);
    const error = await rejection(c.getReplay({ roomId: 2 }));
    expect(error.code).toBe('BUDGET_EXCEEDED');
    expect(error.details).toMatchObject({ limit: 500, used: 500, day: '2024-03-01' });
    expect(error.details?.resetsAt).toBe(BEFORE_MIDNIGHT_SHANGHAI + 60_000);
    expect(wx.seen).toHaveLength(500);
    clock.advance(3_600_000 - 1);
    expect((await rejection(c.getRoomList())).code).toBe('BUDGET_EXCEEDED');
    clock.advance(60_001);
    await c.getRoomList();
    expect(wx.seen).toHaveLength(501);
    expect(c.budget()).toMatchObject({ day: '2024-03-02', used: 1 });
  });

  it('the day boundary follows the configured time zone', async () => {
    const wx = await fakeWeChat(() => ({ body: documentedRoomList }));
    const clock = createManualClock(Date.UTC(2024, 2, 1, 23, 0, 0));
    const { client: c } = client(wx.baseUrl, { clock, dailyBudget: 1, timeZone: 'UTC', cacheTtlMs: 0 });
    await c.getRoomList();
    expect((await rejection(c.getRoomList())).code).toBe('BUDGET_EXCEEDED');
    expect(c.budget().resetsAt).toBe(Date.UTC(2024, 2, 2));
    clock.advance(3_600_000);
    await c.getRoomList();
    expect(() => createWxLiveClient({ getAccessToken: async () => 't', timeZone: 'Mars/Olympus' })).toThrow(
      /unknown time zone/,
    );
  });
});

describe('getliveinfo client: errors', () => {
  it('refreshes the access token once on 40001/42001 and retries', async () => {
    for (const errcode of [40001, 42001, 40014]) {
      const wx = await fakeWeChat((s) => ({
        body: s.token === 'fresh-token' ? documentedRoomList : { errcode, errmsg: 'invalid credential' },
      }));
      const { client: c, tokenCalls } = client(wx.baseUrl);
      const list = await c.getRoomList();
      expect(list.rooms).toHaveLength(1);
      expect(tokenCalls).toEqual([false, true]);
      expect(wx.seen.map((s) => s.token)).toEqual(['stale-token', 'fresh-token']);
      await new Promise<void>((resolve) => server!.close(() => resolve()));
      server = undefined;
    }
  });

  it('a token WeChat still rejects after the refresh is PERMISSION_DENIED, after exactly one retry', async () => {
    const wx = await fakeWeChat(() => ({ body: { errcode: 42001, errmsg: 'access_token expired' } }));
    const { client: c, tokenCalls } = client(wx.baseUrl);
    const error = await rejection(c.getRoomList());
    expect(error).toMatchObject({ code: 'PERMISSION_DENIED', timCode: 42001, fatal: true });
    expect(tokenCalls).toEqual([false, true]);
    expect(wx.seen).toHaveLength(2);
  });

  it('maps errcodes to typed errors and keeps errcode/errmsg', async () => {
    const cases: Array<[number, string, boolean]> = [
      [-1, 'REMOTE', false],
      [48001, 'PERMISSION_DENIED', true],
      [47001, 'INVALID_ARGUMENT', true],
      [9410003, 'REMOTE', true],
    ];
    for (const [errcode, code, fatal] of cases) {
      const wx = await fakeWeChat(() => ({ body: { errcode, errmsg: `msg ${errcode}` } }));
      const { client: c } = client(wx.baseUrl);
      const error = await rejection(c.getReplay({ roomId: 1 }));
      expect(error).toMatchObject({
        code,
        fatal,
        timCode: errcode,
        details: { errcode, errmsg: `msg ${errcode}`, api: 'getReplay' },
      });
      await new Promise<void>((resolve) => server!.close(() => resolve()));
      server = undefined;
    }
  });

  it("WeChat's own quota error (45009) closes the local budget for the day", async () => {
    const wx = await fakeWeChat(() => ({ body: { errcode: 45009, errmsg: 'reach max api daily quota limit' } }));
    const { client: c } = client(wx.baseUrl);
    expect((await rejection(c.getRoomList())).code).toBe('BUDGET_EXCEEDED');
    expect((await rejection(c.getReplay({ roomId: 3 }))).code).toBe('BUDGET_EXCEEDED');
    expect(wx.seen).toHaveLength(1);
    expect(c.budget().remaining).toBe(0);
  });

  it('HTTP failures are NETWORK, non-JSON answers REMOTE, and neither is cached', async () => {
    let mode: 'http' | 'junk' | 'ok' = 'http';
    const wx = await fakeWeChat(() =>
      mode === 'http' ? { status: 502, body: {} } : mode === 'junk' ? { body: '<html>' } : { body: documentedRoomList },
    );
    const { client: c } = client(wx.baseUrl);
    expect((await rejection(c.getRoomList())).code).toBe('NETWORK');
    mode = 'junk';
    expect((await rejection(c.getRoomList())).code).toBe('REMOTE');
    mode = 'ok';
    expect((await c.getRoomList()).rooms).toHaveLength(1);
    expect(wx.seen).toHaveLength(3);
  });

  it('validates arguments before spending anything', async () => {
    const wx = await fakeWeChat(() => ({ body: documentedRoomList }));
    const { client: c, tokenCalls } = client(wx.baseUrl);
    for (const p of [
      c.getRoomList({ limit: 0 }),
      c.getRoomList({ limit: 101 }),
      c.getRoomList({ start: -1 }),
      c.getReplay({ roomId: 0 }),
    ]) {
      expect((await rejection(p)).code).toBe('INVALID_ARGUMENT');
    }
    expect(wx.seen).toHaveLength(0);
    expect(tokenCalls).toEqual([]);
  });

  it('a failing token source is PERMISSION_DENIED and spends no budget', async () => {
    const wx = await fakeWeChat(() => ({ body: documentedRoomList }));
    const c = createWxLiveClient({
      baseUrl: wx.baseUrl,
      getAccessToken: async () => {
        throw new Error('appsecret wrong');
      },
    });
    expect((await rejection(c.getRoomList())).code).toBe('PERMISSION_DENIED');
    expect(c.budget().used).toBe(0);
  });
});

describe('getliveinfo client: pagination', () => {
  it('getAllRooms collects every room across pages', async () => {
    const all = Array.from({ length: 250 }, (_, i) => ({ ...documentedRoomList.room_info[0], roomid: 1000 - i }));
    const wx = await fakeWeChat((s) => {
      const start = Number(s.body.start);
      const limit = Number(s.body.limit);
      return { body: { errcode: 0, errmsg: 'ok', room_info: all.slice(start, start + limit), total: all.length } };
    });
    const { client: c } = client(wx.baseUrl);
    const rooms = await c.getAllRooms({ pageSize: 100 });
    expect(rooms.map((r) => r.roomid)).toEqual(all.map((r) => r.roomid));
    expect(wx.seen.map((s) => s.body)).toEqual([
      { start: 0, limit: 100 },
      { start: 100, limit: 100 },
      { start: 200, limit: 100 },
    ]);
  });

  it('stops on an empty page even if total says more, and deduplicates rooms that shift between pages', async () => {
    const wx = await fakeWeChat((s) => {
      const start = Number(s.body.start);
      const pages: Record<number, number[]> = { 0: [5, 4], 2: [4, 3] };
      const ids = pages[start] ?? [];
      return { body: { errcode: 0, room_info: ids.map((roomid) => ({ roomid })), total: 10 } };
    });
    const { client: c } = client(wx.baseUrl);
    const rooms = await c.getAllRooms({ pageSize: 2 });
    expect(rooms.map((r) => r.roomid)).toEqual([5, 4, 3]);
    expect(wx.seen).toHaveLength(3);
  });
});
