import { createStore } from 'zustand/vanilla';
import { type Clock, systemClock, type TimerHandle } from '../clock';
import type { GiftPayload, SenderRole } from '../live-sell/index';
import type { ReplayChapter, ReplayInfo, ReplaySegment, TimelineEvent, TimelineEventType } from '../protocol/replay';
import { createDanmakuRing, type DanmakuRing, type NewDanmakuRow, writeDanmaku } from '../room/danmaku-ring';
import { addGift, expireGiftCards, type GiftCard } from '../room/gift-cards';
import type { ExplainingItem, PurchaseNotice } from '../room/room-store-types';
import type { ReplayClient } from './client';

export interface ReplayWindowOptions {
  /** How much timeline one request window covers ahead of the playhead. Default 60 000 ms. */
  aheadMs?: number;
  /** Fetch the next window when this little of the loaded one remains. Default 15 000 ms. */
  prefetchMs?: number;
  /** Events per timeline page (1..500). Default 500. */
  pageLimit?: number;
  /** Pages per window at most (a flood is cut, never held whole). Default 8. */
  maxPages?: number;
  /** Chat rows shown after a seek: the last ones before that moment. Default 20. */
  seekChatRows?: number;
  /** After a seek, gifts and purchases older than this are not replayed. Default 3000 ms. */
  recentMs?: number;
  /** A playhead moving forward by more than this (or back by more than 1 s) is a seek. Default 5000 ms. */
  jumpMs?: number;
  /** Wait before asking again after a failed request. Default 2000 ms. */
  retryMs?: number;
}

export interface ReplayStoreOptions {
  client: ReplayClient;
  /** Default `client.roomID`. */
  roomID?: string;
  /** Timers for retries (tests pass `createManualClock()`). */
  clock?: Clock;
  window?: ReplayWindowOptions;
  /** This viewer (rows and purchases of this user are marked `isSelf`). */
  userID?: string;
  /** Danmaku ring size. Default 50. */
  danmakuSlots?: number;
  /** Chat text longer than this is cut. Default 200. */
  maxTextLength?: number;
  /** A gift card stays this long (show time) after its last gift. Default 4000. */
  giftCardMs?: number;
  /** Same sender + same gift within this show time → ×N. Default 2000. */
  giftComboMs?: number;
  maxGiftCards?: number;
  maxPurchases?: number;
}

export type ReplayStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface ReplayStoreStats {
  /** Timeline requests made. */
  requests: number;
  /** Events received from the server. */
  received: number;
  /** Events replayed at their time (rows, cards, state changes). */
  replayed: number;
  /** Events fetched but not yet reached by the playhead. */
  buffered: number;
  /** The most events ever held at once (the memory bound in practice). */
  maxBuffered: number;
  /** Seeks (explicit, or a jump of the playhead). */
  seeks: number;
  /** Windows cut short because the server had more events than `maxPages` pages. */
  truncated: number;
}

/** What a replay page shows at the playhead; rows, cards and purchases in the live store's shapes. */
export interface ReplayState {
  status: ReplayStatus;
  error: string | null;
  info: Omit<ReplayInfo, 'segments' | 'chapters'> | null;
  segments: readonly ReplaySegment[];
  chapters: readonly ReplayChapter[];
  /** The playhead, server ms. */
  playhead: number;
  /** The chapter the playhead is in (-1 before the first). */
  chapterIndex: number;
  /** The timeline held: `[from, to)`, server ms. */
  loaded: { from: number; to: number };
  /** A seek is being resolved (its context and window are loading). */
  seeking: boolean;
  danmaku: DanmakuRing;
  gifts: readonly GiftCard[];
  purchases: readonly PurchaseNotice[];
  explaining: ExplainingItem | null;
  likeTotal: number;
  /** The `room_status` at the playhead (`live`, `paused` …). */
  roomStatus: string;
  announcement: string;
  stats: ReplayStoreStats;
}

export interface ReplayStore {
  getState(): ReplayState;
  subscribe(listener: (state: ReplayState, previous: ReplayState) => void): () => void;
  getInitialState(): ReplayState;
  /** Reads the replay (segments, chapters) and prepares the start of the show. Rejects with `LiveSellError`. */
  load(): Promise<void>;
  /**
   * The player's position (server ms, see `serverTimeAt`): replays what happened up to it and fetches
   * the next window in time. A jump (forward > `jumpMs`, back > 1 s) is handled as a seek.
   */
  setPlayhead(serverMs: number): void;
  /** Jumps: the state at that moment (explaining item, like total, the last chat rows), then plays on. */
  seek(serverMs: number): Promise<void>;
  /**
   * Cancels timers and ignores answers still in flight; the store stays as it is and takes no
   * playhead until `load()` is called again (a provider mounted twice, as React's StrictMode does).
   * Idempotent.
   */
  destroy(): void;
}

const ROLES: readonly SenderRole[] = ['owner', 'admin', 'server', 'member'];
const CONTEXT_TYPES: readonly TimelineEventType[] = ['explain', 'status', 'announcement'];
const BACK_TOLERANCE_MS = 1000;
const MAX_PURCHASE_QTY = 9999;

interface Range {
  events: TimelineEvent[];
  /** Exclusive end of what is complete (the query's `to`, or earlier when cut). */
  to: number;
  truncated: boolean;
}

const str = (value: unknown, max: number) => (typeof value === 'string' ? value.slice(0, max) : '');
const count = (value: unknown, max: number) =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? Math.min(value, max) : 1;

/**
 * The state of a replay page, fed by the room's timeline in windows around the playhead: never the
 * whole show in memory (one window ahead plus the prefetched next, each at most `maxPages` pages),
 * seek-aware, in the same shapes as the live room store so `DanmakuList`, gift cards, the purchase
 * ticker and the explaining card render it unchanged.
 */
export function createReplayStore(options: ReplayStoreOptions): ReplayStore {
  const { client } = options;
  const clock = options.clock ?? systemClock;
  const w = options.window ?? {};
  const aheadMs = Math.max(1000, w.aheadMs ?? 60_000);
  const prefetchMs = Math.min(aheadMs, Math.max(0, w.prefetchMs ?? 15_000));
  const pageLimit = Math.min(500, Math.max(1, w.pageLimit ?? 500));
  const maxPages = Math.max(1, w.maxPages ?? 8);
  const seekChatRows = Math.max(0, w.seekChatRows ?? 20);
  const recentMs = Math.max(0, w.recentMs ?? 3000);
  const jumpMs = Math.max(1000, w.jumpMs ?? 5000);
  const retryMs = Math.max(100, w.retryMs ?? 2000);
  const slots = Math.max(1, options.danmakuSlots ?? 50);
  const maxText = options.maxTextLength ?? 200;
  const giftRules = {
    comboMs: options.giftComboMs ?? 2000,
    cardMs: options.giftCardMs ?? 4000,
    maxCards: options.maxGiftCards ?? 4,
  };
  const maxPurchases = options.maxPurchases ?? 5;
  const userID = options.userID ?? '';

  const initial: ReplayState = {
    status: 'idle',
    error: null,
    info: null,
    segments: [],
    chapters: [],
    playhead: 0,
    chapterIndex: -1,
    loaded: { from: 0, to: 0 },
    seeking: false,
    danmaku: createDanmakuRing(slots, 'rp'),
    gifts: [],
    purchases: [],
    explaining: null,
    likeTotal: 0,
    roomStatus: '',
    announcement: '',
    stats: { requests: 0, received: 0, replayed: 0, buffered: 0, maxBuffered: 0, seeks: 0, truncated: 0 },
  };
  const store = createStore<ReplayState>()(() => initial);

  let generation = 0;
  let destroyed = false;
  /** Events in `[appliedTo, loaded.to)`, oldest first, not replayed yet. */
  let pending: TimelineEvent[] = [];
  let appliedTo = 0;
  /** Where the last seek went: while it resolves, positions far from it are stale player reports. */
  let seekTarget = 0;
  let fetching = false;
  let retry: TimerHandle | undefined;
  let keySeq = 0;
  const nextKey = (p: string) => () => `${p}${++keySeq}`;
  const stats = () => ({ ...store.getState().stats });

  const showStart = () => {
    const s = store.getState();
    return s.info?.startedAt ?? (s.segments[0] ? s.segments[0].startedAt : 0);
  };
  const showEnd = () => {
    const s = store.getState();
    const last = s.segments[s.segments.length - 1];
    const end = Math.max(s.info?.endedAt ?? 0, last ? last.startedAt + last.durationMs : 0);
    return end > 0 && s.info?.phase === 'ended' ? end + 1 : Number.POSITIVE_INFINITY;
  };

  /** Pages through `[from, to)`, at most `pages` pages; a cut range ends before its last instant. */
  async function fetchRange(
    from: number,
    to: number,
    types?: readonly TimelineEventType[],
    pages = maxPages,
  ): Promise<Range> {
    const events: TimelineEvent[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < pages; i++) {
      const st = stats();
      st.requests++;
      store.setState({ stats: st });
      const page = await client.timeline({ from, to, limit: pageLimit, cursor, types });
      for (const e of page.events) if (e.at >= from && e.at < to) events.push(e);
      const s2 = stats();
      s2.received += page.events.length;
      store.setState({ stats: s2 });
      cursor = page.next;
      if (!cursor || page.events.length === 0) return { events, to, truncated: false };
    }
    // Cut: keep only instants known to be complete.
    const lastAt = events.length ? events[events.length - 1]!.at : from;
    if (lastAt <= from) return { events, to: Math.min(to, from + 1), truncated: true };
    return { events: events.filter((e) => e.at < lastAt), to: lastAt, truncated: true };
  }

  function chapterAt(chapters: readonly ReplayChapter[], t: number): number {
    let index = -1;
    for (let i = 0; i < chapters.length; i++) if (chapters[i]!.at <= t) index = i;
    return index;
  }

  function chatRow(e: TimelineEvent): NewDanmakuRow | null {
    const text = str(e.data.text, maxText);
    if (!text.trim()) return null;
    const info = store.getState().info;
    const sender = e.userID ?? '';
    const given = e.data.role as SenderRole;
    const role: SenderRole = ROLES.indexOf(given) >= 0 ? given : info && sender === info.ownerID ? 'owner' : 'member';
    return {
      id: e.id,
      userID: sender,
      nick: e.nick ?? sender,
      avatar: e.avatar ?? '',
      text,
      role,
      isHost: role === 'owner' || (!!info && !!sender && sender === info.ownerID),
      isSelf: !!userID && sender === userID,
      count: 1,
      time: e.at,
    };
  }

  function explainOf(e: TimelineEvent, version: number): ExplainingItem | null {
    const id = str(e.data.goodsID, 64);
    if (!id) return null;
    const item: ExplainingItem = { id, version, raw: '', since: e.at };
    const title = str(e.data.title, 100);
    if (title) item.title = title;
    if (typeof e.data.price === 'number' && Number.isSafeInteger(e.data.price) && e.data.price >= 0) {
      item.price = e.data.price;
    }
    const image = str(e.data.image, 512);
    if (/^https?:\/\//i.test(image)) item.image = image;
    return item;
  }

  function purchaseOf(e: TimelineEvent): PurchaseNotice | null {
    const goodsID = str(e.data.goodsID, 64);
    if (!goodsID) return null;
    const buyer = e.userID ?? '';
    const merged = count(e.data.merged, MAX_PURCHASE_QTY);
    return {
      key: nextKey('rpp')(),
      orderID: str(e.data.orderID, 64) || e.id,
      userID: buyer,
      nick: e.nick ?? '',
      avatar: e.avatar ?? '',
      goodsID,
      title: str(e.data.title, 100) || goodsID,
      quantity: count(e.data.quantity, MAX_PURCHASE_QTY),
      // The timeline holds only what the merchant server recorded: every purchase in it happened.
      verified: true,
      merged,
      isSelf: !!userID && buyer === userID,
      time: e.at,
    };
  }

  function giftOf(e: TimelineEvent): GiftPayload {
    const giftID = str(e.data.giftID, 64) || 'gift';
    const name = str(e.data.name, 32) || giftID;
    const gift = { id: giftID, name, count: count(e.data.count, 9999) };
    const value = JSON.stringify(gift);
    const sender = e.userID ?? '';
    const owner = store.getState().info?.ownerID ?? '';
    return {
      userID: sender,
      nick: e.nick ?? '',
      avatar: e.avatar ?? '',
      role: 'member',
      isHost: !!owner && sender === owner,
      isSelf: !!userID && sender === userID,
      messageID: e.id,
      time: e.at,
      value,
      data: 'SEND_GIFT',
      description: '',
      extension: value,
      parsed: gift,
      gift,
    };
  }

  /** Folds events (oldest first) into the state: one `setState` for the lot. */
  function fold(events: readonly TimelineEvent[], at: number, mode: 'play' | 'context') {
    const s = store.getState();
    const rows: NewDanmakuRow[] = [];
    let gifts = s.gifts;
    let purchases = s.purchases;
    let explaining = s.explaining;
    let likeTotal = s.likeTotal;
    let roomStatus = s.roomStatus;
    let announcement = s.announcement;
    let replayed = 0;
    for (const e of events) {
      switch (e.type) {
        case 'chat': {
          const row = chatRow(e);
          if (row) rows.push(row);
          break;
        }
        case 'like':
          likeTotal =
            typeof e.data.total === 'number' && Number.isSafeInteger(e.data.total) && e.data.total >= 0
              ? e.data.total
              : likeTotal + count(e.data.count, 1e6);
          break;
        case 'gift':
          if (mode === 'play' || at - e.at <= recentMs) {
            gifts = addGift(gifts, giftOf(e), e.at, giftRules, nextKey('rpg')).cards;
          }
          break;
        case 'purchase': {
          if (mode === 'context' && at - e.at > recentMs) break;
          const p = purchaseOf(e);
          if (p) purchases = [...purchases, p].slice(-maxPurchases);
          break;
        }
        case 'explain':
          explaining = explainOf(e, (explaining?.version ?? 0) + 1);
          break;
        case 'status': {
          const status = str(e.data.status, 32) || str(e.data.phase, 16);
          if (status) roomStatus = status;
          break;
        }
        case 'announcement':
          announcement = str(e.data.text, 500);
          break;
        default:
          // joins and coupons are not replayed (a coupon of a past show cannot be claimed).
          continue;
      }
      replayed++;
    }
    if (mode === 'context' && rows.length > seekChatRows) rows.splice(0, rows.length - seekChatRows);
    const expired = expireGiftCards(gifts, at, giftRules.cardMs).cards;
    const st = { ...s.stats };
    st.replayed += replayed;
    store.setState({
      danmaku: rows.length ? writeDanmaku(s.danmaku, rows) : s.danmaku,
      gifts: expired,
      purchases,
      explaining,
      likeTotal,
      roomStatus,
      announcement,
      stats: st,
    });
  }

  function setPending(events: TimelineEvent[]) {
    pending = events;
    const st = stats();
    st.buffered = pending.length;
    if (pending.length > st.maxBuffered) st.maxBuffered = pending.length;
    store.setState({ stats: st });
  }

  /** Replays pending events up to `t`. */
  function advance(t: number) {
    let n = 0;
    while (n < pending.length && pending[n]!.at <= t) n++;
    const due = pending.slice(0, n);
    if (n > 0) setPending(pending.slice(n));
    appliedTo = Math.max(appliedTo, t);
    fold(due, t, 'play');
  }

  function scheduleRetry(gen: number, run: () => void) {
    if (retry !== undefined) clock.clearTimeout(retry);
    retry = clock.setTimeout(() => {
      retry = undefined;
      if (gen === generation && !destroyed) run();
    }, retryMs);
  }

  function fail(error: unknown) {
    store.setState({ error: error instanceof Error ? error.message : String(error) });
  }

  /** Loads the next window when the playhead is within `prefetchMs` of the end of what is held. */
  function maybePrefetch() {
    const s = store.getState();
    if (fetching || s.seeking || s.status !== 'ready') return;
    const end = showEnd();
    const from = s.loaded.to;
    if (from >= end || from - s.playhead > prefetchMs) return;
    // A flood: one full window is held already; the next waits until the playhead eats into it.
    if (pending.length >= pageLimit * maxPages) return;
    const gen = generation;
    fetching = true;
    fetchRange(from, Math.min(end, from + aheadMs)).then(
      (range) => {
        fetching = false;
        if (gen !== generation || destroyed) return;
        if (range.truncated) store.setState({ stats: { ...stats(), truncated: stats().truncated + 1 } });
        setPending(pending.concat(range.events));
        store.setState({ loaded: { from: store.getState().loaded.from, to: range.to }, error: null });
        advance(store.getState().playhead);
        maybePrefetch();
      },
      (error: unknown) => {
        fetching = false;
        if (gen !== generation || destroyed) return;
        fail(error);
        scheduleRetry(gen, maybePrefetch);
      },
    );
  }

  /** The last chat rows, recent gifts/purchases and the like total before `t`: a lookback that widens. */
  async function recentBefore(t: number): Promise<TimelineEvent[]> {
    const start = showStart();
    let lookback = 10_000;
    let events: TimelineEvent[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const from = Math.max(start, t - lookback);
      let range = await fetchRange(from, t + 1, undefined, 4);
      if (range.truncated) {
        // A flood: the last second alone holds more than enough rows.
        range = await fetchRange(Math.max(start, t - 1000), t + 1, undefined, 4);
        return range.events;
      }
      events = range.events;
      let chats = 0;
      for (const e of events) if (e.type === 'chat') chats++;
      if (chats >= seekChatRows || from <= start) break;
      lookback *= 4;
    }
    return events;
  }

  /** The like total at `t` when the lookback had no like carrying `total`: step back 10 min at a time. */
  async function likeTotalBefore(t: number): Promise<number | undefined> {
    const start = showStart();
    let to = t + 1;
    for (let i = 0; i < 12 && to > start; i++) {
      const from = Math.max(start, to - 600_000);
      const range = await fetchRange(from, to, ['like'], 4);
      for (let k = range.events.length - 1; k >= 0; k--) {
        const total = range.events[k]!.data.total;
        if (typeof total === 'number' && Number.isSafeInteger(total) && total >= 0) return total;
      }
      to = from;
    }
    return undefined;
  }

  async function seek(serverMs: number): Promise<void> {
    if (destroyed) return;
    const gen = ++generation;
    if (retry !== undefined) clock.clearTimeout(retry);
    retry = undefined;
    fetching = false;
    const t = Math.max(0, serverMs);
    seekTarget = t;
    const st = stats();
    st.seeks++;
    pending = [];
    st.buffered = 0;
    appliedTo = t;
    store.setState({
      playhead: t,
      seeking: true,
      chapterIndex: chapterAt(store.getState().chapters, t),
      danmaku: createDanmakuRing(slots, 'rp'),
      gifts: [],
      purchases: [],
      explaining: null,
      loaded: { from: t + 1, to: t + 1 },
      stats: st,
    });
    try {
      const [context, recent, ahead] = await Promise.all([
        fetchRange(showStart(), t + 1, CONTEXT_TYPES),
        recentBefore(t),
        fetchRange(t + 1, Math.min(showEnd(), t + 1 + aheadMs)),
      ]);
      if (gen !== generation || destroyed) return;
      let likeTotal: number | undefined;
      for (let k = recent.length - 1; k >= 0 && likeTotal === undefined; k--) {
        const e = recent[k]!;
        if (e.type === 'like' && typeof e.data.total === 'number') likeTotal = e.data.total;
      }
      if (likeTotal === undefined) likeTotal = await likeTotalBefore(t);
      if (gen !== generation || destroyed) return;
      store.setState({ likeTotal: likeTotal ?? 0, roomStatus: '', announcement: '' });
      fold(context.events, t, 'context');
      fold(
        recent.filter((e) => e.type !== 'like' && CONTEXT_TYPES.indexOf(e.type) < 0),
        t,
        'context',
      );
      if (ahead.truncated) store.setState({ stats: { ...stats(), truncated: stats().truncated + 1 } });
      setPending(ahead.events);
      store.setState({ loaded: { from: t + 1, to: ahead.to }, seeking: false, error: null });
      advance(store.getState().playhead);
      maybePrefetch();
    } catch (error) {
      if (gen !== generation || destroyed) return;
      store.setState({ seeking: false });
      fail(error);
      scheduleRetry(gen, () => {
        void seek(store.getState().playhead);
      });
    }
  }

  function setPlayhead(serverMs: number) {
    if (destroyed || !Number.isFinite(serverMs)) return;
    const s = store.getState();
    const t = Math.max(0, serverMs);
    if (s.status !== 'ready' || s.seeking) {
      // A timeupdate from before the video reached the seek target is not where we are.
      if (!s.seeking || Math.abs(t - seekTarget) <= jumpMs) store.setState({ playhead: t });
      return;
    }
    if (t > appliedTo + jumpMs || t < appliedTo - BACK_TOLERANCE_MS) {
      void seek(t);
      return;
    }
    const chapterIndex = chapterAt(s.chapters, t);
    store.setState({ playhead: t, chapterIndex });
    // A small step back (a re-buffer, a timeupdate out of order) replays nothing twice.
    if (t > appliedTo) advance(t);
    else if (s.gifts.length) store.setState({ gifts: expireGiftCards(s.gifts, t, giftRules.cardMs).cards });
    maybePrefetch();
  }

  async function load(): Promise<void> {
    destroyed = false;
    const gen = ++generation;
    store.setState({ status: 'loading', error: null });
    let info: ReplayInfo;
    try {
      info = await client.replay();
    } catch (error) {
      if (gen !== generation || destroyed) return;
      store.setState({ status: 'error', error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
    if (gen !== generation || destroyed) return;
    const { segments, chapters, ...rest } = info;
    const first = segments[0];
    store.setState({ info: rest, segments, chapters, status: 'ready' });
    const start = first ? first.startedAt : (info.startedAt ?? 0);
    const wanted = store.getState().playhead;
    await seek(wanted > 0 ? wanted : start);
  }

  return {
    getState: store.getState,
    subscribe: store.subscribe,
    getInitialState: () => initial,
    load,
    setPlayhead,
    seek,
    destroy() {
      destroyed = true;
      generation++;
      if (retry !== undefined) clock.clearTimeout(retry);
      retry = undefined;
      pending = [];
    },
  };
}
