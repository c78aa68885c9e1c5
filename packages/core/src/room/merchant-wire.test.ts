import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8Bytes } from '../live-sell/wire';
import {
  ADD_GOODS_MAX_BYTES,
  decodeCouponClaim,
  decodeCouponIssue,
  decodeExplaining,
  decodePurchase,
  encodeExplaining,
} from './merchant-wire';

describe('add_goods value', () => {
  it('always fits 512 bytes and keeps id, version and price', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9_-]{1,32}$/),
        fc.nat(),
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.nat({ max: 10_000_000_000 }),
        fc.webUrl({ size: 'large' }),
        (id, v, t, p, i) => {
          const encoded = encodeExplaining({ id, v, t, p, i });
          expect(utf8Bytes(encoded)).toBeLessThanOrEqual(ADD_GOODS_MAX_BYTES);
          const decoded = decodeExplaining(encoded);
          expect(decoded).toMatchObject({ id, v, p });
          expect(t.startsWith(decoded?.t ?? '') || decoded?.t === undefined).toBe(true);
        },
      ),
    );
  });

  it('leaves out data: images and keeps short http images', () => {
    expect(JSON.parse(encodeExplaining({ id: 'a', v: 1, i: 'data:image/png;base64,AAAA' }))).toEqual({ id: 'a', v: 1 });
    expect(decodeExplaining(encodeExplaining({ id: 'a', v: 1, i: 'https://x.test/a.png' }))?.i).toBe(
      'https://x.test/a.png',
    );
  });

  it('"" clears; a legacy plain string is an id with version 0; junk is null', () => {
    expect(encodeExplaining(null)).toBe('');
    expect(decodeExplaining('')).toBeNull();
    expect(decodeExplaining('sku-42')).toEqual({ id: 'sku-42', v: 0 });
    expect(decodeExplaining('{"id":7,"v":2}')).toEqual({ id: '7', v: 2 });
    expect(decodeExplaining('{broken')).toBeNull();
    expect(decodeExplaining('{"v":2}')).toBeNull();
    expect(decodeExplaining('{"id":"a","i":"javascript:alert(1)"}')).toEqual({ id: 'a', v: 0 });
    expect(decodeExplaining(42)).toBeNull();
  });

  it('counts UTF-8 bytes like TextEncoder', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(utf8Bytes(s)).toBe(new TextEncoder().encode(s).length);
      }),
    );
  });
});

describe('announcement decoders', () => {
  it('never throw on anything', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.anything()), (input) => {
        for (const decode of [decodeCouponIssue, decodeCouponClaim, decodePurchase, decodeExplaining]) {
          expect(() => decode(input)).not.toThrow();
        }
      }),
    );
  });

  it('accept what the server sends and refuse missing or mistyped fields', () => {
    const purchase = {
      orderID: 'o_1',
      goodsID: 'mug',
      title: 'Mug',
      quantity: 2,
      userID: 'u1',
      nick: 'Ann',
      stock: 3,
      serverTime: 5,
    };
    expect(decodePurchase(JSON.stringify(purchase))).toEqual({ ...purchase, merged: 1 });
    // A burst the server merged: how many purchases the announcement stands for.
    expect(decodePurchase(JSON.stringify({ ...purchase, merged: 12 }))?.merged).toBe(12);
    expect(decodePurchase(JSON.stringify({ ...purchase, merged: -3 }))?.merged).toBe(1);
    expect(decodePurchase(JSON.stringify({ ...purchase, merged: 'x' }))?.merged).toBe(1);
    expect(decodePurchase(JSON.stringify({ ...purchase, quantity: 0 }))).toBeNull();
    expect(decodePurchase(JSON.stringify({ ...purchase, orderID: undefined }))).toBeNull();
    const claim = { couponID: 'c1', claimID: 'k1', userID: 'u1', nick: 'Ann', remaining: 4, serverTime: 5 };
    expect(decodeCouponClaim(JSON.stringify(claim))).toEqual(claim);
    expect(decodeCouponClaim(JSON.stringify({ ...claim, remaining: -1 }))).toBeNull();
    const issue = {
      couponID: 'c1',
      title: '¥5 off',
      amount: 500,
      threshold: 0,
      stock: 10,
      remaining: 10,
      expiresAt: 100,
      serverTime: 5,
    };
    expect(decodeCouponIssue(JSON.stringify(issue))).toEqual(issue);
    expect(decodeCouponIssue(JSON.stringify({ ...issue, amount: '500' }))).toBeNull();
    expect(decodeCouponIssue(JSON.stringify({ ...issue, remaining: 99 }))?.remaining).toBe(10);
  });
});
