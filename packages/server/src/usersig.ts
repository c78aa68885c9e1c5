import { createHmac, timingSafeEqual } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';

/**
 * UserSig exactly as Tencent's tls-sig-api-v2 makes it: an HMAC-SHA256 over a fixed text, wrapped in
 * JSON, deflated and base64'd with `+/=` swapped for `*-_`. Backend only: whoever holds the secret
 * key can sign in as anyone, so it never ships to a client.
 */

export interface GenUserSigOptions {
  sdkAppID: number;
  secretKey: string;
  userID: string;
  /** Lifetime in seconds. */
  expire: number;
  /** Milliseconds since the epoch; defaults to now. */
  now?: number;
  /** Optional binary user buffer (tls-sig-api-v2's `userbuf`). */
  userBuf?: Uint8Array;
}

export interface VerifyUserSigOptions {
  sdkAppID: number;
  secretKey: string;
  userSig: string;
  /** When given, the sig must have been issued to this user. */
  userID?: string;
  /** Milliseconds since the epoch; defaults to now. */
  now?: number;
}

export type UserSigFailure = 'malformed' | 'wrong-app' | 'wrong-user' | 'bad-signature' | 'expired';

export interface VerifyUserSigResult {
  ok: boolean;
  reason?: UserSigFailure;
  userID?: string;
  /** Expiry, seconds since the epoch. */
  expireAt?: number;
}

function signedText(userID: string, sdkAppID: number, time: number, expire: number, userBuf?: string): string {
  let text = `TLS.identifier:${userID}\nTLS.sdkappid:${sdkAppID}\nTLS.time:${time}\nTLS.expire:${expire}\n`;
  if (userBuf !== undefined) text += `TLS.userbuf:${userBuf}\n`;
  return text;
}

function hmac(secretKey: string, text: string): string {
  return createHmac('sha256', secretKey).update(text).digest('base64');
}

function toUrlSafe(base64: string): string {
  return base64.replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_');
}

function fromUrlSafe(sig: string): string {
  return sig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
}

export function genUserSig(options: GenUserSigOptions): string {
  const { sdkAppID, secretKey, userID, expire } = options;
  if (!Number.isInteger(sdkAppID) || sdkAppID <= 0) throw new TypeError('sdkAppID must be a positive integer');
  if (!secretKey) throw new TypeError('secretKey is required');
  if (typeof userID !== 'string' || userID === '') throw new TypeError('userID is required');
  if (!Number.isFinite(expire) || expire <= 0) throw new TypeError('expire must be a positive number of seconds');
  const time = Math.floor((options.now ?? Date.now()) / 1000);
  const userBuf = options.userBuf ? Buffer.from(options.userBuf).toString('base64') : undefined;
  // Key order is part of the format: Tencent's verifiers read the JSON, but byte equality with the
  // reference implementation needs the same order.
  const doc: Record<string, string | number> = {
    'TLS.ver': '2.0',
    'TLS.identifier': userID,
    'TLS.sdkappid': sdkAppID,
    'TLS.time': time,
    'TLS.expire': expire,
  };
  if (userBuf !== undefined) doc['TLS.userbuf'] = userBuf;
  doc['TLS.sig'] = hmac(secretKey, signedText(userID, sdkAppID, time, expire, userBuf));
  return toUrlSafe(deflateSync(Buffer.from(JSON.stringify(doc))).toString('base64'));
}

function decode(userSig: string): Record<string, unknown> | undefined {
  try {
    const json: unknown = JSON.parse(inflateSync(Buffer.from(fromUrlSafe(userSig), 'base64')).toString('utf8'));
    return json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function verifyUserSig(options: VerifyUserSigOptions): VerifyUserSigResult {
  const { sdkAppID, secretKey, userSig } = options;
  if (typeof userSig !== 'string' || userSig === '' || userSig.length > 4096) return { ok: false, reason: 'malformed' };
  const doc = decode(userSig);
  if (!doc) return { ok: false, reason: 'malformed' };
  const id = doc['TLS.identifier'];
  const app = Number(doc['TLS.sdkappid']);
  const time = Number(doc['TLS.time']);
  const expire = Number(doc['TLS.expire']);
  const sig = doc['TLS.sig'];
  const userBuf = doc['TLS.userbuf'];
  if (
    doc['TLS.ver'] !== '2.0' ||
    typeof id !== 'string' ||
    typeof sig !== 'string' ||
    !Number.isFinite(app) ||
    !Number.isFinite(time) ||
    !Number.isFinite(expire) ||
    (userBuf !== undefined && typeof userBuf !== 'string')
  ) {
    return { ok: false, reason: 'malformed' };
  }
  const expireAt = time + expire;
  if (app !== sdkAppID) return { ok: false, reason: 'wrong-app', userID: id, expireAt };
  if (options.userID !== undefined && options.userID !== id)
    return { ok: false, reason: 'wrong-user', userID: id, expireAt };
  const expected = Buffer.from(hmac(secretKey, signedText(id, app, time, expire, userBuf as string | undefined)));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'bad-signature', userID: id, expireAt };
  }
  if (expireAt * 1000 < (options.now ?? Date.now())) return { ok: false, reason: 'expired', userID: id, expireAt };
  return { ok: true, userID: id, expireAt };
}
