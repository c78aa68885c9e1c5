import { type Clock, TIM_TYPES } from '@livesell/core';
import { type LocalRequest, ROOM_MESSAGES_PER_SECOND, TIM_ERROR } from '@livesell/core/protocol';
import type { WebSocket } from 'ws';
import type { AnnouncementStatus, MessagePriority } from '../module';
import type { RoomLifecycleLog } from '../room/lifecycle';
import type { AfterSendEvent } from '../room/like-totals';
import { ImEvents } from './events';
import { errorFrame } from './frames';
import { dispatch, type OpContext } from './handlers';
import { type ConnectionLimits, checkUserID, DEFAULT_CONNECTION_LIMITS, LIMIT_CODES } from './limits';
import type { GroupStats, LiveGroup } from './live-group';
import { Moderation } from './moderation';
import type { ModerationStore } from './moderation-store';
import { type CreateRoomOptions, RoomOps, type RoomUpdate } from './room-ops';
import { type Session, Sessions } from './sessions';
import { type ImTotals, imTotals } from './stats';
import type { ImStore, RoomRecord } from './store';

export type { RoomUpdate } from './room-ops';

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
  /** Word lists, blocks, slow mode and the moderation log (`moderation.ts`). */
  moderationStore: ModerationStore;
}

/**
 * The IM side of the local server, and its one facade (the admin API, REST, `start.ts` and tests
 * use it): connections and logins (`sessions.ts`), the op handlers of the local protocol
 * (`handlers.ts`), room operations shared with the admin API (`room-ops.ts`), figures (`stats.ts`);
 * every frame is encoded by `frames.ts`.
 */
export class ImGateway {
  private readonly sessions: Sessions;
  private readonly rooms: RoomOps;
  private readonly store: ImStore;
  private readonly clock: Clock;
  private readonly log: (message: string) => void;
  private readonly limits: ConnectionLimits;
  /** Frames refused as malformed, across all connections. */
  private malformed = 0;
  /** Requests refused with 10006 (per-connection request rate). */
  private limited = 0;
  /** What happened, for the rest of the process (replay timeline, moderation): see `ImEventMap`. */
  readonly events: ImEvents;
  /** Mute, remove, block, delete, filters, slow mode, recent chat: see `moderation.ts`. */
  readonly moderation: Moderation;

  constructor(options: ImGatewayOptions) {
    this.store = options.store;
    this.clock = options.clock;
    this.limits = { ...DEFAULT_CONNECTION_LIMITS, ...options.limits };
    this.log = options.log ?? (() => {});
    this.events = new ImEvents(this.log);
    this.sessions = new Sessions({
      sdkAppID: options.sdkAppID,
      secretKey: options.secretKey,
      adminUserID: options.adminUserID,
      clock: this.clock,
      limits: this.limits,
      log: this.log,
      onFrame: (session, text) => this.onFrame(session, text),
      leave: (session, userID, groupID, tip, reason) => this.rooms.leave(session, userID, groupID, tip, reason),
    });
    this.rooms = new RoomOps({
      store: this.store,
      clock: this.clock,
      adminUserID: options.adminUserID,
      batchMs: options.batchMs ?? 16,
      messagesPerSecond: options.messagesPerSecond ?? ROOM_MESSAGES_PER_SECOND,
      limits: this.limits,
      roomsPerUser: options.roomsPerUser,
      events: this.events,
      log: this.log,
      afterSend: options.afterSend,
      lifecycle: options.lifecycle,
      toUser: (userID, frame) => {
        const own = this.sessions.byUser.get(userID);
        if (own) this.sessions.reply(own, frame);
      },
      moderation: {
        checkJoin: (room, userID) => this.moderation.checkJoin(room, userID),
        checkSend: (room, userID, ID, type, payload) => this.moderation.checkSend(room, userID, ID, type, payload),
      },
    });
    this.moderation = new Moderation(
      {
        clock: this.clock,
        adminUserID: options.adminUserID,
        events: this.events,
        mute: (room, userID, seconds, operatorID) => this.rooms.mute(room, userID, seconds, operatorID),
        remove: (room, userID, operatorID, banSeconds) =>
          this.rooms.kickFromGroup(room, userID, this.sessions.byUser.get(userID), operatorID, banSeconds),
        isOnline: (groupID, userID) => this.sessions.byUser.get(userID)?.groups.has(groupID) === true,
        setAdmin: (room, userID, admin, operatorID) => this.rooms.setAdmin(room, userID, admin, operatorID),
        broadcast: (groupID, frame) => this.rooms.groups.get(groupID)?.broadcast(frame),
        setFields: (room, fields, operatorID) => this.rooms.updateRoom(room, { customFields: fields }, operatorID),
        nick: (userID) => this.store.profile(userID).nick,
      },
      options.moderationStore,
    );
  }

  /** Frames refused as malformed, across all connections. */
  get malformedFrames(): number {
    return this.malformed;
  }

  /** Connections refused at the connection caps. */
  get refusedConnections(): number {
    return this.sessions.refusedConnections;
  }

  /** Connections closed for not logging in within `loginTimeoutMs`. */
  get loginTimeouts(): number {
    return this.sessions.loginTimeouts;
  }

  /** Connections closed because a reply would have queued more than `maxQueuedBytes` unread. */
  get slowConsumerCloses(): number {
    return this.sessions.slowConsumerCloses;
  }

  /** Requests refused with 10006 (per-connection request rate). */
  get requestsLimited(): number {
    return this.limited;
  }

  // ---- connections -------------------------------------------------------------------------

  /** Why a new connection would be refused right now (undefined: it is welcome). */
  admission(): string | undefined {
    return this.sessions.admission();
  }

  /** Counts a connection refused before the WebSocket upgrade. */
  refused(): void {
    this.sessions.refusedConnections++;
  }

  accept(ws: WebSocket): void {
    this.sessions.accept(ws);
  }

  /** Drops sockets that stopped answering pings since the last sweep; forgets spent send budgets. */
  sweep(): void {
    this.rooms.sweep();
    this.sessions.sweep();
  }

  private onFrame(session: Session, text: string | undefined): void {
    if (!session.requests.take(this.clock.now())) {
      this.limited++;
      const frame = errorFrame(requestID(text), LIMIT_CODES.OPERATION_FREQUENCY, 'too many requests; slow down');
      this.sessions.reply(session, frame);
      return;
    }
    if (session.ws.bufferedAmount > this.limits.maxQueuedBytes) {
      // Not reading its answers: do not compute more of them.
      this.sessions.reply(session, undefined);
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
      this.malformed++;
      const message = error instanceof SyntaxError ? 'frame is not valid JSON' : (error as Error).message;
      this.sessions.reply(session, errorFrame(null, TIM_ERROR.INVALID_PARAMETERS, message));
      return;
    }
    const ctx: OpContext = {
      session,
      sessions: this.sessions,
      rooms: this.rooms,
      store: this.store,
      clock: this.clock,
      limits: this.limits,
      moderation: this.moderation,
    };
    this.sessions.reply(session, dispatch(ctx, request, this.log));
  }

  // ---- operations shared with the admin API -------------------------------------------------

  createRoom(options: CreateRoomOptions): RoomRecord {
    return this.rooms.createRoom(options);
  }

  /** Changes the profile and custom fields; members get one tip (operationType 6) with what changed. */
  updateRoom(room: RoomRecord, update: RoomUpdate, operatorID: string): void {
    this.rooms.updateRoom(room, update, operatorID);
  }

  /**
   * A server announcement (merchant: verified purchase, claim, coupon issue) through the room's
   * 40 msgs/s budget, merged into a waiting one with the same `mergeKey` when the budget is spent.
   * Nobody online: nothing to deliver (as for every live-room message).
   */
  announce(
    room: RoomRecord,
    data: string,
    extension: string,
    options: { mergeKey?: string; sum?: readonly string[] },
  ): Promise<{ messageID: string; status: AnnouncementStatus }> {
    return this.rooms.announce(room, data, extension, options);
  }

  /** A message from the server (REST): exempt from the rate limit. */
  postAsServer(
    room: RoomRecord,
    type: 'custom' | 'text',
    content: { data?: string; description?: string; extension?: string; text?: string },
    priority: MessagePriority,
    fromUserID?: string,
  ): string {
    return this.rooms.postAsServer(room, type, content, priority, fromUserID);
  }

  listRooms(): RoomRecord[] {
    return this.store.allRooms();
  }

  findRoom(groupID: string): RoomRecord {
    return this.rooms.room(groupID);
  }

  onlineCount(groupID: string): number {
    return this.rooms.groups.get(groupID)?.members.size ?? 0;
  }

  group(groupID: string): LiveGroup | undefined {
    return this.rooms.groups.get(groupID);
  }

  deleteRoom(room: RoomRecord): void {
    this.rooms.deleteRoom(room, (userID) => this.sessions.byUser.get(userID));
  }

  setAdmin(room: RoomRecord, userID: string, admin: boolean): void {
    this.rooms.setAdmin(room, userID, admin);
  }

  /** Removes a member from a live room; everyone, the member included, gets tip op 3. */
  kickFromGroup(room: RoomRecord, userID: string): void {
    this.rooms.kickFromGroup(room, userID, this.sessions.byUser.get(checkUserID(userID)));
  }

  /** Mutes a member for `seconds` (0 lifts it); members get tip op 7 with the member's `muteTime`. */
  mute(room: RoomRecord, userID: string, seconds: number): void {
    this.rooms.mute(room, userID, seconds);
  }

  setProfile(userID: string, patch: { nick?: string; avatar?: string }): void {
    this.rooms.updateProfile(checkUserID(userID), patch);
  }

  profile(userID: string): { userID: string; nick: string; avatar: string } {
    const { nick, avatar } = this.store.profile(checkUserID(userID));
    return { userID, nick, avatar };
  }

  /** Signs a user out everywhere (KICKED_OUT `REST_API_Kick`). Returns whether they were online. */
  kickUser(userID: string): boolean {
    const session = this.sessions.byUser.get(checkUserID(userID));
    if (!session) return false;
    this.sessions.kick(session, TIM_TYPES.KICKED_OUT_REST_API);
    return true;
  }

  stats(groupID: string): GroupStats | undefined {
    return this.rooms.groups.get(groupID)?.stats;
  }

  totals(): ImTotals {
    return imTotals(
      {
        connections: this.sessions.all.size,
        users: this.sessions.byUser.size,
        rooms: this.store.allRooms().length,
        malformedFrames: this.malformed,
        refusedConnections: this.sessions.refusedConnections,
        loginTimeouts: this.sessions.loginTimeouts,
        slowConsumerCloses: this.sessions.slowConsumerCloses,
        requestsLimited: this.limited,
      },
      this.rooms.groups.values(),
    );
  }

  close(): void {
    this.rooms.close();
    this.sessions.close();
  }
}

/** The `id` of a frame, when it is cheap to find, for an error answered without parsing. */
function requestID(text: string | undefined): number | null {
  const match = text === undefined ? null : /^\{\s*"id"\s*:\s*(\d{1,15})[,}]/.exec(text);
  return match ? Number(match[1]) : null;
}
