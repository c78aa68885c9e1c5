import {
  LiveSellError,
  type MerchantGoods,
  type RoomActions,
  type RoomState,
  type RoomStore,
  roomPhase,
} from '@livesell/core';
import type { ReplayState, ReplayStore } from '@livesell/core/replay';

const STATS: RoomState['stats'] = {
  received: 0,
  shown: 0,
  merged: 0,
  dropped: 0,
  droppedByReason: { overflow: 0, duplicate: 0, invalid: 0, stale: 0, untrusted: 0 },
  pending: 0,
  commits: 0,
};

const notInReplay = (what: string) => () =>
  Promise.reject(new LiveSellError('NOT_SUPPORTED', `${what} is not possible in a replay`));

export interface ReplayRoomStore extends RoomStore {
  /** The shelf shown with the replay (goods still on sale). */
  setGoods(goods: readonly MerchantGoods[]): void;
}

/**
 * The replay seen as a live room store, so `DanmakuList`, `GiftCards`, `PurchaseTicker`,
 * `ExplainingCard` and `GoodsShelf` render it unchanged. Its room status is the status at the
 * playhead while the merchant sells on the replay (buy buttons on), else `ended` (buy buttons say
 * the show has ended). Sending, liking and following are refused: the show is over.
 */
export function replayRoomStore(replay: ReplayStore): ReplayRoomStore {
  let goods: readonly MerchantGoods[] = [];
  const listeners = new Set<(state: RoomState, previous: RoomState) => void>();
  let lastSource: ReplayState | null = null;
  let lastGoods = goods;
  let lastState: RoomState | null = null;

  /** Whether the replay changed anything a room component shows (not just the playhead or stats). */
  const sameRoom = (a: ReplayState, b: ReplayState) =>
    a.danmaku === b.danmaku &&
    a.gifts === b.gifts &&
    a.purchases === b.purchases &&
    a.explaining === b.explaining &&
    a.likeTotal === b.likeTotal &&
    a.roomStatus === b.roomStatus &&
    a.announcement === b.announcement &&
    a.info === b.info;

  function map(s: ReplayState): RoomState {
    if (lastState && lastSource && lastGoods === goods && (lastSource === s || sameRoom(lastSource, s))) {
      lastSource = s;
      return lastState;
    }
    const status = s.roomStatus && roomPhase(s.roomStatus) !== 'ended' ? s.roomStatus : 'live';
    const previous = lastState;
    const state: RoomState = {
      host: s.info?.ownerID ? { userID: s.info.ownerID, nick: s.info.ownerID, avatar: '' } : null,
      following: false,
      viewerCount: 0,
      notices: previous?.notices ?? [],
      announcement: s.announcement,
      roomStatus: s.info?.sellOnReplay ? status : 'ended',
      likeTotal: s.likeTotal,
      danmaku: s.danmaku,
      gifts: s.gifts,
      goods,
      explaining: s.explaining,
      coupons: previous?.coupons ?? [],
      purchases: s.purchases,
      serverTimeOffset: 0,
      network: 'connected',
      kicked: false,
      // Nobody moderates a replay: a viewer is a member, never muted, slowed or removed.
      myRole: 'member',
      mutedUntil: null,
      slowModeSeconds: 0,
      nextSendAt: null,
      removed: null,
      stats: STATS,
    };
    // Keep slices that did not change identical, so narrow selectors do not re-render.
    if (previous) {
      if (previous.host && state.host && previous.host.userID === state.host.userID) state.host = previous.host;
    }
    lastSource = s;
    lastGoods = goods;
    lastState = state;
    return state;
  }

  let unsubscribe: (() => void) | undefined;
  let current = map(replay.getState());
  const initial = current;
  const emit = () => {
    const previous = current;
    current = map(replay.getState());
    if (current === previous) return;
    for (const l of Array.from(listeners)) l(current, previous);
  };

  const actions: RoomActions = {
    join: notInReplay('Joining') as RoomActions['join'],
    restore: () => Promise.resolve(),
    setPurchases: () => {},
    sendMessage: notInReplay('Chatting') as RoomActions['sendMessage'],
    like: notInReplay('Liking') as RoomActions['like'],
    gift: notInReplay('Sending a gift') as RoomActions['gift'],
    follow: notInReplay('Following') as RoomActions['follow'],
    unfollow: notInReplay('Unfollowing') as RoomActions['unfollow'],
    setGoods: (list) => {
      goods = list;
      emit();
    },
    setCoupons: () => {},
    markCouponClaimed: () => {},
    setViewerCount: () => {},
    setFollowing: () => {},
    syncServerTime: () => {},
  };

  return {
    getState: () => {
      current = map(replay.getState());
      return current;
    },
    getInitialState: () => initial,
    subscribe(listener) {
      listeners.add(listener);
      unsubscribe ??= replay.subscribe(emit);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && unsubscribe) {
          unsubscribe();
          unsubscribe = undefined;
        }
      };
    },
    actions,
    flush: () => {},
    destroy: () => {
      listeners.clear();
      unsubscribe?.();
      unsubscribe = undefined;
    },
    setGoods: (list) => actions.setGoods(list),
  };
}
