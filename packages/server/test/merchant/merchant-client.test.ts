/** `createMerchantClient` (core) against the merchant API in the real local server. */
import { createMerchantClient, LiveSellError, type MerchantRequest } from '@livesell/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createMerchantModule } from '../../src/merchant';
import { Harness } from '../live-sell/harness';

const h = new Harness();
afterEach(() => h.cleanup());

async function setup() {
  const server = await h.start({ modules: [{ name: 'merchant', factory: createMerchantModule() }] });
  const { groupID } = await server.admin.createRoom({ ownerID: 'host' });
  const as = (userID: string) =>
    createMerchantClient({ baseUrl: server.httpUrl, credentials: { userID, userSig: server.userSig(userID) } });
  return { server, groupID, host: as('host'), ann: as('ann'), bob: as('bob') };
}

async function rejection(promise: Promise<unknown>): Promise<LiveSellError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof LiveSellError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('merchant client', () => {
  it('runs the shop flow with typed results and server time', async () => {
    const { groupID, host, ann } = await setup();
    const before = Date.now();
    const { goods } = await host.createGoods(groupID, { id: 'tea', title: 'Tea', price: 1200, stock: 1 });
    expect(goods).toMatchObject({ id: 'tea', price: 1200, stock: 1 });
    const pinned = await host.setExplaining(groupID, 'tea');
    expect(pinned.explaining).toMatchObject({ goodsID: 'tea', version: 1 });
    const listed = await ann.listGoods(groupID);
    expect(listed.explaining?.goodsID).toBe('tea');
    expect(listed.serverTime).toBeGreaterThanOrEqual(before);

    const { coupon } = await host.issueCoupon(groupID, { amount: 200, stock: 1, durationSeconds: 60 });
    const claimed = await ann.claimCoupon(groupID, coupon.id, { nick: 'Ann' });
    expect(claimed.claim.userID).toBe('ann');
    const again = await rejection(ann.claimCoupon(groupID, coupon.id));
    expect(again).toMatchObject({
      code: 'ALREADY_CLAIMED',
      fatal: true,
      details: { status: 409, code: 'ALREADY_CLAIMED' },
    });

    const bought = await ann.buy(groupID, { goodsID: 'tea', couponID: coupon.id, requestID: 'order-1' });
    expect(bought.order).toMatchObject({ total: 1000, discount: 200 });
    const replay = await ann.buy(groupID, { goodsID: 'tea', couponID: coupon.id, requestID: 'order-1' });
    expect(replay).toMatchObject({ replayed: true, order: { id: bought.order.id } });
    const orders = await host.listOrders(groupID);
    expect(orders.orders.map((o) => o.id)).toEqual([bought.order.id]);
  });

  it('maps refusals to LiveSellError codes a UI can switch on', async () => {
    const { server, groupID, host, ann, bob } = await setup();
    await host.createGoods(groupID, { id: 'tea', title: 'Tea', price: 1200, stock: 1 });
    const { coupon } = await host.issueCoupon(groupID, { amount: 200, stock: 1, durationSeconds: 60 });
    await ann.claimCoupon(groupID, coupon.id);
    expect((await rejection(bob.claimCoupon(groupID, coupon.id))).code).toBe('SOLD_OUT');
    await ann.buy(groupID, { goodsID: 'tea' });
    expect((await rejection(bob.buy(groupID, { goodsID: 'tea' }))).code).toBe('SOLD_OUT');
    expect((await rejection(bob.buy(groupID, { goodsID: 'nope' }))).code).toBe('NOT_FOUND');
    expect((await rejection(bob.setExplaining(groupID, 'tea'))).code).toBe('PERMISSION_DENIED');
    expect((await rejection(host.createGoods(groupID, { title: '', price: 1, stock: 1 }))).code).toBe(
      'INVALID_ARGUMENT',
    );
    const stranger = createMerchantClient({ baseUrl: server.httpUrl, credentials: { userID: 'x', userSig: 'forged' } });
    expect((await rejection(stranger.buy(groupID, { goodsID: 'tea' }))).code).toBe('USERSIG_INVALID');
    const offline = createMerchantClient({ baseUrl: 'http://127.0.0.1:1' });
    expect(await rejection(offline.time())).toMatchObject({ code: 'NETWORK', fatal: false });
  });

  it('works over an injected request function (the weapp path) with credentials asked per call', async () => {
    const { server, groupID, host } = await setup();
    await host.seedDemo(groupID);
    const seen: string[] = [];
    // Stands in for a Taro.request adapter: same contract, implemented with fetch.
    const request: MerchantRequest = async ({ url, method, headers, body }) => {
      seen.push(`${method} ${new URL(url).pathname} ${headers.Authorization?.split(':')[0]}`);
      const res = await fetch(url, { method, headers, body });
      return { status: res.status, body: await res.json() };
    };
    let asks = 0;
    const client = createMerchantClient({
      baseUrl: `${server.httpUrl}/`,
      request,
      credentials: async () => {
        asks++;
        return { userID: 'ann', userSig: server.userSig('ann') };
      },
    });
    const { goods } = await client.listGoods(groupID);
    expect(goods.length).toBeGreaterThan(3);
    await client.buy(groupID, { goodsID: goods[0]!.id });
    expect(asks).toBe(2);
    expect(seen).toEqual([
      `GET /v4/merchant/rooms/${encodeURIComponent(groupID)}/goods Bearer ann`,
      `POST /v4/merchant/rooms/${encodeURIComponent(groupID)}/orders Bearer ann`,
    ]);
  });
});
