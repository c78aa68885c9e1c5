import { LiveSellError, type LiveSellErrorCode } from '../errors';

/**
 * SDK and service codes (Tencent IM documentation) → the kit's codes; anything else takes the caller's fallback.
 * The keys are `TIM_ERROR`'s values (`protocol/codes.ts`), written as literals: bundles do not inline
 * constants across modules, and two dozen imported names cost the live-room import ≈ 140 bytes;
 * `protocol/protocol.test.ts` checks each key against `TIM_ERROR`.
 */
export const BY_TIM_CODE: Readonly<Record<number, LiveSellErrorCode>> = {
  2024: 'NOT_READY',
  2999: 'NOT_READY',
  2025: 'LOGIN_FAILED',
  3001: 'LOGIN_FAILED',
  2100: 'SEND_FAILED',
  2101: 'NOT_IN_ROOM',
  2660: 'JOIN_FAILED',
  2687: 'NOT_SUPPORTED',
  2800: 'NETWORK',
  2801: 'NETWORK',
  2805: 'NETWORK',
  2996: 'RATE_LIMITED',
  10005: 'INVALID_ARGUMENT',
  10006: 'RATE_LIMITED',
  10023: 'RATE_LIMITED',
  10007: 'PERMISSION_DENIED',
  10009: 'HOST_CANNOT_EXIT',
  10017: 'MUTED',
  70001: 'USERSIG_EXPIRED',
  70003: 'USERSIG_INVALID',
  70009: 'USERSIG_INVALID',
  70013: 'USERSIG_INVALID',
  70014: 'USERSIG_INVALID',
  80002: 'MESSAGE_TOO_LARGE',
  10101: 'SLOW_MODE',
  80001: 'FILTERED',
};

/** Retrying cannot help with these. */
const FATAL: ReadonlySet<LiveSellErrorCode> = new Set([
  'USERSIG_EXPIRED',
  'USERSIG_INVALID',
  'PERMISSION_DENIED',
  'HOST_CANNOT_EXIT',
  'KICKED',
  'DESTROYED',
  'NOT_SUPPORTED',
  'INVALID_ARGUMENT',
  'MESSAGE_TOO_LARGE',
]);

export function liveSellError(
  code: LiveSellErrorCode,
  message: string,
  cause?: unknown,
  timCode?: number,
  details?: Record<string, unknown>,
): LiveSellError {
  return new LiveSellError(code, message, { cause, timCode, fatal: FATAL.has(code), details });
}

/**
 * Wraps an SDK rejection (`{code, message, data?}`), an `Error` or anything else thrown. The
 * rejection's `data` object (a refusal's `muteUntil`, `nextSendAt`, `blockedUntil` …) becomes `details`.
 */
export function toLiveSellError(error: unknown, fallback: LiveSellErrorCode, context: string): LiveSellError {
  if (error instanceof LiveSellError) return error;
  const shape =
    error !== null && typeof error === 'object' ? (error as { code?: unknown; message?: unknown; data?: unknown }) : {};
  const timCode = typeof shape.code === 'number' ? shape.code : undefined;
  const code = (timCode !== undefined && BY_TIM_CODE[timCode]) || fallback;
  const detail = typeof shape.message === 'string' && shape.message ? shape.message : String(error);
  const data =
    shape.data !== null && typeof shape.data === 'object' ? (shape.data as Record<string, unknown>) : undefined;
  return liveSellError(code, `${context}: ${detail}`, error, timCode, data);
}
