import type { PusherState } from '@livesell/core/media';
import { act, cleanup, render } from '@testing-library/react';
import { createRef } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LiveErrorEvent, LiveStatusEvent } from '../media-shared/live-events';
import { LivePusher, type LivePusherHandle } from './LivePusher';

// The H5 build picks pusher-surface.h5.tsx by Taro's suffix rule; vitest does not.
vi.mock('./pusher-surface', () => import('./pusher-surface.h5'));

/**
 * Cameras and microphones are outside happy-dom: getUserMedia is a fake that grants or refuses
 * per device the way browsers do (DOMException names). WHIP publishing runs in the browser tests.
 */
class FakeTrack {
  enabled = true;
  stopped = false;
  constructor(readonly kind: 'audio' | 'video') {}
  stop() {
    this.stopped = true;
  }
  getCapabilities() {
    return {};
  }
  getSettings() {
    return {};
  }
}
// happy-dom checks `srcObject` against its own MediaStream, so the fake extends it.
class FakeStream extends MediaStream {
  constructor(readonly tracks: FakeTrack[]) {
    super();
  }
  override getTracks() {
    return this.tracks as unknown as MediaStreamTrack[];
  }
  override getAudioTracks() {
    return this.tracks.filter((t) => t.kind === 'audio') as unknown as MediaStreamTrack[];
  }
  override getVideoTracks() {
    return this.tracks.filter((t) => t.kind === 'video') as unknown as MediaStreamTrack[];
  }
}
type Refusal = Partial<Record<'audio' | 'video', string>>;
let refuse: Refusal = {};
const opened: FakeStream[] = [];
const getUserMedia = vi.fn(async (c: { video?: unknown; audio?: unknown }) => {
  const wanted = (['video', 'audio'] as const).filter((k) => c[k]);
  for (const kind of wanted) {
    const name = refuse[kind];
    if (name) throw Object.assign(new Error(`${kind} refused`), { name });
  }
  const stream = new FakeStream(wanted.map((k) => new FakeTrack(k)));
  opened.push(stream);
  return stream;
});

beforeEach(() => {
  refuse = {};
  opened.length = 0;
  getUserMedia.mockClear();
  Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia }, configurable: true });
  vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function setup(props: { pushUrl?: string; muted?: boolean; enableCamera?: boolean } = {}) {
  const ref = createRef<LivePusherHandle>();
  const events: LiveStatusEvent[] = [];
  const errors: LiveErrorEvent[] = [];
  const states: PusherState[] = [];
  const view = render(
    <LivePusher
      ref={ref}
      autopush={false}
      onPushEvent={(e) => events.push(e)}
      onError={(e) => errors.push(e)}
      onStateChange={(s) => states.push(s)}
      {...props}
    />,
  );
  return { ref, events, errors, states, view };
}
const flush = () => act(async () => {});

describe('LivePusher on H5: devices', () => {
  it('opens camera and microphone in one prompt for the preview and reports 1003', async () => {
    const { ref, events, view } = setup();
    await flush();
    expect(getUserMedia).toHaveBeenCalledTimes(1);
    expect(getUserMedia.mock.calls[0]![0]).toMatchObject({ video: { facingMode: { ideal: 'user' } }, audio: {} });
    expect(events.map((e) => e.code)).toEqual([1003]);
    expect(ref.current!.getState()).toMatchObject({ status: 'idle', preview: true });
    const video = view.container.querySelector('video') as HTMLVideoElement & { srcObject: unknown };
    expect(video.srcObject).toBe(opened[0]);
    video.dispatchEvent(new Event('loadeddata'));
    expect(events.map((e) => e.code)).toEqual([1003, 1007]);
  });

  it.each([
    [{ video: 'NotAllowedError' }, 10001, 'permission', 'DEVICE'],
    [{ audio: 'NotAllowedError' }, 10002, 'permission', 'DEVICE'],
    [{ video: 'NotFoundError' }, -1301, 'camera', 'DEVICE'],
    [{ audio: 'NotReadableError' }, -1302, 'microphone', 'DEVICE'],
  ] as const)('maps a refused device %j to %i', async (refusal, code, reason, errorCode) => {
    refuse = refusal;
    const { ref, errors } = setup();
    await flush();
    expect(ref.current!.getState()).toMatchObject({ status: 'error', preview: false, error: { code, reason } });
    expect(errors).toHaveLength(1);
    expect(errors[0]!.error.code).toBe(errorCode);
    // Tracks granted while probing are released.
    expect(opened.flatMap((s) => s.tracks).every((t) => t.stopped)).toBe(true);
    await expect(ref.current!.startPreview()).rejects.toMatchObject({ code: 'DEVICE' });
  });

  it('mute and pause switch the tracks off; stopPreview releases the camera', async () => {
    const { ref } = setup();
    await flush();
    const [video, audio] = [opened[0]!.tracks[0]!, opened[0]!.tracks[1]!];
    await act(() => ref.current!.mute());
    expect(audio.enabled).toBe(false);
    await act(() => ref.current!.mute(false));
    expect(audio.enabled).toBe(true);
    await act(() => ref.current!.stopPreview());
    expect(video.stopped && audio.stopped).toBe(true);
    expect(ref.current!.getState().preview).toBe(false);
  });

  it('enableCamera={false} asks for nothing on mount and for the microphone only when asked', async () => {
    const { ref } = setup({ enableCamera: false });
    await flush();
    expect(getUserMedia.mock.calls).toHaveLength(0);
    await act(() => ref.current!.startPreview());
    expect(getUserMedia.mock.calls).toHaveLength(1);
    expect(getUserMedia.mock.calls[0]![0]).toMatchObject({ video: false, audio: {} });
  });
});

describe('LivePusher on H5: what a browser cannot do', () => {
  it('background music, torch and RTMP pushing reject with NOT_SUPPORTED', async () => {
    const { ref } = setup({ pushUrl: 'rtmp://127.0.0.1/live/x' });
    await flush();
    const p = ref.current!;
    for (const call of [
      () => p.playBGM('https://music.example.com/a.mp3'),
      () => p.stopBGM(),
      () => p.pauseBGM(),
      () => p.resumeBGM(),
      () => p.setBGMVolume(0.5),
      () => p.toggleTorch(),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: 'NOT_SUPPORTED', fatal: true });
    }
    await expect(act(() => p.start())).rejects.toMatchObject({ code: 'NOT_SUPPORTED' });
  });
});
