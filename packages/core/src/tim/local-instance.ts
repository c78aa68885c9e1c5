import type {
  LocalOutgoingMessage,
  LocalPush,
  LocalReplyData,
  LocalRequestBody,
  LocalUpdateGroupProfile,
} from '../protocol/frames';
import type { LocalConnectionOptions } from './local-connection';
import { LocalConnection, type NetState, timError } from './local-connection';
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

function ok<D>(data: D): TimResponse<D> {
  return { code: 0, data };
}

let idCounter = 0;
function randomSuffix(): string {
  idCounter = (idCounter + 1) % 1_000_000;
  return `${Math.floor(Math.random() * 1e9).toString(36)}${idCounter.toString(36)}`;
}

/**
 * One TIM instance talking to the local server: the real SDK's calls, events, promise shapes and
 * error codes over a `LocalConnection` (the socket, reconnects, request/reply matching). It keeps
 * the joined groups, so after a reconnect the connection re-joins them before it reports
 * `connected`. Calls made while disconnected wait a bounded time, then reject.
 */
export class LocalTimInstance implements TimInstance {
  private readonly listeners = new Map<string, Array<{ handler: TimHandler; context: unknown }>>();
  private readonly connection: LocalConnection;
  private readonly joined = new Set<string>();
  private profile: TimProfile | undefined;
  private destroyed = false;
  private logLevel = 0;

  constructor(
    private readonly createOptions: TimCreateOptions,
    private readonly options: LocalConnectionOptions,
  ) {
    if (!createOptions || !Number.isInteger(createOptions.SDKAppID)) {
      throw new TypeError('TIM.create: SDKAppID must be a number');
    }
    this.connection = new LocalConnection(options, {
      onNetState: (state) => this.emit(TIM_EVENT.NET_STATE_CHANGE, { state }),
      onPush: (frame) => this.onPush(frame),
      onServerError: (error) => this.emit(TIM_EVENT.ERROR, error),
      restore: () => this.rejoin(),
      onLoginRefused: (reason) => {
        this.endSession(reason);
        if (reason.code === TIM_ERROR.USERSIG_EXPIRED) {
          this.emit(TIM_EVENT.KICKED_OUT, { type: TIM_TYPES.KICKED_OUT_USERSIG_EXPIRED });
        } else {
          this.emit(TIM_EVENT.ERROR, reason);
        }
        this.emit(TIM_EVENT.SDK_NOT_READY, {});
      },
    });
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

  // ---- session ----------------------------------------------------------------------------------

  /** Forgets the login and the joined groups; the connection rejects what waits with `reason`. */
  private endSession(reason: TimErrorShape): void {
    this.joined.clear();
    this.profile = undefined;
    this.connection.end(reason);
  }

  /** After a reconnect's login: join the groups again. False when the connection was lost meanwhile. */
  private async rejoin(): Promise<boolean> {
    for (const groupID of [...this.joined]) {
      try {
        await this.connection.request({ op: 'joinGroup', groupID }, true);
      } catch (error) {
        if ((error as TimErrorShape).code === TIM_ERROR.NETWORK_ERROR) return false;
        // The room is gone: stop re-joining it and tell the app.
        this.joined.delete(groupID);
        this.emit(TIM_EVENT.ERROR, timError((error as TimErrorShape).code, `re-joining ${groupID} failed`));
      }
    }
    return true;
  }

  /** A call that needs a login. */
  private async request<K extends LocalRequestBody['op']>(
    body: Extract<LocalRequestBody, { op: K }>,
    early = false,
  ): Promise<LocalReplyData[K]> {
    if (this.destroyed) throw timError(TIM_ERROR.SDK_NOT_READY, 'this instance was destroyed');
    if (this.connection.userID === undefined) throw timError(TIM_ERROR.NOT_LOGGED_IN, 'log in first');
    return this.connection.request(body, early);
  }

  private onPush(frame: LocalPush): void {
    switch (frame.push) {
      case 'messages': {
        const me = this.connection.userID;
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
        const me = this.connection.userID;
        for (const p of frame.data) if (p.userID === me) this.profile = p;
        this.emit(TIM_EVENT.PROFILE_UPDATED, frame.data);
        return;
      }
      case 'groupAttributes':
        this.emit(TIM_EVENT.GROUP_ATTRIBUTES_UPDATED, frame.data);
        return;
      case 'revoked': {
        // TIM's shape: the revoked messages, marked `isRevoked`, with who revoked them.
        const { groupID, messageID, revoker } = frame.data;
        this.emit(TIM_EVENT.MESSAGE_REVOKED, [
          {
            ID: messageID,
            conversationID: `GROUP${groupID}`,
            conversationType: TIM_TYPES.CONV_GROUP,
            to: groupID,
            isRevoked: true,
            revoker,
          },
        ]);
        return;
      }
      case 'error':
        this.emit(TIM_EVENT.ERROR, frame.data);
        return;
    }
  }

  /** Kicked from a group: stop treating it as joined, so a reconnect does not re-join it. */
  private onTip(message: TimMessage): void {
    const tip = message.payload as TimGroupTipPayload;
    const me = this.connection.userID;
    const removed =
      tip?.operationType === TIM_TYPES.GRP_TIP_MBR_KICKED_OUT ||
      tip?.operationType === TIM_TYPES.GRP_TIP_BAN_AVCHATROOM_MEMBER;
    if (removed && me && tip.userIDList?.includes(me)) {
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
    const current = this.connection.userID;
    if (current !== undefined) {
      if (current === userID) return ok({ repeatLogin: true });
      throw timError(TIM_ERROR.REPEAT_LOGIN, `already logged in as ${current}; log out first`);
    }
    try {
      await this.connection.open({
        sdkAppID: this.createOptions.SDKAppID,
        userID,
        userSig,
        unlimitedAVChatRoom: this.createOptions.unlimitedAVChatRoom === true,
      });
    } catch (error) {
      if (this.connection.userID === undefined) {
        this.joined.clear();
        this.profile = undefined;
      }
      const e = error as TimErrorShape;
      throw timError(e.code === TIM_ERROR.NETWORK_ERROR ? TIM_ERROR.LOGIN_FAILED : e.code, e.message);
    }
    const generation = this.connection.generation;
    try {
      this.profile = await this.connection.request({ op: 'getMyProfile' });
    } catch {
      this.profile = { userID, nick: '', avatar: '' };
    }
    // The real SDK signals readiness after login resolves; handlers registered after login() still run.
    this.options.clock.setTimeout(() => {
      if (generation === this.connection.generation) this.emit(TIM_EVENT.SDK_READY, {});
    }, 0);
    return ok({ repeatLogin: false });
  }

  async logout(): Promise<TimResponse<Record<string, never>>> {
    if (this.connection.userID === undefined) return ok({});
    if (this.connection.isOpen) {
      try {
        await this.connection.request({ op: 'logout' });
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
      from: this.connection.userID ?? '',
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
    if (this.connection.userID === undefined) {
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
      // TIM's rejection carries the message in `data`; the server's details (mute end, slow mode) go beside it.
      throw timError(e.code, e.message, Object.assign({}, e.data, { message }));
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
    // Like the re-joins, a join goes out on an open socket even before a reconnect is restored.
    const data = await this.request({ op: 'joinGroup', groupID }, true);
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

  // ---- moderation (owner/admin; see docs/guides/moderation.md) ----------------------------------

  async setGroupMemberMuteTime(options: {
    groupID: string;
    userID: string;
    muteTime: number;
  }): Promise<TimResponse<LocalReplyData['setGroupMemberMuteTime']>> {
    return ok(
      await this.request({
        op: 'setGroupMemberMuteTime',
        groupID: options?.groupID,
        userID: options?.userID,
        muteTime: options?.muteTime,
      }),
    );
  }

  /** Removes members; `duration` seconds > 0 bans re-entry that long (AVChatRoom). */
  async deleteGroupMember(options: {
    groupID: string;
    userIDList: string[];
    reason?: string;
    duration?: number;
  }): Promise<TimResponse<LocalReplyData['deleteGroupMember']>> {
    return ok(
      await this.request({
        op: 'deleteGroupMember',
        groupID: options?.groupID,
        userIDList: options?.userIDList,
        reason: options?.reason,
        duration: options?.duration,
      }),
    );
  }

  async setGroupMemberRole(options: {
    groupID: string;
    userID: string;
    role: string;
  }): Promise<TimResponse<LocalReplyData['setGroupMemberRole']>> {
    return ok(
      await this.request({
        op: 'setGroupMemberRole',
        groupID: options?.groupID,
        userID: options?.userID,
        role: String(options?.role),
      }),
    );
  }

  /** Deletes a group message for everyone; resolves with the message marked `isRevoked`. */
  async revokeMessage(message: TimMessage): Promise<TimResponse<{ message: TimMessage }>> {
    if (!message || typeof message.ID !== 'string' || typeof message.to !== 'string') {
      throw timError(TIM_ERROR.INVALID_PARAMETERS, 'revokeMessage needs a group message with ID and to');
    }
    await this.request({ op: 'revokeMessage', groupID: message.to, messageID: message.ID });
    message.isRevoked = true;
    return ok({ message });
  }

  /** The group's last chat messages, oldest first (`conversationID` = 'GROUP' + groupID). */
  async getMessageList(options: {
    conversationID: string;
    count?: number;
    nextReqMessageID?: string;
  }): Promise<TimResponse<{ messageList: TimMessage[]; isCompleted: boolean }>> {
    const conversationID = options?.conversationID;
    if (typeof conversationID !== 'string' || !conversationID.startsWith('GROUP')) {
      throw timError(TIM_ERROR.INVALID_PARAMETERS, 'the local server keeps history for group conversations only');
    }
    const data = await this.request({ op: 'getMessageList', groupID: conversationID.slice(5), count: options?.count });
    const me = this.connection.userID;
    for (const m of data.messageList) m.flow = m.from === me ? 'out' : 'in';
    return ok(data);
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
    return this.connection.netState;
  }
}
