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
import { type ReactNode, useEffect, useMemo, useReducer, useRef } from 'react';
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
  alive: boolean;
}

/**
 * Puts one live room in context for the components and hooks below it. No singletons: every
 * provider has its own store, so two rooms can share a page. A store the provider built is
 * destroyed when the provider unmounts or `liveSell` changes.
 */
export function LiveRoomProvider(props: LiveRoomProviderProps) {
  const { liveSell, store: given, storeOptions, autoJoin = false, children } = props;
  const owned = useRef<Owned | null>(null);
  const [, rebuilt] = useReducer((n: number) => n + 1, 0);

  if (!given) {
    if (!liveSell) throw new Error('LiveRoomProvider needs a `liveSell` client or a `store`.');
    const current = owned.current;
    if (!current || current.source !== liveSell || !current.alive) {
      owned.current = { source: liveSell, store: createRoomStore(liveSell, storeOptions), alive: true };
    }
  }
  const store = given ?? (owned.current as Owned).store;

  // storeOptions are read once per store: a new options object each render must not rebuild it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: storeOptions on purpose, see above
  useEffect(() => {
    if (given || !liveSell) return;
    let mine = owned.current as Owned;
    // React's StrictMode runs cleanup then this effect again on the same render: build anew.
    if (!mine.alive || mine.source !== liveSell) {
      mine = { source: liveSell, store: createRoomStore(liveSell, storeOptions), alive: true };
      owned.current = mine;
      rebuilt();
    }
    return () => {
      mine.alive = false;
      mine.store.destroy();
    };
  }, [given, liveSell]);

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
