import { type Clock, TIM_TYPES, type TimerHandle } from '@livesell/core';
import { type LocalRequest, TIM_ERROR } from '@livesell/core/protocol';
import type { WebSocket } from 'ws';
import { verifyUserSig } from '../usersig';
import { type EncodedFrame, pushFrame } from './frames';
import { ImError } from './im-error';
import { type ConnectionLimits, checkUserID, TokenBucket } from './limits';
import type { GroupMember } from './live-group';

/** One IM connection, logged in or not. */
export interface Session {
  readonly ws: WebSocket;
  userID: string | undefined;
  unlimited: boolean;
  /** Live groups this session is in. */
  readonly groups: Set<string>;
  expiryTimer: TimerHandle | undefined;
  alive: boolean;
  readonly member: GroupMember;
  /** Requests this connection may still make (token bucket). */
  readonly requests: TokenBucket;
  /** Closes the connection when it has not logged in in time. */
  loginTimer: TimerHandle | undefined;
}

/** Why a session leaves a group. */
export type LeaveReason = 'quit' | 'kicked' | 'disconnected';

export interface SessionsOptions {
  sdkAppID: number;
  secretKey: string;
  adminUserID: string;
  clock: Clock;
  limits: ConnectionLimits;
  log: (message: string) => void;
  /** A frame arrived (text, or undefined for a binary frame). */
  onFrame: (session: Session, text: string | undefined) => void;
  /** A session leaves a group (on logout, kick or close), with a quit tip or not. */
  leave: (session: Session, userID: string, groupID: string, tip: boolean, reason: LeaveReason) => void;
}

const USERSIG_CODES = {
  malformed: TIM_ERROR.USERSIG_INVALID,
  'wrong-app': TIM_ERROR.USERSIG_SDKAPPID_MISMATCH,
  'wrong-user': TIM_ERROR.USERSIG_IDENTIFIER_MISMATCH,
  'bad-signature': TIM_ERROR.USERSIG_VERIFY_FAILED,
  expired: TIM_ERROR.USERSIG_EXPIRED,
} as const;

/** The account clients trust as "the server" by default (`serverUserIDs`). */
const DEFAULT_SERVER_ID = 'administrator';

/** Longest timer Node accepts (≈ 24.8 days); longer sig lifetimes are re-checked when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Connections and logins: admission caps, login timeout, UserSig checks, expiry, kicks, replies. */
export class Sessions {
  /** Logged-in sessions by userID. */
  readonly byUser = new Map<string, Session>();
  /** Every open connection, logged in or not. */
  readonly all = new Set<Session>();
  /** Connections refused at the connection caps. */
  refusedConnections = 0;
  /** Connections closed for not logging in within `loginTimeoutMs`. */
  loginTimeouts = 0;
  /** Connections closed because a reply would have queued more than `maxQueuedBytes` unread. */
  slowConsumerCloses = 0;

  constructor(private readonly options: SessionsOptions) {}

  /** Why a new connection would be refused right now (undefined: it is welcome). */
  admission(): string | undefined {
    const { limits } = this.options;
    if (this.all.size >= limits.maxConnections) return `the server holds ${limits.maxConnections} connections`;
    if (this.all.size - this.byUser.size >= limits.maxUnauthenticated) {
      return `${limits.maxUnauthenticated} connections are waiting to log in`;
    }
    return undefined;
  }

  accept(ws: WebSocket): void {
    if (this.admission() !== undefined) {
      this.refusedConnections++;
      ws.terminate();
      return;
    }
    const { clock, limits } = this.options;
    const session: Session = {
      ws,
      userID: undefined,
      unlimited: false,
      groups: new Set(),
      expiryTimer: undefined,
      alive: true,
      member: {
        userID: '',
        joinedAt: 0,
        send: (frame) => {
          if (ws.readyState === ws.OPEN) ws.send(frame, { binary: false });
        },
        buffered: () => ws.bufferedAmount,
      },
      requests: new TokenBucket(limits.requestsPerSecond, limits.requestBurst, clock.now()),
      loginTimer: undefined,
    };
    this.all.add(session);
    this.awaitLogin(session);
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? undefined : data.toString();
      this.options.onFrame(session, text);
    });
    ws.on('pong', () => {
      session.alive = true;
    });
    ws.on('close', () => {
      this.clearLoginTimer(session);
      this.detach(session, true);
    });
    ws.on('error', () => ws.terminate());
  }

  /** A connection must log in within `loginTimeoutMs`, or it is closed (descriptors are finite). */
  awaitLogin(session: Session): void {
    const { clock } = this.options;
    this.clearLoginTimer(session);
    session.loginTimer = clock.setTimeout(() => {
      session.loginTimer = undefined;
      if (session.userID !== undefined || !this.all.has(session)) return;
      this.loginTimeouts++;
      this.all.delete(session);
      session.ws.close(4003, 'login timeout');
      // A peer that does not answer the close handshake loses its socket anyway.
      const kill = clock.setTimeout(() => session.ws.terminate(), 1000);
      session.ws.once('close', () => clock.clearTimeout(kill));
    }, this.options.limits.loginTimeoutMs);
  }

  clearLoginTimer(session: Session): void {
    if (session.loginTimer !== undefined) this.options.clock.clearTimeout(session.loginTimer);
    session.loginTimer = undefined;
  }

  /**
   * A frame to one connection. Replies share the socket's bound with broadcasts: a reply that would
   * queue more than `maxQueuedBytes` unread closes the connection (a client that does not read
   * cannot make the server hold its answers). `undefined` only applies that bound.
   */
  reply(session: Session, frame: EncodedFrame | undefined): void {
    const ws = session.ws;
    if (ws.readyState !== ws.OPEN) return;
    const { limits } = this.options;
    if (ws.bufferedAmount + (frame === undefined ? 0 : Buffer.byteLength(frame)) > limits.maxQueuedBytes) {
      this.slowConsumerCloses++;
      this.options.log(
        `im: closed ${session.userID ?? 'an unauthenticated connection'}: over ${limits.maxQueuedBytes} bytes unread`,
      );
      this.detach(session, true);
      ws.terminate();
      return;
    }
    if (frame !== undefined) ws.send(frame, { binary: false });
  }

  /** Drops sockets that stopped answering pings since the last sweep, and pings the others. */
  sweep(): void {
    for (const session of this.all) {
      if (!session.alive) {
        session.ws.terminate();
        continue;
      }
      session.alive = false;
      session.ws.ping();
    }
  }

  login(session: Session, r: Extract<LocalRequest, { op: 'login' }>): { userID: string; repeatLogin?: boolean } {
    const { adminUserID, sdkAppID, secretKey, clock } = this.options;
    const userID = checkUserID(r.userID);
    if (userID === DEFAULT_SERVER_ID && userID !== adminUserID) {
      // Clients trust this account as the server by default: nobody else may use it.
      throw new ImError(
        TIM_ERROR.USERSIG_IDENTIFIER_MISMATCH,
        `"${DEFAULT_SERVER_ID}" is reserved (clients trust it as the server); this server's admin is "${adminUserID}"`,
      );
    }
    if (session.userID !== undefined) {
      if (session.userID === userID) return { userID, repeatLogin: true };
      throw new ImError(TIM_ERROR.REPEAT_LOGIN, `already logged in as ${session.userID}; log out first`);
    }
    if (r.sdkAppID !== sdkAppID) {
      throw new ImError(TIM_ERROR.USERSIG_SDKAPPID_MISMATCH, `SDKAppID ${String(r.sdkAppID)} is not this server's app`);
    }
    const check = verifyUserSig({
      sdkAppID,
      secretKey,
      userSig: typeof r.userSig === 'string' ? r.userSig : '',
      userID,
      now: clock.now(),
    });
    if (!check.ok) {
      const reason = check.reason ?? 'malformed';
      throw new ImError(USERSIG_CODES[reason], `UserSig refused: ${reason}`);
    }
    const previous = this.byUser.get(userID);
    if (previous) this.kick(previous, TIM_TYPES.KICKED_OUT_MULT_ACCOUNT);
    session.userID = userID;
    session.member.userID = userID;
    session.unlimited = r.unlimitedAVChatRoom === true;
    this.byUser.set(userID, session);
    this.clearLoginTimer(session);
    this.scheduleExpiry(session, (check.expireAt ?? 0) * 1000);
    return { userID };
  }

  /** Logs a session out (it may log in again within `loginTimeoutMs`). */
  logout(session: Session): void {
    this.detach(session, false);
    this.awaitLogin(session);
  }

  private scheduleExpiry(session: Session, expireAtMs: number): void {
    const { clock } = this.options;
    const delay = expireAtMs - clock.now();
    session.expiryTimer = clock.setTimeout(
      () => {
        if (clock.now() >= expireAtMs) this.kick(session, TIM_TYPES.KICKED_OUT_USERSIG_EXPIRED);
        else this.scheduleExpiry(session, expireAtMs);
      },
      Math.min(MAX_TIMER_MS, Math.max(0, delay)),
    );
  }

  /** Signs a session out with a `kicked` push and closes it. */
  kick(session: Session, type: string): void {
    session.member.send(pushFrame({ push: 'kicked', data: { type } }));
    // A kicked session leaves its groups without tips: the new login re-joins right away.
    this.detach(session, true, false);
    session.ws.close(4001, type);
  }

  /** Ends a session's login: leaves its groups (with quit tips unless told not to). */
  detach(session: Session, closing: boolean, tips = true): void {
    if (closing) this.all.delete(session);
    if (session.expiryTimer !== undefined) this.options.clock.clearTimeout(session.expiryTimer);
    session.expiryTimer = undefined;
    const userID = session.userID;
    if (userID === undefined) return;
    for (const groupID of [...session.groups]) this.options.leave(session, userID, groupID, tips, 'disconnected');
    if (this.byUser.get(userID) === session) this.byUser.delete(userID);
    session.userID = undefined;
  }

  close(): void {
    for (const session of [...this.all]) {
      this.clearLoginTimer(session);
      this.detach(session, true, false);
      session.ws.terminate();
    }
  }
}
