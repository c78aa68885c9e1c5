import type { TimInstance } from '../tim/types';
import { EVENT, type JsonObject, type LiveSellHandler, type NetworkState, type SenderRole } from './events';
import { createSession, type Session } from './session';
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
import { FIELD, WIRE } from './wire';

type Listener = (payload: unknown) => unknown;

/**
 * The live-sell client of the original im-live-sells component: IM for a live shopping room (danmaku, likes, gifts, follows,
 * purchases, goods push, room status, announcement) over any TIM-shaped SDK. Events are typed,
 * incoming messages are validated and trust-checked, every call resolves or rejects with a
 * `LiveSellError` within a bounded time. The state lives in a closure (`session.ts`), which
 * minifies far better than private members.
 */
export class TIMLiveSell {
  static readonly EVENT: typeof EVENT = EVENT;

  /** The instance made with `TIM.create`: every TIM method is available on it. */
  readonly tim: TimInstance;
  readonly roomID: string;
  readonly userID: string;
  private readonly session: Session;

  constructor(options: TIMLiveSellOptions) {
    if (!options || typeof options !== 'object') throw liveSellError('INVALID_ARGUMENT', 'options are required');
    const { roomID, userSig, userName, TIM } = options;
    for (const [name, value] of Object.entries({ roomID, userName, userSig })) {
      if (typeof value !== 'string' || value === '') throw liveSellError('INVALID_ARGUMENT', `${name} is required`);
    }
    if (!TIM || typeof TIM.create !== 'function')
      throw liveSellError('INVALID_ARGUMENT', 'TIM (the IM SDK) is required');
    this.roomID = roomID;
    this.userID = userName;
    this.session = createSession(options);
    this.tim = this.session.tim;
  }

  // ── state ──────────────────────────────────────────────────────────────────

  /** This user's role in the room, as far as known (owner once the group profile is read). */
  get role(): SenderRole {
    return this.session.role();
  }

  get isReady(): boolean {
    return this.session.isReady();
  }

  get isJoined(): boolean {
    return this.session.isJoined();
  }

  get network(): NetworkState {
    return this.session.network();
  }

  /** The room fields last read or changed by a tip; `undefined` before `joinRoom()`. */
  get roomFields(): RoomFields | undefined {
    return this.session.roomFields();
  }

  stats(): LiveSellStats {
    return this.session.stats();
  }

  // ── events ─────────────────────────────────────────────────────────────────

  /** Subscribes; returns the unsubscribe function. Names other than the built-in ones are custom `${type}` events. */
  on<K extends string>(event: K, handler: LiveSellHandler<K>): () => void {
    return this.session.emitter.on(event, handler as Listener);
  }

  once<K extends string>(event: K, handler: LiveSellHandler<K>): () => void {
    return this.session.emitter.once(event, handler as Listener);
  }

  /** Removes `handler`, or every handler of `event` when none is given. */
  off<K extends string>(event: K, handler?: LiveSellHandler<K>): void {
    this.session.emitter.off(event, handler as Listener | undefined);
  }

  // ── session ────────────────────────────────────────────────────────────────

  /**
   * Logs in (done on construction unless `autoLogin: false`) and waits for the SDK to be ready.
   * Rejects with LOGIN_FAILED / USERSIG_INVALID / USERSIG_EXPIRED / NOT_READY, and emits ERROR too.
   * Calling it again while a login is in progress or done returns the same promise.
   */
  login(): Promise<void> {
    return this.session.login();
  }

  /** Resolves once logged in and ready (logging in first if needed). */
  ready(): Promise<void> {
    return this.login();
  }

  /**
   * Joins the constructor's room. Resolves `{userInfo, groupInfo}` with `groupInfo.ownerInfo`,
   * also when already in the group. Rejects JOIN_FAILED, NOT_READY, NETWORK, SEND_TIMEOUT …
   */
  joinRoom(): Promise<JoinRoomResult> {
    return this.session.joinRoom();
  }

  /** Leaves the room: `{status: 'exited'}`. The owner cannot leave: rejects HOST_CANNOT_EXIT. */
  exitRoom(): Promise<ExitRoomResult> {
    return this.session.exitRoom();
  }

  /** The host's `{userID, nick, avatar}` (also as `ownerInfo`) and the room fields, read from the server. */
  getRoomInfo(): Promise<LiveRoomInfo> {
    return this.session.getRoomInfo();
  }

  /** Releases everything: sends pending likes, logs out, destroys the SDK instance, removes every listener. Idempotent. */
  destroy(): Promise<void> {
    return this.session.destroy();
  }

  // ── interactions ───────────────────────────────────────────────────────────

  /** Sends a danmaku (text message, Normal priority). Not re-emitted as MESSAGE: show the result. */
  sendMessage(msg: string): Promise<SendMessageResult> {
    return this.session.sendMessage(msg);
  }

  /**
   * Likes the host. Resolves at once; taps within the like window go out as one Low-priority LIKE
   * carrying the count. LIKE is emitted locally for every tap (`isSelf`, `count: 1`).
   */
  like(extension = ''): Promise<InteractionResult> {
    return this.session.like(extension);
  }

  /** Sends a gift (High priority); SEND_GIFT is emitted locally once sent. */
  gift(extension = ''): Promise<InteractionResult> {
    return this.session.interact(WIRE.SEND_GIFT, extension, 'gift');
  }

  /** Follows the host: an ATTENTION message (emitted as ATTENT here and in the room). */
  attention(): Promise<InteractionResult> {
    return this.session.interact(WIRE.ATTENTION, '', 'attention');
  }

  /** Unfollows the host: a CANCELATTENTION message (emitted as CANCEL_ATTENT). */
  cancelAttention(): Promise<InteractionResult> {
    return this.session.interact(WIRE.CANCEL_ATTENTION, '', 'cancelAttention');
  }

  /**
   * Sends a custom message named `eventName` and emits the event locally. Names of local events
   * (MESSAGE, SDK_READY …) are refused; host-only names (ADD_GOODS …) need the owner or an admin.
   */
  sendCustomMsgAndEmitEvent(eventName: string, extension = ''): Promise<InteractionResult> {
    return this.session.interact(eventName, extension, 'sendCustomMsgAndEmitEvent');
  }

  // ── host helpers (owner / admin) ───────────────────────────────────────────

  /** Sets the `room_status` group custom field; every client gets ROOM_STATUS_CHANGE from the tip. */
  setRoomStatus(status: RoomStatusValue): Promise<void> {
    return this.session.setField(FIELD.ROOM_STATUS, status, 'setRoomStatus');
  }

  /** Sets the `add_goods` group custom field (JSON for an object, '' or null to clear); ≤ 512 bytes. */
  pushGoods(goods: string | JsonObject | null): Promise<void> {
    const value = goods === null ? '' : typeof goods === 'string' ? goods : JSON.stringify(goods);
    return this.session.setField(FIELD.ADD_GOODS, value, 'pushGoods');
  }

  /** Sets the group notification (announcement); every client gets NOTIFACATION from the tip. */
  setNotification(text: string): Promise<void> {
    return this.session.setNotification(text);
  }
}
