import { FIELD, FIELD_BYTES, isCount, parseJsonObject, utf8Bytes } from '../live-sell/wire';
import { or } from '../or';

/**
 * What the merchant server writes into the room, shared by the server (encode) and the room store
 * (decode). Everything decoded here comes from the network: decoders validate and return null
 * instead of throwing.
 */

/** The group custom field the server writes; its op-6 tip becomes ADD_GOODS on every client. */
export const ADD_GOODS_FIELD = FIELD.ADD_GOODS;
/** Real AVChatRooms cap a group custom field value at 512 bytes. */
export const ADD_GOODS_MAX_BYTES = FIELD_BYTES;
/** Custom message `data` the server sends when a coupon is issued (High priority). */
export const COUPON_ISSUE_EVENT = 'ISSUE_COUPON';

/**
 * The `add_goods` value: compact JSON `{"id","v","t","p","i"?}`; `""` means nothing is explained.
 * Clients of the original component receive it unchanged as the ADD_GOODS `value` string.
 */
export interface ExplainingValue {
  id: string;
  /** Per-room version; a higher one wins. 0 for values not written by this server. */
  v: number;
  t?: string;
  /** Price in cents. */
  p?: number;
  i?: string;
}

export interface CouponIssueAnnouncement {
  couponID: string;
  title: string;
  amount: number;
  threshold: number;
  stock: number;
  remaining: number;
  expiresAt: number;
  serverTime: number;
}

export interface CouponClaimAnnouncement {
  couponID: string;
  claimID: string;
  userID: string;
  nick: string;
  remaining: number;
  serverTime: number;
}

export interface PurchaseAnnouncement {
  orderID: string;
  goodsID: string;
  title: string;
  quantity: number;
  userID: string;
  nick: string;
  /** Stock left after this purchase. */
  stock: number;
  serverTime: number;
  /**
   * How many purchases this announcement stands for: the server merges a burst that exceeds the
   * room's budget into one ("+12 bought"; buyer fields are the newest, `quantity` the sum). 1 when absent.
   */
  merged?: number;
}

/** Cuts to at most `max` code points without splitting a surrogate pair. */
function cut(text: string, max: number): string {
  return Array.from(text).slice(0, max).join('');
}

/**
 * Encodes the explaining item so it always fits the 512-byte field: the image is left out when
 * it is a data: URI or too long, then the title is shortened.
 */
export function encodeExplaining(value: ExplainingValue | null): string {
  if (!value) return '';
  const base: ExplainingValue = { id: value.id, v: value.v };
  if (value.t !== undefined) base.t = value.t;
  if (value.p !== undefined) base.p = value.p;
  const withImage =
    value.i && /^https?:\/\//.test(value.i)
      ? JSON.stringify(Object.assign({}, base, { i: value.i }))
      : JSON.stringify(base);
  if (utf8Bytes(withImage) <= ADD_GOODS_MAX_BYTES) return withImage;
  let title = base.t ?? '';
  for (;;) {
    const encoded = JSON.stringify(
      title ? Object.assign({}, base, { t: title }) : { id: base.id, v: base.v, p: base.p },
    );
    if (utf8Bytes(encoded) <= ADD_GOODS_MAX_BYTES || !title) return encoded;
    title = cut(title, Math.floor(Array.from(title).length * 0.8));
  }
}

/** The JSON object of a server announcement (a custom message extension, at most 4 KB). */
function announcement(extension: unknown): Record<string, unknown> | null {
  return typeof extension === 'string' && extension.length <= 4096 ? or(parseJsonObject(extension), null) : null;
}

const isId = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 64;
const isTime = (v: unknown): v is number => Number.isFinite(v) && (v as number) >= 0;
const text = (v: unknown, max: number): string => (typeof v === 'string' ? cut(v, max) : '');

/**
 * Reads an `add_goods` value. Backends of the original component wrote arbitrary strings (often
 * just a goods id), so a short non-JSON string is taken as an id with version 0; `""` is null.
 */
export function decodeExplaining(value: unknown): ExplainingValue | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (!trimmed || utf8Bytes(trimmed) > ADD_GOODS_MAX_BYTES * 2) return null;
  const obj = parseJsonObject(trimmed);
  if (!obj) return trimmed.startsWith('{') || trimmed.length > 64 ? null : { id: trimmed, v: 0 };
  const id = typeof obj.id === 'number' ? String(obj.id) : obj.id;
  if (!isId(id)) return null;
  const result: ExplainingValue = { id, v: isCount(obj.v) ? obj.v : 0 };
  if (typeof obj.t === 'string') result.t = text(obj.t, 100);
  if (isCount(obj.p)) result.p = obj.p;
  if (typeof obj.i === 'string' && /^https?:\/\//.test(obj.i) && obj.i.length <= 1024) result.i = obj.i;
  return result;
}

export function decodeCouponIssue(extension: unknown): CouponIssueAnnouncement | null {
  const o = announcement(extension);
  if (!o || !isId(o.couponID) || !isCount(o.amount) || !isCount(o.stock) || !isCount(o.remaining)) return null;
  if (!isTime(o.expiresAt) || !isTime(o.serverTime)) return null;
  return {
    couponID: o.couponID,
    title: text(o.title, 60),
    amount: o.amount,
    threshold: isCount(o.threshold) ? o.threshold : 0,
    stock: o.stock,
    remaining: Math.min(o.remaining, o.stock),
    expiresAt: o.expiresAt,
    serverTime: o.serverTime,
  };
}

export function decodeCouponClaim(extension: unknown): CouponClaimAnnouncement | null {
  const o = announcement(extension);
  if (!o || !isId(o.couponID) || !isId(o.claimID) || !isId(o.userID) || !isCount(o.remaining)) return null;
  return {
    couponID: o.couponID,
    claimID: o.claimID,
    userID: o.userID,
    nick: text(o.nick, 32),
    remaining: o.remaining,
    serverTime: isTime(o.serverTime) ? o.serverTime : 0,
  };
}

export function decodePurchase(extension: unknown): PurchaseAnnouncement | null {
  const o = announcement(extension);
  if (!o || !isId(o.orderID) || !isId(o.goodsID) || !isId(o.userID) || !isCount(o.stock)) return null;
  if (!isCount(o.quantity) || o.quantity < 1) return null;
  return {
    orderID: o.orderID,
    goodsID: o.goodsID,
    title: text(o.title, 100),
    quantity: o.quantity,
    userID: o.userID,
    nick: text(o.nick, 32),
    stock: o.stock,
    serverTime: isTime(o.serverTime) ? o.serverTime : 0,
    merged: isCount(o.merged) && o.merged > 1 ? o.merged : 1,
  };
}
