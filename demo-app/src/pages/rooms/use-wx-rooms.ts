import { effectiveLiveStatus, type LiveStatusCode } from '@livesell/core';
import { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../../services/http';

/** A room as WeChat's getliveinfo lists it; `group_id` is the local server's link to the IM room. */
export interface DemoRoom {
  roomid: number;
  name: string;
  anchor_name: string;
  anchor_img?: string;
  live_status: number;
  end_time: number;
  group_id?: string;
  /** `live_status` with the kit's rules applied (an expired 102 is 107). */
  status: LiveStatusCode | null;
  /** Recorded segments of the room (from the local server's `/v4/rooms`): > 0 offers "Watch replay". */
  replayCount: number;
}

interface GetLiveInfoResponse {
  errcode: number;
  errmsg?: string;
  room_info?: Array<Omit<DemoRoom, 'status' | 'replayCount'>>;
}

interface ServerRoomsResponse {
  rooms?: Array<{ groupID?: unknown; replayCount?: unknown }>;
}

/** groupID → recorded segments, from the room list of the local server (the IM side of the rooms). */
async function replayCounts(): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  try {
    const res = await api<ServerRoomsResponse>('/v4/rooms?limit=200');
    for (const r of res.rooms ?? []) {
      const n = r.replayCount;
      if (typeof r.groupID === 'string' && typeof n === 'number' && Number.isSafeInteger(n) && n > 0) {
        counts.set(r.groupID, n);
      }
    }
  } catch {
    // Without the counts the list still shows; it just offers no replays.
  }
  return counts;
}

export type RoomsState =
  | { status: 'loading' }
  | { status: 'ready'; rooms: DemoRoom[] }
  | { status: 'error'; message: string };

/**
 * The room list in WeChat's getliveinfo shape. In production your backend calls WeChat with
 * `createWxLiveClient` (the access token is a server secret) and the page asks your backend; the
 * demo's local server plays both parts and answers getliveinfo from its own rooms.
 */
export async function fetchRooms(): Promise<DemoRoom[]> {
  const [res, counts] = await Promise.all([
    api<GetLiveInfoResponse>('/wxa/business/getliveinfo?access_token=demo', {
      method: 'POST',
      body: { start: 0, limit: 100 },
    }),
    replayCounts(),
  ]);
  // errcode 1: no live room created yet.
  if (res.errcode === 1) return [];
  if (res.errcode !== 0) throw new Error(`getliveinfo failed: ${res.errcode} ${res.errmsg ?? ''}`);
  const now = Date.now();
  return (res.room_info ?? [])
    .filter((r) => Number.isSafeInteger(r.roomid) && typeof r.name === 'string')
    .map((r) => ({
      ...r,
      status: effectiveLiveStatus(r.live_status, r.end_time * 1000, now),
      replayCount: (r.group_id && counts.get(r.group_id)) || 0,
    }));
}

/** Loads the list and reloads it whenever the page shows again (e.g. back from a room). */
export function useRooms(): RoomsState {
  const [state, setState] = useState<RoomsState>({ status: 'loading' });
  const alive = useRef(true);
  const load = useCallback(() => {
    fetchRooms().then(
      (rooms) => alive.current && setState({ status: 'ready', rooms }),
      (e: unknown) =>
        alive.current && setState({ status: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
  }, []);
  useEffect(() => {
    alive.current = true;
    load();
    return () => {
      alive.current = false;
    };
  }, [load]);
  useDidShow(load);
  return state;
}
