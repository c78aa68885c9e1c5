/**
 * Which play URL a client can play. Building and signing stream URLs happens on a server, where
 * the keys live (`buildPlayUrls`, `buildPushUrl`, `signStream` in `@livesell/server`): clients
 * never sign, they receive signed URLs.
 */
export type PlayProtocol = 'flv' | 'hls' | 'rtmp' | 'webrtc';

export interface PlayUrls {
  flv: string;
  hls: string;
  rtmp: string;
  /** Tencent LEB (`webrtc://`); plays in Tencent's SDKs, not in a plain `<video>`. */
  webrtc: string;
}

export type PlayUrlKind = PlayProtocol | 'whep' | 'unknown';

/** What a play URL carries, from its scheme and path. */
export function playUrlKind(url: string): PlayUrlKind {
  const match = /^([a-z][a-z0-9+.-]*):\/\/[^/?#]*([^?#]*)/i.exec(url.trim());
  if (!match) return 'unknown';
  const scheme = match[1]!.toLowerCase();
  const path = (match[2] ?? '').toLowerCase();
  if (scheme === 'rtmp' || scheme === 'rtmps') return 'rtmp';
  if (scheme === 'webrtc') return 'webrtc';
  if (scheme !== 'http' && scheme !== 'https') return 'unknown';
  if (path.endsWith('.flv')) return 'flv';
  if (path.endsWith('.m3u8')) return 'hls';
  if (/\/whep(\/|$)/.test(path)) return 'whep';
  return 'unknown';
}

export type MediaPlatform = 'weapp' | 'h5';

export interface PlaybackCapabilities {
  /** Media Source Extensions (hls.js / mpegts.js can run). */
  mse: boolean;
  /** The `<video>` element plays HLS itself (Safari, iOS). */
  nativeHls: boolean;
  /** RTCPeerConnection exists (WHEP playback). */
  webrtc?: boolean;
}

/** Kinds each platform plays, best first. */
export function playableKinds(platform: MediaPlatform, caps?: PlaybackCapabilities): PlayUrlKind[] {
  if (platform === 'weapp') return ['flv', 'rtmp'];
  if (!caps) return ['flv', 'hls'];
  const kinds: PlayUrlKind[] = [];
  // FLV over MSE has the lower latency; HLS is the fallback (and the only choice without MSE).
  if (caps.mse) kinds.push('flv', 'hls');
  else if (caps.nativeHls) kinds.push('hls');
  if (caps.webrtc) kinds.push('whep');
  return kinds;
}

/**
 * Picks the play URL a platform can play: weapp `<live-player>` takes FLV or RTMP; H5 takes FLV
 * (MSE) or HLS. `prefer` reorders the candidates. Returns undefined when none fits.
 */
export function choosePlayUrl(
  urls: Partial<Record<PlayUrlKind, string>> | readonly string[],
  platform: MediaPlatform,
  options: { caps?: PlaybackCapabilities; prefer?: readonly PlayUrlKind[] } = {},
): string | undefined {
  const byKind = new Map<PlayUrlKind, string>();
  const list = Array.isArray(urls) ? urls : Object.values(urls);
  for (const url of list) {
    if (typeof url !== 'string') continue;
    const kind = playUrlKind(url);
    if (!byKind.has(kind)) byKind.set(kind, url);
  }
  const playable = playableKinds(platform, options.caps);
  const order = [...(options.prefer ?? []).filter((k) => playable.includes(k)), ...playable];
  for (const kind of order) {
    const url = byKind.get(kind);
    if (url) return url;
  }
  return undefined;
}
