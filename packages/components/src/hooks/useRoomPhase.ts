import { type RoomPhase, roomPhase } from '@livesell/core';
import { useCallback, useContext, useSyncExternalStore } from 'react';
import { LiveRoomContext } from '../LiveRoomProvider/room-context';

const noSubscription = () => () => {};

/**
 * The room's lifecycle phase (`idle → live ⇄ paused → ended`) from the store's `roomStatus`, the same
 * mapping the server uses to close commerce. `undefined` outside a `LiveRoomProvider`, so components
 * that also work on their own (the player, a goods card) can follow the room when there is one.
 */
export function useOptionalRoomPhase(): RoomPhase | undefined {
  const context = useContext(LiveRoomContext);
  const store = context?.store;
  const subscribe = useCallback((notify: () => void) => (store ? store.subscribe(notify) : noSubscription()), [store]);
  const get = () => (store ? store.getState().roomStatus : undefined);
  const raw = useSyncExternalStore(subscribe, get, get);
  return raw === undefined ? undefined : roomPhase(raw);
}

/** The room's lifecycle phase; inside a `LiveRoomProvider`. */
export function useRoomPhase(): RoomPhase {
  const phase = useOptionalRoomPhase();
  if (phase === undefined) throw new Error('useRoomPhase must be used inside <LiveRoomProvider>.');
  return phase;
}
