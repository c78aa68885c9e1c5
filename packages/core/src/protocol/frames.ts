import type { TimGroup, TimGroupCustomField, TimGroupMember, TimInstance, TimMessage, TimProfile } from '../tim/types';

/**
 * The JSON frames `createLocalTIM` and the local server exchange over one WebSocket.
 * A request carries an `id`; the reply echoes it with `code: 0` and `data`, or with an SDK error
 * code and message. Server pushes carry `push` instead of `id`.
 */

/** `updateGroupProfile`'s options, sent as they are. */
export type LocalUpdateGroupProfile = Parameters<TimInstance['updateGroupProfile']>[0];

/** A message as the client submits it; the server fills `time`, `nick`, `avatar` and `from`. */
export interface LocalOutgoingMessage {
  ID: string;
  type: string;
  to: string;
  priority: string;
  payload: unknown;
  cloudCustomData?: string;
}

export type LocalRequestBody =
  | { op: 'login'; sdkAppID: number; userID: string; userSig: string; unlimitedAVChatRoom?: boolean }
  | { op: 'logout' }
  | { op: 'ping' }
  | { op: 'joinGroup'; groupID: string }
  | { op: 'quitGroup'; groupID: string }
  | { op: 'sendMessage'; message: LocalOutgoingMessage }
  | { op: 'getGroupProfile'; groupID: string; groupCustomFieldFilter?: string[] }
  | ({ op: 'updateGroupProfile' } & LocalUpdateGroupProfile)
  | { op: 'getMyProfile' }
  | { op: 'updateMyProfile'; nick?: string; avatar?: string; selfSignature?: string }
  | { op: 'getUserProfile'; userIDList: string[] }
  | { op: 'getGroupOnlineMemberCount'; groupID: string }
  | { op: 'getGroupAttributes'; groupID: string; keyList?: string[] }
  | { op: 'setGroupAttributes'; groupID: string; groupAttributes: Record<string, string> }
  | { op: 'deleteGroupAttributes'; groupID: string; keyList: string[] }
  | { op: 'getGroupMemberList'; groupID: string; count?: number; offset?: number }
  | {
      op: 'createGroup';
      name: string;
      type: string;
      groupID?: string;
      introduction?: string;
      notification?: string;
      avatar?: string;
    }
  | { op: 'setGroupMemberCustomField'; groupID: string; userID?: string; memberCustomField: TimGroupCustomField[] }
  // Moderation (TIM's names and parameters; owner/admin only, else 10007).
  | { op: 'setGroupMemberMuteTime'; groupID: string; userID: string; muteTime: number }
  | { op: 'deleteGroupMember'; groupID: string; userIDList: string[]; reason?: string; duration?: number }
  | { op: 'setGroupMemberRole'; groupID: string; userID: string; role: string }
  | { op: 'revokeMessage'; groupID: string; messageID: string }
  | { op: 'getMessageList'; groupID: string; count?: number };

export type LocalRequest = LocalRequestBody & { id: number };

export type LocalOp = LocalRequestBody['op'];

/** What each op resolves with (the `data` of `{code: 0, data}`). */
export interface LocalReplyData {
  login: { userID: string; repeatLogin?: boolean };
  logout: Record<string, never>;
  ping: { time: number };
  joinGroup: { status: 'JoinedSuccess'; group: TimGroup } | { status: 'AlreadyInGroup' };
  quitGroup: { groupID: string };
  sendMessage: { message: TimMessage };
  getGroupProfile: { group: TimGroup };
  updateGroupProfile: { group: TimGroup };
  getMyProfile: TimProfile;
  updateMyProfile: TimProfile;
  getUserProfile: TimProfile[];
  getGroupOnlineMemberCount: { memberCount: number };
  getGroupAttributes: { groupAttributes: Record<string, string> };
  setGroupAttributes: { groupAttributes: Record<string, string> };
  deleteGroupAttributes: { keyList: string[] };
  getGroupMemberList: { memberList: TimGroupMember[] };
  createGroup: { group: TimGroup };
  setGroupMemberCustomField: never;
  setGroupMemberMuteTime: { group: { groupID: string }; member: { userID: string; muteUntil: number } };
  deleteGroupMember: { group: { groupID: string }; userIDList: string[] };
  setGroupMemberRole: { group: { groupID: string }; member: { userID: string; role: string } };
  revokeMessage: { messageID: string };
  /** The room's last chat messages (never deleted or filtered ones), oldest first. */
  getMessageList: { messageList: TimMessage[]; isCompleted: boolean };
}

/**
 * What a refused send carries in its error reply's `data`: when a mute ends (10017) or when the
 * sender may send again under slow mode (10101), both server time in ms.
 */
export interface LocalSendRefusal {
  muteUntil?: number;
  nextSendAt?: number;
  slowModeSeconds?: number;
}

/** A message deleted for everyone (TIM's `MESSAGE_REVOKED`). */
export interface LocalRevokedPush {
  groupID: string;
  messageID: string;
  /** Who deleted it (owner, admin or the server's admin account). */
  revoker: string;
}

export type LocalReply =
  | { id: number; code: 0; data: unknown }
  | { id: number | null; code: number; message: string; data?: unknown };

export interface LocalGroupAttributesPush {
  groupID: string;
  groupAttributes: Record<string, string>;
  updatedKeyList: string[];
  deletedKeyList: string[];
}

export type LocalPush =
  | { push: 'messages'; data: TimMessage[] }
  | { push: 'kicked'; data: { type: string } }
  | { push: 'profile'; data: TimProfile[] }
  | { push: 'groupAttributes'; data: LocalGroupAttributesPush }
  | { push: 'revoked'; data: LocalRevokedPush }
  | { push: 'error'; data: { code: number; message: string } };

export type LocalServerFrame = LocalReply | LocalPush;

/** The push names (`LOCAL_PUSHES` in `vocabulary.ts` is the same set). */
export type LocalPushName = LocalPush['push'];
