import { systemClock } from '../clock';
import { LiveSellError, type LiveSellErrorCode } from '../errors';
import { createMachineRunner } from '../machine-runner';
import { or } from '../or';
import { NOT_LOGGED_IN } from '../protocol/codes';
import type {
  TimCustomPayload,
  TimGroup,
  TimHandler,
  TimMessage,
  TimPriority,
  TimResponse,
  TimTextPayload,
} from '../tim/types';
import { bounded } from './bounded';
import { anonymous, createDecoder, parseLikeTotal, ROOM_FIELDS, type Sender } from './decode';
import { createEmitter } from './emitter';
import type { NetworkState, ResyncPayload, SenderRole, UserInfo } from './events';
import { createLikeBatcher } from './like-batcher';
import { recentIDs } from './recent-ids';
import { createSessionState, isSessionReady, passesSdkReady, refusal, sessionTransition } from './session-machine';
import { countDrop, createStats, snapshot } from './stats';
import { liveSellError, toLiveSellError } from './tim-error';
import { roomTrust } from './trust';
import type {
  InteractionResult,
  LiveRoomInfo,
  LiveSellExtensionHooks,
  RoomFields,
  TIMLiveSellApi,
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

type Listener = (payload: unknown) => unknown;

const NETWORK_STATES: ReadonlySet<string> = new Set(['connected', 'connecting', 'disconnected']);

/**
 * `TIMLiveSell`'s implementation (the constructor validates the options and returns this). The
 * lifecycle — login, SDK readiness, kick, reconnect → resync, destroy — is the session machine
 * (`session-machine.ts`) run here on the machine runner; this closure holds its effects (the SDK
 * calls, the login promise, the waiters) and the room.
 */
export function createSession(options: TIMLiveSellOptions): TIMLiveSellApi {
  const { SDKAppID, roomID, userSig, userName: userID, TIM } = options;
  const types = TIM.TYPES;
  const clock = or(options.clock, systemClock);
  const sendTimeoutMs = or(options.sendTimeoutMs, 10_000);
  const loginTimeoutMs = or(options.loginTimeoutMs, 15_000);
  const wanted = { nick: options.nick, avatar: options.avatar };
  const counters = createStats();
  const sentIDs = recentIDs(256);
  const timHandlers: Array<[string, TimHandler]> = [];
  const trust = roomTrust(or(options.serverUserIDs, ['administrator']), or(options.adminUserIDs, []), [
    ...HOST_ONLY_EVENTS,
    ...or(options.hostOnlyEvents, []),
  ]);

  let profile: UserInfo = { userID, nick: or(options.nick, ''), avatar: safeAvatar(options.avatar) };
  let ownerCache: UserInfo | undefined;
  let fields: RoomFields | undefined;
  const machine = createMachineRunner(
    createSessionState(),
    sessionTransition,
    () => undefined,
    () => undefined,
  );
  const state = machine.getState;
  const dispatch = machine.dispatch;
  /** `destroy()` was called and the final sends are done: the SDK is being released. */
  const closed = () => state().status === 'destroyed';
  /** The current login while the machine is `loggingIn` or `ready` (kept through destroy for the final flush). */
  let loginPromise: Promise<void> | undefined;
  let readyWaiters: Array<(error?: LiveSellError) => void> = [];
  /** The resync in progress (the machine's `resync: 'running'`). */
  let resyncing: Promise<void> | undefined;
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

  // Extensions (e.g. `moderationEvents` from `@livesell/core/moderation`), hooked in below once TIM exists.
  let hooks: LiveSellExtensionHooks[] = [];
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
    onTip(op, payload, operatorID, sender) {
      for (const h of hooks) if (h.tip) h.tip(op, payload, operatorID, sender);
    },
    onCustom(event, parsed, sender) {
      // biome-ignore lint/complexity/useOptionalChain: `?.` costs bytes once lowered to ES2015 (live-room budget).
      for (const h of hooks) if (h.custom && h.custom(event, parsed, sender)) return true;
      return false;
    },
  });
  const likes = createLikeBatcher({
    clock,
    windowMs: or(options.likeWindowMs, 2000),
    // Aggregated likes: failures are reported through ERROR (the taps already resolved).
    send: (count, extension) =>
      send('custom', customPayload(WIRE.LIKE, extension, likeDescription(count)), PRIORITY_LIKE, 'like').then(
        () => {
          counters.likeMessagesSent++;
          counters.likesMerged += count - 1;
        },
        (error) => {
          if (!closed()) report(error, 'SEND_FAILED', 'like');
        },
      ),
  });

  const tim = TIM.create(Object.assign({}, options.timOptions, { SDKAppID, unlimitedAVChatRoom: false }));
  if (options.timLogLevel !== undefined) tim.setLogLevel(options.timLogLevel);

  // ── SDK events ─────────────────────────────────────────────────────────────

  const E = TIM.EVENT;
  const listen = (name: string, handler: (data: unknown) => void) => {
    const h: TimHandler = (event) => handler(event?.data);
    tim.on(name, h);
    timHandlers.push([name, h]);
  };
  listen(E.SDK_READY, () => {
    dispatch({ type: 'sdk', ready: true });
    releaseWaiters();
    // The first SDK_READY is emitted by login() once the profile is loaded; later ones (after SDK_NOT_READY) here.
    if (passesSdkReady(state())) emit('SDK_READY', { userID });
  });
  listen(E.SDK_NOT_READY, () => {
    dispatch({ type: 'sdk', ready: false });
    emit('SDK_NOT_READY', { userID });
  });
  listen(E.MESSAGE_RECEIVED, decoder.decodeBatch);
  hooks = or(options.extensions, []).map((extend) =>
    extend({
      roomID,
      userID,
      clock,
      emit,
      roleOf: trust.roleOf,
      drop: (reason) => countDrop(counters, reason),
      events: E,
      listen,
    }),
  );
  listen(E.KICKED_OUT, (data) => {
    const type = isObject(data) && typeof data.type === 'string' ? data.type : '';
    dispatch({ type: 'kicked' });
    loginPromise = undefined;
    likes.dispose();
    emit('KICKED', { type });
  });
  listen(E.NET_STATE_CHANGE, (data) => {
    const network = isObject(data) ? data.state : undefined;
    if (typeof network !== 'string' || !NETWORK_STATES.has(network)) return;
    dispatch({ type: 'network', state: network as NetworkState });
    emit('NETWORK_CHANGE', { state: network });
    if (network === 'connected' && state().resync === 'needed' && !closed()) void resync();
  });
  listen(E.PROFILE_UPDATED, (data) => {
    if (!Array.isArray(data)) return;
    const profiles: UserInfo[] = [];
    for (const p of data) {
      if (!isObject(p) || typeof p.userID !== 'string') continue;
      const info = userInfo(p.userID, p);
      profiles.push(info);
      if (info.userID === userID) profile = info;
      if (ownerCache && info.userID === ownerCache.userID) ownerCache = info;
    }
    emit('PROFILE_UPDATE', { profiles });
  });
  listen(E.ERROR, (data) => report(data, 'REMOTE', 'IM SDK error'));

  // ── login ──────────────────────────────────────────────────────────────────
  // Promise chains, not async functions: the package ships ES2015, which has no `async`, and each
  // lowered one costs a generator wrapper on the live-room import. `started` keeps what an async
  // function guarantees where it matters: a check that throws rejects the returned promise.

  function login(): Promise<void> {
    if (closed()) return Promise.reject(destroyedError());
    if (!loginPromise) {
      dispatch({ type: 'login' });
      const p = doLogin(state().attempt);
      loginPromise = p;
      p.catch(() => {
        if (loginPromise === p) loginPromise = undefined;
      });
    }
    return loginPromise;
  }

  function doLogin(attempt: number): Promise<void> {
    return call(() => tim.login({ userID, userSig }), 'LOGIN_FAILED', 'login', loginTimeoutMs)
      .then(waitSdkReady)
      .then(loadProfile)
      .then(
        () => {
          if (closed()) throw destroyedError();
          dispatch({ type: 'loginDone', attempt });
          emit('SDK_READY', { userID });
        },
        (error) => {
          const err = toLiveSellError(error, 'LOGIN_FAILED', 'login');
          dispatch({ type: 'loginFailed', attempt });
          if (!closed()) emit('ERROR', err);
          throw err;
        },
      );
  }

  /** Resolves the logins waiting for SDK_READY, or rejects them with `error`. */
  function releaseWaiters(error?: LiveSellError): void {
    const waiters = readyWaiters;
    readyWaiters = [];
    for (const w of waiters) w(error);
  }

  function waitSdkReady(): Promise<void> {
    if (state().sdkReady) return Promise.resolve();
    // A waiter left behind by the timeout is dropped at the next SDK_READY; calling it then does nothing.
    const ready = new Promise<void>((resolve, reject) =>
      readyWaiters.push((error) => (error ? reject(error) : resolve())),
    );
    return bounded(ready, clock, loginTimeoutMs, () =>
      liveSellError('NOT_READY', `login: the SDK was not ready within ${loginTimeoutMs} ms`),
    );
  }

  /** Reads this user's profile and sets the nick/avatar given in the options. A failure here does not fail login. */
  function loadProfile(): Promise<void> {
    return call(() => tim.getMyProfile(), 'REMOTE', 'getMyProfile')
      .then((data) => {
        const current = userInfo(userID, data);
        profile = current;
        const update: { nick?: string; avatar?: string } = {};
        if (wanted.nick !== undefined && wanted.nick !== current.nick) update.nick = wanted.nick;
        if (wanted.avatar !== undefined && wanted.avatar !== current.avatar) update.avatar = wanted.avatar;
        if (update.nick === undefined && update.avatar === undefined) return;
        return call(() => tim.updateMyProfile(update), 'REMOTE', 'updateMyProfile').then(() => {
          profile = Object.assign({}, profile, update, { avatar: safeAvatar(or(update.avatar, profile.avatar)) });
        });
      })
      .catch((error) => report(error, 'REMOTE', 'profile'));
  }

  function doDestroy(): Promise<void> {
    const { wasReady, status } = state();
    dispatch({ type: 'destroy' });
    const release = () => {
      likes.dispose();
      dispatch({ type: 'close' });
      for (const [name, handler] of timHandlers) {
        try {
          tim.off(name, handler);
        } catch {
          // An SDK that cannot unsubscribe is destroyed below anyway.
        }
      }
      releaseWaiters(destroyedError());
      return settle(() => tim.logout())
        .then(() => settle(() => tim.destroy()))
        .then(emitter.clear);
    };
    // Without likes to flush, the SDK is let go at once (nothing is sent any more).
    return wasReady && status !== 'kicked' ? likes.flush().then(release) : started(release);
  }

  /** Runs an SDK call whose outcome does not matter (logout/destroy), within the bounded wait. */
  function settle(fn: () => Promise<unknown>): Promise<void> {
    // Logging out a session that never logged in, or a dead socket: nothing left to release.
    const ignore = () => undefined;
    return started(() => bounded(fn(), clock, sendTimeoutMs, () => liveSellError('SEND_TIMEOUT', 'no answer'))).then(
      ignore,
      ignore,
    );
  }

  function assertUsable(): void {
    const refused = refusal(state());
    if (refused === 'DESTROYED') throw destroyedError();
    if (refused) throw liveSellError(refused, 'this account logged in elsewhere; call login() to take over');
  }

  /** Public calls: refuse after destroy/kick, then wait for login. */
  function usable(): Promise<void> {
    return started(() => {
      assertUsable();
      return login();
    });
  }

  // ── SDK calls ──────────────────────────────────────────────────────────────

  /** Calls the SDK within the bounded wait and turns any failure into a `LiveSellError`. */
  function call<T>(
    fn: () => Promise<TimResponse<T>>,
    fallback: LiveSellErrorCode,
    context: string,
    timeoutMs = sendTimeoutMs,
  ): Promise<T> {
    return started(() =>
      bounded(fn(), clock, timeoutMs, () =>
        liveSellError('SEND_TIMEOUT', `${context}: no answer within ${timeoutMs} ms`),
      ),
    ).then(
      (response) => response?.data,
      (error) => {
        throw toLiveSellError(error, fallback, context);
      },
    );
  }

  function send(
    kind: 'text' | 'custom',
    payload: TimTextPayload | TimCustomPayload,
    priority: TimPriority,
    context: string,
  ): Promise<TimMessage> {
    // login() refuses once destroyed.
    return login()
      .then(() => {
        const create = { to: roomID, conversationType: types.CONV_GROUP, priority, payload };
        let message: TimMessage;
        try {
          message = kind === 'text' ? tim.createTextMessage(create) : tim.createCustomMessage(create);
        } catch (error) {
          throw toLiveSellError(error, 'INVALID_ARGUMENT', context);
        }
        if (message && typeof message.ID === 'string') sentIDs.add(message.ID);
        return call(() => tim.sendMessage(message), 'SEND_FAILED', context).then((result) => {
          counters.sent++;
          return or(result?.message, message);
        });
      })
      .catch((error) => {
        counters.sendFailed++;
        throw toLiveSellError(error, 'SEND_FAILED', context);
      });
  }

  /** Emits this client's own interaction as the room sees it, and returns it as the call's result. */
  function emitLocal(data: string, extension: string, messageID: string, time: number): InteractionResult {
    const sender: Sender = Object.assign({}, profile, { role: role(), isSelf: true, messageID, time });
    decoder.emitCustom(sender, data, '', extension);
    return Object.assign({}, profile, { messageID, time });
  }

  const joinGroup = (context: string) =>
    call(() => tim.joinGroup({ groupID: roomID, type: types.GRP_AVCHATROOM }), 'JOIN_FAILED', context);

  function fetchGroup(context: string): Promise<TimGroup> {
    return call(
      () =>
        tim.getGroupProfile({
          groupID: roomID,
          groupCustomFieldFilter: [FIELD.ADD_GOODS, FIELD.ROOM_STATUS, FIELD.LIKE_TOTAL],
        }),
      'REMOTE',
      context,
    ).then((data) => {
      if (!isObject(data?.group)) throw liveSellError('REMOTE', `${context}: the SDK returned no group profile`);
      applyGroup(data.group);
      return data.group;
    });
  }

  function applyGroup(group: TimGroup): void {
    if (typeof group.ownerID === 'string' && group.ownerID) trust.ownerID = group.ownerID;
    if (group.selfInfo && group.selfInfo.role === types.GRP_MBR_ROLE_ADMIN) trust.setAdmin(userID, true);
  }

  /** My role, reading the group profile once if the owner is not known yet (before joinRoom). */
  function myRole(): Promise<SenderRole> {
    if (trust.ownerID) return Promise.resolve(role());
    return login()
      .then(() => fetchGroup('role'))
      .then(role);
  }

  /** Rejects with PERMISSION_DENIED when this user is a plain member. */
  const hostOrAdmin = (message: string) =>
    myRole().then((r) => {
      if (r === 'member') throw liveSellError('PERMISSION_DENIED', message);
    });

  function ownerInfo(ownerID: string): Promise<UserInfo> {
    if (typeof ownerID !== 'string' || !ownerID) return Promise.resolve(userInfo(''));
    if (ownerCache && ownerCache.userID === ownerID) return Promise.resolve(Object.assign({}, ownerCache));
    let info = userInfo(ownerID);
    return call(() => tim.getUserProfile({ userIDList: [ownerID] }), 'REMOTE', 'owner profile')
      .then((profiles) => {
        const p = Array.isArray(profiles) ? profiles.find((x) => isObject(x) && x.userID === ownerID) : undefined;
        if (p) info = userInfo(ownerID, p);
        ownerCache = info;
      })
      .catch((error) => {
        // The room works without the host's nick; say so and carry on.
        report(error, 'REMOTE', 'owner profile');
      })
      .then(() => Object.assign({}, info));
  }

  function updateProfile(
    change: { notification?: string; groupCustomField?: Array<{ key: string; value: string }> },
    context: string,
  ): Promise<void> {
    return usable()
      .then(() => hostOrAdmin(`${context}: only the host or an admin may change the room`))
      .then(() =>
        call(() => tim.updateGroupProfile(Object.assign({ groupID: roomID }, change)), 'SEND_FAILED', context),
      )
      .then(() => {
        counters.sent++;
      });
  }

  /** After a reconnect: join again, read the room fields, emit what changed while away. */
  function resync(): Promise<void> {
    if (resyncing) return resyncing;
    dispatch({ type: 'resync', step: 'start' });
    const run = joinGroup('rejoin')
      .catch((error) => {
        if (!(error instanceof LiveSellError) || error.timCode !== NOT_LOGGED_IN) throw error;
        // The server forgot the session (restart): log in again, then join.
        dispatch({ type: 'loginLost' });
        loginPromise = undefined;
        return login().then(() => joinGroup('rejoin'));
      })
      .then(() => fetchGroup('resync'))
      .then((group) => {
        const next = readFields(group);
        const before = fields;
        fields = before || Object.assign({}, next);
        const sender = anonymous('server', clock.now());
        for (const key of ROOM_FIELDS) {
          if (before && before[key] !== next[key]) decoder.roomField(key, next[key], sender, 'resync');
        }
        dispatch({ type: 'resync', step: 'done' });
        // Counts are not fields with a tip of their own: hand them over as read, with the rest of the room.
        const resynced: ResyncPayload = { time: clock.now() };
        if (typeof group.memberCount === 'number') resynced.memberCount = group.memberCount;
        const likeTotal = parseLikeTotal(fieldMap(group)[FIELD.LIKE_TOTAL]);
        if (likeTotal !== undefined) resynced.likeTotal = likeTotal;
        emit('RESYNC', resynced);
      })
      .catch((error) => {
        dispatch({ type: 'resync', step: 'failed' });
        if (!closed()) report(error, 'NETWORK', 'resync after reconnect');
      })
      .then(() => {
        resyncing = undefined;
      });
    resyncing = run;
    return run;
  }

  /** Checks and sends custom message `data` (High priority; LIKE Low), then emits it locally. */
  function interact(data: string, extension: string, context: string): Promise<InteractionResult> {
    return started(() => {
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
      const priority = event === WIRE.LIKE ? PRIORITY_LIKE : PRIORITY_EVENT;
      const sendIt = () =>
        send('custom', customPayload(data, extension), priority, context).then((sent) =>
          emitLocal(data, extension, sent.ID, messageTime(sent?.time, clock)),
        );
      if (!trust.isHostOnly(data)) return sendIt();
      return hostOrAdmin(`${context}: only the host, an admin or the server may send ${data}`).then(sendIt);
    });
  }

  function setField(key: string, value: string, context: string): Promise<void> {
    return started(() => {
      if (typeof value !== 'string') throw liveSellError('INVALID_ARGUMENT', `${context}: the value must be a string`);
      checkSize(value, FIELD_BYTES, context);
      return updateProfile({ groupCustomField: [{ key, value }] }, context);
    });
  }

  if (options.autoLogin !== false) login().catch(() => undefined);

  return {
    tim,
    roomID,
    userID,
    get role() {
      return role();
    },
    get isReady() {
      return isSessionReady(state());
    },
    get isJoined() {
      return state().joined;
    },
    get network() {
      return state().network;
    },
    get roomFields() {
      return fields ? Object.assign({}, fields) : undefined;
    },
    stats: () => snapshot(counters),

    on: (event, handler) => emitter.on(event, handler as Listener),
    once: (event, handler) => emitter.once(event, handler as Listener),
    off(event, handler) {
      emitter.off(event, handler as Listener | undefined);
    },

    login,
    ready: login,

    joinRoom: () =>
      usable()
        .then(() => joinGroup('joinRoom'))
        .then((result) =>
          fetchGroup('joinRoom')
            .catch((error) => {
              // AlreadyInGroup carries no group: the profile read is the only source then.
              if (!result?.group) throw error;
              applyGroup(result.group);
              return result.group;
            })
            .then((group) => {
              dispatch({ type: 'room', joined: true });
              fields = readFields(group);
              return ownerInfo(group.ownerID).then((owner) => ({
                userInfo: Object.assign({}, profile),
                groupInfo: Object.assign({}, group, { ownerInfo: owner }),
                status: typeof result?.status === 'string' ? result.status : types.JOIN_STATUS_SUCCESS,
              }));
            }),
        ),

    exitRoom: () =>
      usable()
        .then(() => {
          if (!trust.ownerID) return fetchGroup('exitRoom');
        })
        .then(() => {
          if (trust.ownerID === userID) {
            throw liveSellError('HOST_CANNOT_EXIT', 'exitRoom: the host (group owner) cannot exit the live room');
          }
          return likes.flush();
        })
        .then(() => call(() => tim.quitGroup(roomID), 'SEND_FAILED', 'exitRoom'))
        .then(() => {
          dispatch({ type: 'room', joined: false });
          fields = undefined;
          return { status: 'exited', groupID: roomID };
        }),

    getRoomInfo: () =>
      usable()
        .then(() => fetchGroup('getRoomInfo'))
        .then((group) =>
          ownerInfo(group.ownerID).then((owner) => {
            const customFields = fieldMap(group);
            const room = readFields(group, customFields);
            const info: LiveRoomInfo = Object.assign(
              {},
              owner,
              {
                ownerInfo: owner,
                groupID: stringOr(group.groupID, roomID),
                name: stringOr(group.name, ''),
                introduction: stringOr(group.introduction, ''),
                customFields,
              },
              room,
            );
            if (typeof group.memberCount === 'number') info.memberCount = group.memberCount;
            const goods = parseJsonObject(room.addGoods);
            if (goods) info.goods = goods;
            return info;
          }),
        ),

    destroy() {
      if (!destroyPromise) destroyPromise = doDestroy();
      return destroyPromise;
    },

    sendMessage: (msg) =>
      started(() => {
        assertUsable();
        if (typeof msg !== 'string' || msg.trim() === '') {
          throw liveSellError('INVALID_ARGUMENT', 'sendMessage: the message must be a non-empty string');
        }
        checkSize(msg, MESSAGE_BYTES, 'sendMessage');
        return send('text', { text: msg }, PRIORITY_TEXT, 'sendMessage');
      }).then((sent) =>
        Object.assign({}, profile, { message: msg, messageID: sent.ID, time: messageTime(sent?.time, clock) }),
      ),

    like: (extension = '') =>
      started(() => {
        assertUsable();
        checkExtension(extension, 'like');
        counters.likeTaps++;
        likes.tap(extension);
        return emitLocal(WIRE.LIKE, extension, '', clock.now());
      }),

    gift: (extension = '') => interact(WIRE.SEND_GIFT, extension, 'gift'),
    attention: () => interact(WIRE.ATTENTION, '', 'attention'),
    cancelAttention: () => interact(WIRE.CANCEL_ATTENTION, '', 'cancelAttention'),
    sendCustomMsgAndEmitEvent: (eventName, extension = '') =>
      interact(eventName, extension, 'sendCustomMsgAndEmitEvent'),

    setRoomStatus: (status) => setField(FIELD.ROOM_STATUS, status, 'setRoomStatus'),
    pushGoods(goods) {
      const value = goods === null ? '' : typeof goods === 'string' ? goods : JSON.stringify(goods);
      return setField(FIELD.ADD_GOODS, value, 'pushGoods');
    },
    setNotification: (text) =>
      started(() => {
        if (typeof text !== 'string') throw liveSellError('INVALID_ARGUMENT', 'setNotification: text must be a string');
        checkSize(text, MESSAGE_BYTES, 'setNotification');
        return updateProfile({ notification: text }, 'setNotification');
      }),
  };
}

/** Runs `fn` now, as the start of an async function would: its result, or what it throws, becomes the promise's. */
function started<T>(fn: () => T | PromiseLike<T>): Promise<T> {
  return new Promise<T>((resolve) => resolve(fn()));
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function readFields(group: TimGroup, fields = fieldMap(group)): RoomFields {
  return {
    addGoods: or(fields[FIELD.ADD_GOODS], ''),
    roomStatus: or(fields[FIELD.ROOM_STATUS], ''),
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
