import { randomBytes } from 'node:crypto';
import {
  type Clock,
  TIM_ERROR,
  TIM_TYPES,
  type TimerHandle,
  type TimGroupTipPayload,
  type TimMessage,
} from '@livesell/core';
import type { LocalOutgoingMessage, LocalRequest } from '@livesell/core/protocol';
import type { WebSocket } from 'ws';
import type { AnnouncementStatus, CustomFields, MessagePriority } from '../module';
import type { RoomLifecycleLog } from '../room/lifecycle';
import type { AfterSendEvent } from '../room/like-totals';
import { verifyUserSig } from '../usersig';
import { type ImEventMap, ImEvents } from './events';
import { ImError } from './im-error';
import {
  bytes,
  type ConnectionLimits,
  checkAttributes,
  checkCustomFields,
  checkGroupID,
  checkString,
  checkUserID,
  DEFAULT_CONNECTION_LIMITS,
  fieldMap,
  LIMIT_CODES,
  LIMITS,
  TokenBucket,
} from './limits';
import { emptyStats, type GroupMember, type GroupStats, LiveGroup } from './live-group';
import { Moderation } from './moderation';
import type { ModerationStore } from './moderation-store';
import { PRIORITIES } from './rate-limiter';
import type { ImStore, RoomProfilePatch, RoomRecord } from './store';
import { groupView, memberView, messageView, profileView, roleOf } from './views';

export interface ImGatewayOptions {
  store: ImStore;
  sdkAppID: number;
  secretKey: string;
  adminUserID: string;
  clock: Clock;
  /** Least time between two deliveries to a group (ms); what arrives in between is batched. */
  batchMs?: number;
  messagesPerSecond?: number;
  /** Per-connection and per-user limits (defaults: `DEFAULT_CONNECTION_LIMITS`). */
  limits?: Partial<ConnectionLimits>;
  /** Rooms one user may own (createGroup and the admin API); unlimited when omitted. */
  roomsPerUser?: number;
  log?: (message: string) => void;
  /**
   * Called after each member message is accepted, like Tencent IM's `Group.CallbackAfterSendMsg`
   * calls a backend (the like total is kept this way). Must not throw.
   */
  afterSend?: (event: AfterSendEvent) => void;
  /** Records each change of a room's `room_status` with its time. */
  lifecycle?: RoomLifecycleLog;
  /** Word lists, blocks, slow mode and the moderation log (`im/moderation.ts`). */
  moderationStore: ModerationStore;
}

/** Tencent IM's answer when a user has created too many live rooms. */
const ROOM_COUNT_LIMIT = 10036;
/** The account clients trust as "the server" by default (`serverUserIDs`). */
const DEFAULT_SERVER_ID = 'administrator';

interface Session {
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

export interface RoomUpdate extends RoomProfilePatch {
  customFields?: CustomFields | Array<{ key: string; value: string }>;
}

const USERSIG_CODES = {
  malformed: TIM_ERROR.USERSIG_INVALID,
  'wrong-app': TIM_ERROR.USERSIG_SDKAPPID_MISMATCH,
  'wrong-user': TIM_ERROR.USERSIG_IDENTIFIER_MISMATCH,
  'bad-signature': TIM_ERROR.USERSIG_VERIFY_FAILED,
  expired: TIM_ERROR.USERSIG_EXPIRED,
} as const;

/** How long a sender refused with 10023 competes as Lowest priority. */
const FLOODER_DEMOTION_MS = 10_000;

/** Longest timer Node accepts (≈ 24.8 days); longer sig lifetimes are re-checked when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The IM side of the local server: sessions, live groups, and every op of the local protocol. */
export class ImGateway {
  private readonly sessions = new Map<string, Session>();
  private readonly allSessions = new Set<Session>();
  private readonly groups = new Map<string, LiveGroup>();
  private readonly store: ImStore;
  private readonly clock: Clock;
  private readonly batchMs: number;
  private readonly messagesPerSecond: number;
  private readonly log: (message: string) => void;
  private readonly limits: ConnectionLimits;
  /** Per-user send budgets (token buckets), forgotten once full again. */
  private readonly senders = new Map<string, TokenBucket>();
  /** Senders refused with 10023 recently, until when: their priority claims no reserve meanwhile. */
  private readonly flooders = new Map<string, number>();
  private messageSeq = 0;
  /** Frames refused as malformed, across all connections. */
  malformedFrames = 0;
  /** Connections refused at the connection caps. */
  refusedConnections = 0;
  /** Connections closed for not logging in within `loginTimeoutMs`. */
  loginTimeouts = 0;
  /** Connections closed because a reply would have queued more than `maxQueuedBytes` unread. */
  slowConsumerCloses = 0;
  /** Requests refused with 10006 (per-connection request rate). */
  requestsLimited = 0;
  /** What happened, for the rest of the process (replay timeline, moderation): see `ImEventMap`. */
  readonly events: ImEvents;
  /** Mute, remove, block, delete, filters, slow mode, recent chat: see `im/moderation.ts`. */
  readonly moderation: Moderation;

  constructor(private readonly options: ImGatewayOptions) {
    this.store = options.store;
    this.clock = options.clock;
    this.batchMs = options.batchMs ?? 16;
    this.messagesPerSecond = options.messagesPerSecond ?? LIMITS.messagesPerSecond;
    this.limits = { ...DEFAULT_CONNECTION_LIMITS, ...options.limits };
    this.log = options.log ?? (() => {});
    this.events = new ImEvents(this.log);
    this.moderation = new Moderation(
      {
        clock: this.clock,
        adminUserID: options.adminUserID,
        events: this.events,
        mute: (room, userID, seconds, operatorID) => this.mute(room, userID, seconds, operatorID),
        remove: (room, userID, operatorID, banSeconds) => this.kickFromGroup(room, userID, operatorID, banSeconds),
        isOnline: (groupID, userID) => this.sessions.get(userID)?.groups.has(groupID) === true,
        setAdmin: (room, userID, admin, operatorID) => this.setAdmin(room, userID, admin, operatorID),
        broadcast: (groupID, frame) => this.groups.get(groupID)?.broadcast(frame),
        setFields: (room, fields, operatorID) => this.updateRoom(room, { customFields: fields }, operatorID),
        nick: (userID) => this.store.profile(userID).nick,
      },
      options.moderationStore,
    );
  }

  /** Why a new connection would be refused right now (undefined: it is welcome). */
  admission(): string | undefined {
    if (this.allSessions.size >= this.limits.maxConnections) {
      return `the server holds ${this.limits.maxConnections} connections`;
    }
    if (this.allSessions.size - this.sessions.size >= this.limits.maxUnauthenticated) {
      return `${this.limits.maxUnauthenticated} connections are waiting to log in`;
    }
    return undefined;
  }

  /** Counts a connection refused before the WebSocket upgrade. */
  refused(): void {
    this.refusedConnections++;
  }

  // ---- connections -------------------------------------------------------------------------

  accept(ws: WebSocket): void {
    if (this.admission() !== undefined) {
      this.refusedConnections++;
      ws.terminate();
      return;
    }
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
      requests: new TokenBucket(this.limits.requestsPerSecond, this.limits.requestBurst, this.clock.now()),
      loginTimer: undefined,
    };
    this.allSessions.add(session);
    this.awaitLogin(session);
    ws.on('message', (data, isBinary) => {
      const text = isBinary ? undefined : data.toString();
      this.onFrame(session, text);
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
  private awaitLogin(session: Session): void {
    this.clearLoginTimer(session);
    session.loginTimer = this.clock.setTimeout(() => {
      session.loginTimer = undefined;
      if (session.userID !== undefined || !this.allSessions.has(session)) return;
      this.loginTimeouts++;
      this.allSessions.delete(session);
      session.ws.close(4003, 'login timeout');
      // A peer that does not answer the close handshake loses its socket anyway.
      const kill = this.clock.setTimeout(() => session.ws.terminate(), 1000);
      session.ws.once('close', () => this.clock.clearTimeout(kill));
    }, this.limits.loginTimeoutMs);
  }

  private clearLoginTimer(session: Session): void {
    if (session.loginTimer !== undefined) this.clock.clearTimeout(session.loginTimer);
    session.loginTimer = undefined;
  }

  /**
   * A reply to one connection. Replies share the socket's bound with broadcasts: a reply that would
   * queue more than `maxQueuedBytes` unread closes the connection (a client that does not read
   * cannot make the server hold its answers).
   */
  private reply(session: Session, frame: string): void {
    const ws = session.ws;
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount + Buffer.byteLength(frame) > this.limits.maxQueuedBytes) {
      this.slowConsumerCloses++;
      this.log(
        `im: closed ${session.userID ?? 'an unauthenticated connection'}: over ${this.limits.maxQueuedBytes} bytes unread`,
      );
      this.detach(session, true);
      ws.terminate();
      return;
    }
    ws.send(frame, { binary: false });
  }

  /** Drops sockets that stopped answering pings since the last sweep. */
  sweep(): void {
    const now = this.clock.now();
    for (const [userID, bucket] of this.senders) if (bucket.full(now)) this.senders.delete(userID);
    for (const [userID, until] of this.flooders) if (until <= now) this.flooders.delete(userID);
    for (const session of this.allSessions) {
      if (!session.alive) {
        session.ws.terminate();
        continue;
      }
      session.alive = false;
      session.ws.ping();
    }
  }

  private onFrame(session: Session, text: string | undefined): void {
    if (!session.requests.take(this.clock.now())) {
      this.requestsLimited++;
      const id = requestID(text);
      this.reply(
        session,
        JSON.stringify({ id, code: LIMIT_CODES.OPERATION_FREQUENCY, message: 'too many requests; slow down' }),
      );
      return;
    }
    if (session.ws.bufferedAmount > this.limits.maxQueuedBytes) {
      // Not reading its answers: do not compute more of them.
      this.reply(session, '');
      return;
    }
    let request: LocalRequest;
    try {
      const parsed: unknown = text === undefined ? undefined : JSON.parse(text);
      if (
        !parsed ||
        typeof parsed !== 'object' ||
        typeof (parsed as { id?: unknown }).id !== 'number' ||
        typeof (parsed as { op?: unknown }).op !== 'string'
      ) {
        throw new Error('a frame is a JSON object with a numeric id and a string op');
      }
      request = parsed as LocalRequest;
    } catch (error) {
      this.malformedFrames++;
      const message = error instanceof SyntaxError ? 'frame is not valid JSON' : (error as Error).message;
      this.reply(session, JSON.stringify({ id: null, code: TIM_ERROR.INVALID_PARAMETERS, message }));
      return;
    }
    try {
      const data = this.dispatch(session, request);
      this.reply(session, JSON.stringify({ id: request.id, code: 0, data }));
    } catch (error) {
      if (!(error instanceof ImError)) {
        this.log(`im: ${request.op} failed: ${(error as Error).stack ?? String(error)}`);
      }
      const code = error instanceof ImError ? error.code : TIM_ERROR.SEND_FAILED;
      const message = error instanceof Error ? error.message : String(error);
      const data = error instanceof ImError ? error.data : undefined;
      this.reply(session, JSON.stringify({ id: request.id, code, message, data }));
    }
  }

  private dispatch(session: Session, r: LocalRequest): unknown {
    if (r.op === 'ping') return { time: Math.floor(this.clock.now() / 1000) };
    if (r.op === 'login') return this.login(session, r);
    const userID = session.userID;
    if (userID === undefined) throw new ImError(TIM_ERROR.NOT_LOGGED_IN, 'not logged in');
    switch (r.op) {
      case 'logout':
        this.detach(session, false);
        this.awaitLogin(session);
        return {};
      case 'joinGroup':
        return this.join(session, userID, checkGroupID(r.groupID));
      case 'quitGroup':
        return this.quit(session, userID, checkGroupID(r.groupID));
      case 'sendMessage':
        return { message: this.send(session, userID, r.message) };
      case 'getGroupProfile': {
        const room = this.room(r.groupID);
        const filter = Array.isArray(r.groupCustomFieldFilter) ? r.groupCustomFieldFilter : undefined;
        return { group: groupView(room, this.groups.get(room.groupID), userID, filter) };
      }
      case 'updateGroupProfile': {
        const { op: _op, id: _id, groupID, groupCustomField, ...patch } = r;
        const room = this.room(groupID);
        this.updateRoom(room, { ...patch, customFields: groupCustomField }, userID);
        return { group: groupView(room, this.groups.get(room.groupID), userID) };
      }
      case 'getMyProfile':
        return profileView(this.store.profile(userID));
      case 'updateMyProfile':
        return this.updateProfile(userID, r);
      case 'getUserProfile': {
        if (!Array.isArray(r.userIDList)) {
          throw new ImError(TIM_ERROR.INVALID_PARAMETERS, 'userIDList must be an array of userIDs');
        }
        const ids = [...new Set(r.userIDList)];
        if (ids.length > this.limits.profileBatch) {
          throw new ImError(
            LIMIT_CODES.TOO_MANY_ACCOUNTS,
            `userIDList holds ${ids.length} userIDs; at most ${this.limits.profileBatch} per request`,
          );
        }
        return ids.map((id) => profileView(this.store.profile(checkUserID(id))));
      }
      case 'getGroupOnlineMemberCount':
        return { memberCount: this.groups.get(this.room(r.groupID).groupID)?.members.size ?? 0 };
      case 'getGroupAttributes': {
        const room = this.joinedRoom(session, r.groupID);
        const keys = Array.isArray(r.keyList) && r.keyList.length > 0 ? r.keyList : [...room.attributes.keys()];
        const out: Record<string, string> = {};
        for (const key of keys) {
          const value = room.attributes.get(key);
          if (value !== undefined) out[key] = value;
        }
        return { groupAttributes: out };
      }
      case 'setGroupAttributes': {
        const room = this.joinedRoom(session, r.groupID);
        const changes = fieldMap(r.groupAttributes, 'groupAttributes');
        checkAttributes(changes, room.attributes);
        this.store.setAttributes(room, changes);
        this.pushAttributes(room, [...changes.keys()], []);
        return { groupAttributes: Object.fromEntries(changes) };
      }
      case 'deleteGroupAttributes': {
        const room = this.joinedRoom(session, r.groupID);
        if (!Array.isArray(r.keyList) || r.keyList.some((k) => typeof k !== 'string')) {
          throw new ImError(TIM_ERROR.INVALID_PARAMETERS, 'keyList must be an array of strings');
        }
        const keys = r.keyList.length > 0 ? r.keyList : [...room.attributes.keys()];
        this.store.setAttributes(room, new Map(), keys);
        this.pushAttributes(room, [], keys);
        return { keyList: keys };
      }
      case 'getGroupMemberList': {
        const room = this.room(r.groupID);
        const group = this.groups.get(room.groupID);
        const offset = Math.max(0, Number(r.offset) || 0);
        const count = Math.min(100, Math.max(1, Number(r.count) || 15));
        const members = group ? [...group.members.values()].slice(offset, offset + count) : [];
        const now = this.clock.now();
        return {
          memberList: members.map((m) => {
            const until = room.mutes.get(m.userID);
            return memberView(room, this.store.profile(m.userID), m.joinedAt, until && until > now ? until : undefined);
          }),
        };
      }
      case 'createGroup': {
        if (r.type !== TIM_TYPES.GRP_AVCHATROOM) {
          throw new ImError(TIM_ERROR.INVALID_PARAMETERS, 'the local server only hosts live rooms (type AVChatRoom)');
        }
        const room = this.createRoom({
          ownerID: userID,
          name: r.name,
          groupID: r.groupID,
          introduction: r.introduction,
          notification: r.notification,
          avatar: r.avatar,
        });
        return { group: groupView(room, undefined, userID) };
      }
      case 'setGroupMemberMuteTime': {
        const room = this.room(r.groupID);
        const muteUntil = this.moderation.setMuteTime(room, userID, r.userID, r.muteTime);
        return { group: { groupID: room.groupID }, member: { userID: r.userID, muteUntil } };
      }
      case 'deleteGroupMember': {
        const room = this.room(r.groupID);
        const userIDList = this.moderation.removeMembers(room, userID, r.userIDList, r.duration, r.reason);
        return { group: { groupID: room.groupID }, userIDList };
      }
      case 'setGroupMemberRole': {
        const room = this.room(r.groupID);
        const role = this.moderation.setRole(room, userID, r.userID, r.role);
        return { group: { groupID: room.groupID }, member: { userID: r.userID, role } };
      }
      case 'revokeMessage':
        return { messageID: this.moderation.revoke(this.joinedRoom(session, r.groupID), userID, r.messageID) };
      case 'getMessageList':
        return {
          messageList: this.moderation.history(this.joinedRoom(session, r.groupID), r.count),
          isCompleted: true,
        };
      case 'setGroupMemberCustomField':
        throw new ImError(
          TIM_ERROR.NOT_SUPPORTED_IN_AVCHATROOM,
          'member custom fields are not supported in AVChatRoom',
        );
      default:
        throw new ImError(TIM_ERROR.INVALID_PARAMETERS, `unknown op "${String((r as { op: unknown }).op)}"`);
    }
  }

  // ---- login ---------------------------------------------------------------------------------

  private login(session: Session, r: Extract<LocalRequest, { op: 'login' }>): unknown {
    const userID = checkUserID(r.userID);
    if (userID === DEFAULT_SERVER_ID && userID !== this.options.adminUserID) {
      // Clients trust this account as the server by default: nobody else may use it.
      throw new ImError(
        TIM_ERROR.USERSIG_IDENTIFIER_MISMATCH,
        `"${DEFAULT_SERVER_ID}" is reserved (clients trust it as the server); this server's admin is "${this.options.adminUserID}"`,
      );
    }
    if (session.userID !== undefined) {
      if (session.userID === userID) return { userID, repeatLogin: true };
      throw new ImError(TIM_ERROR.REPEAT_LOGIN, `already logged in as ${session.userID}; log out first`);
    }
    if (r.sdkAppID !== this.options.sdkAppID) {
      throw new ImError(TIM_ERROR.USERSIG_SDKAPPID_MISMATCH, `SDKAppID ${String(r.sdkAppID)} is not this server's app`);
    }
    const check = verifyUserSig({
      sdkAppID: this.options.sdkAppID,
      secretKey: this.options.secretKey,
      userSig: typeof r.userSig === 'string' ? r.userSig : '',
      userID,
      now: this.clock.now(),
    });
    if (!check.ok) {
      const reason = check.reason ?? 'malformed';
      throw new ImError(USERSIG_CODES[reason], `UserSig refused: ${reason}`);
    }
    const previous = this.sessions.get(userID);
    if (previous) this.kickSession(previous, TIM_TYPES.KICKED_OUT_MULT_ACCOUNT);
    session.userID = userID;
    session.member.userID = userID;
    session.unlimited = r.unlimitedAVChatRoom === true;
    this.sessions.set(userID, session);
    this.clearLoginTimer(session);
    this.scheduleExpiry(session, (check.expireAt ?? 0) * 1000);
    return { userID };
  }

  private scheduleExpiry(session: Session, expireAtMs: number): void {
    const delay = expireAtMs - this.clock.now();
    session.expiryTimer = this.clock.setTimeout(
      () => {
        if (this.clock.now() >= expireAtMs) this.kickSession(session, TIM_TYPES.KICKED_OUT_USERSIG_EXPIRED);
        else this.scheduleExpiry(session, expireAtMs);
      },
      Math.min(MAX_TIMER_MS, Math.max(0, delay)),
    );
  }

  private kickSession(session: Session, type: string): void {
    session.member.send(JSON.stringify({ push: 'kicked', data: { type } }));
    // A kicked session leaves its groups without tips: the new login re-joins right away.
    this.detach(session, true, false);
    session.ws.close(4001, type);
  }

  /** Ends a session's login: leaves its groups (with quit tips unless told not to). */
  private detach(session: Session, closing: boolean, tips = true): void {
    if (closing) this.allSessions.delete(session);
    if (session.expiryTimer !== undefined) this.clock.clearTimeout(session.expiryTimer);
    session.expiryTimer = undefined;
    const userID = session.userID;
    if (userID === undefined) return;
    for (const groupID of [...session.groups]) this.leave(session, userID, groupID, tips, 'disconnected');
    if (this.sessions.get(userID) === session) this.sessions.delete(userID);
    session.userID = undefined;
  }

  // ---- groups --------------------------------------------------------------------------------

  private room(groupID: unknown): RoomRecord {
    const room = this.store.room(checkGroupID(groupID));
    if (!room) throw new ImError(TIM_ERROR.GROUP_NOT_FOUND, `group ${String(groupID)} does not exist`);
    return room;
  }

  private joinedRoom(session: Session, groupID: unknown): RoomRecord {
    const room = this.room(groupID);
    if (!session.groups.has(room.groupID)) {
      throw new ImError(TIM_ERROR.PERMISSION_DENIED, `join group ${room.groupID} first`);
    }
    return room;
  }

  private liveGroup(room: RoomRecord): LiveGroup {
    let group = this.groups.get(room.groupID);
    if (!group) {
      group = new LiveGroup(room, this.clock, this.batchMs, this.messagesPerSecond, this.limits.maxQueuedBytes);
      const groupID = room.groupID;
      group.onEnqueue = (message) => {
        if (this.events.has('message')) this.events.emit('message', { groupID, message, at: this.clock.now() });
      };
      this.groups.set(room.groupID, group);
    }
    return group;
  }

  private join(session: Session, userID: string, groupID: string): unknown {
    const room = this.room(groupID);
    if (session.groups.has(groupID)) return { status: TIM_TYPES.JOIN_STATUS_ALREADY_IN_GROUP };
    this.moderation.checkJoin(room, userID);
    // A Web/mini-program user is in one live room at a time unless the app enabled unlimitedAVChatRoom.
    if (!session.unlimited) for (const other of [...session.groups]) this.leave(session, userID, other, true, 'quit');
    const group = this.liveGroup(room);
    session.groups.add(groupID);
    const member: GroupMember = { ...session.member, userID, joinedAt: this.clock.now() };
    group.members.set(userID, member);
    this.events.emit('memberJoined', { groupID, userID, at: this.clock.now() });
    const profile = this.store.profile(userID);
    this.sendTip(group, userID, TIM_TYPES.GRP_TIP_MBR_JOIN, {
      operatorID: userID,
      userIDList: [userID],
      memberList: [{ userID, nick: profile.nick, avatar: profile.avatar }],
    });
    return { status: TIM_TYPES.JOIN_STATUS_SUCCESS, group: groupView(room, group, userID) };
  }

  private quit(session: Session, userID: string, groupID: string): unknown {
    const room = this.room(groupID);
    if (!session.groups.has(groupID)) throw new ImError(TIM_ERROR.NOT_IN_AVCHATROOM, `not in group ${groupID}`);
    if (room.ownerID === userID) throw new ImError(10009, 'the group owner cannot quit the group');
    this.leave(session, userID, groupID, true, 'quit');
    return { groupID };
  }

  private leave(
    session: Session,
    userID: string,
    groupID: string,
    tip: boolean,
    reason: 'quit' | 'kicked' | 'disconnected',
  ): void {
    session.groups.delete(groupID);
    const group = this.groups.get(groupID);
    if (!group) return;
    group.members.delete(userID);
    this.events.emit('memberLeft', { groupID, userID, at: this.clock.now(), reason });
    if (tip) this.sendTip(group, userID, TIM_TYPES.GRP_TIP_MBR_QUIT, { operatorID: userID, userIDList: [userID] });
  }

  private sendTip(
    group: LiveGroup,
    exclude: string | undefined,
    operationType: number,
    tip: Omit<TimGroupTipPayload, 'operationType' | 'memberCount'>,
  ): void {
    const payload: TimGroupTipPayload = { operationType, ...tip, memberCount: group.members.size };
    const message = messageView({
      ID: this.nextID('tip'),
      type: TIM_TYPES.MSG_GRP_TIP,
      groupID: group.room.groupID,
      from: this.store.profile(tip.operatorID),
      payload: { ...payload, groupProfile: { groupID: group.room.groupID, name: group.room.name } },
      priority: 'High',
      now: this.clock.now(),
    });
    group.tip(message, exclude);
  }

  private nextID(kind: string): string {
    this.messageSeq = (this.messageSeq + 1) % 1_000_000_000;
    return `${kind}-${this.clock.now()}-${this.messageSeq}-${randomBytes(3).toString('hex')}`;
  }

  // ---- messages ------------------------------------------------------------------------------

  private send(session: Session, userID: string, raw: LocalOutgoingMessage): TimMessage {
    if (!raw || typeof raw !== 'object') throw new ImError(TIM_ERROR.INVALID_PARAMETERS, 'message must be an object');
    const ID = checkString(raw.ID, 'message.ID', 128, false);
    const groupID = checkGroupID(raw.to);
    const room = this.room(groupID);
    const group = this.groups.get(groupID);
    if (!group || !session.groups.has(groupID)) {
      throw new ImError(TIM_ERROR.NOT_IN_AVCHATROOM, `join group ${groupID} before sending to it`);
    }
    const priority = (PRIORITIES as readonly string[]).includes(raw.priority)
      ? (raw.priority as MessagePriority)
      : 'Normal';
    const payload = messagePayload(raw.type, raw.payload);
    const cloudCustomData =
      raw.cloudCustomData === undefined ? '' : checkString(raw.cloudCustomData, 'cloudCustomData', LIMITS.messageBytes);
    const size = Object.values(payload).reduce((n, v) => n + bytes(v), 0) + bytes(cloudCustomData);
    if (size > LIMITS.messageBytes) {
      throw new ImError(
        TIM_ERROR.MESSAGE_TOO_LARGE,
        `message body is ${size} bytes; the limit is ${LIMITS.messageBytes}`,
      );
    }
    const now = this.clock.now();
    const role = roleOf(room, userID);
    const muteUntil = room.mutes.get(userID) ?? 0;
    if (muteUntil > now || (room.muteAllMembers && role === 'Member')) {
      throw new ImError(TIM_ERROR.MUTED, 'you are muted in this group', muteUntil > now ? { muteUntil } : undefined);
    }
    const verdict = this.moderation.checkSend(room, userID, raw.type, payload);
    if (userID !== this.options.adminUserID && !this.senderBudget(userID, now).take(now)) {
      // Per-sender fairness: a flood is refused at its sender (who hears the documented code),
      // so it cannot take the room's 40 msgs/s from everyone else, whatever its priority.
      group.stats.frequencyLimited++;
      this.flooders.set(userID, now + FLOODER_DEMOTION_MS);
      throw new ImError(
        LIMIT_CODES.MESSAGE_FREQUENCY,
        `over ${this.limits.userMessagesPerSecond} messages/s; lengthen the interval between two sends`,
      );
    }
    const message = messageView({
      ID,
      type: raw.type,
      groupID,
      from: this.store.profile(userID),
      payload,
      priority,
      now,
      cloudCustomData,
    });
    // Filtered in sender-only mode: the sender hears success and nobody else gets it.
    if (verdict === 'sender-only') return { ...message, flow: 'out' };
    if (userID === this.options.adminUserID) group.postExempt(message);
    else {
      // What a flooder still gets through competes as Lowest: a self-declared High from a sender
      // over its rate must not make honest viewers' messages need the High reserve.
      const until = this.flooders.get(userID);
      const demoted = until !== undefined && until > now;
      if (until !== undefined && !demoted) this.flooders.delete(userID);
      group.post(message, demoted ? 'Lowest' : priority);
    }
    if (this.options.afterSend) {
      const event: AfterSendEvent = { groupID, fromUserID: userID };
      if (raw.type === TIM_TYPES.MSG_CUSTOM) {
        event.custom = {
          data: payload.data ?? '',
          description: payload.description ?? '',
          extension: payload.extension ?? '',
        };
      }
      try {
        this.options.afterSend(event);
      } catch (error) {
        this.log(`im: after-send callback failed: ${String(error)}`);
      }
    }
    // Dropped or not, the sender hears "success", as from Tencent IM.
    return { ...message, flow: 'out' };
  }

  private senderBudget(userID: string, now: number): TokenBucket {
    let bucket = this.senders.get(userID);
    if (!bucket) {
      bucket = new TokenBucket(this.limits.userMessagesPerSecond, this.limits.userMessageBurst, now);
      this.senders.set(userID, bucket);
    }
    return bucket;
  }

  // ---- profiles & attributes ----------------------------------------------------------------

  private updateProfile(userID: string, r: { nick?: unknown; avatar?: unknown; selfSignature?: unknown }): unknown {
    const patch: { nick?: string; avatar?: string; selfSignature?: string } = {};
    if (r.nick !== undefined) patch.nick = checkString(r.nick, 'nick', LIMITS.nickBytes);
    if (r.avatar !== undefined) patch.avatar = checkString(r.avatar, 'avatar', LIMITS.avatarBytes);
    if (r.selfSignature !== undefined) patch.selfSignature = checkString(r.selfSignature, 'selfSignature', 500);
    const profile = profileView(this.store.setProfile(userID, patch));
    const own = this.sessions.get(userID);
    if (own) this.reply(own, JSON.stringify({ push: 'profile', data: [profile] }));
    return profile;
  }

  private pushAttributes(room: RoomRecord, updatedKeyList: string[], deletedKeyList: string[]): void {
    const group = this.groups.get(room.groupID);
    if (!group) return;
    group.broadcast(
      JSON.stringify({
        push: 'groupAttributes',
        data: {
          groupID: room.groupID,
          groupAttributes: Object.fromEntries(room.attributes),
          updatedKeyList,
          deletedKeyList,
        },
      }),
    );
  }

  // ---- operations shared with the admin API -------------------------------------------------

  createRoom(options: {
    ownerID: string;
    name?: string;
    groupID?: string;
    introduction?: string;
    notification?: string;
    avatar?: string;
  }): RoomRecord {
    const ownerID = checkUserID(options.ownerID, 'ownerID');
    const cap = this.options.roomsPerUser;
    if (cap !== undefined && ownerID !== this.options.adminUserID) {
      let owned = 0;
      for (const room of this.store.allRooms()) if (room.ownerID === ownerID) owned++;
      if (owned >= cap) {
        throw new ImError(ROOM_COUNT_LIMIT, `${ownerID} already owns ${owned} rooms (the limit is ${cap})`);
      }
    }
    let groupID: string;
    if (options.groupID === undefined || options.groupID === '') {
      do groupID = `@TGS#a${randomBytes(5).toString('hex').toUpperCase()}`;
      while (this.store.room(groupID));
    } else {
      groupID = checkGroupID(options.groupID);
      if (this.store.room(groupID)) throw new ImError(TIM_ERROR.GROUP_ID_IN_USE, `group ${groupID} already exists`);
    }
    const room = this.store.createRoom({
      groupID,
      name: options.name === undefined ? groupID : checkString(options.name, 'name', LIMITS.groupNameBytes),
      type: TIM_TYPES.GRP_AVCHATROOM,
      ownerID,
      notification: checkString(options.notification ?? '', 'notification', LIMITS.notificationBytes),
      introduction: checkString(options.introduction ?? '', 'introduction', LIMITS.introductionBytes),
      avatar: checkString(options.avatar ?? '', 'avatar', LIMITS.avatarBytes),
      muteAllMembers: false,
      createdAt: this.clock.now(),
    });
    this.events.emit('roomCreated', { groupID, ownerID, at: room.createdAt });
    return room;
  }

  /** Changes the profile and custom fields; members get one tip (operationType 6) with what changed. */
  updateRoom(room: RoomRecord, update: RoomUpdate, operatorID: string): void {
    const role = roleOf(room, operatorID);
    if (role === 'Member' && operatorID !== this.options.adminUserID) {
      throw new ImError(TIM_ERROR.PERMISSION_DENIED, 'only the owner or an admin may change the group profile');
    }
    const patch: RoomProfilePatch = {};
    if (update.name !== undefined) patch.name = checkString(update.name, 'name', LIMITS.groupNameBytes, false);
    if (update.notification !== undefined) {
      patch.notification = checkString(update.notification, 'notification', LIMITS.notificationBytes);
    }
    if (update.introduction !== undefined) {
      patch.introduction = checkString(update.introduction, 'introduction', LIMITS.introductionBytes);
    }
    if (update.avatar !== undefined) patch.avatar = checkString(update.avatar, 'avatar', LIMITS.avatarBytes);
    if (update.muteAllMembers !== undefined) {
      if (typeof update.muteAllMembers !== 'boolean') {
        throw new ImError(TIM_ERROR.INVALID_PARAMETERS, 'muteAllMembers must be a boolean');
      }
      patch.muteAllMembers = update.muteAllMembers;
    }
    const fields = update.customFields === undefined ? undefined : fieldMap(update.customFields, 'groupCustomField');
    if (fields) checkCustomFields(fields, room.customFields);
    if (Object.keys(patch).length === 0 && (!fields || fields.size === 0)) return;
    this.store.updateRoom(room, patch, fields);
    const status = fields?.get('room_status');
    if (status !== undefined) this.options.lifecycle?.record(room.groupID, status, operatorID, this.clock.now());
    if (this.events.has('roomUpdated')) {
      const changed: ImEventMap['roomUpdated'] = { groupID: room.groupID, operatorID, at: this.clock.now() };
      if (patch.name !== undefined) changed.name = patch.name;
      if (patch.notification !== undefined) changed.notification = patch.notification;
      if (patch.introduction !== undefined) changed.introduction = patch.introduction;
      if (fields && fields.size > 0) changed.customFields = Object.fromEntries(fields);
      this.events.emit('roomUpdated', changed);
    }
    const group = this.groups.get(room.groupID);
    if (!group) return;
    const newGroupProfile: NonNullable<TimGroupTipPayload['newGroupProfile']> = {};
    if (patch.name !== undefined) newGroupProfile.groupName = patch.name;
    if (patch.notification !== undefined) newGroupProfile.notification = patch.notification;
    if (patch.introduction !== undefined) newGroupProfile.introduction = patch.introduction;
    if (patch.muteAllMembers !== undefined) newGroupProfile.muteAllMembers = patch.muteAllMembers;
    if (patch.avatar !== undefined) (newGroupProfile as Record<string, unknown>).avatar = patch.avatar;
    if (fields && fields.size > 0)
      newGroupProfile.groupCustomField = [...fields].map(([key, value]) => ({ key, value }));
    this.sendTip(group, undefined, TIM_TYPES.GRP_TIP_GRP_PROFILE_UPDATED, {
      operatorID,
      userIDList: [],
      newGroupProfile,
    });
  }

  /**
   * A server announcement (merchant: verified purchase, claim, coupon issue) through the room's
   * 40 msgs/s budget, merged into a waiting one with the same `mergeKey` when the budget is spent.
   * Nobody online: nothing to deliver (as for every live-room message).
   */
  async announce(
    room: RoomRecord,
    data: string,
    extension: string,
    options: { mergeKey?: string; sum?: readonly string[] },
  ): Promise<{ messageID: string; status: AnnouncementStatus }> {
    const size = bytes(data) + bytes(extension);
    if (size > LIMITS.messageBytes) {
      throw new ImError(
        TIM_ERROR.MESSAGE_TOO_LARGE,
        `message body is ${size} bytes; the limit is ${LIMITS.messageBytes}`,
      );
    }
    const group = this.groups.get(room.groupID);
    if (!group) return { messageID: '', status: 'dropped' };
    const from = this.store.profile(this.options.adminUserID);
    return group.announce(extension, options, (ext) =>
      messageView({
        ID: this.nextID('srv'),
        type: TIM_TYPES.MSG_CUSTOM,
        groupID: room.groupID,
        from,
        payload: messagePayload(TIM_TYPES.MSG_CUSTOM, { data, description: '', extension: ext }),
        priority: 'High',
        now: this.clock.now(),
      }),
    );
  }

  /** A message from the server (REST): exempt from the rate limit. */
  postAsServer(
    room: RoomRecord,
    type: 'custom' | 'text',
    content: { data?: string; description?: string; extension?: string; text?: string },
    priority: MessagePriority,
    fromUserID: string = this.options.adminUserID,
  ): string {
    const payload =
      type === 'text'
        ? messagePayload(TIM_TYPES.MSG_TEXT, { text: content.text })
        : messagePayload(TIM_TYPES.MSG_CUSTOM, {
            data: content.data ?? '',
            description: content.description ?? '',
            extension: content.extension ?? '',
          });
    const size = Object.values(payload).reduce((n, v) => n + bytes(v), 0);
    if (size > LIMITS.messageBytes) {
      throw new ImError(
        TIM_ERROR.MESSAGE_TOO_LARGE,
        `message body is ${size} bytes; the limit is ${LIMITS.messageBytes}`,
      );
    }
    const ID = this.nextID('srv');
    const message = messageView({
      ID,
      type: type === 'text' ? TIM_TYPES.MSG_TEXT : TIM_TYPES.MSG_CUSTOM,
      groupID: room.groupID,
      from: this.store.profile(checkUserID(fromUserID, 'fromUserID')),
      payload,
      priority,
      now: this.clock.now(),
    });
    this.groups.get(room.groupID)?.postExempt(message);
    return ID;
  }

  listRooms(): RoomRecord[] {
    return this.store.allRooms();
  }

  findRoom(groupID: string): RoomRecord {
    return this.room(groupID);
  }

  onlineCount(groupID: string): number {
    return this.groups.get(groupID)?.members.size ?? 0;
  }

  group(groupID: string): LiveGroup | undefined {
    return this.groups.get(groupID);
  }

  setAdmin(room: RoomRecord, userID: string, admin: boolean, operatorID = this.options.adminUserID): void {
    checkUserID(userID);
    if (room.ownerID === userID) throw new ImError(TIM_ERROR.INVALID_PARAMETERS, 'the owner is not an admin');
    if (room.admins.has(userID) === admin) return;
    this.store.setAdmin(room, userID, admin);
    const group = this.groups.get(room.groupID);
    if (group) {
      const op = admin ? TIM_TYPES.GRP_TIP_MBR_SET_ADMIN : TIM_TYPES.GRP_TIP_MBR_CANCELED_ADMIN;
      this.sendTip(group, undefined, op, { operatorID, userIDList: [userID] });
    }
  }

  /**
   * Removes a member from a live room; everyone, the member included, gets tip op 3 — or op 10
   * (AVChatRoom ban) with the ban's seconds as `muteTime` when `banSeconds` > 0.
   */
  kickFromGroup(room: RoomRecord, userID: string, operatorID = this.options.adminUserID, banSeconds = 0): void {
    checkUserID(userID);
    const group = this.groups.get(room.groupID);
    const session = this.sessions.get(userID);
    if (!group || !session?.groups.has(room.groupID)) {
      throw new ImError(TIM_ERROR.NOT_IN_AVCHATROOM, `${userID} is not in group ${room.groupID}`);
    }
    this.sendTip(
      group,
      undefined,
      banSeconds > 0 ? TIM_TYPES.GRP_TIP_BAN_AVCHATROOM_MEMBER : TIM_TYPES.GRP_TIP_MBR_KICKED_OUT,
      { operatorID, userIDList: [userID], memberList: banSeconds > 0 ? [{ userID, muteTime: banSeconds }] : undefined },
    );
    group.flush();
    this.leave(session, userID, room.groupID, false, 'kicked');
  }

  /** Mutes a member for `seconds` (0 lifts it); members get tip op 7 with the member's `muteTime`. */
  mute(room: RoomRecord, userID: string, seconds: number, operatorID = this.options.adminUserID): void {
    checkUserID(userID);
    if (!Number.isFinite(seconds) || seconds < 0) {
      throw new ImError(TIM_ERROR.INVALID_PARAMETERS, 'seconds must be a non-negative number');
    }
    this.store.setMute(room, userID, seconds > 0 ? this.clock.now() + seconds * 1000 : 0);
    const group = this.groups.get(room.groupID);
    if (group) {
      this.sendTip(group, undefined, TIM_TYPES.GRP_TIP_MBR_PROFILE_UPDATED, {
        operatorID,
        userIDList: [userID],
        memberList: [{ userID, muteTime: seconds }],
      });
    }
  }

  setProfile(userID: string, patch: { nick?: string; avatar?: string }): void {
    this.updateProfile(checkUserID(userID), patch);
  }

  profile(userID: string): { userID: string; nick: string; avatar: string } {
    const { nick, avatar } = this.store.profile(checkUserID(userID));
    return { userID, nick, avatar };
  }

  /** Signs a user out everywhere (KICKED_OUT `REST_API_Kick`). Returns whether they were online. */
  kickUser(userID: string): boolean {
    const session = this.sessions.get(checkUserID(userID));
    if (!session) return false;
    this.kickSession(session, TIM_TYPES.KICKED_OUT_REST_API);
    return true;
  }

  stats(groupID: string): GroupStats | undefined {
    return this.groups.get(groupID)?.stats;
  }

  totals(): {
    connections: number;
    users: number;
    rooms: number;
    liveRooms: number;
    malformedFrames: number;
    refusedConnections: number;
    loginTimeouts: number;
    slowConsumerCloses: number;
    requestsLimited: number;
  } & GroupStats {
    const total = {
      connections: this.allSessions.size,
      users: this.sessions.size,
      rooms: this.store.allRooms().length,
      liveRooms: [...this.groups.values()].filter((g) => g.members.size > 0).length,
      malformedFrames: this.malformedFrames,
      refusedConnections: this.refusedConnections,
      loginTimeouts: this.loginTimeouts,
      slowConsumerCloses: this.slowConsumerCloses,
      requestsLimited: this.requestsLimited,
      ...emptyStats(),
    };
    for (const { stats } of this.groups.values()) {
      total.received += stats.received;
      total.delivered += stats.delivered;
      total.exempt += stats.exempt;
      total.tips += stats.tips;
      total.slowConsumerSkips += stats.slowConsumerSkips;
      total.frequencyLimited += stats.frequencyLimited;
      total.announced += stats.announced;
      total.announcementsMerged += stats.announcementsMerged;
      total.announcementsDropped += stats.announcementsDropped;
      total.flushes += stats.flushes;
      total.flushMsTotal += stats.flushMsTotal;
      total.flushMsMax = Math.max(total.flushMsMax, stats.flushMsMax);
      for (const p of PRIORITIES) total.dropped[p] += stats.dropped[p];
    }
    return total;
  }

  close(): void {
    for (const group of this.groups.values()) group.close();
    for (const session of [...this.allSessions]) {
      this.clearLoginTimer(session);
      this.detach(session, true, false);
      session.ws.terminate();
    }
  }
}

/** The `id` of a frame, when it is cheap to find, for an error answered without parsing. */
function requestID(text: string | undefined): number | null {
  const match = text === undefined ? null : /^\{\s*"id"\s*:\s*(\d{1,15})[,}]/.exec(text);
  return match ? Number(match[1]) : null;
}

function messagePayload(type: unknown, payload: unknown): Record<string, string> {
  const p = (payload && typeof payload === 'object' ? payload : {}) as Record<string, unknown>;
  const str = (value: unknown, name: string) => {
    if (value === undefined) return '';
    if (typeof value !== 'string') throw new ImError(TIM_ERROR.INVALID_PARAMETERS, `payload.${name} must be a string`);
    return value;
  };
  if (type === TIM_TYPES.MSG_TEXT) {
    if (typeof p.text !== 'string') throw new ImError(TIM_ERROR.INVALID_PARAMETERS, 'payload.text must be a string');
    return { text: p.text };
  }
  if (type === TIM_TYPES.MSG_CUSTOM) {
    return {
      data: str(p.data, 'data'),
      description: str(p.description, 'description'),
      extension: str(p.extension, 'extension'),
    };
  }
  throw new ImError(TIM_ERROR.INVALID_PARAMETERS, 'only text and custom messages are supported');
}
