import { useContext } from 'react';
import { LiveRoomContext, type LiveRoomContextValue } from '../LiveRoomProvider/room-context';

/** The nearest `LiveRoomProvider`'s store, client and clock. */
export function useRoomContext(): LiveRoomContextValue {
  const value = useContext(LiveRoomContext);
  if (!value) throw new Error('LiveSell components and hooks must be rendered inside <LiveRoomProvider>.');
  return value;
}
