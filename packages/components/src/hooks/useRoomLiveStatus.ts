import { type Clock, createLiveStatusMachine, type LiveStatusCode } from '@livesell/core';
import { useEffect, useState } from 'react';
import { useRoom } from './useRoom';
import { useRoomContext } from './useRoomContext';

/**
 * The room's live status (101–107) from the IM `room_status` field, run through the live-status
 * machine so its time rules apply (an abnormal room ends after 15 minutes). `reported` merges a code
 * from WeChat's `getLiveStatus` when the room is also a live-player-plugin room.
 */
export function useRoomLiveStatus(options: { reported?: number; clock?: Clock } = {}): LiveStatusCode | null {
  const { clock: contextClock } = useRoomContext();
  const clock = options.clock ?? contextClock;
  const roomStatus = useRoom((s) => s.roomStatus);
  const [machine] = useState(() => createLiveStatusMachine({ clock }));
  const [status, setStatus] = useState<LiveStatusCode | null>(() => machine.getState().status);
  useEffect(() => {
    const off = machine.on((_event, state) => setStatus(state.status));
    return () => {
      off();
      machine.destroy();
    };
  }, [machine]);
  useEffect(() => {
    if (roomStatus) machine.setRoomStatus(roomStatus);
  }, [machine, roomStatus]);
  useEffect(() => {
    if (options.reported !== undefined) machine.report(options.reported);
  }, [machine, options.reported]);
  return status;
}
