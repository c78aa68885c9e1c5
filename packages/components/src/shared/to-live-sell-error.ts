import { LiveSellError } from '@livesell/core';

/** Any rejection as a `LiveSellError` (SDK calls already reject with one; app handlers may not). */
export function toLiveSellError(cause: unknown): LiveSellError {
  if (cause instanceof LiveSellError) return cause;
  const message = cause instanceof Error ? cause.message : typeof cause === 'string' ? cause : 'failed';
  return new LiveSellError('UNKNOWN', message, { cause });
}
