import type { TimInstance } from '../tim/types';
import { EVENT, type JsonObject, type LiveSellHandler, type NetworkState, type SenderRole } from './events';
import { createSession } from './session';
import { liveSellError } from './tim-error';
import type {
  ExitRoomResult,
  InteractionResult,
  JoinRoomResult,
  LiveRoomInfo,
  LiveSellStats,
  RoomFields,
  RoomStatusValue,
  SendMessageResult,
  TIMLiveSellOptions,
} from './types';

/**
 * The live-sell client of the seed: IM for a live shopping room (danmaku, likes, gifts, follows,
 * purchases, goods push, room status, announcement) over any TIM-shaped SDK. Events are typed,
 * incoming messages are validated and trust-checked, every call resolves or rejects with a
 * `LiveSellError` within a bounded time.
 *
 * Two parts: this interface is the API, documented once, here; its one implementation is
 * `createSession` (`session.ts`), whose lifecycle — login, SDK readiness, kick, reconnect, destroy —
 * is a pure machine (`session-machine.ts`) on the machine runner. The class below only gives the seed
 * its constructor and `TIMLiveSell.EVENT`, and its constructor returns that implementation: state in
 * one closure minifies about 1 KB (gzip) smaller than private members, and the live-room import has
 * a 12 KB budget.
 */
export interface TIMLiveSell {
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

// biome-ignore lint/suspicious/noUnsafeDeclarationMerging: the constructor returns the interface's implementation, type-checked in createSession.
export class TIMLiveSell {
  /** A getter, not a static field: lowered to ES2020 a field becomes an assignment that keeps the class in every bundle. */
  static get EVENT(): typeof EVENT {
    return EVENT;
  }

  constructor(options: TIMLiveSellOptions) {
    if (!options || typeof options !== 'object') throw liveSellError('INVALID_ARGUMENT', 'options are required');
    const { roomID, userSig, userName, TIM } = options;
    for (const [name, value] of Object.entries({ roomID, userName, userSig })) {
      if (typeof value !== 'string' || value === '') throw liveSellError('INVALID_ARGUMENT', `${name} is required`);
    }
    if (!TIM || typeof TIM.create !== 'function')
      throw liveSellError('INVALID_ARGUMENT', 'TIM (the IM SDK) is required');
    // The instance is the implementation, on this class's (or a subclass's) prototype, so `instanceof` holds.
    // biome-ignore lint/correctness/noConstructorReturn: see the interface's doc.
    return Object.setPrototypeOf(createSession(options), new.target.prototype);
  }
}
