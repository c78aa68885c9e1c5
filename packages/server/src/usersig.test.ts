import { createHmac } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { genUserSig, verifyUserSig } from './usersig';

const sdkAppID = 1400000001;
const secretKey = 'test-secret-5f2b';
const now = Date.UTC(2024, 0, 1); // 1704067200 s

describe('genUserSig / verifyUserSig', () => {
  it('a generated sig verifies and reports its user and expiry', () => {
    const userSig = genUserSig({ sdkAppID, secretKey, userID: 'alice', expire: 3600, now });
    expect(verifyUserSig({ sdkAppID, secretKey, userSig, userID: 'alice', now: now + 1000 })).toEqual({
      ok: true,
      userID: 'alice',
      expireAt: 1704067200 + 3600,
    });
    expect(verifyUserSig({ sdkAppID, secretKey, userSig, now }).ok).toBe(true);
  });

  it('has the tls-sig-api-v2 layout, re-derived independently', () => {
    const userSig = genUserSig({ sdkAppID, secretKey, userID: 'alice', expire: 86400, now });
    const text = `TLS.identifier:alice\nTLS.sdkappid:${sdkAppID}\nTLS.time:1704067200\nTLS.expire:86400\n`;
    const mac = createHmac('sha256', secretKey).update(text).digest('base64');
    const json = `{"TLS.ver":"2.0","TLS.identifier":"alice","TLS.sdkappid":${sdkAppID},"TLS.time":1704067200,"TLS.expire":86400,"TLS.sig":"${mac}"}`;
    expect(userSig).not.toMatch(/[+/=]/);
    const raw = Buffer.from(userSig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '='), 'base64');
    expect(inflateSync(raw).toString('utf8')).toBe(json);
    const expected = deflateSync(Buffer.from(json))
      .toString('base64')
      .replace(/\+/g, '*')
      .replace(/\//g, '-')
      .replace(/=/g, '_');
    expect(userSig).toBe(expected);
  });

  it('signs the user buffer when present', () => {
    const userBuf = new Uint8Array([1, 2, 3, 250]);
    const userSig = genUserSig({ sdkAppID, secretKey, userID: 'bob', expire: 60, now, userBuf });
    const doc = JSON.parse(
      inflateSync(Buffer.from(userSig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '='), 'base64')).toString(),
    );
    const text = `TLS.identifier:bob\nTLS.sdkappid:${sdkAppID}\nTLS.time:1704067200\nTLS.expire:60\nTLS.userbuf:AQID+g==\n`;
    expect(doc['TLS.userbuf']).toBe('AQID+g==');
    expect(doc['TLS.sig']).toBe(createHmac('sha256', secretKey).update(text).digest('base64'));
    expect(verifyUserSig({ sdkAppID, secretKey, userSig, now }).ok).toBe(true);
  });

  it('refuses expired, wrong-app, wrong-user, wrong-key, tampered and garbage sigs', () => {
    const userSig = genUserSig({ sdkAppID, secretKey, userID: 'alice', expire: 60, now });
    expect(verifyUserSig({ sdkAppID, secretKey, userSig, now: now + 61_000 })).toMatchObject({
      ok: false,
      reason: 'expired',
    });
    expect(verifyUserSig({ sdkAppID, secretKey, userSig, now: now + 60_000 }).ok).toBe(true);
    expect(verifyUserSig({ sdkAppID: sdkAppID + 1, secretKey, userSig, now })).toMatchObject({
      ok: false,
      reason: 'wrong-app',
    });
    expect(verifyUserSig({ sdkAppID, secretKey, userSig, userID: 'bob', now })).toMatchObject({
      ok: false,
      reason: 'wrong-user',
    });
    expect(verifyUserSig({ sdkAppID, secretKey: 'other', userSig, now })).toMatchObject({
      ok: false,
      reason: 'bad-signature',
    });
    expect(verifyUserSig({ sdkAppID, secretKey, userSig: 'not-a-sig', now })).toMatchObject({
      ok: false,
      reason: 'malformed',
    });
    expect(verifyUserSig({ sdkAppID, secretKey, userSig: '', now })).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('refuses a sig whose identity was edited after signing', () => {
    const userSig = genUserSig({ sdkAppID, secretKey, userID: 'alice', expire: 60, now });
    const doc = JSON.parse(
      inflateSync(Buffer.from(userSig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '='), 'base64')).toString(),
    );
    for (const edit of [{ 'TLS.identifier': 'mallory' }, { 'TLS.expire': 999999 }, { 'TLS.time': 1904067200 }]) {
      const forged = deflateSync(Buffer.from(JSON.stringify({ ...doc, ...edit })))
        .toString('base64')
        .replace(/\+/g, '*')
        .replace(/\//g, '-')
        .replace(/=/g, '_');
      expect(verifyUserSig({ sdkAppID, secretKey, userSig: forged, now })).toMatchObject({
        ok: false,
        reason: 'bad-signature',
      });
    }
  });

  it('rejects bad options when generating', () => {
    expect(() => genUserSig({ sdkAppID: 0, secretKey, userID: 'a', expire: 1 })).toThrow(TypeError);
    expect(() => genUserSig({ sdkAppID, secretKey: '', userID: 'a', expire: 1 })).toThrow(TypeError);
    expect(() => genUserSig({ sdkAppID, secretKey, userID: '', expire: 1 })).toThrow(TypeError);
    expect(() => genUserSig({ sdkAppID, secretKey, userID: 'a', expire: 0 })).toThrow(TypeError);
  });
});
