/**
 * Tencent IM's documented limits for a live room (AVChatRoom) that both sides need: clients check
 * before they send (and cut what they receive), the local server refuses beyond them with the codes
 * in `codes.ts`. Plain literals, so a page pays only for the ones it reads.
 */

/** Bytes a text or custom message may take (payload + cloudCustomData): 12 KB. */
export const MAX_MESSAGE_BYTES = 12288;
/** Messages a live room delivers per second; beyond it low priorities are dropped first. */
export const ROOM_MESSAGES_PER_SECOND = 40;

/** Group custom fields an app may define. */
export const MAX_GROUP_FIELDS = 10;
/** Bytes of a group custom field key (`[A-Za-z0-9_]`). */
export const MAX_FIELD_KEY_BYTES = 16;
/** Bytes of a group custom field value. */
export const MAX_FIELD_VALUE_BYTES = 512;

/** Group attributes: keys per group, bytes per key, per value, and in all. */
export const MAX_ATTRIBUTE_KEYS = 16;
export const MAX_ATTRIBUTE_KEY_BYTES = 32;
export const MAX_ATTRIBUTE_VALUE_BYTES = 4096;
export const MAX_ATTRIBUTE_TOTAL_BYTES = 16384;

/** Group profile fields. */
export const MAX_GROUP_NAME_BYTES = 100;
export const MAX_NOTIFICATION_BYTES = 400;
export const MAX_INTRODUCTION_BYTES = 400;
/** A groupID: printable ASCII without spaces. */
export const MAX_GROUP_ID_BYTES = 48;

/** A userID: printable ASCII. */
export const MAX_USER_ID_BYTES = 32;
/** Member profile fields. */
export const MAX_NICK_BYTES = 500;
export const MAX_AVATAR_BYTES = 500;
export const MAX_SELF_SIGNATURE_BYTES = 500;
/** userIDs per `getUserProfile` (Tencent's portrait_get takes at most 100). */
export const MAX_PROFILE_BATCH = 100;
/** Members per `getGroupMemberList` page. */
export const MAX_MEMBER_PAGE = 100;
