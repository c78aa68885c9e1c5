import { type Clock, LiveSellError, type MerchantClient, systemClock } from '@livesell/core';
import {
  createReplayClient,
  createReplayStore,
  positionAt,
  type ReplayFetch,
  type ReplayStore,
  type ReplayStoreOptions,
} from '@livesell/core/replay';
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { LiveRoomContext, type LiveRoomContextValue } from '../LiveRoomProvider/room-context';
import { ReplayContext, type ReplayContextValue, type ReplayTarget } from './replay-context';
import { type ReplayRoomStore, replayRoomStore } from './room-adapter';

export interface ReplayProviderProps {
  /** A store made by the app (`createReplayStore`); the provider never destroys it. */
  store?: ReplayStore;
  /** Or: where the merchant API is and which room — the provider builds the client and store. */
  baseUrl?: string;
  roomID?: string;
  /** `fetch` for the replay client (in a mini program: an adapter over `Taro.request`). */
  fetch?: ReplayFetch;
  storeOptions?: Omit<ReplayStoreOptions, 'client'>;
  /** The shelf for buying from the replay (goods still on sale), read once the replay is loaded. */
  merchant?: Pick<MerchantClient, 'listGoods'>;
  clock?: Clock;
  /** Load the replay on mount. Default true. */
  autoLoad?: boolean;
  /** The speed to start at. Default 1. */
  defaultRate?: number;
  onError?: (error: LiveSellError) => void;
  children?: ReactNode;
}

/**
 * Puts one replay in context: the replay store (timeline at the playhead), the player's seek and
 * speed, and the same replay as a live-room store, so the live room's `DanmakuList`,
 * `ExplainingCard`, `GiftCards`, `PurchaseTicker` and `GoodsShelf` replay in sync inside it.
 */
export function ReplayProvider(props: ReplayProviderProps) {
  const { autoLoad = true, children } = props;
  const [owned] = useState<ReplayStore | null>(() => {
    if (props.store) return null;
    if (!props.baseUrl || !props.roomID) throw new Error('ReplayProvider needs a `store`, or `baseUrl` and `roomID`.');
    const client = createReplayClient({ baseUrl: props.baseUrl, roomID: props.roomID, fetch: props.fetch });
    return createReplayStore({ clock: props.clock, ...props.storeOptions, client });
  });
  const store = props.store ?? (owned as ReplayStore);
  const room = useMemo<ReplayRoomStore>(() => replayRoomStore(store), [store]);
  const [target, setTarget] = useState<ReplayTarget>({ segment: 0, offset: 0, nonce: 0 });
  const [rate, setRate] = useState(props.defaultRate ?? 1);
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => room.subscribe(() => {}), [room]);

  useEffect(() => {
    if (!autoLoad) return;
    let live = true;
    const report = (error: unknown) => {
      if (!live) return;
      latest.current.onError?.(
        error instanceof LiveSellError ? error : new LiveSellError('REMOTE', String(error), { cause: error }),
      );
    };
    store.load().then(() => {
      const merchant = latest.current.merchant;
      const roomID = store.getState().info?.roomID;
      if (!live || !merchant || !roomID) return;
      merchant.listGoods(roomID).then((res) => {
        if (live) room.setGoods(res.goods);
      }, report);
    }, report);
    return () => {
      live = false;
    };
  }, [autoLoad, store, room]);

  // A store the provider made stops its timers and requests on unmount, loaded automatically or
  // not; a remount (StrictMode) loads it again.
  useEffect(() => () => owned?.destroy(), [owned]);

  const seekTo = useCallback(
    (serverMs: number) => {
      const position = positionAt(store.getState().segments, serverMs);
      if (position) setTarget((t) => ({ segment: position.segment, offset: position.offset, nonce: t.nonce + 1 }));
      void store.seek(serverMs);
    },
    [store],
  );

  const clock = props.clock ?? props.storeOptions?.clock ?? systemClock;
  const value = useMemo<ReplayContextValue>(
    () => ({ store, room, seekTo, target, rate, setRate }),
    [store, room, seekTo, target, rate],
  );
  const roomValue = useMemo<LiveRoomContextValue>(() => ({ store: room, liveSell: undefined, clock }), [room, clock]);
  return (
    <ReplayContext.Provider value={value}>
      <LiveRoomContext.Provider value={roomValue}>{children}</LiveRoomContext.Provider>
    </ReplayContext.Provider>
  );
}
