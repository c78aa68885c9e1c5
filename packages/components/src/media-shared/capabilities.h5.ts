import type { PlaybackCapabilities } from '@livesell/core/media';

/** What this browser can play: MSE for hls.js/mpegts.js, native HLS (Safari), WebRTC for WHEP. */
export function playbackCapabilities(): PlaybackCapabilities | undefined {
  if (typeof document === 'undefined') return undefined;
  const g = globalThis as { MediaSource?: unknown; ManagedMediaSource?: unknown; RTCPeerConnection?: unknown };
  const video = document.createElement('video');
  return {
    mse: typeof g.MediaSource === 'function' || typeof g.ManagedMediaSource === 'function',
    nativeHls: typeof video.canPlayType === 'function' && video.canPlayType('application/vnd.apple.mpegurl') !== '',
    webrtc: typeof g.RTCPeerConnection === 'function',
  };
}
