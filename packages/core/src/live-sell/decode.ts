import type { Clock } from '../clock';
import type { TimTypeValues } from '../tim/types';
import type {
  AddGoodsPayload,
  BuyGoodsPayload,
  CustomEventPayload,
  GiftPayload,
  JsonObject,
  LikePayload,
  MemberPayload,
  MessagePayload,
  NotificationPayload,
  RoomFieldMeta,
  RoomFieldSource,
  RoomStatusPayload,
  SenderRole,
  UseCouponPayload,
} from './events';
import type { StatsCounter } from './stats';
import type { RoomTrust } from './trust';
import type { DropReason, RoomFields } from './types';
import {
  eventForWireName,
  FIELD,
  isValidEventName,
  LIMIT,
  likeCount,
  parseJsonObject,
  RESERVED_EVENTS,
  safeAvatar,
  utf8Bytes,
} from './wire';

export interface DecoderContext {
  roomID: string;
  types: TimTypeValues;
  trust: RoomTrust;
  stats: StatsCounter;
  clock: Clock;
  isOwnMessage(messageID: string): boolean;
  hasListener(event: string): boolean;
  /** Emits and counts one event. */
  emit(event: string, payload: unknown): void;
  /** A room field changed (tip): keep the last known value in step. */
  onRoomField(field: keyof RoomFields, value: string): void;
}

/** The sender of the message being decoded. One mutable record, refilled per message: no allocation per message. */
export interface Sender {
  userID: string;
  nick: string;
  avatar: string;
  role: SenderRole;
  isSelf: boolean;
  messageID: string;
  time: number;
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object';

/**
 * Turns SDK messages into typed events. Everything here is untrusted input: each message is
 * validated, bad ones are dropped and counted by reason, and nothing throws.
 */
export class IncomingDecoder {
  private readonly sender: Sender = {
    userID: '',
    nick: '',
    avatar: '',
    role: 'member',
    isSelf: false,
    messageID: '',
    time: 0,
  };

  constructor(private readonly ctx: DecoderContext) {}

  /** `MESSAGE_RECEIVED` data: an array, possibly of thousands. */
  decodeBatch(list: unknown): void {
    if (!Array.isArray(list)) {
      this.ctx.stats.received++;
      this.ctx.stats.drop('invalid');
      return;
    }
    for (let i = 0; i < list.length; i++) {
      this.ctx.stats.received++;
      let reason: DropReason | undefined;
      try {
        reason = this.decodeMessage(list[i]);
      } catch {
        // A hostile object (e.g. a throwing getter) must not stop the batch.
        reason = 'invalid';
      }
      if (reason) this.ctx.stats.drop(reason);
    }
  }

  private decodeMessage(m: unknown): DropReason | undefined {
    if (!isObj(m)) return 'invalid';
    const { type, from, payload } = m;
    if (typeof type !== 'string' || typeof from !== 'string' || from.length > LIMIT.USER_ID_CHARS) return 'invalid';
    if (m.to !== this.ctx.roomID) return 'other_room';
    const id = typeof m.ID === 'string' ? m.ID : '';
    if (id !== '' && this.ctx.isOwnMessage(id)) return 'own_echo';
    if (!isObj(payload)) return 'invalid';
    const nick = m.nick === undefined || m.nick === null ? '' : m.nick;
    if (typeof nick !== 'string') return 'invalid';
    if (nick.length > LIMIT.PROFILE_CHARS) return 'oversized';

    const s = this.sender;
    s.userID = from;
    s.nick = nick;
    s.avatar = safeAvatar(m.avatar);
    s.role = this.ctx.trust.roleOf(from);
    s.isSelf = false;
    s.messageID = id;
    s.time = typeof m.time === 'number' && m.time > 0 && Number.isFinite(m.time) ? m.time * 1000 : this.ctx.clock.now();

    const types = this.ctx.types;
    if (type === types.MSG_TEXT) return this.text(payload);
    if (type === types.MSG_CUSTOM) return this.custom(payload);
    if (type === types.MSG_GRP_TIP) return this.tip(payload);
    return 'unsupported';
  }

  private text(payload: Obj): DropReason | undefined {
    const text = payload.text;
    if (typeof text !== 'string' || text.length === 0) return 'invalid';
    if (text.length > LIMIT.MESSAGE_BYTES) return 'oversized';
    if (this.ctx.hasListener('MESSAGE')) {
      const event: MessagePayload = { ...this.meta(), message: text };
      this.ctx.emit('MESSAGE', event);
    } else this.ctx.emit('MESSAGE', undefined);
    return undefined;
  }

  private custom(payload: Obj): DropReason | undefined {
    const { data } = payload;
    const description = payload.description ?? '';
    const extension = payload.extension ?? '';
    if (!isValidEventName(data) || typeof description !== 'string' || typeof extension !== 'string') return 'invalid';
    if (description.length > LIMIT.MESSAGE_BYTES || extension.length > LIMIT.MESSAGE_BYTES) return 'oversized';
    return this.emitCustom(this.sender, data, description, extension);
  }

  /**
   * Emits the event a custom message stands for. Also used for this client's own sends
   * (`sender.isSelf`), so local and remote events have the same shape.
   */
  emitCustom(sender: Sender, data: string, description: string, extension: string): DropReason | undefined {
    const event = eventForWireName(data);
    if (RESERVED_EVENTS.has(event)) return 'reserved';
    const { trust } = this.ctx;
    if ((trust.isHostOnly(event) || trust.isHostOnly(data)) && sender.role === 'member') return 'untrusted';
    // These mirror a group custom field: the field's 512-byte cap holds for the message form too.
    if ((event === 'ADD_GOODS' || event === 'ROOM_STATUS_CHANGE') && fieldTooLarge(extension)) return 'oversized';
    const parsed = parseJsonObject(extension);
    if (parsed === null) return 'bad_json';
    const count = event === 'LIKE' ? likeCount(description) : 1;
    if (count === undefined) return 'invalid';
    if (!this.ctx.hasListener(event)) {
      this.ctx.emit(event, undefined);
      return undefined;
    }
    switch (event) {
      case 'ADD_GOODS': {
        const e: AddGoodsPayload = { ...this.fieldMeta(sender, 'message'), value: extension };
        if (parsed) e.goods = parsed;
        this.ctx.emit(event, e);
        return undefined;
      }
      case 'ROOM_STATUS_CHANGE': {
        const e: RoomStatusPayload = { ...this.fieldMeta(sender, 'message'), value: extension };
        this.ctx.emit(event, e);
        return undefined;
      }
      case 'NOTIFACATION': {
        const e: NotificationPayload = { ...this.fieldMeta(sender, 'message'), notification: extension };
        this.ctx.emit(event, e);
        return undefined;
      }
    }
    const base: CustomEventPayload = {
      ...this.meta(sender),
      value: extension,
      data,
      description,
      extension,
    };
    if (parsed) base.parsed = parsed;
    switch (event) {
      case 'LIKE':
        this.ctx.emit(event, { ...base, count } satisfies LikePayload);
        return undefined;
      case 'SEND_GIFT': {
        const e: GiftPayload = base;
        if (parsed) e.gift = parsed;
        this.ctx.emit(event, e);
        return undefined;
      }
      case 'BUY_GOODS': {
        const e: BuyGoodsPayload = { ...this.verified(base, parsed), verified: sender.role === 'server' };
        if (parsed) e.goods = parsed;
        this.ctx.emit(event, e);
        return undefined;
      }
      case 'USE_COUPON': {
        const e: UseCouponPayload = { ...this.verified(base, parsed), verified: sender.role === 'server' };
        if (parsed) e.coupon = parsed;
        this.ctx.emit(event, e);
        return undefined;
      }
    }
    this.ctx.emit(event, base);
    return undefined;
  }

  /** A purchase or claim announced by the server names the buyer in its extension: show the buyer, not the server. */
  private verified(base: CustomEventPayload, parsed: JsonObject | undefined): CustomEventPayload {
    if (base.role !== 'server' || !parsed) return base;
    const { userID, nick, avatar } = parsed;
    const e = { ...base };
    if (typeof userID === 'string' && userID.length > 0 && userID.length <= LIMIT.USER_ID_CHARS) e.userID = userID;
    if (typeof nick === 'string' && nick.length <= LIMIT.PROFILE_CHARS) e.nick = nick;
    if (avatar !== undefined) e.avatar = safeAvatar(avatar);
    return e;
  }

  private tip(payload: Obj): DropReason | undefined {
    const op = payload.operationType;
    if (typeof op !== 'number') return 'invalid';
    const operatorID = typeof payload.operatorID === 'string' ? payload.operatorID : this.sender.userID;
    const t = this.ctx.types;
    if (op === t.GRP_TIP_MBR_JOIN || op === t.GRP_TIP_MBR_QUIT || op === t.GRP_TIP_MBR_KICKED_OUT) {
      return this.members(payload, operatorID, op === t.GRP_TIP_MBR_JOIN ? 'JOIN_GROUP' : 'EXIT_GROUP');
    }
    if (op === t.GRP_TIP_MBR_SET_ADMIN || op === t.GRP_TIP_MBR_CANCELED_ADMIN) {
      const users = userIDs(payload, operatorID);
      if (!users) return 'invalid';
      for (const u of users) this.ctx.trust.setAdmin(u, op === t.GRP_TIP_MBR_SET_ADMIN);
      return undefined;
    }
    if (op === t.GRP_TIP_GRP_PROFILE_UPDATED) return this.profile(payload, operatorID);
    return undefined;
  }

  private members(payload: Obj, operatorID: string, event: 'JOIN_GROUP' | 'EXIT_GROUP'): DropReason | undefined {
    const users = userIDs(payload, operatorID);
    if (!users) return 'invalid';
    const memberCount = payload.memberCount;
    const list = Array.isArray(payload.memberList) ? payload.memberList : undefined;
    const listening = this.ctx.hasListener(event);
    for (const userID of users) {
      if (!listening) {
        this.ctx.emit(event, undefined);
        continue;
      }
      const member = list?.find((x): x is Obj => isObj(x) && x.userID === userID);
      const fromSelf = userID === this.sender.userID;
      const nick = member && typeof member.nick === 'string' ? member.nick : fromSelf ? this.sender.nick : '';
      const e: MemberPayload = {
        userID,
        nick: nick.length <= LIMIT.PROFILE_CHARS ? nick : '',
        avatar: member ? safeAvatar(member.avatar) : fromSelf ? this.sender.avatar : '',
        messageID: this.sender.messageID,
        time: this.sender.time,
      };
      if (typeof memberCount === 'number' && Number.isSafeInteger(memberCount) && memberCount >= 0) {
        e.memberCount = memberCount;
      }
      this.ctx.emit(event, e);
    }
    return undefined;
  }

  private profile(payload: Obj, operatorID: string): DropReason | undefined {
    const profile = payload.newGroupProfile;
    if (!isObj(profile)) return 'invalid';
    const { trust, stats } = this.ctx;
    if (typeof profile.ownerID === 'string' && profile.ownerID !== '') trust.ownerID = profile.ownerID;
    const s = this.sender;
    if (operatorID !== s.userID) {
      s.userID = operatorID;
      s.nick = '';
      s.avatar = '';
    }
    // Only the owner, an admin or the server can change a group profile: the service enforces it.
    const role = trust.roleOf(operatorID);
    s.role = role === 'member' ? 'admin' : role;
    const fields = profile.groupCustomField;
    if (fields !== undefined && (!Array.isArray(fields) || fields.length > LIMIT.GROUP_FIELDS)) return 'invalid';
    if (fields) {
      for (const f of fields) {
        if (!isObj(f) || typeof f.key !== 'string' || typeof f.value !== 'string') {
          stats.drop('invalid');
          continue;
        }
        if (f.key !== FIELD.ADD_GOODS && f.key !== FIELD.ROOM_STATUS) continue;
        if (fieldTooLarge(f.value)) {
          stats.drop('oversized');
          continue;
        }
        this.roomField(f.key === FIELD.ADD_GOODS ? 'addGoods' : 'roomStatus', f.value, s, 'tip');
      }
    }
    const notification = profile.notification;
    if (typeof notification === 'string') {
      if (notification.length > LIMIT.MESSAGE_BYTES) stats.drop('oversized');
      else this.roomField('notification', notification, s, 'tip');
    }
    return undefined;
  }

  /** Emits the event for a changed room field (from a tip, or a resync when the client was away). */
  roomField(field: keyof RoomFields, value: string, sender: Sender, source: RoomFieldSource): void {
    this.ctx.onRoomField(field, value);
    const event = field === 'addGoods' ? 'ADD_GOODS' : field === 'roomStatus' ? 'ROOM_STATUS_CHANGE' : 'NOTIFACATION';
    if (!this.ctx.hasListener(event)) {
      this.ctx.emit(event, undefined);
      return;
    }
    const meta = this.fieldMeta(sender, source);
    if (field === 'notification') {
      this.ctx.emit(event, { ...meta, notification: value } satisfies NotificationPayload);
    } else if (field === 'roomStatus') {
      this.ctx.emit(event, { ...meta, value } satisfies RoomStatusPayload);
    } else {
      const e: AddGoodsPayload = { ...meta, value };
      const goods = parseJsonObject(value);
      if (goods) e.goods = goods;
      this.ctx.emit(event, e);
    }
  }

  private meta(s: Sender = this.sender) {
    return {
      userID: s.userID,
      nick: s.nick,
      avatar: s.avatar,
      role: s.role,
      isHost: s.role === 'owner',
      isSelf: s.isSelf,
      messageID: s.messageID,
      time: s.time,
    };
  }

  private fieldMeta(s: Sender, source: RoomFieldSource): RoomFieldMeta {
    return {
      userID: s.userID,
      nick: s.nick,
      avatar: s.avatar,
      role: s.role,
      source,
      messageID: s.messageID,
      time: s.time,
    };
  }
}

function fieldTooLarge(value: string): boolean {
  return value.length > LIMIT.FIELD_BYTES || utf8Bytes(value) > LIMIT.FIELD_BYTES;
}

function userIDs(payload: Obj, operatorID: string): string[] | undefined {
  const list = payload.userIDList;
  if (list === undefined || (Array.isArray(list) && list.length === 0)) return operatorID ? [operatorID] : [];
  if (!Array.isArray(list)) return undefined;
  const out: string[] = [];
  for (let i = 0; i < list.length && out.length < LIMIT.TIP_USERS; i++) {
    const u = list[i];
    if (typeof u === 'string' && u.length > 0 && u.length <= LIMIT.USER_ID_CHARS) out.push(u);
  }
  return out;
}
