/**
 * The names both sides agree on: the room's group custom fields, the `data` of the room's custom
 * messages (the original im-live-sells component's wire names, kept byte-compatible), and the ops
 * and pushes of the local IM protocol (their frames are typed in `frames.ts`).
 */

/** Group custom field keys (real AVChatRooms have no member custom fields). */
export const GROUP_FIELD = {
  /** The item being explained (`encodeExplaining`), ≤ 512 bytes. */
  ADD_GOODS: 'add_goods',
  /** The room's phase: `live`, `paused`, `ended` … */
  ROOM_STATUS: 'room_status',
  /** The room's like total, kept by the server (a backend fed by IM's after-send callbacks). */
  LIKE_TOTAL: 'like_total',
} as const;

/** Group custom fields of moderation (apart from `GROUP_FIELD`, which every live-room page loads). */
export const MODERATION_FIELD = {
  /** The room's slow mode in seconds ('0' or absent = off), written by the server. */
  SLOW_MODE: 'slow_mode',
} as const;

export type GroupFieldKey = (typeof GROUP_FIELD)[keyof typeof GROUP_FIELD];

/**
 * `payload.data` of the room's custom messages: one custom message per interaction,
 * `payload.description` "" (or a like count), `payload.extension` the caller's string.
 */
export const CUSTOM_DATA = {
  LIKE: 'LIKE',
  SEND_GIFT: 'SEND_GIFT',
  BUY_GOODS: 'BUY_GOODS',
  USE_COUPON: 'USE_COUPON',
  ATTENTION: 'ATTENTION',
  CANCEL_ATTENTION: 'CANCELATTENTION',
  ADD_GOODS: 'ADD_GOODS',
  ROOM_STATUS_CHANGE: 'ROOM_STATUS_CHANGE',
  NOTIFACATION: 'NOTIFACATION',
} as const;

export type CustomDataName = (typeof CUSTOM_DATA)[keyof typeof CUSTOM_DATA];

/** Every op of the local IM protocol (a request's `op`); `LocalOp` in `frames.ts` is the same set. */
export const LOCAL_OPS = [
  'login',
  'logout',
  'ping',
  'joinGroup',
  'quitGroup',
  'sendMessage',
  'getGroupProfile',
  'updateGroupProfile',
  'getMyProfile',
  'updateMyProfile',
  'getUserProfile',
  'getGroupOnlineMemberCount',
  'getGroupAttributes',
  'setGroupAttributes',
  'deleteGroupAttributes',
  'getGroupMemberList',
  'createGroup',
  'setGroupMemberCustomField',
  // Moderation (TIM's names; owner/admin only).
  'setGroupMemberMuteTime',
  'deleteGroupMember',
  'setGroupMemberRole',
  'revokeMessage',
  'getMessageList',
] as const;

/** Every push of the local IM protocol (a server frame's `push`). */
export const LOCAL_PUSHES = ['messages', 'kicked', 'profile', 'groupAttributes', 'revoked', 'error'] as const;
