import { createHash } from 'node:crypto';
import { LiveSellError } from '@livesell/core';
import type { PlayUrls } from '@livesell/core/media';

/**
 * Tencent CSS stream URLs and their anti-leech signature (`txSecret`/`txTime`). The keys are
 * secrets, so signing lives here on the server: clients never sign, they receive signed URLs.
 */

const md5Hex = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');

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

export type { PlayUrls };

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
