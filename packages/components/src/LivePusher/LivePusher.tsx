import { type Clock, LiveSellError } from '@livesell/core';
import {
  createPusherController,
  describeCode,
  type PusherController,
  type PusherEvent,
  type PusherState,
  pusherErrorToLiveSellError,
  type RestartPolicy,
} from '@livesell/core/media';
import { CoverView } from '@tarojs/components';
import {
  type CSSProperties,
  forwardRef,
  type ReactNode,
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import {
  asMediaError,
  mediaCommands,
  mediaDebugStyle,
  mediaRootStyle,
  trackSurfaceCommand,
  useMediaSource,
} from '../media-shared/commands';
import type {
  BgmProgressEvent,
  LiveErrorEvent,
  LiveStatusEvent,
  NetStatusEvent,
  SnapshotResult,
} from '../media-shared/live-events';
import { useStableId } from '../media-shared/stable-id';
import { stateProps } from '../shared/state-props';
import { PusherSurface } from './pusher-surface';
import type { PusherSurfaceHandle, PusherSurfaceReport } from './surface-types';

export interface LivePusherProps {
  /** RTMP push URL on weapp; a WHIP URL on H5 (both signed with `txSecret`). */
  pushUrl?: string;
  /** `SD` (default), `HD`, `FHD` or `RTC`. */
  mode?: 'SD' | 'HD' | 'FHD' | 'RTC';
  orientation?: 'vertical' | 'horizontal';
  muted?: boolean;
  /** Image pushed while the app is in the background (weapp). */
  waitingImage?: string;
  /** Default true. */
  enableCamera?: boolean;
  /** Beauty and whiteness, 0–9 (weapp). */
  beauty?: number;
  whiteness?: number;
  backgroundMute?: boolean;
  autoFocus?: boolean;
  aspect?: '9:16' | '3:4';
  /** Bitrate bounds, kbps (weapp: RTC mode; H5: the WebRTC encoder cap). */
  minBitrate?: number;
  maxBitrate?: number;
  zoom?: boolean;
  /** Initial camera; switch later with `switchCamera()`. */
  devicePosition?: 'front' | 'back';
  audioQuality?: 'high' | 'low';
  mirror?: boolean;
  /** Start pushing as soon as there is a URL. Default true, as in Tencent's live-room plugin. */
  autopush?: boolean;
  /** Shows the pusher state, last code and bitrate over the preview. */
  debug?: boolean;
  id?: string;
  /** Restarts after the platform gives up (−1307). Default 3 restarts, 1 s doubling to 8 s. */
  restartPolicy?: Partial<RestartPolicy>;
  clock?: Clock;
  onPushEvent?: (event: LiveStatusEvent) => void;
  onNetStatus?: (event: NetStatusEvent) => void;
  onError?: (event: LiveErrorEvent) => void;
  onBgmStart?: () => void;
  onBgmProgress?: (event: BgmProgressEvent) => void;
  onBgmComplete?: () => void;
  onAttached?: () => void;
  onStateChange?: (state: PusherState) => void;
  className?: string;
  style?: CSSProperties;
  children?: ReactNode;
}

export interface LivePusherHandle {
  start(): Promise<void>;
  stop(): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  startPreview(): Promise<void>;
  stopPreview(): Promise<void>;
  switchCamera(): Promise<void>;
  toggleTorch(): Promise<void>;
  snapshot(): Promise<SnapshotResult>;
  /** Tencent's live-room plugin passes `{ url }`; a plain URL works too. */
  playBGM(options: string | { url: string }): Promise<void>;
  stopBGM(): Promise<void>;
  pauseBGM(): Promise<void>;
  resumeBGM(): Promise<void>;
  /** 0–1; Tencent's live-room plugin passes `{ volume: '0.5' }`. */
  setBGMVolume(options: number | string | { volume: number | string }): Promise<void>;
  mute(muted?: boolean): Promise<void>;
  getState(): PusherState;
}

/**
 * One live pusher for the mini program and the browser: the native `<live-pusher>` (RTMP) on
 * weapp; on H5 a getUserMedia preview published over WHIP. Both report WeChat's codes into the
 * pusher machine, which restarts the push after −1307.
 */
export const LivePusher = forwardRef<LivePusherHandle, LivePusherProps>(function LivePusher(props, ref) {
  const {
    pushUrl = '',
    mode = 'SD',
    orientation = 'vertical',
    muted = false,
    waitingImage = '',
    enableCamera = true,
    beauty = 0,
    whiteness = 0,
    backgroundMute = false,
    autoFocus = true,
    aspect = '9:16',
    minBitrate = 200,
    maxBitrate = 1000,
    zoom = false,
    devicePosition = 'front',
    audioQuality = 'high',
    mirror = false,
    autopush = true,
    debug = false,
  } = props;
  const id = useStableId('ls-pusher', props.id);
  const latest = useRef(props);
  latest.current = props;
  const surface = useRef<PusherSurfaceHandle>(null);
  const lastCommand = useRef<Promise<void>>(Promise.resolve());

  const [controller] = useState<PusherController>(() =>
    createPusherController({ clock: props.clock, url: pushUrl, muted, restart: props.restartPolicy }),
  );
  const subscribe = useCallback((notify: () => void) => controller.subscribe(notify), [controller]);
  const state = useSyncExternalStore(subscribe, controller.getState, controller.getState);

  useLayoutEffect(() => {
    const drive = (next: PusherState, event: PusherEvent, prev: PusherState) => {
      const s = surface.current;
      let command: Promise<void> | undefined;
      const waiting = (p: PusherState) => p.status === 'reconnecting' && p.retryInMs !== null;
      if (s) {
        if (next.loadId !== prev.loadId && next.url) command = s.start(next.url);
        else if (next.status !== prev.status && (next.status === 'stopped' || next.status === 'error'))
          command = s.stop();
        else if (waiting(next) && !waiting(prev)) command = s.stop();
        else if (next.status === 'paused' && prev.status !== 'paused') command = s.pause();
        else if (prev.status === 'paused' && next.status !== 'paused' && event.type === 'resume') command = s.resume();
        else if (event.type === 'startPreview') command = s.startPreview();
        else if (event.type === 'stopPreview') command = s.stopPreview();
      }
      if (command) trackSurfaceCommand(controller, lastCommand, command, next.loadId);
      const p = latest.current;
      if (event.type === 'code') {
        p.onPushEvent?.({ tag: 'pushEvent', code: event.code, detail: describeCode(event.code) });
      }
      if (event.type === 'netStatus') p.onNetStatus?.({ info: next.netStatus });
      if (event.type === 'bgm') {
        if (event.phase === 'start') p.onBgmStart?.();
        if (event.phase === 'progress') p.onBgmProgress?.({ progress: next.bgm.progress, duration: next.bgm.duration });
        if (event.phase === 'complete') p.onBgmComplete?.();
      }
      if (next.status === 'error' && prev.status !== 'error') {
        p.onError?.({
          tag: 'error',
          code: next.error.code,
          detail: next.error.message,
          error: pusherErrorToLiveSellError(next.error),
        });
      }
      if (next !== prev) p.onStateChange?.(next);
    };
    return controller.subscribe(drive);
  }, [controller]);

  useEffect(() => {
    latest.current.onAttached?.();
    // The native pusher previews as soon as it is on the page; the H5 one asks for the camera here.
    if (latest.current.enableCamera !== false) controller.dispatch({ type: 'startPreview' });
    return () => {
      controller.dispatch({ type: 'stop' });
      controller.dispatch({ type: 'stopPreview' });
    };
  }, [controller]);

  useMediaSource(controller, pushUrl, autopush, 'start', muted);

  const report = useMemo<PusherSurfaceReport>(
    () => ({
      code: (code) => controller.dispatch({ type: 'code', code }),
      deviceError: (code, message) => controller.dispatch({ type: 'deviceError', code, message }),
      bgm: (phase, progress, duration) => controller.dispatch({ type: 'bgm', phase, progress, duration }),
      netStatus: (info) => controller.dispatch({ type: 'netStatus', info }),
      fail: (error) => controller.dispatch({ type: 'fail', error }),
    }),
    [controller],
  );

  useImperativeHandle(ref, (): LivePusherHandle => {
    const { command, withSurface } = mediaCommands<PusherState, PusherEvent, PusherSurfaceHandle>({
      controller,
      lastCommand,
      surface,
      missingUrl: (s) => s.status === 'error' && s.error.reason === 'no-url',
      urlProp: 'pushUrl',
      what: 'pusher',
    });
    return {
      start: () => command({ type: 'start' }),
      stop: () => command({ type: 'stop' }),
      pause: () => command({ type: 'pause' }),
      resume: () => command({ type: 'resume' }),
      startPreview: () => command({ type: 'startPreview' }),
      stopPreview: () => command({ type: 'stopPreview' }),
      switchCamera: () => withSurface((s) => s.switchCamera()),
      toggleTorch: () => withSurface((s) => s.toggleTorch()),
      snapshot: async () => {
        const s = surface.current;
        if (!s) throw new LiveSellError('NOT_READY', 'the pusher is not mounted');
        return s.snapshot().catch((cause: unknown) => {
          throw asMediaError(cause);
        });
      },
      playBGM: (options) => {
        const url = typeof options === 'string' ? options : options?.url;
        if (typeof url !== 'string' || !/^(https?:\/\/|wxfile:\/\/|blob:)/.test(url)) {
          return Promise.reject(new LiveSellError('INVALID_ARGUMENT', 'playBGM needs an http(s) or local file URL'));
        }
        return withSurface((s) => s.playBGM(url));
      },
      stopBGM: () => withSurface((s) => s.stopBGM()),
      pauseBGM: () => withSurface((s) => s.pauseBGM()),
      resumeBGM: () => withSurface((s) => s.resumeBGM()),
      setBGMVolume: (options) => {
        const raw = typeof options === 'object' ? options.volume : options;
        const volume = typeof raw === 'string' ? Number(raw) : raw;
        if (!Number.isFinite(volume) || volume < 0 || volume > 1) {
          return Promise.reject(new LiveSellError('INVALID_ARGUMENT', 'the BGM volume is a number from 0 to 1'));
        }
        return withSurface((s) => s.setBGMVolume(volume));
      },
      mute: async (m = true) => controller.dispatch({ type: 'mute', muted: m }),
      getState: controller.getState,
    };
  }, [controller]);

  const root = stateProps('ls-pusher', state.status, props.className);
  return (
    <PusherSurface
      ref={surface}
      id={id}
      url={state.url}
      mode={mode}
      orientation={orientation}
      muted={state.muted}
      waitingImage={waitingImage}
      enableCamera={enableCamera}
      beauty={Math.max(0, Math.min(9, beauty))}
      whiteness={Math.max(0, Math.min(9, whiteness))}
      backgroundMute={backgroundMute}
      autoFocus={autoFocus}
      aspect={aspect}
      minBitrate={minBitrate}
      maxBitrate={maxBitrate}
      zoom={zoom}
      devicePosition={devicePosition}
      audioQuality={audioQuality}
      mirror={mirror}
      report={report}
      className={root.className}
      dataState={root['data-state']}
      style={{ ...mediaRootStyle, ...props.style }}
    >
      {props.children}
      {debug ? (
        <CoverView className="ls-pusher__debug" style={mediaDebugStyle}>
          {`${state.status} ${state.lastCode ?? ''}${state.preview ? ' preview' : ''}\n${state.netStatus.videoBitrate ?? '-'} kbps ${state.netStatus.videoFPS ?? '-'} fps`}
        </CoverView>
      ) : null}
    </PusherSurface>
  );
});
