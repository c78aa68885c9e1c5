import { codeSeverity, type NetStatusInfo, PUSHER_CODE, PUSHER_ERROR } from './codes';
import { defaultRestartPolicy, type RestartPolicy, restartDelay } from './restart-policy';

/**
 * The live pusher as a pure reducer, shaped like the player machine. The push (`status`) and the
 * camera preview (`preview`) are separate: a host previews before going live and keeps the
 * preview after stopping.
 */
export type PusherStatus = 'idle' | 'connecting' | 'pushing' | 'reconnecting' | 'paused' | 'stopped' | 'error';

export type PusherErrorReason =
  | 'fatal-code'
  | 'restarts-exhausted'
  | 'camera'
  | 'microphone'
  | 'permission'
  | 'no-url'
  | 'surface';

export interface PusherError {
  code: number;
  reason: PusherErrorReason;
  message: string;
  fatal: boolean;
}

export type BgmStatus = 'idle' | 'playing' | 'paused';

export interface PusherBase {
  url: string;
  /** The camera preview is showing. */
  preview: boolean;
  /** The current push has sent its first frame (1002 seen). */
  pushed: boolean;
  muted: boolean;
  lastCode: number | null;
  /** The last warning code (1101 congested, 3001–3005, 10003 BGM, 10004 waiting image …). */
  lastWarning: number | null;
  netStatus: NetStatusInfo;
  bgm: { status: BgmStatus; progress: number; duration: number };
  /** Bumped whenever the surface must (re)start pushing. */
  loadId: number;
  restarts: number;
  policy: RestartPolicy;
}

export type PusherState =
  | (PusherBase & { status: 'idle' | 'connecting' | 'pushing' | 'paused' | 'stopped' })
  | (PusherBase & { status: 'reconnecting'; by: 'pusher' | 'restart'; retryInMs: number | null })
  | (PusherBase & { status: 'error'; error: PusherError });

export type BgmPhase = 'start' | 'progress' | 'complete' | 'pause' | 'resume' | 'stop';

export type PusherEvent =
  | { type: 'load'; url: string }
  | { type: 'start'; url?: string }
  | { type: 'stop' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'mute'; muted: boolean }
  | { type: 'startPreview' }
  | { type: 'stopPreview' }
  /** A `bindstatechange` code. */
  | { type: 'code'; code: number }
  /** A `binderror` code (10001–10004). */
  | { type: 'deviceError'; code: number; message?: string }
  | { type: 'bgm'; phase: BgmPhase; progress?: number; duration?: number }
  | { type: 'netStatus'; info: NetStatusInfo }
  | { type: 'restart' }
  | { type: 'fail'; error: PusherError };

export function createPusherState(options: { url?: string; muted?: boolean; policy?: Partial<RestartPolicy> } = {}) {
  const state: PusherState = {
    status: 'idle',
    url: options.url ?? '',
    preview: false,
    pushed: false,
    muted: options.muted ?? false,
    lastCode: null,
    lastWarning: null,
    netStatus: {},
    bgm: { status: 'idle', progress: 0, duration: 0 },
    loadId: 0,
    restarts: 0,
    policy: { ...defaultRestartPolicy, ...options.policy },
  };
  return state;
}

/** Statuses in which a push is under way and the surface's push codes matter. */
export function isPushActive(state: PusherState): boolean {
  return (
    state.status === 'connecting' ||
    state.status === 'pushing' ||
    (state.status === 'reconnecting' && state.retryInMs === null)
  );
}

function base(state: PusherState): PusherBase {
  const { url, preview, pushed, muted, lastCode, lastWarning, netStatus, bgm, loadId, restarts, policy } = state;
  return { url, preview, pushed, muted, lastCode, lastWarning, netStatus, bgm, loadId, restarts, policy };
}

function fail(state: PusherState, error: PusherError, lastCode = state.lastCode): PusherState {
  // A failed device ends the preview (capture is all or nothing); a failed push keeps the camera on for a retry.
  const device = error.reason === 'camera' || error.reason === 'microphone' || error.reason === 'permission';
  const preview = device ? false : state.preview;
  return { ...base(state), lastCode, preview, status: 'error', error };
}

function start(state: PusherState, url: string): PusherState {
  if (!url) return fail(state, { code: 0, reason: 'no-url', message: 'no push URL set', fatal: false });
  return { ...base(state), url, status: 'connecting', pushed: false, loadId: state.loadId + 1, restarts: 0 };
}

function giveUp(state: PusherState, code: number): PusherState {
  const attempt = state.restarts + 1;
  if (attempt > state.policy.maxRestarts) {
    return fail(
      state,
      { code, reason: 'restarts-exhausted', message: 'connection lost and reconnects exhausted', fatal: true },
      code,
    );
  }
  return {
    ...base(state),
    lastCode: code,
    pushed: false,
    restarts: attempt,
    status: 'reconnecting',
    by: 'restart',
    retryInMs: restartDelay(state.policy, attempt),
  };
}

function onCode(state: PusherState, code: number): PusherState {
  if (state.status === 'error') return state;
  const next = { ...state, lastCode: code };
  // Device codes matter whether or not a push runs (the preview uses the camera too).
  switch (code) {
    case PUSHER_CODE.CAMERA_OPEN:
      return { ...next, preview: true };
    case PUSHER_CODE.CAMERA_FAIL:
      return fail(state, { code, reason: 'camera', message: 'could not open the camera', fatal: true }, code);
    case PUSHER_CODE.MIC_FAIL:
      return fail(state, { code, reason: 'microphone', message: 'could not open the microphone', fatal: true }, code);
  }
  // Codes that arrive while waiting to restart come from the dead attempt.
  if (state.status === 'reconnecting' && state.retryInMs !== null) return state;
  const active = isPushActive(state) || state.status === 'paused';
  if (!active) return codeSeverity(code) === 'warning' ? { ...next, lastWarning: code } : next;
  switch (code) {
    case PUSHER_CODE.PUSHING:
      return state.status === 'paused'
        ? { ...next, pushed: true }
        : { ...base(state), lastCode: code, status: 'pushing', pushed: true, restarts: 0 };
    case PUSHER_CODE.RECONNECTING:
      if (state.status === 'reconnecting' || state.status === 'paused') return { ...next, lastWarning: code };
      return {
        ...base(state),
        lastCode: code,
        lastWarning: code,
        status: 'reconnecting',
        by: 'pusher',
        retryInMs: null,
      };
    case PUSHER_CODE.RECONNECTS_EXHAUSTED:
      return giveUp(state, code);
  }
  const severity = codeSeverity(code);
  if (severity === 'fatal') {
    return fail(
      state,
      { code, reason: 'fatal-code', message: `pusher reported fatal code ${code}`, fatal: true },
      code,
    );
  }
  return severity === 'warning' ? { ...next, lastWarning: code } : next;
}

function onDeviceError(state: PusherState, code: number, message: string | undefined): PusherState {
  switch (code) {
    case PUSHER_ERROR.CAMERA_DENIED:
    case PUSHER_ERROR.MIC_DENIED:
      return fail(
        state,
        {
          code,
          reason: 'permission',
          message:
            message ??
            (code === PUSHER_ERROR.CAMERA_DENIED ? 'camera permission denied' : 'microphone permission denied'),
          fatal: true,
        },
        code,
      );
    case PUSHER_ERROR.BGM_LOAD_FAIL:
      return { ...state, lastCode: code, lastWarning: code, bgm: { status: 'idle', progress: 0, duration: 0 } };
    default:
      return { ...state, lastCode: code, lastWarning: code };
  }
}

function onBgm(state: PusherState, phase: BgmPhase, progress?: number, duration?: number): PusherState {
  const bgm = state.bgm;
  switch (phase) {
    case 'start':
      return { ...state, bgm: { status: 'playing', progress: 0, duration: duration ?? bgm.duration } };
    case 'progress':
      return {
        ...state,
        bgm: { status: bgm.status, progress: progress ?? bgm.progress, duration: duration ?? bgm.duration },
      };
    case 'pause':
      return bgm.status === 'playing' ? { ...state, bgm: { ...bgm, status: 'paused' } } : state;
    case 'resume':
      return bgm.status === 'paused' ? { ...state, bgm: { ...bgm, status: 'playing' } } : state;
    case 'complete':
    case 'stop':
      return { ...state, bgm: { status: 'idle', progress: 0, duration: 0 } };
  }
}

export function pusherTransition(state: PusherState, event: PusherEvent): PusherState {
  switch (event.type) {
    case 'load':
      if (event.url === state.url) return state;
      return isPushActive(state) ? start(state, event.url) : { ...state, url: event.url };
    case 'start':
      return start(state, event.url ?? state.url);
    case 'stop':
      return state.status === 'idle' ? state : { ...base(state), status: 'stopped', pushed: false };
    case 'pause':
      return isPushActive(state) ? { ...base(state), status: 'paused' } : state;
    case 'resume':
      if (state.status !== 'paused') return state;
      return { ...base(state), status: state.pushed ? 'pushing' : 'connecting' };
    case 'mute':
      return state.muted === event.muted ? state : { ...state, muted: event.muted };
    case 'startPreview':
      return state.preview ? state : { ...state, preview: true };
    case 'stopPreview':
      return state.preview ? { ...state, preview: false } : state;
    case 'code':
      return onCode(state, event.code);
    case 'deviceError':
      return onDeviceError(state, event.code, event.message);
    case 'bgm':
      return onBgm(state, event.phase, event.progress, event.duration);
    case 'netStatus':
      return { ...state, netStatus: { ...state.netStatus, ...event.info } };
    case 'restart':
      if (state.status !== 'reconnecting' || state.retryInMs === null) return state;
      return { ...state, retryInMs: null, loadId: state.loadId + 1 };
    case 'fail':
      return fail(state, event.error);
  }
}
