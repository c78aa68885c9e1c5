import type { JoinRoomResult, TIMLiveSell } from '@livesell/core';
import { useEffect, useState } from 'react';
import { type DemoIdentity, signIn, viewerIdentity } from '../services/identity';
import { createDemoLiveSell } from '../services/live-sell';

export type DemoRole = 'viewer' | 'host';

export type DemoRoomState =
  | { status: 'connecting' }
  | { status: 'ready'; liveSell: TIMLiveSell; me: DemoIdentity; joined: JoinRoomResult }
  | { status: 'error'; message: string };

/** Signs in (dev UserSig), creates the page's TIMLiveSell, joins the room; destroys it on unmount. */
export function useDemoRoom(roomID: string, role: DemoRole, who?: { userID?: string; nick?: string }): DemoRoomState {
  const [state, setState] = useState<DemoRoomState>({ status: 'connecting' });
  const userID = who?.userID;
  const nick = who?.nick;
  useEffect(() => {
    let disposed = false;
    let liveSell: TIMLiveSell | undefined;
    setState({ status: 'connecting' });
    (async () => {
      const me =
        role === 'host'
          ? await signIn(userID ?? 'host', nick ?? 'Lina · LiveSell')
          : await viewerIdentity({ userID, nick });
      if (disposed) return;
      liveSell = await createDemoLiveSell(roomID, me);
      const joined = await liveSell.joinRoom();
      if (!disposed) setState({ status: 'ready', liveSell, me, joined });
    })().catch((e: unknown) => {
      if (!disposed) setState({ status: 'error', message: e instanceof Error ? e.message : String(e) });
    });
    return () => {
      disposed = true;
      void liveSell?.destroy();
    };
  }, [roomID, role, userID, nick]);
  return state;
}
