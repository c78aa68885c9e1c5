import { createHash } from 'node:crypto';
import { LiveSellError } from '@livesell/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildPlayUrls, buildPushUrl, signStream, txSecret, txTime, verifyTxSecret } from './stream-urls';

describe('txSecret', () => {
  it('matches the reference vectors', () => {
    expect(txSecret('e12c46f2612d5106e2034781ab261ca3', 'test', '5C271099')).toBe('f85a2ab363fe4deaffef9754d79da6fe');
    expect(txSecret('probe-push-key', 's1', '5867D600')).toBe('3c816fad600f72227e27a0d1104f6a3f');
  });

  it('txTime is uppercase hex Unix seconds', () => {
    expect(txTime(0x5c271099)).toBe('5C271099');
    expect(txTime(1483200000)).toBe('5867D600');
    expect(() => txTime(1.5)).toThrow(LiveSellError);
    expect(() => txTime(-1)).toThrow(LiveSellError);
  });

  it('signs any UTF-8 stream name as md5(key + name + txTime)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (name) => {
        expect(txSecret('k', name, '5C271099')).toBe(
          createHash('md5').update(`k${name}5C271099`, 'utf8').digest('hex'),
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('verifyTxSecret', () => {
  const key = 'probe-push-key';
  const now = 1_700_000_000;
  const good = signStream(key, 's1', now + 60);

  it('accepts a good signature and refuses expired, forged, missing and malformed ones', () => {
    expect(verifyTxSecret({ key, streamName: 's1', ...good, nowSeconds: now })).toEqual({ ok: true });
    const expired = signStream(key, 's1', now - 1);
    expect(verifyTxSecret({ key, streamName: 's1', ...expired, nowSeconds: now })).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(verifyTxSecret({ key: 'other', streamName: 's1', ...good, nowSeconds: now })).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifyTxSecret({ key, streamName: 's2', ...good, nowSeconds: now })).toMatchObject({ reason: 'mismatch' });
    expect(
      verifyTxSecret({ key, streamName: 's1', txSecret: null, txTime: good.txTime, nowSeconds: now }),
    ).toMatchObject({
      reason: 'missing',
    });
    expect(
      verifyTxSecret({ key, streamName: 's1', txSecret: 'zz', txTime: good.txTime, nowSeconds: now }),
    ).toMatchObject({
      reason: 'malformed',
    });
    expect(
      verifyTxSecret({ key, streamName: 's1', txSecret: good.txSecret, txTime: 'nothex', nowSeconds: now }),
    ).toMatchObject({
      reason: 'malformed',
    });
  });
});

describe('stream URLs', () => {
  it('builds a signed RTMP push URL', () => {
    expect(
      buildPushUrl({ domain: 'push.example.com', stream: 's1', key: 'probe-push-key', expiresAt: 0x5867d600 }),
    ).toBe('rtmp://push.example.com/live/s1?txSecret=3c816fad600f72227e27a0d1104f6a3f&txTime=5867D600');
    expect(buildPushUrl({ domain: 'push.example.com', app: 'shop', stream: 's1', protocol: 'webrtc' })).toBe(
      'webrtc://push.example.com/shop/s1',
    );
  });

  it('builds every play URL, signing the transcoded name when a template is given', () => {
    const urls = buildPlayUrls({
      domain: 'play.example.com',
      stream: 'test',
      key: 'e12c46f2612d5106e2034781ab261ca3',
      expiresAt: 0x5c271099,
    });
    const q = '?txSecret=f85a2ab363fe4deaffef9754d79da6fe&txTime=5C271099';
    expect(urls).toEqual({
      flv: `https://play.example.com/live/test.flv${q}`,
      hls: `https://play.example.com/live/test.m3u8${q}`,
      rtmp: `rtmp://play.example.com/live/test${q}`,
      webrtc: `webrtc://play.example.com/live/test${q}`,
    });
    const hd = buildPlayUrls({
      domain: 'play.example.com',
      stream: 'test',
      template: 'hd',
      key: 'k',
      expiresAt: 0x5c271099,
      secure: false,
    });
    expect(hd.flv).toBe(
      `http://play.example.com/live/test_hd.flv?txSecret=${txSecret('k', 'test_hd', '5C271099')}&txTime=5C271099`,
    );
    expect(buildPlayUrls({ domain: 'play.example.com', stream: 'test' }).hls).toBe(
      'https://play.example.com/live/test.m3u8',
    );
  });

  it('refuses names that would break the URL or the signature', () => {
    expect(() => buildPlayUrls({ domain: 'play.example.com', stream: 'a/b' })).toThrow(LiveSellError);
    expect(() => buildPlayUrls({ domain: 'play.example.com/x', stream: 'a' })).toThrow(LiveSellError);
    expect(() => buildPlayUrls({ domain: 'd', stream: 'a', template: 'x y' })).toThrow(LiveSellError);
    expect(() => buildPushUrl({ domain: 'd', stream: 'a', key: 'k' })).toThrow(/expiresAt/);
  });
});
