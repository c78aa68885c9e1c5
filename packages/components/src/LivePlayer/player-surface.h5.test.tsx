import type { PlayerState } from '@livesell/core/media';
import { createManualClock } from '@livesell/core/testing';
import { act, cleanup, render } from '@testing-library/react';
import { createRef } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveStatusEvent } from '../media-shared/live-events';
import type { HlsErrorData, HlsLike, MpegtsLike, PlaybackLoaders } from '../media-shared/loaders';
import { LivePlayer, type LivePlayerHandle } from './LivePlayer';

// The H5 build picks player-surface.h5.tsx by Taro's suffix rule; vitest does not, so say it here.
vi.mock('./player-surface', () => import('./player-surface.h5'));

/** Fakes stand in for hls.js and mpegts.js (real playback is covered by the browser tests). */
class FakeEmitter {
  handlers = new Map<string, Array<(...args: unknown[]) => void>>();
  on(event: string, listener: (...args: never[]) => void) {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), listener as (...args: unknown[]) => void]);
  }
  emit(event: string, ...args: unknown[]) {
    for (const h of this.handlers.get(event) ?? []) h(...args);
  }
}
class FakeMpegtsPlayer extends FakeEmitter {
  attached: HTMLMediaElement | undefined;
  loaded = false;
  destroyed = false;
  constructor(readonly source: { url?: string }) {
    super();
  }
  attachMediaElement(media: HTMLMediaElement) {
    this.attached = media;
  }
  load() {
    this.loaded = true;
  }
  unload() {}
  detachMediaElement() {}
  destroy() {
    this.destroyed = true;
  }
}
const flvPlayers: FakeMpegtsPlayer[] = [];
const fakeMpegts: MpegtsLike = {
  isSupported: () => true,
  createPlayer: (source) => {
    const p = new FakeMpegtsPlayer(source);
    flvPlayers.push(p);
    return p;
  },
  Events: { ERROR: 'error', LOADING_COMPLETE: 'loading_complete', MEDIA_INFO: 'media_info', STATISTICS_INFO: 'stats' },
  ErrorTypes: { NETWORK_ERROR: 'NetworkError', MEDIA_ERROR: 'MediaError' },
};
const hlsInstances: FakeHls[] = [];
class FakeHls extends FakeEmitter {
  static isSupported = () => true;
  static Events = { MANIFEST_PARSED: 'hlsManifestParsed', FRAG_BUFFERED: 'hlsFragBuffered', ERROR: 'hlsError' };
  source = '';
  media: HTMLMediaElement | undefined;
  recovered = 0;
  destroyed = false;
  constructor() {
    super();
    hlsInstances.push(this);
  }
  loadSource(url: string) {
    this.source = url;
  }
  attachMedia(media: HTMLMediaElement) {
    this.media = media;
  }
  startLoad() {}
  recoverMediaError() {
    this.recovered++;
  }
  destroy() {
    this.destroyed = true;
  }
}

const FLV = 'http://127.0.0.1:8080/live/demo.flv';
const HLS = 'http://127.0.0.1:8080/live/demo.m3u8';
let loaders: { hls: ReturnType<typeof vi.fn>; mpegts: ReturnType<typeof vi.fn> };
const g = globalThis as { MediaSource?: unknown };
const hadMediaSource = 'MediaSource' in g;

beforeAll(() => {
  // happy-dom has no Media Source Extensions; the engines only check that it exists.
  if (!hadMediaSource) g.MediaSource = class {};
});
afterAll(() => {
  if (!hadMediaSource) delete g.MediaSource;
});
beforeEach(() => {
  // happy-dom fires `playing` as soon as play() is called; a browser waits for data. Keep the
  // browser's order: play() only resolves, the tests fire `playing` when the picture would move.
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
  flvPlayers.length = 0;
  hlsInstances.length = 0;
  loaders = {
    hls: vi.fn(async () => FakeHls as unknown as HlsLike),
    mpegts: vi.fn(async () => fakeMpegts),
  };
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function setup(url: string, extra: { autoplay?: boolean } = {}) {
  const clock = createManualClock(0);
  const ref = createRef<LivePlayerHandle>();
  const events: LiveStatusEvent[] = [];
  const statuses: PlayerState['status'][] = [];
  const view = render(
    <LivePlayer
      ref={ref}
      playUrl={url}
      clock={clock}
      h5Loaders={loaders as unknown as PlaybackLoaders}
      restartPolicy={{ maxRestarts: 1 }}
      onPlayEvent={(e) => events.push(e)}
      onStateChange={(s) => {
        if (statuses.at(-1) !== s.status) statuses.push(s.status);
      }}
      {...extra}
    >
      <span>overlay</span>
    </LivePlayer>,
  );
  const video = view.container.querySelector('video')!;
  const videoEvent = (name: string) => act(() => void video.dispatchEvent(new Event(name)));
  return { clock, ref, events, statuses, video, videoEvent, view };
}
const flush = () => act(async () => {});

describe('LivePlayer on H5', () => {
  it('imports mpegts.js only when an FLV stream starts, and never hls.js', async () => {
    const { ref } = setup(FLV);
    await flush();
    expect(loaders.mpegts).not.toHaveBeenCalled();
    expect(loaders.hls).not.toHaveBeenCalled();
    await act(() => ref.current!.start());
    expect(loaders.mpegts).toHaveBeenCalledTimes(1);
    expect(loaders.hls).not.toHaveBeenCalled();
    expect(flvPlayers).toHaveLength(1);
    expect(flvPlayers[0]!.source.url).toBe(FLV);
    expect(flvPlayers[0]!.loaded).toBe(true);
  });

  it('maps mpegts.js and <video> events onto WeChat codes and the machine', async () => {
    const { events, statuses, video, videoEvent } = setup(FLV, { autoplay: true });
    await flush();
    const player = flvPlayers[0]!;
    expect(player.attached).toBe(video);
    act(() => player.emit('media_info', {}));
    videoEvent('loadeddata');
    videoEvent('loadeddata');
    videoEvent('playing');
    videoEvent('waiting');
    videoEvent('playing');
    expect(events.map((e) => e.code)).toEqual([2001, 2002, 2003, 2004, 2007, 2004]);
    expect(statuses).toEqual(['connecting', 'playing', 'buffering', 'playing']);
  });

  it('a network error reconnects like the native player (3005, 2103) and gives up with −2301', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const { events, ref } = setup(FLV, { autoplay: true });
    await flush();
    act(() => flvPlayers[0]!.emit('media_info', {}));
    act(() => flvPlayers[0]!.emit('error', 'NetworkError', 'HttpStatusCodeInvalid'));
    expect(flvPlayers[0]!.destroyed).toBe(true);
    expect(events.slice(-2).map((e) => e.code)).toEqual([3005, 2103]);
    expect(ref.current!.getState()).toMatchObject({ status: 'reconnecting', by: 'player' });
    await act(async () => vi.advanceTimersByTime(1000));
    expect(flvPlayers).toHaveLength(2);
    act(() => flvPlayers[1]!.emit('loading_complete'));
    await act(async () => vi.advanceTimersByTime(1000));
    act(() => flvPlayers[2]!.emit('error', 'NetworkError', 'Exception'));
    expect(events.map((e) => e.code)).toEqual([2001, 2002, 3005, 2103, 3004, 2103, 3005, -2301]);
    expect(ref.current!.getState()).toMatchObject({ status: 'reconnecting', by: 'restart', restarts: 1 });
  });

  it('hls.js: manifest → 2001/2002, one media-error recovery, fatal network error → 3002, −2301', async () => {
    const { events, ref } = setup(HLS, { autoplay: true });
    await flush();
    expect(loaders.hls).toHaveBeenCalledTimes(1);
    expect(loaders.mpegts).not.toHaveBeenCalled();
    const hls = hlsInstances[0]!;
    expect(hls.source).toBe(HLS);
    const error = (data: HlsErrorData) => act(() => hls.emit('hlsError', 'hlsError', data));
    act(() => hls.emit('hlsManifestParsed', 'hlsManifestParsed', {}));
    error({ type: 'mediaError', details: 'bufferAppendError', fatal: true });
    expect(hls.recovered).toBe(1);
    error({ type: 'mediaError', details: 'bufferStalledError', fatal: false });
    error({ type: 'networkError', details: 'levelLoadError', fatal: true });
    expect(events.map((e) => e.code)).toEqual([2001, 2002, 2101, 2105, 3002, -2301]);
    expect(ref.current!.getState()).toMatchObject({ status: 'reconnecting', by: 'restart' });
  });

  it('the watchdog reloads a silently stalled stream with a fresh engine', async () => {
    const { clock, ref, video, videoEvent, events } = setup(FLV, { autoplay: true });
    await flush();
    act(() => flvPlayers[0]!.emit('media_info', {}));
    videoEvent('playing');
    video.currentTime = 1;
    videoEvent('timeupdate');
    act(() => clock.advance(5000));
    await flush();
    expect(events.filter((e) => e.synthetic).map((e) => e.code)).toEqual([2105, 2103]);
    expect(flvPlayers[0]!.destroyed).toBe(true);
    expect(flvPlayers).toHaveLength(2);
    expect(ref.current!.getState()).toMatchObject({ status: 'reconnecting', by: 'watchdog', loadId: 2 });
  });

  it('refuses what a browser cannot play or do with typed NOT_SUPPORTED errors', async () => {
    const rtmp = setup('rtmp://127.0.0.1/live/demo');
    await expect(rtmp.ref.current!.start()).rejects.toMatchObject({ code: 'NOT_SUPPORTED' });
    await flush();
    expect(rtmp.ref.current!.getState()).toMatchObject({ status: 'error', error: { reason: 'surface', fatal: true } });
    expect(loaders.mpegts).not.toHaveBeenCalled();
    await expect(rtmp.ref.current!.snapshot()).rejects.toMatchObject({ code: 'NOT_SUPPORTED' });
  });

  it('stop tears the engine down; overlays render above the video', async () => {
    const { ref, view } = setup(FLV, { autoplay: true });
    await flush();
    await act(() => ref.current!.stop());
    expect(flvPlayers[0]!.destroyed).toBe(true);
    const overlay = view.container.querySelector('.ls-player__overlay')!;
    expect(overlay.textContent).toBe('overlay');
    expect(overlay.previousElementSibling?.tagName).toBe('VIDEO');
    expect(view.container.firstElementChild?.getAttribute('data-state')).toBe('stopped');
  });
});

describe('LivePlayer on H5: autoplay policy', () => {
  it('plays muted when the browser refuses sound without a gesture, and says so', async () => {
    const play = vi.mocked(HTMLMediaElement.prototype.play);
    play.mockRejectedValueOnce(Object.assign(new Error('gesture needed'), { name: 'NotAllowedError' }));
    const { ref, video } = setup(FLV, { autoplay: true });
    await flush();
    expect(play).toHaveBeenCalledTimes(2);
    expect(video.muted).toBe(true);
    expect(ref.current!.getState()).toMatchObject({ status: 'connecting', muted: true });
  });
});
