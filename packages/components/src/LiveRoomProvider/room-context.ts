import type { Clock, RoomStore, TIMLiveSell } from '@livesell/core';
import { createContext } from 'react';

export interface LiveRoomContextValue {
  store: RoomStore;
  /** The client the store listens to, when the provider was given one. */
  liveSell: TIMLiveSell | undefined;
  /** Time for countdowns and animations (the store's clock when the provider made the store). */
  clock: Clock;
}

export const LiveRoomContext = createContext<LiveRoomContextValue | null>(null);
