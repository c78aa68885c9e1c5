import type { TIMLiveSell } from '@livesell/core';
import { useRoomContext } from './useRoomContext';

/** The provider's `TIMLiveSell` (for host calls such as `setNotification` or `pushGoods`). */
export function useLiveSell(): TIMLiveSell {
  const { liveSell } = useRoomContext();
  if (!liveSell) throw new Error('useLiveSell: this LiveRoomProvider was given a store but no `liveSell`.');
  return liveSell;
}
