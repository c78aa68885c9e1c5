/**
 * The replay timeline in the real local server: real IM sockets (TIMLiveSell clients), the real
 * merchant API, SQLite on disk. No fakes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MerchantCoupon, MerchantGoods } from '@livesell/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImEvents } from '../../src/im/events';
import { createMerchantModule } from '../../src/merchant';
import type { LiveServerContext, LiveServerModuleFactory } from '../../src/module';
import { createReplayModule } from '../../src/replay/index';
import type { LiveServer } from '../../src/start';
import { Harness, sleep } from '../live-sell/harness';

const h = new Harness();
const dirs: string[] = [];
afterEach(async () => {
  await h.cleanup();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

interface Ev {
  id: string;
  at: number;
  type: string;
  userID?: string;
  nick?: string;
  data: Record<string, unknown>;
}

/** Keeps the context so a test can play the moderation module emitting `messageDeleted` on the real bus. */
let lastCtx: LiveServerContext | undefined;
const spy: LiveServerModuleFactory = async (ctx) => {
  lastCtx = ctx;
  return { name: 'spy' };
};

const modules = [
  { name: 'merchant', factory: createMerchantModule() },
  { name: 'replay', factory: createReplayModule({ flushMs: 50 }) },
  { name: 'spy', factory: spy },
];

async function start(dataDir?: string) {
  const server = await h.start({ modules, dataDir });
  return server;
}

function api(server: LiveServer) {
  return async <T = Record<string, unknown>>(method: string, path: string, as?: string, body?: unknown) => {
    const res = await fetch(`${server.httpUrl}/v4/merchant${path}`, {
      method,
      headers: {
        ...(as ? { authorization: `Bearer ${as}:${server.userSig(as)}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as T & { error?: { code: string } } };
  };
}

async function timeline(server: LiveServer, room: string, query = '') {
  const res = await fetch(`${server.httpUrl}/v4/merchant/rooms/${encodeURIComponent(room)}/timeline${query}`);
  return { status: res.status, body: (await res.json()) as { events: Ev[]; next: string | null; error?: unknown } };
}

/** Every event of the room, following `next` with small pages. */
async function all(server: LiveServer, room: string, extra = '') {
  const out: Ev[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100; i++) {
    const page = await timeline(server, room, `?limit=7${extra}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(page.status).toBe(200);
    out.push(...page.body.events);
    cursor = page.body.next;
    if (!cursor) break;
  }
  return out;
}

describe('replay timeline', () => {
  it('records chat, likes, gifts, joins, the explaining item, coupons, purchases and status with server time', async () => {
    const server = await start();
    const call = api(server);
    const { groupID } = await server.admin.createRoom({ ownerID: 'host', name: 'Tea live', groupID: 'tea' });
    const t0 = Date.now();
    const host = await h.client(server, groupID, 'host', { nick: 'Host' });
    await host.joinRoom();
    await host.setRoomStatus('live');
    // Likes are batched by the client; a short window sends them within the test.
    const viewer = await h.client(server, groupID, 'ann', { nick: 'Ann', likeWindowMs: 200 });
    await viewer.joinRoom();
    await viewer.sendMessage('hello <b>there</b>');
    await host.sendMessage('welcome');
    for (let i = 0; i < 3; i++) await viewer.like();
    await viewer.gift(JSON.stringify({ id: 'rose', name: 'Rose', count: 2 }));
    const seeded = await call<{ goods: MerchantGoods[] }>('POST', '/rooms/tea/demo', 'host');
    const mug = seeded.body.goods[0]!;
    await call('PUT', '/rooms/tea/explaining', 'host', { goodsID: mug.id });
    const issued = await call<{ coupon: MerchantCoupon }>('POST', '/rooms/tea/coupons', 'host', {
      amount: 500,
      stock: 3,
      durationSeconds: 300,
    });
    await call('POST', `/rooms/tea/coupons/${issued.body.coupon.id}/claim`, 'ann', { nick: 'Ann' });
    expect((await call('POST', '/rooms/tea/orders', 'ann', { goodsID: mug.id, quantity: 2 })).status).toBe(201);
    // A viewer forging a purchase is not a verified purchase: it stays out of the timeline.
    await viewer.sendCustomMsgAndEmitEvent('BUY_GOODS', JSON.stringify({ orderID: 'x', goodsID: mug.id }));
    await sleep(1300);
    await host.setRoomStatus('ended');
    // Once ended, the room's chatter is not the show's.
    await viewer.sendMessage('after the show');
    await sleep(300);
    const t1 = Date.now();

    const events = await all(server, 'tea');
    const types = events.map((e) => e.type);
    for (const t of ['status', 'join', 'chat', 'like', 'gift', 'explain', 'coupon_issue', 'coupon_claim', 'purchase']) {
      expect(types, t).toContain(t);
    }
    for (const e of events) {
      expect(e.at).toBeGreaterThanOrEqual(t0);
      expect(e.at).toBeLessThanOrEqual(t1);
    }
    for (let i = 1; i < events.length; i++) expect(events[i]!.at).toBeGreaterThanOrEqual(events[i - 1]!.at);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);

    const chats = events.filter((e) => e.type === 'chat');
    expect(chats.map((c) => c.data.text)).toEqual(['hello <b>there</b>', 'welcome']);
    expect(chats[0]).toMatchObject({ userID: 'ann', nick: 'Ann' });
    expect(chats[0]!.data.role).toBeUndefined();
    expect(chats[1]!.data.role).toBe('owner');
    expect(chats[0]!.id).not.toMatch(/^chat-/);
    const likes = events.filter((e) => e.type === 'like');
    expect(likes.reduce((n, e) => n + (e.data.count as number), 0)).toBe(3);
    expect(events.find((e) => e.type === 'gift')).toMatchObject({
      userID: 'ann',
      data: { giftID: 'rose', name: 'Rose', count: 2 },
    });
    const joins = events.filter((e) => e.type === 'join');
    expect(joins.flatMap((e) => e.data.userIDs as string[])).toEqual(expect.arrayContaining(['host', 'ann']));
    expect(events.find((e) => e.type === 'explain')?.data).toMatchObject({
      goodsID: mug.id,
      title: mug.title,
      price: mug.price,
    });
    expect(events.find((e) => e.type === 'coupon_issue')?.data).toMatchObject({
      couponID: issued.body.coupon.id,
      amount: 500,
    });
    expect(events.find((e) => e.type === 'coupon_claim')).toMatchObject({
      userID: 'ann',
      data: { couponID: issued.body.coupon.id },
    });
    const purchases = events.filter((e) => e.type === 'purchase');
    expect(purchases).toHaveLength(1);
    expect(purchases[0]).toMatchObject({ userID: 'ann', data: { goodsID: mug.id, quantity: 2 } });
    expect(events.filter((e) => e.type === 'status').map((e) => e.data)).toEqual([
      { status: 'live', phase: 'live' },
      { status: 'ended', phase: 'ended' },
    ]);
    expect(events[events.length - 1]!.type).toBe('status');

    // Chapters and the replay summary.
    const chapters = (await (await fetch(`${server.httpUrl}/v4/merchant/rooms/tea/chapters`)).json()) as {
      chapters: unknown[];
    };
    expect(chapters.chapters).toEqual([
      { at: expect.any(Number), goodsID: mug.id, title: mug.title, image: expect.any(String), price: mug.price },
    ]);
    const replay = (await (await fetch(`${server.httpUrl}/v4/merchant/rooms/tea/replay`)).json()) as Record<
      string,
      unknown
    >;
    expect(replay).toMatchObject({
      roomID: 'tea',
      name: 'Tea live',
      ownerID: 'host',
      phase: 'ended',
      segments: [],
      chapters: chapters.chapters,
      sellOnReplay: true,
    });
    // The lifecycle log and the timeline read the same clock a moment apart.
    expect(Math.abs((replay.startedAt as number) - events.find((e) => e.type === 'status')!.at)).toBeLessThan(20);
    expect(Math.abs((replay.endedAt as number) - events[events.length - 1]!.at)).toBeLessThan(20);

    // types= filters.
    const only = await all(server, 'tea', '&types=chat,purchase');
    expect(only.map((e) => e.type).sort()).toEqual(['chat', 'chat', 'purchase']);
  });

  it('pages by cursor and window in (at, seq) order, refuses bad parameters, hides deleted chat', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'livesell-tl-'));
    dirs.push(dataDir);
    let server = await start(dataDir);
    const { groupID } = await server.admin.createRoom({ ownerID: 'host', groupID: 'paged' });
    const host = await h.client(server, groupID, 'host');
    await host.joinRoom();
    const sent: string[] = [];
    for (let i = 0; i < 30; i++) {
      const { messageID } = await server.admin.sendTextMessage({ groupID, text: `m${i}`, fromUserID: 'host' });
      sent.push(messageID);
      if (i % 10 === 9) await sleep(30);
    }
    await sleep(100);
    const events = (await all(server, 'paged', '&types=chat')).map((e) => e);
    expect(events.map((e) => e.data.text)).toEqual(sent.map((_, i) => `m${i}`));
    expect(events.map((e) => e.id)).toEqual(sent);

    // A window: from inclusive, to exclusive.
    const mid = events[10]!.at;
    const window = await timeline(server, 'paged', `?types=chat&from=${mid}&to=${events[20]!.at}&limit=500`);
    expect(window.body.events.every((e) => e.at >= mid && e.at < events[20]!.at)).toBe(true);
    expect(window.body.events.map((e) => e.data.text)).toContain('m10');
    expect(window.body.events.map((e) => e.data.text)).not.toContain('m20');
    expect(window.body.next).toBeNull();
    const first = await timeline(server, 'paged', '?types=chat&limit=30');
    expect(first.body.events).toHaveLength(30);
    expect(first.body.next).toBeNull();

    for (const bad of [
      '?limit=0',
      '?limit=501',
      '?limit=x',
      '?from=-1',
      '?from=1.5',
      '?to=abc',
      '?from=10&to=5',
      '?cursor=zz!',
      '?types=chat,bogus',
    ]) {
      const res = await timeline(server, 'paged', bad);
      expect(res.status, bad).toBe(400);
      expect(res.body.error, bad).toMatchObject({ code: 'INVALID_ARGUMENT' });
    }
    expect((await timeline(server, 'nope')).status).toBe(404);
    expect((await fetch(`${server.httpUrl}/v4/merchant/rooms/paged/timeline`, { method: 'POST' })).status).toBe(405);

    // Moderation deletes a message (the event a moderation module emits on the IM bus).
    (lastCtx!.im as ImEvents).emit('messageDeleted', {
      groupID,
      messageID: sent[5]!,
      operatorID: 'host',
      at: Date.now(),
    });
    const after = await all(server, 'paged', '&types=chat');
    expect(after.map((e) => e.id)).toEqual(sent.filter((_, i) => i !== 5));

    // A restart on the same data keeps the timeline (and the deletion).
    await h.cleanup();
    server = await start(dataDir);
    const restarted = await all(server, 'paged', '&types=chat');
    expect(restarted.map((e) => e.id)).toEqual(after.map((e) => e.id));
    expect(restarted.map((e) => e.at)).toEqual(after.map((e) => e.at));

    // Deleting the room removes its timeline.
    const del = await fetch(`${server.httpUrl}/v4/admin/rooms/paged`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${server.adminUserID}:${server.userSig(server.adminUserID)}` },
    });
    expect(del.status).toBe(200);
    expect(await server.admin.getRoom('paged')).toBeUndefined();
    expect((await timeline(server, 'paged')).status).toBe(404);
    await server.admin.createRoom({ ownerID: 'host', groupID: 'paged' });
    expect((await timeline(server, 'paged')).body.events).toEqual([]);
  });

  it('takes orders from the replay of an ended show when the merchant allows it', async () => {
    const server = await start();
    const call = api(server);
    await server.admin.createRoom({ ownerID: 'host', groupID: 'shop' });
    const mug = (await call<{ goods: MerchantGoods[] }>('POST', '/rooms/shop/demo', 'host')).body.goods[0]!;
    await server.admin.updateRoom({ groupID: 'shop', customFields: { room_status: 'ended' } });

    const live = await call('POST', '/rooms/shop/orders', 'ann', { goodsID: mug.id });
    expect(live.status).toBe(409);
    expect(live.body.error?.code).toBe('ROOM_ENDED');
    const replay = await call<{ via: string; order: { goodsID: string } }>('POST', '/rooms/shop/orders', 'ann', {
      goodsID: mug.id,
      via: 'replay',
    });
    expect(replay.status).toBe(201);
    expect(replay.body).toMatchObject({ via: 'replay', order: { goodsID: mug.id } });
    expect((await call('POST', '/rooms/shop/orders', 'ann', { goodsID: mug.id, via: 'tv' })).status).toBe(400);

    expect((await call('PUT', '/rooms/shop/sales', 'ann', { sellOnReplay: false })).status).toBe(403);
    const off = await call('PUT', '/rooms/shop/sales', 'host', { sellOnReplay: false });
    expect(off.body).toMatchObject({ sellOnReplay: false, sellWhilePaused: true });
    const refused = await call('POST', '/rooms/shop/orders', 'ann', { goodsID: mug.id, via: 'replay' });
    expect(refused.status).toBe(409);
    expect(refused.body.error?.code).toBe('ROOM_ENDED');
    const summary = (await (await fetch(`${server.httpUrl}/v4/merchant/rooms/shop/replay`)).json()) as {
      sellOnReplay: boolean;
    };
    expect(summary.sellOnReplay).toBe(false);
    // A live show answers via: 'live'.
    await server.admin.updateRoom({ groupID: 'shop', customFields: { room_status: 'live' } });
    const again = await call('POST', '/rooms/shop/orders', 'ann', { goodsID: mug.id, via: 'replay', quantity: 1 });
    expect(again.body).toMatchObject({ via: 'live' });
  });
});
