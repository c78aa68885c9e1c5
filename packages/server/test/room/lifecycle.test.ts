/**
 * The room lifecycle on the real local server: status transitions recorded with their time, commerce
 * closed when the show ends (ROOM_ENDED), the like total kept by the server across a restart, and a
 * late joiner's store restoring the whole room at once. Real sockets, real SQLite; no fakes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMerchantClient, createRoomStore, LiveSellError, type RoomStore } from '@livesell/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createMerchantModule } from '../../src/merchant';
import { likesIn } from '../../src/room/like-totals';
import type { LiveServer } from '../../src/start';
import { Harness, sleep, until } from '../live-sell/harness';

const h = new Harness();
const dirs: string[] = [];
const stores: RoomStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) s.destroy();
  await h.cleanup();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const modules = [{ name: 'merchant', factory: createMerchantModule() }];
const now = () => (cb: () => void) => {
  const t = setTimeout(cb, 0);
  return () => clearTimeout(t);
};

function shop(server: LiveServer, userID: string) {
  return createMerchantClient({ baseUrl: server.httpUrl, credentials: { userID, userSig: server.userSig(userID) } });
}

async function room(dataDir?: string, likeTotalIntervalMs = 200) {
  const server = await h.start({ modules, dataDir, likeTotalIntervalMs });
  const groupID = 'show-1';
  if (!(await server.admin.getRoom(groupID))) await server.admin.createRoom({ ownerID: 'host', groupID, name: 'Show' });
  return { server, groupID };
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (e) {
    if (!LiveSellError.is(e)) throw e;
    return `${e.details?.status}:${e.details?.code}`;
  }
}

describe('room lifecycle on the server', () => {
  it('records each status change with its time and author; a viewer cannot change it', async () => {
    const { server, groupID } = await room();
    const host = await h.client(server, groupID, 'host');
    const viewer = await h.client(server, groupID, 'viewer');
    await host.joinRoom();
    await viewer.joinRoom();
    const before = Date.now();
    await host.setRoomStatus('live');
    await host.setRoomStatus('live'); // the same value again records nothing
    await host.setRoomStatus('paused');
    await host.setRoomStatus('live');
    await expect(viewer.setRoomStatus('ended')).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
    await server.admin.updateRoom({ groupID, customFields: { room_status: 'ended' } });
    const res = await fetch(`${server.httpUrl}/v4/merchant/rooms/${groupID}/transitions`);
    const { transitions } = (await res.json()) as {
      transitions: Array<{ phase: string; from: string | null; operatorID: string; at: number }>;
    };
    expect(transitions.map((t) => [t.from, t.phase, t.operatorID])).toEqual([
      [null, 'live', 'host'],
      ['live', 'paused', 'host'],
      ['paused', 'live', 'host'],
      ['live', 'ended', 'administrator'],
    ]);
    for (const t of transitions) expect(t.at).toBeGreaterThanOrEqual(before - 5);
    expect(transitions.map((t) => t.at)).toEqual([...transitions.map((t) => t.at)].sort((a, b) => a - b));
  });

  it('closes commerce when the show ends (ROOM_ENDED); paused keeps selling; nothing paid or claimed is lost', async () => {
    const { server, groupID } = await room();
    const host = await h.client(server, groupID, 'host');
    await host.joinRoom();
    const hostShop = shop(server, 'host');
    const viewerShop = shop(server, 'viewer');
    await hostShop.seedDemo(groupID);
    const { goods } = await hostShop.listGoods(groupID);
    const item = goods[0]!;
    await host.setRoomStatus('live');
    const { coupon } = await hostShop.issueCoupon(groupID, { amount: 500, stock: 5, durationSeconds: 600 });

    await host.setRoomStatus('paused');
    const paid = await viewerShop.buy(groupID, { goodsID: item.id, requestID: 'order-1' });
    const claimed = await viewerShop.claimCoupon(groupID, coupon.id, { requestID: 'claim-1' });
    expect(paid.order.total).toBe(item.price);

    // The host may stop sales while paused.
    const res = await fetch(`${server.httpUrl}/v4/merchant/rooms/${groupID}/sales`, {
      method: 'PUT',
      headers: { authorization: `Bearer host:${server.userSig('host')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ sellWhilePaused: false }),
    });
    expect(res.status).toBe(200);
    expect(await code(viewerShop.buy(groupID, { goodsID: item.id }))).toBe('409:ROOM_PAUSED');
    await host.setRoomStatus('live');
    expect(await code(shop(server, 'v2').buy(groupID, { goodsID: item.id }))).toBe('ok');

    await host.setRoomStatus('ended');
    expect(await code(shop(server, 'v3').buy(groupID, { goodsID: item.id }))).toBe('409:ROOM_ENDED');
    expect(await code(shop(server, 'v3').claimCoupon(groupID, coupon.id))).toBe('409:ROOM_ENDED');
    expect(await code(hostShop.issueCoupon(groupID, { amount: 100, stock: 1, durationSeconds: 60 }))).toBe(
      '409:ROOM_ENDED',
    );
    const err = await viewerShop.buy(groupID, { goodsID: item.id }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LiveSellError);
    expect((err as LiveSellError).code).toBe('ROOM_ENDED');

    // What was paid and claimed stays: the same requests replay, the orders are listed.
    const again = await viewerShop.buy(groupID, { goodsID: item.id, requestID: 'order-1' });
    expect(again).toMatchObject({ replayed: true, order: { id: paid.order.id } });
    const claimAgain = await viewerShop.claimCoupon(groupID, coupon.id, { requestID: 'claim-1' });
    expect(claimAgain).toMatchObject({ replayed: true, claim: { id: claimed.claim.id } });
    expect((await viewerShop.listOrders(groupID)).orders.map((o) => o.id)).toEqual([paid.order.id]);
  });

  it('keeps the like total on the server, writes it at a bounded rate, and keeps it across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lifecycle-restart-'));
    dirs.push(dataDir);
    const first = await room(dataDir, 300);
    const host = await h.client(first.server, first.groupID, 'host', { likeWindowMs: 100 });
    const viewer = await h.client(first.server, first.groupID, 'viewer', { likeWindowMs: 100 });
    await host.joinRoom();
    await viewer.joinRoom();
    await host.setRoomStatus('live');
    const totals: number[] = [];
    viewer.on('LIKE_TOTAL', (p) => {
      totals.push(p.total);
    });
    const start = Date.now();
    for (let i = 0; i < 30; i++) {
      await viewer.like('');
      await host.like('');
      await sleep(20);
    }
    await until(() => totals.at(-1) === 60, 5000, 'like total 60');
    const elapsed = Date.now() - start;
    // One write per 300 ms window at most (+1 for the first, written at once).
    expect(totals.length).toBeLessThanOrEqual(Math.ceil(elapsed / 300) + 2);
    expect(totals).toEqual([...totals].sort((a, b) => a - b));

    // A late joiner reads it at join.
    const late = await h.client(first.server, first.groupID, 'late');
    const info = await late.getRoomInfo();
    expect(info.customFields.like_total).toBe('60');

    // Taps still pending when the server stops are written before it closes.
    await viewer.like('');
    await sleep(50);
    await h.cleanup();
    const second = await room(dataDir);
    const again = await h.client(second.server, second.groupID, 'viewer');
    const store = createRoomStore(again, { schedule: now() });
    stores.push(store);
    await store.actions.join();
    store.flush();
    expect(store.getState().likeTotal).toBe(61);
    expect(store.getState().roomStatus).toBe('live');
  });

  it('counts what a LIKE claims, up to 200 taps; a malformed count adds nothing', () => {
    expect([
      likesIn(''),
      likesIn('7'),
      likesIn('200'),
      likesIn('201'),
      likesIn('07'),
      likesIn('-1'),
      likesIn('1e3'),
    ]).toEqual([1, 7, 200, undefined, undefined, undefined, undefined]);
  });

  it('store.actions.join() restores the whole room for a late joiner at once', async () => {
    const { server, groupID } = await room();
    const host = await h.client(server, groupID, 'host', { nick: 'Lina', likeWindowMs: 20 });
    await host.joinRoom();
    const hostShop = shop(server, 'host');
    await hostShop.seedDemo(groupID);
    const { goods } = await hostShop.listGoods(groupID);
    await host.setRoomStatus('live');
    await host.setNotification('Free shipping tonight');
    await hostShop.setExplaining(groupID, goods[1]!.id);
    const { coupon } = await hostShop.issueCoupon(groupID, { amount: 300, stock: 4, durationSeconds: 600 });
    await shop(server, 'early').claimCoupon(groupID, coupon.id);
    for (const who of ['a', 'b', 'c']) await shop(server, who).buy(groupID, { goodsID: goods[0]!.id });
    for (let i = 0; i < 5; i++) await host.like('');
    await sleep(300);

    const late = await h.client(server, groupID, 'late');
    const store = createRoomStore(late, {
      schedule: now(),
      merchant: { client: shop(server, 'late'), roomID: groupID },
    });
    stores.push(store);
    await store.actions.join();
    store.flush();
    const s = store.getState();
    expect(s.host).toMatchObject({ userID: 'host', nick: 'Lina' });
    expect(s.roomStatus).toBe('live');
    expect(s.announcement).toBe('Free shipping tonight');
    expect(s.explaining?.id).toBe(goods[1]!.id);
    expect(s.likeTotal).toBe(5);
    expect(s.viewerCount).toBe(2);
    expect(s.coupons.map((c) => [c.id, c.remaining, c.expiresAt])).toEqual([[coupon.id, 3, coupon.expiresAt]]);
    expect(s.purchases.map((p) => [p.userID, p.verified])).toEqual([
      ['a', true],
      ['b', true],
      ['c', true],
    ]);
  });
});
