/**
 * The part of the Tencent IM SDK (tim-js-sdk / tim-wx-sdk 2.x, @tencentcloud/chat 3.x) that LiveSell Kit uses.
 *
 * Both Tencent's SDK and `createLocalTIM(...)` satisfy `TimModule`; `TIMLiveSell` codes against this
 * interface only, so it never imports the SDK at runtime. Methods use method syntax on purpose: the
 * real SDK types its options with its own enums, and method parameters are checked bivariantly.
 */

export interface TimEventValues {
  SDK_READY: string;
  SDK_NOT_READY: string;
  MESSAGE_RECEIVED: string;
  KICKED_OUT: string;
  NET_STATE_CHANGE: string;
  PROFILE_UPDATED: string;
  ERROR: string;
  GROUP_ATTRIBUTES_UPDATED: string;
  SDK_DESTROY?: string;
  /** A message was recalled/deleted for everyone (`tim.revokeMessage`). */
  MESSAGE_REVOKED?: string;
}

export interface TimTypeValues {
  MSG_TEXT: string;
  MSG_CUSTOM: string;
  MSG_GRP_TIP: string;
  MSG_GRP_SYS_NOTICE: string;
  GRP_TIP_MBR_JOIN: number;
  GRP_TIP_MBR_QUIT: number;
  GRP_TIP_MBR_KICKED_OUT: number;
  /** AVChatRoom member removed and banned (newer SDKs; absent in older ones). */
  GRP_TIP_BAN_AVCHATROOM_MEMBER?: number;
  GRP_TIP_MBR_SET_ADMIN: number;
  GRP_TIP_MBR_CANCELED_ADMIN: number;
  GRP_TIP_GRP_PROFILE_UPDATED: number;
  GRP_TIP_MBR_PROFILE_UPDATED: number;
  GRP_AVCHATROOM: string;
  CONV_GROUP: string;
  MSG_PRIORITY_HIGH: string;
  MSG_PRIORITY_NORMAL: string;
  MSG_PRIORITY_LOW: string;
  MSG_PRIORITY_LOWEST: string;
  KICKED_OUT_MULT_ACCOUNT: string;
  KICKED_OUT_MULT_DEVICE: string;
  KICKED_OUT_USERSIG_EXPIRED: string;
  NET_STATE_CONNECTED: string;
  NET_STATE_CONNECTING: string;
  NET_STATE_DISCONNECTED: string;
  JOIN_STATUS_SUCCESS: string;
  JOIN_STATUS_ALREADY_IN_GROUP: string;
  GRP_MBR_ROLE_OWNER: string;
  GRP_MBR_ROLE_ADMIN: string;
  GRP_MBR_ROLE_MEMBER: string;
}

/** The exact string values of the real SDK (from Tencent IM documentation, checked by running it). */
export const TIM_EVENT = {
  SDK_READY: 'sdkStateReady',
  SDK_NOT_READY: 'sdkStateNotReady',
  MESSAGE_RECEIVED: 'onMessageReceived',
  KICKED_OUT: 'kickedOut',
  NET_STATE_CHANGE: 'netStateChange',
  PROFILE_UPDATED: 'onProfileUpdated',
  ERROR: 'error',
  GROUP_ATTRIBUTES_UPDATED: 'groupAttributesUpdated',
  SDK_DESTROY: 'sdkDestroy',
  MESSAGE_REVOKED: 'onMessageRevoked',
} as const satisfies TimEventValues;

export const TIM_TYPES = {
  MSG_TEXT: 'TIMTextElem',
  MSG_CUSTOM: 'TIMCustomElem',
  MSG_GRP_TIP: 'TIMGroupTipElem',
  MSG_GRP_SYS_NOTICE: 'TIMGroupSystemNoticeElem',
  GRP_TIP_MBR_JOIN: 1,
  GRP_TIP_MBR_QUIT: 2,
  GRP_TIP_MBR_KICKED_OUT: 3,
  GRP_TIP_MBR_SET_ADMIN: 4,
  GRP_TIP_MBR_CANCELED_ADMIN: 5,
  GRP_TIP_GRP_PROFILE_UPDATED: 6,
  GRP_TIP_MBR_PROFILE_UPDATED: 7,
  GRP_TIP_BAN_AVCHATROOM_MEMBER: 10,
  GRP_TIP_UNBAN_AVCHATROOM_MEMBER: 11,
  GRP_AVCHATROOM: 'AVChatRoom',
  CONV_GROUP: 'GROUP',
  MSG_PRIORITY_HIGH: 'High',
  MSG_PRIORITY_NORMAL: 'Normal',
  MSG_PRIORITY_LOW: 'Low',
  MSG_PRIORITY_LOWEST: 'Lowest',
  KICKED_OUT_MULT_ACCOUNT: 'multipleAccount',
  KICKED_OUT_MULT_DEVICE: 'multipleDevice',
  KICKED_OUT_USERSIG_EXPIRED: 'userSigExpired',
  KICKED_OUT_REST_API: 'REST_API_Kick',
  NET_STATE_CONNECTED: 'connected',
  NET_STATE_CONNECTING: 'connecting',
  NET_STATE_DISCONNECTED: 'disconnected',
  JOIN_STATUS_SUCCESS: 'JoinedSuccess',
  JOIN_STATUS_ALREADY_IN_GROUP: 'AlreadyInGroup',
  GRP_MBR_ROLE_OWNER: 'Owner',
  GRP_MBR_ROLE_ADMIN: 'Admin',
  GRP_MBR_ROLE_MEMBER: 'Member',
} as const satisfies TimTypeValues & Record<string, string | number>;

/** Moved to the protocol module core and the server share; re-exported here so nothing public moves. */
export { TIM_ERROR } from '../protocol/codes';

export type TimPriority = 'High' | 'Normal' | 'Low' | 'Lowest';

/**
 * The real SDK types message types, conversation types and priorities with one mixed enum
 * (string and numeric members), so fields holding them are typed `string | number` here.
 */
export type TimEnumValue = string | number;

export interface TimCreateOptions {
  SDKAppID: number;
  oversea?: boolean;
  unlimitedAVChatRoom?: boolean;
  scene?: string;
  proxyServer?: string;
}

/** What every handler receives: `{ name, data }`. */
export interface TimEvent<D = unknown> {
  name: string;
  data: D;
}

/** Method-style so a handler typed for one event's data fits `on(name, handler)` (as with the real SDK). */
export type TimHandler<D = unknown> = { bivarianceHack(event: TimEvent<D>): void }['bivarianceHack'];

/** Resolved value of every SDK promise. */
export interface TimResponse<D> {
  code: 0;
  data: D;
}

/** Rejection value of every SDK promise. */
export interface TimErrorShape {
  code: number;
  message: string;
  data?: unknown;
}

export interface TimTextPayload {
  text: string;
}

export interface TimCustomPayload {
  data: string;
  description: string;
  extension: string;
}

export interface TimGroupCustomField {
  key: string;
  value: string;
}

export interface TimGroupTipPayload {
  operationType: number;
  operatorID: string;
  userIDList: string[];
  memberList?: Array<{ userID: string; nick?: string; avatar?: string; muteTime?: number }>;
  memberCount?: number;
  newGroupProfile?: {
    groupCustomField?: TimGroupCustomField[];
    notification?: string;
    introduction?: string;
    ownerID?: string;
    muteAllMembers?: boolean;
    groupName?: string;
  };
}

export interface TimMessage {
  ID: string;
  type: TimEnumValue;
  payload: unknown;
  conversationID: string;
  conversationType: TimEnumValue;
  to: string;
  from: string;
  flow: string;
  /** Seconds since the epoch. */
  time: number;
  status: string;
  priority: TimEnumValue;
  nick: string;
  avatar: string;
  nameCard?: string;
  cloudCustomData?: string;
  isRevoked?: boolean;
}

export interface TimMessageOptions {
  to: string;
  conversationType: TimEnumValue;
  priority?: TimEnumValue;
  payload: TimTextPayload | TimCustomPayload;
  cloudCustomData?: string;
}

export interface TimProfile {
  userID: string;
  nick: string;
  avatar: string;
  [key: string]: unknown;
}

export interface TimGroup {
  groupID: string;
  name: string;
  type: string;
  ownerID: string;
  notification: string;
  introduction: string;
  avatar?: string;
  memberCount?: number;
  groupCustomField: TimGroupCustomField[];
  selfInfo?: { role?: string; userID?: string };
  [key: string]: unknown;
}

export interface TimGroupMember {
  userID: string;
  nick: string;
  avatar: string;
  role: string;
  [key: string]: unknown;
}

export interface TimJoinGroupResult {
  status: string;
  group?: TimGroup;
}

/** A TIM SDK instance, as made by `TIM.create`. */
export interface TimInstance {
  on(eventName: string, handler: TimHandler, context?: unknown): void;
  off(eventName: string, handler: TimHandler, context?: unknown): void;
  setLogLevel(level: number): void;
  login(options: { userID: string; userSig: string }): Promise<TimResponse<unknown>>;
  logout(): Promise<unknown>;
  destroy(): Promise<unknown>;
  createTextMessage(options: TimMessageOptions): TimMessage;
  createCustomMessage(options: TimMessageOptions): TimMessage;
  sendMessage(message: TimMessage, options?: unknown): Promise<TimResponse<{ message: TimMessage }>>;
  joinGroup(options: {
    groupID: string;
    type?: TimEnumValue;
    applyMessage?: string;
  }): Promise<TimResponse<TimJoinGroupResult>>;
  quitGroup(groupID: string): Promise<TimResponse<{ groupID: string }>>;
  getGroupProfile(options: {
    groupID: string;
    groupCustomFieldFilter?: string[];
  }): Promise<TimResponse<{ group: TimGroup }>>;
  updateGroupProfile(options: {
    groupID: string;
    name?: string;
    notification?: string;
    introduction?: string;
    avatar?: string;
    muteAllMembers?: boolean;
    groupCustomField?: TimGroupCustomField[];
  }): Promise<TimResponse<{ group: TimGroup }>>;
  getMyProfile(): Promise<TimResponse<TimProfile>>;
  updateMyProfile(options: {
    nick?: string;
    avatar?: string;
    selfSignature?: string;
  }): Promise<TimResponse<TimProfile>>;
  getUserProfile(options: { userIDList: string[] }): Promise<TimResponse<TimProfile[]>>;
  getGroupOnlineMemberCount(groupID: string): Promise<TimResponse<{ memberCount: number }>>;
  getGroupAttributes(options: {
    groupID: string;
    keyList?: string[];
  }): Promise<TimResponse<{ groupAttributes: Record<string, string> }>>;
  setGroupAttributes(options: {
    groupID: string;
    groupAttributes: Record<string, string>;
  }): Promise<TimResponse<{ groupAttributes: Record<string, string> }>>;
  getGroupMemberList(options: {
    groupID: string;
    count?: number;
    offset?: number;
  }): Promise<TimResponse<{ memberList: TimGroupMember[] }>>;
  createGroup(options: {
    name: string;
    type: TimEnumValue;
    groupID?: string;
    introduction?: string;
    notification?: string;
    avatar?: string;
  }): Promise<TimResponse<{ group: TimGroup }>>;
  // Moderation: optional here because older SDK builds and test doubles may lack them.
  /** Mutes a member for `muteTime` seconds (0 lifts it). Owner/admin only. */
  setGroupMemberMuteTime?(options: {
    groupID: string;
    userID: string;
    muteTime: number;
  }): Promise<TimResponse<{ group: { groupID: string }; member: { userID: string; muteUntil: number } }>>;
  /** Removes members; in a live room `duration` (s) also bans re-entry that long. Owner/admin only. */
  deleteGroupMember?(options: {
    groupID: string;
    userIDList: string[];
    reason?: string;
    duration?: number;
  }): Promise<TimResponse<{ group: { groupID: string }; userIDList: string[] }>>;
  /** Appoints (`GRP_MBR_ROLE_ADMIN`) or dismisses (`GRP_MBR_ROLE_MEMBER`) an admin. Owner only. */
  setGroupMemberRole?(options: {
    groupID: string;
    userID: string;
    role: TimEnumValue;
  }): Promise<TimResponse<{ group: { groupID: string }; member: { userID: string; role: string } }>>;
  /** Deletes a message for everyone (everyone gets `MESSAGE_REVOKED`). */
  revokeMessage?(message: TimMessage): Promise<TimResponse<{ message: TimMessage }>>;
  /** A conversation's last messages, oldest first. */
  getMessageList?(options: {
    conversationID: string;
    count?: number;
    nextReqMessageID?: string;
  }): Promise<TimResponse<{ messageList: TimMessage[]; isCompleted: boolean; nextReqMessageID?: string }>>;
}

/** The TIM module: Tencent's default export or `createLocalTIM(...)`. */
export interface TimModule {
  create(options: TimCreateOptions): TimInstance;
  EVENT: TimEventValues;
  TYPES: TimTypeValues;
}
