import type { Clock } from '../clock';
import { or } from '../or';
import type { TimTypeValues } from '../tim/types';
import type {
  AddGoodsPayload,
  CustomEventPayload,
  JsonObject,
  MemberPayload,
  MessagePayload,
  NotificationPayload,
  RoomFieldMeta,
  RoomFieldSource,
  RoomStatusPayload,
  SenderRole,
} from './events';
import { countDrop, type StatsCounter } from './stats';
import type { RoomTrust } from './trust';
import type { DropReason, RoomFields } from './types';
import {
  eventForWireName,
  FIELD,
  FIELD_BYTES,
  GROUP_FIELDS,
  isCount,
  isObject,
  isValidEventName,
  likeCount,
  MESSAGE_BYTES,
  messageTime,
  PROFILE_CHARS,
  parseJsonObject,
  RESERVED_EVENTS,
  safeAvatar,
  TIP_USERS,
  tooLarge,
  USER_ID_CHARS,
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
  /** Every group tip, after the built-in handling (extensions: moderation). */
  onTip(op: number, payload: Obj, operatorID: string, sender: Sender): void;
  /** A custom message past the trust checks: true when an extension handled it (then it is not emitted). */
  onCustom(event: string, parsed: JsonObject | undefined, sender: Sender): boolean;
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

export interface Decoder {
  /** `MESSAGE_RECEIVED` data: an array, possibly of thousands. */
  decodeBatch(list: unknown): void;
  /**
   * Emits the event a custom message stands for. Also used for this client's own sends
   * (`sender.isSelf`), so local and remote events have the same shape.
   */
  emitCustom(sender: Sender, data: string, description: string, extension: string): DropReason | undefined;
  /** Emits the event for a changed room field (from a tip, or a resync when the client was away). */
  roomField(field: keyof RoomFields, value: string, sender: Sender, source: RoomFieldSource): void;
}

type Obj = Record<string, unknown>;

/** An anonymous sender: the server for values read back on resync, a member before the first message. */
export const anonymous = (role: SenderRole, time = 0): Sender => ({
  userID: '',
  nick: '',
  avatar: '',
  role,
  isSelf: false,
  messageID: '',
  time,
});

/** The room fields, and the event each is announced with. */
export const ROOM_FIELDS: readonly (keyof RoomFields)[] = ['addGoods', 'roomStatus', 'notification'];
const FIELD_EVENT: Readonly<Record<keyof RoomFields, string>> = {
  addGoods: 'ADD_GOODS',
  roomStatus: 'ROOM_STATUS_CHANGE',
  notification: 'NOTIFACATION',
};
// A Map, not an object, where the key is an untrusted event name (`constructor`, `__proto__` …).
/** Custom events whose JSON extension is also given under a name of its own. */
const PARSED_AS: ReadonlyMap<string, string> = new Map([
  ['SEND_GIFT', 'gift'],
  ['BUY_GOODS', 'goods'],
  ['USE_COUPON', 'coupon'],
]);

/**
 * Turns SDK messages into typed events. Everything here is untrusted input: each message is
 * validated, bad ones are dropped and counted by reason, and nothing throws.
 */
export function createDecoder({
  roomID,
  types: t,
  trust,
  stats,
  clock,
  isOwnMessage,
  hasListener,
  emit,
  onRoomField,
  onTip,
  onCustom,
}: DecoderContext): Decoder {
  const sender = anonymous('member');

  // Object literals of one fixed shape, not spreads: this runs for every message of a flood.
  const messagePayload = (s: Sender, message: string): MessagePayload => ({
    userID: s.userID,
    nick: s.nick,
    avatar: s.avatar,
    role: s.role,
    isSelf: s.isSelf,
    messageID: s.messageID,
    time: s.time,
    isHost: s.role === 'owner',
    message,
  });
  const fieldMeta = (s: Sender, source: RoomFieldSource): RoomFieldMeta => ({
    userID: s.userID,
    nick: s.nick,
    avatar: s.avatar,
    role: s.role,
    messageID: s.messageID,
    time: s.time,
    source,
  });

  function decodeMessage(m: unknown): DropReason | undefined {
    if (!isObject(m)) return 'invalid';
    const { type, from, payload } = m;
    if (typeof type !== 'string' || typeof from !== 'string' || from.length > USER_ID_CHARS) return 'invalid';
    if (m.to !== roomID) return 'other_room';
    const id = typeof m.ID === 'string' ? m.ID : '';
    if (id !== '' && isOwnMessage(id)) return 'own_echo';
    if (!isObject(payload)) return 'invalid';
    const nick = or(m.nick, '');
    if (typeof nick !== 'string') return 'invalid';
    if (nick.length > PROFILE_CHARS) return 'oversized';

    sender.userID = from;
    sender.nick = nick;
    sender.avatar = safeAvatar(m.avatar);
    sender.role = trust.roleOf(from);
    sender.isSelf = false;
    sender.messageID = id;
    sender.time = messageTime(m.time, clock);

    if (type === t.MSG_TEXT) return text(payload);
    if (type === t.MSG_CUSTOM) return custom(payload);
    if (type === t.MSG_GRP_TIP) return tip(payload);
    return 'unsupported';
  }

  function text(payload: Obj): DropReason | undefined {
    const message = payload.text;
    if (typeof message !== 'string' || message.length === 0) return 'invalid';
    if (message.length > MESSAGE_BYTES) return 'oversized';
    emit('MESSAGE', hasListener('MESSAGE') ? messagePayload(sender, message) : undefined);
    return undefined;
  }

  function custom(payload: Obj): DropReason | undefined {
    const { data } = payload;
    const description = or(payload.description, '');
    const extension = or(payload.extension, '');
    if (!isValidEventName(data) || typeof description !== 'string' || typeof extension !== 'string') return 'invalid';
    if (description.length > MESSAGE_BYTES || extension.length > MESSAGE_BYTES) return 'oversized';
    return emitCustom(sender, data, description, extension);
  }

  function emitCustom(s: Sender, data: string, description: string, extension: string): DropReason | undefined {
    const event = eventForWireName(data);
    if (RESERVED_EVENTS.has(event)) return 'reserved';
    if (trust.isHostOnly(data) && s.role === 'member') return 'untrusted';
    // Found by value: an untrusted name (`constructor`, `__proto__` …) is never used as a key.
    const field = ROOM_FIELDS.find((f) => FIELD_EVENT[f] === event);
    // These mirror a group custom field: the field's 512-byte cap holds for the message form too.
    if (field && field !== 'notification' && tooLarge(extension, FIELD_BYTES)) return 'oversized';
    const parsed = parseJsonObject(extension);
    if (parsed === null) return 'bad_json';
    if (onCustom(event, parsed, s)) return undefined;
    const count = event === 'LIKE' ? likeCount(description) : 1;
    if (count === undefined) return 'invalid';
    if (!hasListener(event)) emit(event, undefined);
    else if (field) emit(event, fieldPayload(field, extension, s, 'message', parsed));
    else {
      const e: CustomEventPayload & Obj = {
        userID: s.userID,
        nick: s.nick,
        avatar: s.avatar,
        role: s.role,
        isSelf: s.isSelf,
        messageID: s.messageID,
        time: s.time,
        isHost: s.role === 'owner',
        value: extension,
        data,
        description,
        extension,
      };
      if (parsed) e.parsed = parsed;
      if (event === 'LIKE') e.count = count;
      if (event === 'BUY_GOODS' || event === 'USE_COUPON') {
        e.verified = s.role === 'server';
        if (e.verified && parsed) showBuyer(e, parsed);
      }
      const key = PARSED_AS.get(event);
      if (parsed && key) e[key] = parsed;
      emit(event, e);
    }
    return undefined;
  }

  function tip(payload: Obj): DropReason | undefined {
    const op = payload.operationType;
    if (typeof op !== 'number') return 'invalid';
    const operatorID = typeof payload.operatorID === 'string' ? payload.operatorID : sender.userID;
    onTip(op, payload, operatorID, sender);
    if (
      op === t.GRP_TIP_MBR_JOIN ||
      op === t.GRP_TIP_MBR_QUIT ||
      op === t.GRP_TIP_MBR_KICKED_OUT ||
      op === t.GRP_TIP_BAN_AVCHATROOM_MEMBER
    ) {
      return members(payload, operatorID, op === t.GRP_TIP_MBR_JOIN ? 'JOIN_GROUP' : 'EXIT_GROUP');
    }
    if (op === t.GRP_TIP_MBR_SET_ADMIN || op === t.GRP_TIP_MBR_CANCELED_ADMIN) {
      const users = userIDs(payload, operatorID);
      if (!users) return 'invalid';
      for (const u of users) trust.setAdmin(u, op === t.GRP_TIP_MBR_SET_ADMIN);
    }
    if (op === t.GRP_TIP_GRP_PROFILE_UPDATED) return profile(payload, operatorID);
    return undefined;
  }

  function members(payload: Obj, operatorID: string, event: 'JOIN_GROUP' | 'EXIT_GROUP'): DropReason | undefined {
    const users = userIDs(payload, operatorID);
    if (!users) return 'invalid';
    const { memberCount, memberList } = payload;
    const listening = hasListener(event);
    for (const userID of users) {
      if (!listening) {
        emit(event, undefined);
        continue;
      }
      const member = Array.isArray(memberList)
        ? memberList.find((x): x is Obj => isObject(x) && x.userID === userID)
        : undefined;
      const fromSelf = userID === sender.userID;
      const nick = member && typeof member.nick === 'string' ? member.nick : fromSelf ? sender.nick : '';
      const e: MemberPayload = {
        userID,
        nick: nick.length <= PROFILE_CHARS ? nick : '',
        avatar: member ? safeAvatar(member.avatar) : fromSelf ? sender.avatar : '',
        messageID: sender.messageID,
        time: sender.time,
      };
      if (isCount(memberCount)) e.memberCount = memberCount;
      emit(event, e);
    }
    return undefined;
  }

  function profile(payload: Obj, operatorID: string): DropReason | undefined {
    const group = payload.newGroupProfile;
    if (!isObject(group)) return 'invalid';
    if (typeof group.ownerID === 'string' && group.ownerID !== '') trust.ownerID = group.ownerID;
    if (operatorID !== sender.userID) {
      sender.userID = operatorID;
      sender.nick = '';
      sender.avatar = '';
    }
    // Only the owner, an admin or the server can change a group profile: the service enforces it.
    const role = trust.roleOf(operatorID);
    sender.role = role === 'member' ? 'admin' : role;
    const fields = group.groupCustomField;
    if (fields !== undefined && (!Array.isArray(fields) || fields.length > GROUP_FIELDS)) return 'invalid';
    for (const f of fields ?? []) {
      if (!isObject(f) || typeof f.key !== 'string' || typeof f.value !== 'string') countDrop(stats, 'invalid');
      else if (f.key === FIELD.LIKE_TOTAL) {
        const total = parseLikeTotal(f.value);
        if (total === undefined) countDrop(stats, 'invalid');
        else emit('LIKE_TOTAL', { total, source: 'tip', time: sender.time });
      } else if (f.key === FIELD.ADD_GOODS || f.key === FIELD.ROOM_STATUS) {
        if (tooLarge(f.value, FIELD_BYTES)) countDrop(stats, 'oversized');
        else roomField(f.key === FIELD.ADD_GOODS ? 'addGoods' : 'roomStatus', f.value, sender, 'tip');
      }
    }
    const { notification } = group;
    if (typeof notification === 'string') {
      if (notification.length > MESSAGE_BYTES) countDrop(stats, 'oversized');
      else roomField('notification', notification, sender, 'tip');
    }
    return undefined;
  }

  function fieldPayload(
    field: keyof RoomFields,
    value: string,
    s: Sender,
    source: RoomFieldSource,
    parsed = parseJsonObject(value),
  ): AddGoodsPayload | RoomStatusPayload | NotificationPayload {
    if (field === 'notification') return Object.assign({}, fieldMeta(s, source), { notification: value });
    const e: AddGoodsPayload = Object.assign({}, fieldMeta(s, source), { value });
    if (field === 'addGoods' && parsed) e.goods = parsed;
    return e;
  }

  function roomField(field: keyof RoomFields, value: string, s: Sender, source: RoomFieldSource): void {
    onRoomField(field, value);
    const event = FIELD_EVENT[field];
    emit(event, hasListener(event) ? fieldPayload(field, value, s, source) : undefined);
  }

  return {
    decodeBatch(list) {
      // Not an array: counted as one invalid message.
      for (const m of Array.isArray(list) ? list : [undefined]) {
        stats.received++;
        let reason: DropReason | undefined = 'invalid';
        try {
          reason = decodeMessage(m);
        } catch {
          // A hostile object (e.g. a throwing getter) must not stop the batch.
        }
        if (reason) countDrop(stats, reason);
      }
    },
    emitCustom,
    roomField,
  };
}

/** A `like_total` field value: a non-negative integer in decimal; anything else is `undefined`. */
export function parseLikeTotal(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) return undefined;
  return Number(value);
}

function userIDs(payload: Obj, operatorID: string): string[] | undefined {
  const list = payload.userIDList;
  if (list === undefined || (Array.isArray(list) && list.length === 0)) return operatorID ? [operatorID] : [];
  if (!Array.isArray(list)) return undefined;
  const out: string[] = [];
  for (let i = 0; i < list.length && out.length < TIP_USERS; i++) {
    const u = list[i];
    if (typeof u === 'string' && u.length > 0 && u.length <= USER_ID_CHARS) out.push(u);
  }
  return out;
}

/** A purchase or claim announced by the server names the buyer in its extension: show the buyer, not the server. */
function showBuyer(e: CustomEventPayload, { userID, nick, avatar }: JsonObject): void {
  if (typeof userID === 'string' && userID.length > 0 && userID.length <= USER_ID_CHARS) e.userID = userID;
  if (typeof nick === 'string' && nick.length <= PROFILE_CHARS) e.nick = nick;
  if (avatar !== undefined) e.avatar = safeAvatar(avatar);
}
