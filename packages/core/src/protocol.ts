/**
 * `@livesell/core/protocol`: the wire formats core and `@livesell/server` share — the local IM
 * protocol (frames, ops, the message size cap) and the room's custom messages and group fields
 * (the explaining item, coupon and purchase announcements). For servers and tools, not pages.
 */
export { FIELD as LIVE_SELL_FIELD, WIRE as LIVE_SELL_WIRE } from './live-sell/wire';
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
export {
  type LocalGroupAttributesPush,
  type LocalOp,
  type LocalOutgoingMessage,
  type LocalPush,
  type LocalReply,
  type LocalReplyData,
  type LocalRequest,
  type LocalRequestBody,
  type LocalRevokedPush,
  type LocalSendRefusal,
  type LocalServerFrame,
  type LocalUpdateGroupProfile,
  MAX_MESSAGE_BYTES,
} from './tim/protocol';
