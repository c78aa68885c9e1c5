import { parseRoomStatusField } from '@livesell/core';

/** Where the show is, as the host console shows it. */
export type ShowPhase = 'idle' | 'live' | 'paused' | 'ended';

/** The phase from the room store's `roomStatus` (the host's words or WeChat's 101–107 codes). */
export function showPhase(roomStatus: string): ShowPhase {
  const field = parseRoomStatusField(roomStatus);
  if (!field) return 'idle';
  if (field.kind === 'code') {
    if (field.code === 101) return 'live';
    if (field.code === 105 || field.code === 106) return 'paused';
    return field.code === 102 ? 'idle' : 'ended';
  }
  // The host dropped out unexpectedly: going live again resumes.
  if (field.host === 'offline') return 'paused';
  return field.host;
}
