import type { MerchantClaim, MerchantCoupon, MerchantGoods, MerchantOrder } from '@livesell/core';
import {
  ADD_GOODS_FIELD,
  COUPON_ISSUE_EVENT,
  decodeCouponClaim,
  decodeCouponIssue,
  decodeExplaining,
  decodePurchase,
} from '@livesell/core/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMerchantModule } from '../../src/merchant';
import {
  ADMIN_ID,
  bearer,
  createFakeAdmin,
  type FakeAdmin,
  type Harness,
  removeDir,
  startHarness,
} from './fake-context';

// Runs the module over real HTTP and a real SQLite file, with a recording fake IM admin (see
// fake-context.ts); `integration.test.ts` repeats the key flows through the real server.

const ROOM = 'room-1';
const HOST = 'host-1';
let clock = 1_700_000_000_000;
const now = () => clock;

interface Reply<T = Record<string, unknown>> {
  status: number;
  body: T & { serverTime: number; error?: { code: string; message: string; details?: Record<string, unknown> } };
  headers: Headers;
}

function client(h: Harness) {
  return async function call<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: { as?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.as) headers.authorization = bearer(options.as);
    if (options.body !== undefined || options.raw !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${h.url}/v4/merchant${path}`, {
      method,
      headers,
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : {}, headers: res.headers };
  };
}

async function setup(admin: FakeAdmin = createFakeAdmin(), dataDir?: string) {
  if (!admin.rooms.has(ROOM)) await admin.createRoom({ ownerID: HOST, groupID: ROOM });
  const h = await startHarness(createMerchantModule({ now }), { admin, dataDir });
  return { h, call: client(h) };
}

let h: Harness;
let call: ReturnType<typeof client>;

beforeEach(async () => {
  clock = 1_700_000_000_000;
  ({ h, call } = await setup());
});
afterEach(async () => {
  await h.stop();
  removeDir(h.dataDir);
});

const goodsInput = { title: 'Mug', price: 3900, stock: 10, image: 'https://example.com/mug.png' };

describe('goods', () => {
  it('the host creates and updates goods; viewers list the ones on the shelf', async () => {
    const created = await call<{ goods: MerchantGoods }>('POST', `/rooms/${ROOM}/goods`, {
      as: HOST,
      body: goodsInput,
    });
    expect(created.status).toBe(201);
    expect(created.body.goods).toMatchObject({
      title: 'Mug',
      price: 3900,
      stock: 10,
      sold: 0,
      status: 'on',
      roomID: ROOM,
    });
    const id = created.body.goods.id;
    await call('POST', `/rooms/${ROOM}/goods`, { as: HOST, body: { ...goodsInput, id: 'hidden', status: 'off' } });

    const patched = await call<{ goods: MerchantGoods }>('PATCH', `/rooms/${ROOM}/goods/${id}`, {
      as: HOST,
      body: { price: 2900, originalPrice: 3900 },
    });
    expect(patched.body.goods).toMatchObject({ price: 2900, originalPrice: 3900, title: 'Mug' });

    const list = await call<{ goods: MerchantGoods[] }>('GET', `/rooms/${ROOM}/goods`, { as: 'viewer' });
    expect(list.status).toBe(200);
    expect(list.body.goods.map((g) => g.id)).toEqual([id]);
    expect(list.body.serverTime).toBe(clock);
    expect(list.headers.get('x-server-time')).toBe(String(clock));

    const all = await call<{ goods: MerchantGoods[] }>('GET', `/rooms/${ROOM}/goods?status=all`, { as: HOST });
    expect(all.body.goods.map((g) => g.id)).toEqual([id, 'hidden']);
    expect((await call('GET', `/rooms/${ROOM}/goods?status=all`, { as: 'viewer' })).status).toBe(403);
  });

  it('only the owner, a room admin or the server admin may write', async () => {
    expect((await call('POST', `/rooms/${ROOM}/goods`, { body: goodsInput })).status).toBe(401);
    const viewer = await call('POST', `/rooms/${ROOM}/goods`, { as: 'viewer', body: goodsInput });
    expect(viewer.status).toBe(403);
    expect(viewer.body.error?.code).toBe('FORBIDDEN');
    expect((await call('POST', `/rooms/${ROOM}/goods`, { as: ADMIN_ID, body: goodsInput })).status).toBe(201);
    await h.admin.setAdmin({ groupID: ROOM, userID: 'helper', admin: true });
    expect((await call('POST', `/rooms/${ROOM}/goods`, { as: 'helper', body: goodsInput })).status).toBe(201);
    const forged = await call('POST', `/rooms/${ROOM}/goods`, {
      headers: { authorization: `Bearer ${HOST}:sig-someone-else` },
      body: goodsInput,
    });
    expect(forged.status).toBe(401);
    expect(forged.body.error?.code).toBe('UNAUTHENTICATED');
  });

  it('the explaining item is written to add_goods (≤ 512 bytes) with a rising version', async () => {
    const long = {
      ...goodsInput,
      id: 'long',
      title: '超长标题'.repeat(15),
      image: `https://example.com/${'x'.repeat(900)}`,
    };
    await call('POST', `/rooms/${ROOM}/goods`, { as: HOST, body: long });
    await call('POST', `/rooms/${ROOM}/goods`, { as: HOST, body: { ...goodsInput, id: 'mug' } });

    const first = await call<{ value: string }>('PUT', `/rooms/${ROOM}/explaining`, {
      as: HOST,
      body: { goodsID: 'long' },
    });
    expect(first.status).toBe(200);
    const written = h.admin.updates.at(-1)!.customFields![ADD_GOODS_FIELD]!;
    expect(written).toBe(first.body.value);
    expect(Buffer.byteLength(written, 'utf8')).toBeLessThanOrEqual(512);
    expect(decodeExplaining(written)).toMatchObject({ id: 'long', v: 1, p: 3900 });

    await call('PUT', `/rooms/${ROOM}/explaining`, { as: HOST, body: { goodsID: 'mug' } });
    expect(decodeExplaining(h.admin.rooms.get(ROOM)!.customFields[ADD_GOODS_FIELD])).toEqual({
      id: 'mug',
      v: 2,
      t: 'Mug',
      p: 3900,
      i: 'https://example.com/mug.png',
    });
    // A price change of the pinned item re-announces it; taking it off the shelf clears it.
    await call('PATCH', `/rooms/${ROOM}/goods/mug`, { as: HOST, body: { price: 1000 } });
    expect(decodeExplaining(h.admin.rooms.get(ROOM)!.customFields[ADD_GOODS_FIELD])).toMatchObject({ v: 3, p: 1000 });
    await call('PATCH', `/rooms/${ROOM}/goods/mug`, { as: HOST, body: { status: 'off' } });
    expect(h.admin.rooms.get(ROOM)!.customFields[ADD_GOODS_FIELD]).toBe('');
    const state = await call<{ explaining: unknown }>('GET', `/rooms/${ROOM}/explaining`);
    expect(state.body.explaining).toBeNull();

    expect((await call('PUT', `/rooms/${ROOM}/explaining`, { as: 'viewer', body: { goodsID: 'long' } })).status).toBe(
      403,
    );
    expect((await call('PUT', `/rooms/${ROOM}/explaining`, { as: HOST, body: { goodsID: 'nope' } })).status).toBe(404);
  });
});

describe('coupons', () => {
  async function issue(body: Record<string, unknown> = { amount: 500, stock: 50, durationSeconds: 600 }) {
    const reply = await call<{ coupon: MerchantCoupon; announced: boolean }>('POST', `/rooms/${ROOM}/coupons`, {
      as: HOST,
      body,
    });
    expect(reply.status).toBe(201);
    return reply.body.coupon;
  }

  it('issuing announces the coupon to the room from the server, High priority', async () => {
    const coupon = await issue({ amount: 500, threshold: 3000, stock: 50, durationSeconds: 600 });
    expect(coupon).toMatchObject({
      amount: 500,
      threshold: 3000,
      stock: 50,
      remaining: 50,
      expiresAt: clock + 600_000,
    });
    const sent = h.admin.sent.at(-1)!;
    expect(sent).toMatchObject({ groupID: ROOM, data: COUPON_ISSUE_EVENT, priority: 'High' });
    expect(decodeCouponIssue(sent.extension)).toEqual({
      couponID: coupon.id,
      title: '¥5 off',
      amount: 500,
      threshold: 3000,
      stock: 50,
      remaining: 50,
      expiresAt: clock + 600_000,
      serverTime: clock,
    });
  });

  it('200 concurrent claims on a stock of 50: exactly 50 succeed, the rest are sold out, nobody twice', async () => {
    const coupon = await issue();
    const users = Array.from({ length: 150 }, (_, i) => `user-${i}`);
    // 150 users, 50 of whom also fire a second claim with another request id at the same time.
    const attempts = [...users, ...users.slice(0, 50)].map((user, i) =>
      call<{ claim: MerchantClaim }>('POST', `/rooms/${ROOM}/coupons/${coupon.id}/claim`, {
        as: user,
        body: { requestID: `req-${i}` },
      }).then((reply) => ({ user, reply })),
    );
    const results = await Promise.all(attempts);
    expect(results).toHaveLength(200);
    const won = results.filter((r) => r.reply.status === 200);
    expect(won).toHaveLength(50);
    expect(new Set(won.map((r) => r.user)).size).toBe(50);
    const codes = results.filter((r) => r.reply.status !== 200).map((r) => r.reply.body.error?.code);
    expect(new Set(codes)).toEqual(new Set(['SOLD_OUT', 'ALREADY_CLAIMED'].filter((c) => codes.includes(c))));
    expect(codes.filter((c) => c === 'SOLD_OUT').length).toBeGreaterThanOrEqual(100);
    for (const r of results.filter((x) => x.reply.status !== 200)) {
      expect(r.reply.status).toBe(409);
      expect(r.reply.body.error?.message).toMatch(/claimed/);
    }
    const after = await call<{ coupons: MerchantCoupon[] }>('GET', `/rooms/${ROOM}/coupons`);
    expect(after.body.coupons[0]!.remaining).toBe(0);
    const claims = h.db.prepare('SELECT COUNT(*) AS n, COUNT(DISTINCT user_id) AS u FROM merchant_claims').get([]) as {
      n: number;
      u: number;
    };
    expect([claims.n, claims.u]).toEqual([50, 50]);
    // Every success is announced once, as USE_COUPON from the server, with the remaining count.
    const announced = h.admin.sent.filter((m) => m.data === 'USE_COUPON').map((m) => decodeCouponClaim(m.extension)!);
    expect(announced).toHaveLength(50);
    expect(new Set(announced.map((a) => a.userID))).toEqual(new Set(won.map((r) => r.user)));
    expect(announced.map((a) => a.remaining).sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('a repeated request id returns the same claim; another claim by the same user is refused', async () => {
    const coupon = await issue({ amount: 500, stock: 5, durationSeconds: 60 });
    const path = `/rooms/${ROOM}/coupons/${coupon.id}/claim`;
    const [a, b] = await Promise.all([
      call<{ claim: MerchantClaim; replayed: boolean }>('POST', path, { as: 'v1', body: { requestID: 'r-1' } }),
      call<{ claim: MerchantClaim; replayed: boolean }>('POST', path, {
        as: 'v1',
        headers: { 'idempotency-key': 'r-1' },
      }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.claim.id).toBe(b.body.claim.id);
    expect([a.body.replayed, b.body.replayed].sort()).toEqual([false, true]);
    const again = await call('POST', path, { as: 'v1', body: { requestID: 'r-2' } });
    expect(again.status).toBe(409);
    expect(again.body.error?.code).toBe('ALREADY_CLAIMED');
    const list = await call<{ coupons: MerchantCoupon[] }>('GET', `/rooms/${ROOM}/coupons`, { as: 'v1' });
    expect(list.body.coupons[0]).toMatchObject({ remaining: 4, claimed: true });
    expect(h.admin.sent.filter((m) => m.data === 'USE_COUPON')).toHaveLength(1);
  });

  it('an expired coupon cannot be claimed and leaves the active list', async () => {
    const coupon = await issue({ amount: 100, stock: 5, durationSeconds: 10 });
    clock += 10_000;
    const late = await call('POST', `/rooms/${ROOM}/coupons/${coupon.id}/claim`, { as: 'v1' });
    expect(late.status).toBe(410);
    expect(late.body.error?.code).toBe('COUPON_EXPIRED');
    expect((await call<{ coupons: unknown[] }>('GET', `/rooms/${ROOM}/coupons`)).body.coupons).toEqual([]);
    expect((await call<{ coupons: unknown[] }>('GET', `/rooms/${ROOM}/coupons?status=all`)).body.coupons).toHaveLength(
      1,
    );
  });

  it('a claim still succeeds when the announcement fails, and says so', async () => {
    const coupon = await issue();
    h.admin.failSends = true;
    const reply = await call<{ announced: boolean }>('POST', `/rooms/${ROOM}/coupons/${coupon.id}/claim`, { as: 'v1' });
    expect(reply.status).toBe(200);
    expect(reply.body.announced).toBe(false);
    expect(h.logs.join('\n')).toMatch(/could not announce USE_COUPON/);
  });
});

describe('orders', () => {
  beforeEach(async () => {
    await call('POST', `/rooms/${ROOM}/goods`, { as: HOST, body: { ...goodsInput, id: 'mug', stock: 3 } });
  });

  it('buying creates an order, takes stock and is announced as BUY_GOODS from the server', async () => {
    const reply = await call<{ order: MerchantOrder; goods: MerchantGoods }>('POST', `/rooms/${ROOM}/orders`, {
      as: 'v1',
      body: { goodsID: 'mug', quantity: 2, requestID: 'buy-1', nick: ' Ann ' },
    });
    expect(reply.status).toBe(201);
    expect(reply.body.order).toMatchObject({ goodsID: 'mug', quantity: 2, unitPrice: 3900, total: 7800, userID: 'v1' });
    expect(reply.body.goods).toMatchObject({ stock: 1, sold: 2 });
    const sent = h.admin.sent.at(-1)!;
    expect(sent).toMatchObject({ data: 'BUY_GOODS', priority: 'High' });
    expect(decodePurchase(sent.extension)).toMatchObject({
      orderID: reply.body.order.id,
      goodsID: 'mug',
      title: 'Mug',
      quantity: 2,
      userID: 'v1',
      nick: 'Ann',
      stock: 1,
    });

    const replay = await call<{ order: MerchantOrder; replayed: boolean }>('POST', `/rooms/${ROOM}/orders`, {
      as: 'v1',
      body: { goodsID: 'mug', quantity: 2, requestID: 'buy-1' },
    });
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ replayed: true, order: { id: reply.body.order.id } });
    const reused = await call('POST', `/rooms/${ROOM}/orders`, {
      as: 'v1',
      body: { goodsID: 'mug', requestID: 'buy-1' },
    });
    expect(reused.body.error?.code).toBe('REQUEST_ID_REUSED');

    const short = await call('POST', `/rooms/${ROOM}/orders`, { as: 'v2', body: { goodsID: 'mug', quantity: 2 } });
    expect([short.status, short.body.error?.code]).toEqual([409, 'INSUFFICIENT_STOCK']);
    await call('POST', `/rooms/${ROOM}/orders`, { as: 'v2', body: { goodsID: 'mug' } });
    const out = await call('POST', `/rooms/${ROOM}/orders`, { as: 'v3', body: { goodsID: 'mug' } });
    expect([out.status, out.body.error?.code]).toEqual([409, 'SOLD_OUT']);
    expect(h.admin.sent.filter((m) => m.data === 'BUY_GOODS')).toHaveLength(2);

    const mine = await call<{ orders: MerchantOrder[] }>('GET', `/rooms/${ROOM}/orders`, { as: 'v1' });
    expect(mine.body.orders.map((o) => o.userID)).toEqual(['v1']);
    const all = await call<{ orders: MerchantOrder[] }>('GET', `/rooms/${ROOM}/orders`, { as: HOST });
    expect(all.body.orders).toHaveLength(2);
  });

  it('a claimed coupon takes its amount off once', async () => {
    const { body } = await call<{ coupon: MerchantCoupon }>('POST', `/rooms/${ROOM}/coupons`, {
      as: HOST,
      body: { amount: 500, threshold: 3000, stock: 5, durationSeconds: 60 },
    });
    const couponID = body.coupon.id;
    const unclaimed = await call('POST', `/rooms/${ROOM}/orders`, { as: 'v1', body: { goodsID: 'mug', couponID } });
    expect(unclaimed.body.error?.code).toBe('COUPON_NOT_CLAIMED');
    await call('POST', `/rooms/${ROOM}/coupons/${couponID}/claim`, { as: 'v1' });
    const paid = await call<{ order: MerchantOrder }>('POST', `/rooms/${ROOM}/orders`, {
      as: 'v1',
      body: { goodsID: 'mug', couponID },
    });
    expect(paid.body.order).toMatchObject({ unitPrice: 3900, discount: 500, total: 3400, couponID });
    const twice = await call('POST', `/rooms/${ROOM}/orders`, { as: 'v1', body: { goodsID: 'mug', couponID } });
    expect(twice.body.error?.code).toBe('COUPON_USED');
  });
});

describe('bad input gets a 4xx with a clear JSON error', () => {
  const cases: Array<[string, string, string, { as?: string; body?: unknown; raw?: string }, number, string]> = [
    ['malformed JSON', 'POST', `/rooms/${ROOM}/goods`, { as: HOST, raw: '{"title":' }, 400, 'INVALID_JSON'],
    ['array body', 'POST', `/rooms/${ROOM}/goods`, { as: HOST, raw: '[1]' }, 400, 'INVALID_ARGUMENT'],
    [
      'negative price',
      'POST',
      `/rooms/${ROOM}/goods`,
      { as: HOST, body: { ...goodsInput, price: -1 } },
      400,
      'INVALID_ARGUMENT',
    ],
    [
      'price as string',
      'POST',
      `/rooms/${ROOM}/goods`,
      { as: HOST, body: { ...goodsInput, price: '9' } },
      400,
      'INVALID_ARGUMENT',
    ],
    [
      'fractional stock',
      'POST',
      `/rooms/${ROOM}/goods`,
      { as: HOST, body: { ...goodsInput, stock: 1.5 } },
      400,
      'INVALID_ARGUMENT',
    ],
    [
      'missing title',
      'POST',
      `/rooms/${ROOM}/goods`,
      { as: HOST, body: { price: 1, stock: 1 } },
      400,
      'INVALID_ARGUMENT',
    ],
    [
      'unknown field',
      'POST',
      `/rooms/${ROOM}/goods`,
      { as: HOST, body: { ...goodsInput, prcie: 1 } },
      400,
      'INVALID_ARGUMENT',
    ],
    [
      'script image',
      'POST',
      `/rooms/${ROOM}/goods`,
      { as: HOST, body: { ...goodsInput, image: 'javascript:alert(1)' } },
      400,
      'INVALID_ARGUMENT',
    ],
    [
      'bad goods id',
      'POST',
      `/rooms/${ROOM}/goods`,
      { as: HOST, body: { ...goodsInput, id: 'a b' } },
      400,
      'INVALID_ARGUMENT',
    ],
    ['empty patch', 'PATCH', `/rooms/${ROOM}/goods/x`, { as: HOST, body: {} }, 400, 'INVALID_ARGUMENT'],
    [
      'zero-stock coupon',
      'POST',
      `/rooms/${ROOM}/coupons`,
      { as: HOST, body: { amount: 1, stock: 0, durationSeconds: 5 } },
      400,
      'INVALID_ARGUMENT',
    ],
    [
      'coupon in the past',
      'POST',
      `/rooms/${ROOM}/coupons`,
      { as: HOST, body: { amount: 1, stock: 1, expiresAt: 5 } },
      400,
      'INVALID_ARGUMENT',
    ],
    [
      'coupon without expiry',
      'POST',
      `/rooms/${ROOM}/coupons`,
      { as: HOST, body: { amount: 1, stock: 1 } },
      400,
      'INVALID_ARGUMENT',
    ],
    [
      'bad request id',
      'POST',
      `/rooms/${ROOM}/coupons/c1/claim`,
      { as: 'v', body: { requestID: 'x'.repeat(65) } },
      400,
      'INVALID_ARGUMENT',
    ],
    ['unknown coupon', 'POST', `/rooms/${ROOM}/coupons/c1/claim`, { as: 'v', body: {} }, 404, 'COUPON_NOT_FOUND'],
    [
      'quantity 0',
      'POST',
      `/rooms/${ROOM}/orders`,
      { as: 'v', body: { goodsID: 'x', quantity: 0 } },
      400,
      'INVALID_ARGUMENT',
    ],
    ['unknown goods', 'POST', `/rooms/${ROOM}/orders`, { as: 'v', body: { goodsID: 'x' } }, 404, 'GOODS_NOT_FOUND'],
    ['unknown room', 'GET', '/rooms/nope/goods', {}, 404, 'ROOM_NOT_FOUND'],
    ['unknown path', 'GET', '/rooms/x/whatever', {}, 404, 'NOT_FOUND'],
    ['wrong method', 'DELETE', `/rooms/${ROOM}/goods`, { as: HOST }, 405, 'METHOD_NOT_ALLOWED'],
    ['anonymous claim', 'POST', `/rooms/${ROOM}/coupons/c1/claim`, { body: {} }, 401, 'UNAUTHENTICATED'],
    [
      'oversized body',
      'POST',
      `/rooms/${ROOM}/goods`,
      { as: HOST, raw: JSON.stringify({ title: 'x'.repeat(40_000) }) },
      413,
      'PAYLOAD_TOO_LARGE',
    ],
  ];
  it.each(cases)('%s', async (_name, method, path, options, status, code) => {
    const reply = await call(method, path, options);
    expect(reply.status).toBe(status);
    expect(reply.body.error).toEqual({
      code,
      message: expect.any(String),
      ...(reply.body.error?.details ? { details: expect.anything() } : {}),
    });
    expect(reply.body.error!.message.length).toBeGreaterThan(5);
    expect(typeof reply.body.serverTime).toBe('number');
  });
});

describe('http', () => {
  it('answers CORS preflights for local origins only', async () => {
    const local = await fetch(`${h.url}/v4/merchant/rooms/${ROOM}/orders`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:10086', 'access-control-request-method': 'POST' },
    });
    expect(local.status).toBe(204);
    expect(local.headers.get('access-control-allow-origin')).toBe('http://localhost:10086');
    expect(local.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    const foreign = await fetch(`${h.url}/v4/merchant/time`, { headers: { origin: 'https://evil.example' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('leaves other paths to other modules', async () => {
    const res = await fetch(`${h.url}/v4/group_open_http_svc/create_group`);
    expect(await res.text()).toBe('not mine');
  });

  it('seeds demo goods idempotently, with images it serves itself', async () => {
    expect((await call('POST', `/rooms/${ROOM}/demo`, { as: 'viewer' })).status).toBe(403);
    await call('POST', `/rooms/${ROOM}/demo`, { as: HOST });
    const seeded = await call<{ goods: MerchantGoods[] }>('POST', `/rooms/${ROOM}/demo`, { as: HOST });
    expect(seeded.body.goods.length).toBeGreaterThanOrEqual(4);
    expect(new Set(seeded.body.goods.map((g) => g.id)).size).toBe(seeded.body.goods.length);
    for (const goods of seeded.body.goods) {
      expect(goods.image.startsWith(`${h.url}/v4/merchant/assets/`)).toBe(true);
      const img = await fetch(goods.image);
      expect(img.headers.get('content-type')).toBe('image/svg+xml');
      expect(await img.text()).toMatch(/^<svg[^>]+xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    }
    expect((await fetch(`${h.url}/v4/merchant/assets/nope.svg`)).status).toBe(404);
  });
});

describe('restart', () => {
  it('keeps goods, coupons, claims, orders and the explaining version', async () => {
    await call('POST', `/rooms/${ROOM}/goods`, { as: HOST, body: { ...goodsInput, id: 'mug' } });
    await call('PUT', `/rooms/${ROOM}/explaining`, { as: HOST, body: { goodsID: 'mug' } });
    const { body } = await call<{ coupon: MerchantCoupon }>('POST', `/rooms/${ROOM}/coupons`, {
      as: HOST,
      body: { amount: 500, stock: 2, durationSeconds: 600 },
    });
    await call('POST', `/rooms/${ROOM}/coupons/${body.coupon.id}/claim`, { as: 'v1', body: { requestID: 'k1' } });
    await call('POST', `/rooms/${ROOM}/orders`, { as: 'v1', body: { goodsID: 'mug', requestID: 'o1' } });
    const admin = h.admin;
    await h.stop();

    ({ h, call } = await setup(admin, h.dataDir));
    const goods = await call<{ goods: MerchantGoods[]; explaining: { goodsID: string; version: number } }>(
      'GET',
      `/rooms/${ROOM}/goods`,
    );
    expect(goods.body.goods).toMatchObject([{ id: 'mug', stock: 9, sold: 1 }]);
    expect(goods.body.explaining).toMatchObject({ goodsID: 'mug', version: 1 });
    const coupons = await call<{ coupons: MerchantCoupon[] }>('GET', `/rooms/${ROOM}/coupons`, { as: 'v1' });
    expect(coupons.body.coupons).toMatchObject([{ id: body.coupon.id, remaining: 1, claimed: true }]);
    const replay = await call<{ replayed: boolean }>('POST', `/rooms/${ROOM}/coupons/${body.coupon.id}/claim`, {
      as: 'v1',
      body: { requestID: 'k1' },
    });
    expect(replay.body.replayed).toBe(true);
    const orders = await call<{ orders: MerchantOrder[] }>('GET', `/rooms/${ROOM}/orders`, { as: HOST });
    expect(orders.body.orders).toMatchObject([{ goodsID: 'mug', userID: 'v1', requestID: 'o1' }]);
    await call('PUT', `/rooms/${ROOM}/explaining`, { as: HOST, body: { goodsID: 'mug' } });
    expect(decodeExplaining(admin.rooms.get(ROOM)!.customFields[ADD_GOODS_FIELD])?.v).toBe(2);
  });
});
