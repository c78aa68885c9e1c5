import type { SqlDatabase } from '../module';
import { MerchantError } from './merchant-error';

/**
 * Abuse limits on orders. The local server takes no payment: an order takes stock the moment it is
 * placed and keeps it, so an unpaid order is an open one. One viewer must not be able to hold a
 * product's whole stock, and no loop of orders may flood the room with purchase announcements.
 */
export interface OrderLimits {
  /** Units of one product one user may hold across their orders. Default 5. */
  unitsPerUserPerGoods?: number;
  /** Orders one user may place per minute, any product. Default 10. */
  ordersPerUserPerMinute?: number;
  /** Orders one product accepts per second from everyone together. Default 20. */
  ordersPerGoodsPerSecond?: number;
}

export const DEFAULT_ORDER_LIMITS: Required<OrderLimits> = {
  unitsPerUserPerGoods: 5,
  ordersPerUserPerMinute: 10,
  ordersPerGoodsPerSecond: 20,
};

/** Timestamps of recent events per key, at most `max` kept per key; old keys are swept. */
class SlidingWindow {
  private readonly hits = new Map<string, number[]>();
  private lastSweep = 0;

  constructor(
    private readonly windowMs: number,
    private readonly max: number,
  ) {}

  /** Milliseconds until `key` may act again (0 when it may now). */
  waitMs(key: string, now: number): number {
    const list = this.hits.get(key);
    if (!list) return 0;
    while (list.length > 0 && list[0]! <= now - this.windowMs) list.shift();
    return list.length < this.max ? 0 : list[0]! + this.windowMs - now;
  }

  record(key: string, now: number): void {
    let list = this.hits.get(key);
    if (!list) {
      list = [];
      this.hits.set(key, list);
    }
    list.push(now);
    if (list.length > this.max) list.shift();
    if (now - this.lastSweep > this.windowMs * 10) {
      this.lastSweep = now;
      for (const [k, l] of this.hits) if ((l[l.length - 1] ?? 0) <= now - this.windowMs) this.hits.delete(k);
    }
  }
}

/** Checks an order against the limits before the store takes stock; records it after. */
export class OrderLimiter {
  private readonly limits: Required<OrderLimits>;
  private readonly perUser: SlidingWindow;
  private readonly perGoods: SlidingWindow;

  constructor(
    private readonly db: SqlDatabase,
    private readonly now: () => number,
    limits: OrderLimits = {},
  ) {
    this.limits = { ...DEFAULT_ORDER_LIMITS, ...limits };
    this.perUser = new SlidingWindow(60_000, this.limits.ordersPerUserPerMinute);
    this.perGoods = new SlidingWindow(1000, this.limits.ordersPerGoodsPerSecond);
    db.exec('CREATE INDEX IF NOT EXISTS merchant_orders_holder ON merchant_orders (room_id, goods_id, user_id)');
  }

  /** Throws when the order would break a limit. A replayed request (same requestID) is never refused here. */
  check(roomID: string, userID: string, goodsID: string, quantity: number, requestID?: string): void {
    if (
      requestID &&
      this.db.prepare('SELECT 1 FROM merchant_orders WHERE user_id = ? AND request_id = ?').get(userID, requestID)
    ) {
      return;
    }
    const now = this.now();
    const userWait = this.perUser.waitMs(userID, now);
    if (userWait > 0) {
      throw new MerchantError(
        429,
        'TOO_MANY_ORDERS',
        `At most ${this.limits.ordersPerUserPerMinute} orders a minute; try again in ${Math.ceil(userWait / 1000)} s`,
        { limit: this.limits.ordersPerUserPerMinute, retryAfterMs: userWait },
      );
    }
    const goodsWait = this.perGoods.waitMs(`${roomID}\n${goodsID}`, now);
    if (goodsWait > 0) {
      throw new MerchantError(429, 'GOODS_BUSY', 'This product is taking too many orders; try again in a moment', {
        limit: this.limits.ordersPerGoodsPerSecond,
        retryAfterMs: goodsWait,
      });
    }
    const row = this.db
      .prepare(
        'SELECT COALESCE(SUM(quantity), 0) AS held FROM merchant_orders WHERE room_id = ? AND goods_id = ? AND user_id = ?',
      )
      .get(roomID, goodsID, userID) as { held: number | bigint };
    const held = Number(row.held);
    if (held + quantity > this.limits.unitsPerUserPerGoods) {
      throw new MerchantError(
        409,
        'PURCHASE_LIMIT',
        `At most ${this.limits.unitsPerUserPerGoods} of this product per person (you have ${held})`,
        { limit: this.limits.unitsPerUserPerGoods, held },
      );
    }
  }

  record(roomID: string, userID: string, goodsID: string): void {
    const now = this.now();
    this.perUser.record(userID, now);
    this.perGoods.record(`${roomID}\n${goodsID}`, now);
  }
}
