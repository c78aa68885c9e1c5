import { LiveSellError } from '@livesell/core';
import { createManualClock } from '@livesell/core/testing';
import { act, cleanup, render, screen } from '@testing-library/react';
import { createRef, type ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveErrorEvent, LiveStatusEvent } from '../media-shared/live-events';
import { LivePusher, type LivePusherHandle } from './LivePusher';

/**
 * The weapp surface: `<live-pusher>` and `Taro.createLivePusherContext` belong to the mini
 * program (unreachable here) and are replaced by recorders; the rest is the real code.
 */
type NativeProps = Record<string, unknown> & { children?: ReactNode };
const native: { props: NativeProps } = { props: {} };
type Options = Record<string, unknown> & { success?: (r?: unknown) => void; fail?: (r: { errMsg: string }) => void };
const calls: Array<{ method: string; options?: Options }> = [];
const context = new Proxy(
  {},
  {
    get: (_t, method: string) => (options?: Options) => {
      calls.push({ method, options });
      if (method === 'snapshot') options?.success?.({ tempImagePath: 'wxfile://p.jpg', width: 720, height: 1280 });
      else options?.success?.();
    },
  },
);
vi.mock('@tarojs/components', async (importOriginal) => ({
  ...(await importOriginal<Record<string, unknown>>()),
  LivePusher: (props: NativeProps) => {
    native.props = props;
    return <div data-testid="native-live-pusher">{props.children}</div>;
  },
}));
vi.mock('@tarojs/taro', () => ({
  default: { createLivePusherContext: vi.fn(() => context), nextTick: (fn: () => void) => Promise.resolve().then(fn) },
}));

const RTMP = 'rtmp://127.0.0.1:1935/live/room1?txSecret=abc&txTime=6B000000';
const fire = (name: string, detail?: unknown) => act(() => (native.props[name] as (e: unknown) => void)({ detail }));
const flush = () => act(async () => {});
const methods = () => calls.map((c) => c.method);

beforeEach(() => {
  calls.length = 0;
  native.props = {};
});
afterEach(cleanup);

describe('LivePusher on weapp', () => {
  it('maps the live-room plugin props onto <live-pusher>, keeping autopush for the machine', () => {
    render(
      <LivePusher
        pushUrl={RTMP}
        autopush={false}
        mode="HD"
        orientation="horizontal"
        muted
        waitingImage="https://x/wait.png"
        enableCamera={false}
        beauty={12}
        whiteness={3}
        backgroundMute
        autoFocus={false}
        aspect="3:4"
        minBitrate={300}
        maxBitrate={1500}
        zoom
        devicePosition="back"
        audioQuality="low"
        mirror
      />,
    );
    expect(native.props).toMatchObject({
      url: RTMP,
      autopush: false,
      mode: 'HD',
      orientation: 'horizontal',
      muted: true,
      waitingImage: 'https://x/wait.png',
      enableCamera: false,
      beauty: 9,
      whiteness: 3,
      backgroundMute: true,
      autoFocus: false,
      aspect: '3:4',
      minBitrate: 300,
      maxBitrate: 1500,
      zoom: true,
      devicePosition: 'back',
      audioQuality: 'low',
      mirror: true,
    });
    expect(methods()).toEqual([]);
  });

  it('autopush starts through the context; codes move the machine and reach onPushEvent', async () => {
    const events: LiveStatusEvent[] = [];
    const ref = createRef<LivePusherHandle>();
    render(<LivePusher ref={ref} pushUrl={RTMP} onPushEvent={(e) => events.push(e)} />);
    await flush();
    expect(methods()).toEqual(['startPreview', 'stop', 'start']);
    for (const code of [1003, 1008, 1001, 1007, 1002]) fire('onStateChange', { code });
    expect(events.at(-1)).toEqual({ tag: 'pushEvent', code: 1002, detail: 'pushing' });
    expect(ref.current!.getState()).toMatchObject({ status: 'pushing', preview: true, pushed: true });
    fire('onStateChange', { code: 1101 });
    expect(ref.current!.getState()).toMatchObject({ status: 'pushing', lastWarning: 1101 });
  });

  it('−1307 restarts the push after back-off; binderror 10001 fails with a DEVICE error', async () => {
    const clock = createManualClock(0);
    const errors: LiveErrorEvent[] = [];
    const ref = createRef<LivePusherHandle>();
    render(<LivePusher ref={ref} pushUrl={RTMP} clock={clock} onError={(e) => errors.push(e)} />);
    await flush();
    fire('onStateChange', { code: 1002 });
    fire('onStateChange', { code: -1307 });
    expect(ref.current!.getState()).toMatchObject({ status: 'reconnecting', by: 'restart', retryInMs: 1000 });
    // The dead push is stopped while the back-off runs, then started again.
    expect(methods().at(-1)).toBe('stop');
    calls.length = 0;
    await act(async () => clock.advance(999));
    expect(methods()).toEqual([]);
    await act(async () => clock.advance(1));
    await flush();
    expect(methods()).toEqual(['stop', 'start']);
    fire('onError', { errCode: 10001, errMsg: 'camera auth denied' });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ tag: 'error', code: 10001, detail: 'camera auth denied' });
    expect(errors[0]!.error).toBeInstanceOf(LiveSellError);
    expect(errors[0]!.error.code).toBe('DEVICE');
  });

  it('every context method of the live-room plugin is reachable through the ref', async () => {
    const ref = createRef<LivePusherHandle>();
    render(<LivePusher ref={ref} pushUrl={RTMP} autopush={false} />);
    await flush();
    calls.length = 0;
    const p = ref.current!;
    await act(() => p.start());
    fire('onStateChange', { code: 1002 });
    await act(() => p.pause());
    await act(() => p.resume());
    await p.switchCamera();
    await p.toggleTorch();
    await expect(p.snapshot()).resolves.toEqual({ tempImagePath: 'wxfile://p.jpg', width: 720, height: 1280 });
    await p.playBGM({ url: 'https://music.example.com/a.mp3' });
    await act(() => p.pauseBGM());
    await act(() => p.resumeBGM());
    await p.setBGMVolume({ volume: '0.5' });
    await act(() => p.stopBGM());
    await act(() => p.stopPreview());
    await act(() => p.startPreview());
    await act(() => p.stop());
    expect(methods()).toEqual([
      'stop',
      'start',
      'pause',
      'resume',
      'switchCamera',
      'toggleTorch',
      'snapshot',
      'playBGM',
      'pauseBGM',
      'resumeBGM',
      'setBGMVolume',
      'stopBGM',
      'stopPreview',
      'startPreview',
      'stop',
    ]);
    expect(calls.find((c) => c.method === 'playBGM')!.options!.url).toBe('https://music.example.com/a.mp3');
    expect(calls.find((c) => c.method === 'setBGMVolume')!.options!.volume).toBe('0.5');
    expect(p.getState().status).toBe('stopped');
  });

  it('validates arguments with typed errors', async () => {
    const ref = createRef<LivePusherHandle>();
    render(<LivePusher ref={ref} autopush={false} />);
    await expect(ref.current!.start()).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(ref.current!.setBGMVolume(2)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(ref.current!.setBGMVolume('loud')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(ref.current!.playBGM('javascript:alert(1)')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('refuses a non-RTMP push URL with NOT_SUPPORTED', async () => {
    const ref = createRef<LivePusherHandle>();
    render(<LivePusher ref={ref} pushUrl="http://127.0.0.1/whip/live/x" autopush={false} />);
    await expect(act(() => ref.current!.start())).rejects.toMatchObject({ code: 'NOT_SUPPORTED' });
  });

  it('BGM events reach the app and the state', () => {
    const onBgmStart = vi.fn();
    const onBgmProgress = vi.fn();
    const onBgmComplete = vi.fn();
    const ref = createRef<LivePusherHandle>();
    render(
      <LivePusher
        ref={ref}
        autopush={false}
        onBgmStart={onBgmStart}
        onBgmProgress={onBgmProgress}
        onBgmComplete={onBgmComplete}
      />,
    );
    fire('onBgmStart');
    fire('onBgmProgress', { progress: 3, duration: 180 });
    expect(ref.current!.getState().bgm).toEqual({ status: 'playing', progress: 3, duration: 180 });
    fire('onBgmComplete');
    expect(onBgmStart).toHaveBeenCalledTimes(1);
    expect(onBgmProgress).toHaveBeenCalledWith({ progress: 3, duration: 180 });
    expect(onBgmComplete).toHaveBeenCalledTimes(1);
    expect(ref.current!.getState().bgm.status).toBe('idle');
  });

  it('renders overlays and the debug line inside the pusher', () => {
    render(
      <LivePusher autopush={false} debug>
        <span>host tools</span>
      </LivePusher>,
    );
    const el = screen.getByTestId('native-live-pusher');
    expect(el.textContent).toContain('host tools');
    expect(el.textContent).toContain('idle');
  });
});
