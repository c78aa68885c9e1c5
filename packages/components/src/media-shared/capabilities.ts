import type { PlaybackCapabilities } from '@livesell/core/media';

/** weapp: `<live-player>` decides for itself; there is nothing to probe. */
export function playbackCapabilities(): PlaybackCapabilities | undefined {
  return undefined;
}
