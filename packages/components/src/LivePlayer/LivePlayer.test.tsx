import { LiveSellError } from '@livesell/core';
import type { PlayerState } from '@livesell/core/media';
import { createManualClock } from '@livesell/core/testing';
import { act, cleanup, render, screen } from '@testing-library/react';
import { createRef, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveErrorEvent, LiveStatusEvent } from '../media-shared/live-events';
import { LivePlayer, type LivePlayerHandle } from './LivePlayer';

/**
 * The weapp surface: `<live-player>` and `Taro.createLivePlayerContext` are the mini program's own
 * (unreachable here), so both are replaced by recorders; everything else is the real code.
 */
type NativeProps = Record<string, unknown> & { children?: ReactNode };
const native: { props: NativeProps } = { props: {} };
type Callbacks = { success?: (r?: unknown) => void; fail?: (r: { errMsg: string }) => void; direction?: number };
const calls: Array<{ method: string; options?: Callbacks }> = [];
let failNext: string | undefined;
const context = new Proxy(
  {},
  {
    get: (_t, method: string) => (options?: Callbacks) => {
      calls.push({ method, options });
      if (failNext === method) {
        failNext = undefined;
        options?.fail?.({ errMsg: `${method}:fail` });
      } else if (method === 'snapshot')
        options?.success?.({ tempImagePath: 'wxfile://s.jpg', width: '640', height: '360' });
      else options?.success?.();
    },
  },
);

vi.mock('@tarojs/components', async (importOriginal) => {
  const actual = await importOriginal<Record<string, unknown>>();
  return {
    ...actual,
    LivePlayer: (props: NativeProps) => {
      native.props = props;
      return <div data-testid="native-live-player">{props.children}</div>;
    },
  };
});
vi.mock('@tarojs/taro', () => ({ default: { createLivePlayerContext: vi.fn(() => context) } }));

const FLV = 'https://play.example.com/live/s1.flv?txSecret=abc&txTime=6B000000';
const fire = (name: string, detail: unknown) => act(() => (native.props[name] as (e: unknown) => void)({ detail }));
const code = (c: number) => fire('onStateChange', { code: c });

beforeEach(() => {
  calls.length = 0;
  native.props = {};
  failNext = undefined;
});
afterEach(cleanup);

describe('LivePlayer on weapp', () => {
  it('maps the live-room plugin props onto <live-player> and starts with autoplay', () => {
    render(
      <LivePlayer
        playUrl={FLV}
        autoplay
        mode="RTC"
        orientation="horizontal"
        objectFit="fillCrop"
        minCache={2}
        maxCache={4}
        muted
        soundMode="ear"
        autopause={false}
        id="p1"
      />,
    );
    expect(native.props).toMatchObject({
      id: 'p1',
      src: FLV,
      autoplay: true,
      mode: 'RTC',
      orientation: 'horizontal',
      objectFit: 'fillCrop',
      minCache: 2,
      maxCache: 4,
      muted: true,
      soundMode: 'ear',
      autoPauseIfNavigate: false,
      autoPauseIfOpenNative: false,
    });
  });

  it('leaves src empty until start(), then plays; start() without a URL rejects', async () => {
    const ref = createRef<LivePlayerHandle>();
    const { rerender } = render(<LivePlayer ref={ref} />);
    await expect(ref.current!.start()).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    rerender(<LivePlayer ref={ref} playUrl={FLV} />);
    expect(native.props.src).toBe('');
    await act(() => ref.current!.start());
    expect(native.props.src).toBe(FLV);
    expect(ref.current!.getState().status).toBe('connecting');
  });

  it('state-change codes move the machine and reach onPlayEvent', () => {
    const events: LiveStatusEvent[] = [];
    const states: PlayerState['status'][] = [];
    const onStateChange = (s: PlayerState) => {
      if (states.at(-1) !== s.status) states.push(s.status);
    };
    render(<LivePlayer playUrl={FLV} autoplay onPlayEvent={(e) => events.push(e)} onStateChange={onStateChange} />);
    for (const c of [2001, 2002, 2008, 2003, 2004]) code(c);
    expect(events.map((e) => e.code)).toEqual([2001, 2002, 2008, 2003, 2004]);
    expect(events[4]).toEqual({ tag: 'playEvent', code: 2004, detail: 'playback started' });
    code(2007);
    code(2004);
    expect(states).toEqual(['connecting', 'playing', 'buffering', 'playing']);
  });

  it('after −2301 restarts through the context with back-off, then reports a typed error', async () => {
    const clock = createManualClock(0);
    const errors: LiveErrorEvent[] = [];
    const ref = createRef<LivePlayerHandle>();
    render(
      <LivePlayer
        ref={ref}
        playUrl={FLV}
        autoplay
        clock={clock}
        watchdog={false}
        restartPolicy={{ maxRestarts: 2, baseDelayMs: 1000 }}
        onError={(e) => errors.push(e)}
      />,
    );
    code(2004);
    code(-2301);
    expect(ref.current!.getState()).toMatchObject({ status: 'reconnecting', by: 'restart', retryInMs: 1000 });
    expect(calls.map((c) => c.method)).toEqual(['stop']);
    await act(async () => clock.advance(1000));
    // Same URL: the reload goes through the context (stop, then play).
    expect(calls.map((c) => c.method)).toEqual(['stop', 'stop', 'play']);
    code(-2301);
    act(() => clock.advance(2000));
    code(-2301);
    expect(ref.current!.getState().status).toBe('error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ tag: 'error', code: -2301 });
    expect(errors[0]!.error).toBeInstanceOf(LiveSellError);
    expect(errors[0]!.error).toMatchObject({ code: 'MEDIA', fatal: true });
  });

  it('an HLS URL is refused with NOT_SUPPORTED (live-player plays FLV/RTMP only)', async () => {
    const errors: LiveErrorEvent[] = [];
    const ref = createRef<LivePlayerHandle>();
    render(<LivePlayer ref={ref} playUrl="https://play.example.com/live/s1.m3u8" onError={(e) => errors.push(e)} />);
    const started = ref.current!.start();
    await expect(started).rejects.toMatchObject({ code: 'NOT_SUPPORTED' });
    await act(async () => {});
    expect(ref.current!.getState()).toMatchObject({ status: 'error', error: { reason: 'surface', fatal: true } });
    expect(errors).toHaveLength(1);
    expect(native.props.src).toBe('');
  });

  it('ref methods drive LivePlayerContext and resolve with its results', async () => {
    const ref = createRef<LivePlayerHandle>();
    render(<LivePlayer ref={ref} playUrl={FLV} autoplay orientation="horizontal" />);
    code(2004);
    await act(() => ref.current!.pause());
    expect(ref.current!.getState().status).toBe('paused');
    await act(() => ref.current!.resume());
    expect(ref.current!.getState().status).toBe('buffering');
    await ref.current!.requestFullScreen();
    await ref.current!.requestFullScreen({ direction: -90 });
    await ref.current!.requestFullScreen(false);
    await expect(ref.current!.snapshot()).resolves.toEqual({
      tempImagePath: 'wxfile://s.jpg',
      width: 640,
      height: 360,
    });
    expect(calls.map((c) => [c.method, c.options?.direction])).toEqual([
      ['pause', undefined],
      ['resume', undefined],
      ['requestFullScreen', 90],
      ['requestFullScreen', -90],
      ['exitFullScreen', undefined],
      ['snapshot', undefined],
    ]);
    await act(() => ref.current!.mute());
    expect(native.props.muted).toBe(true);
    await act(() => ref.current!.mute(false));
    expect(native.props.muted).toBe(false);
    await act(() => ref.current!.stop());
    expect(calls.at(-1)!.method).toBe('stop');
    expect(ref.current!.getState().status).toBe('stopped');
  });

  it('a failing context call rejects with a typed MEDIA error', async () => {
    const ref = createRef<LivePlayerHandle>();
    render(<LivePlayer ref={ref} playUrl={FLV} autoplay />);
    code(2004);
    failNext = 'pause';
    await expect(act(() => ref.current!.pause())).rejects.toMatchObject({
      code: 'MEDIA',
      message: expect.stringContaining('pause:fail'),
    });
  });

  it('net status is sanitised, reported, and counts as progress when frames flow', () => {
    const clock = createManualClock(0);
    const infos: unknown[] = [];
    const ref = createRef<LivePlayerHandle>();
    render(<LivePlayer ref={ref} playUrl={FLV} autoplay clock={clock} onNetStatus={(e) => infos.push(e.info)} />);
    code(2004);
    for (let i = 0; i < 8; i++) {
      act(() => clock.advance(1000));
      fire('onNetStatus', { info: { videoFPS: 25, videoBitrate: '812', junk: 'x' } });
    }
    expect(infos.at(-1)).toEqual({ videoFPS: 25, videoBitrate: 812 });
    expect(ref.current!.getState().status).toBe('playing');
    act(() => clock.advance(5000));
    expect(ref.current!.getState()).toMatchObject({ status: 'reconnecting', by: 'watchdog' });
  });

  it('in a weapp build the stall limit is 8 s: the native player watches for stutter itself', () => {
    process.env.TARO_ENV = 'weapp';
    try {
      const clock = createManualClock(0);
      const ref = createRef<LivePlayerHandle>();
      render(<LivePlayer ref={ref} playUrl={FLV} autoplay clock={clock} />);
      code(2004);
      act(() => clock.advance(7999));
      expect(ref.current!.getState().status).toBe('playing');
      act(() => clock.advance(1));
      expect(ref.current!.getState()).toMatchObject({ status: 'reconnecting', by: 'watchdog' });
    } finally {
      process.env.TARO_ENV = 'h5';
    }
  });

  it('renders overlays inside the player, a debug line, and reports full-screen changes and attach', () => {
    const onAttached = vi.fn();
    const onFullScreenChange = vi.fn();
    render(
      <LivePlayer playUrl={FLV} autoplay debug onAttached={onAttached} onFullScreenChange={onFullScreenChange}>
        <span>SALE</span>
      </LivePlayer>,
    );
    const player = screen.getByTestId('native-live-player');
    expect(player.textContent).toContain('SALE');
    expect(player.textContent).toContain('connecting');
    expect(onAttached).toHaveBeenCalledTimes(1);
    fire('onFullScreenChange', { fullScreen: 1, direction: 90 });
    expect(onFullScreenChange).toHaveBeenCalledWith({ fullScreen: true, direction: 90 });
  });

  it('unmounting stops the machine and leaves no timers', () => {
    const clock = createManualClock(0);
    const ref = createRef<LivePlayerHandle>();
    const { unmount } = render(<LivePlayer ref={ref} playUrl={FLV} autoplay clock={clock} />);
    const handle = ref.current!;
    expect(clock.pending()).toBe(1);
    unmount();
    expect(handle.getState().status).toBe('stopped');
    expect(clock.pending()).toBe(0);
  });
});

describe('LivePlayer follows the room lifecycle', () => {
  it('plays while live, stops and lets go of src with a slate while paused or ended, restarts when live again', async () => {
    const { rerender } = render(<LivePlayer playUrl={FLV} autoplay roomPhase="live" />);
    await act(async () => {});
    expect(native.props.src).toBe(FLV);
    expect(screen.queryByText('Paused')).toBeNull();

    rerender(<LivePlayer playUrl={FLV} autoplay roomPhase="paused" />);
    await act(async () => {});
    expect(native.props.src).toBe('');
    expect(calls.map((c) => c.method)).toContain('stop');
    expect(screen.getByText('Paused')).toBeTruthy();
    expect(screen.getByText('The host will be right back')).toBeTruthy();

    rerender(<LivePlayer playUrl={FLV} autoplay roomPhase="live" />);
    await act(async () => {});
    expect(native.props.src).toBe(FLV);
    expect(screen.queryByText('Paused')).toBeNull();

    rerender(<LivePlayer playUrl={FLV} autoplay roomPhase="ended" />);
    await act(async () => {});
    expect(native.props.src).toBe('');
    expect(screen.getByText('The show has ended')).toBeTruthy();
  });

  it('a new URL while live (test pattern → host stream) is played without a remount', async () => {
    const HOST = 'https://play.example.com/live/host.flv';
    const { rerender } = render(<LivePlayer playUrl={FLV} autoplay roomPhase="idle" />);
    await act(async () => {});
    expect(native.props.src).toBe(FLV);
    rerender(<LivePlayer playUrl={HOST} autoplay roomPhase="live" />);
    await act(async () => {});
    expect(native.props.src).toBe(HOST);
  });
});
