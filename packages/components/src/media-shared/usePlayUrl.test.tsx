import type { PlayUrls } from '@livesell/core/media';
import { renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { notSupported } from './not-supported';
import { usePlayUrl } from './usePlayUrl';

// Taro's H5 build resolves the .h5 seam; vitest needs telling.
vi.mock('./capabilities', () => import('./capabilities.h5'));

// Signed on a server (clients never sign); the query is opaque to the client.
const q = '?txSecret=0123456789abcdef0123456789abcdef&txTime=6B000000';
const urls: PlayUrls = {
  flv: `https://play.example.com/live/s1.flv${q}`,
  hls: `https://play.example.com/live/s1.m3u8${q}`,
  rtmp: `rtmp://play.example.com/live/s1${q}`,
  webrtc: `webrtc://play.example.com/live/s1${q}`,
};
const g = globalThis as { MediaSource?: unknown };

afterEach(() => {
  process.env.TARO_ENV = 'h5';
  delete g.MediaSource;
});

describe('usePlayUrl', () => {
  it('weapp gets the signed FLV URL', () => {
    process.env.TARO_ENV = 'weapp';
    expect(renderHook(() => usePlayUrl(urls)).result.current).toBe(urls.flv);
    expect(renderHook(() => usePlayUrl({ hls: urls.hls, rtmp: urls.rtmp })).result.current).toBe(urls.rtmp);
  });

  it('H5 with MSE gets FLV, or HLS when preferred; nothing without MSE or native HLS', () => {
    expect(renderHook(() => usePlayUrl(urls)).result.current).toBeUndefined();
    g.MediaSource = class {};
    expect(renderHook(() => usePlayUrl(urls)).result.current).toBe(urls.flv);
    expect(renderHook(() => usePlayUrl(urls, { prefer: ['hls'] })).result.current).toBe(urls.hls);
    expect(renderHook(() => usePlayUrl(undefined)).result.current).toBeUndefined();
  });

  it('notSupported is a typed, fatal NOT_SUPPORTED error naming the method and platform', () => {
    const e = notSupported('playBGM', 'h5', 'no mixer');
    expect(e).toMatchObject({ code: 'NOT_SUPPORTED', fatal: true, details: { method: 'playBGM', platform: 'h5' } });
    expect(e.message).toBe('playBGM() is not supported on h5: no mixer');
  });
});
