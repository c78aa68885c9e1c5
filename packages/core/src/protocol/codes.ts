/**
 * Tencent IM error codes both sides use: the SDK's codes the kit relies on and the service's codes
 * the local server answers with, as Tencent IM's service does (Tencent IM's error code list).
 * Core maps them to `LiveSellError` codes (`live-sell/tim-error.ts`); the server throws them.
 */

// One constant per code, so a module that reads a few (the client's error mapping) does not keep
// the whole table in a page's bundle; `TIM_ERROR` gathers them for everyone else.
export const NOT_LOGGED_IN = 2024;
export const REPEAT_LOGIN = 2025;
export const SEND_FAILED = 2100;
export const NOT_IN_AVCHATROOM = 2101;
export const JOIN_FAILED = 2660;
export const NOT_SUPPORTED_IN_AVCHATROOM = 2687;
export const NETWORK_ERROR = 2800;
export const NETWORK_TIMEOUT = 2801;
export const NO_NETWORK = 2805;
export const OVER_FREQUENCY = 2996;
export const SDK_NOT_READY = 2999;
export const LOGIN_FAILED = 3001;
export const PERMISSION_DENIED = 10007;
export const MUTED = 10017;
export const USERSIG_EXPIRED = 70001;
/** Server codes the local server also returns, as Tencent IM's service does. */
export const INVALID_PARAMETERS = 10004;
export const GROUP_NOT_FOUND = 10010;
export const GROUP_ID_IN_USE = 10021;
export const USERSIG_INVALID = 70003;
export const USERSIG_VERIFY_FAILED = 70009;
export const USERSIG_IDENTIFIER_MISMATCH = 70013;
export const USERSIG_SDKAPPID_MISMATCH = 70014;
export const MESSAGE_TOO_LARGE = 80002;
/** Too many accounts in one request (e.g. getUserProfile beyond 100 userIDs). */
export const TOO_MANY_ACCOUNTS = 10005;
/** Operation frequency limit (requests per connection). */
export const OPERATION_FREQUENCY = 10006;
/** Message frequency over limit: a sender over its per-user rate; lengthen the interval. */
export const MESSAGE_FREQUENCY = 10023;
/** The group owner cannot quit a live room (AVChatRoom). */
export const OWNER_CANNOT_QUIT = 10009;
/** The user has created as many live rooms as the app allows. */
export const ROOM_COUNT_LIMIT = 10036;
/** The app backend refused the operation through a callback (e.g. `Group.CallbackBeforeSendMsg`). */
export const CALLBACK_REFUSED = 10016;
/** The message to revoke does not exist (or is no longer kept). */
export const REVOKE_NOT_FOUND = 10030;
/** A message may be revoked by its sender within 2 minutes. */
export const REVOKE_TIME_LIMIT = 10031;
/** Slow mode: this member sent less than the room's interval ago (local server; see the moderation guide). */
export const SLOW_MODE = 10101;
/** The text contains a word of the room's (or the app's) sensitive-word list. */
export const FILTERED = 80001;

/** Error codes of the real SDK that the kit relies on (Tencent IM documentation). */
export const TIM_ERROR = {
  NOT_LOGGED_IN,
  REPEAT_LOGIN,
  SEND_FAILED,
  NOT_IN_AVCHATROOM,
  JOIN_FAILED,
  NOT_SUPPORTED_IN_AVCHATROOM,
  NETWORK_ERROR,
  NETWORK_TIMEOUT,
  NO_NETWORK,
  OVER_FREQUENCY,
  SDK_NOT_READY,
  LOGIN_FAILED,
  PERMISSION_DENIED,
  MUTED,
  USERSIG_EXPIRED,
  INVALID_PARAMETERS,
  GROUP_NOT_FOUND,
  GROUP_ID_IN_USE,
  USERSIG_INVALID,
  USERSIG_VERIFY_FAILED,
  USERSIG_IDENTIFIER_MISMATCH,
  USERSIG_SDKAPPID_MISMATCH,
  MESSAGE_TOO_LARGE,
  TOO_MANY_ACCOUNTS,
  OPERATION_FREQUENCY,
  MESSAGE_FREQUENCY,
  OWNER_CANNOT_QUIT,
  ROOM_COUNT_LIMIT,
  CALLBACK_REFUSED,
  REVOKE_NOT_FOUND,
  REVOKE_TIME_LIMIT,
  SLOW_MODE,
  FILTERED,
} as const;

/** One of the codes above. */
export type TimErrorCode = (typeof TIM_ERROR)[keyof typeof TIM_ERROR];
