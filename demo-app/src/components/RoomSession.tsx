import { LiveRoomProvider } from '@livesell/components';
import type { LiveSellError } from '@livesell/core';
import { moderationState } from '@livesell/core/moderation';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { type ReactNode, useState } from 'react';
import { useSession } from '../hooks/useSession';
import type { DemoSession } from '../services/session';

interface RoomSessionProps {
  kind: 'viewer' | 'host';
  /** The page's root class, kept while connecting so the page is styled from the first paint. */
  className: string;
  /** `joinFailure`: the error that refused the join (a viewer blocked from the show …), for the page to explain. */
  children: (session: DemoSession, joinError: string, joinFailure: LiveSellError | null) => ReactNode;
}

/**
 * A page parameter as it was meant: Taro's H5 hash router and WeChat both hand over query values
 * still percent-encoded ("Viewer%20A"), so they are decoded once here (a value that is not valid
 * percent-encoding is kept as it is). Build links with `encodeURIComponent`, never `+` for a space.
 */
export function param(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Moderation state in the store: deleted rows, mute, slow mode, removal, role, recent chat on join. */
const STORE_EXTENSIONS = [moderationState()];

/**
 * What the viewer room and the host console share: the room from the URL, a session for it, a
 * "Connecting…" state until it is ready, then a room provider that joins and restores the room
 * (shelf, open coupons, last purchases) from the merchant API on join and every resync.
 */
export function RoomSession({ kind, className, children }: RoomSessionProps) {
  const { params } = useRouter();
  const roomID = param(params.roomID) || 'demo-room';
  const state = useSession(roomID, kind, { userID: param(params.userID), nick: param(params.nick) });
  const [joinError, setJoinError] = useState('');
  const [joinFailure, setJoinFailure] = useState<LiveSellError | null>(null);
  if (state.status !== 'ready') {
    return (
      <View className={className} data-state={state.status}>
        <Text className="demo-status">{state.status === 'error' ? state.message : 'Connecting…'}</Text>
      </View>
    );
  }
  return (
    <LiveRoomProvider
      liveSell={state.session.liveSell}
      storeOptions={{ merchant: { client: state.session.shop, roomID }, extensions: STORE_EXTENSIONS }}
      autoJoin
      onError={(e) => {
        setJoinError(e.message);
        setJoinFailure(e);
      }}
    >
      {children(state.session, joinError, joinFailure)}
    </LiveRoomProvider>
  );
}
