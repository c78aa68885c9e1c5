import type { Clock, RoomPhase } from '@livesell/core';
import {
  createPlayerController,
  describeCode,
  type PlayerController,
  type PlayerEvent,
  type PlayerState,
  playerErrorToLiveSellError,
  type RestartPolicy,
  type WatchdogOptions,
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
import { useOptionalRoomPhase } from '../hooks/useRoomPhase';
import {
  mediaCommands,
  mediaDebugStyle,
  mediaRootStyle,
  trackSurfaceCommand,
  useMediaSource,
} from '../media-shared/commands';
import type {
  FullScreenChangeEvent,
  LiveErrorEvent,
  LiveStatusEvent,
  NetStatusEvent,
  SnapshotResult,
} from '../media-shared/live-events';
import type { PlaybackLoaders } from '../media-shared/loaders';
import { currentMediaPlatform } from '../media-shared/platform';
import { useStableId } from '../media-shared/stable-id';
import { stateProps } from '../shared/state-props';
import { PlayerSurface } from './player-surface';
import type { PlayerSurfaceHandle, PlayerSurfaceReport } from './surface-types';

export interface LivePlayerProps {
  /** The play URL: FLV/RTMP on weapp; FLV, HLS or WHEP on H5 (see `usePlayUrl`). */
  playUrl?: string;
  /** `live` (default) or `RTC` (lower latency; weapp). */
  mode?: 'live' | 'RTC';
  orientation?: 'vertical' | 'horizontal';
  objectFit?: 'contain' | 'fillCrop';
  /** Minimum / maximum buffer, seconds (weapp). */
  minCache?: number;
  maxCache?: number;
  muted?: boolean;
  /** Shows the player state, last code and net status over the video. */
  debug?: boolean;
  /** `speaker` (default) or `ear` (weapp). */
  soundMode?: 'speaker' | 'ear';
  /** Start as soon as there is a URL. Default false, as in Tencent's live-room plugin. */
  autoplay?: boolean;
  /** Pause when the page is left (weapp). Default true. */
  autopause?: boolean;
  backgroundMute?: boolean;
  id?: string;
  /** Restarts after the platform gives up (−2301). Default 3 restarts, 1 s doubling to 8 s. */
  restartPolicy?: Partial<RestartPolicy>;
  /** Stall (5 s on H5, 8 s on weapp) and first-frame (10 s) detection; `false` turns it off. */
  watchdog?: Partial<WatchdogOptions> | false;
  clock?: Clock;
  /** H5: how hls.js / mpegts.js are imported (default: lazily, on first use). */
  h5Loaders?: Partial<PlaybackLoaders>;
  onPlayEvent?: (event: LiveStatusEvent) => void;
  onNetStatus?: (event: NetStatusEvent) => void;
  onFullScreenChange?: (event: FullScreenChangeEvent) => void;
  onError?: (event: LiveErrorEvent) => void;
  /** After the player has mounted (the live-room plugin's `bindAttachedEvent`). */
  onAttached?: () => void;
  onStateChange?: (state: PlayerState) => void;
  className?: string;
  style?: CSSProperties;
  /**
   * The room's lifecycle phase. Inside a `LiveRoomProvider` the player follows the room by itself;
   * pass a phase to drive it yourself, or `followRoom={false}` to ignore the room. While `paused` the
   * player stops pulling and shows the paused slate; at `ended` it stops and shows the ended slate;
   * back to `live` it starts again (with `autoplay`).
   */
  roomPhase?: RoomPhase;
  /** Follow the enclosing room's lifecycle. Default true. */
  followRoom?: boolean;
  /** Slate texts. */
  slateLabels?: Partial<PlayerSlateLabels>;
  /** Draws the slate yourself (`null` hides it). */
  renderSlate?: (phase: 'paused' | 'ended') => ReactNode;
  /** Overlays drawn above the video (weapp: see the cover-view note in the docs). */
  children?: ReactNode;
}

export interface PlayerSlateLabels {
  paused: string;
  pausedHint: string;
  ended: string;
  endedHint: string;
}

export const DEFAULT_PLAYER_SLATE_LABELS: PlayerSlateLabels = {
  paused: 'Paused',
  pausedHint: 'The host will be right back',
  ended: 'The show has ended',
  endedHint: 'Thanks for watching',
};

const slateStyle: CSSProperties = {
  position: 'absolute',
  left: 0,
  top: 0,
  right: 0,
  bottom: 0,
  display: 'flex',
  flexDirection: 'column',
  alignItems: 'center',
  // High in the frame: the middle and the bottom belong to the room's own overlays (coupon, goods, chat).
  justifyContent: 'flex-start',
  paddingTop: '32%',
  background: 'linear-gradient(160deg, #1f2937 0%, #111827 60%, #0b0f17 100%)',
  color: '#f9fafb',
  textAlign: 'center',
  paddingLeft: '24px',
  paddingRight: '24px',
};
const slateTitleStyle: CSSProperties = { fontSize: '20px', fontWeight: 600, lineHeight: 1.4 };
const slateHintStyle: CSSProperties = { fontSize: '14px', lineHeight: 1.5, color: '#d1d5db', marginTop: '6px' };

export interface LivePlayerHandle {
  /** Starts (or restarts) playback of `playUrl`; resolves once the platform accepted it. */
  start(): Promise<void>;
  stop(): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Mutes (default) or unmutes. */
  mute(muted?: boolean): Promise<void>;
  /** `true`/options enter full screen, `false` leaves it (the live-room plugin's `requestFullScreen(false)`). */
  requestFullScreen(options?: boolean | { direction?: 0 | 90 | -90 }): Promise<void>;
  exitFullScreen(): Promise<void>;
  snapshot(): Promise<SnapshotResult>;
  getState(): PlayerState;
}

/**
 * One live player for the mini program and the browser. The weapp build renders the native
 * `<live-player>`; the H5 build a `<video>` fed by hls.js (HLS) or mpegts.js (FLV), each loaded
 * on first use. Both report WeChat's codes into one player machine, which adds a stall watchdog
 * and restarts after −2301, so a viewer is not left with a frozen picture.
 */
export const LivePlayer = forwardRef<LivePlayerHandle, LivePlayerProps>(function LivePlayer(props, ref) {
  const {
    playUrl = '',
    mode = 'live',
    orientation = 'vertical',
    objectFit = 'contain',
    minCache = 1,
    maxCache = 3,
    muted = false,
    debug = false,
    soundMode = 'speaker',
    autoplay = false,
    autopause = true,
    backgroundMute = false,
  } = props;
  const id = useStableId('ls-player', props.id);
  const latest = useRef(props);
  latest.current = props;
  const surface = useRef<PlayerSurfaceHandle>(null);
  const lastCommand = useRef<Promise<void>>(Promise.resolve());
  const roomPhaseNow = useOptionalRoomPhase();
  const phase = props.roomPhase ?? (props.followRoom === false ? undefined : roomPhaseNow);
  // Paused or ended: nothing to pull. The URL is kept aside so that going live again starts it.
  const halted = phase === 'paused' || phase === 'ended';

  const [controller] = useState<PlayerController>(() =>
    createPlayerController({
      clock: props.clock,
      url: playUrl,
      muted,
      restart: props.restartPolicy,
      // The native player notices stutters itself (2105/2103) and reports frames only through net
      // status every second or two: its watchdog is a backstop with a longer stall limit.
      watchdog: props.watchdog ?? (currentMediaPlatform() === 'weapp' ? { stallMs: 8000 } : undefined),
    }),
  );
  const subscribe = useCallback((notify: () => void) => controller.subscribe(notify), [controller]);
  const state = useSyncExternalStore(subscribe, controller.getState, controller.getState);

  // Machine transitions → surface commands and app events, synchronously, so `start()` can return
  // the very command its dispatch caused.
  useLayoutEffect(() => {
    const drive = (next: PlayerState, event: PlayerEvent, prev: PlayerState) => {
      const s = surface.current;
      let command: Promise<void> | undefined;
      const waiting = (p: PlayerState) => p.status === 'reconnecting' && p.retryInMs !== null;
      if (s) {
        if (next.loadId !== prev.loadId && next.url) command = s.play(next.url);
        else if (next.status !== prev.status && (next.status === 'stopped' || next.status === 'error'))
          command = s.stop(next.status === 'stopped');
        else if (waiting(next) && !waiting(prev)) command = s.stop();
        else if (next.status === 'paused' && prev.status !== 'paused') command = s.pause();
        else if (prev.status === 'paused' && next.status === 'buffering') command = s.resume();
      }
      if (command) trackSurfaceCommand(controller, lastCommand, command, next.loadId);
      const p = latest.current;
      if (event.type === 'code') {
        p.onPlayEvent?.({
          tag: 'playEvent',
          code: event.code,
          detail: describeCode(event.code),
          ...(event.source === 'watchdog' ? { synthetic: true } : {}),
        });
      }
      if (event.type === 'netStatus') p.onNetStatus?.({ info: next.netStatus });
      if (next.status === 'error' && prev.status !== 'error') {
        p.onError?.({
          tag: 'error',
          code: next.error.code,
          detail: next.error.message,
          error: playerErrorToLiveSellError(next.error),
        });
      }
      if (next !== prev) p.onStateChange?.(next);
    };
    return controller.subscribe(drive);
  }, [controller]);

  useEffect(() => {
    latest.current.onAttached?.();
    // Unmounting stops playback, which also disarms the watchdog and restart timers.
    return () => controller.dispatch({ type: 'stop' });
  }, [controller]);

  // The room's lifecycle: stop pulling while paused or ended, start again when the room is live.
  // Before `useMediaSource`, so that the stop comes first and a restart carries the URL.
  useEffect(() => {
    if (halted) {
      controller.dispatch({ type: 'stop' });
      return;
    }
    const s = controller.getState();
    if (phase === 'live' && autoplay && playUrl && s.status === 'stopped') {
      controller.dispatch({ type: 'play', url: playUrl });
    }
  }, [controller, halted, phase, autoplay, playUrl]);

  useMediaSource(controller, halted ? '' : playUrl, autoplay && !halted, 'play', muted);

  const report = useMemo<PlayerSurfaceReport>(
    () => ({
      code: (code) => controller.dispatch({ type: 'code', code }),
      progress: () => controller.dispatch({ type: 'progress' }),
      netStatus: (info) => controller.dispatch({ type: 'netStatus', info }),
      fullScreenChange: (event) => latest.current.onFullScreenChange?.(event),
      fail: (error) => controller.dispatch({ type: 'fail', error }),
      autoMuted: () => controller.dispatch({ type: 'mute', muted: true }),
    }),
    [controller],
  );

  useImperativeHandle(ref, (): LivePlayerHandle => {
    const { command, withSurface } = mediaCommands<PlayerState, PlayerEvent, PlayerSurfaceHandle>({
      controller,
      lastCommand,
      surface,
      missingUrl: (s) => s.status === 'error' && s.error.reason === 'no-url',
      urlProp: 'playUrl',
      what: 'player',
    });
    return {
      start: () => command({ type: 'play' }),
      stop: () => command({ type: 'stop' }),
      pause: () => command({ type: 'pause' }),
      resume: () => command({ type: 'resume' }),
      mute: async (m = true) => controller.dispatch({ type: 'mute', muted: m }),
      requestFullScreen: (options = true) => {
        if (options === false) return withSurface((s) => s.exitFullScreen());
        const given = typeof options === 'object' ? options.direction : undefined;
        const direction = given ?? (latest.current.orientation === 'horizontal' ? 90 : 0);
        return withSurface((s) => s.requestFullScreen(direction));
      },
      exitFullScreen: () => withSurface((s) => s.exitFullScreen()),
      snapshot: () => withSurface((s) => s.snapshot()),
      getState: controller.getState,
    };
  }, [controller]);

  const root = stateProps('ls-player', state.status, props.className);
  const labels = { ...DEFAULT_PLAYER_SLATE_LABELS, ...props.slateLabels };
  const slate = halted ? (
    props.renderSlate ? (
      props.renderSlate(phase)
    ) : (
      <CoverView className={`ls-player__slate ls-player__slate--${phase}`} style={slateStyle}>
        <CoverView className="ls-player__slate-title" style={slateTitleStyle} {...{ role: 'status' }}>
          {phase === 'paused' ? labels.paused : labels.ended}
        </CoverView>
        <CoverView className="ls-player__slate-hint" style={slateHintStyle}>
          {phase === 'paused' ? labels.pausedHint : labels.endedHint}
        </CoverView>
      </CoverView>
    )
  ) : null;
  return (
    <PlayerSurface
      ref={surface}
      id={id}
      mode={mode}
      orientation={orientation}
      objectFit={objectFit}
      minCache={minCache}
      maxCache={maxCache}
      muted={state.muted}
      soundMode={soundMode}
      autopause={autopause}
      backgroundMute={backgroundMute}
      report={report}
      loaders={props.h5Loaders}
      className={root.className}
      dataState={root['data-state']}
      style={{ ...mediaRootStyle, ...props.style }}
    >
      {slate}
      {props.children}
      {debug ? (
        <CoverView className="ls-player__debug" style={mediaDebugStyle}>
          {`${state.status} ${state.lastCode ?? ''}\n${state.netStatus.videoBitrate ?? '-'} kbps ${state.netStatus.videoFPS ?? '-'} fps`}
        </CoverView>
      ) : null}
    </PlayerSurface>
  );
});
