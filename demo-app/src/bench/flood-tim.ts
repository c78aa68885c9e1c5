import {
  TIM_EVENT,
  TIM_TYPES,
  type TimGroup,
  type TimHandler,
  type TimInstance,
  type TimMessage,
  type TimMessageOptions,
  type TimModule,
  type TimProfile,
  type TimResponse,
} from '@livesell/core';
import { GROUP_FIELD } from '@livesell/core/protocol';

/**
 * SIMULATED TIM LAYER for the flood bench. This is the only stand-in on the bench page: a
 * `TimModule` that answers login/join at once and lets the page deliver `MESSAGE_RECEIVED`
 * batches at any rate. Everything above it — `TIMLiveSell` (decode, validation, trust), the room
 * store (batching, ring, merging, counting), `LiveRoomProvider` and `DanmakuList` — is the
 * production code path. No network: a real server caps a room at 40 msgs/s, and the bench is
 * about what the client does when Tencent IM delivers far more than that.
 */
export interface FloodTimModule extends TimModule {
  /** The instance `TIMLiveSell` created (after its constructor ran). */
  readonly instance: FloodTimInstance | undefined;
}

export interface FloodRoom {
  roomID: string;
  hostID: string;
  hostNick: string;
}

export function createFloodTIM(room: FloodRoom): FloodTimModule {
  let instance: FloodTimInstance | undefined;
  return {
    EVENT: TIM_EVENT,
    TYPES: TIM_TYPES,
    get instance() {
      return instance;
    },
    create() {
      instance = new FloodTimInstance(room);
      return instance;
    },
  };
}

const ok = <D>(data: D): Promise<TimResponse<D>> => Promise.resolve({ code: 0, data });

export class FloodTimInstance implements TimInstance {
  /** Messages this user sent (own danmaku, aggregated likes …) and when (`Date.now()`). */
  readonly sent: Array<{ at: number; message: TimMessage }> = [];
  private readonly handlers = new Map<string, Set<TimHandler>>();
  private readonly group: TimGroup;
  private readonly host: TimProfile;
  private userID = '';
  private seq = 0;

  constructor(private readonly room: FloodRoom) {
    this.host = { userID: room.hostID, nick: room.hostNick, avatar: '' };
    this.group = {
      groupID: room.roomID,
      name: 'Flood bench',
      type: TIM_TYPES.GRP_AVCHATROOM,
      ownerID: room.hostID,
      notification: 'Simulated flood: the TIM layer is a test double, everything above it is real.',
      introduction: '',
      memberCount: 10_000,
      groupCustomField: [{ key: GROUP_FIELD.ROOM_STATUS, value: 'live' }],
      selfInfo: { role: TIM_TYPES.GRP_MBR_ROLE_MEMBER },
    };
  }

  /** Delivers one `MESSAGE_RECEIVED` batch, as the SDK does when a network frame arrives. */
  deliver(messages: TimMessage[]): void {
    if (messages.length === 0) return;
    for (const h of this.handlers.get(TIM_EVENT.MESSAGE_RECEIVED) ?? []) {
      h({ name: TIM_EVENT.MESSAGE_RECEIVED, data: messages });
    }
  }

  on(eventName: string, handler: TimHandler): void {
    const set = this.handlers.get(eventName) ?? new Set<TimHandler>();
    set.add(handler);
    this.handlers.set(eventName, set);
  }

  off(eventName: string, handler: TimHandler): void {
    this.handlers.get(eventName)?.delete(handler);
  }

  setLogLevel(): void {}

  login(options: { userID: string }): Promise<TimResponse<unknown>> {
    this.userID = options.userID;
    queueMicrotask(() => {
      for (const h of this.handlers.get(TIM_EVENT.SDK_READY) ?? []) h({ name: TIM_EVENT.SDK_READY, data: undefined });
    });
    return ok({});
  }

  logout(): Promise<unknown> {
    return ok({});
  }

  destroy(): Promise<unknown> {
    this.handlers.clear();
    return ok({});
  }

  createTextMessage(options: TimMessageOptions): TimMessage {
    return this.outgoing(TIM_TYPES.MSG_TEXT, options);
  }

  createCustomMessage(options: TimMessageOptions): TimMessage {
    return this.outgoing(TIM_TYPES.MSG_CUSTOM, options);
  }

  sendMessage(message: TimMessage): Promise<TimResponse<{ message: TimMessage }>> {
    const done = { ...message, status: 'success' };
    this.sent.push({ at: Date.now(), message: done });
    return ok({ message: done });
  }

  joinGroup(): Promise<TimResponse<{ status: string; group: TimGroup }>> {
    return ok({ status: TIM_TYPES.JOIN_STATUS_SUCCESS, group: { ...this.group } });
  }

  quitGroup(groupID: string): Promise<TimResponse<{ groupID: string }>> {
    return ok({ groupID });
  }

  getGroupProfile(): Promise<TimResponse<{ group: TimGroup }>> {
    return ok({ group: { ...this.group } });
  }

  updateGroupProfile(): Promise<TimResponse<{ group: TimGroup }>> {
    return ok({ group: { ...this.group } });
  }

  getMyProfile(): Promise<TimResponse<TimProfile>> {
    return ok({ userID: this.userID, nick: '', avatar: '' });
  }

  updateMyProfile(options: { nick?: string; avatar?: string }): Promise<TimResponse<TimProfile>> {
    return ok({ userID: this.userID, nick: options.nick ?? '', avatar: options.avatar ?? '' });
  }

  getUserProfile(options: { userIDList: string[] }): Promise<TimResponse<TimProfile[]>> {
    return ok(options.userIDList.includes(this.room.hostID) ? [this.host] : []);
  }

  getGroupOnlineMemberCount(): Promise<TimResponse<{ memberCount: number }>> {
    return ok({ memberCount: this.group.memberCount ?? 0 });
  }

  getGroupAttributes(): Promise<TimResponse<{ groupAttributes: Record<string, string> }>> {
    return ok({ groupAttributes: {} });
  }

  setGroupAttributes(options: {
    groupAttributes: Record<string, string>;
  }): Promise<TimResponse<{ groupAttributes: Record<string, string> }>> {
    return ok({ groupAttributes: options.groupAttributes });
  }

  getGroupMemberList(): Promise<TimResponse<{ memberList: never[] }>> {
    return ok({ memberList: [] });
  }

  createGroup(): Promise<TimResponse<{ group: TimGroup }>> {
    return ok({ group: { ...this.group } });
  }

  private outgoing(type: string, options: TimMessageOptions): TimMessage {
    return {
      ID: `own-${++this.seq}`,
      type,
      payload: options.payload,
      conversationID: `GROUP${options.to}`,
      conversationType: options.conversationType,
      to: options.to,
      from: this.userID,
      flow: 'out',
      time: Math.floor(Date.now() / 1000),
      status: 'unSend',
      priority: options.priority ?? TIM_TYPES.MSG_PRIORITY_NORMAL,
      nick: '',
      avatar: '',
    };
  }
}
