import { describe, expect, it } from 'vitest';
import { createManualClock } from '../clock';
import {
  ABNORMAL_TIMEOUT_MS,
  createLiveStatusMachine,
  effectiveLiveStatus,
  initialLiveStatusState,
  LIVE_STATUS,
  type LiveStatusEvent,
  parseRoomStatusField,
  reduceLiveStatus,
} from './live-status';

const MIN = 60_000;

function setup(options: Parameters<typeof createLiveStatusMachine>[0] = {}) {
  const clock = createManualClock(1_700_000_000_000);
  const machine = createLiveStatusMachine({ clock, ...options });
  const events: LiveStatusEvent[] = [];
  machine.on((e) => events.push(e));
  const changes = () =>
    events.filter((e) => e.type === 'change').map((e) => e.type === 'change' && [e.from, e.to, e.reason]);
  return { clock, machine, events, changes };
}

describe('live status: WeChat reports', () => {
  it('adopts every documented code and emits one typed change per transition', () => {
    const { machine, changes } = setup();
    for (const code of [102, 101, 105, 101, 103]) machine.report(code);
    expect(machine.getState().status).toBe(LIVE_STATUS.ENDED);
    expect(changes()).toEqual([
      [null, 102, 'reported'],
      [102, 101, 'reported'],
      [101, 105, 'reported'],
      [105, 101, 'reported'],
      [101, 103, 'reported'],
    ]);
  });

  it('repeating the same code emits nothing and keeps the same state object', () => {
    const { machine, events } = setup();
    machine.report(101);
    const before = machine.getState();
    machine.report(101);
    expect(machine.getState()).toBe(before);
    expect(events).toHaveLength(1);
  });

  it('ignores and counts codes outside 101–107', () => {
    const { machine, events } = setup();
    machine.report(101);
    for (const bad of [100, 108, 0, -1, 101.5, Number.NaN]) machine.report(bad);
    expect(machine.getState().status).toBe(101);
    expect(machine.getState().ignored).toBe(6);
    expect(events.filter((e) => e.type === 'ignored')).toHaveLength(6);
  });
});

describe('live status: 106 becomes 103 when not recovered within 15 minutes', () => {
  it('ends the room exactly 15 minutes after it turned abnormal, with no further reports', () => {
    const { clock, machine, changes } = setup();
    machine.report(101);
    machine.report(106);
    clock.advance(ABNORMAL_TIMEOUT_MS - 1);
    expect(machine.getState().status).toBe(106);
    clock.advance(1);
    expect(machine.getState().status).toBe(103);
    expect(changes().at(-1)).toEqual([106, 103, 'abnormal-timeout']);
  });

  it('re-reports of 106 do not restart the 15 minutes', () => {
    const { clock, machine } = setup();
    machine.report(106);
    for (let i = 0; i < 14; i++) {
      clock.advance(MIN);
      machine.report(106);
    }
    clock.advance(MIN);
    expect(machine.getState().status).toBe(103);
    // WeChat may still say 106 for a while; the room stays ended.
    machine.report(106);
    expect(machine.getState().status).toBe(103);
  });

  it('recovering within 15 minutes keeps the room live and a later 106 starts a new episode', () => {
    const { clock, machine } = setup();
    machine.report(106);
    clock.advance(10 * MIN);
    machine.report(101);
    clock.advance(10 * MIN);
    expect(machine.getState().status).toBe(101);
    machine.report(106);
    clock.advance(14 * MIN);
    expect(machine.getState().status).toBe(106);
    clock.advance(MIN);
    expect(machine.getState().status).toBe(103);
  });

  it('honours a custom timeout', () => {
    const { clock, machine } = setup({ abnormalTimeoutMs: 5 * MIN });
    machine.report(106);
    clock.advance(5 * MIN);
    expect(machine.getState().status).toBe(103);
  });
});

describe('live status: a 102 room past its planned end is 107', () => {
  it('corrects a 102 report made after the planned end', () => {
    const { clock, machine, changes } = setup();
    machine.setSchedule({ plannedStart: clock.now() - 2 * 3_600_000, plannedEnd: clock.now() - MIN });
    machine.report(102);
    expect(machine.getState().status).toBe(107);
    expect(machine.getState().reported).toBe(102);
    expect(changes()).toEqual([[null, 107, 'expired']]);
  });

  it('turns 102 into 107 when the planned end passes, without a report', () => {
    const { clock, machine, changes } = setup();
    machine.setSchedule({ plannedEnd: clock.now() + 30 * MIN });
    machine.report(102);
    clock.advance(30 * MIN - 1);
    expect(machine.getState().status).toBe(102);
    clock.advance(1);
    expect(machine.getState().status).toBe(107);
    expect(changes().at(-1)).toEqual([102, 107, 'expired']);
  });

  it('a room that went live before its planned end is not expired by it', () => {
    const { clock, machine } = setup();
    machine.setSchedule({ plannedEnd: clock.now() + MIN });
    machine.report(102);
    machine.report(101);
    clock.advance(2 * MIN);
    expect(machine.getState().status).toBe(101);
  });

  it('moving the planned end later reschedules the expiry', () => {
    const { clock, machine } = setup();
    machine.setSchedule({ plannedEnd: clock.now() + MIN });
    machine.report(102);
    machine.setSchedule({ plannedEnd: clock.now() + 10 * MIN });
    clock.advance(5 * MIN);
    expect(machine.getState().status).toBe(102);
    clock.advance(5 * MIN);
    expect(machine.getState().status).toBe(107);
    expect(clock.pending()).toBe(0);
  });

  it('effectiveLiveStatus corrects a one-off report', () => {
    expect(effectiveLiveStatus(102, 1_000, 1_000)).toBe(107);
    expect(effectiveLiveStatus(102, 1_000, 999)).toBe(102);
    expect(effectiveLiveStatus(102, 0, 5_000)).toBe(102);
    expect(effectiveLiveStatus(101, 1_000, 5_000)).toBe(101);
    expect(effectiveLiveStatus(42, null, 0)).toBeNull();
  });

  it('applies the rule to an initial state at creation', () => {
    const clock = createManualClock(10 * MIN);
    const machine = createLiveStatusMachine({ clock, initial: { status: 102, reported: 102, plannedEnd: MIN } });
    expect(machine.getState().status).toBe(107);
  });
});

describe('live status: merging the IM room_status field', () => {
  it('maps live (or online) / paused / ended onto 101 / 105 / 103', () => {
    const { machine, changes } = setup();
    machine.setRoomStatus('live');
    machine.setRoomStatus('paused');
    machine.setRoomStatus('online');
    machine.setRoomStatus('ended');
    expect(changes()).toEqual([
      [null, 101, 'room-status'],
      [101, 105, 'room-status'],
      [105, 101, 'room-status'],
      [101, 103, 'room-status'],
    ]);
  });

  it('offline while live is abnormal and times out into 103', () => {
    const { clock, machine } = setup();
    machine.setRoomStatus('online');
    machine.setRoomStatus('offline');
    expect(machine.getState().status).toBe(106);
    clock.advance(ABNORMAL_TIMEOUT_MS);
    expect(machine.getState().status).toBe(103);
  });

  it('the host coming back within 15 minutes recovers the room', () => {
    const { clock, machine } = setup();
    machine.setRoomStatus('online');
    machine.setRoomStatus('offline');
    clock.advance(14 * MIN);
    machine.setRoomStatus('online');
    clock.advance(10 * MIN);
    expect(machine.getState().status).toBe(101);
  });

  it('offline before the room ever started is 102, not abnormal', () => {
    const { machine } = setup();
    machine.setRoomStatus('offline');
    expect(machine.getState().status).toBe(102);
  });

  it('idle is 102 before the room first went live and 105 after', () => {
    const { machine } = setup();
    machine.setRoomStatus('idle');
    expect(machine.getState().status).toBe(102);
    machine.setRoomStatus('live');
    machine.setRoomStatus('idle');
    expect(machine.getState().status).toBe(105);
  });

  it('the IM field, being pushed, overrides an older poll result', () => {
    const { machine } = setup();
    machine.report(102);
    machine.setRoomStatus('online');
    expect(machine.getState().status).toBe(101);
    machine.report(101);
    machine.setRoomStatus('paused');
    expect(machine.getState().status).toBe(105);
  });

  it('cannot revive a room WeChat banned, ended or expired', () => {
    for (const code of [103, 104] as const) {
      const { machine } = setup();
      machine.report(code);
      machine.setRoomStatus('online');
      expect(machine.getState()).toMatchObject({ status: code, host: 'live' });
    }
    const { clock, machine } = setup();
    machine.setSchedule({ plannedEnd: clock.now() - 1 });
    machine.report(102);
    machine.setRoomStatus('online');
    expect(machine.getState().status).toBe(107);
  });

  it('in a room only the IM field drives, a host may go live again after ending', () => {
    const { machine } = setup();
    machine.setRoomStatus('online');
    machine.setRoomStatus('ended');
    machine.setRoomStatus('online');
    expect(machine.getState().status).toBe(101);
  });

  it('a code written into room_status by a backend counts as a WeChat report', () => {
    const { machine } = setup();
    machine.setRoomStatus('104');
    expect(machine.getState()).toMatchObject({ status: 104, reported: 104 });
    machine.setRoomStatus('online');
    expect(machine.getState().status).toBe(104);
  });

  it('ignores and counts values it does not understand', () => {
    const { machine, events } = setup();
    machine.setRoomStatus('online');
    machine.setRoomStatus('<script>');
    machine.setRoomStatus('108');
    machine.setRoomStatus('x'.repeat(600));
    expect(machine.getState()).toMatchObject({ status: 101, ignored: 3 });
    expect(events.filter((e) => e.type === 'ignored').map((e) => e.type === 'ignored' && e.input)).toEqual([
      'room-status',
      'room-status',
      'room-status',
    ]);
  });

  it('parses field values case- and space-insensitively', () => {
    expect(parseRoomStatusField(' Online ')).toEqual({ kind: 'host', host: 'live' });
    expect(parseRoomStatusField('OFFLINE')).toEqual({ kind: 'host', host: 'offline' });
    expect(parseRoomStatusField('107')).toEqual({ kind: 'code', code: 107 });
    expect(parseRoomStatusField(101)).toBeUndefined();
    expect(parseRoomStatusField('')).toBeUndefined();
  });
});

describe('live status machine lifecycle', () => {
  it('destroy cancels the pending timer and stops events', () => {
    const { clock, machine, events } = setup();
    machine.report(106);
    expect(clock.pending()).toBe(1);
    machine.destroy();
    expect(clock.pending()).toBe(0);
    clock.advance(ABNORMAL_TIMEOUT_MS);
    machine.report(101);
    expect(events).toHaveLength(1);
    expect(machine.getState().status).toBe(106);
  });

  it('unsubscribing stops one listener only', () => {
    const { machine, events } = setup();
    const other: LiveStatusEvent[] = [];
    const off = machine.on((e) => other.push(e));
    machine.report(101);
    off();
    machine.report(105);
    expect(other).toHaveLength(1);
    expect(events).toHaveLength(2);
  });

  it('the reducer is pure: same input, same output, input untouched', () => {
    const state = initialLiveStatusState({ status: 106, abnormalSince: 0, reported: 106 });
    const frozen = Object.freeze({ ...state });
    const a = reduceLiveStatus(frozen, { type: 'tick', at: ABNORMAL_TIMEOUT_MS });
    const b = reduceLiveStatus(frozen, { type: 'tick', at: ABNORMAL_TIMEOUT_MS });
    expect(a).toEqual(b);
    expect(a.state.status).toBe(103);
    expect(frozen.status).toBe(106);
  });
});
