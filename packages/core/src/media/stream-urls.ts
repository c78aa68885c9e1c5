import { LiveSellError } from '../errors';
import { md5Hex } from './md5';

/**
 * Tencent CSS stream URLs and their anti-leech signature. The keys are secrets: sign on a server
 * (see `@livesell/server`), hand the signed URLs to clients.
 */
export type PlayProtocol = 'flv' | 'hls' | 'rtmp' | 'webrtc';

export interface PlayUrls {
  flv: string;
  hls: string;
  rtmp: string;
  /** Tencent LEB (`webrtc://`); plays in Tencent's SDKs, not in a plain `<video>`. */
  webrtc: string;
}

/** `txTime`: the expiry as uppercase hexadecimal Unix seconds. */
export function txTime(expiresAtSeconds: number): string {
  if (!Number.isInteger(expiresAtSeconds) || expiresAtSeconds < 0) {
    throw new LiveSellError('INVALID_ARGUMENT', `expiresAt must be whole Unix seconds, got ${expiresAtSeconds}`);
  }
  return expiresAtSeconds.toString(16).toUpperCase();
}

/** `txSecret` = lowercase hex md5(key + streamName + txTime). */
export function txSecret(key: string, streamName: string, txTimeHex: string): string {
  return md5Hex(key + streamName + txTimeHex);
}

export interface SignedQuery {
  txSecret: string;
  txTime: string;
}

export function signStream(key: string, streamName: string, expiresAtSeconds: number): SignedQuery {
  const time = txTime(expiresAtSeconds);
  return { txSecret: txSecret(key, streamName, time), txTime: time };
}

export type TxSecretCheck = { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'expired' | 'mismatch' };

/** Checks a `txSecret`/`txTime` pair the way the CDN does: well-formed, not expired, matching. */
export function verifyTxSecret(options: {
  key: string;
  streamName: string;
  txSecret: string | null | undefined;
  txTime: string | null | undefined;
  nowSeconds: number;
}): TxSecretCheck {
  const { txSecret: secret, txTime: time } = options;
  if (!secret || !time) return { ok: false, reason: 'missing' };
  if (!/^[0-9A-Fa-f]{1,12}$/.test(time) || !/^[0-9a-f]{32}$/i.test(secret)) return { ok: false, reason: 'malformed' };
  if (Number.parseInt(time, 16) < options.nowSeconds) return { ok: false, reason: 'expired' };
  if (txSecret(options.key, options.streamName, time) !== secret.toLowerCase())
    return { ok: false, reason: 'mismatch' };
  return { ok: true };
}

export interface StreamUrlOptions {
  /** The push or play domain, e.g. `push.example.com`. */
  domain: string;
  /** Application name, `live` unless configured otherwise. */
  app?: string;
  stream: string;
  /** Anti-leech key of that domain; omit for an unsigned URL. Push and play keys differ. */
  key?: string;
  /** Expiry, Unix seconds. Required with `key`. */
  expiresAt?: number;
}

const NAME = /^[A-Za-z0-9_-]+$/;

function check(o: StreamUrlOptions, template?: string): { app: string; name: string } {
  const app = o.app ?? 'live';
  if (!o.domain || /[/?#\s]/.test(o.domain)) throw new LiveSellError('INVALID_ARGUMENT', `bad domain "${o.domain}"`);
  for (const [what, value] of [
    ['app', app],
    ['stream', o.stream],
  ] as const) {
    if (!NAME.test(value)) throw new LiveSellError('INVALID_ARGUMENT', `${what} must match ${NAME}, got "${value}"`);
  }
  if (template !== undefined && !NAME.test(template)) {
    throw new LiveSellError('INVALID_ARGUMENT', `template must match ${NAME}, got "${template}"`);
  }
  if (o.key !== undefined && o.expiresAt === undefined) {
    throw new LiveSellError('INVALID_ARGUMENT', 'a signed URL needs expiresAt');
  }
  return { app, name: template ? `${o.stream}_${template}` : o.stream };
}

function query(o: StreamUrlOptions, name: string): string {
  if (o.key === undefined || o.expiresAt === undefined) return '';
  const signed = signStream(o.key, name, o.expiresAt);
  return `?txSecret=${signed.txSecret}&txTime=${signed.txTime}`;
}

/** `rtmp://domain/app/stream?txSecret=…&txTime=…` (or `webrtc://` for WebRTC push). */
export function buildPushUrl(options: StreamUrlOptions & { protocol?: 'rtmp' | 'webrtc' }): string {
  const { app, name } = check(options);
  return `${options.protocol ?? 'rtmp'}://${options.domain}/${app}/${name}${query(options, name)}`;
}

/**
 * Every play URL of a stream. With `template`, the transcoded stream `stream_template` is played
 * and signed over that suffixed name, as the CDN expects.
 */
export function buildPlayUrls(options: StreamUrlOptions & { template?: string; secure?: boolean }): PlayUrls {
  const { app, name } = check(options, options.template);
  const q = query(options, name);
  const http = options.secure === false ? 'http' : 'https';
  const path = `${options.domain}/${app}/${name}`;
  return {
    flv: `${http}://${path}.flv${q}`,
    hls: `${http}://${path}.m3u8${q}`,
    rtmp: `rtmp://${path}${q}`,
    webrtc: `webrtc://${path}${q}`,
  };
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
