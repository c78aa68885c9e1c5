import type { ModerationClient } from '@livesell/components';
import type { LiveSellError } from '@livesell/core';
import { createModeration } from '@livesell/core/moderation';
import type { DemoSession } from './session';

/**
 * The page's host actions (mute, remove, delete, settings, audience). Built for every session: the
 * components show them only to the room's owner and admins, and the server checks the role of
 * every call anyway.
 */
export function demoModeration(session: Pick<DemoSession, 'liveSell' | 'shop'>): ModerationClient {
  return createModeration(session.liveSell, { merchant: session.shop });
}

// TIM's codes for a join refused to a banned member (set after the core lands).
const BLOCKED_CODES: readonly number[] = [10007];

/** The join was refused because this user is blocked from the show (removed with "block re-entry"). */
export function blockedFromRoom(error: LiveSellError | null): boolean {
  if (!error) return false;
  return BLOCKED_CODES.indexOf(error.timCode ?? -1) >= 0;
}
