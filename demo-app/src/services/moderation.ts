import { LiveSellError } from '@livesell/core';
import { createModeration, type Moderation } from '@livesell/core/moderation';
import { type DemoSession, taroRequest } from './session';

/**
 * The page's host actions (mute, remove, delete, settings, audience): TIM's own calls on the
 * page's client, and the local server's moderation API for the settings. Built for every session:
 * the components show the actions only to the room's owner and admins, and the server checks the
 * role of every call anyway.
 */
export function demoModeration(session: Pick<DemoSession, 'liveSell' | 'me' | 'httpUrl'>): Moderation {
  return createModeration(session.liveSell, {
    merchant: {
      baseUrl: session.httpUrl,
      credentials: { userID: session.me.userID, userSig: session.me.userSig },
      request: taroRequest,
    },
  });
}

/**
 * The join was refused because this user is blocked from the show: TIM's 10007 with the end of
 * the block (`blockedUntil`), which the local server sends like Tencent's AVChatRoom ban.
 */
export function blockedFromRoom(error: LiveSellError | null): boolean {
  if (!(error instanceof LiveSellError) || error.timCode !== 10007) return false;
  return typeof error.details?.blockedUntil === 'number';
}
