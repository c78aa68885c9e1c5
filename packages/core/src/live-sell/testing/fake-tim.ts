/**
 * A hand-written test double of the TIM SDK (`TimModule` / `TimInstance`) for unit tests of
 * `TIMLiveSell`: it records calls, lets a test script answers (resolve, reject, hang) and fire SDK
 * events. Integration tests use the real local server and `createLocalTIM` instead.
 */

import { GROUP_FIELD } from '../../protocol/vocabulary';
import type {
  TimCreateOptions,
  TimCustomPayload,
  TimErrorShape,
  TimGroup,
  TimHandler,
  TimInstance,
  TimMessage,
  TimMessageOptions,
  TimModule,
  TimProfile,
  TimResponse,
  TimTextPayload,
} from '../../tim/types';
import { TIM_EVENT, TIM_TYPES } from '../../tim/types';

/** How a scripted call answers: resolve normally, reject with an SDK error, or never answer. */
export type Answer = 'ok' | 'hang' | TimErrorShape;

export interface FakeTimModule extends TimModule {
  createdWith: TimCreateOptions[];
  instances: FakeTimInstance[];
  /** The last instance made by `create`. */
  readonly last: FakeTimInstance;
}

export function createFakeTIM(setup?: (tim: FakeTimInstance) => void): FakeTimModule {
  const createdWith: TimCreateOptions[] = [];
  const instances: FakeTimInstance[] = [];
  return {
    EVENT: TIM_EVENT,
    TYPES: TIM_TYPES,
    createdWith,
    instances,
    get last() {
      const i = instances[instances.length - 1];
      if (!i) throw new Error('TIM.create was not called');
      return i;
    },
    create(options) {
      createdWith.push(options);
      const instance = new FakeTimInstance();
      setup?.(instance);
      instances.push(instance);
      return instance;
    },
  };
}

let seq = 0;

export class FakeTimInstance implements TimInstance {
  readonly handlers = new Map<string, Set<TimHandler>>();
  readonly calls: Array<{ method: string; args: unknown[] }> = [];
  readonly sent: TimMessage[] = [];
  userID = '';
  /** Answers per method; missing = 'ok'. */
  answers: Record<string, Answer> = {};
  /** Emit SDK_READY (on a microtask) when login resolves. */
  readyOnLogin = true;
  joinStatus = TIM_TYPES.JOIN_STATUS_SUCCESS as string;
  group: TimGroup = {
    groupID: '@TGS#room',
    name: 'Live room',
    type: 'AVChatRoom',
    ownerID: 'host',
    notification: 'welcome',
    introduction: 'intro',
    groupCustomField: [
      { key: GROUP_FIELD.ADD_GOODS, value: '{"id":"g1","t":"Tea"}' },
      { key: GROUP_FIELD.ROOM_STATUS, value: 'live' },
    ],
    selfInfo: { role: 'Member' },
  };
  profiles: Record<string, TimProfile> = {
    host: { userID: 'host', nick: 'Host', avatar: 'https://img/host.png' },
  };

  on(eventName: string, handler: TimHandler): void {
    const set = this.handlers.get(eventName) ?? new Set<TimHandler>();
    set.add(handler);
    this.handlers.set(eventName, set);
  }

  off(eventName: string, handler: TimHandler): void {
    this.handlers.get(eventName)?.delete(handler);
  }

  /** Fires an SDK event as the real SDK does: `{ name, data }`. */
  fire(name: string, data?: unknown): void {
    for (const h of [...(this.handlers.get(name) ?? [])]) h({ name, data });
  }

  /** Delivers a batch of incoming messages. */
  receive(...messages: unknown[]): void {
    this.fire(TIM_EVENT.MESSAGE_RECEIVED, messages);
  }

  listenerCount(): number {
    let n = 0;
    for (const set of this.handlers.values()) n += set.size;
    return n;
  }

  count(method: string): number {
    return this.calls.filter((c) => c.method === method).length;
  }

  argsOf(method: string, index = -1): unknown[] {
    const list = this.calls.filter((c) => c.method === method);
    const call = list[index < 0 ? list.length + index : index];
    if (!call) throw new Error(`${method} was not called`);
    return call.args;
  }

  setLogLevel(level: number): void {
    this.calls.push({ method: 'setLogLevel', args: [level] });
  }

  login(options: { userID: string; userSig: string }): Promise<TimResponse<unknown>> {
    return this.answer('login', [options], () => {
      this.userID = options.userID;
      if (this.readyOnLogin) queueMicrotask(() => this.fire(TIM_EVENT.SDK_READY));
      return {};
    });
  }

  logout(): Promise<unknown> {
    return this.answer('logout', [], () => ({}));
  }

  destroy(): Promise<unknown> {
    return this.answer('destroy', [], () => ({}));
  }

  createTextMessage(options: TimMessageOptions): TimMessage {
    this.calls.push({ method: 'createTextMessage', args: [options] });
    return this.message(TIM_TYPES.MSG_TEXT, options);
  }

  createCustomMessage(options: TimMessageOptions): TimMessage {
    this.calls.push({ method: 'createCustomMessage', args: [options] });
    return this.message(TIM_TYPES.MSG_CUSTOM, options);
  }

  sendMessage(message: TimMessage): Promise<TimResponse<{ message: TimMessage }>> {
    return this.answer('sendMessage', [message], () => {
      this.sent.push(message);
      return { message: { ...message, status: 'success' } };
    });
  }

  joinGroup(options: { groupID: string }): Promise<TimResponse<{ status: string; group?: TimGroup }>> {
    return this.answer('joinGroup', [options], () =>
      this.joinStatus === TIM_TYPES.JOIN_STATUS_ALREADY_IN_GROUP
        ? { status: this.joinStatus }
        : { status: this.joinStatus, group: { ...this.group, groupID: options.groupID } },
    );
  }

  quitGroup(groupID: string): Promise<TimResponse<{ groupID: string }>> {
    return this.answer('quitGroup', [groupID], () => ({ groupID }));
  }

  getGroupProfile(options: { groupID: string }): Promise<TimResponse<{ group: TimGroup }>> {
    return this.answer('getGroupProfile', [options], () => ({ group: structuredClone(this.group) }));
  }

  updateGroupProfile(options: {
    groupID: string;
    notification?: string;
    groupCustomField?: Array<{ key: string; value: string }>;
  }): Promise<TimResponse<{ group: TimGroup }>> {
    return this.answer('updateGroupProfile', [options], () => {
      if (options.notification !== undefined) this.group.notification = options.notification;
      for (const f of options.groupCustomField ?? []) {
        this.group.groupCustomField = [...this.group.groupCustomField.filter((x) => x.key !== f.key), f];
      }
      return { group: structuredClone(this.group) };
    });
  }

  getMyProfile(): Promise<TimResponse<TimProfile>> {
    return this.answer(
      'getMyProfile',
      [],
      () => this.profiles[this.userID] ?? { userID: this.userID, nick: '', avatar: '' },
    );
  }

  updateMyProfile(options: { nick?: string; avatar?: string }): Promise<TimResponse<TimProfile>> {
    return this.answer('updateMyProfile', [options], () => {
      const me = { userID: this.userID, nick: '', avatar: '', ...this.profiles[this.userID], ...options };
      this.profiles[this.userID] = me;
      return me;
    });
  }

  getUserProfile(options: { userIDList: string[] }): Promise<TimResponse<TimProfile[]>> {
    return this.answer('getUserProfile', [options], () =>
      options.userIDList.map((id) => this.profiles[id]).filter((p): p is TimProfile => p !== undefined),
    );
  }

  getGroupOnlineMemberCount(groupID: string): Promise<TimResponse<{ memberCount: number }>> {
    return this.answer('getGroupOnlineMemberCount', [groupID], () => ({ memberCount: 1 }));
  }

  getGroupAttributes(options: { groupID: string }): Promise<TimResponse<{ groupAttributes: Record<string, string> }>> {
    return this.answer('getGroupAttributes', [options], () => ({ groupAttributes: {} }));
  }

  setGroupAttributes(options: {
    groupID: string;
    groupAttributes: Record<string, string>;
  }): Promise<TimResponse<{ groupAttributes: Record<string, string> }>> {
    return this.answer('setGroupAttributes', [options], () => ({ groupAttributes: options.groupAttributes }));
  }

  getGroupMemberList(options: { groupID: string }): Promise<TimResponse<{ memberList: never[] }>> {
    return this.answer('getGroupMemberList', [options], () => ({ memberList: [] }));
  }

  createGroup(options: { name: string }): Promise<TimResponse<{ group: TimGroup }>> {
    return this.answer('createGroup', [options], () => ({ group: { ...this.group, name: options.name } }));
  }

  private message(type: string, options: TimMessageOptions): TimMessage {
    return {
      ID: `fake-${++seq}`,
      type,
      payload: options.payload,
      conversationID: `GROUP${options.to}`,
      conversationType: options.conversationType,
      to: options.to,
      from: this.userID,
      flow: 'out',
      time: 1_700_000_000 + seq,
      status: 'unSend',
      priority: options.priority ?? 'Normal',
      nick: '',
      avatar: '',
    };
  }

  private answer<D>(method: string, args: unknown[], ok: () => D): Promise<TimResponse<D>> {
    this.calls.push({ method, args });
    const a = this.answers[method] ?? 'ok';
    if (a === 'hang') return new Promise(() => undefined);
    if (a !== 'ok') return Promise.reject(a);
    return Promise.resolve({ code: 0, data: ok() });
  }
}

/** Builders for incoming messages, shaped as the SDK delivers them. */
export const incoming = {
  text(from: string, text: string, extra: Partial<TimMessage> = {}): TimMessage {
    return base(TIM_TYPES.MSG_TEXT, from, { text } satisfies TimTextPayload, extra);
  },
  custom(from: string, payload: Partial<TimCustomPayload>, extra: Partial<TimMessage> = {}): TimMessage {
    return base(TIM_TYPES.MSG_CUSTOM, from, { description: '', extension: '', data: '', ...payload }, extra);
  },
  tip(operatorID: string, payload: Record<string, unknown>, extra: Partial<TimMessage> = {}): TimMessage {
    return base(TIM_TYPES.MSG_GRP_TIP, operatorID, { operatorID, userIDList: [], ...payload }, extra);
  },
};

function base(type: string, from: string, payload: unknown, extra: Partial<TimMessage>): TimMessage {
  const to = extra.to ?? '@TGS#room';
  return {
    ID: `in-${++seq}`,
    type,
    payload,
    conversationID: `GROUP${to}`,
    conversationType: TIM_TYPES.CONV_GROUP,
    to,
    from,
    flow: 'in',
    time: 1_700_000_000,
    status: 'success',
    priority: 'Normal',
    nick: `${from}-nick`,
    avatar: `https://img/${from}.png`,
    ...extra,
  };
}
