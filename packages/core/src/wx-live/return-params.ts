import { type LiveRoomCustomParams, parseCustomParams, toRoomId } from './room-url';

/** The parts of `App.onShow` / `Page.onLoad` options the live room hands back. */
export interface LiveReturnInput {
  /** `options.query` of `App.onShow`, or a page's `onLoad(options)` itself. */
  query?: Record<string, unknown>;
  shareTicket?: unknown;
  scene?: unknown;
}

export interface LiveReturnParams {
  /** Set when the user came from a live room (a goods item on its shelf, or a room share card). */
  roomId?: number;
  /** Your own `custom_params` from `buildLiveRoomUrl`, decoded. */
  customParams?: LiveRoomCustomParams;
  /** Set when the app was opened from a group share card; pass to `wx.getShareInfo`. */
  shareTicket?: string;
  scene?: number;
}

/** Share-card scenes (single chat, group chat, and their variants) where WeChat supplies a shareTicket. */
export const SHARE_CARD_SCENES: ReadonlySet<number> = new Set([1007, 1008, 1044]);

/**
 * Reads what WeChat's live room passes back: `room_id` (+ `custom_params`) when a viewer taps a
 * goods item and lands on your goods page, `shareTicket` when they open a room card shared to a
 * group. Everything arrives through a URL anyone can craft, so each value is validated and
 * dropped when malformed. (In a subpackage, `requirePlugin('live-player-plugin').getShareParams()`
 * also returns `openid`/`share_openid`, which never appear in the query.)
 */
export function parseLiveReturnParams(input: LiveReturnInput): LiveReturnParams {
  const out: LiveReturnParams = {};
  const query = input.query ?? {};
  const roomId = toRoomId(query.room_id);
  if (roomId !== undefined) out.roomId = roomId;
  const customParams = parseCustomParams(query.custom_params);
  if (customParams) out.customParams = customParams;
  if (typeof input.shareTicket === 'string' && /^[\x21-\x7e]{1,512}$/.test(input.shareTicket)) {
    out.shareTicket = input.shareTicket;
  }
  if (typeof input.scene === 'number' && Number.isInteger(input.scene)) out.scene = input.scene;
  return out;
}
