import type { RoomActions, RoomState, RoomStore } from '@livesell/core';
import { useRef, useSyncExternalStore } from 'react';
import { useRoomContext } from './useRoomContext';

interface Selection<T> {
  state: RoomState;
  selector: (state: RoomState) => T;
  value: T;
}

/**
 * A slice of the room state; the component re-renders only when the slice changes (`Object.is`,
 * or `isEqual` for selectors that build new objects). Select narrowly: `useRoom((s) => s.likeTotal)`.
 */
export function useRoom<T>(selector: (state: RoomState) => T, isEqual: (a: T, b: T) => boolean = Object.is): T {
  const { store } = useRoomContext();
  const last = useRef<Selection<T> | null>(null);
  const getSnapshot = (): T => {
    const state = store.getState();
    const prev = last.current;
    if (prev && prev.state === state && prev.selector === selector) return prev.value;
    const value = selector(state);
    const kept = prev && isEqual(prev.value, value) ? prev.value : value;
    last.current = { state, selector, value: kept };
    return kept;
  };
  return useSyncExternalStore(store.subscribe, getSnapshot, getSnapshot);
}

export function useRoomStore(): RoomStore {
  return useRoomContext().store;
}

/** `join`, `sendMessage`, `like`, `gift`, `follow`, `setGoods`, `setCoupons` … of the room store. */
export function useRoomActions(): RoomActions {
  return useRoomContext().store.actions;
}
