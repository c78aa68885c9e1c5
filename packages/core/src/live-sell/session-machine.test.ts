import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NetworkState } from './events';
import {
  createSessionState,
  isSessionReady,
  passesSdkReady,
  refusal,
  type SessionEvent,
  type SessionState,
  type SessionStatus,
  sessionTransition,
} from './session-machine';

const run = (events: SessionEvent[], state: SessionState = createSessionState()) =>
  events.reduce(sessionTransition, state);
const ready = () => run([{ type: 'login' }, { type: 'sdk', ready: true }, { type: 'loginDone', attempt: 1 }]);
const inRoom = () => run([{ type: 'room', joined: true }], ready());

const STATUSES: SessionStatus[] = ['idle', 'loggingIn', 'ready', 'kicked', 'destroying', 'destroyed'];
const NETWORKS: NetworkState[] = ['connected', 'connecting', 'disconnected'];

const stateArb: fc.Arbitrary<SessionState> = fc.record({
  status: fc.constantFrom(...STATUSES),
  attempt: fc.nat(5),
  wasReady: fc.boolean(),
  sdkReady: fc.boolean(),
  joined: fc.boolean(),
  network: fc.constantFrom(...NETWORKS),
  resync: fc.constantFrom('none' as const, 'needed' as const, 'running' as const),
});
const eventArb: fc.Arbitrary<SessionEvent> = fc.oneof(
  fc.constantFrom<SessionEvent>(
    { type: 'login' },
    { type: 'loginLost' },
    { type: 'sdk', ready: true },
    { type: 'sdk', ready: false },
    { type: 'kicked' },
    { type: 'room', joined: true },
    { type: 'room', joined: false },
    { type: 'resync', step: 'start' },
    { type: 'resync', step: 'done' },
    { type: 'resync', step: 'failed' },
    { type: 'destroy' },
    { type: 'close' },
  ),
  fc.record({ type: fc.constant('loginDone' as const), attempt: fc.nat(6) }),
  fc.record({ type: fc.constant('loginFailed' as const), attempt: fc.nat(6) }),
  fc.record({ type: fc.constant('network' as const), state: fc.constantFrom(...NETWORKS) }),
  fc.record({ type: fc.constant('sdk' as const), ready: fc.boolean() }),
  fc.record({ type: fc.constant('room' as const), joined: fc.boolean() }),
  fc.record({
    type: fc.constant('resync' as const),
    step: fc.constantFrom('start' as const, 'done' as const, 'failed' as const),
  }),
);

describe('session machine: login', () => {
  it('starts idle, connected, never ready', () => {
    const s = createSessionState();
    expect(s).toEqual({
      status: 'idle',
      attempt: 0,
      wasReady: false,
      sdkReady: false,
      joined: false,
      network: 'connected',
      resync: 'none',
    });
    expect(isSessionReady(s)).toBe(false);
    expect(refusal(s)).toBeUndefined();
  });

  it('login → loggingIn (attempt 1) → ready once the attempt completes; ready needs the SDK too', () => {
    const logging = run([{ type: 'login' }]);
    expect(logging).toMatchObject({ status: 'loggingIn', attempt: 1 });
    const done = run([{ type: 'loginDone', attempt: 1 }], logging);
    expect(done).toMatchObject({ status: 'ready', wasReady: true });
    expect(isSessionReady(done)).toBe(false);
    expect(isSessionReady(run([{ type: 'sdk', ready: true }], done))).toBe(true);
  });

  it('login while logging in or ready changes nothing (the same login is shared)', () => {
    const logging = run([{ type: 'login' }]);
    expect(sessionTransition(logging, { type: 'login' })).toBe(logging);
    const r = ready();
    expect(sessionTransition(r, { type: 'login' })).toBe(r);
  });

  it('a failed login goes back to idle, and the next login is a new attempt', () => {
    const failed = run([{ type: 'login' }, { type: 'loginFailed', attempt: 1 }]);
    expect(failed).toMatchObject({ status: 'idle', wasReady: false });
    expect(run([{ type: 'login' }], failed)).toMatchObject({ status: 'loggingIn', attempt: 2 });
  });

  it('the answer of an older attempt does not settle the current one', () => {
    const second = run([{ type: 'login' }, { type: 'kicked' }, { type: 'login' }]);
    expect(second).toMatchObject({ status: 'loggingIn', attempt: 2 });
    expect(run([{ type: 'loginFailed', attempt: 1 }], second)).toMatchObject({ status: 'loggingIn', attempt: 2 });
    // An older login that completed still counts as having been ready (SDK_READY was emitted for it).
    expect(run([{ type: 'loginDone', attempt: 1 }], second)).toMatchObject({ status: 'loggingIn', wasReady: true });
  });

  it('SDK_READY from the SDK is passed on only after the first login, and not while logging in again', () => {
    expect(passesSdkReady(run([{ type: 'login' }, { type: 'sdk', ready: true }]))).toBe(false);
    expect(passesSdkReady(ready())).toBe(true);
    const relogin = run([{ type: 'loginLost' }, { type: 'login' }], ready());
    expect(relogin).toMatchObject({ status: 'loggingIn', wasReady: true, sdkReady: false });
    expect(passesSdkReady(relogin)).toBe(false);
    expect(passesSdkReady(run([{ type: 'destroy' }, { type: 'close' }], ready()))).toBe(false);
  });

  it('SDK_NOT_READY makes the session not ready until SDK_READY again', () => {
    const notReady = run([{ type: 'sdk', ready: false }], ready());
    expect(notReady.status).toBe('ready');
    expect(isSessionReady(notReady)).toBe(false);
    expect(isSessionReady(run([{ type: 'sdk', ready: true }], notReady))).toBe(true);
  });
});

describe('session machine: kick', () => {
  it('kicked: out of the room, SDK not ready, public calls refused until login', () => {
    const kicked = run([{ type: 'kicked' }], inRoom());
    expect(kicked).toMatchObject({ status: 'kicked', joined: false, sdkReady: false });
    expect(refusal(kicked)).toBe('KICKED');
    expect(isSessionReady(kicked)).toBe(false);
    const again = run([{ type: 'login' }], kicked);
    expect(again).toMatchObject({ status: 'loggingIn', attempt: 2 });
    expect(refusal(again)).toBeUndefined();
  });

  it('a login completing after the kick leaves the session kicked', () => {
    const s = run([{ type: 'login' }, { type: 'kicked' }, { type: 'loginDone', attempt: 1 }]);
    expect(s).toMatchObject({ status: 'kicked', wasReady: true });
  });

  it('a resync pending at the kick stays pending, so the room is rejoined after login takes over', () => {
    const s = run([{ type: 'network', state: 'disconnected' }, { type: 'kicked' }], inRoom());
    expect(s).toMatchObject({ status: 'kicked', resync: 'needed', joined: false });
  });
});

describe('session machine: network and resync', () => {
  it('losing the connection while in the room needs a resync; outside the room it does not', () => {
    expect(run([{ type: 'network', state: 'disconnected' }], inRoom())).toMatchObject({
      network: 'disconnected',
      resync: 'needed',
    });
    expect(run([{ type: 'network', state: 'connecting' }], ready())).toMatchObject({
      network: 'connecting',
      resync: 'none',
    });
  });

  it('needed → running → none; a failed resync is needed again; reconnecting alone does not start it', () => {
    const lost = run(
      [
        { type: 'network', state: 'disconnected' },
        { type: 'network', state: 'connected' },
      ],
      inRoom(),
    );
    expect(lost.resync).toBe('needed');
    const running = run([{ type: 'resync', step: 'start' }], lost);
    expect(running.resync).toBe('running');
    expect(sessionTransition(running, { type: 'resync', step: 'start' })).toBe(running);
    expect(run([{ type: 'resync', step: 'done' }], running).resync).toBe('none');
    expect(run([{ type: 'resync', step: 'failed' }], running).resync).toBe('needed');
    // Losing the connection again while it runs changes nothing: its outcome decides.
    expect(run([{ type: 'network', state: 'disconnected' }], running).resync).toBe('running');
  });

  it('the server forgot the session: back to idle with the SDK not ready, then a new login', () => {
    const lost = run([{ type: 'loginLost' }], inRoom());
    expect(lost).toMatchObject({ status: 'idle', sdkReady: false, wasReady: true, joined: true });
    expect(run([{ type: 'login' }], lost)).toMatchObject({ status: 'loggingIn', attempt: 2 });
  });

  it('joinRoom and exitRoom settle the room: nothing left to resync', () => {
    const needed = run([{ type: 'network', state: 'disconnected' }], inRoom());
    expect(run([{ type: 'room', joined: true }], needed)).toMatchObject({ joined: true, resync: 'none' });
    expect(run([{ type: 'room', joined: false }], needed)).toMatchObject({ joined: false, resync: 'none' });
  });
});

describe('session machine: destroy', () => {
  it('destroying refuses public calls; destroyed leaves the room and ignores everything after', () => {
    const destroying = run([{ type: 'destroy' }], inRoom());
    expect(destroying.status).toBe('destroying');
    expect(refusal(destroying)).toBe('DESTROYED');
    expect(isSessionReady(destroying)).toBe(false);
    expect(sessionTransition(destroying, { type: 'destroy' })).toBe(destroying);
    expect(destroying.joined).toBe(true);
    const destroyed = run([{ type: 'close' }], destroying);
    expect(destroyed).toMatchObject({ status: 'destroyed', joined: false });
    const later: SessionEvent[] = [
      { type: 'login' },
      { type: 'kicked' },
      { type: 'room', joined: true },
      { type: 'sdk', ready: true },
    ];
    for (const event of later) expect(sessionTransition(destroyed, event)).toBe(destroyed);
  });

  it('a kick while destroying does not undo the destroy', () => {
    expect(run([{ type: 'destroy' }, { type: 'kicked' }], inRoom())).toMatchObject({
      status: 'destroying',
      joined: false,
    });
  });
});

describe('session machine: properties', () => {
  it('every event from every state gives a well-formed state', () => {
    fc.assert(
      fc.property(stateArb, eventArb, (state, event) => {
        const next = sessionTransition(state, event);
        expect(STATUSES).toContain(next.status);
        expect(NETWORKS).toContain(next.network);
        expect(['none', 'needed', 'running']).toContain(next.resync);
        expect(next.attempt === state.attempt || next.attempt === state.attempt + 1).toBe(true);
        // Having been ready is never forgotten.
        if (state.wasReady) expect(next.wasReady).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('a destroyed session never changes again', () => {
    fc.assert(
      fc.property(stateArb, fc.array(eventArb, { maxLength: 20 }), (state, events) => {
        const destroyed = { ...state, status: 'destroyed' as const };
        expect(run(events, destroyed)).toBe(destroyed);
      }),
    );
  });

  it('once destroy is called no event sequence makes the session usable or ready again', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 10 }), fc.array(eventArb, { maxLength: 20 }), (before, after) => {
        const end = run([...before, { type: 'destroy' }, ...after]);
        expect(refusal(end)).toBe('DESTROYED');
        expect(isSessionReady(end)).toBe(false);
      }),
    );
  });

  it('isReady holds exactly when logged in once, the SDK is ready, and neither kicked nor closing', () => {
    fc.assert(
      fc.property(stateArb, (s) => {
        const usable = s.status === 'idle' || s.status === 'loggingIn' || s.status === 'ready';
        expect(isSessionReady(s)).toBe(s.wasReady && s.sdkReady && usable);
        expect(refusal(s) === undefined).toBe(usable);
      }),
    );
  });

  it('the pure transition never mutates its input', () => {
    fc.assert(
      fc.property(stateArb, eventArb, (state, event) => {
        const copy = structuredClone(state);
        sessionTransition(state, event);
        expect(state).toEqual(copy);
      }),
    );
  });

  it('attempts only grow, and only through login from idle or kicked', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 40 }), (events) => {
        let state = createSessionState();
        for (const event of events) {
          const next = sessionTransition(state, event);
          if (next.attempt !== state.attempt) {
            expect(event.type).toBe('login');
            expect(['idle', 'kicked']).toContain(state.status);
            expect(next.status).toBe('loggingIn');
          }
          state = next;
        }
      }),
    );
  });
});
