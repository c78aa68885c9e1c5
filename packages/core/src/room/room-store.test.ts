import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { custom, FakeLiveSell, meta } from '../../test/fake-live-sell';
import { createManualClock, type ManualClock } from '../clock';
import { EVENT } from '../live-sell/index';
import { timerScheduler } from './commit-scheduler';
import { orderedDanmaku } from './danmaku-ring';
import { COUPON_ISSUE_EVENT, encodeExplaining } from './merchant-wire';
import { formatNotice } from './room-notices';
import { couponStatus, selectActiveCoupon, selectExplainingGoods, serverNow } from './room-selectors';
import { createRoomStore } from './room-store';
import type { RoomState, RoomStoreOptions } from './room-store-types';

// Unit tests against a fake emitter with TIMLiveSell's `on`/`off` typing (test/fake-live-sell.ts);
// time and commit scheduling come from a manual clock. The real client path is covered by the
// integration test in the server package.

let clock: ManualClock;
let tls: FakeLiveSell;

function setup(options: RoomStoreOptions = {}) {
  const store = createRoomStore(tls, { clock, schedule: timerScheduler(50, clock), ...options });
  const commits: RoomState[] = [];
  store.subscribe((state) => commits.push(state));
  return { store, commits, state: () => store.getState() };
}

const say = (userID: string, message: string, extra = {}) =>
  tls.emit(EVENT.MESSAGE, { ...meta(userID, { time: clock.now(), ...extra }), message });

function balanced(state: RoomState): void {
  const s = state.stats;
  expect(s.received).toBe(s.shown + s.merged + s.dropped + s.pending);
  expect(s.dropped).toBe(Object.values(s.droppedByReason).reduce((a, b) => a + b, 0));
}

beforeEach(() => {
  clock = createManualClock(1_000_000);
  tls = new FakeLiveSell('me', () => clock.now());
});

describe('batching', () => {
  it('commits at most once per scheduler tick, however many events arrive', () => {
    const { commits, state } = setup();
    for (let i = 0; i < 8; i++) say(`u${i}`, `hello ${i}`);
    tls.emit(EVENT.LIKE, { ...custom('u1', 'LIKE'), count: 3 });
    tls.emit(EVENT.NOTIFACATION, { ...meta('host'), source: 'tip', notification: 'Welcome' });
    expect(commits).toHaveLength(0);
    clock.advance(49);
    expect(commits).toHaveLength(0);
    clock.advance(1);
    expect(commits).toHaveLength(1);
    expect(orderedDanmaku(state().danmaku).map((r) => r.text)).toEqual(
      Array.from({ length: 8 }, (_, i) => `hello ${i}`),
    );
    expect(state().likeTotal).toBe(3);
    expect(state().announcement).toBe('Welcome');
    clock.advance(1000);
    expect(commits).toHaveLength(1);
    balanced(state());
  });

  it('a flood of 2,000 messages in one tick shows at most maxRowsPerCommit rows and counts the rest', () => {
    const { commits, state } = setup({ maxRowsPerCommit: 10 });
    for (let i = 0; i < 1000; i++) say(`u${i}`, `m${i}`);
    say('host', 'host speaks', { role: 'owner', isHost: true });
    for (let i = 1000; i < 2000; i++) say(`u${i}`, `m${i}`);
    clock.advance(50);
    expect(commits).toHaveLength(1);
    const rows = orderedDanmaku(state().danmaku);
    expect(rows).toHaveLength(10);
    // The host row survives; the rest are the newest.
    expect(rows.map((r) => r.text)).toEqual(['host speaks', ...Array.from({ length: 9 }, (_, i) => `m${1991 + i}`)]);
    expect(state().stats).toMatchObject({ received: 2001, shown: 10, dropped: 1991, pending: 0 });
    expect(state().stats.droppedByReason.overflow).toBe(1991);
    balanced(state());
  });

  // 2,000 msgs/s for `ms`, in 20 ms batches of 40 (as network frames arrive).
  function flood(ms: number, from = 0): number {
    let i = from;
    for (let t = 0; t < ms; t += 20) {
      for (let k = 0; k < 40; k++, i++) say(`u${i % 500}`, `m${i}`);
      clock.advance(20);
    }
    return i;
  }

  it('under a flood, the weapp timer commits at most 10 times a second of clock time, and shows the newest rows', () => {
    const { store, state } = setup({ maxRowsPerCommit: 6 });
    const start = clock.now();
    const times: number[] = [];
    store.subscribe(() => times.push(clock.now() - start));
    const sent = flood(3000);
    clock.advance(200);
    const perSecond = [0, 1, 2].map((s) => times.filter((t) => t >= s * 1000 && t < (s + 1) * 1000).length);
    // 50 ms commits would be 20 a second; a flood stretches them to 100 ms.
    expect(Math.max(...perSecond)).toBeLessThanOrEqual(10);
    expect(Math.min(...perSecond)).toBeGreaterThanOrEqual(8);
    expect(orderedDanmaku(state().danmaku).at(-1)?.text).toBe(`m${sent - 1}`);
    expect(state().stats.pending).toBe(0);
    balanced(state());
  });

  it('after a flood, a single quiet message still commits within 50 ms, and so does the next', () => {
    const { store, state } = setup({ maxRowsPerCommit: 6 });
    const sent = flood(1000);
    clock.advance(1000);
    const times: number[] = [];
    store.subscribe(() => times.push(clock.now()));
    for (const text of ['quiet one', 'quiet two']) {
      const at = clock.now();
      say('v', text);
      clock.advance(50);
      expect(times.at(-1)).toBe(at + 50);
      expect(orderedDanmaku(state().danmaku).at(-1)?.text).toBe(text);
      clock.advance(500);
    }
    expect(sent).toBe(2000);
    balanced(state());
  });

  it('a few messages at a time (no more than a commit shows) keep the 50 ms cadence', () => {
    const { store } = setup({ maxRowsPerCommit: 6 });
    const start = clock.now();
    const times: number[] = [];
    store.subscribe(() => times.push(clock.now() - start));
    // 120 msgs/s: 3 every 25 ms, 6 per 50 ms commit.
    for (let i = 0; i < 120; i++) {
      if (i % 3 === 0 && i > 0) clock.advance(25);
      say(`u${i}`, `m${i}`);
    }
    clock.advance(100);
    expect(times.filter((t) => t < 1000).length).toBeGreaterThanOrEqual(19);
  });

  it('keeps intake bounded while the scheduler is not running (background tab)', () => {
    const { store, state } = setup({ schedule: () => undefined });
    for (let i = 0; i < 50_000; i++) say(`u${i % 100}`, `m${i}`);
    store.flush();
    expect(orderedDanmaku(state().danmaku)).toHaveLength(10);
    balanced(state());
  });
});

describe('danmaku ring', () => {
  it('has fixed slot keys and replaces only the slots it writes', () => {
    const { state } = setup({ danmakuSlots: 8, maxRowsPerCommit: 3 });
    const keys = state().danmaku.slots.map((s) => s.key);
    expect(new Set(keys).size).toBe(8);
    let before = state().danmaku.slots;
    for (let round = 0; round < 7; round++) {
      for (let i = 0; i < 3; i++) say(`u${round}-${i}`, `r${round}-${i}`);
      clock.advance(50);
      const after = state().danmaku.slots;
      expect(after.map((s) => s.key)).toEqual(keys);
      expect(after.filter((s, i) => s !== before[i])).toHaveLength(3);
      before = after;
    }
    const rows = orderedDanmaku(state().danmaku);
    expect(rows).toHaveLength(8);
    expect(rows.at(-1)!.text).toBe('r6-2');
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 8 }, (_, i) => 14 + i));
    expect(orderedDanmaku(state().danmaku)).toBe(rows);
  });

  it('merges identical messages from others into one row ×N', () => {
    const { state } = setup();
    for (let i = 0; i < 5; i++) say(`fan${i}`, '666');
    say('x', 'hello');
    clock.advance(50);
    say('fan9', 'hello');
    clock.advance(50);
    const rows = orderedDanmaku(state().danmaku);
    expect(rows.map((r) => [r.text, r.count, r.nick])).toEqual([
      ['666', 5, 'nick-fan0'],
      ['hello', 2, 'nick-x'],
    ]);
    expect(state().stats).toMatchObject({ shown: 2, merged: 5 });
    clock.advance(5000);
    say('fan10', 'hello');
    clock.advance(50);
    expect(orderedDanmaku(state().danmaku)).toHaveLength(3);
    balanced(state());
  });

  it('merges into a pending row only while it is pending, and never into a host row', () => {
    const { state } = setup({ maxRowsPerCommit: 3 });
    say('host', '666', { role: 'owner', isHost: true });
    say('a', '666'); // a host row is never merged into: a row of its own
    say('b', '666'); // merges into a's pending row (×2)
    say('c', 'one');
    say('d', 'one'); // merges into c's pending row (×2); pending is full: host, 666, one
    say('e', 'two'); // the oldest member row (666 ×2) is dropped for overflow
    say('f', '666'); // a row of its own: the row it would have merged into is gone; drops 'one ×2'
    clock.advance(50);
    const rows = orderedDanmaku(state().danmaku);
    expect(rows.map((r) => [r.text, r.count, r.userID])).toEqual([
      ['666', 1, 'host'],
      ['two', 1, 'e'],
      ['666', 1, 'f'],
    ]);
    expect(state().stats).toMatchObject({ received: 7, shown: 3, merged: 2, dropped: 2 });
    expect(state().stats.droppedByReason.overflow).toBe(2);
    balanced(state());
  });

  it('shows own messages at once from the sendMessage result, exactly once', async () => {
    const { store, state } = setup();
    const result = await store.actions.sendMessage('my first words');
    expect(tls.sent).toEqual(['my first words']);
    store.flush();
    // The same message coming back (another device, an echo) is not shown again.
    say('me', 'my first words', { messageID: result.messageID, isSelf: false });
    say('me', 'my first words', { messageID: result.messageID, isSelf: false });
    clock.advance(50);
    const rows = orderedDanmaku(state().danmaku);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ text: 'my first words', isSelf: true, id: result.messageID, count: 1 });
    expect(state().stats.droppedByReason.duplicate).toBe(2);
    // Own messages are never merged with others' identical text.
    say('u1', 'same');
    await store.actions.sendMessage('same');
    clock.advance(50);
    expect(orderedDanmaku(state().danmaku).map((r) => [r.text, r.isSelf])).toEqual([
      ['my first words', true],
      ['same', false],
      ['same', true],
    ]);
    balanced(state());
  });

  it('cuts very long text without splitting an emoji', () => {
    const { state } = setup({ maxTextLength: 5 });
    say('u', 'abcd😀xyz');
    say('u2', '   ');
    clock.advance(50);
    expect(orderedDanmaku(state().danmaku)[0]!.text).toBe('abcd');
    expect(state().stats.droppedByReason.invalid).toBe(1);
  });
});

describe('room events', () => {
  it('turns a burst of joins into one notice and keeps the viewer count', () => {
    const { state } = setup({ noticeWindowMs: 3000 });
    for (let i = 0; i < 40; i++) {
      tls.emit(EVENT.JOIN_GROUP, {
        userID: `v${i}`,
        nick: `V${i}`,
        avatar: '',
        messageID: '',
        time: 0,
        memberCount: 100 + i,
      });
      clock.advance(10);
    }
    clock.advance(50);
    expect(state().notices).toHaveLength(1);
    expect(formatNotice(state().notices[0]!)).toBe('V0, V1 and 38 others joined');
    expect(state().viewerCount).toBe(139);
    tls.emit(EVENT.EXIT_GROUP, { userID: 'v1', nick: 'V1', avatar: '', messageID: '', time: 0 });
    clock.advance(3000);
    tls.emit(EVENT.JOIN_GROUP, { userID: 'late', nick: 'Late', avatar: '', messageID: '', time: 0 });
    tls.emit(EVENT.JOIN_GROUP, { userID: 'me', nick: 'Me', avatar: '', messageID: '', time: 0 });
    clock.advance(50);
    expect(state().notices.map(formatNotice)).toEqual(['V0, V1 and 38 others joined', 'Late joined']);
    expect(state().viewerCount).toBe(140);
    expect(state().stats).toMatchObject({ shown: 2, merged: 41 });
    balanced(state());
  });

  it('combines gifts of one sender within 2 s into ×N, keeps at most 4 cards and lets them expire', () => {
    const { state } = setup({ giftComboMs: 2000, giftCardMs: 4000 });
    const rose = JSON.stringify({ id: 'rose', name: 'Rose' });
    const send = (userID: string, ext = rose) =>
      tls.emit(EVENT.SEND_GIFT, { ...custom(userID, 'SEND_GIFT', ext), gift: JSON.parse(ext) });
    send('a');
    clock.advance(1500);
    send('a');
    clock.advance(1500);
    send('a');
    clock.advance(50);
    expect(state().gifts.map((g) => [g.userID, g.name, g.count])).toEqual([['a', 'Rose', 3]]);
    clock.advance(2100);
    send('a');
    send('a', JSON.stringify({ id: 'car', name: 'Car', count: 10 }));
    for (const u of ['b', 'c', 'd']) send(u);
    clock.advance(50);
    const gifts = state().gifts;
    expect(gifts).toHaveLength(4);
    expect(gifts.map((g) => [g.userID, g.giftID, g.count])).toEqual([
      ['a', 'car', 10],
      ['b', 'rose', 1],
      ['c', 'rose', 1],
      ['d', 'rose', 1],
    ]);
    expect(new Set(gifts.map((g) => g.key)).size).toBe(4);
    clock.advance(4000);
    expect(state().gifts).toEqual([]);
    expect(state().stats).toMatchObject({ shown: 6, merged: 2 });
    balanced(state());
  });

  it('adds up likes and follows this user', async () => {
    const { store, state } = setup({ initial: { likeTotal: 100 } });
    tls.emit(EVENT.LIKE, { ...custom('u', 'LIKE'), count: 20 });
    tls.emit(EVENT.LIKE, { ...custom('me', 'LIKE', '', { isSelf: true }), count: 1 });
    tls.emit(EVENT.ATTENT, custom('me', 'ATTENTION', '', { isSelf: true }));
    tls.emit(EVENT.ATTENT, custom('fan', 'ATTENTION'));
    clock.advance(50);
    expect(state()).toMatchObject({ likeTotal: 121, following: true });
    expect(state().notices.map(formatNotice)).toEqual(['nick-fan followed the host']);
    tls.emit(EVENT.CANCEL_ATTENT, custom('me', 'CANCELATTENTION', '', { isSelf: true }));
    clock.advance(50);
    expect(state().following).toBe(false);
    await expect(store.actions.follow()).resolves.toMatchObject({ userID: 'me' });
  });

  it('fills host, announcement, status, explaining item and viewers from joinRoom', async () => {
    tls.joinResult = {
      status: 'JoinedSuccess',
      userInfo: { userID: 'me', nick: 'Me', avatar: '' },
      groupInfo: {
        groupID: 'r',
        name: 'Room',
        type: 'AVChatRoom',
        ownerID: 'host',
        notification: 'Free shipping today',
        introduction: '',
        memberCount: 12,
        groupCustomField: [
          { key: 'room_status', value: 'live' },
          { key: 'add_goods', value: encodeExplaining({ id: 'mug', v: 4, t: 'Mug', p: 3900 }) },
        ],
        ownerInfo: { userID: 'host', nick: 'Host', avatar: 'https://x.test/a.png' },
      },
    };
    const { store, state } = setup();
    await store.actions.join();
    clock.advance(50);
    expect(state()).toMatchObject({
      host: { userID: 'host', nick: 'Host' },
      announcement: 'Free shipping today',
      roomStatus: 'live',
      viewerCount: 12,
      explaining: { id: 'mug', version: 4, title: 'Mug', price: 3900 },
    });
  });
});

describe('goods and coupons', () => {
  const fieldMeta = (time = 0) => ({ userID: '', nick: '', avatar: '', role: 'server' as const, messageID: '', time });

  it('follows the explaining item by version and ignores stale ones', () => {
    const { store, state } = setup();
    store.actions.setGoods([
      {
        id: 'mug',
        roomID: 'r',
        title: 'Mug',
        price: 3900,
        originalPrice: null,
        image: 'https://x.test/m.png',
        stock: 5,
        sold: 0,
        status: 'on',
        position: 0,
        updatedAt: 0,
      },
    ]);
    tls.emit(EVENT.ADD_GOODS, {
      ...fieldMeta(),
      source: 'tip',
      value: encodeExplaining({ id: 'mug', v: 3, t: 'Mug' }),
    });
    tls.emit(EVENT.ADD_GOODS, { ...fieldMeta(), source: 'tip', value: encodeExplaining({ id: 'old', v: 2 }) });
    clock.advance(50);
    expect(state().explaining).toMatchObject({ id: 'mug', version: 3 });
    expect(selectExplainingGoods(state())?.goods?.stock).toBe(5);
    expect(selectExplainingGoods(state())).toBe(selectExplainingGoods(state()));
    expect(state().stats.droppedByReason.stale).toBe(1);
    tls.emit(EVENT.ADD_GOODS, { ...fieldMeta(), source: 'tip', value: 'legacy-sku' });
    clock.advance(50);
    expect(state().explaining).toMatchObject({ id: 'legacy-sku', version: 0 });
    tls.emit(EVENT.ADD_GOODS, { ...fieldMeta(), source: 'tip', value: '' });
    tls.emit(EVENT.ADD_GOODS, { ...fieldMeta(), source: 'tip', value: '{not json' });
    clock.advance(50);
    expect(state().explaining).toBeNull();
    expect(state().stats.droppedByReason.invalid).toBe(1);
  });

  it('shows a coupon the server issues, with a clock-skew-safe countdown, and tracks claims', () => {
    const { store, state } = setup();
    const serverTime = clock.now() + 60_000; // the device clock is a minute slow
    const issue = {
      couponID: 'c1',
      title: '¥5 off',
      amount: 500,
      threshold: 0,
      stock: 2,
      remaining: 2,
      expiresAt: serverTime + 30_000,
      serverTime,
    };
    tls.emit(
      COUPON_ISSUE_EVENT,
      custom('administrator', COUPON_ISSUE_EVENT, JSON.stringify(issue), { role: 'server' }),
    );
    tls.emit(COUPON_ISSUE_EVENT, custom('viewer', COUPON_ISSUE_EVENT, JSON.stringify({ ...issue, couponID: 'fake' })));
    clock.advance(50);
    expect(state().coupons.map((c) => c.id)).toEqual(['c1']);
    expect(state().stats.droppedByReason.untrusted).toBe(1);
    const now = serverNow(state(), clock);
    expect(now).toBe(serverTime + 50);
    const coupon = selectActiveCoupon(state(), now)!;
    expect(coupon.expiresAt - now).toBe(29_950);

    const claim = (userID: string, remaining: number, claimID: string, verified = true) =>
      tls.emit(EVENT.USE_COUPON, {
        ...custom(
          userID,
          'USE_COUPON',
          JSON.stringify({ couponID: 'c1', claimID, userID, nick: userID, remaining, serverTime }),
        ),
        verified,
      });
    claim('other', 1, 'k1');
    claim('forger', 0, 'k2', false);
    clock.advance(50);
    expect(state().coupons[0]).toMatchObject({ remaining: 1, claimed: false });
    claim('me', 0, 'k3');
    claim('me', 0, 'k3');
    clock.advance(50);
    expect(state().coupons[0]).toMatchObject({ remaining: 0, claimed: true });
    expect(couponStatus(state().coupons[0]!, serverNow(state(), clock))).toBe('claimed');
    expect(state().stats.droppedByReason).toMatchObject({ untrusted: 2, duplicate: 1 });
    clock.advance(30_000);
    expect(couponStatus(state().coupons[0]!, serverNow(state(), clock))).toBe('expired');
    store.actions.setCoupons(
      [
        {
          id: 'c2',
          roomID: 'r',
          title: 't',
          amount: 1,
          threshold: 0,
          stock: 1,
          remaining: 0,
          expiresAt: serverTime + 99_000,
          createdAt: 0,
        },
      ],
      serverTime + 30_100,
    );
    clock.advance(50);
    expect(couponStatus(state().coupons.at(-1)!, serverNow(state(), clock))).toBe('sold-out');
    balanced(state());
  });

  it('marks purchases the server announces as verified and updates the shelf', () => {
    const { store, state } = setup({ maxPurchases: 3 });
    store.actions.setGoods([
      {
        id: 'mug',
        roomID: 'r',
        title: 'Mug',
        price: 3900,
        originalPrice: null,
        image: '',
        stock: 5,
        sold: 0,
        status: 'on',
        position: 0,
        updatedAt: 0,
      },
    ]);
    const buy = (orderID: string, userID: string, stock: number) =>
      tls.emit(EVENT.BUY_GOODS, {
        ...custom(
          userID,
          'BUY_GOODS',
          JSON.stringify({
            orderID,
            goodsID: 'mug',
            title: 'Mug',
            quantity: 1,
            userID,
            nick: `N-${userID}`,
            stock,
            serverTime: 1,
          }),
          { role: 'server' },
        ),
        verified: true,
      });
    buy('o1', 'ann', 4);
    buy('o1', 'ann', 4);
    tls.emit(EVENT.BUY_GOODS, {
      ...custom('bob', 'BUY_GOODS', JSON.stringify({ title: 'Mug' })),
      verified: false,
      goods: { title: 'Mug' },
    });
    buy('o2', 'me', 3);
    clock.advance(50);
    expect(state().purchases.map((p) => [p.nick, p.title, p.verified, p.isSelf])).toEqual([
      ['N-ann', 'Mug', true, false],
      ['nick-bob', 'Mug', false, false],
      ['N-me', 'Mug', true, true],
    ]);
    expect(state().goods[0]).toMatchObject({ stock: 3, sold: 2 });
    expect(state().stats.droppedByReason.duplicate).toBe(1);
    for (let i = 0; i < 10; i++) buy(`x${i}`, 'u', 2);
    clock.advance(50);
    expect(state().purchases).toHaveLength(3);
    balanced(state());
  });
});

describe('lifecycle', () => {
  it('building a store attaches nothing; the first subscriber attaches it, the last detaches it', () => {
    const store = createRoomStore(tls, { clock, schedule: timerScheduler(50, clock) });
    expect(tls.listenerCount()).toBe(0);
    expect(store.getInitialState()).toBe(store.getState());
    const offA = store.subscribe(() => {});
    const attached = tls.listenerCount();
    expect(attached).toBe(17);
    const offB = store.subscribe(() => {});
    expect(tls.listenerCount()).toBe(attached);
    say('u', 'seen');
    clock.advance(50);
    expect(orderedDanmaku(store.getState().danmaku)).toHaveLength(1);
    // getInitialState is the state the store was built with, not the current one.
    expect(orderedDanmaku(store.getInitialState().danmaku)).toHaveLength(0);
    offA();
    offA();
    expect(tls.listenerCount()).toBe(attached);
    offB();
    expect(tls.listenerCount()).toBe(0);
    say('u', 'not seen while nobody listens');
    clock.advance(50);
    expect(store.getState().stats.received).toBe(1);
    const offC = store.subscribe(() => {});
    expect(tls.listenerCount()).toBe(attached);
    store.destroy();
    expect(tls.listenerCount()).toBe(0);
    offC();
    store.subscribe(() => {});
    expect(tls.listenerCount()).toBe(0);
  });

  it('two stores on one page are independent; destroy unsubscribes', () => {
    const a = setup();
    const otherTls = new FakeLiveSell('me2', () => clock.now());
    const b = createRoomStore(otherTls, { clock, schedule: timerScheduler(50, clock) });
    say('u', 'only in a');
    clock.advance(50);
    expect(orderedDanmaku(a.state().danmaku)).toHaveLength(1);
    expect(orderedDanmaku(b.getState().danmaku)).toHaveLength(0);
    expect(tls.listenerCount()).toBeGreaterThan(10);
    a.store.destroy();
    a.store.destroy();
    expect(tls.listenerCount()).toBe(0);
    say('u', 'after destroy');
    clock.advance(50);
    expect(orderedDanmaku(a.state().danmaku)).toHaveLength(1);
    expect(clock.pending()).toBe(0);
    b.destroy();
  });

  it('keeps every list capped under any mix of events, and every event accounted for', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 120 })),
          {
            maxLength: 400,
          },
        ),
        (steps) => {
          clock = createManualClock(1_000_000);
          tls = new FakeLiveSell('me', () => clock.now());
          const { store, state } = setup({ danmakuSlots: 20, maxRowsPerCommit: 5 });
          for (const [kind, user, wait] of steps) {
            const u = `u${user}`;
            if (kind === 0) say(u, `t${user % 4}`);
            if (kind === 1) tls.emit(EVENT.SEND_GIFT, { ...custom(u, 'SEND_GIFT', 'rose') });
            if (kind === 2) tls.emit(EVENT.JOIN_GROUP, { userID: u, nick: u, avatar: '', messageID: '', time: 0 });
            if (kind === 3) tls.emit(EVENT.LIKE, { ...custom(u, 'LIKE'), count: 2 });
            if (kind === 4) tls.emit(EVENT.BUY_GOODS, { ...custom(u, 'BUY_GOODS'), verified: false });
            if (kind === 5) tls.emit(EVENT.USE_COUPON, { ...custom(u, 'USE_COUPON'), verified: false });
            if (kind === 6) say(u, `host ${user}`, { role: 'owner', isHost: true });
            clock.advance(wait);
          }
          store.flush();
          const s = state();
          expect(s.danmaku.slots).toHaveLength(20);
          expect(s.gifts.length).toBeLessThanOrEqual(4);
          expect(s.notices.length).toBeLessThanOrEqual(3);
          expect(s.purchases.length).toBeLessThanOrEqual(5);
          balanced(s);
          store.destroy();
        },
      ),
      { numRuns: 60 },
    );
  });
});
