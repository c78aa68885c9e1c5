import { describe, expect, it } from 'vitest';
import { choosePlayUrl, type PlayUrls, playUrlKind } from './stream-urls';

describe('per-platform play URL choice', () => {
  const urls: PlayUrls = {
    flv: 'https://play.example.com/live/s.flv',
    hls: 'https://play.example.com/live/s.m3u8',
    rtmp: 'rtmp://play.example.com/live/s',
    webrtc: 'webrtc://play.example.com/live/s',
  };

  it('classifies URLs', () => {
    expect(playUrlKind(urls.flv)).toBe('flv');
    expect(playUrlKind(urls.hls)).toBe('hls');
    expect(playUrlKind(urls.rtmp)).toBe('rtmp');
    expect(playUrlKind(urls.webrtc)).toBe('webrtc');
    expect(playUrlKind('http://127.0.0.1:1/whep/live/s')).toBe('whep');
    expect(playUrlKind('http://x/live/s.mp4')).toBe('unknown');
    expect(playUrlKind('not a url')).toBe('unknown');
  });

  it('weapp gets FLV (or RTMP), never HLS', () => {
    expect(choosePlayUrl(urls, 'weapp')).toBe(urls.flv);
    expect(choosePlayUrl({ hls: urls.hls, rtmp: urls.rtmp }, 'weapp')).toBe(urls.rtmp);
    expect(choosePlayUrl({ hls: urls.hls }, 'weapp')).toBeUndefined();
  });

  it('H5 gets FLV with MSE, HLS without, and honours a preference', () => {
    expect(choosePlayUrl(urls, 'h5', { caps: { mse: true, nativeHls: false } })).toBe(urls.flv);
    expect(choosePlayUrl(urls, 'h5', { caps: { mse: false, nativeHls: true } })).toBe(urls.hls);
    expect(choosePlayUrl(urls, 'h5', { caps: { mse: true, nativeHls: false }, prefer: ['hls'] })).toBe(urls.hls);
    expect(choosePlayUrl([urls.rtmp, urls.webrtc], 'h5')).toBeUndefined();
    const whep = 'http://127.0.0.1:9/whep/live/s';
    expect(choosePlayUrl([whep], 'h5', { caps: { mse: true, nativeHls: false, webrtc: true } })).toBe(whep);
    expect(choosePlayUrl([whep], 'h5', { caps: { mse: true, nativeHls: false } })).toBeUndefined();
  });
});
