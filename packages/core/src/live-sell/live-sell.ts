import { type Clock, systemClock } from '../clock';
import { LiveSellError, type LiveSellErrorCode } from '../errors';
import type {
  TimCustomPayload,
  TimEnumValue,
  TimGroup,
  TimHandler,
  TimInstance,
  TimMessage,
  TimModule,
  TimResponse,
  TimTextPayload,
} from '../tim/types';
import { bounded } from './bounded';
import { anonymous, createDecoder, type Decoder, type Sender } from './decode';
import { Emitter } from './emitter';
import {
  EVENT,
  type JsonObject,
  type LiveSellHandler,
  type NetworkState,
  type SenderRole,
  type UserInfo,
} from './events';
import { LikeBatcher } from './like-batcher';
import { RecentIDs } from './recent-ids';
import { createStats, snapshot } from './stats';
import { liveSellError, toLiveSellError } from './tim-error';
import { RoomTrust } from './trust';
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
import {
  customPayload,
  eventForWireName,
  FIELD,
  FIELD_BYTES,
  HOST_ONLY_EVENTS,
  isObject,
  isValidEventName,
  likeDescription,
  MESSAGE_BYTES,
  PRIORITY_EVENT,
  PRIORITY_GIFT,
  PRIORITY_LIKE,
  PRIORITY_TEXT,
  parseJsonObject,
  RESERVED_EVENTS,
  safeAvatar,
  tooLarge,
  WIRE,
} from './wire';

type Listener = (payload: unknown) => unknown;

const NETWORK_STATES: ReadonlySet<string> = new Set(['connected', 'connecting', 'disconnected']);
const NOT_LOGGED_IN = 2024;

/**
 * The live-sell client of the seed: IM for a live shopping room (danmaku, likes, gifts, follows,
 * purchases, goods push, room status, announcement) over any TIM-shaped SDK. Events are typed,
 * incoming messages are validated and trust-checked, every call resolves or rejects with a
 * `LiveSellError` within a bounded time.
 */
export class TIMLiveSell {
  /** A getter, not a static field: lowered to ES2020 a field becomes an assignment that keeps the class in every bundle. */
  static get EVENT(): typeof EVENT {
    return EVENT;
  }

  /** The instance made with `TIM.create`: every TIM method is available on it. */
  readonly tim: TimInstance;
  readonly roomID: string;
  readonly userID: string;

  private readonly TIM: TimModule;
  private readonly userSig: string;
  private readonly clock: Clock;
  private readonly sendTimeoutMs: number;
  private readonly loginTimeoutMs: number;
  private readonly wantedProfile: { nick?: string; avatar?: string };
  private readonly emitter: Emitter;
  private readonly counters = createStats();
  private readonly trust: RoomTrust;
  private readonly decoder: Decoder;
  private readonly likes: LikeBatcher;
  private readonly sentIDs = new RecentIDs(256);
  private readonly timHandlers: Array<[string, TimHandler]> = [];

  private profile: UserInfo;
  private ownerCache: UserInfo | undefined;
  private fields: RoomFields | undefined;
  private loginPromise: Promise<void> | undefined;
  private loggingIn = false;
  private everReady = false;
  private sdkReady = false;
  private readyWaiters: Array<(error?: LiveSellError) => void> = [];
  private joined = false;
  private kicked = false;
  private networkState: NetworkState = 'connected';
  private needsResync = false;
  private resyncing: Promise<void> | undefined;
  /** Public calls are refused from the moment `destroy()` is called … */
  private destroying = false;
  /** … internal sends (the final like flush) until the SDK is released. */
  private closed = false;
  private destroyPromise: Promise<void> | undefined;

  constructor(options: TIMLiveSellOptions) {
    if (!options || typeof options !== 'object') throw liveSellError('INVALID_ARGUMENT', 'options are required');
    const { SDKAppID, roomID, userSig, userName, TIM } = options;
    for (const [name, value] of Object.entries({ roomID, userName, userSig })) {
      if (typeof value !== 'string' || value === '') throw liveSellError('INVALID_ARGUMENT', `${name} is required`);
    }
    if (!TIM || typeof TIM.create !== 'function')
      throw liveSellError('INVALID_ARGUMENT', 'TIM (the IM SDK) is required');

    this.TIM = TIM;
    this.roomID = roomID;
    this.userID = userName;
    this.userSig = userSig;
    this.clock = options.clock ?? systemClock;
    this.sendTimeoutMs = options.sendTimeoutMs ?? 10_000;
    this.loginTimeoutMs = options.loginTimeoutMs ?? 15_000;
    this.wantedProfile = { nick: options.nick, avatar: options.avatar };
    this.profile = { userID: userName, nick: options.nick ?? '', avatar: safeAvatar(options.avatar) };
    this.emitter = new Emitter((error, event) => this.onListenerError(error, event));
    this.trust = new RoomTrust(options.serverUserIDs ?? ['administrator'], options.adminUserIDs ?? [], [
      ...HOST_ONLY_EVENTS,
      ...(options.hostOnlyEvents ?? []),
    ]);
    this.decoder = createDecoder({
      roomID,
      types: TIM.TYPES,
      trust: this.trust,
      stats: this.counters,
      clock: this.clock,
      isOwnMessage: (id) => this.sentIDs.has(id),
      hasListener: (event) => this.emitter.has(event),
      emit: (event, payload) => this.emit(event, payload),
      onRoomField: (field, value) => {
        if (this.fields) this.fields[field] = value;
      },
    });
    this.likes = new LikeBatcher({
      clock: this.clock,
      windowMs: options.likeWindowMs ?? 2000,
      send: (count, extension) => this.sendLikes(count, extension),
    });

    this.tim = TIM.create({ ...options.timOptions, SDKAppID, unlimitedAVChatRoom: false });
    if (options.timLogLevel !== undefined) this.tim.setLogLevel(options.timLogLevel);
    this.listenToTim();
    if (options.autoLogin !== false) this.login().catch(() => undefined);
  }

  // ── state ──────────────────────────────────────────────────────────────────

  /** This user's role in the room, as far as known (owner once the group profile is read). */
  get role(): SenderRole {
    return this.trust.roleOf(this.userID);
  }

  get isReady(): boolean {
    return this.everReady && this.sdkReady && !this.kicked && !this.destroying;
  }

  get isJoined(): boolean {
    return this.joined;
  }

  get network(): NetworkState {
    return this.networkState;
  }

  /** The room fields last read or changed by a tip; `undefined` before `joinRoom()`. */
  get roomFields(): RoomFields | undefined {
    return this.fields ? { ...this.fields } : undefined;
  }

  stats(): LiveSellStats {
    return snapshot(this.counters);
  }

  // ── events ─────────────────────────────────────────────────────────────────

  /** Subscribes; returns the unsubscribe function. Names other than the built-in ones are custom `${type}` events. */
  on<K extends string>(event: K, handler: LiveSellHandler<K>): () => void {
    return this.emitter.on(event, handler as Listener);
  }

  once<K extends string>(event: K, handler: LiveSellHandler<K>): () => void {
    return this.emitter.once(event, handler as Listener);
  }

  /** Removes `handler`, or every handler of `event` when none is given. */
  off<K extends string>(event: K, handler?: LiveSellHandler<K>): void {
    this.emitter.off(event, handler as Listener | undefined);
  }

  // ── session ────────────────────────────────────────────────────────────────

  /**
   * Logs in (done on construction unless `autoLogin: false`) and waits for the SDK to be ready.
   * Rejects with LOGIN_FAILED / USERSIG_INVALID / USERSIG_EXPIRED / NOT_READY, and emits ERROR too.
   * Calling it again while a login is in progress or done returns the same promise.
   */
  login(): Promise<void> {
    if (this.closed) return Promise.reject(this.destroyedError());
    if (!this.loginPromise) {
      this.kicked = false;
      const p = this.doLogin();
      this.loginPromise = p;
      p.catch(() => {
        if (this.loginPromise === p) this.loginPromise = undefined;
      });
    }
    return this.loginPromise;
  }

  /** Resolves once logged in and ready (logging in first if needed). */
  ready(): Promise<void> {
    return this.login();
  }

  /**
   * Joins the constructor's room. Resolves `{userInfo, groupInfo}` with `groupInfo.ownerInfo`,
   * also when already in the group. Rejects JOIN_FAILED, NOT_READY, NETWORK, SEND_TIMEOUT …
   */
  async joinRoom(): Promise<JoinRoomResult> {
    await this.usable();
    const joined = await this.joinGroup('joinRoom');
    const status = typeof joined?.status === 'string' ? joined.status : this.TIM.TYPES.JOIN_STATUS_SUCCESS;
    let group: TimGroup;
    try {
      group = await this.fetchGroup('joinRoom');
    } catch (error) {
      // AlreadyInGroup carries no group: the profile read is the only source then.
      if (!joined?.group) throw error;
      group = joined.group;
      this.applyGroup(group);
    }
    this.joined = true;
    this.needsResync = false;
    this.fields = readFields(group);
    const ownerInfo = await this.ownerInfo(group.ownerID);
    return { userInfo: { ...this.profile }, groupInfo: { ...group, ownerInfo }, status };
  }

  /** Leaves the room: `{status: 'exited'}`. The owner cannot leave: rejects HOST_CANNOT_EXIT. */
  async exitRoom(): Promise<ExitRoomResult> {
    await this.usable();
    if (!this.trust.ownerID) await this.fetchGroup('exitRoom');
    if (this.trust.ownerID === this.userID) {
      throw liveSellError('HOST_CANNOT_EXIT', 'exitRoom: the host (group owner) cannot exit the live room');
    }
    await this.likes.flush();
    await this.call(() => this.tim.quitGroup(this.roomID), 'SEND_FAILED', 'exitRoom');
    this.joined = false;
    this.needsResync = false;
    this.fields = undefined;
    return { status: 'exited', groupID: this.roomID };
  }

  /** The host's `{userID, nick, avatar}` (also as `ownerInfo`) and the room fields, read from the server. */
  async getRoomInfo(): Promise<LiveRoomInfo> {
    await this.usable();
    const group = await this.fetchGroup('getRoomInfo');
    const ownerInfo = await this.ownerInfo(group.ownerID);
    const customFields = fieldMap(group);
    const fields = readFields(group, customFields);
    const info: LiveRoomInfo = {
      ...ownerInfo,
      ownerInfo,
      groupID: stringOr(group.groupID, this.roomID),
      name: stringOr(group.name, ''),
      introduction: stringOr(group.introduction, ''),
      customFields,
      ...fields,
    };
    if (typeof group.memberCount === 'number') info.memberCount = group.memberCount;
    const goods = parseJsonObject(fields.addGoods);
    if (goods) info.goods = goods;
    return info;
  }

  /** Releases everything: sends pending likes, logs out, destroys the SDK instance, removes every listener. Idempotent. */
  destroy(): Promise<void> {
    if (!this.destroyPromise) this.destroyPromise = this.doDestroy();
    return this.destroyPromise;
  }

  // ── interactions ───────────────────────────────────────────────────────────

  /** Sends a danmaku (text message, Normal priority). Not re-emitted as MESSAGE: show the result. */
  async sendMessage(msg: string): Promise<SendMessageResult> {
    this.assertUsable();
    if (typeof msg !== 'string' || msg.trim() === '') {
      throw liveSellError('INVALID_ARGUMENT', 'sendMessage: the message must be a non-empty string');
    }
    checkSize(msg, MESSAGE_BYTES, 'sendMessage');
    const sent = await this.send('text', { text: msg }, PRIORITY_TEXT, 'sendMessage');
    return { ...this.profile, message: msg, messageID: sent.ID, time: this.messageTime(sent) };
  }

  /**
   * Likes the host. Resolves at once; taps within the like window go out as one Low-priority LIKE
   * carrying the count. LIKE is emitted locally for every tap (`isSelf`, `count: 1`).
   */
  async like(extension = ''): Promise<InteractionResult> {
    this.assertUsable();
    checkExtension(extension, 'like');
    this.counters.likeTaps++;
    this.likes.tap(extension);
    const time = this.clock.now();
    this.emitLocal(WIRE.LIKE, '', extension, '', time);
    return { ...this.profile, messageID: '', time };
  }

  /** Sends a gift (High priority); SEND_GIFT is emitted locally once sent. */
  gift(extension = ''): Promise<InteractionResult> {
    return this.interact(WIRE.SEND_GIFT, extension, PRIORITY_GIFT, 'gift');
  }

  /** Follows the host: an ATTENTION message (emitted as ATTENT here and in the room). */
  attention(): Promise<InteractionResult> {
    return this.interact(WIRE.ATTENTION, '', PRIORITY_EVENT, 'attention');
  }

  /** Unfollows the host: a CANCELATTENTION message (emitted as CANCEL_ATTENT). */
  cancelAttention(): Promise<InteractionResult> {
    return this.interact(WIRE.CANCEL_ATTENTION, '', PRIORITY_EVENT, 'cancelAttention');
  }

  /**
   * Sends a custom message named `eventName` and emits the event locally. Names of local events
   * (MESSAGE, SDK_READY …) are refused; host-only names (ADD_GOODS …) need the owner or an admin.
   */
  sendCustomMsgAndEmitEvent(eventName: string, extension = ''): Promise<InteractionResult> {
    if (!isValidEventName(eventName)) {
      return Promise.reject(
        liveSellError('INVALID_ARGUMENT', 'sendCustomMsgAndEmitEvent: the event name must be 1–64 of [A-Za-z0-9_.:-]'),
      );
    }
    const event = eventForWireName(eventName);
    if (RESERVED_EVENTS.has(event)) {
      return Promise.reject(
        liveSellError(
          'INVALID_ARGUMENT',
          `sendCustomMsgAndEmitEvent: ${eventName} is a local event and cannot be sent`,
        ),
      );
    }
    // They stand for a group custom field value, which is at most 512 bytes.
    if (
      (event === WIRE.ADD_GOODS || event === WIRE.ROOM_STATUS_CHANGE) &&
      typeof extension === 'string' &&
      tooLarge(extension, FIELD_BYTES)
    ) {
      return Promise.reject(liveSellError('MESSAGE_TOO_LARGE', `sendCustomMsgAndEmitEvent: ${event} over 512 bytes`));
    }
    const priority = event === WIRE.LIKE ? PRIORITY_LIKE : PRIORITY_EVENT;
    return this.interact(eventName, extension, priority, 'sendCustomMsgAndEmitEvent');
  }

  // ── host helpers (owner / admin) ───────────────────────────────────────────

  /** Sets the `room_status` group custom field; every client gets ROOM_STATUS_CHANGE from the tip. */
  setRoomStatus(status: RoomStatusValue): Promise<void> {
    return this.setField(FIELD.ROOM_STATUS, status, 'setRoomStatus');
  }

  /** Sets the `add_goods` group custom field (JSON for an object, '' or null to clear); ≤ 512 bytes. */
  pushGoods(goods: string | JsonObject | null): Promise<void> {
    const value = goods === null ? '' : typeof goods === 'string' ? goods : JSON.stringify(goods);
    return this.setField(FIELD.ADD_GOODS, value, 'pushGoods');
  }

  /** Sets the group notification (announcement); every client gets NOTIFACATION from the tip. */
  async setNotification(text: string): Promise<void> {
    if (typeof text !== 'string') throw liveSellError('INVALID_ARGUMENT', 'setNotification: text must be a string');
    checkSize(text, MESSAGE_BYTES, 'setNotification');
    await this.updateProfile({ notification: text }, 'setNotification');
  }

  // ── internals ──────────────────────────────────────────────────────────────

  private listenToTim(): void {
    const E = this.TIM.EVENT;
    const add = (name: string, handler: TimHandler) => {
      this.tim.on(name, handler);
      this.timHandlers.push([name, handler]);
    };
    add(E.SDK_READY, () => this.onSdkReady());
    add(E.SDK_NOT_READY, () => {
      this.sdkReady = false;
      this.emit(EVENT.SDK_NOT_READY, { userID: this.userID });
    });
    add(E.MESSAGE_RECEIVED, (event) => this.decoder.decodeBatch(event?.data));
    add(E.KICKED_OUT, (event) => this.onKicked(event?.data));
    add(E.NET_STATE_CHANGE, (event) => this.onNetState(event?.data));
    add(E.PROFILE_UPDATED, (event) => this.onProfiles(event?.data));
    add(E.ERROR, (event) => this.emit(EVENT.ERROR, toLiveSellError(event?.data, 'REMOTE', 'IM SDK error')));
  }

  private onSdkReady(): void {
    this.sdkReady = true;
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    for (const w of waiters) w();
    // The first SDK_READY is emitted by login() once the profile is loaded; later ones (after SDK_NOT_READY) here.
    if (this.everReady && !this.loggingIn && !this.closed) this.emit(EVENT.SDK_READY, { userID: this.userID });
  }

  private onKicked(data: unknown): void {
    const type = isObject(data) && typeof data.type === 'string' ? data.type : '';
    this.kicked = true;
    this.joined = false;
    this.sdkReady = false;
    this.loginPromise = undefined;
    this.likes.dispose();
    this.emit(EVENT.KICKED, { type });
  }

  private onNetState(data: unknown): void {
    const state = isObject(data) ? data.state : undefined;
    if (typeof state !== 'string' || !NETWORK_STATES.has(state)) return;
    this.networkState = state as NetworkState;
    this.emit(EVENT.NETWORK_CHANGE, { state });
    if (state !== 'connected') {
      if (this.joined) this.needsResync = true;
    } else if (this.needsResync && !this.closed) {
      void this.resync();
    }
  }

  private onProfiles(data: unknown): void {
    if (!Array.isArray(data)) return;
    const profiles: UserInfo[] = [];
    for (const p of data) {
      if (!isObject(p) || typeof p.userID !== 'string') continue;
      const info = userInfo(p.userID, p);
      profiles.push(info);
      if (info.userID === this.userID) this.profile = info;
      if (info.userID === this.ownerCache?.userID) this.ownerCache = info;
    }
    this.emit(EVENT.PROFILE_UPDATE, { profiles });
  }

  private async doLogin(): Promise<void> {
    this.loggingIn = true;
    try {
      await this.call(
        () => this.tim.login({ userID: this.userID, userSig: this.userSig }),
        'LOGIN_FAILED',
        'login',
        this.loginTimeoutMs,
      );
      await this.waitSdkReady();
      await this.loadProfile();
    } catch (error) {
      const err = toLiveSellError(error, 'LOGIN_FAILED', 'login');
      if (!this.closed) this.emit(EVENT.ERROR, err);
      throw err;
    } finally {
      this.loggingIn = false;
    }
    if (this.closed) throw this.destroyedError();
    this.everReady = true;
    this.emit(EVENT.SDK_READY, { userID: this.userID });
  }

  private waitSdkReady(): Promise<void> {
    if (this.sdkReady) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = this.clock.setTimeout(() => {
        this.readyWaiters = this.readyWaiters.filter((w) => w !== waiter);
        reject(liveSellError('NOT_READY', `login: the SDK was not ready within ${this.loginTimeoutMs} ms`));
      }, this.loginTimeoutMs);
      const waiter = (error?: LiveSellError) => {
        this.clock.clearTimeout(timer);
        if (error) reject(error);
        else resolve();
      };
      this.readyWaiters.push(waiter);
    });
  }

  /** Reads this user's profile and sets the nick/avatar given in the options. A failure here does not fail login. */
  private async loadProfile(): Promise<void> {
    try {
      const me = await this.call(() => this.tim.getMyProfile(), 'REMOTE', 'getMyProfile');
      const current = userInfo(this.userID, me);
      this.profile = current;
      const { nick, avatar } = this.wantedProfile;
      const update: { nick?: string; avatar?: string } = {};
      if (nick !== undefined && nick !== current.nick) update.nick = nick;
      if (avatar !== undefined && avatar !== current.avatar) update.avatar = avatar;
      if (update.nick !== undefined || update.avatar !== undefined) {
        await this.call(() => this.tim.updateMyProfile(update), 'REMOTE', 'updateMyProfile');
        this.profile = { ...this.profile, ...update, avatar: safeAvatar(update.avatar ?? this.profile.avatar) };
      }
    } catch (error) {
      this.emit(EVENT.ERROR, toLiveSellError(error, 'REMOTE', 'profile'));
    }
  }

  private async doDestroy(): Promise<void> {
    this.destroying = true;
    if (this.everReady && !this.kicked) await this.likes.flush();
    this.likes.dispose();
    this.closed = true;
    for (const [name, handler] of this.timHandlers) {
      try {
        this.tim.off(name, handler);
      } catch {
        // An SDK that cannot unsubscribe is destroyed below anyway.
      }
    }
    const waiters = this.readyWaiters;
    this.readyWaiters = [];
    for (const w of waiters) w(this.destroyedError());
    await this.settle(() => this.tim.logout());
    await this.settle(() => this.tim.destroy());
    this.joined = false;
    this.emitter.clear();
  }

  /** Runs an SDK call whose outcome does not matter (logout/destroy), within the bounded wait. */
  private async settle(fn: () => Promise<unknown>): Promise<void> {
    try {
      await bounded(fn(), this.clock, this.sendTimeoutMs, () => liveSellError('SEND_TIMEOUT', 'no answer'));
    } catch {
      // Logging out a session that never logged in, or a dead socket: nothing left to release.
    }
  }

  private assertUsable(): void {
    if (this.destroying) throw this.destroyedError();
    if (this.kicked) throw liveSellError('KICKED', 'this account logged in elsewhere; call login() to take over');
  }

  /** Public calls: refuse after destroy/kick, then wait for login. */
  private async usable(): Promise<void> {
    this.assertUsable();
    await this.login();
  }

  private destroyedError(): LiveSellError {
    return liveSellError('DESTROYED', 'this TIMLiveSell was destroyed');
  }

  /** Calls the SDK within the bounded wait and turns any failure into a `LiveSellError`. */
  private async call<T>(
    fn: () => Promise<TimResponse<T>>,
    fallback: LiveSellErrorCode,
    context: string,
    timeoutMs = this.sendTimeoutMs,
  ): Promise<T> {
    try {
      const response = await bounded(fn(), this.clock, timeoutMs, () =>
        liveSellError('SEND_TIMEOUT', `${context}: no answer within ${timeoutMs} ms`),
      );
      return response?.data;
    } catch (error) {
      throw toLiveSellError(error, fallback, context);
    }
  }

  private async send(
    kind: 'text' | 'custom',
    payload: TimTextPayload | TimCustomPayload,
    priority: TimEnumValue,
    context: string,
  ): Promise<TimMessage> {
    try {
      if (this.closed) throw this.destroyedError();
      await this.login();
      const options = { to: this.roomID, conversationType: this.TIM.TYPES.CONV_GROUP, priority, payload };
      let message: TimMessage;
      try {
        message = kind === 'text' ? this.tim.createTextMessage(options) : this.tim.createCustomMessage(options);
      } catch (error) {
        throw toLiveSellError(error, 'INVALID_ARGUMENT', context);
      }
      if (message && typeof message.ID === 'string') this.sentIDs.add(message.ID);
      const result = await this.call(() => this.tim.sendMessage(message), 'SEND_FAILED', context);
      this.counters.sent++;
      return result?.message ?? message;
    } catch (error) {
      this.counters.sendFailed++;
      throw toLiveSellError(error, 'SEND_FAILED', context);
    }
  }

  private async interact(data: string, extension: string, priority: TimEnumValue, context: string) {
    this.assertUsable();
    checkExtension(extension, context);
    const event = eventForWireName(data);
    if ((this.trust.isHostOnly(event) || this.trust.isHostOnly(data)) && (await this.myRole()) === 'member') {
      throw liveSellError('PERMISSION_DENIED', `${context}: only the host, an admin or the server may send ${data}`);
    }
    const sent = await this.send('custom', customPayload(data, extension), priority, context);
    const time = this.messageTime(sent);
    this.emitLocal(data, '', extension, sent.ID, time);
    return { ...this.profile, messageID: sent.ID, time } satisfies InteractionResult;
  }

  /** Aggregated likes: failures are reported through ERROR (the taps already resolved). */
  private async sendLikes(count: number, extension: string): Promise<void> {
    try {
      await this.send('custom', customPayload(WIRE.LIKE, extension, likeDescription(count)), PRIORITY_LIKE, 'like');
      this.counters.likeMessagesSent++;
      this.counters.likesMerged += count - 1;
    } catch (error) {
      if (!this.closed) this.emit(EVENT.ERROR, toLiveSellError(error, 'SEND_FAILED', 'like'));
    }
  }

  private emitLocal(data: string, description: string, extension: string, messageID: string, time: number): void {
    const sender: Sender = { ...this.profile, role: this.role, isSelf: true, messageID, time };
    this.decoder.emitCustom(sender, data, description, extension);
  }

  private emit(event: string, payload: unknown): void {
    this.counters.emitted++;
    this.emitter.emit(event, payload);
  }

  private onListenerError(error: unknown, event: string): void {
    this.counters.listenerErrors++;
    if (event !== EVENT.ERROR) {
      this.emit(EVENT.ERROR, liveSellError('UNKNOWN', `a ${event} handler threw: ${String(error)}`, error));
    }
  }

  private messageTime(message: TimMessage): number {
    return typeof message?.time === 'number' && message.time > 0 ? message.time * 1000 : this.clock.now();
  }

  private async fetchGroup(context: string): Promise<TimGroup> {
    const data = await this.call(
      () =>
        this.tim.getGroupProfile({
          groupID: this.roomID,
          groupCustomFieldFilter: [FIELD.ADD_GOODS, FIELD.ROOM_STATUS],
        }),
      'REMOTE',
      context,
    );
    if (!isObject(data?.group)) throw liveSellError('REMOTE', `${context}: the SDK returned no group profile`);
    this.applyGroup(data.group);
    return data.group;
  }

  private applyGroup(group: TimGroup): void {
    if (typeof group.ownerID === 'string' && group.ownerID) this.trust.ownerID = group.ownerID;
    const role = group.selfInfo?.role;
    if (role === this.TIM.TYPES.GRP_MBR_ROLE_ADMIN) this.trust.setAdmin(this.userID, true);
  }

  /** My role, reading the group profile once if the owner is not known yet (before joinRoom). */
  private async myRole(): Promise<SenderRole> {
    if (!this.trust.ownerID) {
      await this.login();
      await this.fetchGroup('role');
    }
    return this.role;
  }

  private async ownerInfo(ownerID: string): Promise<UserInfo> {
    if (typeof ownerID !== 'string' || !ownerID) return { userID: '', nick: '', avatar: '' };
    if (this.ownerCache?.userID === ownerID) return { ...this.ownerCache };
    let info: UserInfo = { userID: ownerID, nick: '', avatar: '' };
    try {
      const profiles = await this.call(
        () => this.tim.getUserProfile({ userIDList: [ownerID] }),
        'REMOTE',
        'owner profile',
      );
      const p = Array.isArray(profiles) ? profiles.find((x) => isObject(x) && x.userID === ownerID) : undefined;
      if (p) info = userInfo(ownerID, p);
      this.ownerCache = info;
    } catch (error) {
      // The room works without the host's nick; say so and carry on.
      this.emit(EVENT.ERROR, toLiveSellError(error, 'REMOTE', 'owner profile'));
    }
    return { ...info };
  }

  private async setField(key: string, value: string, context: string): Promise<void> {
    if (typeof value !== 'string') throw liveSellError('INVALID_ARGUMENT', `${context}: the value must be a string`);
    checkSize(value, FIELD_BYTES, context);
    await this.updateProfile({ groupCustomField: [{ key, value }] }, context);
  }

  private async updateProfile(
    change: { notification?: string; groupCustomField?: Array<{ key: string; value: string }> },
    context: string,
  ): Promise<void> {
    await this.usable();
    if ((await this.myRole()) === 'member') {
      throw liveSellError('PERMISSION_DENIED', `${context}: only the host or an admin may change the room`);
    }
    await this.call(() => this.tim.updateGroupProfile({ groupID: this.roomID, ...change }), 'SEND_FAILED', context);
    this.counters.sent++;
  }

  /** After a reconnect: join again, read the room fields, emit what changed while away. */
  private resync(): Promise<void> {
    if (this.resyncing) return this.resyncing;
    const run = async () => {
      try {
        try {
          await this.joinGroup('rejoin');
        } catch (error) {
          if (!(error instanceof LiveSellError) || error.timCode !== NOT_LOGGED_IN) throw error;
          // The server forgot the session (restart): log in again, then join.
          this.loginPromise = undefined;
          this.sdkReady = false;
          await this.login();
          await this.joinGroup('rejoin');
        }
        const group = await this.fetchGroup('resync');
        const next = readFields(group);
        const before = this.fields;
        this.fields = before ?? { ...next };
        const sender = anonymous('server', this.clock.now());
        for (const key of ['addGoods', 'roomStatus', 'notification'] as const) {
          if (before && before[key] !== next[key]) this.decoder.roomField(key, next[key], sender, 'resync');
        }
        this.needsResync = false;
      } catch (error) {
        if (!this.closed) this.emit(EVENT.ERROR, toLiveSellError(error, 'NETWORK', 'resync after reconnect'));
      } finally {
        this.resyncing = undefined;
      }
    };
    this.resyncing = run();
    return this.resyncing;
  }

  private joinGroup(context: string) {
    return this.call(
      () => this.tim.joinGroup({ groupID: this.roomID, type: this.TIM.TYPES.GRP_AVCHATROOM }),
      'JOIN_FAILED',
      context,
    );
  }
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function fieldMap(group: TimGroup): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(group.groupCustomField)) return out;
  for (const f of group.groupCustomField) {
    if (isObject(f) && typeof f.key === 'string' && typeof f.value === 'string' && !tooLarge(f.value, FIELD_BYTES)) {
      out[f.key] = f.value;
    }
  }
  return out;
}

function readFields(group: TimGroup, fields = fieldMap(group)): RoomFields {
  return {
    addGoods: fields[FIELD.ADD_GOODS] ?? '',
    roomStatus: fields[FIELD.ROOM_STATUS] ?? '',
    notification: stringOr(group.notification, ''),
  };
}

/** A profile from the SDK (untrusted shape) as `{userID, nick, avatar}`. */
function userInfo(userID: string, profile: unknown): UserInfo {
  const p: Record<string, unknown> = isObject(profile) ? profile : {};
  return { userID, nick: stringOr(p.nick, ''), avatar: safeAvatar(p.avatar) };
}

function checkSize(text: string, maxBytes: number, context: string): void {
  if (tooLarge(text, maxBytes)) {
    throw liveSellError('MESSAGE_TOO_LARGE', `${context}: more than ${maxBytes} bytes`);
  }
}

function checkExtension(extension: unknown, context: string): asserts extension is string {
  if (typeof extension !== 'string') throw liveSellError('INVALID_ARGUMENT', `${context}: extension must be a string`);
  checkSize(extension, MESSAGE_BYTES, context);
}
