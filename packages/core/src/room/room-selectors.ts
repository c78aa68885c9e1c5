import type { Clock } from '../clock';
import type { MerchantGoods } from './merchant-types';
import type { CouponStatus, CouponView, ExplainingItem, RoomState } from './room-store-types';

/** The server's clock now, from the local clock and the learnt offset (for countdowns). */
export function serverNow(state: Pick<RoomState, 'serverTimeOffset'>, clock: Pick<Clock, 'now'>): number {
  return clock.now() + state.serverTimeOffset;
}

export function couponStatus(coupon: CouponView, now: number): CouponStatus {
  // The expiry ends both claiming and using (the merchant API refuses an expired coupon at checkout).
  if (coupon.expiresAt <= now) return 'expired';
  if (coupon.claimed) return 'claimed';
  if (coupon.remaining <= 0) return 'sold-out';
  return 'available';
}

/** The coupon to pop up: the newest one still claimable, else the newest claimed one still running. */
export function selectActiveCoupon(state: Pick<RoomState, 'coupons'>, now: number): CouponView | undefined {
  let claimed: CouponView | undefined;
  for (let i = state.coupons.length - 1; i >= 0; i--) {
    const c = state.coupons[i]!;
    const status = couponStatus(c, now);
    if (status === 'available') return c;
    if (status === 'claimed' && c.expiresAt > now && !claimed) claimed = c;
  }
  return claimed;
}

export interface ExplainingGoods {
  item: ExplainingItem;
  /** The shelf entry, when the shelf has it (price and stock there are fresher). */
  goods: MerchantGoods | undefined;
}

const explainingCache = new WeakMap<ExplainingItem, WeakMap<readonly MerchantGoods[], ExplainingGoods>>();

/** The explaining item joined with its shelf entry. Same inputs → same object (a stable selector). */
export function selectExplainingGoods(state: Pick<RoomState, 'explaining' | 'goods'>): ExplainingGoods | null {
  const item = state.explaining;
  if (!item) return null;
  let byGoods = explainingCache.get(item);
  if (!byGoods) {
    byGoods = new WeakMap();
    explainingCache.set(item, byGoods);
  }
  let result = byGoods.get(state.goods);
  if (!result) {
    result = { item, goods: state.goods.find((g) => g.id === item.id) };
    byGoods.set(state.goods, result);
  }
  return result;
}
