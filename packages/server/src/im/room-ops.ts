import { randomBytes } from 'node:crypto';
import { type Clock, TIM_TYPES, type TimGroupTipPayload, type TimMessage, type TimProfile } from '@livesell/core';
import {
  GROUP_FIELD,
  type LocalOutgoingMessage,
  type LocalReplyData,
  MAX_AVATAR_BYTES,
  MAX_GROUP_NAME_BYTES,
  MAX_INTRODUCTION_BYTES,
  MAX_MESSAGE_BYTES,
  MAX_NICK_BYTES,
  MAX_NOTIFICATION_BYTES,
  MAX_SELF_SIGNATURE_BYTES,
  TIM_ERROR,
} from '@livesell/core/protocol';
import type { AnnouncementStatus, CustomFields, MessagePriority } from '../module';
import type { RoomLifecycleLog } from '../room/lifecycle';
import type { AfterSendEvent } from '../room/like-totals';
import type { ImEventMap, ImEvents } from './events';
import { type EncodedFrame, pushFrame } from './frames';
import { ImError } from './im-error';
import {
  bytes,
  type ConnectionLimits,
  checkCustomFields,
  checkGroupID,
  checkString,
  checkUserID,
  fieldMap,
  LIMIT_CODES,
  TokenBucket,
} from './limits';
import { type GroupMember, LiveGroup } from './live-group';
import { PRIORITIES } from './rate-limiter';
import type { LeaveReason, Session } from './sessions';
import type { ImStore, RoomProfilePatch, RoomRecord } from './store';
import { groupView, messageView, profileView, roleOf } from './views';

export interface RoomUpdate extends RoomProfilePatch {
  customFields?: CustomFields | Array<{ key: string; value: string }>;
}

export interface RoomOpsOptions {
  store: ImStore;
  clock: Clock;
  adminUserID: string;
  batchMs: number;
  messagesPerSecond: number;
  limits: ConnectionLimits;
  roomsPerUser?: number;
  events: ImEvents;
  log: (message: string) => void;
  afterSend?: (event: AfterSendEvent) => void;
  lifecycle?: RoomLifecycleLog;
  /** A frame for one logged-in user (their own profile push). */
  toUser: (userID: string, frame: EncodedFrame) => void;
  /** Moderation's checks on the join and send paths (`moderation.ts`). */
  moderation?: {
    checkJoin(room: RoomRecord, userID: string): void;
    checkSend(
      room: RoomRecord,
      userID: string,
      ID: string,
      type: unknown,
      payload: Record<string, string>,
    ): 'deliver' | 'sender-only';
  };
}

/** How long a sender refused with 10023 competes as Lowest priority. */
const FLOODER_DEMOTION_MS = 10_000;

/** A new room (the gateway's and the admin API's `createRoom`); omitted groupID: one is generated. */
export interface CreateRoomOptions {
  ownerID: string;
  name?: string;
  groupID?: string;
  introduction?: string;
  notification?: string;
  avatar?: string;
}

/**
 * Room operations, shared by the op handlers (`handlers.ts`) and the admin API: live groups,
 * joining and leaving, messages and their per-sender budgets, tips, profiles, attributes, and the
 * room profile with its custom fields. Emits `ImEvents` (`roomCreated`, `roomUpdated`,
 * `memberJoined`, `memberLeft`, `message` through each group's `onEnqueue`).
 */
export class RoomOps {
  /** Live groups by groupID (a room with members online, or that had some). */
  readonly groups = new Map<string, LiveGroup>();
  /** Per-user send budgets (token buckets), forgotten once full again. */
  private readonly senders = new Map<string, TokenBucket>();
  /** Senders refused with 10023 recently, until when: their priority claims no reserve meanwhile. */
  private readonly flooders = new Map<string, number>();
  private messageSeq = 0;
  private readonly store: ImStore;
  private readonly clock: Clock;
  private readonly limits: ConnectionLimits;
  private readonly events: ImEvents;
  private readonly log: (message: string) => void;

  constructor(private readonly options: RoomOpsOptions) {
    this.store = options.store;
    this.clock = options.clock;
    this.limits = options.limits;
    this.events = options.events;
    this.log = options.log;
  }

  /** Forgets send budgets that are full again and demotions that ran out. */
  sweep(): void {
    const now = this.clock.now();
    for (const [userID, bucket] of this.senders) if (bucket.full(now)) this.senders.delete(userID);
    for (const [userID, until] of this.flooders) if (until <= now) this.flooders.delete(userID);
  }

  // ---- groups --------------------------------------------------------------------------------

  room(groupID: unknown): RoomRecord {
    const room = this.store.room(checkGroupID(groupID));
    if (!room) throw new ImError(TIM_ERROR.GROUP_NOT_FOUND, `group ${String(groupID)} does not exist`);
    return room;
  }

  joinedRoom(session: Session, groupID: unknown): RoomRecord {
    const room = this.room(groupID);
    if (!session.groups.has(room.groupID)) {
      throw new ImError(TIM_ERROR.PERMISSION_DENIED, `join group ${room.groupID} first`);
    }
    return room;
  }

  liveGroup(room: RoomRecord): LiveGroup {
    let group = this.groups.get(room.groupID);
    if (!group) {
      group = new LiveGroup(
        room,
        this.clock,
        this.options.batchMs,
        this.options.messagesPerSecond,
        this.limits.maxQueuedBytes,
      );
      const groupID = room.groupID;
      group.onEnqueue = (message) => {
        if (this.events.has('message')) this.events.emit('message', { groupID, message, at: this.clock.now() });
      };
      this.groups.set(room.groupID, group);
    }
    return group;
  }

  join(session: Session, userID: string, groupID: string): LocalReplyData['joinGroup'] {
    const room = this.room(groupID);
    if (session.groups.has(groupID)) return { status: TIM_TYPES.JOIN_STATUS_ALREADY_IN_GROUP };
    this.options.moderation?.checkJoin(room, userID);
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

  quit(session: Session, userID: string, groupID: string): LocalReplyData['quitGroup'] {
    const room = this.room(groupID);
    if (!session.groups.has(groupID)) throw new ImError(TIM_ERROR.NOT_IN_AVCHATROOM, `not in group ${groupID}`);
    if (room.ownerID === userID)
      throw new ImError(TIM_ERROR.OWNER_CANNOT_QUIT, 'the group owner cannot quit the group');
    this.leave(session, userID, groupID, true, 'quit');
    return { groupID };
  }

  leave(session: Session, userID: string, groupID: string, tip: boolean, reason: LeaveReason): void {
    session.groups.delete(groupID);
    const group = this.groups.get(groupID);
    if (!group) return;
    group.members.delete(userID);
    this.events.emit('memberLeft', { groupID, userID, at: this.clock.now(), reason });
    if (tip) this.sendTip(group, userID, TIM_TYPES.GRP_TIP_MBR_QUIT, { operatorID: userID, userIDList: [userID] });
  }

  sendTip(
    group: LiveGroup,
    exclude: string | undefined,
    operationType: number,
    tip: Omit<TimGroupTipPayload, 'operationType' | 'memberCount'>,
    /** Members about to leave with this tip (a kick): `memberCount` is the count after they go. */
    leaving = 0,
  ): void {
    const payload: TimGroupTipPayload = { operationType, ...tip, memberCount: group.members.size - leaving };
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

  send(session: Session, userID: string, raw: LocalOutgoingMessage): TimMessage {
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
      raw.cloudCustomData === undefined ? '' : checkString(raw.cloudCustomData, 'cloudCustomData', MAX_MESSAGE_BYTES);
    const size = Object.values(payload).reduce((n, v) => n + bytes(v), 0) + bytes(cloudCustomData);
    if (size > MAX_MESSAGE_BYTES) {
      throw new ImError(
        TIM_ERROR.MESSAGE_TOO_LARGE,
        `message body is ${size} bytes; the limit is ${MAX_MESSAGE_BYTES}`,
      );
    }
    const now = this.clock.now();
    const role = roleOf(room, userID);
    const muteUntil = room.mutes.get(userID) ?? 0;
    if (muteUntil > now || (room.muteAllMembers && role === 'Member')) {
      throw new ImError(TIM_ERROR.MUTED, 'you are muted in this group', muteUntil > now ? { muteUntil } : undefined);
    }
    // The sender's budget is spent before the moderation checks: a flood of filtered or slowed
    // sends costs the filter and the moderation log no more than the sender's rate allows.
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
    const verdict = this.options.moderation?.checkSend(room, userID, ID, raw.type, payload) ?? 'deliver';
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

  updateProfile(userID: string, r: { nick?: unknown; avatar?: unknown; selfSignature?: unknown }): TimProfile {
    const patch: { nick?: string; avatar?: string; selfSignature?: string } = {};
    if (r.nick !== undefined) patch.nick = checkString(r.nick, 'nick', MAX_NICK_BYTES);
    if (r.avatar !== undefined) patch.avatar = checkString(r.avatar, 'avatar', MAX_AVATAR_BYTES);
    if (r.selfSignature !== undefined)
      patch.selfSignature = checkString(r.selfSignature, 'selfSignature', MAX_SELF_SIGNATURE_BYTES);
    const profile = profileView(this.store.setProfile(userID, patch));
    this.options.toUser(userID, pushFrame({ push: 'profile', data: [profile] }));
    return profile;
  }

  pushAttributes(room: RoomRecord, updatedKeyList: string[], deletedKeyList: string[]): void {
    const group = this.groups.get(room.groupID);
    if (!group) return;
    group.broadcast(
      pushFrame({
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

  createRoom(options: CreateRoomOptions): RoomRecord {
    const ownerID = checkUserID(options.ownerID, 'ownerID');
    const cap = this.options.roomsPerUser;
    if (cap !== undefined && ownerID !== this.options.adminUserID) {
      let owned = 0;
      for (const room of this.store.allRooms()) if (room.ownerID === ownerID) owned++;
      if (owned >= cap) {
        throw new ImError(TIM_ERROR.ROOM_COUNT_LIMIT, `${ownerID} already owns ${owned} rooms (the limit is ${cap})`);
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
      name: options.name === undefined ? groupID : checkString(options.name, 'name', MAX_GROUP_NAME_BYTES),
      type: TIM_TYPES.GRP_AVCHATROOM,
      ownerID,
      notification: checkString(options.notification ?? '', 'notification', MAX_NOTIFICATION_BYTES),
      introduction: checkString(options.introduction ?? '', 'introduction', MAX_INTRODUCTION_BYTES),
      avatar: checkString(options.avatar ?? '', 'avatar', MAX_AVATAR_BYTES),
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
    if (update.name !== undefined) patch.name = checkString(update.name, 'name', MAX_GROUP_NAME_BYTES, false);
    if (update.notification !== undefined) {
      patch.notification = checkString(update.notification, 'notification', MAX_NOTIFICATION_BYTES);
    }
    if (update.introduction !== undefined) {
      patch.introduction = checkString(update.introduction, 'introduction', MAX_INTRODUCTION_BYTES);
    }
    if (update.avatar !== undefined) patch.avatar = checkString(update.avatar, 'avatar', MAX_AVATAR_BYTES);
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
    const status = fields?.get(GROUP_FIELD.ROOM_STATUS);
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
    if (size > MAX_MESSAGE_BYTES) {
      throw new ImError(
        TIM_ERROR.MESSAGE_TOO_LARGE,
        `message body is ${size} bytes; the limit is ${MAX_MESSAGE_BYTES}`,
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
    if (size > MAX_MESSAGE_BYTES) {
      throw new ImError(
        TIM_ERROR.MESSAGE_TOO_LARGE,
        `message body is ${size} bytes; the limit is ${MAX_MESSAGE_BYTES}`,
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
  kickFromGroup(
    room: RoomRecord,
    userID: string,
    session: Session | undefined,
    operatorID = this.options.adminUserID,
    banSeconds = 0,
  ): void {
    checkUserID(userID);
    const group = this.groups.get(room.groupID);
    if (!group || !session?.groups.has(room.groupID)) {
      throw new ImError(TIM_ERROR.NOT_IN_AVCHATROOM, `${userID} is not in group ${room.groupID}`);
    }
    this.sendTip(
      group,
      undefined,
      banSeconds > 0 ? TIM_TYPES.GRP_TIP_BAN_AVCHATROOM_MEMBER : TIM_TYPES.GRP_TIP_MBR_KICKED_OUT,
      { operatorID, userIDList: [userID], memberList: banSeconds > 0 ? [{ userID, muteTime: banSeconds }] : undefined },
      1,
    );
    group.flush();
    this.leave(session, userID, room.groupID, false, 'kicked');
  }

  /**
   * Deletes a room: everyone online is removed (tip op 3), then its live group, its record and its
   * status history go; modules hear `roomDeleted` and drop what they keep (recordings, timeline).
   */
  deleteRoom(room: RoomRecord, sessionOf: (userID: string) => Session | undefined): void {
    const group = this.groups.get(room.groupID);
    for (const userID of group ? [...group.members.keys()] : []) {
      const session = sessionOf(userID);
      if (session?.groups.has(room.groupID)) this.kickFromGroup(room, userID, session);
    }
    group?.close();
    this.groups.delete(room.groupID);
    this.store.deleteRoom(room.groupID);
    this.options.lifecycle?.forget(room.groupID);
    this.events.emit('roomDeleted', {
      groupID: room.groupID,
      operatorID: this.options.adminUserID,
      at: this.clock.now(),
    });
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

  close(): void {
    for (const group of this.groups.values()) group.close();
  }
}

export function messagePayload(type: unknown, payload: unknown): Record<string, string> {
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
