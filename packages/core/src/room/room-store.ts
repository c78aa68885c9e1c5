import { createStore } from 'zustand/vanilla';
import { systemClock } from '../clock';
import { parseLikeTotal } from '../live-sell/decode';
import type {
  AddGoodsPayload,
  BuyGoodsPayload,
  CustomEventPayload,
  JoinRoomResult,
  LikeTotalPayload,
  LiveSellPayload,
  MemberPayload,
  MessagePayload,
  ResyncPayload,
  UseCouponPayload,
} from '../live-sell/index';
import { recentIDs } from '../live-sell/recent-ids';
import { countDrop, snapshot } from '../live-sell/stats';
import { clip, FIELD, fieldMap, quantity } from '../live-sell/wire';
import { or } from '../or';
import { defaultScheduler, isMiniProgram } from './commit-scheduler';
import { createDanmakuRing, type NewDanmakuRow, newestDanmaku, replaceDanmaku, writeDanmaku } from './danmaku-ring';
import { addGift, expireGiftCards } from './gift-cards';
import { last } from './last';
import type { MerchantCoupon, MerchantExplaining, MerchantGoods } from './merchant-types';
import {
  COUPON_ISSUE_EVENT,
  decodeCouponClaim,
  decodeCouponIssue,
  decodeExplaining,
  decodePurchase,
  type PurchaseAnnouncement,
} from './merchant-wire';
import { addNotice, type NoticeKind } from './room-notices';
import type {
  CouponView,
  ExplainingItem,
  PurchaseNotice,
  RoomState,
  RoomStore,
  RoomStoreOptions,
  RoomStoreSource,
  StoreDropReason,
} from './room-store-types';

/** A danmaku waiting for the next commit. The row object is only built for the ones shown. */
interface PendingRow {
  source: MessagePayload;
  /** `source.message` trimmed: the merge key. */
  text: string;
  count: number;
  /** Own, host and admin rows are never dropped for overflow nor merged away. */
  priority: boolean;
}

type CouponTerms = Pick<CouponView, 'title' | 'amount' | 'threshold' | 'stock' | 'remaining' | 'expiresAt'>;

const couponView = (id: string, c: CouponTerms, claimed: boolean, receivedAt: number): CouponView => ({
  id,
  title: c.title,
  amount: c.amount,
  threshold: c.threshold,
  stock: c.stock,
  remaining: c.remaining,
  expiresAt: c.expiresAt,
  claimed,
  receivedAt,
});

/**
 * The state a live room page shows, fed by a `TIMLiveSell`. Events are folded into a pending
 * batch and committed at most once per scheduler tick (a frame on H5, 50 ms on weapp, 100 ms there
 * while more events arrive per commit than it shows rows); danmaku go
 * into a fixed ring of slots with stable keys; everything else is capped. Every event is counted
 * as shown, merged or dropped in `getState().stats`.
 */
export function createRoomStore(liveSell: RoomStoreSource, options: RoomStoreOptions = {}): RoomStore {
  const clock = or(options.clock, systemClock);
  const schedule = options.schedule || defaultScheduler();
  const selfID = or(options.userID, liveSell.userID);
  const slots = Math.max(1, or(options.danmakuSlots, 50));
  // Each new row is ~400 B of setData on weapp: 6 rows per 50 ms keeps the p95 payload under 4 KB.
  const maxRows = Math.max(1, or(options.maxRowsPerCommit, isMiniProgram() ? 6 : 10));
  const maxText = or(options.maxTextLength, 200);
  const mergeDuplicates = or(options.mergeDuplicates, true);
  const mergeWindowMs = or(options.mergeWindowMs, 2000);
  const noticeWindowMs = or(options.noticeWindowMs, 3000);
  const maxNotices = or(options.maxNotices, 3);
  const giftRules = {
    comboMs: or(options.giftComboMs, 2000),
    cardMs: or(options.giftCardMs, 4000),
    maxCards: or(options.maxGiftCards, 4),
  };
  const maxPurchases = or(options.maxPurchases, 5);
  const maxCoupons = or(options.maxCoupons, 10);
  const initial = or(options.initial, {});

  const counts = {
    received: 0,
    shown: 0,
    merged: 0,
    dropped: 0,
    droppedByReason: { overflow: 0, duplicate: 0, invalid: 0, stale: 0, untrusted: 0 } as Record<
      StoreDropReason,
      number
    >,
    commits: 0,
  };
  const snapshotStats = () => Object.assign({}, snapshot(counts), { pending: pending.length });

  let pending: PendingRow[] = [];
  let bumpNewest: { seq: number; by: number } | undefined;
  let draft: Partial<RoomState> = {};
  let cancelCommit: (() => void) | undefined;
  let commitRequested = false;
  // Events received up to the last commit, and whether that commit took in more than `maxRows`
  // (a flood: the scheduler may then space commits further apart, see `timerScheduler`).
  let receivedAtCommit = 0;
  let flooding = false;
  let giftTimer: ReturnType<typeof clock.setTimeout> | undefined;
  let giftTimerAt = 0;
  let destroyed = false;
  let keySeq = 0;
  const nextKey = (prefix: string) => () => `${prefix}${++keySeq}`;
  // The last message, order and claim IDs, to show each thing once.
  const messageIDs = recentIDs(512);
  const orderIDs = recentIDs(256);
  const claimIDs = recentIDs(256);

  const initialState: RoomState = {
    host: or(initial.host, null),
    following: or(initial.following, false),
    viewerCount: or(initial.viewerCount, 0),
    notices: [],
    announcement: '',
    roomStatus: '',
    likeTotal: or(initial.likeTotal, 0),
    danmaku: createDanmakuRing(slots),
    gifts: [],
    goods: or(initial.goods, []),
    explaining: null,
    coupons: [],
    purchases: [],
    serverTimeOffset: 0,
    network: 'connected',
    kicked: false,
    myRole: 'member',
    mutedUntil: null,
    slowModeSeconds: 0,
    nextSendAt: null,
    removed: null,
    stats: snapshotStats(),
  };
  const store = createStore<RoomState>()(() => initialState);

  // ── batching ───────────────────────────────────────────────────────────────

  function read<K extends keyof RoomState>(key: K): RoomState[K] {
    return key in draft ? (draft[key] as RoomState[K]) : store.getState()[key];
  }
  function set<K extends keyof RoomState>(key: K, value: RoomState[K]): void {
    draft[key] = value;
    requestCommit();
  }

  function requestCommit(): void {
    if (commitRequested || destroyed) return;
    commitRequested = true;
    cancelCommit = schedule(commit, flooding) || undefined;
  }

  function commit(): void {
    commitRequested = false;
    cancelCommit = undefined;
    if (destroyed) return;
    const previous = store.getState();
    const next = draft;
    draft = {};
    // A ring set by an extension (a deleted row, recent chat) is the base of this commit.
    let ring = next.danmaku || previous.danmaku;
    if (bumpNewest) {
      const newest = newestDanmaku(ring);
      if (newest && newest.seq === bumpNewest.seq)
        ring = replaceDanmaku(ring, Object.assign({}, newest, { count: newest.count + bumpNewest.by }));
      bumpNewest = undefined;
    }
    if (pending.length) {
      ring = writeDanmaku(ring, pending.map(toRow));
      counts.shown += pending.length;
      pending = [];
    }
    if (ring !== previous.danmaku) next.danmaku = ring;
    const cards = next.gifts || previous.gifts;
    const gifts = expireGiftCards(cards, clock.now(), giftRules.cardMs);
    if (gifts.cards !== cards) next.gifts = gifts.cards;
    armGiftTimer(gifts.nextExpiry);
    counts.commits++;
    flooding = counts.received - receivedAtCommit > maxRows;
    receivedAtCommit = counts.received;
    next.stats = snapshotStats();
    store.setState(next);
  }

  function armGiftTimer(at: number | undefined): void {
    if (at === undefined || (giftTimer !== undefined && giftTimerAt <= at)) return;
    if (giftTimer !== undefined) clock.clearTimeout(giftTimer);
    giftTimerAt = at;
    giftTimer = clock.setTimeout(
      () => {
        giftTimer = undefined;
        requestCommit();
      },
      Math.max(0, at - clock.now()),
    );
  }

  // ── accounting ─────────────────────────────────────────────────────────────

  // Every event is counted as received when it comes in (`intake`), then as shown, merged or dropped.
  function counted(outcome: 'shown' | 'merged'): void {
    counts[outcome]++;
    requestCommit();
  }
  function drop(reason: StoreDropReason): void {
    countDrop(counts, reason);
    requestCommit();
  }

  // ── danmaku ────────────────────────────────────────────────────────────────

  function cutText(text: string): string {
    const trimmed = text.trim();
    if (trimmed.length <= maxText) return trimmed;
    const cut = trimmed.slice(0, maxText);
    // Do not leave half of a surrogate pair.
    return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
  }

  function toRow({ source: p, text, count }: PendingRow): NewDanmakuRow {
    return {
      id: p.messageID,
      userID: p.userID,
      nick: p.nick,
      avatar: p.avatar,
      text: cutText(text),
      role: p.role,
      isHost: p.isHost,
      isSelf: p.isSelf,
      count,
      time: p.time,
    };
  }

  /**
   * The pending row a new message with this text merges into. A scan, not a map: `pending` holds
   * at most `maxRows` rows (6–10), and in a flood a map's set and delete for every message cost
   * more than comparing a few strings.
   */
  function pendingWithText(text: string): PendingRow | undefined {
    for (let i = 0; i < pending.length; i++) {
      const row = pending[i]!;
      if (!row.priority && row.text === text) return row;
    }
    return undefined;
  }

  function addRow(source: MessagePayload, priority: boolean): Dropped {
    if (!messageIDs.add(source.messageID)) return 'duplicate';
    const text = typeof source.message === 'string' ? source.message.trim() : '';
    if (!text) return 'invalid';
    if (mergeDuplicates && !priority) {
      const same = pendingWithText(text);
      if (same) {
        same.count++;
        counted('merged');
        return;
      }
      const newest = pending.length === 0 ? newestDanmaku(store.getState().danmaku) : undefined;
      if (
        newest &&
        !newest.isSelf &&
        newest.role === 'member' &&
        newest.text === cutText(text) &&
        source.time - newest.time <= mergeWindowMs
      ) {
        bumpNewest = { seq: newest.seq, by: (bumpNewest && bumpNewest.seq === newest.seq ? bumpNewest.by : 0) + 1 };
        counted('merged');
        return;
      }
    }
    if (pending.length >= maxRows) {
      // The oldest row that may be dropped makes room; when all are priority rows, the oldest.
      // In a flood this runs for most messages: a loop and `shift`, no closure or array per call.
      let victim = 0;
      while (victim < pending.length && pending[victim]!.priority) victim++;
      if (victim === pending.length) {
        if (!priority) return 'overflow';
        victim = 0;
      }
      if (victim === 0) pending.shift();
      else pending.splice(victim, 1);
      drop('overflow');
    }
    const entry: PendingRow = { source, text, count: 1, priority };
    pending.push(entry);
    requestCommit();
  }

  // ── other events ───────────────────────────────────────────────────────────

  function notice(kind: NoticeKind, user: { userID: string; nick: string; avatar: string }): void {
    const result = addNotice(
      read('notices'),
      kind,
      { userID: user.userID, nick: user.nick, avatar: user.avatar },
      clock.now(),
      noticeWindowMs,
      maxNotices,
      nextKey('n'),
    );
    set('notices', result.notices);
    counted(result.merged ? 'merged' : 'shown');
  }

  // Handlers return why they dropped the event, if they did.
  type Dropped = StoreDropReason | undefined;

  function onMember(p: MemberPayload, joined: boolean): void {
    const count = typeof p.memberCount === 'number' ? p.memberCount : read('viewerCount') + (joined ? 1 : -1);
    set('viewerCount', Math.max(0, count));
    if (p.userID === selfID || (!joined && !options.exitNotices)) counted('merged');
    else notice(joined ? 'join' : 'exit', p);
  }

  function onFollow(p: CustomEventPayload, follows: boolean): void {
    if (p.isSelf || p.userID === selfID) {
      set('following', follows);
      counted('shown');
    } else if (follows) notice('follow', p);
    else counted('merged');
  }

  function explainingFrom(value: string, since: number): ExplainingItem | null | undefined {
    if (value.trim() === '') return null;
    const decoded = decodeExplaining(value);
    if (!decoded) return undefined;
    const item: ExplainingItem = { id: decoded.id, version: decoded.v, raw: value, since };
    if (decoded.t !== undefined) item.title = decoded.t;
    if (decoded.p !== undefined) item.price = decoded.p;
    if (decoded.i !== undefined) item.image = decoded.i;
    return item;
  }

  function onAddGoods(p: AddGoodsPayload): Dropped {
    const item = explainingFrom(p.value, p.time);
    if (item === undefined) return 'invalid';
    const current = read('explaining');
    // Tips can arrive out of order around a reconnect; a resync always carries the current value.
    if (item && current && item.version > 0 && current.version > item.version && p.source !== 'resync') return 'stale';
    set('explaining', item);
    counted('shown');
  }

  /** A purchase the merchant server announced (live, or listed by its API). */
  const announcedPurchase = (a: PurchaseAnnouncement, nick: string, avatar: string, time: number): PurchaseNotice => ({
    key: nextKey('p')(),
    orderID: a.orderID,
    userID: a.userID,
    nick,
    avatar,
    goodsID: a.goodsID,
    title: a.title,
    quantity: a.quantity,
    verified: true,
    merged: Math.max(1, or(a.merged, 1)),
    isSelf: a.userID === selfID,
    time,
  });

  function onPurchase(p: BuyGoodsPayload): Dropped {
    const announced = p.verified ? decodePurchase(p.extension) : null;
    if (!orderIDs.add(announced ? announced.orderID : p.messageID)) return 'duplicate';
    // What the merchant server announced, else what the buyer's client claims.
    let notice: PurchaseNotice;
    if (announced) notice = announcedPurchase(announced, announced.nick || p.nick, p.avatar, p.time);
    else {
      const goods = p.goods || {};
      notice = {
        key: nextKey('p')(),
        orderID: p.messageID,
        userID: p.userID,
        nick: p.nick,
        avatar: p.avatar,
        goodsID: clip(or(goods.goodsID, goods.id), 64),
        title: clip(or(goods.title, goods.name), 100),
        quantity: quantity(goods.quantity, 9999),
        verified: false,
        merged: 1,
        isSelf: p.isSelf,
        time: p.time,
      };
    }
    set('purchases', last([...read('purchases'), notice], maxPurchases));
    if (announced) {
      set(
        'goods',
        read('goods').map((g) =>
          g.id === announced.goodsID
            ? Object.assign({}, g, { stock: announced.stock, sold: g.sold + announced.quantity })
            : g,
        ),
      );
    }
    counted('shown');
  }

  /** Purchases the merchant API lists (the last few, oldest first): shown once each, with the live ones. */
  function putPurchases(list: readonly PurchaseAnnouncement[]): void {
    const fresh: PurchaseNotice[] = [];
    for (const a of list) if (orderIDs.add(a.orderID)) fresh.push(announcedPurchase(a, a.nick, '', a.serverTime));
    if (!fresh.length) return;
    const all = [...read('purchases'), ...fresh].sort((a, b) => a.time - b.time);
    set('purchases', last(all, maxPurchases));
  }

  /** The server's like total: never shown lower than what this client already counted (its own taps in flight). */
  function putLikeTotal(total: number): void {
    if (total > read('likeTotal')) set('likeTotal', total);
  }

  /** A coupon learnt of twice (list, announcement, own claim): stock only falls and a claim stays. */
  const mergeCoupon = (c: CouponView, remaining: number, claimed: boolean): CouponView =>
    Object.assign({}, c, { remaining: Math.min(c.remaining, remaining), claimed: c.claimed || claimed });

  function updateCoupon(id: string, remaining: number, claimed: boolean): void {
    const coupons = read('coupons');
    if (coupons.some((c) => c.id === id))
      set(
        'coupons',
        coupons.map((c) => (c.id === id ? mergeCoupon(c, remaining, claimed) : c)),
      );
  }

  function onClaim(p: UseCouponPayload): Dropped {
    // Only the merchant server's announcement changes coupon state; a viewer's USE_COUPON proves nothing.
    if (!p.verified) return 'untrusted';
    const claim = decodeCouponClaim(p.extension);
    if (!claim) return 'invalid';
    if (!claimIDs.add(claim.claimID)) return 'duplicate';
    updateCoupon(claim.couponID, claim.remaining, claim.userID === selfID);
    counted('shown');
  }

  function putCoupons(list: readonly CouponView[]): void {
    const byID = new Map(read('coupons').map((c) => [c.id, c]));
    for (const c of list) {
      const old = byID.get(c.id);
      byID.set(c.id, old ? mergeCoupon(c, old.remaining, old.claimed) : c);
    }
    const all = [...byID.values()].sort((a, b) => a.receivedAt - b.receivedAt);
    set('coupons', last(all, maxCoupons));
  }

  function onCouponIssue(p: CustomEventPayload): Dropped {
    if (p.role === 'member') return 'untrusted';
    const issue = decodeCouponIssue(p.extension);
    if (!issue) return 'invalid';
    syncServerTime(issue.serverTime);
    putCoupons([couponView(issue.couponID, issue, false, clock.now())]);
    counted('shown');
  }

  function syncServerTime(serverTime: number): void {
    if (!Number.isFinite(serverTime) || serverTime <= 0) return;
    const sample = serverTime - clock.now();
    const current = read('serverTimeOffset');
    // A sample is late by its transit time, so the largest is the best — unless a clock jumped.
    if (!offsetKnown || sample > current || Math.abs(sample - current) > 5000) {
      offsetKnown = true;
      set('serverTimeOffset', sample);
    }
  }
  let offsetKnown = false;

  // ── subscriptions ──────────────────────────────────────────────────────────

  /** Takes events in through `handle`, which returns a `Dropped` reason when it drops one; one without a payload is invalid. */
  const intake =
    <P>(handle: (p: P) => unknown) =>
    (p: P | undefined) => {
      counts.received++;
      const reason = p ? handle(p) : 'invalid';
      if (reason) drop(reason as StoreDropReason);
    };
  const listen = <K extends string>(event: K, handle: (p: LiveSellPayload<K>) => unknown) =>
    liveSell.on(event, intake(handle));
  const onMessage = intake((p: MessagePayload) => addRow(p, p.isSelf || p.role !== 'member'));

  // Construction has no side effect: the store listens to the client only while it has a
  // subscriber. A store built and dropped (a discarded render, StrictMode's second call) never
  // attaches, so it cannot leak listeners.
  let attached: (() => void)[] | undefined;
  let holds = 0;
  const hold = () => {
    holds++;
    if (!attached && !destroyed) attached = attach();
  };
  const release = () => {
    holds--;
    if (holds > 0 || !attached) return;
    for (const off of attached) off();
    attached = undefined;
  };
  const extensions = or(options.extensions, []).map((extend) =>
    extend({
      liveSell,
      clock,
      read,
      set,
      seen: messageIDs.add,
      unpend(id) {
        pending = pending.filter((r) => r.source.messageID !== id);
      },
    }),
  );
  const attach = () => {
    const offs = attachBase();
    for (const x of extensions) offs.push.apply(offs, x.attach());
    return offs;
  };
  const attachBase = () => [
    liveSell.on('MESSAGE', onMessage),
    listen('LIKE', (p) => {
      set('likeTotal', read('likeTotal') + Math.max(1, p.count));
      counted('merged');
    }),
    listen('SEND_GIFT', (p) => {
      const result = addGift(read('gifts'), p, clock.now(), giftRules, nextKey('g'));
      set('gifts', result.cards);
      counted(result.merged ? 'merged' : 'shown');
    }),
    listen('ATTENT', (p) => onFollow(p, true)),
    listen('CANCEL_ATTENT', (p) => onFollow(p, false)),
    listen('JOIN_GROUP', (p) => onMember(p, true)),
    listen('EXIT_GROUP', (p) => onMember(p, false)),
    listen('NOTIFACATION', (p) => {
      set('announcement', p.notification);
      counted('shown');
    }),
    listen('ROOM_STATUS_CHANGE', (p) => {
      set('roomStatus', p.value);
      counted('shown');
    }),
    listen('ADD_GOODS', onAddGoods),
    listen('BUY_GOODS', onPurchase),
    listen('USE_COUPON', onClaim),
    listen(COUPON_ISSUE_EVENT, onCouponIssue),
    listen('LIKE_TOTAL', (p: LikeTotalPayload) => {
      putLikeTotal(p.total);
      counted('merged');
    }),
    listen('RESYNC', (p: ResyncPayload) => {
      if (p.memberCount !== undefined) set('viewerCount', Math.max(0, p.memberCount));
      if (p.likeTotal !== undefined) putLikeTotal(p.likeTotal);
      counted('shown');
      // What the merchant API knows (coupons, stock, purchases) may have changed while away too.
      void restore();
    }),
    liveSell.on('NETWORK_CHANGE', (p) => p && set('network', p.state)),
    liveSell.on('KICKED', () => set('kicked', true)),
  ];

  function applyJoin(result: JoinRoomResult): void {
    const group = result.groupInfo;
    set('host', Object.assign({}, group.ownerInfo));
    if (typeof group.notification === 'string') set('announcement', group.notification);
    if (typeof group.memberCount === 'number') set('viewerCount', group.memberCount);
    const { [FIELD.ROOM_STATUS]: status, [FIELD.ADD_GOODS]: addGoods } = fieldMap(group);
    if (status !== undefined) set('roomStatus', status);
    const likeTotal = parseLikeTotal(fieldMap(group)[FIELD.LIKE_TOTAL]);
    if (likeTotal !== undefined) putLikeTotal(likeTotal);
    if (addGoods !== undefined) {
      const item = explainingFrom(addGoods, clock.now());
      if (item !== undefined) set('explaining', item);
    }
  }

  const merchant = options.merchant;
  let restoring: Promise<void> | undefined;
  /** Reads what the merchant API knows of the room: shelf + explaining item, open coupons, last purchases. */
  function restore(): Promise<void> {
    if (!merchant || destroyed) return Promise.resolve();
    if (restoring) return restoring;
    const { client, roomID } = merchant;
    const report = (error: unknown) => {
      if (!destroyed && options.onRestoreError) options.onRestoreError(error);
    };
    const run = Promise.all([
      client
        .listGoods(roomID)
        .then((r) => !destroyed && actions.setGoods(r.goods, { explaining: r.explaining, serverTime: r.serverTime }))
        .catch(report),
      client
        .listCoupons(roomID)
        .then((r) => !destroyed && actions.setCoupons(r.coupons, r.serverTime))
        .catch(report),
      client.recentPurchases
        ? client
            .recentPurchases(roomID)
            .then((r) => !destroyed && putPurchases(r.purchases))
            .catch(report)
        : undefined,
    ]).then(() => {
      restoring = undefined;
    });
    restoring = run;
    return run;
  }

  const actions: RoomStore['actions'] = {
    join: () =>
      liveSell.joinRoom().then((result) => {
        if (!destroyed) applyJoin(result);
        // Extensions one after the other, then the whole room at once: a late joiner does not wait
        // for the next event to see coupons or purchases.
        let after: Promise<unknown> = Promise.resolve();
        for (const x of extensions) if (x.joined) after = after.then(() => x.joined!(result));
        return after.then(restore).then(() => result);
      }),
    restore,
    setPurchases: (list) => putPurchases(list),
    sendMessage: (text) =>
      liveSell.sendMessage(text).then(
        (result) => {
          for (const x of extensions) if (x.sent) x.sent();
          if (!destroyed) {
            const role = liveSell.role;
            onMessage(Object.assign({}, result, { role, isHost: role === 'owner', isSelf: true }));
          }
          return result;
        },
        (error) => {
          for (const x of extensions) if (x.sent) x.sent(error);
          throw error;
        },
      ),
    like: (extension) => liveSell.like(extension),
    gift: (extension) => liveSell.gift(extension),
    follow: () => liveSell.attention(),
    unfollow: () => liveSell.cancelAttention(),
    setGoods(goods: readonly MerchantGoods[], extra = {}) {
      set('goods', goods.slice());
      if (extra.serverTime !== undefined) syncServerTime(extra.serverTime);
      const e: MerchantExplaining | null | undefined = extra.explaining;
      const current = read('explaining');
      // `null` cannot be ordered against a tip, so only a newer explaining item is taken from here.
      if (e && (!current || e.version > current.version)) {
        const g = goods.find((x) => x.id === e.goodsID);
        const item: ExplainingItem = { id: e.goodsID, version: e.version, raw: '', since: e.since };
        if (g) Object.assign(item, { title: g.title, price: g.price, image: g.image });
        set('explaining', item);
      }
    },
    setCoupons(coupons: readonly MerchantCoupon[], serverTime?: number) {
      if (serverTime !== undefined) syncServerTime(serverTime);
      const now = clock.now();
      putCoupons(coupons.map((c) => couponView(c.id, c, c.claimed === true, now)));
    },
    markCouponClaimed(couponID, remaining) {
      updateCoupon(couponID, or(remaining, Infinity), true);
    },
    setViewerCount: (count) => set('viewerCount', Math.max(0, Math.floor(count))),
    setFollowing: (following) => set('following', following),
    syncServerTime,
  };

  return {
    getState: store.getState,
    getInitialState: store.getInitialState,
    subscribe(listener) {
      const unsubscribe = store.subscribe(listener);
      hold();
      let done = false;
      return () => {
        if (done) return;
        done = true;
        unsubscribe();
        release();
      };
    },
    actions,
    flush() {
      if (destroyed) return;
      if (cancelCommit) cancelCommit();
      commit();
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      for (const off of attached || []) off();
      attached = undefined;
      if (cancelCommit) cancelCommit();
      if (giftTimer !== undefined) clock.clearTimeout(giftTimer);
      pending = [];
    },
  };
}
