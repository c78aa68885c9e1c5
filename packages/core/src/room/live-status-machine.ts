import { type Clock, systemClock, type TimerHandle } from '../clock';
import {
  initialLiveStatusState,
  type LiveStatusAction,
  type LiveStatusEvent,
  type LiveStatusRules,
  type LiveStatusState,
  nextLiveStatusDeadline,
  reduceLiveStatus,
} from './live-status-reducer';

export interface LiveStatusMachineOptions extends LiveStatusRules {
  clock?: Clock;
  initial?: Partial<LiveStatusState>;
}

type WithoutTime<A> = A extends unknown ? Omit<A, 'at'> : never;
/** A `LiveStatusAction` without its time: the machine stamps it with `clock.now()`. */
export type LiveStatusInput = WithoutTime<LiveStatusAction>;

export interface LiveStatusMachine {
  getState(): LiveStatusState;
  /** A code from WeChat (`getLiveStatus` / `getliveinfo`). */
  report(status: number): void;
  /** The raw IM `room_status` group custom field value. */
  setRoomStatus(value: string): void;
  /** Planned start/end in ms since the epoch (`null` or 0 clears). */
  setSchedule(schedule: { plannedStart?: number | null; plannedEnd?: number | null }): void;
  dispatch(action: LiveStatusInput): void;
  /** Called for every change and every ignored input; returns an unsubscribe function. */
  on(listener: (event: LiveStatusEvent, state: LiveStatusState) => void): () => void;
  /** Cancels the pending time-rule timer and drops listeners. */
  destroy(): void;
}

/**
 * The live-status reducer with a clock: it stamps actions with `clock.now()` and keeps one timer
 * for the next time rule (the 15-minute abnormal timeout or the planned end), so a room that
 * nobody reports on still moves from 106 to 103 or from 102 to 107 on time.
 */
export function createLiveStatusMachine(options: LiveStatusMachineOptions = {}): LiveStatusMachine {
  const clock = options.clock ?? systemClock;
  const rules: LiveStatusRules = { abnormalTimeoutMs: options.abnormalTimeoutMs };
  const listeners = new Set<(event: LiveStatusEvent, state: LiveStatusState) => void>();
  let state = initialLiveStatusState(options.initial);
  let timer: TimerHandle | null = null;
  let timerAt: number | null = null;
  let destroyed = false;

  function dispatch(input: LiveStatusInput): void {
    if (destroyed) return;
    const result = reduceLiveStatus(state, { ...input, at: clock.now() } as LiveStatusAction, rules);
    state = result.state;
    schedule();
    for (const event of result.events) {
      for (const listener of [...listeners]) listener(event, state);
    }
  }

  function schedule(): void {
    const deadline = nextLiveStatusDeadline(state, rules);
    if (deadline === timerAt) return;
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    timerAt = deadline;
    if (deadline === null) return;
    timer = clock.setTimeout(
      () => {
        timer = null;
        timerAt = null;
        dispatch({ type: 'tick' });
      },
      Math.max(0, deadline - clock.now()),
    );
  }

  // Applies the time rules to the initial state (e.g. a 102 room created after its planned end).
  dispatch({ type: 'tick' });

  return {
    getState: () => state,
    report: (status) => dispatch({ type: 'reported', status }),
    setRoomStatus: (value) => dispatch({ type: 'room-status', value }),
    setSchedule: (s) => dispatch({ type: 'schedule', ...s }),
    dispatch,
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    destroy() {
      destroyed = true;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      listeners.clear();
    },
  };
}
