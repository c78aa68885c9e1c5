import { LiveSellError, type LiveSellErrorCode } from '@livesell/core';

export type ErrorMessages = Partial<Record<LiveSellErrorCode, string>> & { fallback?: string };

/** What a viewer reads when an action fails, by `LiveSellError` code. */
export const DEFAULT_ERROR_MESSAGES: Required<Pick<ErrorMessages, 'fallback'>> & ErrorMessages = {
  INVALID_ARGUMENT: 'That can’t be sent.',
  NOT_READY: 'Still connecting to the room — try again in a moment.',
  NOT_IN_ROOM: 'You haven’t joined the room yet.',
  LOGIN_FAILED: 'Sign-in failed — reopen the room.',
  USERSIG_INVALID: 'Sign-in failed — reopen the room.',
  USERSIG_EXPIRED: 'Your session expired — reopen the room.',
  SEND_FAILED: 'Couldn’t send — try again.',
  SEND_TIMEOUT: 'The network is slow — not sent.',
  MESSAGE_TOO_LARGE: 'That message is too long.',
  RATE_LIMITED: 'You’re going too fast — wait a moment.',
  PERMISSION_DENIED: 'You can’t do that in this room.',
  MUTED: 'You are muted in this room.',
  SLOW_MODE: 'Slow mode is on — wait a moment.',
  FILTERED: 'Not sent: this room doesn’t allow that.',
  NETWORK: 'No connection — not sent.',
  KICKED: 'You signed in somewhere else.',
  DESTROYED: 'The room has closed.',
  NOT_FOUND: 'Not found — it may have been removed.',
  SOLD_OUT: 'Sold out.',
  ALREADY_CLAIMED: 'You already have this coupon.',
  EXPIRED: 'This has expired.',
  fallback: 'Something went wrong — try again.',
};

/**
 * A short, human message for a failed action. `LiveSellError`s map by code; other errors (an app's
 * `onBuy`/`onClaim` rejecting) show their own message when they have one.
 */
export function describeError(error: unknown, messages: ErrorMessages = {}): string {
  const all = { ...DEFAULT_ERROR_MESSAGES, ...messages };
  if (error instanceof LiveSellError) return all[error.code] ?? all.fallback;
  if (error instanceof Error && error.message) return error.message;
  if (typeof error === 'string' && error) return error;
  return all.fallback;
}
