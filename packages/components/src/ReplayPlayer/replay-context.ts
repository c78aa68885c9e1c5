import type { ReplayStore } from '@livesell/core/replay';
import { createContext } from 'react';
import type { ReplayRoomStore } from './room-adapter';

/** A position the player is asked to show: segment index and seconds into it. */
export interface ReplayTarget {
  segment: number;
  offset: number;
  /** Changes on every request, so seeking twice to one place still seeks. */
  nonce: number;
}

export interface ReplayContextValue {
  store: ReplayStore;
  /** The replay as a live-room store (for `DanmakuList`, `ExplainingCard` …). */
  room: ReplayRoomStore;
  /** Seeks the video and the timeline to a server time (a chapter's `at`). */
  seekTo(serverMs: number): void;
  target: ReplayTarget;
  rate: number;
  setRate(rate: number): void;
}

export const ReplayContext = createContext<ReplayContextValue | null>(null);
