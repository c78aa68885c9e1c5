import { systemClock } from '../clock';
import { LiveSellError, type LiveSellErrorCode } from '../errors';
import type {
  TimCustomPayload,
  TimGroup,
  TimHandler,
  TimInstance,
  TimMessage,
  TimPriority,
  TimResponse,
  TimTextPayload,
} from '../tim/types';
import { bounded } from './bounded';
import { anonymous, createDecoder, parseLikeTotal, type Sender } from './decode';
import { createEmitter, type Emitter } from './emitter';
import type { NetworkState, ResyncPayload, SenderRole, UserInfo } from './events';
import { LikeBatcher } from './like-batcher';
import { recentIDs } from './recent-ids';
import { createStats, snapshot } from './stats';
import { liveSellError, toLiveSellError } from './tim-error';
import { roomTrust } from './trust';
import type {
  ExitRoomResult,
  InteractionResult,
  JoinRoomResult,
  LiveRoomInfo,
  LiveSellStats,
  RoomFields,
  SendMessageResult,
  TIMLiveSellOptions,
} from './types';
import {
  customPayload,
  eventForWireName,
  FIELD,
  FIELD_BYTES,
  fieldMap,
  HOST_ONLY_EVENTS,
  isObject,
  isValidEventName,
  likeDescription,
  MESSAGE_BYTES,
  messageTime,
  PRIORITY_EVENT,
  PRIORITY_LIKE,
  PRIORITY_TEXT,
  parseJsonObject,
  RESERVED_EVENTS,
  safeAvatar,
  tooLarge,
  WIRE,
} from './wire';

/** What `TIMLiveSell` delegates to: its state lives in this closure. */
export interface Session {
  readonly tim: TimInstance;
  readonly emitter: Emitter;
  role(): SenderRole;
  isReady(): boolean;
  isJoined(): boolean;
  network(): NetworkState;
  roomFields(): RoomFields | undefined;
  stats(): LiveSellStats;
  login(): Promise<void>;
  joinRoom(): Promise<JoinRoomResult>;
  exitRoom(): Promise<ExitRoomResult>;
  getRoomInfo(): Promise<LiveRoomInfo>;
  destroy(): Promise<void>;
  sendMessage(msg: string): Promise<SendMessageResult>;
  like(extension: string): Promise<InteractionResult>;
  /** Checks and sends custom message `data` (High priority; LIKE Low), then emits it locally. */
  interact(data: string, extension: string, context: string): Promise<InteractionResult>;
  setField(key: string, value: string, context: string): Promise<void>;
  setNotification(text: string): Promise<void>;
}

const NETWORK_STATES: ReadonlySet<string> = new Set(['connected', 'connecting', 'disconnected']);
const NOT_LOGGED_IN = 2024;

/** The options are validated by the caller. */
export function createSession(options: TIMLiveSellOptions): Session {
  const { SDKAppID, roomID, userSig, userName: userID, TIM } = options;
  const types = TIM.TYPES;
  const clock = options.clock ?? systemClock;
  const sendTimeoutMs = options.sendTimeoutMs ?? 10_000;
  const loginTimeoutMs = options.loginTimeoutMs ?? 15_000;
  const wanted = { nick: options.nick, avatar: options.avatar };
  const counters = createStats();
  const sentIDs = recentIDs(256);
  const timHandlers: Array<[string, TimHandler]> = [];
  const trust = roomTrust(options.serverUserIDs ?? ['administrator'], options.adminUserIDs ?? [], [
    ...HOST_ONLY_EVENTS,
    ...(options.hostOnlyEvents ?? []),
  ]);

  let profile: UserInfo = { userID, nick: options.nick ?? '', avatar: safeAvatar(options.avatar) };
  let ownerCache: UserInfo | undefined;
  let fields: RoomFields | undefined;
  let loginPromise: Promise<void> | undefined;
  let loggingIn = false;
  let everReady = false;
  let sdkReady = false;
  let readyWaiters: Array<(error?: LiveSellError) => void> = [];
  let joined = false;
  let kicked = false;
  let networkState: NetworkState = 'connected';
  let needsResync = false;
  let resyncing: Promise<void> | undefined;
  /** Public calls are refused from the moment `destroy()` is called … */
  let destroying = false;
  /** … internal sends (the final like flush) until the SDK is released. */
  let closed = false;
  let destroyPromise: Promise<void> | undefined;

  const role = () => trust.roleOf(userID);
  const emitter = createEmitter((error, event) => {
    counters.listenerErrors++;
    if (event !== 'ERROR') emit('ERROR', liveSellError('UNKNOWN', `a ${event} handler threw: ${String(error)}`, error));
  });
  const emit = (event: string, payload: unknown) => {
    counters.emitted++;
    emitter.emit(event, payload);
  };
  /** Reports a failure that has no caller to reject (background work) through ERROR. */
  const report = (error: unknown, fallback: LiveSellErrorCode, context: string) =>
    emit('ERROR', toLiveSellError(error, fallback, context));
  const destroyedError = () => liveSellError('DESTROYED', 'this TIMLiveSell was destroyed');

  const decoder = createDecoder({
    roomID,
    types,
    trust,
    stats: counters,
    clock,
    isOwnMessage: sentIDs.has,
    hasListener: emitter.has,
    emit,
    onRoomField: (field, value) => {
      if (fields) fields[field] = value;
    },
  });
  const likes = new LikeBatcher({
    clock,
    windowMs: options.likeWindowMs ?? 2000,
    // Aggregated likes: failures are reported through ERROR (the taps already resolved).
    async send(count, extension) {
      try {
        await send('custom', customPayload(WIRE.LIKE, extension, likeDescription(count)), PRIORITY_LIKE, 'like');
        counters.likeMessagesSent++;
        counters.likesMerged += count - 1;
      } catch (error) {
        if (!closed) report(error, 'SEND_FAILED', 'like');
      }
    },
  });

  const tim = TIM.create({ ...options.timOptions, SDKAppID, unlimitedAVChatRoom: false });
  if (options.timLogLevel !== undefined) tim.setLogLevel(options.timLogLevel);

  // ── SDK events ─────────────────────────────────────────────────────────────

  const E = TIM.EVENT;
  const listen = (name: string, handler: (data: unknown) => void) => {
    const h: TimHandler = (event) => handler(event?.data);
    tim.on(name, h);
    timHandlers.push([name, h]);
  };
  listen(E.SDK_READY, () => {
    sdkReady = true;
    releaseWaiters();
    // The first SDK_READY is emitted by login() once the profile is loaded; later ones (after SDK_NOT_READY) here.
    if (everReady && !loggingIn && !closed) emit('SDK_READY', { userID });
  });
  listen(E.SDK_NOT_READY, () => {
    sdkReady = false;
    emit('SDK_NOT_READY', { userID });
  });
  listen(E.MESSAGE_RECEIVED, decoder.decodeBatch);
  listen(E.KICKED_OUT, (data) => {
    const type = isObject(data) && typeof data.type === 'string' ? data.type : '';
    kicked = true;
    joined = false;
    sdkReady = false;
    loginPromise = undefined;
    likes.dispose();
    emit('KICKED', { type });
  });
  listen(E.NET_STATE_CHANGE, (data) => {
    const state = isObject(data) ? data.state : undefined;
    if (typeof state !== 'string' || !NETWORK_STATES.has(state)) return;
    networkState = state as NetworkState;
    emit('NETWORK_CHANGE', { state });
    if (state !== 'connected') {
      if (joined) needsResync = true;
    } else if (needsResync && !closed) {
      void resync();
    }
  });
  listen(E.PROFILE_UPDATED, (data) => {
    if (!Array.isArray(data)) return;
    const profiles: UserInfo[] = [];
    for (const p of data) {
      if (!isObject(p) || typeof p.userID !== 'string') continue;
      const info = userInfo(p.userID, p);
      profiles.push(info);
      if (info.userID === userID) profile = info;
      if (info.userID === ownerCache?.userID) ownerCache = info;
    }
    emit('PROFILE_UPDATE', { profiles });
  });
  listen(E.ERROR, (data) => report(data, 'REMOTE', 'IM SDK error'));

  // ── login ──────────────────────────────────────────────────────────────────

  function login(): Promise<void> {
    if (closed) return Promise.reject(destroyedError());
    if (!loginPromise) {
      kicked = false;
      const p = doLogin();
      loginPromise = p;
      p.catch(() => {
        if (loginPromise === p) loginPromise = undefined;
      });
    }
    return loginPromise;
  }

  async function doLogin(): Promise<void> {
    loggingIn = true;
    try {
      await call(() => tim.login({ userID, userSig }), 'LOGIN_FAILED', 'login', loginTimeoutMs);
      await waitSdkReady();
      await loadProfile();
    } catch (error) {
      const err = toLiveSellError(error, 'LOGIN_FAILED', 'login');
      if (!closed) emit('ERROR', err);
      throw err;
    } finally {
      loggingIn = false;
    }
    if (closed) throw destroyedError();
    everReady = true;
    emit('SDK_READY', { userID });
  }

  /** Resolves the logins waiting for SDK_READY, or rejects them with `error`. */
  function releaseWaiters(error?: LiveSellError): void {
    const waiters = readyWaiters;
    readyWaiters = [];
    for (const w of waiters) w(error);
  }

  function waitSdkReady(): Promise<void> {
    if (sdkReady) return Promise.resolve();
    // A waiter left behind by the timeout is dropped at the next SDK_READY; calling it then does nothing.
    const ready = new Promise<void>((resolve, reject) =>
      readyWaiters.push((error) => (error ? reject(error) : resolve())),
    );
    return bounded(ready, clock, loginTimeoutMs, () =>
      liveSellError('NOT_READY', `login: the SDK was not ready within ${loginTimeoutMs} ms`),
    );
  }

  /** Reads this user's profile and sets the nick/avatar given in the options. A failure here does not fail login. */
  async function loadProfile(): Promise<void> {
    try {
      const current = userInfo(userID, await call(() => tim.getMyProfile(), 'REMOTE', 'getMyProfile'));
      profile = current;
      const update: { nick?: string; avatar?: string } = {};
      if (wanted.nick !== undefined && wanted.nick !== current.nick) update.nick = wanted.nick;
      if (wanted.avatar !== undefined && wanted.avatar !== current.avatar) update.avatar = wanted.avatar;
      if (update.nick !== undefined || update.avatar !== undefined) {
        await call(() => tim.updateMyProfile(update), 'REMOTE', 'updateMyProfile');
        profile = { ...profile, ...update, avatar: safeAvatar(update.avatar ?? profile.avatar) };
      }
    } catch (error) {
      report(error, 'REMOTE', 'profile');
    }
  }

  async function doDestroy(): Promise<void> {
    destroying = true;
    if (everReady && !kicked) await likes.flush();
    likes.dispose();
    closed = true;
    for (const [name, handler] of timHandlers) {
      try {
        tim.off(name, handler);
      } catch {
        // An SDK that cannot unsubscribe is destroyed below anyway.
      }
    }
    releaseWaiters(destroyedError());
    await settle(() => tim.logout());
    await settle(() => tim.destroy());
    joined = false;
    emitter.clear();
  }

  /** Runs an SDK call whose outcome does not matter (logout/destroy), within the bounded wait. */
  async function settle(fn: () => Promise<unknown>): Promise<void> {
    try {
      await bounded(fn(), clock, sendTimeoutMs, () => liveSellError('SEND_TIMEOUT', 'no answer'));
    } catch {
      // Logging out a session that never logged in, or a dead socket: nothing left to release.
    }
  }

  function assertUsable(): void {
    if (destroying) throw destroyedError();
    if (kicked) throw liveSellError('KICKED', 'this account logged in elsewhere; call login() to take over');
  }

  /** Public calls: refuse after destroy/kick, then wait for login. */
  async function usable(): Promise<void> {
    assertUsable();
    await login();
  }

  // ── SDK calls ──────────────────────────────────────────────────────────────

  /** Calls the SDK within the bounded wait and turns any failure into a `LiveSellError`. */
  async function call<T>(
    fn: () => Promise<TimResponse<T>>,
    fallback: LiveSellErrorCode,
    context: string,
    timeoutMs = sendTimeoutMs,
  ): Promise<T> {
    try {
      const response = await bounded(fn(), clock, timeoutMs, () =>
        liveSellError('SEND_TIMEOUT', `${context}: no answer within ${timeoutMs} ms`),
      );
      return response?.data;
    } catch (error) {
      throw toLiveSellError(error, fallback, context);
    }
  }

  async function send(
    kind: 'text' | 'custom',
    payload: TimTextPayload | TimCustomPayload,
    priority: TimPriority,
    context: string,
  ): Promise<TimMessage> {
    try {
      if (closed) throw destroyedError();
      await login();
      const create = { to: roomID, conversationType: types.CONV_GROUP, priority, payload };
      let message: TimMessage;
      try {
        message = kind === 'text' ? tim.createTextMessage(create) : tim.createCustomMessage(create);
      } catch (error) {
        throw toLiveSellError(error, 'INVALID_ARGUMENT', context);
      }
      if (message && typeof message.ID === 'string') sentIDs.add(message.ID);
      const result = await call(() => tim.sendMessage(message), 'SEND_FAILED', context);
      counters.sent++;
      return result?.message ?? message;
    } catch (error) {
      counters.sendFailed++;
      throw toLiveSellError(error, 'SEND_FAILED', context);
    }
  }

  /** Emits this client's own interaction as the room sees it, and returns it as the call's result. */
  function emitLocal(data: string, extension: string, messageID: string, time: number): InteractionResult {
    const sender: Sender = { ...profile, role: role(), isSelf: true, messageID, time };
    decoder.emitCustom(sender, data, '', extension);
    return { ...profile, messageID, time };
  }

  const joinGroup = (context: string) =>
    call(() => tim.joinGroup({ groupID: roomID, type: types.GRP_AVCHATROOM }), 'JOIN_FAILED', context);

  async function fetchGroup(context: string): Promise<TimGroup> {
    const data = await call(
      () =>
        tim.getGroupProfile({
          groupID: roomID,
          groupCustomFieldFilter: [FIELD.ADD_GOODS, FIELD.ROOM_STATUS, FIELD.LIKE_TOTAL],
        }),
      'REMOTE',
      context,
    );
    if (!isObject(data?.group)) throw liveSellError('REMOTE', `${context}: the SDK returned no group profile`);
    applyGroup(data.group);
    return data.group;
  }

  function applyGroup(group: TimGroup): void {
    if (typeof group.ownerID === 'string' && group.ownerID) trust.ownerID = group.ownerID;
    if (group.selfInfo?.role === types.GRP_MBR_ROLE_ADMIN) trust.setAdmin(userID, true);
  }

  /** My role, reading the group profile once if the owner is not known yet (before joinRoom). */
  async function myRole(): Promise<SenderRole> {
    if (!trust.ownerID) {
      await login();
      await fetchGroup('role');
    }
    return role();
  }

  async function ownerInfo(ownerID: string): Promise<UserInfo> {
    if (typeof ownerID !== 'string' || !ownerID) return userInfo('');
    if (ownerCache?.userID === ownerID) return { ...ownerCache };
    let info = userInfo(ownerID);
    try {
      const profiles = await call(() => tim.getUserProfile({ userIDList: [ownerID] }), 'REMOTE', 'owner profile');
      const p = Array.isArray(profiles) ? profiles.find((x) => isObject(x) && x.userID === ownerID) : undefined;
      if (p) info = userInfo(ownerID, p);
      ownerCache = info;
    } catch (error) {
      // The room works without the host's nick; say so and carry on.
      report(error, 'REMOTE', 'owner profile');
    }
    return { ...info };
  }

  async function updateProfile(
    change: { notification?: string; groupCustomField?: Array<{ key: string; value: string }> },
    context: string,
  ): Promise<void> {
    await usable();
    if ((await myRole()) === 'member') {
      throw liveSellError('PERMISSION_DENIED', `${context}: only the host or an admin may change the room`);
    }
    await call(() => tim.updateGroupProfile({ groupID: roomID, ...change }), 'SEND_FAILED', context);
    counters.sent++;
  }

  /** After a reconnect: join again, read the room fields, emit what changed while away. */
  function resync(): Promise<void> {
    if (resyncing) return resyncing;
    const run = async () => {
      try {
        try {
          await joinGroup('rejoin');
        } catch (error) {
          if (!(error instanceof LiveSellError) || error.timCode !== NOT_LOGGED_IN) throw error;
          // The server forgot the session (restart): log in again, then join.
          loginPromise = undefined;
          sdkReady = false;
          await login();
          await joinGroup('rejoin');
        }
        const group = await fetchGroup('resync');
        const next = readFields(group);
        const before = fields;
        fields = before ?? { ...next };
        const sender = anonymous('server', clock.now());
        for (const key of ['addGoods', 'roomStatus', 'notification'] as const) {
          if (before && before[key] !== next[key]) decoder.roomField(key, next[key], sender, 'resync');
        }
        needsResync = false;
        // Counts are not fields with a tip of their own: hand them over as read, with the rest of the room.
        const resynced: ResyncPayload = { time: clock.now() };
        if (typeof group.memberCount === 'number') resynced.memberCount = group.memberCount;
        const likeTotal = parseLikeTotal(fieldMap(group)[FIELD.LIKE_TOTAL]);
        if (likeTotal !== undefined) resynced.likeTotal = likeTotal;
        emit('RESYNC', resynced);
      } catch (error) {
        if (!closed) report(error, 'NETWORK', 'resync after reconnect');
      } finally {
        resyncing = undefined;
      }
    };
    resyncing = run();
    return resyncing;
  }

  if (options.autoLogin !== false) login().catch(() => undefined);

  return {
    tim,
    emitter,
    role,
    isReady: () => everReady && sdkReady && !kicked && !destroying,
    isJoined: () => joined,
    network: () => networkState,
    roomFields: () => (fields ? { ...fields } : undefined),
    stats: () => snapshot(counters),
    login,

    async joinRoom() {
      await usable();
      const result = await joinGroup('joinRoom');
      const status = typeof result?.status === 'string' ? result.status : types.JOIN_STATUS_SUCCESS;
      let group: TimGroup;
      try {
        group = await fetchGroup('joinRoom');
      } catch (error) {
        // AlreadyInGroup carries no group: the profile read is the only source then.
        if (!result?.group) throw error;
        group = result.group;
        applyGroup(group);
      }
      joined = true;
      needsResync = false;
      fields = readFields(group);
      const owner = await ownerInfo(group.ownerID);
      return { userInfo: { ...profile }, groupInfo: { ...group, ownerInfo: owner }, status };
    },

    async exitRoom() {
      await usable();
      if (!trust.ownerID) await fetchGroup('exitRoom');
      if (trust.ownerID === userID) {
        throw liveSellError('HOST_CANNOT_EXIT', 'exitRoom: the host (group owner) cannot exit the live room');
      }
      await likes.flush();
      await call(() => tim.quitGroup(roomID), 'SEND_FAILED', 'exitRoom');
      joined = false;
      needsResync = false;
      fields = undefined;
      return { status: 'exited', groupID: roomID };
    },

    async getRoomInfo() {
      await usable();
      const group = await fetchGroup('getRoomInfo');
      const owner = await ownerInfo(group.ownerID);
      const customFields = fieldMap(group);
      const room = readFields(group, customFields);
      const info: LiveRoomInfo = {
        ...owner,
        ownerInfo: owner,
        groupID: stringOr(group.groupID, roomID),
        name: stringOr(group.name, ''),
        introduction: stringOr(group.introduction, ''),
        customFields,
        ...room,
      };
      if (typeof group.memberCount === 'number') info.memberCount = group.memberCount;
      const goods = parseJsonObject(room.addGoods);
      if (goods) info.goods = goods;
      return info;
    },

    destroy() {
      if (!destroyPromise) destroyPromise = doDestroy();
      return destroyPromise;
    },

    async sendMessage(msg) {
      assertUsable();
      if (typeof msg !== 'string' || msg.trim() === '') {
        throw liveSellError('INVALID_ARGUMENT', 'sendMessage: the message must be a non-empty string');
      }
      checkSize(msg, MESSAGE_BYTES, 'sendMessage');
      const sent = await send('text', { text: msg }, PRIORITY_TEXT, 'sendMessage');
      return { ...profile, message: msg, messageID: sent.ID, time: messageTime(sent?.time, clock) };
    },

    async like(extension) {
      assertUsable();
      checkExtension(extension, 'like');
      counters.likeTaps++;
      likes.tap(extension);
      return emitLocal(WIRE.LIKE, extension, '', clock.now());
    },

    async interact(data, extension, context) {
      assertUsable();
      if (!isValidEventName(data)) {
        throw liveSellError('INVALID_ARGUMENT', `${context}: the event name must be 1–64 of [A-Za-z0-9_.:-]`);
      }
      const event = eventForWireName(data);
      if (RESERVED_EVENTS.has(event)) {
        throw liveSellError('INVALID_ARGUMENT', `${context}: ${data} is a local event and cannot be sent`);
      }
      // These stand for a group custom field value, which is at most 512 bytes.
      const fieldValue = event === WIRE.ADD_GOODS || event === WIRE.ROOM_STATUS_CHANGE;
      checkExtension(extension, context, fieldValue ? FIELD_BYTES : MESSAGE_BYTES);
      if (trust.isHostOnly(data) && (await myRole()) === 'member') {
        throw liveSellError('PERMISSION_DENIED', `${context}: only the host, an admin or the server may send ${data}`);
      }
      const priority = event === WIRE.LIKE ? PRIORITY_LIKE : PRIORITY_EVENT;
      const sent = await send('custom', customPayload(data, extension), priority, context);
      return emitLocal(data, extension, sent.ID, messageTime(sent?.time, clock));
    },

    async setField(key, value, context) {
      if (typeof value !== 'string') throw liveSellError('INVALID_ARGUMENT', `${context}: the value must be a string`);
      checkSize(value, FIELD_BYTES, context);
      await updateProfile({ groupCustomField: [{ key, value }] }, context);
    },

    async setNotification(text) {
      if (typeof text !== 'string') throw liveSellError('INVALID_ARGUMENT', 'setNotification: text must be a string');
      checkSize(text, MESSAGE_BYTES, 'setNotification');
      await updateProfile({ notification: text }, 'setNotification');
    },
  };
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function readFields(group: TimGroup, fields = fieldMap(group)): RoomFields {
  return {
    addGoods: fields[FIELD.ADD_GOODS] ?? '',
    roomStatus: fields[FIELD.ROOM_STATUS] ?? '',
    notification: stringOr(group.notification, ''),
  };
}

/** A profile from the SDK (untrusted shape) as `{userID, nick, avatar}`; without one, nick and avatar are ''. */
function userInfo(userID: string, profile?: unknown): UserInfo {
  const p: Record<string, unknown> = isObject(profile) ? profile : {};
  return { userID, nick: stringOr(p.nick, ''), avatar: safeAvatar(p.avatar) };
}

function checkSize(text: string, maxBytes: number, context: string): void {
  if (tooLarge(text, maxBytes)) {
    throw liveSellError('MESSAGE_TOO_LARGE', `${context}: more than ${maxBytes} bytes`);
  }
}

function checkExtension(extension: unknown, context: string, maxBytes = MESSAGE_BYTES): asserts extension is string {
  if (typeof extension !== 'string') throw liveSellError('INVALID_ARGUMENT', `${context}: extension must be a string`);
  checkSize(extension, maxBytes, context);
}
