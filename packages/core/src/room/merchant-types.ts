/**
 * The merchant API's records as the server returns them (JSON). Money is integer cents (fen),
 * times are milliseconds since the epoch on the server's clock.
 */

export type GoodsStatus = 'on' | 'off';

export interface MerchantGoods {
  id: string;
  roomID: string;
  title: string;
  /** Price in cents. */
  price: number;
  /** Crossed-out price in cents, or null. */
  originalPrice: number | null;
  /** Absolute URL (or data: URI) of the product image. */
  image: string;
  stock: number;
  sold: number;
  status: GoodsStatus;
  /** Shelf order, ascending. */
  position: number;
  updatedAt: number;
}

export interface MerchantCoupon {
  id: string;
  roomID: string;
  title: string;
  /** Discount in cents. */
  amount: number;
  /** Minimum order total in cents for the coupon to apply (0 = none). */
  threshold: number;
  stock: number;
  remaining: number;
  expiresAt: number;
  createdAt: number;
  /** Present when the request was authenticated: whether this user holds a claim. */
  claimed?: boolean;
}

export interface MerchantClaim {
  id: string;
  couponID: string;
  roomID: string;
  userID: string;
  requestID: string | null;
  createdAt: number;
  /** The order that used this claim, once used. */
  orderID: string | null;
}

export interface MerchantOrder {
  id: string;
  roomID: string;
  goodsID: string;
  title: string;
  userID: string;
  quantity: number;
  unitPrice: number;
  discount: number;
  total: number;
  couponID: string | null;
  requestID: string | null;
  createdAt: number;
  /** Where the order was placed: `'replay'` for an order from an ended show's replay. */
  via?: 'live' | 'replay';
}

/** The goods being explained right now, as every response about goods reports it. */
export interface MerchantExplaining {
  goodsID: string;
  /** Increases on every change in the room, so clients can ignore stale values. */
  version: number;
  since: number;
}

export interface CreateGoodsInput {
  id?: string;
  title: string;
  price: number;
  originalPrice?: number | null;
  image?: string;
  stock: number;
  status?: GoodsStatus;
  position?: number;
}

export type UpdateGoodsInput = Partial<Omit<CreateGoodsInput, 'id'>>;

export interface IssueCouponInput {
  title?: string;
  amount: number;
  threshold?: number;
  stock: number;
  /** Absolute expiry (server clock, ms); or use `durationSeconds`. */
  expiresAt?: number;
  durationSeconds?: number;
}

export interface BuyInput {
  goodsID: string;
  quantity?: number;
  /** A coupon of this room the buyer has claimed and not used yet. */
  couponID?: string;
  requestID?: string;
  /** Display name for the purchase notice (the buyer's own IM nick). */
  nick?: string;
  /**
   * `'replay'`: bought while watching the replay of an ended show. The merchant API accepts it when
   * the merchant sells on replays (the default for goods still on sale) and says so in its answer.
   */
  via?: 'replay';
}

export interface ClaimInput {
  requestID?: string;
  nick?: string;
}

/** Every response carries the server's clock so countdowns survive a skewed device clock. */
export interface MerchantResponseBase {
  serverTime: number;
}

export interface MerchantErrorBody extends MerchantResponseBase {
  error: { code: string; message: string; details?: Record<string, unknown> };
}
