import { LiveSellError } from '@livesell/core';

/** The typed rejection for a method the current platform cannot perform. */
export function notSupported(method: string, platform: string, why?: string): LiveSellError {
  return new LiveSellError('NOT_SUPPORTED', `${method}() is not supported on ${platform}${why ? `: ${why}` : ''}`, {
    fatal: true,
    details: { method, platform },
  });
}
