import type { TimerHandle } from '../clock';
import type { ResolvedLocalTimOptions } from './local-tim';
import type {
  LocalOutgoingMessage,
  LocalPush,
  LocalReply,
  LocalReplyData,
  LocalRequestBody,
  LocalUpdateGroupProfile,
} from './protocol';
import type { LocalSocket } from './socket';
import {
  TIM_ERROR,
  TIM_EVENT,
  TIM_TYPES,
  type TimCreateOptions,
  type TimErrorShape,
  type TimGroup,
  type TimGroupCustomField,
  type TimGroupMember,
  type TimGroupTipPayload,
  type TimHandler,
  type TimInstance,
  type TimJoinGroupResult,
  type TimMessage,
  type TimMessageOptions,
  type TimProfile,
  type TimResponse,
} from './types';

type NetState = 'connecting' | 'connected' | 'disconnected';

interface Pending {
  resolve(data: unknown): void;
  reject(error: TimErrorShape): void;
  timer: TimerHandle;
}

interface Waiting {
  body: LocalRequestBody;
  pending: Pending;
}

interface Credentials {
  userID: string;
  userSig: string;
}

/** Codes after which retrying the login cannot help: the user has to get a new UserSig. */
// TIM_ERROR's USERSIG_EXPIRED, _INVALID, _VERIFY_FAILED, _IDENTIFIER_MISMATCH, _SDKAPPID_MISMATCH, as
// literals: reading TIM_ERROR at module level would keep this module in bundles that never use it.
const FATAL_LOGIN_CODES = /* @__PURE__ */ new Set<number>([70001, 70003, 70009, 70013, 70014]);

function timError(code: number, message: string, data?: unknown): TimErrorShape {
  return data === undefined ? { code, message } : { code, message, data };
}

function ok<D>(data: D): TimResponse<D> {
  return { code: 0, data };
}

let idCounter = 0;
function randomSuffix(): string {
  idCounter = (idCounter + 1) % 1_000_000;
  return `${Math.floor(Math.random() * 1e9).toString(36)}${idCounter.toString(36)}`;
}

/**
 * One TIM instance talking to the local server. It keeps the login and the joined groups, so
 * after a lost connection it reconnects with back-off, logs in again and re-joins before it
 * reports `connected`. Calls made while disconnected wait a bounded time, then reject.
 */
export class LocalTimInstance implements TimInstance {
  private readonly listeners = new Map<string, Array<{ handler: TimHandler; context: unknown }>>();
  private socket: LocalSocket | undefined;
  /** True once the current socket is open and logged in (or logging in, for the login frame itself). */
  private ready = false;
  private netState: NetState = 'disconnected';
  private credentials: Credentials | undefined;
  private readonly joined = new Set<string>();
  private profile: TimProfile | undefined;
  private readonly pending = new Map<number, Pending>();
  private waiting: Waiting[] = [];
  private nextRequestID = 1;
  private attempt = 0;
  private reconnectTimer: TimerHandle | undefined;
  private heartbeatTimer: TimerHandle | undefined;
  private destroyed = false;
  private logLevel = 0;
  /** Bumped whenever a login ends, so late callbacks of an older session do nothing. */
  private generation = 0;

  constructor(
    private readonly createOptions: TimCreateOptions,
    private readonly options: ResolvedLocalTimOptions,
  ) {
    if (!createOptions || !Number.isInteger(createOptions.SDKAppID)) {
      throw new TypeError('TIM.create: SDKAppID must be a number');
    }
  }

  // ---- events -----------------------------------------------------------------------------------

  on(eventName: string, handler: TimHandler, context?: unknown): void {
    if (typeof handler !== 'function') return;
    const list = this.listeners.get(eventName) ?? [];
    list.push({ handler, context });
    this.listeners.set(eventName, list);
  }

  off(eventName: string, handler: TimHandler, context?: unknown): void {
    const list = this.listeners.get(eventName);
    if (!list) return;
    const index = list.findIndex((l) => l.handler === handler && (context === undefined || l.context === context));
    if (index >= 0) list.splice(index, 1);
  }

  private emit(name: string, data: unknown): void {
    for (const { handler, context } of [...(this.listeners.get(name) ?? [])]) {
      try {
        handler.call(context, { name, data });
      } catch (error) {
        // One faulty handler must not stop delivery to the others, nor break the connection.
        if (this.logLevel <= 3) console.error(`[createLocalTIM] ${name} handler threw`, error);
      }
    }
  }

  setLogLevel(level: number): void {
    this.logLevel = level;
  }

  // ---- connection -------------------------------------------------------------------------------

  private setNetState(state: NetState): void {
    if (this.netState === state) return;
    this.netState = state;
    this.emit(TIM_EVENT.NET_STATE_CHANGE, { state });
  }

  /** Opens a socket and logs in on it; resolves with the login reply or rejects. */
  private connect(credentials: Credentials): Promise<LocalReplyData['login']> {
    const generation = this.generation;
    this.setNetState('connecting');
    return new Promise((resolve, reject) => {
      let opened = false;
      let settled = false;
      const fail = (error: TimErrorShape) => {
        if (settled) return;
        settled = true;
        reject(error);
      };
      const socket = this.options.socketFactory(this.options.url, {
        onOpen: () => {
          if (generation !== this.generation || this.socket !== socket) return;
          opened = true;
          this.sendNow(
            {
              op: 'login',
              sdkAppID: this.createOptions.SDKAppID,
              userID: credentials.userID,
              userSig: credentials.userSig,
              unlimitedAVChatRoom: this.createOptions.unlimitedAVChatRoom === true,
            },
            {
              resolve: (data) => {
                if (settled) return;
                settled = true;
                resolve(data as LocalReplyData['login']);
              },
              reject: fail,
            },
          );
        },
        onMessage: (text) => {
          if (this.socket === socket) this.onFrame(text);
        },
        onClose: () => {
          if (this.socket !== socket) return;
          this.onSocketClosed();
          fail(
            timError(
              TIM_ERROR.NETWORK_ERROR,
              opened ? 'connection lost while logging in' : 'cannot connect to the IM server',
            ),
          );
        },
      });
      this.socket = socket;
    });
  }

  private onSocketClosed(): void {
    this.socket = undefined;
    this.ready = false;
    this.stopHeartbeat();
    for (const [id, p] of this.pending) {
      this.options.clock.clearTimeout(p.timer);
      p.reject(timError(TIM_ERROR.NETWORK_ERROR, 'connection lost before the server answered'));
      this.pending.delete(id);
    }
    this.setNetState('disconnected');
    if (this.credentials && !this.destroyed) this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const policy = this.options.reconnect;
    if (policy === false) {
      this.rejectWaiting(timError(TIM_ERROR.NETWORK_ERROR, 'disconnected from the IM server'));
      return;
    }
    if (this.reconnectTimer !== undefined) return;
    const delay = Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** this.attempt);
    this.attempt++;
    // Jitter keeps a room full of clients from reconnecting in lockstep.
    const jittered = Math.round(delay * (0.75 + Math.random() * 0.5));
    this.reconnectTimer = this.options.clock.setTimeout(() => {
      this.reconnectTimer = undefined;
      void this.reconnect();
    }, jittered);
  }

  private async reconnect(): Promise<void> {
    const credentials = this.credentials;
    if (!credentials || this.destroyed) return;
    const generation = this.generation;
    try {
      await this.connect(credentials);
    } catch (error) {
      if (generation !== this.generation) return;
      const code = (error as TimErrorShape).code;
      if (FATAL_LOGIN_CODES.has(code)) {
        // The UserSig no longer opens a session (expired, or the server's key changed): stop retrying.
        const reason = timError(code, (error as TimErrorShape).message);
        this.endSession(reason);
        if (code === TIM_ERROR.USERSIG_EXPIRED) {
          this.emit(TIM_EVENT.KICKED_OUT, { type: TIM_TYPES.KICKED_OUT_USERSIG_EXPIRED });
        } else {
          this.emit(TIM_EVENT.ERROR, reason);
        }
        this.emit(TIM_EVENT.SDK_NOT_READY, {});
        return;
      }
      // The socket closed or the server refused for a passing reason: try again later.
      this.socket?.close(4000, 'login failed');
      if (!this.socket) this.scheduleReconnect();
      return;
    }
    if (generation !== this.generation) return;
    for (const groupID of [...this.joined]) {
      try {
        await this.rawRequest({ op: 'joinGroup', groupID });
      } catch (error) {
        if ((error as TimErrorShape).code === TIM_ERROR.NETWORK_ERROR) return;
        // The room is gone: stop re-joining it and tell the app.
        this.joined.delete(groupID);
        this.emit(TIM_EVENT.ERROR, timError((error as TimErrorShape).code, `re-joining ${groupID} failed`));
      }
    }
    if (generation !== this.generation) return;
    this.onReady();
  }

  private onReady(): void {
    this.ready = true;
    this.attempt = 0;
    this.setNetState('connected');
    this.startHeartbeat();
    const waiting = this.waiting;
    this.waiting = [];
    for (const w of waiting) {
      this.options.clock.clearTimeout(w.pending.timer);
      this.sendNow(w.body, w.pending);
    }
  }

  private startHeartbeat(): void {
    this.stopHeartbeat();
    const beat = () => {
      this.heartbeatTimer = this.options.clock.setTimeout(() => {
        if (!this.ready) return;
        const socket = this.socket;
        this.rawRequest({ op: 'ping' }).then(beat, (error: TimErrorShape) => {
          // No pong in time: the connection is dead even if the socket has not noticed.
          if (error.code === TIM_ERROR.NETWORK_TIMEOUT && socket === this.socket)
            socket?.close(4000, 'heartbeat timeout');
        });
      }, this.options.heartbeatMs);
    };
    beat();
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer !== undefined) this.options.clock.clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }

  /** Forgets the login: no reconnect, waiting and pending calls rejected. */
  private endSession(reason: TimErrorShape): void {
    this.generation++;
    this.credentials = undefined;
    this.joined.clear();
    this.profile = undefined;
    this.ready = false;
    if (this.reconnectTimer !== undefined) this.options.clock.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.attempt = 0;
    this.stopHeartbeat();
    this.rejectWaiting(reason);
    const socket = this.socket;
    this.socket = undefined;
    for (const [id, p] of this.pending) {
      this.options.clock.clearTimeout(p.timer);
      p.reject(reason);
      this.pending.delete(id);
    }
    socket?.close(1000, 'logout');
    this.setNetState('disconnected');
  }

  private rejectWaiting(reason: TimErrorShape): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const w of waiting) {
      this.options.clock.clearTimeout(w.pending.timer);
      w.pending.reject(reason);
    }
  }

  // ---- frames -----------------------------------------------------------------------------------

  private sendNow(body: LocalRequestBody, handlers: Omit<Pending, 'timer'>): void {
    const id = this.nextRequestID++;
    const timer = this.options.clock.setTimeout(() => {
      if (!this.pending.delete(id)) return;
      handlers.reject(
        timError(TIM_ERROR.NETWORK_TIMEOUT, `no answer to ${body.op} within ${this.options.requestTimeoutMs} ms`),
      );
    }, this.options.requestTimeoutMs);
    this.pending.set(id, { ...handlers, timer });
    try {
      this.socket?.send(JSON.stringify({ ...body, id }));
    } catch {
      this.pending.delete(id);
      this.options.clock.clearTimeout(timer);
      handlers.reject(timError(TIM_ERROR.NETWORK_ERROR, 'the socket refused the frame'));
    }
  }

  /** Sends now when connected; while reconnecting, waits up to `offlineWaitMs`. */
  private rawRequest<K extends LocalRequestBody['op']>(
    body: Extract<LocalRequestBody, { op: K }>,
  ): Promise<LocalReplyData[K]> {
    return new Promise((resolve, reject) => {
      const handlers = { resolve: resolve as (d: unknown) => void, reject };
      if (this.socket && (this.ready || body.op === 'joinGroup' || body.op === 'ping')) {
        this.sendNow(body, handlers);
        return;
      }
      const policy = this.options.reconnect;
      if (policy === false || !this.credentials) {
        reject(timError(TIM_ERROR.NETWORK_ERROR, 'not connected to the IM server'));
        return;
      }
      const entry: Waiting = {
        body,
        pending: {
          ...handlers,
          timer: this.options.clock.setTimeout(() => {
            this.waiting = this.waiting.filter((w) => w !== entry);
            reject(timError(TIM_ERROR.NETWORK_ERROR, `still disconnected after ${policy.offlineWaitMs} ms`));
          }, policy.offlineWaitMs),
        },
      };
      this.waiting.push(entry);
    });
  }

  /** A call that needs a login. */
  private async request<K extends LocalRequestBody['op']>(
    body: Extract<LocalRequestBody, { op: K }>,
  ): Promise<LocalReplyData[K]> {
    if (this.destroyed) throw timError(TIM_ERROR.SDK_NOT_READY, 'this instance was destroyed');
    if (!this.credentials) throw timError(TIM_ERROR.NOT_LOGGED_IN, 'log in first');
    return this.rawRequest(body);
  }

  private onFrame(text: string): void {
    let frame: LocalReply | LocalPush;
    try {
      frame = JSON.parse(text) as LocalReply | LocalPush;
    } catch {
      this.emit(TIM_EVENT.ERROR, timError(TIM_ERROR.NETWORK_ERROR, 'the server sent a frame that is not JSON'));
      return;
    }
    if (!frame || typeof frame !== 'object') return;
    if ('push' in frame) {
      this.onPush(frame);
      return;
    }
    if (frame.id === null) {
      this.emit(TIM_EVENT.ERROR, timError(frame.code, (frame as { message: string }).message));
      return;
    }
    const pending = this.pending.get(frame.id);
    if (!pending) return;
    this.pending.delete(frame.id);
    this.options.clock.clearTimeout(pending.timer);
    if (frame.code === 0) pending.resolve((frame as { data: unknown }).data);
    else
      pending.reject(timError(frame.code, (frame as { message: string }).message, (frame as { data?: unknown }).data));
  }

  private onPush(frame: LocalPush): void {
    switch (frame.push) {
      case 'messages': {
        const me = this.credentials?.userID;
        const messages = Array.isArray(frame.data) ? frame.data : [];
        for (const m of messages) {
          m.flow = m.from === me ? 'out' : 'in';
          if (m.type === TIM_TYPES.MSG_GRP_TIP) this.onTip(m);
        }
        if (messages.length > 0) this.emit(TIM_EVENT.MESSAGE_RECEIVED, messages);
        return;
      }
      case 'kicked': {
        const reason = timError(TIM_ERROR.NOT_LOGGED_IN, `kicked out: ${frame.data.type}`);
        this.endSession(reason);
        this.emit(TIM_EVENT.KICKED_OUT, { type: frame.data.type });
        this.emit(TIM_EVENT.SDK_NOT_READY, {});
        return;
      }
      case 'profile': {
        const me = this.credentials?.userID;
        for (const p of frame.data) if (p.userID === me) this.profile = p;
        this.emit(TIM_EVENT.PROFILE_UPDATED, frame.data);
        return;
      }
      case 'groupAttributes':
        this.emit(TIM_EVENT.GROUP_ATTRIBUTES_UPDATED, frame.data);
        return;
      case 'error':
        this.emit(TIM_EVENT.ERROR, frame.data);
        return;
    }
  }

  /** Kicked from a group: stop treating it as joined, so a reconnect does not re-join it. */
  private onTip(message: TimMessage): void {
    const tip = message.payload as TimGroupTipPayload;
    const me = this.credentials?.userID;
    if (tip?.operationType === TIM_TYPES.GRP_TIP_MBR_KICKED_OUT && me && tip.userIDList?.includes(me)) {
      this.joined.delete(message.to);
    }
  }

  // ---- login ------------------------------------------------------------------------------------

  async login(options: { userID: string; userSig: string }): Promise<TimResponse<{ repeatLogin: boolean }>> {
    if (this.destroyed) throw timError(TIM_ERROR.SDK_NOT_READY, 'this instance was destroyed');
    const userID = options?.userID;
    const userSig = options?.userSig;
    if (typeof userID !== 'string' || userID === '') throw timError(2002, 'userID is required');
    if (typeof userSig !== 'string' || userSig === '') throw timError(2003, 'userSig is required');
    if (this.credentials) {
      if (this.credentials.userID === userID) return ok({ repeatLogin: true });
      throw timError(TIM_ERROR.REPEAT_LOGIN, `already logged in as ${this.credentials.userID}; log out first`);
    }
    const credentials = { userID, userSig };
    this.credentials = credentials;
    const generation = this.generation;
    try {
      await this.connect(credentials);
    } catch (error) {
      if (generation === this.generation) this.endSession(error as TimErrorShape);
      const e = error as TimErrorShape;
      throw timError(e.code === TIM_ERROR.NETWORK_ERROR ? TIM_ERROR.LOGIN_FAILED : e.code, e.message);
    }
    if (generation !== this.generation) throw timError(TIM_ERROR.LOGIN_FAILED, 'logged out while logging in');
    this.onReady();
    try {
      this.profile = await this.rawRequest({ op: 'getMyProfile' });
    } catch {
      this.profile = { userID, nick: '', avatar: '' };
    }
    // The real SDK signals readiness after login resolves; handlers registered after login() still run.
    this.options.clock.setTimeout(() => {
      if (generation === this.generation) this.emit(TIM_EVENT.SDK_READY, {});
    }, 0);
    return ok({ repeatLogin: false });
  }

  async logout(): Promise<TimResponse<Record<string, never>>> {
    if (!this.credentials) return ok({});
    if (this.socket && this.ready) {
      try {
        await this.rawRequest({ op: 'logout' });
      } catch {
        // Logging out locally is what matters; the server drops the session with the socket anyway.
      }
    }
    this.endSession(timError(TIM_ERROR.NOT_LOGGED_IN, 'logged out'));
    this.emit(TIM_EVENT.SDK_NOT_READY, {});
    return ok({});
  }

  async destroy(): Promise<TimResponse<Record<string, never>>> {
    if (this.destroyed) return ok({});
    await this.logout();
    this.destroyed = true;
    this.emit(TIM_EVENT.SDK_DESTROY, {});
    this.listeners.clear();
    return ok({});
  }

  // ---- messages ---------------------------------------------------------------------------------

  private createMessage(type: string, options: TimMessageOptions, payload: unknown): TimMessage {
    if (!options || typeof options.to !== 'string' || options.to === '') {
      throw Object.assign(new Error('to is required'), { code: 2100 });
    }
    const conversationType = String(options.conversationType ?? TIM_TYPES.CONV_GROUP);
    const conversationID = `${conversationType === TIM_TYPES.CONV_GROUP ? 'GROUP' : 'C2C'}${options.to}`;
    const now = this.options.clock.now();
    return {
      ID: `${conversationID}-${now}-${randomSuffix()}`,
      type,
      payload,
      conversationID,
      conversationType,
      to: options.to,
      from: this.credentials?.userID ?? '',
      flow: 'out',
      time: Math.floor(now / 1000),
      status: 'unSend',
      priority: String(options.priority ?? TIM_TYPES.MSG_PRIORITY_NORMAL),
      nick: this.profile?.nick ?? '',
      avatar: this.profile?.avatar ?? '',
      nameCard: '',
      cloudCustomData: options.cloudCustomData ?? '',
      isRevoked: false,
    };
  }

  createTextMessage(options: TimMessageOptions): TimMessage {
    const text = (options?.payload as { text?: unknown } | undefined)?.text;
    if (typeof text !== 'string') throw Object.assign(new Error('payload.text must be a string'), { code: 2100 });
    return this.createMessage(TIM_TYPES.MSG_TEXT, options, { text });
  }

  createCustomMessage(options: TimMessageOptions): TimMessage {
    const p = (options?.payload ?? {}) as Partial<Record<'data' | 'description' | 'extension', unknown>>;
    const str = (v: unknown) => (typeof v === 'string' ? v : v === undefined ? '' : String(v));
    const payload = { data: str(p.data), description: str(p.description), extension: str(p.extension) };
    if (!payload.data && !payload.description && !payload.extension) {
      throw Object.assign(new Error('a custom message needs data, description or extension'), { code: 2100 });
    }
    return this.createMessage(TIM_TYPES.MSG_CUSTOM, options, payload);
  }

  async sendMessage(message: TimMessage, _options?: unknown): Promise<TimResponse<{ message: TimMessage }>> {
    if (!message || typeof message !== 'object' || typeof message.ID !== 'string') {
      throw timError(2105, 'sendMessage needs a message made by createTextMessage or createCustomMessage');
    }
    if (message.conversationType !== TIM_TYPES.CONV_GROUP) {
      message.status = 'fail';
      throw timError(2106, 'the local server only carries group (live room) messages');
    }
    if (!this.credentials) {
      message.status = 'fail';
      throw timError(TIM_ERROR.NOT_LOGGED_IN, 'log in first');
    }
    if (!this.joined.has(message.to)) {
      message.status = 'fail';
      throw timError(TIM_ERROR.NOT_IN_AVCHATROOM, `join ${message.to} before sending to it`);
    }
    const outgoing: LocalOutgoingMessage = {
      ID: message.ID,
      type: String(message.type),
      to: message.to,
      priority: String(message.priority),
      payload: message.payload,
      cloudCustomData: message.cloudCustomData,
    };
    message.status = 'sending';
    try {
      const { message: sent } = await this.request({ op: 'sendMessage', message: outgoing });
      Object.assign(message, { time: sent.time, nick: sent.nick, avatar: sent.avatar, from: sent.from });
      message.status = 'success';
      message.flow = 'out';
      return ok({ message });
    } catch (error) {
      message.status = 'fail';
      const e = error as TimErrorShape;
      throw timError(e.code, e.message, { message });
    }
  }

  // ---- groups -----------------------------------------------------------------------------------

  async joinGroup(options: {
    groupID: string;
    type?: unknown;
    applyMessage?: string;
  }): Promise<TimResponse<TimJoinGroupResult>> {
    const groupID = options?.groupID;
    if (typeof groupID !== 'string' || groupID === '') throw timError(TIM_ERROR.JOIN_FAILED, 'groupID is required');
    const data = await this.request({ op: 'joinGroup', groupID });
    if (!this.createOptions.unlimitedAVChatRoom && data.status === TIM_TYPES.JOIN_STATUS_SUCCESS) this.joined.clear();
    this.joined.add(groupID);
    return ok(data);
  }

  async quitGroup(groupID: string): Promise<TimResponse<{ groupID: string }>> {
    const data = await this.request({ op: 'quitGroup', groupID });
    this.joined.delete(groupID);
    return ok(data);
  }

  async getGroupProfile(options: {
    groupID: string;
    groupCustomFieldFilter?: string[];
  }): Promise<TimResponse<{ group: TimGroup }>> {
    return ok(
      await this.request({
        op: 'getGroupProfile',
        groupID: options?.groupID,
        groupCustomFieldFilter: options?.groupCustomFieldFilter,
      }),
    );
  }

  async updateGroupProfile(options: LocalUpdateGroupProfile): Promise<TimResponse<{ group: TimGroup }>> {
    return ok(await this.request({ ...options, op: 'updateGroupProfile' }));
  }

  async getGroupOnlineMemberCount(groupID: string): Promise<TimResponse<{ memberCount: number }>> {
    return ok(await this.request({ op: 'getGroupOnlineMemberCount', groupID }));
  }

  async getGroupAttributes(options: {
    groupID: string;
    keyList?: string[];
  }): Promise<TimResponse<{ groupAttributes: Record<string, string> }>> {
    return ok(await this.request({ op: 'getGroupAttributes', groupID: options?.groupID, keyList: options?.keyList }));
  }

  async setGroupAttributes(options: {
    groupID: string;
    groupAttributes: Record<string, string>;
  }): Promise<TimResponse<{ groupAttributes: Record<string, string> }>> {
    return ok(
      await this.request({
        op: 'setGroupAttributes',
        groupID: options?.groupID,
        groupAttributes: options?.groupAttributes,
      }),
    );
  }

  async deleteGroupAttributes(options: {
    groupID: string;
    keyList: string[];
  }): Promise<TimResponse<{ keyList: string[] }>> {
    return ok(
      await this.request({ op: 'deleteGroupAttributes', groupID: options?.groupID, keyList: options?.keyList ?? [] }),
    );
  }

  async getGroupMemberList(options: {
    groupID: string;
    count?: number;
    offset?: number;
  }): Promise<TimResponse<{ memberList: TimGroupMember[] }>> {
    return ok(
      await this.request({
        op: 'getGroupMemberList',
        groupID: options?.groupID,
        count: options?.count,
        offset: options?.offset,
      }),
    );
  }

  async createGroup(options: {
    name: string;
    type: unknown;
    groupID?: string;
    introduction?: string;
    notification?: string;
    avatar?: string;
  }): Promise<TimResponse<{ group: TimGroup }>> {
    return ok(await this.request({ ...options, type: String(options?.type), op: 'createGroup' }));
  }

  /** AVChatRooms keep no member profiles: always rejects with 2687, as the real SDK does. */
  async setGroupMemberCustomField(options: {
    groupID: string;
    userID?: string;
    memberCustomField: TimGroupCustomField[];
  }): Promise<never> {
    return this.request({ ...options, op: 'setGroupMemberCustomField' });
  }

  // ---- profiles ---------------------------------------------------------------------------------

  async getMyProfile(): Promise<TimResponse<TimProfile>> {
    const profile = await this.request({ op: 'getMyProfile' });
    this.profile = profile;
    return ok(profile);
  }

  async updateMyProfile(options: {
    nick?: string;
    avatar?: string;
    selfSignature?: string;
  }): Promise<TimResponse<TimProfile>> {
    const profile = await this.request({
      op: 'updateMyProfile',
      nick: options?.nick,
      avatar: options?.avatar,
      selfSignature: options?.selfSignature,
    });
    this.profile = profile;
    return ok(profile);
  }

  async getUserProfile(options: { userIDList: string[] }): Promise<TimResponse<TimProfile[]>> {
    return ok(await this.request({ op: 'getUserProfile', userIDList: options?.userIDList }));
  }

  /** The live connection state (not part of the real SDK; handy for tests and dev tools). */
  getNetState(): NetState {
    return this.netState;
  }
}
