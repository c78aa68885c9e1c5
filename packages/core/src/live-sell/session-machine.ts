import type { NetworkState } from './events';

/**
 * The `TIMLiveSell` session lifecycle as a pure reducer, run by `createMachineRunner` in
 * `session.ts` (the effects — SDK calls, promises, events — live there, as the media machines'
 * timers live in their controllers).
 *
 * - `idle`: not logged in (`autoLogin: false`, a failed login, or the server forgot the session).
 * - `loggingIn`: a login is in progress (`attempt` numbers it, so a late answer of an older one is ignored).
 * - `ready`: logged in.
 * - `kicked`: logged in elsewhere; public calls are refused until `login()` takes over.
 * - `destroying`: `destroy()` was called; public calls are refused, the final like flush still sends.
 * - `destroyed`: the SDK is being (or was) released; nothing is sent any more.
 */
export type SessionStatus = 'idle' | 'loggingIn' | 'ready' | 'kicked' | 'destroying' | 'destroyed';

/** Rejoining the room after a lost connection: `needed` until connected again, `running` while it runs. */
export type ResyncStatus = 'none' | 'needed' | 'running';

export interface SessionState {
  status: SessionStatus;
  /** Number of the latest login attempt. */
  attempt: number;
  /** Whether a login ever completed: later SDK_READY events are then passed on, and destroy flushes likes. */
  wasReady: boolean;
  /** The SDK's own readiness (SDK_READY / SDK_NOT_READY). */
  sdkReady: boolean;
  joined: boolean;
  network: NetworkState;
  resync: ResyncStatus;
}

export type SessionEvent =
  /** `login()` with no login in progress or done: starts attempt `attempt + 1`. */
  | { type: 'login' }
  | { type: 'loginDone'; attempt: number }
  | { type: 'loginFailed'; attempt: number }
  /** The server no longer knows the session (a rejoin answered "not logged in"): log in again. */
  | { type: 'loginLost' }
  /** SDK_READY (`ready: true`) or SDK_NOT_READY. */
  | { type: 'sdk'; ready: boolean }
  | { type: 'kicked' }
  | { type: 'network'; state: NetworkState }
  /** joinRoom() (`joined: true`) or exitRoom() succeeded. */
  | { type: 'room'; joined: boolean }
  /** A resync starts, or ends `done` or `failed`. */
  | { type: 'resync'; step: 'start' | 'done' | 'failed' }
  | { type: 'destroy' }
  /** The final sends are done: the SDK is released next. */
  | { type: 'close' };

export function createSessionState(): SessionState {
  return {
    status: 'idle',
    attempt: 0,
    wasReady: false,
    sdkReady: false,
    joined: false,
    network: 'connected',
    resync: 'none',
  };
}

const current = (state: SessionState, attempt: number) => state.status === 'loggingIn' && state.attempt === attempt;
const isClosing = (status: SessionStatus) => status === 'destroying' || status === 'destroyed';

// A copy with some fields changed. Object.assign, not an object spread: ES2015 output lowers every
// spread into a large helper, which counts against the live-room import's size budget.
const update = (state: SessionState, change: Partial<SessionState>): SessionState => Object.assign({}, state, change);

export function sessionTransition(state: SessionState, event: SessionEvent): SessionState {
  const { status, resync } = state;
  if (status === 'destroyed') return state;
  switch (event.type) {
    case 'login':
      return status === 'idle' || status === 'kicked'
        ? update(state, { status: 'loggingIn', attempt: state.attempt + 1 })
        : state;
    case 'loginDone':
      // An older login that completes (after a kick, or during destroy) still counts as having been ready.
      return update(state, { status: current(state, event.attempt) ? 'ready' : status, wasReady: true });
    case 'loginFailed':
      return current(state, event.attempt) ? update(state, { status: 'idle' }) : state;
    case 'loginLost':
      return update(state, { status: status === 'ready' || status === 'loggingIn' ? 'idle' : status, sdkReady: false });
    case 'sdk':
      return update(state, { sdkReady: event.ready });
    case 'kicked':
      // A pending resync stays pending: after login() takes over, the reconnect rejoins the room.
      return update(state, { status: isClosing(status) ? status : 'kicked', joined: false, sdkReady: false });
    case 'network':
      return update(state, {
        network: event.state,
        resync: event.state !== 'connected' && state.joined && resync === 'none' ? 'needed' : resync,
      });
    // Joining or leaving settles the room: nothing left to resync (a resync still running ends as it may).
    case 'room':
      return update(state, { joined: event.joined, resync: 'none' });
    case 'resync': {
      // needed → running (start) → none (done) or needed again (failed); any other step changes nothing.
      const next =
        event.step === 'start'
          ? resync === 'needed' && 'running'
          : resync === 'running' && (event.step === 'done' ? 'none' : 'needed');
      return next ? update(state, { resync: next }) : state;
    }
    case 'destroy':
      return isClosing(status) ? state : update(state, { status: 'destroying' });
    case 'close':
      return update(state, { status: 'destroyed', joined: false });
  }
}

/** What `isReady` reports: logged in at least once, the SDK ready, neither kicked nor destroyed. */
export function isSessionReady(state: SessionState): boolean {
  return state.wasReady && state.sdkReady && refusal(state) === undefined;
}

/** Why a public call is refused right now, or undefined when it may go ahead (logging in first if needed). */
export function refusal(state: SessionState): 'DESTROYED' | 'KICKED' | undefined {
  return isClosing(state.status) ? 'DESTROYED' : state.status === 'kicked' ? 'KICKED' : undefined;
}

/** Whether SDK_READY from the SDK is passed on: after the first login, unless a login is in progress. */
export function passesSdkReady(state: SessionState): boolean {
  return state.wasReady && state.status !== 'loggingIn' && state.status !== 'destroyed';
}
