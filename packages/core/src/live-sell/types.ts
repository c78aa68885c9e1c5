import type { Clock } from '../clock';
import type { TimCreateOptions, TimEventValues, TimGroup, TimInstance, TimModule } from '../tim/types';
import type { JsonObject, LiveSellHandler, NetworkState, SenderRole, UserInfo } from './events';

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
  /**
   * Optional event areas, e.g. `moderationEvents` from `@livesell/core/moderation` (MESSAGE_DELETED,
   * MEMBER_MUTED, MEMBER_REMOVED, ADMIN_CHANGE, SLOW_MODE): kept out of the live-room import's budget.
   */
  extensions?: LiveSellExtension[];
}

/** The meta of the message an extension hook sees (reused per message: copy what you keep). */
export interface ExtensionMessageMeta {
  userID: string;
  nick: string;
  role: SenderRole;
  messageID: string;
  /** Milliseconds since the epoch. */
  time: number;
}

/** What an extension gets from its `TIMLiveSell`. */
export interface LiveSellExtensionHost {
  readonly roomID: string;
  readonly userID: string;
  readonly clock: Clock;
  /** Emits (and counts) an event to the `on(…)` handlers. */
  emit(event: string, payload: unknown): void;
  /** A user's role as this client knows it (owner, admins from tips, the server accounts). */
  roleOf(userID: string): SenderRole;
  /** Counts a dropped message by reason (`stats().droppedByReason`). */
  drop(reason: DropReason): void;
  /** The SDK's event names (`TIM.EVENT`): `MESSAGE_REVOKED` is there in SDKs that have it. */
  readonly events: TimEventValues;
  /** Subscribes to a TIM SDK event by name (removed on destroy); `handler` gets the event's `data`. */
  listen(eventName: string, handler: (data: unknown) => void): void;
}

export interface LiveSellExtensionHooks {
  /** Every group tip (untrusted shape: validate), before the built-in handling. */
  tip?(op: number, payload: Readonly<Record<string, unknown>>, operatorID: string, meta: ExtensionMessageMeta): void;
  /**
   * A custom message that passed the reserved-name and host-only checks; return true when handled
   * (it is then not emitted as a custom event).
   */
  custom?(event: string, parsed: JsonObject | undefined, meta: ExtensionMessageMeta): boolean;
}

export type LiveSellExtension = (host: LiveSellExtensionHost) => LiveSellExtensionHooks;

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

/**
 * The live-sell client of the seed: IM for a live shopping room (danmaku, likes, gifts, follows,
 * purchases, goods push, room status, announcement) over any TIM-shaped SDK. Events are typed,
 * incoming messages are validated and trust-checked, every call resolves or rejects with a
 * `LiveSellError` within a bounded time.
 *
 * What a `TIMLiveSell` instance offers, documented once, here. Its one implementation is
 * `createSession` (`session.ts`), whose lifecycle — login, SDK readiness, kick, reconnect, destroy —
 * is a pure machine (`session-machine.ts`) on the machine runner.
 */
export interface TIMLiveSellApi {
  /** The instance made with `TIM.create`: every TIM method is available on it. */
  readonly tim: TimInstance;
  readonly roomID: string;
  readonly userID: string;

  // ── state ──────────────────────────────────────────────────────────────────

  /** This user's role in the room, as far as known (owner once the group profile is read). */
  readonly role: SenderRole;
  readonly isReady: boolean;
  readonly isJoined: boolean;
  readonly network: NetworkState;
  /** The room fields last read or changed by a tip; `undefined` before `joinRoom()`. */
  readonly roomFields: RoomFields | undefined;
  stats(): LiveSellStats;

  // ── events ─────────────────────────────────────────────────────────────────

  /** Subscribes; returns the unsubscribe function. Names other than the built-in ones are custom `${type}` events. */
  on<K extends string>(event: K, handler: LiveSellHandler<K>): () => void;
  once<K extends string>(event: K, handler: LiveSellHandler<K>): () => void;
  /** Removes `handler`, or every handler of `event` when none is given. */
  off<K extends string>(event: K, handler?: LiveSellHandler<K>): void;

  // ── session ────────────────────────────────────────────────────────────────

  /**
   * Logs in (done on construction unless `autoLogin: false`) and waits for the SDK to be ready.
   * Rejects with LOGIN_FAILED / USERSIG_INVALID / USERSIG_EXPIRED / NOT_READY, and emits ERROR too.
   * Calling it again while a login is in progress or done returns the same promise.
   */
  login(): Promise<void>;
  /** Resolves once logged in and ready (logging in first if needed). */
  ready(): Promise<void>;
  /**
   * Joins the constructor's room. Resolves `{userInfo, groupInfo}` with `groupInfo.ownerInfo`,
   * also when already in the group. Rejects JOIN_FAILED, NOT_READY, NETWORK, SEND_TIMEOUT …
   */
  joinRoom(): Promise<JoinRoomResult>;
  /** Leaves the room: `{status: 'exited'}`. The owner cannot leave: rejects HOST_CANNOT_EXIT. */
  exitRoom(): Promise<ExitRoomResult>;
  /** The host's `{userID, nick, avatar}` (also as `ownerInfo`) and the room fields, read from the server. */
  getRoomInfo(): Promise<LiveRoomInfo>;
  /** Releases everything: sends pending likes, logs out, destroys the SDK instance, removes every listener. Idempotent. */
  destroy(): Promise<void>;

  // ── interactions ───────────────────────────────────────────────────────────

  /** Sends a danmaku (text message, Normal priority). Not re-emitted as MESSAGE: show the result. */
  sendMessage(msg: string): Promise<SendMessageResult>;
  /**
   * Likes the host. Resolves at once; taps within the like window go out as one Low-priority LIKE
   * carrying the count. LIKE is emitted locally for every tap (`isSelf`, `count: 1`).
   */
  like(extension?: string): Promise<InteractionResult>;
  /** Sends a gift (High priority); SEND_GIFT is emitted locally once sent. */
  gift(extension?: string): Promise<InteractionResult>;
  /** Follows the host: an ATTENTION message (emitted as ATTENT here and in the room). */
  attention(): Promise<InteractionResult>;
  /** Unfollows the host: a CANCELATTENTION message (emitted as CANCEL_ATTENT). */
  cancelAttention(): Promise<InteractionResult>;
  /**
   * Sends a custom message named `eventName` and emits the event locally. Names of local events
   * (MESSAGE, SDK_READY …) are refused; host-only names (ADD_GOODS …) need the owner or an admin.
   */
  sendCustomMsgAndEmitEvent(eventName: string, extension?: string): Promise<InteractionResult>;

  // ── host helpers (owner / admin) ───────────────────────────────────────────

  /** Sets the `room_status` group custom field; every client gets ROOM_STATUS_CHANGE from the tip. */
  setRoomStatus(status: RoomStatusValue): Promise<void>;
  /** Sets the `add_goods` group custom field (JSON for an object, '' or null to clear); ≤ 512 bytes. */
  pushGoods(goods: string | JsonObject | null): Promise<void>;
  /** Sets the group notification (announcement); every client gets NOTIFACATION from the tip. */
  setNotification(text: string): Promise<void>;
}
