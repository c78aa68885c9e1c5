import type { Clock } from '../clock';
import type { TimCreateOptions, TimGroup, TimModule } from '../tim/types';
import type { JsonObject, UserInfo } from './events';

export interface TIMLiveSellOptions {
  /** IM app ID. */
  SDKAppID: number;
  /** The AVChatRoom group ID of the live room. */
  roomID: string;
  userSig: string;
  /** The userID the UserSig was made for. */
  userName: string;
  /** Tencent's `tim-wx-sdk` / `tim-js-sdk` / `@tencentcloud/chat`, or `createLocalTIM(...)`. */
  TIM: TimModule;
  /** Set as the user's IM nick after login, so others see it on every message. */
  nick?: string;
  /** Set as the user's IM avatar URL after login. */
  avatar?: string;
  /** Time source for the like window and the bounded waits (tests pass a manual clock). */
  clock?: Clock;
  /** Taps within this window go out as one LIKE message carrying the count. Default 2000 ms. */
  likeWindowMs?: number;
  /** Longest wait for any SDK call (send, join, profile …) before it rejects. Default 10000 ms. */
  sendTimeoutMs?: number;
  /** Longest wait for login and SDK_READY. Default 15000 ms. */
  loginTimeoutMs?: number;
  /** Log in on construction, as the original component does. Default true. */
  autoLogin?: boolean;
  /** Accounts whose messages count as the server's (REST admin). Default `['administrator']`. */
  serverUserIDs?: string[];
  /** Room admins known in advance (admins set later are learnt from group tips). */
  adminUserIDs?: string[];
  /** Extra custom event names only the owner, an admin or the server may send (e.g. `ISSUE_COUPON`, already included). */
  hostOnlyEvents?: string[];
  /** Extra options for `TIM.create` (e.g. `oversea`). `unlimitedAVChatRoom` stays off: one room at a time. */
  timOptions?: Omit<TimCreateOptions, 'SDKAppID' | 'unlimitedAVChatRoom'>;
  /** Calls `tim.setLogLevel(level)` after create (the real SDK logs verbosely at 0). */
  timLogLevel?: number;
}

/** What `sendMessage` resolves with: the original im-live-sells component's `{nick, avatar, message}` plus what a store needs to show it once. */
export interface SendMessageResult extends UserInfo {
  message: string;
  messageID: string;
  /** Milliseconds since the epoch. */
  time: number;
}

/** What `like`, `gift`, `attention`, `cancelAttention` and `sendCustomMsgAndEmitEvent` resolve with. */
export interface InteractionResult extends UserInfo {
  /** The sent message's ID ('' for `like`, whose taps are sent later, aggregated). */
  messageID: string;
  time: number;
}

/** TIM's group profile plus the host's profile, as the original returned it. */
export type LiveSellGroupInfo = TimGroup & { ownerInfo: UserInfo };

export interface JoinRoomResult {
  userInfo: UserInfo;
  groupInfo: LiveSellGroupInfo;
  /** `JoinedSuccess` or `AlreadyInGroup` (both give a full `groupInfo`). */
  status: string;
}

export interface ExitRoomResult {
  status: 'exited';
  groupID: string;
}

/** The room fields the kit keeps in group custom fields and the group notification. */
export interface RoomFields {
  /** The `add_goods` group custom field ('' = nothing pushed). */
  addGoods: string;
  /** The `room_status` group custom field. */
  roomStatus: string;
  notification: string;
}

/**
 * What `getRoomInfo` resolves with: the host's `{userID, nick, avatar}` spread at the top level (as the
 * original component destructures it), again as `ownerInfo`, and the room fields decoded.
 */
export interface LiveRoomInfo extends UserInfo, RoomFields {
  ownerInfo: UserInfo;
  groupID: string;
  name: string;
  introduction: string;
  /** Members, when the SDK reports it. */
  memberCount?: number;
  /** `addGoods` parsed, when it is a JSON object. */
  goods?: JsonObject;
  /** Every group custom field the SDK returned. */
  customFields: Record<string, string>;
}

/** Suggested `room_status` values; any string up to 512 bytes is accepted. */
export type RoomStatusValue = 'idle' | 'live' | 'paused' | 'ended' | (string & {});

export type DropReason =
  /** Not the shape of a TIM message or payload (wrong types, missing fields). */
  | 'invalid'
  /** A string longer than the real service allows (12 KB messages, 512-byte fields, 500-byte nicks). */
  | 'oversized'
  /** An extension that starts like JSON but does not parse. */
  | 'bad_json'
  /** A host-only event (ADD_GOODS, ROOM_STATUS_CHANGE, NOTIFACATION …) from a viewer. */
  | 'untrusted'
  /** A custom message named like a local event (MESSAGE, SDK_READY, KICKED …). */
  | 'reserved'
  /** A message for another conversation than this room. */
  | 'other_room'
  /** One of this client's own messages coming back. */
  | 'own_echo'
  /** A message type the kit does not use (images, system notices …). */
  | 'unsupported';

export interface LiveSellStats {
  /** Messages delivered by the SDK (every element of every MESSAGE_RECEIVED batch). */
  received: number;
  /** Events emitted (incoming and local), whether or not anyone listened. */
  emitted: number;
  /** Messages or tip fields dropped, total. */
  dropped: number;
  droppedByReason: Record<DropReason, number>;
  /** `like()` calls. */
  likeTaps: number;
  /** LIKE messages sent for them. */
  likeMessagesSent: number;
  /** Taps that went out inside another tap's message (`likeTaps - likeMessagesSent - pending`). */
  likesMerged: number;
  /** Messages and profile updates this client sent successfully. */
  sent: number;
  /** Sends that rejected (including aggregated likes, reported through ERROR). */
  sendFailed: number;
  /** Event handlers that threw or rejected. */
  listenerErrors: number;
}
