import type { Clock, TimerHandle } from '../clock';
import type { LocalPush, LocalReply, LocalReplyData, LocalRequestBody } from '../protocol/frames';
import type { LocalSocket, SocketFactory } from './socket';
import { TIM_ERROR, type TimErrorShape } from './types';

export type NetState = 'connecting' | 'connected' | 'disconnected';

export interface LocalReconnectPolicy {
  /** First retry delay; doubles each failed attempt. */
  minDelayMs: number;
  /** Longest retry delay. */
  maxDelayMs: number;
  /** How long a call made while disconnected waits for the connection to come back. */
  offlineWaitMs: number;
}

/** How to reach the local server and how patiently: `createLocalTIM`'s options with defaults applied. */
export interface LocalConnectionOptions {
  url: string;
  socketFactory: SocketFactory;
  clock: Clock;
  /** `false` turns reconnection off. */
  reconnect: LocalReconnectPolicy | false;
  /** A request without a reply within this time rejects with 2801. */
  requestTimeoutMs: number;
  /** Ping interval while connected, to notice dead connections. */
  heartbeatMs: number;
}

/** The socket's handshake: the login frame's fields besides `op`. */
export interface LocalLogin {
  sdkAppID: number;
  userID: string;
  userSig: string;
  unlimitedAVChatRoom: boolean;
}

/** What the connection tells the TIM surface above it. */
export interface LocalConnectionHooks {
  onNetState(state: NetState): void;
  onPush(frame: LocalPush): void;
  /** A frame that answers no request: not JSON, or an error the server sent with `id: null`. */
  onServerError(error: TimErrorShape): void;
  /**
   * After a reconnect has logged in again and before calls flow (re-join the rooms here, with
   * `request(body, true)`). Resolves false when the connection was lost again meanwhile.
   */
  restore(): Promise<boolean>;
  /** A reconnect's login was refused for good (the UserSig no longer opens a session). */
  onLoginRefused(error: TimErrorShape): void;
}

interface Pending {
  resolve(data: unknown): void;
  reject(error: TimErrorShape): void;
  timer: TimerHandle;
}

interface Waiting {
  body: LocalRequestBody;
  pending: Pending;
}

/** Codes after which retrying the login cannot help: the user has to get a new UserSig. */
// TIM_ERROR's USERSIG_EXPIRED, _INVALID, _VERIFY_FAILED, _IDENTIFIER_MISMATCH, _SDKAPPID_MISMATCH, as
// literals: reading TIM_ERROR at module level would keep this module in bundles that never use it.
const FATAL_LOGIN_CODES = /* @__PURE__ */ new Set<number>([70001, 70003, 70009, 70013, 70014]);

export function timError(code: number, message: string, data?: unknown): TimErrorShape {
  return data === undefined ? { code, message } : { code, message, data };
}

/**
 * The RPC connection to the local IM server: one WebSocket at a time, logged in with the held
 * credentials; requests carry an `id` and are matched to their reply, each within a timeout.
 * A lost socket is reconnected with jittered exponential back-off, logged in again and restored
 * (the `restore` hook) before it reports `connected`; calls made meanwhile wait a bounded time.
 * A heartbeat notices connections that died without closing. Knows nothing of TIM's API.
 */
export class LocalConnection {
  private socket: LocalSocket | undefined;
  /** True once the current socket is open and logged in (or logging in, for the login frame itself). */
  private ready = false;
  private state: NetState = 'disconnected';
  private login: LocalLogin | undefined;
  private readonly pending = new Map<number, Pending>();
  private waiting: Waiting[] = [];
  private nextRequestID = 1;
  private attempt = 0;
  private reconnectTimer: TimerHandle | undefined;
  private heartbeatTimer: TimerHandle | undefined;
  /** Bumped whenever a login ends, so late callbacks of an older session do nothing. */
  private session = 0;

  constructor(
    private readonly options: LocalConnectionOptions,
    private readonly hooks: LocalConnectionHooks,
  ) {}

  /** Changes whenever a login ends: callers keep it to tell whether their login still holds. */
  get generation(): number {
    return this.session;
  }

  get netState(): NetState {
    return this.state;
  }

  /** The login held (kept across reconnects until `end`), or undefined. */
  get userID(): string | undefined {
    return this.login?.userID;
  }

  /** Whether a request would go out now rather than wait for a reconnect. */
  get isOpen(): boolean {
    return this.socket !== undefined && this.ready;
  }

  /**
   * Holds `login` and opens the connection with it. Rejects with the server's error, or with
   * NETWORK_ERROR when the socket could not open or closed; the login is then dropped.
   */
  async open(login: LocalLogin): Promise<LocalReplyData['login']> {
    this.login = login;
    const generation = this.session;
    let reply: LocalReplyData['login'];
    try {
      reply = await this.connect(login);
    } catch (error) {
      if (generation === this.session) this.end(error as TimErrorShape);
      throw error;
    }
    if (generation !== this.session) throw timError(TIM_ERROR.LOGIN_FAILED, 'logged out while logging in');
    this.onReady();
    return reply;
  }

  /** Forgets the login: no reconnect, waiting and pending calls rejected with `reason`, the socket closed. */
  end(reason: TimErrorShape): void {
    this.session++;
    this.login = undefined;
    this.ready = false;
    if (this.reconnectTimer !== undefined) this.options.clock.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.attempt = 0;
    this.stopHeartbeat();
    this.rejectWaiting(reason);
    const socket = this.socket;
    this.socket = undefined;
    this.rejectPending(reason);
    socket?.close(1000, 'logout');
    this.setNetState('disconnected');
  }

  /**
   * Sends now when connected; while reconnecting, waits up to `offlineWaitMs`. `early` sends on an
   * open socket before it is restored (the re-joins of `restore`, the heartbeat).
   */
  request<K extends LocalRequestBody['op']>(
    body: Extract<LocalRequestBody, { op: K }>,
    early = false,
  ): Promise<LocalReplyData[K]> {
    return new Promise((resolve, reject) => {
      const handlers = { resolve: resolve as (d: unknown) => void, reject };
      if (this.socket && (this.ready || early)) {
        this.sendNow(body, handlers);
        return;
      }
      const policy = this.options.reconnect;
      if (policy === false || !this.login) {
        reject(timError(TIM_ERROR.NETWORK_ERROR, 'not connected to the IM server'));
        return;
      }
      const entry: Waiting = {
        body,
        pending: {
          ...handlers,
          timer: this.options.clock.setTimeout(() => {
            this.waiting = this.waiting.filter((w) => w !== entry);
            reject(timError(TIM_ERROR.NETWORK_ERROR, `still disconnected after ${policy.offlineWaitMs} ms`));
          }, policy.offlineWaitMs),
        },
      };
      this.waiting.push(entry);
    });
  }

  // ---- connecting -------------------------------------------------------------------------------

  private setNetState(state: NetState): void {
    if (this.state === state) return;
    this.state = state;
    this.hooks.onNetState(state);
  }

  /** Opens a socket and logs in on it; resolves with the login reply or rejects. */
  private connect(login: LocalLogin): Promise<LocalReplyData['login']> {
    const generation = this.session;
    this.setNetState('connecting');
    return new Promise((resolve, reject) => {
      let opened = false;
      let settled = false;
      const fail = (error: TimErrorShape) => {
        if (settled) return;
        settled = true;
        reject(error);
      };
      const socket = this.options.socketFactory(this.options.url, {
        onOpen: () => {
          if (generation !== this.session || this.socket !== socket) return;
          opened = true;
          this.sendNow(
            { op: 'login', ...login },
            {
              resolve: (data) => {
                if (settled) return;
                settled = true;
                resolve(data as LocalReplyData['login']);
              },
              reject: fail,
            },
          );
        },
        onMessage: (text) => {
          if (this.socket === socket) this.onFrame(text);
        },
        onClose: () => {
          if (this.socket !== socket) return;
          this.onSocketClosed();
          fail(
            timError(
              TIM_ERROR.NETWORK_ERROR,
              opened ? 'connection lost while logging in' : 'cannot connect to the IM server',
            ),
          );
        },
      });
      this.socket = socket;
    });
  }

  private onSocketClosed(): void {
    this.socket = undefined;
    this.ready = false;
    this.stopHeartbeat();
    this.rejectPending(timError(TIM_ERROR.NETWORK_ERROR, 'connection lost before the server answered'));
    this.setNetState('disconnected');
    if (this.login) this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const policy = this.options.reconnect;
    if (policy === false) {
      this.rejectWaiting(timError(TIM_ERROR.NETWORK_ERROR, 'disconnected from the IM server'));
      return;
    }
    if (this.reconnectTimer !== undefined) return;
    const delay = Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** this.attempt);
    this.attempt++;
    // Jitter keeps a room full of clients from reconnecting in lockstep.
    const jittered = Math.round(delay * (0.75 + Math.random() * 0.5));
    this.reconnectTimer = this.options.clock.setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.reconnect();
    }, jittered);
  }

  private async reconnect(): Promise<void> {
    const login = this.login;
    if (!login) return;
    const generation = this.session;
    try {
      await this.connect(login);
    } catch (error) {
      if (generation !== this.session) return;
      const { code, message } = error as TimErrorShape;
      if (FATAL_LOGIN_CODES.has(code)) {
        // The UserSig no longer opens a session (expired, or the server's key changed): stop retrying.
        this.hooks.onLoginRefused(timError(code, message));
        return;
      }
      // The socket closed or the server refused for a passing reason: try again later.
      this.socket?.close(4000, 'login failed');
      if (!this.socket) this.scheduleReconnect();
      return;
    }
    if (generation !== this.session) return;
    if (!(await this.hooks.restore())) return;
    if (generation !== this.session) return;
    this.onReady();
  }

  private onReady(): void {
    this.ready = true;
    this.attempt = 0;
    this.setNetState('connected');
    this.startHeartbeat();
    const waiting = this.waiting;
    this.waiting = [];
    for (const w of waiting) {
      this.options.clock.clearTimeout(w.pending.timer);
      this.sendNow(w.body, w.pending);
    }
  }

  private startHeartbeat(): void {
    this.stopHeartbeat();
    const beat = () => {
      this.heartbeatTimer = this.options.clock.setTimeout(() => {
        if (!this.ready) return;
        const socket = this.socket;
        this.request({ op: 'ping' }, true).then(beat, (error: TimErrorShape) => {
          // No pong in time: the connection is dead even if the socket has not noticed.
          if (error.code === TIM_ERROR.NETWORK_TIMEOUT && socket === this.socket)
            socket?.close(4000, 'heartbeat timeout');
        });
      }, this.options.heartbeatMs);
    };
    beat();
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer !== undefined) this.options.clock.clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }

  private rejectWaiting(reason: TimErrorShape): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const w of waiting) {
      this.options.clock.clearTimeout(w.pending.timer);
      w.pending.reject(reason);
    }
  }

  private rejectPending(reason: TimErrorShape): void {
    for (const [id, p] of this.pending) {
      this.options.clock.clearTimeout(p.timer);
      p.reject(reason);
      this.pending.delete(id);
    }
  }

  // ---- frames -----------------------------------------------------------------------------------

  private sendNow(body: LocalRequestBody, handlers: Omit<Pending, 'timer'>): void {
    const id = this.nextRequestID++;
    const timer = this.options.clock.setTimeout(() => {
      if (!this.pending.delete(id)) return;
      handlers.reject(
        timError(TIM_ERROR.NETWORK_TIMEOUT, `no answer to ${body.op} within ${this.options.requestTimeoutMs} ms`),
      );
    }, this.options.requestTimeoutMs);
    this.pending.set(id, { ...handlers, timer });
    try {
      this.socket?.send(JSON.stringify({ ...body, id }));
    } catch {
      this.pending.delete(id);
      this.options.clock.clearTimeout(timer);
      handlers.reject(timError(TIM_ERROR.NETWORK_ERROR, 'the socket refused the frame'));
    }
  }

  private onFrame(text: string): void {
    let frame: LocalReply | LocalPush;
    try {
      frame = JSON.parse(text) as LocalReply | LocalPush;
    } catch {
      this.hooks.onServerError(timError(TIM_ERROR.NETWORK_ERROR, 'the server sent a frame that is not JSON'));
      return;
    }
    if (!frame || typeof frame !== 'object') return;
    if ('push' in frame) {
      this.hooks.onPush(frame);
      return;
    }
    if (frame.id === null) {
      this.hooks.onServerError(timError(frame.code, (frame as { message: string }).message));
      return;
    }
    const pending = this.pending.get(frame.id);
    if (!pending) return;
    this.pending.delete(frame.id);
    this.options.clock.clearTimeout(pending.timer);
    if (frame.code === 0) pending.resolve((frame as { data: unknown }).data);
    else
      pending.reject(timError(frame.code, (frame as { message: string }).message, (frame as { data?: unknown }).data));
  }
}
