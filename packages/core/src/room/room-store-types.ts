import type { Clock } from '../clock';
import type { JoinRoomResult, NetworkState, RemovedReason, TIMLiveSell, UserInfo } from '../live-sell/index';
import type { CommitScheduler } from './commit-scheduler';
import type { DanmakuRing } from './danmaku-ring';
import type { GiftCard } from './gift-cards';
import type { MerchantClient } from './merchant-client';
import type { MerchantCoupon, MerchantExplaining, MerchantGoods } from './merchant-types';
import type { PurchaseAnnouncement } from './merchant-wire';
import type { RoomNotice } from './room-notices';

/** What the store needs of a `TIMLiveSell` (tests pass a small fake with the same typing). */
export type RoomStoreSource = Pick<
  TIMLiveSell,
  'on' | 'userID' | 'role' | 'sendMessage' | 'like' | 'gift' | 'attention' | 'cancelAttention' | 'joinRoom'
>;

/** The item the host is explaining, from the `add_goods` field (see merchant-wire). */
export interface ExplainingItem {
  id: string;
  /** Per-room version from the merchant server; 0 for values from other backends. */
  version: number;
  title?: string;
  price?: number;
  image?: string;
  /** The raw `add_goods` value, as clients of the original component see it. */
  raw: string;
  since: number;
}

export interface CouponView {
  id: string;
  title: string;
  amount: number;
  threshold: number;
  stock: number;
  remaining: number;
  /** Server clock, ms: compare with `serverNow(state, clock)`. */
  expiresAt: number;
  claimed: boolean;
  /** When this client learnt of it (local clock). */
  receivedAt: number;
}

export type CouponStatus = 'available' | 'claimed' | 'sold-out' | 'expired';

export interface PurchaseNotice {
  key: string;
  orderID: string;
  userID: string;
  nick: string;
  avatar: string;
  goodsID: string;
  title: string;
  quantity: number;
  /** Announced by the merchant server: the purchase really happened. */
  verified: boolean;
  /** Purchases this notice stands for (a burst the server merged: "+12 bought"); 1 for one purchase. */
  merged: number;
  isSelf: boolean;
  time: number;
}

export type StoreDropReason =
  /** More danmaku in one commit than `maxRowsPerCommit` (the newest are kept). */
  | 'overflow'
  /** A message already shown (own message echoed, a repeated order or claim). */
  | 'duplicate'
  /** A payload the store cannot use (unknown coupon format, empty text …). */
  | 'invalid'
  /** An `add_goods` value older than the one shown. */
  | 'stale'
  /** A host-only announcement from a viewer. */
  | 'untrusted';

export interface RoomStoreStats {
  /** Events the store took in. After a commit, `received = shown + merged + dropped + pending`. */
  received: number;
  /** Became a row, card, notice or a state change on screen. */
  shown: number;
  /** Folded into something shown: like totals, gift combos, join bursts, repeated danmaku (×N). */
  merged: number;
  dropped: number;
  droppedByReason: Record<StoreDropReason, number>;
  /** Taken in but not committed yet. */
  pending: number;
  commits: number;
}

export interface RoomState {
  host: UserInfo | null;
  /** Whether this user follows the host. */
  following: boolean;
  viewerCount: number;
  notices: readonly RoomNotice[];
  announcement: string;
  /** The raw `room_status` value (`idle`/`live`/`paused`/`ended` …; see `parseRoomStatusField`). */
  roomStatus: string;
  likeTotal: number;
  danmaku: DanmakuRing;
  gifts: readonly GiftCard[];
  goods: readonly MerchantGoods[];
  explaining: ExplainingItem | null;
  coupons: readonly CouponView[];
  purchases: readonly PurchaseNotice[];
  /** `serverTime - localTime` in ms, learnt from the merchant server; 0 until known. */
  serverTimeOffset: number;
  network: NetworkState;
  kicked: boolean;
  /** This user's role in the room: host actions show for the owner and admins. */
  myRole: 'owner' | 'admin' | 'member';
  /** This user is muted until then (ms on this client's clock), from the mute tip or a refused send; `null` when not muted. */
  mutedUntil: number | null;
  /** The room's slow mode (seconds between two of a viewer's messages; 0 = off). */
  slowModeSeconds: number;
  /** Under slow mode, when this user may send again (ms on this client's clock); `null` when now. */
  nextSendAt: number | null;
  /** This user was removed from the room (`blocked`: and kept out); `null` while in it. */
  removed: null | { reason: RemovedReason };
  stats: RoomStoreStats;
}

export interface RoomStoreOptions {
  /** Commit scheduler: default rAF in browsers, a 50 ms timer in mini programs (100 ms while flooding). */
  schedule?: CommitScheduler;
  /** Time for combos, bursts and expiry (tests pass `createManualClock()`). */
  clock?: Clock;
  /** This user (default `liveSell.userID`). */
  userID?: string;
  /** Danmaku ring size. Default 50. */
  danmakuSlots?: number;
  /**
   * New danmaku rows per commit at most. Default 10 in browsers (≤ 10 rows a frame held 60 fps) and 6 in
   * a mini program (6 rows per 50 ms commit keep the p95 setData payload under 4 KB).
   */
  maxRowsPerCommit?: number;
  /** Danmaku text longer than this (characters) is cut. Default 200. */
  maxTextLength?: number;
  /** Identical danmaku from others within `mergeWindowMs` become one row ×N. Default true. */
  mergeDuplicates?: boolean;
  mergeWindowMs?: number;
  /** Joins (and follows) within this window become one notice. Default 3000. */
  noticeWindowMs?: number;
  maxNotices?: number;
  /** Show "left" notices too (default false: only the viewer count changes). */
  exitNotices?: boolean;
  /** Same sender + same gift within this window → ×N. Default 2000. */
  giftComboMs?: number;
  /** A gift card stays this long after its last gift. Default 4000. */
  giftCardMs?: number;
  /** Default 4. */
  maxGiftCards?: number;
  /** Default 5. */
  maxPurchases?: number;
  /** Default 10. */
  maxCoupons?: number;
  /**
   * The merchant API of this room: `join()` and the resync after a network drop read the shelf, the
   * explaining item, the open coupons (remaining stock, expiry) and the last purchases from it, so a
   * late joiner sees the whole room at once.
   */
  merchant?: {
    client: Pick<MerchantClient, 'listGoods' | 'listCoupons'> & Partial<Pick<MerchantClient, 'recentPurchases'>>;
    roomID: string;
  };
  /** A merchant read during `join()`/resync failed (the room still works; the next resync tries again). */
  onRestoreError?: (error: unknown) => void;
  /**
   * Optional state areas, e.g. `moderationState()` from `@livesell/core/moderation` (deleted rows,
   * muted/slow-mode/removed state, recent chat on join): kept out of the live-room import's budget.
   */
  extensions?: RoomStoreExtension[];
  /** Values known before any event (from the app's backend). */
  initial?: Partial<Pick<RoomState, 'following' | 'likeTotal' | 'viewerCount' | 'host' | 'goods'>>;
}

export interface RoomActions {
  /**
   * Joins the room and restores all of it: host, announcement, room status, like total, explaining item
   * and viewers from IM; shelf, open coupons and the last purchases from `options.merchant`.
   */
  join(): ReturnType<RoomStoreSource['joinRoom']>;
  /** Reads the merchant side of the room again (done by `join()` and after a resync). */
  restore(): Promise<void>;
  /** The last purchases, e.g. from `merchant.recentPurchases()`; each order is shown once. */
  setPurchases(list: readonly PurchaseAnnouncement[]): void;
  /** Sends a danmaku and shows it at once from the result (exactly once). Rejects with `LiveSellError`. */
  sendMessage(text: string): ReturnType<RoomStoreSource['sendMessage']>;
  /** One like tap; the total rises through the local LIKE event. */
  like(extension?: string): ReturnType<RoomStoreSource['like']>;
  gift(extension?: string): ReturnType<RoomStoreSource['gift']>;
  follow(): ReturnType<RoomStoreSource['attention']>;
  unfollow(): ReturnType<RoomStoreSource['cancelAttention']>;
  /** The shelf from the merchant API; `serverTime` (from the response) sets the clock offset. */
  setGoods(
    goods: readonly MerchantGoods[],
    extra?: { explaining?: MerchantExplaining | null; serverTime?: number },
  ): void;
  /** Coupons from the merchant API (`claimed` when the request was authenticated). */
  setCoupons(coupons: readonly MerchantCoupon[], serverTime?: number): void;
  /** After a successful claim through the app's handler. */
  markCouponClaimed(couponID: string, remaining?: number): void;
  setViewerCount(count: number): void;
  setFollowing(following: boolean): void;
  /** Records a server time sample (e.g. the merchant API's `serverTime`). */
  syncServerTime(serverTime: number): void;
}

export interface RoomStore {
  getState(): RoomState;
  /**
   * Calls `listener` after each commit. The store listens to the client only while it has a
   * subscriber: the first subscription attaches it, the last unsubscription detaches it, and
   * building a store attaches nothing. Subscribe before `actions.join()` to see every event.
   */
  subscribe(listener: (state: RoomState, previous: RoomState) => void): () => void;
  /**
   * The state the store was built with (from `options.initial`), never changed by commits. Framework
   * bindings use it as the server-render snapshot (zustand's `useStore`, `useSyncExternalStore`).
   */
  getInitialState(): RoomState;
  actions: RoomActions;
  /** Commits what is pending now (instead of waiting for the scheduler). */
  flush(): void;
  /** Detaches from the live-sell client for good and cancels timers. Idempotent. */
  destroy(): void;
}

/** What a store extension gets: the state, the accounting and the danmaku pipeline. */
export interface RoomStoreExtensionContext {
  liveSell: RoomStoreSource;
  clock: Clock;
  /** A state value, including what is pending for the next commit. */
  read<K extends keyof RoomState>(key: K): RoomState[K];
  /** Sets a state value for the next commit (a `danmaku` ring set here is the commit's base). */
  set<K extends keyof RoomState>(key: K, value: RoomState[K]): void;
  /** Marks a message ID as shown; false when it already was (so it is not shown again). */
  seen(id: string): boolean;
  /** Forgets the pending (not yet committed) row of message `id`. */
  unpend(id: string): void;
}

export interface RoomStoreExtensionHooks {
  /** Subscribes to the client when the store attaches; returns the removers. */
  attach(): Array<() => void>;
  /** After `join()` joined and applied the room. */
  joined?(result: JoinRoomResult): Promise<unknown> | undefined;
  /** After this user's `sendMessage` resolved (no error) or rejected. */
  sent?(error?: unknown): void;
}

export type RoomStoreExtension = (context: RoomStoreExtensionContext) => RoomStoreExtensionHooks;
