import { choosePlayUrl, type PlayUrlKind } from '@livesell/core/media';
import { useMemo } from 'react';
import { playbackCapabilities } from './capabilities';
import { currentMediaPlatform } from './platform';

export type PlayUrlSet = Partial<Record<PlayUrlKind, string>> | readonly string[];

/**
 * Picks, from the signed URLs your server hands out, the one this platform plays: FLV (or RTMP)
 * in the mini program; FLV with MSE, else HLS, in a browser. `prefer` reorders the candidates,
 * e.g. `['hls']` for CDN-friendly playback. Undefined when none fits.
 */
export function usePlayUrl(urls: PlayUrlSet | undefined, options: { prefer?: readonly PlayUrlKind[] } = {}) {
  const key = urls ? JSON.stringify(urls) : '';
  const prefer = options.prefer?.join(',') ?? '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: keyed by content, not identity
  return useMemo(() => {
    if (!urls) return undefined;
    return choosePlayUrl(urls, currentMediaPlatform(), {
      caps: playbackCapabilities(),
      prefer: prefer ? (prefer.split(',') as PlayUrlKind[]) : undefined,
    });
  }, [key, prefer]);
}
