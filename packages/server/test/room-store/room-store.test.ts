/**
 * Room stores fed by real TIMLiveSell clients (host and viewer) over the local server, with the
 * merchant API announcing coupons, claims and purchases. No fakes: real sockets, real time.
 */
import {
  createRoomStore,
  type MerchantCoupon,
  type MerchantGoods,
  orderedDanmaku,
  type RoomState,
  type RoomStore,
  timerScheduler,
} from '@livesell/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createMerchantModule } from '../../src/merchant';
import type { LiveServer } from '../../src/start';
import { Harness, until } from '../live-sell/harness';

const h = new Harness();
const stores: RoomStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) s.destroy();
  await h.cleanup();
});

function merchant(server: LiveServer, roomID: string) {
  return async <T>(method: string, path: string, as: string, body?: unknown): Promise<T & { serverTime: number }> => {
    const res = await fetch(`${server.httpUrl}/v4/merchant/rooms/${encodeURIComponent(roomID)}${path}`, {
      method,
      headers: { authorization: `Bearer ${as}:${server.userSig(as)}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as T & { serverTime: number };
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
}

function balanced(state: RoomState): boolean {
  const s = state.stats;
  return s.received === s.shown + s.merged + s.dropped + s.pending;
}

describe('room store over the local server', () => {
  it('shows what host and viewer do, on both sides, once', async () => {
    const server = await h.start({ modules: [{ name: 'merchant', factory: createMerchantModule() }] });
    await server.admin.setProfile({ userID: 'host', nick: 'Lina' });
    const { groupID } = await server.admin.createRoom({ ownerID: 'host', name: 'Tea live' });
    const call = merchant(server, groupID);
    const host = await h.client(server, groupID, 'host', { nick: 'Lina' });
    const viewer = await h.client(server, groupID, 'ann', { nick: 'Ann', likeWindowMs: 100 });
    const hostStore = createRoomStore(host, { schedule: timerScheduler(20) });
    const viewerStore = createRoomStore(viewer, { schedule: timerScheduler(20) });
    stores.push(hostStore, viewerStore);
    // A store listens to its client while it has a subscriber.
    hostStore.subscribe(() => {});
    viewerStore.subscribe(() => {});
    await hostStore.actions.join();
    await viewerStore.actions.join();
    const both = (check: (s: RoomState) => boolean) => check(hostStore.getState()) && check(viewerStore.getState());

    await until(() => viewerStore.getState().host?.nick === 'Lina', 5000, 'host info');
    await until(() => hostStore.getState().notices.length === 1, 5000, 'join notice');
    expect(hostStore.getState().notices[0]!.users[0]).toMatchObject({ userID: 'ann', nick: 'Ann' });

    await host.setNotification('Free shipping today');
    await host.setRoomStatus('live');
    await until(
      () => both((s) => s.announcement === 'Free shipping today' && s.roomStatus === 'live'),
      5000,
      'room fields',
    );

    // Goods: the shelf comes from the merchant API, the explaining item from the add_goods tip.
    const seeded = await call<{ goods: MerchantGoods[] }>('POST', '/demo', 'host');
    const listed = await call<{ goods: MerchantGoods[] }>('GET', '/goods', 'ann');
    viewerStore.actions.setGoods(listed.goods, { serverTime: listed.serverTime });
    const mug = seeded.goods[0]!;
    await call('PUT', '/explaining', 'host', { goodsID: mug.id });
    await until(() => both((s) => s.explaining?.id === mug.id), 5000, 'explaining item');
    expect(viewerStore.getState().explaining).toMatchObject({ title: mug.title, price: mug.price, version: 1 });

    // Danmaku: the viewer sees their own message at once, exactly once; the host sees it too.
    await viewerStore.actions.sendMessage('hello from Ann');
    await until(() => both((s) => orderedDanmaku(s.danmaku).some((r) => r.text === 'hello from Ann')), 5000, 'danmaku');
    await new Promise((r) => setTimeout(r, 200));
    expect(orderedDanmaku(viewerStore.getState().danmaku).filter((r) => r.text === 'hello from Ann')).toHaveLength(1);
    expect(orderedDanmaku(viewerStore.getState().danmaku)[0]).toMatchObject({ isSelf: true, nick: 'Ann' });
    expect(orderedDanmaku(hostStore.getState().danmaku)[0]).toMatchObject({ isSelf: false, userID: 'ann' });

    // Likes: the tapper's total rises per tap; the host's once the batch arrives.
    for (let i = 0; i < 5; i++) await viewerStore.actions.like();
    await until(() => both((s) => s.likeTotal === 5), 5000, 'likes');

    // Gifts: three roses in a row are one combo card on the host's side.
    const rose = JSON.stringify({ id: 'rose', name: 'Rose' });
    for (let i = 0; i < 3; i++) await viewerStore.actions.gift(rose);
    await until(() => hostStore.getState().gifts[0]?.count === 3, 5000, 'gift combo');
    expect(hostStore.getState().gifts).toHaveLength(1);

    // Coupon: issued by the host console, claimed by the viewer, verified by the server's announcements.
    const { coupon } = await call<{ coupon: MerchantCoupon }>('POST', '/coupons', 'host', {
      amount: 500,
      stock: 3,
      durationSeconds: 120,
    });
    await until(() => viewerStore.getState().coupons.some((c) => c.id === coupon.id), 5000, 'coupon');
    await call(`POST`, `/coupons/${coupon.id}/claim`, 'ann', { requestID: 'c-1', nick: 'Ann' });
    await until(
      () => viewerStore.getState().coupons.find((c) => c.id === coupon.id)?.claimed === true,
      5000,
      'claimed coupon',
    );
    expect(viewerStore.getState().coupons.find((c) => c.id === coupon.id)?.remaining).toBe(2);
    const offset = viewerStore.getState().serverTimeOffset;
    expect(Math.abs(offset)).toBeLessThan(1000);

    // Purchase: a verified notice on both sides, and the viewer's shelf stock falls.
    await call('POST', '/orders', 'ann', { goodsID: mug.id, nick: 'Ann' });
    await until(() => both((s) => s.purchases.length === 1), 5000, 'purchase');
    expect(hostStore.getState().purchases[0]).toMatchObject({
      verified: true,
      userID: 'ann',
      nick: 'Ann',
      title: mug.title,
    });
    expect(viewerStore.getState().purchases[0]).toMatchObject({ verified: true, isSelf: true });
    expect(viewerStore.getState().goods.find((g) => g.id === mug.id)).toMatchObject({ stock: mug.stock - 1, sold: 1 });

    // A viewer's forged purchase is shown unverified, and the shelf does not move.
    await viewer.sendCustomMsgAndEmitEvent('BUY_GOODS', JSON.stringify({ title: mug.title }));
    await until(() => hostStore.getState().purchases.length === 2, 5000, 'forged purchase');
    expect(hostStore.getState().purchases[1]).toMatchObject({ verified: false, userID: 'ann' });

    expect(balanced(hostStore.getState())).toBe(true);
    expect(balanced(viewerStore.getState())).toBe(true);
    expect(hostStore.getState().stats.commits).toBeGreaterThan(0);
  });
});
