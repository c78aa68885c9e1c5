import { afterEach, describe, expect, it, vi } from 'vitest';
import { createManualClock, type ManualClock } from '../clock';
import type { LocalPush } from '../protocol/frames';
import {
  LocalConnection,
  type LocalConnectionHooks,
  type LocalConnectionOptions,
  type NetState,
} from './local-connection';
import type { SocketFactory, SocketHandlers } from './socket';

/**
 * A scripted server behind a fake socket (the only fake here: the transport), with the manual
 * clock for time. Each `socketFactory` call opens a new `FakeSocket`; the test decides when it
 * opens, what it answers and when it closes.
 */
class FakeSocket {
  sent: Array<Record<string, unknown>> = [];
  closed = false;
  constructor(readonly handlers: SocketHandlers) {}
  send(text: string) {
    if (this.closed) throw new Error('closed');
    this.sent.push(JSON.parse(text));
  }
  close() {
    if (this.closed) return;
    this.closed = true;
    this.handlers.onClose(1000, '');
  }
  open() {
    this.handlers.onOpen();
  }
  /** Answers the last request with `op` (or the last one). */
  reply(op: string, data: unknown = {}, code = 0, message = '') {
    const frame = [...this.sent].reverse().find((f) => f.op === op);
    if (!frame) throw new Error(`no ${op} request`);
    this.handlers.onMessage(
      JSON.stringify(code === 0 ? { id: frame.id, code, data } : { id: frame.id, code, message }),
    );
  }
  push(frame: LocalPush) {
    this.handlers.onMessage(JSON.stringify(frame));
  }
  drop() {
    this.closed = true;
    this.handlers.onClose(1006, 'gone');
  }
}

const LOGIN = { sdkAppID: 1, userID: 'u1', userSig: 'sig', unlimitedAVChatRoom: false };

function setup(overrides: Partial<LocalConnectionOptions> = {}, restore = async () => true) {
  const clock: ManualClock = createManualClock(0);
  const sockets: FakeSocket[] = [];
  const socketFactory: SocketFactory = (_url, handlers) => {
    const socket = new FakeSocket(handlers);
    sockets.push(socket);
    return socket;
  };
  const states: NetState[] = [];
  const pushes: LocalPush[] = [];
  const errors: unknown[] = [];
  const refused: unknown[] = [];
  const hooks: LocalConnectionHooks = {
    onNetState: (s) => states.push(s),
    onPush: (f) => pushes.push(f),
    onServerError: (e) => errors.push(e),
    restore: vi.fn(restore),
    onLoginRefused: (e) => refused.push(e),
  };
  const connection = new LocalConnection(
    {
      url: 'ws://127.0.0.1:1/im',
      socketFactory,
      clock,
      reconnect: { minDelayMs: 100, maxDelayMs: 800, offlineWaitMs: 1000 },
      requestTimeoutMs: 500,
      heartbeatMs: 10_000,
      ...overrides,
    },
    hooks,
  );
  const last = () => sockets[sockets.length - 1] as FakeSocket;
  return { clock, sockets, last, connection, hooks, states, pushes, errors, refused };
}

async function opened(t: ReturnType<typeof setup>) {
  const login = t.connection.open(LOGIN);
  t.last().open();
  t.last().reply('login', { userID: 'u1' });
  await login;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('LocalConnection: login handshake', () => {
  it('sends the login frame once the socket opens and reports connecting → connected', async () => {
    const t = setup();
    const login = t.connection.open(LOGIN);
    expect(t.states).toEqual(['connecting']);
    expect(t.last().sent).toEqual([]);
    t.last().open();
    expect(t.last().sent).toEqual([{ op: 'login', ...LOGIN, id: 1 }]);
    t.last().reply('login', { userID: 'u1' });
    await expect(login).resolves.toEqual({ userID: 'u1' });
    expect(t.states).toEqual(['connecting', 'connected']);
    expect(t.connection.userID).toBe('u1');
    expect(t.connection.isOpen).toBe(true);
  });

  it('a refused login rejects with the server code and drops the login', async () => {
    const t = setup();
    const login = t.connection.open(LOGIN);
    t.last().open();
    t.last().reply('login', undefined, 70001, 'expired');
    await expect(login).rejects.toEqual({ code: 70001, message: 'expired' });
    expect(t.connection.userID).toBeUndefined();
    expect(t.connection.netState).toBe('disconnected');
  });

  it('a socket that cannot open rejects with NETWORK_ERROR and schedules nothing', async () => {
    const t = setup();
    const login = t.connection.open(LOGIN);
    t.last().drop();
    await expect(login).rejects.toMatchObject({ code: 2800, message: 'cannot connect to the IM server' });
    t.clock.advance(10_000);
    expect(t.sockets).toHaveLength(1);
  });

  it('ending the login while logging in rejects the login', async () => {
    const t = setup();
    const login = t.connection.open(LOGIN);
    t.last().open();
    t.connection.end({ code: 2024, message: 'logged out' });
    await expect(login).rejects.toMatchObject({ code: 2024 });
  });
});

describe('LocalConnection: requests', () => {
  it('matches replies to requests by id, whatever the order', async () => {
    const t = setup();
    await opened(t);
    const a = t.connection.request({ op: 'getMyProfile' });
    const b = t.connection.request({ op: 'getGroupProfile', groupID: 'g' });
    const [, fa, fb] = t.last().sent;
    t.last().handlers.onMessage(JSON.stringify({ id: fb?.id, code: 0, data: { group: { groupID: 'g' } } }));
    t.last().handlers.onMessage(JSON.stringify({ id: fa?.id, code: 10010, message: 'nope' }));
    await expect(b).resolves.toEqual({ group: { groupID: 'g' } });
    await expect(a).rejects.toEqual({ code: 10010, message: 'nope' });
  });

  it('a request without an answer rejects with 2801 after requestTimeoutMs; a late answer is ignored', async () => {
    const t = setup();
    await opened(t);
    const r = t.connection.request({ op: 'getMyProfile' });
    const settled = vi.fn();
    r.then(settled, settled);
    t.clock.advance(499);
    await Promise.resolve();
    expect(settled).not.toHaveBeenCalled();
    t.clock.advance(1);
    await expect(r).rejects.toMatchObject({ code: 2801, message: 'no answer to getMyProfile within 500 ms' });
    expect(() => t.last().reply('getMyProfile', {})).not.toThrow();
  });

  it('pushes and id-less errors go to their hooks; a frame that is not JSON is an error, not a crash', async () => {
    const t = setup();
    await opened(t);
    t.last().push({ push: 'kicked', data: { type: 'multipleAccount' } });
    t.last().handlers.onMessage(JSON.stringify({ id: null, code: 4001, message: 'bad frame' }));
    t.last().handlers.onMessage('{not json');
    expect(t.pushes).toEqual([{ push: 'kicked', data: { type: 'multipleAccount' } }]);
    expect(t.errors).toEqual([
      { code: 4001, message: 'bad frame' },
      { code: 2800, message: 'the server sent a frame that is not JSON' },
    ]);
  });

  it('without a login a request rejects at once', async () => {
    const t = setup();
    await expect(t.connection.request({ op: 'ping' })).rejects.toMatchObject({ code: 2800 });
  });
});

describe('LocalConnection: reconnect', () => {
  it('a lost socket rejects what was pending, reconnects with back-off, logs in, restores, then sends what waited', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5); // no jitter
    const t = setup();
    await opened(t);
    const pending = t.connection.request({ op: 'getMyProfile' });
    t.last().drop();
    await expect(pending).rejects.toMatchObject({ code: 2800, message: 'connection lost before the server answered' });
    expect(t.states).toEqual(['connecting', 'connected', 'disconnected']);

    const waiting = t.connection.request({ op: 'getGroupProfile', groupID: 'g' });
    t.clock.advance(99);
    expect(t.sockets).toHaveLength(1);
    t.clock.advance(1);
    expect(t.sockets).toHaveLength(2);
    t.last().open();
    expect(t.last().sent.map((f) => f.op)).toEqual(['login']);
    t.last().reply('login', { userID: 'u1' });
    await vi.waitFor(() => expect(t.hooks.restore).toHaveBeenCalledTimes(1));
    await vi.waitFor(() => expect(t.last().sent.map((f) => f.op)).toEqual(['login', 'getGroupProfile']));
    expect(t.states).toEqual(['connecting', 'connected', 'disconnected', 'connecting', 'connected']);
    t.last().reply('getGroupProfile', { group: { groupID: 'g' } });
    await expect(waiting).resolves.toEqual({ group: { groupID: 'g' } });
  });

  it('doubles the delay per failed attempt up to maxDelayMs', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    const t = setup();
    await opened(t);
    const opens: number[] = [];
    t.last().drop();
    for (let i = 0; i < 5; i++) {
      const before = t.sockets.length;
      const start = t.clock.now();
      while (t.sockets.length === before) t.clock.advance(10);
      opens.push(t.clock.now() - start);
      t.last().drop();
    }
    expect(opens).toEqual([100, 200, 400, 800, 800]);
  });

  it('a call made while disconnected waits at most offlineWaitMs', async () => {
    const t = setup();
    await opened(t);
    t.last().drop();
    const r = t.connection.request({ op: 'getMyProfile' });
    t.clock.advance(1000);
    await expect(r).rejects.toMatchObject({ code: 2800, message: 'still disconnected after 1000 ms' });
  });

  it('a login refused for good on reconnect stops retrying and tells the surface', async () => {
    const t = setup();
    await opened(t);
    t.last().drop();
    t.clock.advance(1000);
    t.last().open();
    t.last().reply('login', undefined, 70003, 'invalid');
    await vi.waitFor(() => expect(t.refused).toEqual([{ code: 70003, message: 'invalid' }]));
    t.clock.advance(60_000);
    expect(t.sockets).toHaveLength(2);
  });

  it('reconnect: false rejects waiting calls on the first loss and never reconnects', async () => {
    const t = setup({ reconnect: false });
    await opened(t);
    t.last().drop();
    await expect(t.connection.request({ op: 'getMyProfile' })).rejects.toMatchObject({ code: 2800 });
    t.clock.advance(60_000);
    expect(t.sockets).toHaveLength(1);
  });

  it('a restore that reports the connection lost again does not report connected', async () => {
    const t = setup({}, async () => false);
    await opened(t);
    t.last().drop();
    t.clock.advance(1000);
    t.last().open();
    t.last().reply('login', { userID: 'u1' });
    await vi.waitFor(() => expect(t.hooks.restore).toHaveBeenCalled());
    await Promise.resolve();
    expect(t.connection.netState).toBe('connecting');
    expect(t.connection.isOpen).toBe(false);
  });

  it('the heartbeat closes a socket whose ping gets no pong', async () => {
    const t = setup();
    await opened(t);
    const socket = t.last();
    t.clock.advance(10_000);
    expect(socket.sent.at(-1)?.op).toBe('ping');
    t.clock.advance(500);
    await vi.waitFor(() => expect(socket.closed).toBe(true));
    expect(t.connection.netState).toBe('disconnected');
  });
});

describe('LocalConnection: end', () => {
  it('rejects pending and waiting calls with the reason, closes the socket, and stops reconnecting', async () => {
    const t = setup();
    await opened(t);
    const pending = t.connection.request({ op: 'getMyProfile' });
    const reason = { code: 2024, message: 'logged out' };
    t.connection.end(reason);
    await expect(pending).rejects.toEqual(reason);
    expect(t.last().closed).toBe(true);
    expect(t.connection.userID).toBeUndefined();
    expect(t.connection.netState).toBe('disconnected');
    t.clock.advance(60_000);
    expect(t.sockets).toHaveLength(1);
    expect(t.clock.pending()).toBe(0);
  });
});
