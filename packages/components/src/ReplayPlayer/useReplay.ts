import type { ReplayState } from '@livesell/core/replay';
import { useContext } from 'react';
import { useStore } from 'zustand';
import { ReplayContext, type ReplayContextValue } from './replay-context';

/** The nearest `ReplayProvider`: its store, `seekTo`, and the speed. */
export function useReplayContext(): ReplayContextValue {
  const value = useContext(ReplayContext);
  if (!value) throw new Error('Replay components and hooks must be rendered inside <ReplayProvider>.');
  return value;
}

/** A slice of the replay state (`useReplay((s) => s.chapters)`); re-renders when it changes. */
export function useReplay<T>(selector: (state: ReplayState) => T): T {
  return useStore(useReplayContext().store, selector);
}
