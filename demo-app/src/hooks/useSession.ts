import { useEffect, useState } from 'react';
import { type DemoRole, type DemoSession, openSession } from '../services/session';

export type SessionState =
  | { status: 'connecting' }
  | { status: 'ready'; session: DemoSession }
  | { status: 'error'; message: string };

/** One session per page visit; the page's `TIMLiveSell` is destroyed when the page goes away. */
export function useSession(roomID: string, role: DemoRole, who: { userID?: string; nick?: string } = {}): SessionState {
  const [state, setState] = useState<SessionState>({ status: 'connecting' });
  const { userID, nick } = who;
  useEffect(() => {
    let disposed = false;
    let session: DemoSession | undefined;
    setState({ status: 'connecting' });
    openSession(roomID, role, { userID, nick })
      .then((s) => {
        session = s;
        if (disposed) void s.liveSell.destroy();
        else setState({ status: 'ready', session: s });
      })
      .catch((e: unknown) => {
        if (!disposed) setState({ status: 'error', message: e instanceof Error ? e.message : String(e) });
      });
    return () => {
      disposed = true;
      void session?.liveSell.destroy();
    };
  }, [roomID, role, userID, nick]);
  return state;
}
