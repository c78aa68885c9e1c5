import {
  type Clock,
  createRoomStore,
  type JoinRoomResult,
  LiveSellError,
  type RoomStore,
  type RoomStoreOptions,
  systemClock,
  type TIMLiveSell,
} from '@livesell/core';
import { type ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { LiveRoomContext, type LiveRoomContextValue } from './room-context';

export interface LiveRoomProviderProps {
  /** The room's client. The provider builds a room store over it unless `store` is given. */
  liveSell?: TIMLiveSell;
  /** A store made by the app (`createRoomStore(liveSell, options)`); the provider never destroys it. */
  store?: RoomStore;
  /** Options for the store the provider builds (read when it builds one). */
  storeOptions?: RoomStoreOptions;
  /** Time for countdowns and hearts. Default: `storeOptions.clock`, else the system clock. */
  clock?: Clock;
  /** Join the room when the store is ready (`store.actions.join()`). Default false. */
  autoJoin?: boolean;
  onJoin?: (result: JoinRoomResult) => void;
  /** A failed auto-join. */
  onError?: (error: LiveSellError) => void;
  children?: ReactNode;
}

interface Owned {
  source: TIMLiveSell;
  store: RoomStore;
}

/**
 * Puts one live room in context for the components and hooks below it. No singletons: every
 * provider has its own store, so two rooms can share a page.
 *
 * Building a store has no side effect (`createRoomStore` attaches to the client on its first
 * subscriber), so the provider builds it in state and a discarded or doubled render (StrictMode,
 * concurrent rendering) leaves nothing behind. The provider holds one subscription while mounted:
 * the store listens to the client exactly while the provider is mounted, and not after.
 */
export function LiveRoomProvider(props: LiveRoomProviderProps) {
  const { liveSell, store: given, storeOptions, autoJoin = false, children } = props;
  if (!given && !liveSell) throw new Error('LiveRoomProvider needs a `liveSell` client or a `store`.');

  const build = (source: TIMLiveSell): Owned => ({ source, store: createRoomStore(source, storeOptions) });
  const [owned, setOwned] = useState<Owned | null>(() => (given || !liveSell ? null : build(liveSell)));
  let current = owned;
  if (!given && liveSell && current?.source !== liveSell) {
    // A new client (or a store given before and not now): a new store, set during render as React
    // recommends for state derived from props; the old one detaches when its subscribers leave.
    current = build(liveSell);
    setOwned(current);
  }
  const store = given ?? (current as Owned).store;

  useEffect(() => store.subscribe(() => {}), [store]);

  const latest = useRef(props);
  latest.current = props;
  useEffect(() => {
    if (!autoJoin) return;
    let live = true;
    store.actions.join().then(
      (result) => {
        if (live) latest.current.onJoin?.(result);
      },
      (error: unknown) => {
        if (!live) return;
        const e =
          error instanceof LiveSellError ? error : new LiveSellError('JOIN_FAILED', String(error), { cause: error });
        latest.current.onError?.(e);
      },
    );
    return () => {
      live = false;
    };
  }, [autoJoin, store]);

  const clock = props.clock ?? storeOptions?.clock ?? systemClock;
  const value = useMemo<LiveRoomContextValue>(() => ({ store, liveSell, clock }), [store, liveSell, clock]);
  return <LiveRoomContext.Provider value={value}>{children}</LiveRoomContext.Provider>;
}
