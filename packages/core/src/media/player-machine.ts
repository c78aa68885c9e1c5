import { codeSeverity, type NetStatusInfo, PLAYER_CODE } from './codes';
import { defaultRestartPolicy, type RestartPolicy, restartDelay } from './restart-policy';

/**
 * The live player as a pure reducer. Both surfaces (weapp `<live-player>`, H5 `<video>`) only
 * report codes and progress; every decision — buffering, reconnecting, restarting, giving up —
 * is made here, so both platforms behave alike and the tests replay code sequences.
 */
export type PlayerStatus =
  | 'idle'
  | 'connecting'
  | 'playing'
  | 'buffering'
  | 'reconnecting'
  | 'paused'
  | 'stopped'
  | 'ended'
  | 'error';

export type PlayerErrorReason = 'fatal-code' | 'restarts-exhausted' | 'first-frame-timeout' | 'no-url' | 'surface';

export interface PlayerError {
  /** The player code that caused it (e.g. −2301), or 0 when none applies. */
  code: number;
  reason: PlayerErrorReason;
  message: string;
  /** False when calling `start()` again may help. */
  fatal: boolean;
}

export interface PlayerBase {
  url: string;
  muted: boolean;
  /** The last code reported (or synthesised by the watchdog), null before the first. */
  lastCode: number | null;
  netStatus: NetStatusInfo;
  /** Bumped whenever the surface must (re)load the source. */
  loadId: number;
  /** Whether the current load has shown a frame. */
  firstFrame: boolean;
  /** Restarts used since playback last began. */
  restarts: number;
  policy: RestartPolicy;
}

/** Who is reconnecting: the platform player itself, the watchdog's reload, or the restart policy. */
export type ReconnectBy = 'player' | 'watchdog' | 'restart';

export type PlayerState =
  | (PlayerBase & { status: 'idle' | 'connecting' | 'playing' | 'buffering' | 'paused' | 'stopped' | 'ended' })
  | (PlayerBase & {
      status: 'reconnecting';
      by: ReconnectBy;
      /** Set while waiting to restart: the controller fires `restart` after this many ms. */
      retryInMs: number | null;
    })
  | (PlayerBase & { status: 'error'; error: PlayerError });

export type PlayerEvent =
  /** Sets the source. A playing player reloads; an idle one just remembers it. */
  | { type: 'load'; url: string }
  | { type: 'play'; url?: string }
  | { type: 'stop' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'mute'; muted: boolean }
  /** A platform code; `source: 'watchdog'` marks codes the watchdog synthesised (a 2103 then reloads). */
  | { type: 'code'; code: number; source?: 'player' | 'watchdog' }
  /** The picture moved on (H5 `timeupdate`, weapp net status with frames). */
  | { type: 'progress' }
  | { type: 'netStatus'; info: NetStatusInfo }
  | { type: 'firstFrameTimeout' }
  /** The restart policy's back-off elapsed. */
  | { type: 'restart' }
  | { type: 'fail'; error: PlayerError };

export function createPlayerState(options: { url?: string; muted?: boolean; policy?: Partial<RestartPolicy> } = {}) {
  const state: PlayerState = {
    status: 'idle',
    url: options.url ?? '',
    muted: options.muted ?? false,
    lastCode: null,
    netStatus: {},
    loadId: 0,
    firstFrame: false,
    restarts: 0,
    policy: { ...defaultRestartPolicy, ...options.policy },
  };
  return state;
}

/** Statuses in which the source is (being) loaded and codes from the surface matter. */
export function isPlayerActive(state: PlayerState): boolean {
  return (
    state.status === 'connecting' ||
    state.status === 'playing' ||
    state.status === 'buffering' ||
    (state.status === 'reconnecting' && state.retryInMs === null)
  );
}

function base(state: PlayerState): PlayerBase {
  const { url, muted, lastCode, netStatus, loadId, firstFrame, restarts, policy } = state;
  return { url, muted, lastCode, netStatus, loadId, firstFrame, restarts, policy };
}

function load(state: PlayerState, url: string): PlayerState {
  if (!url) {
    return {
      ...base(state),
      status: 'error',
      error: { code: 0, reason: 'no-url', message: 'no play URL set', fatal: false },
    };
  }
  return { ...base(state), url, status: 'connecting', loadId: state.loadId + 1, firstFrame: false, restarts: 0 };
}

/** After a give-up: restart with back-off while the policy allows, else fail for good. */
function giveUp(state: PlayerState, code: number, message: string): PlayerState {
  const attempt = state.restarts + 1;
  if (attempt > state.policy.maxRestarts) {
    return {
      ...base(state),
      lastCode: code,
      status: 'error',
      error: { code, reason: 'restarts-exhausted', message, fatal: true },
    };
  }
  return {
    ...base(state),
    lastCode: code,
    status: 'reconnecting',
    by: 'restart',
    retryInMs: restartDelay(state.policy, attempt),
    restarts: attempt,
    firstFrame: false,
  };
}

function onCode(state: PlayerState, code: number, source: 'player' | 'watchdog'): PlayerState {
  const s = state.status;
  if (s === 'idle' || s === 'stopped' || s === 'ended' || s === 'error') return state;
  if (s === 'reconnecting' && state.retryInMs !== null) return state;
  if (s === 'paused' && codeSeverity(code) !== 'fatal') return { ...state, lastCode: code };
  const next = { ...base(state), lastCode: code };
  switch (code) {
    case PLAYER_CODE.FIRST_I_FRAME:
      return { ...state, ...next, firstFrame: true };
    case PLAYER_CODE.PLAY_BEGIN:
      return { ...next, status: 'playing', firstFrame: true, restarts: 0 };
    case PLAYER_CODE.PROGRESS:
      return state.firstFrame && (s === 'buffering' || s === 'reconnecting')
        ? { ...next, status: 'playing' }
        : { ...state, ...next };
    case PLAYER_CODE.END:
      return { ...next, status: 'ended' };
    case PLAYER_CODE.LOADING:
    case PLAYER_CODE.STUTTER:
      return s === 'playing' ? { ...next, status: 'buffering' } : { ...state, ...next };
    case PLAYER_CODE.RECONNECTING:
      if (source === 'watchdog') {
        return {
          ...next,
          status: 'reconnecting',
          by: 'watchdog',
          retryInMs: null,
          loadId: state.loadId + 1,
          firstFrame: false,
        };
      }
      return s === 'reconnecting'
        ? { ...state, ...next }
        : { ...next, status: 'reconnecting', by: 'player', retryInMs: null, firstFrame: false };
    case PLAYER_CODE.RECONNECTS_EXHAUSTED:
      return giveUp(state, code, 'connection lost and reconnects exhausted');
  }
  if (codeSeverity(code) === 'fatal') {
    return {
      ...next,
      status: 'error',
      error: { code, reason: 'fatal-code', message: `player reported fatal code ${code}`, fatal: true },
    };
  }
  return { ...state, ...next };
}

export function playerTransition(state: PlayerState, event: PlayerEvent): PlayerState {
  switch (event.type) {
    case 'load':
      if (event.url === state.url) return state;
      if (isPlayerActive(state) || state.status === 'reconnecting') return load(state, event.url);
      return { ...state, url: event.url };
    case 'play':
      return load(state, event.url ?? state.url);
    case 'stop':
      return state.status === 'idle' ? state : { ...base(state), status: 'stopped', firstFrame: false };
    case 'pause':
      return isPlayerActive(state) || state.status === 'reconnecting' ? { ...base(state), status: 'paused' } : state;
    case 'resume':
      if (state.status !== 'paused') return state;
      // A paused live stream resumes at the live edge: wait for fresh frames before "playing".
      return state.firstFrame ? { ...base(state), status: 'buffering' } : load(state, state.url);
    case 'mute':
      return state.muted === event.muted ? state : { ...state, muted: event.muted };
    case 'code':
      return onCode(state, event.code, event.source ?? 'player');
    case 'progress':
      if (!isPlayerActive(state)) return state;
      if (state.status === 'playing') return state.firstFrame ? state : { ...state, firstFrame: true };
      return { ...base(state), status: 'playing', firstFrame: true, restarts: 0 };
    case 'netStatus':
      return { ...state, netStatus: { ...state.netStatus, ...event.info } };
    case 'firstFrameTimeout':
      if (!isPlayerActive(state) || state.firstFrame) return state;
      if (state.status === 'reconnecting') {
        return giveUp(state, PLAYER_CODE.RECONNECTS_EXHAUSTED, 'no picture after reconnecting');
      }
      return {
        ...base(state),
        status: 'error',
        error: {
          code: 0,
          reason: 'first-frame-timeout',
          message: 'no picture within the first-frame timeout',
          fatal: false,
        },
      };
    case 'restart':
      if (state.status !== 'reconnecting' || state.retryInMs === null) return state;
      return { ...state, retryInMs: null, loadId: state.loadId + 1, firstFrame: false };
    case 'fail':
      if (state.status === 'idle' || state.status === 'stopped') return state;
      return { ...base(state), status: 'error', error: event.error };
  }
}
