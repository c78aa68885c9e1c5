import type { RoomActions, RoomState, RoomStore } from '@livesell/core';
import { useRef } from 'react';
import { useStore } from 'zustand';
import { useRoomContext } from './useRoomContext';

const NONE: unique symbol = Symbol('none');

/**
 * A slice of the room state through zustand's own React binding; the component re-renders only
 * when the slice changes (`Object.is`, or `isEqual` for selectors that build new objects). Select
 * narrowly: `useRoom((s) => s.likeTotal)`.
 */
export function useRoom<T>(selector: (state: RoomState) => T, isEqual: (a: T, b: T) => boolean = Object.is): T {
  const { store } = useRoomContext();
  // Keeps the previous selection when `isEqual` says it is unchanged (the pattern of zustand's
  // useShallow), and selects once per state and selector.
  const last = useRef<{ state: RoomState | typeof NONE; selector: unknown; value: T | typeof NONE }>({
    state: NONE,
    selector: NONE,
    value: NONE,
  });
  return useStore(store, (state) => {
    const prev = last.current;
    if (prev.value !== NONE && prev.state === state && prev.selector === selector) return prev.value;
    const next = selector(state);
    const value = prev.value !== NONE && isEqual(prev.value, next) ? prev.value : next;
    last.current = { state, selector, value };
    return value;
  });
}

export function useRoomStore(): RoomStore {
  return useRoomContext().store;
}

/** `join`, `sendMessage`, `like`, `gift`, `follow`, `setGoods`, `setCoupons` … of the room store. */
export function useRoomActions(): RoomActions {
  return useRoomContext().store.actions;
}
