import { TIMLiveSell } from '@livesell/core';
import { useEffect, useState } from 'react';
import { createFloodTIM, type FloodTimInstance } from './flood-tim';

export const FLOOD_ROOM = { roomID: '@TGS#flood-bench', hostID: 'flood_host', hostNick: 'Flood host' };

export interface FloodSession {
  liveSell: TIMLiveSell;
  /** The simulated SDK instance the flood is delivered through. */
  tim: FloodTimInstance;
}

/**
 * A real `TIMLiveSell` over the simulated TIM layer (see flood-tim), made on mount and destroyed
 * on unmount. `null` until the effect ran.
 */
export function useFloodSession(): FloodSession | null {
  const [session, setSession] = useState<FloodSession | null>(null);
  useEffect(() => {
    const TIM = createFloodTIM(FLOOD_ROOM);
    const liveSell = new TIMLiveSell({
      SDKAppID: 1,
      roomID: FLOOD_ROOM.roomID,
      userSig: 'simulated',
      userName: 'bench_viewer',
      nick: 'Bench viewer',
      TIM,
    });
    const tim = TIM.instance;
    if (tim) setSession({ liveSell, tim });
    return () => {
      void liveSell.destroy();
    };
  }, []);
  return session;
}
