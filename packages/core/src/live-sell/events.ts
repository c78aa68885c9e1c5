import type { LiveSellError } from '../errors';

/**
 * Event names of `TIMLiveSell`, spelled as the original im-live-sells component spells them (`NOTIFACATION` included).
 * `NOTIFICATION` is the correctly spelled alias: it has the same value, so a handler registered
 * under either name receives the one event.
 */
export const EVENT = {
  SDK_READY: 'SDK_READY',
  SDK_NOT_READY: 'SDK_NOT_READY',
  ROOM_STATUS_CHANGE: 'ROOM_STATUS_CHANGE',
  JOIN_GROUP: 'JOIN_GROUP',
  EXIT_GROUP: 'EXIT_GROUP',
  NOTIFACATION: 'NOTIFACATION',
  NOTIFICATION: 'NOTIFACATION',
  MESSAGE: 'MESSAGE',
  LIKE: 'LIKE',
  SEND_GIFT: 'SEND_GIFT',
  ATTENT: 'ATTENT',
  CANCEL_ATTENT: 'CANCEL_ATTENT',
  BUY_GOODS: 'BUY_GOODS',
  USE_COUPON: 'USE_COUPON',
  ADD_GOODS: 'ADD_GOODS',
  KICKED: 'KICKED',
  NETWORK_CHANGE: 'NETWORK_CHANGE',
  PROFILE_UPDATE: 'PROFILE_UPDATE',
  ERROR: 'ERROR',
  LIKE_TOTAL: 'LIKE_TOTAL',
  RESYNC: 'RESYNC',
} as const;

export type LiveSellEventName = (typeof EVENT)[keyof typeof EVENT];

/** Who sent something, as far as this client can tell. `server` = the IM admin account (REST). */
export type SenderRole = 'owner' | 'admin' | 'server' | 'member';

/** A JSON object parsed from an extension or a field value (untrusted: check each field before use). */
export type JsonObject = Readonly<Record<string, unknown>>;

export interface UserInfo {
  userID: string;
  nick: string;
  avatar: string;
}

/** Fields every event carried by a message has. */
export interface MessageMeta extends UserInfo {
  role: SenderRole;
  /** The sender is the room owner (the host). */
  isHost: boolean;
  /** Emitted locally for this client's own action, not received from the room. */
  isSelf: boolean;
  /** The IM message ID ('' for a local like tap, which has no message of its own). */
  messageID: string;
  /** Milliseconds since the epoch. */
  time: number;
}

/**
 * An interaction sent as one custom message (`payload.data` = the wire name). `value` is the
 * extension string, as the original im-live-sells component's API documents; `description`, `extension` and `data` are the raw
 * custom payload fields, as the original component passed them on.
 */
export interface CustomEventPayload extends MessageMeta {
  value: string;
  data: string;
  description: string;
  extension: string;
  /** The extension parsed, when it is a JSON object. */
  parsed?: JsonObject;
}

export interface MessagePayload extends MessageMeta {
  message: string;
}

export interface LikePayload extends CustomEventPayload {
  /** Taps carried by this message: 1 from clients that do not aggregate. */
  count: number;
}

export interface GiftPayload extends CustomEventPayload {
  gift?: JsonObject;
}

export type AttentPayload = CustomEventPayload;

export interface BuyGoodsPayload extends CustomEventPayload {
  /** Sent by the server (merchant backend) account, so the purchase really happened. */
  verified: boolean;
  goods?: JsonObject;
}

export interface UseCouponPayload extends CustomEventPayload {
  /** Sent by the server (merchant backend) account, so the claim really happened. */
  verified: boolean;
  coupon?: JsonObject;
}

/** `tip`: a group-profile tip (op 6); `message`: a custom message from a trusted sender; `resync`: read after a reconnect. */
export type RoomFieldSource = 'tip' | 'message' | 'resync';

/** Fields every room-field event (ADD_GOODS, ROOM_STATUS_CHANGE, NOTIFACATION) has. */
export interface RoomFieldMeta extends UserInfo {
  /** Operator's role; `server` for values read back from the server on resync (userID ''). */
  role: SenderRole;
  source: RoomFieldSource;
  messageID: string;
  time: number;
}

export interface AddGoodsPayload extends RoomFieldMeta {
  /** The `add_goods` value ('' = nothing pushed). */
  value: string;
  goods?: JsonObject;
}

export interface RoomStatusPayload extends RoomFieldMeta {
  /** The `room_status` value. */
  value: string;
}

export interface NotificationPayload extends RoomFieldMeta {
  notification: string;
}

/**
 * The room's like total as the server keeps it (the `like_total` group custom field), from a group
 * tip or a resync. Local only: a custom message claiming this name is dropped.
 */
export interface LikeTotalPayload {
  total: number;
  source: RoomFieldSource;
  time: number;
}

/**
 * After a reconnect the client joined again and read the room: what may have changed while away
 * (field changes are emitted as their own events). Local only.
 */
export interface ResyncPayload {
  memberCount?: number;
  likeTotal?: number;
  time: number;
}

export interface MemberPayload extends UserInfo {
  messageID: string;
  time: number;
  /** Online members after the change, when the tip says. */
  memberCount?: number;
}

export interface SdkReadyPayload {
  userID: string;
}

export interface KickedPayload {
  /** TIM's kick type: `multipleAccount`, `multipleDevice`, `userSigExpired`, `REST_API_Kick`. */
  type: string;
}

export type NetworkState = 'connected' | 'connecting' | 'disconnected';

export interface NetworkChangePayload {
  state: NetworkState;
}

export interface ProfileUpdatePayload {
  profiles: UserInfo[];
}

/** What every moderation event carries: who acted, in which message, when. */
export interface ModerationMeta {
  /** The owner, admin or server account that acted ('' when the SDK does not say). */
  operatorID: string;
  messageID: string;
  /** Milliseconds since the epoch. */
  time: number;
}

export interface MessageDeletedPayload extends ModerationMeta {
  /** The ID of the deleted message (`messageID` is the one that announced it). */
  deletedID: string;
  /** `revoke`: TIM's MESSAGE_REVOKED; `message`: a MESSAGE_DELETED custom message from a trusted sender. */
  source: 'revoke' | 'message';
}

/** A member acted on (muted, removed, made admin). */
export interface MemberModerationMeta extends ModerationMeta {
  userID: string;
  /** The member is this client's user. */
  isSelf: boolean;
}

export interface MemberMutedPayload extends MemberModerationMeta {
  /** Seconds from now; 0 = unmuted. */
  muteTime: number;
  /** When the mute ends on this client's clock (ms), `null` when unmuted. */
  until: number | null;
}

export type RemovedReason = 'kicked' | 'blocked';

export interface MemberRemovedPayload extends MemberModerationMeta {
  /** `blocked`: removed and kept out for `duration` seconds. */
  reason: RemovedReason;
  duration: number;
}

export interface AdminChangePayload extends MemberModerationMeta {
  admin: boolean;
}

export interface SlowModePayload {
  /** Least seconds between two messages of a viewer; 0 = off. */
  seconds: number;
  source: RoomFieldSource;
  time: number;
}

/** Every built-in event and its payload. */
export interface LiveSellEventMap {
  SDK_READY: SdkReadyPayload;
  SDK_NOT_READY: SdkReadyPayload;
  ROOM_STATUS_CHANGE: RoomStatusPayload;
  JOIN_GROUP: MemberPayload;
  EXIT_GROUP: MemberPayload;
  NOTIFACATION: NotificationPayload;
  MESSAGE: MessagePayload;
  LIKE: LikePayload;
  SEND_GIFT: GiftPayload;
  ATTENT: AttentPayload;
  CANCEL_ATTENT: AttentPayload;
  BUY_GOODS: BuyGoodsPayload;
  USE_COUPON: UseCouponPayload;
  ADD_GOODS: AddGoodsPayload;
  KICKED: KickedPayload;
  NETWORK_CHANGE: NetworkChangePayload;
  PROFILE_UPDATE: ProfileUpdatePayload;
  ERROR: LiveSellError;
  LIKE_TOTAL: LikeTotalPayload;
  RESYNC: ResyncPayload;
  MESSAGE_DELETED: MessageDeletedPayload;
  MEMBER_MUTED: MemberMutedPayload;
  MEMBER_REMOVED: MemberRemovedPayload;
  ADMIN_CHANGE: AdminChangePayload;
  SLOW_MODE: SlowModePayload;
}

/** The payload of event `K`: built-in events have their own; any other name is a custom `${type}` event. */
export type LiveSellPayload<K extends string> = K extends keyof LiveSellEventMap
  ? LiveSellEventMap[K]
  : CustomEventPayload;

/** Handlers may be async (as in the original im-live-sells component); a rejected promise is caught and counted, never unhandled. */
export type LiveSellHandler<K extends string> = (payload: LiveSellPayload<K>) => unknown;
