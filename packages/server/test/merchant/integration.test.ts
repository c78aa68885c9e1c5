/**
 * The merchant API inside the real local server: real UserSigs, the real IM gateway, and
 * TIMLiveSell clients over real sockets receiving what the server announces. No fakes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EVENT, type MerchantClaim, type MerchantCoupon, type MerchantGoods, type MerchantOrder } from '@livesell/core';
import { COUPON_ISSUE_EVENT, decodeCouponIssue, decodeExplaining } from '@livesell/core/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { DEV_SECRET_KEY, genUserSig } from '../../src/index';
import { createMerchantModule } from '../../src/merchant';
import type { LiveServer } from '../../src/start';
import { collect, Harness, until } from '../live-sell/harness';

const h = new Harness();
const dirs: string[] = [];
afterEach(async () => {
  await h.cleanup();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const modules = [{ name: 'merchant', factory: createMerchantModule() }];

function api(server: LiveServer) {
  return async <T = Record<string, unknown>>(
    method: string,
    path: string,
    as?: string,
    body?: unknown,
  ): Promise<{ status: number; body: T & { serverTime: number; error?: { code: string; message: string } } }> => {
    const res = await fetch(`${server.httpUrl}/v4/merchant${path}`, {
      method,
      headers: {
        ...(as ? { authorization: `Bearer ${as}:${server.userSig(as)}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };
}

async function liveRoom(dataDir?: string) {
  const server = await h.start({ modules, dataDir });
  const { groupID } = await server.admin.createRoom({ ownerID: 'host', name: 'Tea live' });
  return { server, groupID, call: api(server) };
}

describe('merchant API in the local server', () => {
  it('checks real UserSigs: an expired or foreign sig is refused', async () => {
    const { server, groupID, call } = await liveRoom();
    expect((await call('POST', `/rooms/${encodeURIComponent(groupID)}/demo`, 'host')).status).toBe(200);
    const res = await fetch(`${server.httpUrl}/v4/merchant/rooms/${encodeURIComponent(groupID)}/demo`, {
      method: 'POST',
      headers: { authorization: `Bearer host:${server.userSig('viewer')}` },
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    const expired = await fetch(`${server.httpUrl}/v4/merchant/rooms/${encodeURIComponent(groupID)}/demo`, {
      method: 'POST',
      headers: {
        authorization: `Bearer host:${genUserSig({ sdkAppID: server.sdkAppID, secretKey: DEV_SECRET_KEY, userID: 'host', expire: 10, now: Date.now() - 60_000 })}`,
      },
    });
    expect(expired.status).toBe(401);
  });

  it('announces explaining item, coupon, claim and purchase to TIMLiveSell clients, verified', async () => {
    const { server, groupID, call } = await liveRoom();
    const host = await h.client(server, groupID, 'host', { nick: 'Host' });
    await host.joinRoom();
    const viewer = await h.client(server, groupID, 'ann', { nick: 'Ann' });
    await viewer.joinRoom();
    const addGoods = collect(viewer, EVENT.ADD_GOODS);
    const issues = collect(viewer, COUPON_ISSUE_EVENT);
    const claims = collect(host, EVENT.USE_COUPON);
    const buys = collect(host, EVENT.BUY_GOODS);

    const seeded = await call<{ goods: MerchantGoods[] }>('POST', `/rooms/${encodeURIComponent(groupID)}/demo`, 'host');
    const mug = seeded.body.goods[0]!;
    await call('PUT', `/rooms/${encodeURIComponent(groupID)}/explaining`, 'host', { goodsID: mug.id });
    await until(() => addGoods.length === 1, 5000, 'ADD_GOODS');
    expect(addGoods[0]).toMatchObject({ source: 'tip' });
    expect(decodeExplaining(addGoods[0]!.value)).toMatchObject({ id: mug.id, v: 1, t: mug.title, p: mug.price });
    expect((await viewer.getRoomInfo()).addGoods).toBe(addGoods[0]!.value);

    const issued = await call<{ coupon: MerchantCoupon }>(
      'POST',
      `/rooms/${encodeURIComponent(groupID)}/coupons`,
      'host',
      {
        amount: 500,
        stock: 3,
        durationSeconds: 300,
      },
    );
    await until(() => issues.length === 1, 5000, COUPON_ISSUE_EVENT);
    expect(issues[0]).toMatchObject({ role: 'server', data: COUPON_ISSUE_EVENT });
    expect(decodeCouponIssue(issues[0]!.extension)).toMatchObject({ couponID: issued.body.coupon.id, remaining: 3 });

    const claim = await call<{ claim: MerchantClaim }>(
      'POST',
      `/rooms/${encodeURIComponent(groupID)}/coupons/${issued.body.coupon.id}/claim`,
      'ann',
      { requestID: 'claim-1', nick: 'Ann' },
    );
    expect(claim.status).toBe(200);
    await until(() => claims.length === 1, 5000, 'USE_COUPON');
    expect(claims[0]).toMatchObject({ verified: true, userID: 'ann', nick: 'Ann', role: 'server' });

    const order = await call<{ order: MerchantOrder }>('POST', `/rooms/${encodeURIComponent(groupID)}/orders`, 'ann', {
      goodsID: mug.id,
      couponID: issued.body.coupon.id,
      nick: 'Ann',
    });
    expect(order.status).toBe(201);
    expect(order.body.order).toMatchObject({ discount: 500, total: mug.price - 500 });
    await until(() => buys.length === 1, 5000, 'BUY_GOODS');
    expect(buys[0]).toMatchObject({ verified: true, userID: 'ann', nick: 'Ann' });
    expect(buys[0]!.goods).toMatchObject({ orderID: order.body.order.id, goodsID: mug.id, stock: mug.stock - 1 });

    // A viewer forging a purchase is not verified.
    await viewer.sendCustomMsgAndEmitEvent('BUY_GOODS', JSON.stringify({ orderID: 'fake', goodsID: mug.id }));
    await until(() => buys.length === 2, 5000, 'forged BUY_GOODS');
    expect(buys[1]).toMatchObject({ verified: false, userID: 'ann' });
  });

  it('200 concurrent claims with real UserSigs on a stock of 50: exactly 50', async () => {
    const { groupID, call } = await liveRoom();
    const { body } = await call<{ coupon: MerchantCoupon }>(
      'POST',
      `/rooms/${encodeURIComponent(groupID)}/coupons`,
      'host',
      {
        amount: 100,
        stock: 50,
        durationSeconds: 300,
      },
    );
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        call('POST', `/rooms/${encodeURIComponent(groupID)}/coupons/${body.coupon.id}/claim`, `viewer${i % 180}`, {
          requestID: `r${i}`,
        }),
      ),
    );
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(50);
    const refused = results.filter((r) => r.status !== 200);
    expect(refused.every((r) => r.status === 409 && ['SOLD_OUT', 'ALREADY_CLAIMED'].includes(r.body.error!.code))).toBe(
      true,
    );
    const coupons = await call<{ coupons: MerchantCoupon[] }>('GET', `/rooms/${encodeURIComponent(groupID)}/coupons`);
    expect(coupons.body.coupons[0]!.remaining).toBe(0);
  });

  it('a restart on the same data dir keeps goods, coupons, claims and orders', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'merchant-restart-'));
    dirs.push(dataDir);
    const first = await liveRoom(dataDir);
    await first.call('POST', `/rooms/${encodeURIComponent(first.groupID)}/goods`, 'host', {
      id: 'tea',
      title: 'Tea',
      price: 1200,
      stock: 9,
    });
    const { body } = await first.call<{ coupon: MerchantCoupon }>(
      'POST',
      `/rooms/${encodeURIComponent(first.groupID)}/coupons`,
      'host',
      {
        amount: 100,
        stock: 5,
        durationSeconds: 300,
      },
    );
    await first.call('POST', `/rooms/${encodeURIComponent(first.groupID)}/coupons/${body.coupon.id}/claim`, 'ann', {
      requestID: 'k',
    });
    await first.call('POST', `/rooms/${encodeURIComponent(first.groupID)}/orders`, 'ann', {
      goodsID: 'tea',
      quantity: 2,
    });
    await first.server.close();
    h.servers.splice(h.servers.indexOf(first.server), 1);

    const server = await h.start({ modules, dataDir });
    const call = api(server);
    const goods = await call<{ goods: MerchantGoods[] }>('GET', `/rooms/${encodeURIComponent(first.groupID)}/goods`);
    expect(goods.body.goods).toMatchObject([{ id: 'tea', stock: 7, sold: 2 }]);
    const coupons = await call<{ coupons: MerchantCoupon[] }>(
      'GET',
      `/rooms/${encodeURIComponent(first.groupID)}/coupons`,
      'ann',
    );
    expect(coupons.body.coupons).toMatchObject([{ id: body.coupon.id, remaining: 4, claimed: true }]);
    const orders = await call<{ orders: MerchantOrder[] }>(
      'GET',
      `/rooms/${encodeURIComponent(first.groupID)}/orders`,
      'host',
    );
    expect(orders.body.orders).toMatchObject([{ goodsID: 'tea', quantity: 2, userID: 'ann' }]);
  });
});
