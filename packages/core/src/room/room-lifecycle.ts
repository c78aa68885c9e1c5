import { LIVE_STATUS, type LiveStatusCode, parseRoomStatusField } from './live-status-codes';

/**
 * The one lifecycle a live room goes through, which every client and the server converge on:
 *
 * ```
 * idle ──▶ live ⇄ paused ──▶ ended
 * ```
 *
 * It is read from the IM `room_status` group custom field (what `liveSell.setRoomStatus()` writes),
 * and from WeChat's live status codes, which map onto it: 101 → live, 102 → idle, 105 and 106 →
 * paused (106: the host dropped out and may come back), 103, 104 and 107 → ended.
 */
export type RoomPhase = 'idle' | 'live' | 'paused' | 'ended';

export const ROOM_PHASES: readonly RoomPhase[] = ['idle', 'live', 'paused', 'ended'];

/** The phase of one of WeChat's live status codes (101–107). */
export function phaseOfCode(code: LiveStatusCode | null | undefined): RoomPhase {
  switch (code) {
    case LIVE_STATUS.LIVE:
      return 'live';
    case LIVE_STATUS.PAUSED:
    case LIVE_STATUS.ABNORMAL:
      return 'paused';
    case LIVE_STATUS.ENDED:
    case LIVE_STATUS.BANNED:
    case LIVE_STATUS.EXPIRED:
      return 'ended';
    default:
      return 'idle';
  }
}

/**
 * The phase of a raw `room_status` value (`RoomState.roomStatus`). Values the kit does not
 * understand, and no value at all, are `idle`: nothing has started.
 */
export function roomPhase(raw: string | null | undefined): RoomPhase {
  const field = parseRoomStatusField(raw);
  if (!field) return 'idle';
  if (field.kind === 'code') return phaseOfCode(field.code);
  switch (field.host) {
    case 'live':
      return 'live';
    case 'paused':
    case 'offline':
      return 'paused';
    case 'ended':
      return 'ended';
    default:
      return 'idle';
  }
}

/** Whether viewers may buy and claim in this phase: everything but `ended` (a paused show keeps selling). */
export function isCommerceOpen(phase: RoomPhase): boolean {
  return phase !== 'ended';
}

/** Whether a player should pull the host's stream in this phase (only while live). */
export function isStreamExpected(phase: RoomPhase): boolean {
  return phase === 'live';
}

/** The error code the merchant API answers with when a room's show has ended. */
export const ROOM_ENDED = 'ROOM_ENDED';
