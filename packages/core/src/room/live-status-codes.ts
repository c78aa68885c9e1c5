/**
 * WeChat live-player-plugin live status codes (`getLiveStatus`, `getliveinfo` `live_status`) and the
 * values of the IM `room_status` group custom field that the kit maps onto them.
 */
export const LIVE_STATUS = {
  LIVE: 101,
  NOT_STARTED: 102,
  ENDED: 103,
  BANNED: 104,
  PAUSED: 105,
  ABNORMAL: 106,
  EXPIRED: 107,
} as const;

export type LiveStatusCode = (typeof LIVE_STATUS)[keyof typeof LIVE_STATUS];

/** A stable name per code, used as `data-state` by components and in logs. */
export type LiveStatusName = 'live' | 'not-started' | 'ended' | 'banned' | 'paused' | 'abnormal' | 'expired';

export const LIVE_STATUS_NAME: Readonly<Record<LiveStatusCode, LiveStatusName>> = {
  101: 'live',
  102: 'not-started',
  103: 'ended',
  104: 'banned',
  105: 'paused',
  106: 'abnormal',
  107: 'expired',
};

export function isLiveStatusCode(value: unknown): value is LiveStatusCode {
  return typeof value === 'number' && Number.isInteger(value) && value >= 101 && value <= 107;
}

/**
 * An abnormal (106) room that has not recovered after 15 minutes is ended (103) — WeChat's rule.
 */
export const ABNORMAL_TIMEOUT_MS = 15 * 60 * 1000;

/**
 * What the host side writes into the IM `room_status` group custom field (AVChatRooms have no
 * member custom fields, so this is a group field, set by the host through
 * `TIMLiveSell#setRoomStatus`, by the host's backend or by the server). One status then drives the UI:
 * - `live` (alias `online`): the host is pushing → 101
 * - `paused`: the host paused the stream → 105
 * - `offline`: the host dropped out unexpectedly → 106 when the room was live or paused (it ends,
 *   103, unless the host is back within 15 minutes); a room that never started stays 102
 * - `idle`: the host is not pushing and has not ended → 102 before the room first went live, 105 after
 * - `ended`: the host ended the show → 103
 *
 * A backend that mirrors WeChat's own status into IM may also write the code itself (`"101"` …
 * `"107"`); that is treated like a WeChat report, pushed to viewers instead of polled.
 */
export const ROOM_STATUS = {
  IDLE: 'idle',
  LIVE: 'live',
  PAUSED: 'paused',
  OFFLINE: 'offline',
  ENDED: 'ended',
} as const;

export type HostStatus = (typeof ROOM_STATUS)[keyof typeof ROOM_STATUS];

export type RoomStatusField = { kind: 'host'; host: HostStatus } | { kind: 'code'; code: LiveStatusCode };

const HOST_ALIASES: Readonly<Record<string, HostStatus>> = { online: 'live' };
const HOST_STATUSES: ReadonlySet<string> = new Set(Object.values(ROOM_STATUS));

/** Reads a `room_status` field value; `undefined` for anything the kit does not understand. */
export function parseRoomStatusField(raw: unknown): RoomStatusField | undefined {
  if (typeof raw !== 'string' || raw.length > 32) return undefined;
  const value = raw.trim().toLowerCase();
  if (HOST_STATUSES.has(value)) return { kind: 'host', host: value as HostStatus };
  const alias = HOST_ALIASES[value];
  if (alias) return { kind: 'host', host: alias };
  if (/^10[1-7]$/.test(value)) return { kind: 'code', code: Number(value) as LiveStatusCode };
  return undefined;
}
