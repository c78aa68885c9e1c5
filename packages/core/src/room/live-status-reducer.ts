import {
  ABNORMAL_TIMEOUT_MS,
  type HostStatus,
  isLiveStatusCode,
  LIVE_STATUS,
  type LiveStatusCode,
  parseRoomStatusField,
} from './live-status-codes';

/**
 * One live status for the UI, merged from WeChat's reports (`getLiveStatus` / `getliveinfo`) and
 * the IM `room_status` field, with WeChat's time rules applied by the kit:
 * - 106 (abnormal) not recovered within 15 minutes becomes 103 (ended);
 * - 102 (not started) past the planned end time is 107 (expired) — WeChat itself keeps reporting 102.
 * Every action carries its time, so the reducer is pure; `createLiveStatusMachine` adds the clock.
 */
export interface LiveStatusState {
  /** `null` until a report, a room status or a schedule says anything. */
  status: LiveStatusCode | null;
  /** When `status` was entered (ms). */
  since: number | null;
  /** The last code WeChat (or a backend mirroring it into `room_status`) reported, uncorrected. */
  reported: LiveStatusCode | null;
  /** The last host value read from the IM `room_status` field. */
  host: HostStatus | null;
  plannedStart: number | null;
  plannedEnd: number | null;
  /** Start of the current abnormal episode (ms); kept when it times out into 103. */
  abnormalSince: number | null;
  /** Inputs that were not understood (unknown codes or field values) and so changed nothing. */
  ignored: number;
}

export type LiveStatusAction =
  /** A code from WeChat (`getLiveStatus().liveStatus` or a room's `live_status`). */
  | { type: 'reported'; status: number; at: number }
  /** The raw IM `room_status` group custom field value (e.g. from `ROOM_STATUS_CHANGE`). */
  | { type: 'room-status'; value: string; at: number }
  /** Planned start/end (ms), e.g. `start_time * 1000` / `end_time * 1000` from `getliveinfo`; 0 = none. */
  | { type: 'schedule'; plannedStart?: number | null; plannedEnd?: number | null; at: number }
  /** Time passed: re-applies the time rules. */
  | { type: 'tick'; at: number };

export type LiveStatusChangeReason = 'reported' | 'room-status' | 'abnormal-timeout' | 'expired';

export interface LiveStatusChange {
  type: 'change';
  from: LiveStatusCode | null;
  to: LiveStatusCode;
  reason: LiveStatusChangeReason;
  at: number;
}

export interface LiveStatusIgnored {
  type: 'ignored';
  input: 'reported' | 'room-status';
  value: unknown;
  at: number;
}

export type LiveStatusEvent = LiveStatusChange | LiveStatusIgnored;

export interface LiveStatusResult {
  state: LiveStatusState;
  events: LiveStatusEvent[];
}

export interface LiveStatusRules {
  abnormalTimeoutMs?: number;
}

export function initialLiveStatusState(partial: Partial<LiveStatusState> = {}): LiveStatusState {
  return {
    status: null,
    since: null,
    reported: null,
    host: null,
    plannedStart: null,
    plannedEnd: null,
    abnormalSince: null,
    ignored: 0,
    ...partial,
  };
}

/**
 * Verdicts of the platform that a host coming back online cannot undo: ended, banned, expired.
 */
const PLATFORM_FINAL: ReadonlySet<LiveStatusCode> = new Set([
  LIVE_STATUS.ENDED,
  LIVE_STATUS.BANNED,
  LIVE_STATUS.EXPIRED,
]);

export function reduceLiveStatus(
  state: LiveStatusState,
  action: LiveStatusAction,
  rules: LiveStatusRules = {},
): LiveStatusResult {
  const timeout = rules.abnormalTimeoutMs ?? ABNORMAL_TIMEOUT_MS;
  const at = action.at;
  let next: LiveStatusState = state;
  let target: LiveStatusCode | null = state.status;
  let reason: LiveStatusChangeReason = 'expired';

  switch (action.type) {
    case 'reported': {
      if (!isLiveStatusCode(action.status)) return ignore(state, 'reported', action.status, at);
      if (state.reported !== action.status) next = { ...state, reported: action.status };
      target = action.status;
      reason = 'reported';
      break;
    }
    case 'room-status': {
      const field = parseRoomStatusField(action.value);
      if (!field) return ignore(state, 'room-status', action.value, at);
      reason = 'room-status';
      if (field.kind === 'code') {
        if (state.reported !== field.code) next = { ...state, reported: field.code };
        target = field.code;
        break;
      }
      if (state.host !== field.host) next = { ...state, host: field.host };
      if (isPlatformFinal(state)) break;
      target = hostTarget(field.host, state.status);
      break;
    }
    case 'schedule': {
      next = {
        ...state,
        plannedStart: action.plannedStart === undefined ? state.plannedStart : action.plannedStart || null,
        plannedEnd: action.plannedEnd === undefined ? state.plannedEnd : action.plannedEnd || null,
      };
      break;
    }
    case 'tick':
      break;
  }

  // An abnormal episode starts on entering 106 and lasts until the room recovers; re-reports of
  // 106 (or of the 103 it timed out into) keep its start so the 15 minutes are not restarted.
  let abnormalSince = next.abnormalSince;
  if (target === LIVE_STATUS.ABNORMAL) abnormalSince ??= at;
  else if (target !== LIVE_STATUS.ENDED) abnormalSince = null;

  if (target === LIVE_STATUS.ABNORMAL && abnormalSince !== null && at - abnormalSince >= timeout) {
    target = LIVE_STATUS.ENDED;
    reason = 'abnormal-timeout';
  }
  if (target === LIVE_STATUS.NOT_STARTED && next.plannedEnd !== null && at >= next.plannedEnd) {
    target = LIVE_STATUS.EXPIRED;
    reason = 'expired';
  }

  if (target === null || target === state.status) {
    // Unchanged input keeps the same object, so store selectors do not re-render.
    if (next === state && abnormalSince === state.abnormalSince) return { state, events: [] };
    return { state: { ...next, abnormalSince }, events: [] };
  }
  return {
    state: { ...next, abnormalSince, status: target, since: at },
    events: [{ type: 'change', from: state.status, to: target, reason, at }],
  };
}

/** The time at which the time rules will next change the status, if any (for scheduling a tick). */
export function nextLiveStatusDeadline(state: LiveStatusState, rules: LiveStatusRules = {}): number | null {
  if (state.status === LIVE_STATUS.ABNORMAL && state.abnormalSince !== null) {
    return state.abnormalSince + (rules.abnormalTimeoutMs ?? ABNORMAL_TIMEOUT_MS);
  }
  if (state.status === LIVE_STATUS.NOT_STARTED && state.plannedEnd !== null) return state.plannedEnd;
  return null;
}

/**
 * In a room WeChat reports on, 103/104/107 are final: an IM host status cannot revive it (a 103
 * the kit derived from an abnormal timeout included — WeChat ends such rooms too). In a room with
 * only the IM field (the kit's own rooms), a host may end and later go live again.
 */
function isPlatformFinal(state: LiveStatusState): boolean {
  return state.reported !== null && state.status !== null && PLATFORM_FINAL.has(state.status);
}

function hostTarget(host: HostStatus, current: LiveStatusCode | null): LiveStatusCode {
  const started = current === LIVE_STATUS.LIVE || current === LIVE_STATUS.PAUSED || current === LIVE_STATUS.ABNORMAL;
  switch (host) {
    case 'live':
      return LIVE_STATUS.LIVE;
    case 'paused':
      return LIVE_STATUS.PAUSED;
    case 'ended':
      return LIVE_STATUS.ENDED;
    case 'idle':
      return started ? LIVE_STATUS.PAUSED : LIVE_STATUS.NOT_STARTED;
    case 'offline':
      return started ? LIVE_STATUS.ABNORMAL : (current ?? LIVE_STATUS.NOT_STARTED);
  }
}

function ignore(
  state: LiveStatusState,
  input: LiveStatusIgnored['input'],
  value: unknown,
  at: number,
): LiveStatusResult {
  return { state: { ...state, ignored: state.ignored + 1 }, events: [{ type: 'ignored', input, value, at }] };
}

/**
 * The status to show for a reported code given the planned end (ms, `null`/0 = none): WeChat's
 * 102 past the planned end becomes 107. For one-off lists (e.g. `getliveinfo` rooms); a live room
 * page should keep a `createLiveStatusMachine` instead.
 */
export function effectiveLiveStatus(reported: number, plannedEnd: number | null, now: number): LiveStatusCode | null {
  const state = initialLiveStatusState({ plannedEnd: plannedEnd || null });
  return reduceLiveStatus(state, { type: 'reported', status: reported, at: now }).state.status;
}
