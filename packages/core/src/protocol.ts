/**
 * `@livesell/core/protocol`: the one protocol core and `@livesell/server` share — the names
 * (`protocol/vocabulary.ts`: group fields, custom message names, ops), Tencent IM's limits
 * (`protocol/limits.ts`) and error codes (`protocol/codes.ts`), the local IM frames
 * (`protocol/frames.ts`), and the room's custom messages and group fields (the explaining item,
 * coupon and purchase announcements), a room's moderation rules (`protocol/moderation.ts`), and the
 * replay contract (`protocol/replay.ts`: timeline events,
 * segments, chapters). For servers and tools, not pages.
 */

export { TIM_ERROR, type TimErrorCode } from './protocol/codes';
export type {
  LocalGroupAttributesPush,
  LocalOp,
  LocalOutgoingMessage,
  LocalPush,
  LocalPushName,
  LocalReply,
  LocalReplyData,
  LocalRequest,
  LocalRequestBody,
  LocalRevokedPush,
  LocalSendRefusal,
  LocalServerFrame,
  LocalUpdateGroupProfile,
} from './protocol/frames';
export {
  MAX_ATTRIBUTE_KEY_BYTES,
  MAX_ATTRIBUTE_KEYS,
  MAX_ATTRIBUTE_TOTAL_BYTES,
  MAX_ATTRIBUTE_VALUE_BYTES,
  MAX_AVATAR_BYTES,
  MAX_FIELD_KEY_BYTES,
  MAX_FIELD_VALUE_BYTES,
  MAX_GROUP_FIELDS,
  MAX_GROUP_ID_BYTES,
  MAX_GROUP_NAME_BYTES,
  MAX_INTRODUCTION_BYTES,
  MAX_MEMBER_PAGE,
  MAX_MESSAGE_BYTES,
  MAX_NICK_BYTES,
  MAX_NOTIFICATION_BYTES,
  MAX_PROFILE_BATCH,
  MAX_SELF_SIGNATURE_BYTES,
  MAX_USER_ID_BYTES,
  ROOM_MESSAGES_PER_SECOND,
} from './protocol/limits';
export {
  FILTER_MODES,
  type FilterMode,
  isForTheShow,
  MAX_FILTER_WORD_CHARS,
  MAX_FILTER_WORDS,
  MAX_SLOW_MODE_SECONDS,
  type ModerationRules,
  REST_OF_SHOW_SECONDS,
} from './protocol/moderation';
export {
  type ReplayChapter,
  type ReplayInfo,
  type ReplaySegment,
  TIMELINE_EVENT_TYPES,
  type TimelineEvent,
  type TimelineEventType,
  type TimelinePage,
  type TimelineQuery,
} from './protocol/replay';
export {
  CUSTOM_DATA as LIVE_SELL_WIRE,
  CUSTOM_DATA,
  type CustomDataName,
  GROUP_FIELD as LIVE_SELL_FIELD,
  GROUP_FIELD,
  type GroupFieldKey,
  LOCAL_OPS,
  LOCAL_PUSHES,
  MODERATION_FIELD,
} from './protocol/vocabulary';
export {
  ADD_GOODS_FIELD,
  ADD_GOODS_MAX_BYTES,
  COUPON_ISSUE_EVENT,
  type CouponClaimAnnouncement,
  type CouponIssueAnnouncement,
  decodeCouponClaim,
  decodeCouponIssue,
  decodeExplaining,
  decodePurchase,
  type ExplainingValue,
  encodeExplaining,
  type PurchaseAnnouncement,
} from './room/merchant-wire';
