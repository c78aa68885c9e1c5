import { beforeEach, describe, expect, it } from 'vitest';
import { custom, FakeLiveSell } from '../../test/fake-live-sell';
import { createManualClock, type ManualClock } from '../clock';
import { EVENT } from '../live-sell/index';
import { timerScheduler } from './commit-scheduler';
import { isCommerceOpen, isStreamExpected, phaseOfCode, roomPhase } from './room-lifecycle';
import { createRoomStore } from './room-store';

let clock: ManualClock;
let tls: FakeLiveSell;
beforeEach(() => {
  clock = createManualClock(1_000_000);
  tls = new FakeLiveSell('me', () => clock.now());
});

describe('roomPhase', () => {
  it('maps host values and WeChat codes onto idle → live ⇄ paused → ended', () => {
    const cases: Array<[string, string]> = [
      ['', 'idle'],
      ['idle', 'idle'],
      ['live', 'live'],
      ['online', 'live'],
      [' LIVE ', 'live'],
      ['paused', 'paused'],
      ['offline', 'paused'],
      ['ended', 'ended'],
      ['101', 'live'],
      ['102', 'idle'],
      ['103', 'ended'],
      ['104', 'ended'],
      ['105', 'paused'],
      ['106', 'paused'],
      ['107', 'ended'],
      ['108', 'idle'],
      ['nonsense', 'idle'],
    ];
    for (const [raw, phase] of cases) expect([raw, roomPhase(raw)]).toEqual([raw, phase]);
    expect(phaseOfCode(null)).toBe('idle');
  });

  it('sells in every phase but ended, and expects the stream only while live', () => {
    expect((['idle', 'live', 'paused', 'ended'] as const).map(isCommerceOpen)).toEqual([true, true, true, false]);
    expect((['idle', 'live', 'paused', 'ended'] as const).map(isStreamExpected)).toEqual([false, true, false, false]);
  });
});

describe('the like total kept by the server', () => {
  const setup = () => {
    const store = createRoomStore(tls, { clock, schedule: timerScheduler(50, clock) });
    store.subscribe(() => {}); // a store listens to the client while it has subscribers
    return store;
  };

  it('takes the server total, never going below what this client already counted', () => {
    const store = setup();
    tls.emit(EVENT.LIKE, { ...custom('u1', 'LIKE'), count: 3 });
    tls.emit(EVENT.LIKE_TOTAL, { total: 120, source: 'tip', time: clock.now() });
    clock.advance(50);
    expect(store.getState().likeTotal).toBe(120);
    // Own taps in flight are ahead of the server's last write: kept until it catches up.
    for (let i = 0; i < 5; i++) tls.emit(EVENT.LIKE, { ...custom('me', 'LIKE', '', { isSelf: true }), count: 1 });
    tls.emit(EVENT.LIKE_TOTAL, { total: 122, source: 'tip', time: clock.now() });
    clock.advance(50);
    expect(store.getState().likeTotal).toBe(125);
    tls.emit(EVENT.LIKE_TOTAL, { total: 130, source: 'tip', time: clock.now() });
    clock.advance(50);
    expect(store.getState().likeTotal).toBe(130);
    const s = store.getState().stats;
    expect(s.received).toBe(s.shown + s.merged + s.dropped + s.pending);
  });

  it('a resync restores viewers and the like total and reads the merchant side again', async () => {
    let reads = 0;
    const client = {
      listGoods: async () => {
        reads++;
        return { goods: [], explaining: null, serverTime: clock.now() };
      },
      listCoupons: async () => ({
        coupons: [
          {
            id: 'c1',
            roomID: 'r',
            title: '¥5 off',
            amount: 500,
            threshold: 0,
            stock: 10,
            remaining: 4,
            expiresAt: clock.now() + 60_000,
            createdAt: clock.now(),
          },
        ],
        serverTime: clock.now(),
      }),
      recentPurchases: async () => ({
        purchases: [
          {
            orderID: 'o1',
            goodsID: 'g1',
            title: 'Tea',
            quantity: 1,
            userID: 'ann',
            nick: 'Ann',
            stock: 3,
            serverTime: clock.now(),
          },
        ],
        serverTime: clock.now(),
      }),
    };
    const store = createRoomStore(tls, {
      clock,
      schedule: timerScheduler(50, clock),
      merchant: { client, roomID: 'r' },
    });
    store.subscribe(() => {});
    tls.emit(EVENT.RESYNC, { memberCount: 42, likeTotal: 900, time: clock.now() });
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    clock.advance(50);
    const s = store.getState();
    expect(reads).toBe(1);
    expect(s.viewerCount).toBe(42);
    expect(s.likeTotal).toBe(900);
    expect(s.coupons.map((c) => [c.id, c.remaining])).toEqual([['c1', 4]]);
    expect(s.purchases.map((p) => [p.orderID, p.nick, p.verified])).toEqual([['o1', 'Ann', true]]);
    // The same order announced live afterwards is not shown twice.
    store.actions.setPurchases([client ? (await client.recentPurchases()).purchases[0]! : undefined!]);
    clock.advance(50);
    expect(store.getState().purchases).toHaveLength(1);
  });
});
