import { randomBytes } from 'node:crypto';
import type {
  CreateGoodsInput,
  GoodsStatus,
  MerchantClaim,
  MerchantCoupon,
  MerchantExplaining,
  MerchantGoods,
  MerchantOrder,
} from '@livesell/core';
import { isCommerceOpen, ROOM_ENDED, type RoomPhase } from '@livesell/core';
import type { SqlDatabase } from '../module';
import { MerchantError } from './merchant-error';
import { migrateMerchantSchema } from './schema';

type Row = Record<string, unknown>;
type Param = string | number | null;

const newID = (prefix: string) => `${prefix}_${randomBytes(9).toString('base64url')}`;
const num = (v: unknown) => Number(v);
const str = (v: unknown) => String(v);
const optStr = (v: unknown) => (v === null || v === undefined ? null : String(v));

function toGoods(r: Row): MerchantGoods {
  return {
    id: str(r.id),
    roomID: str(r.room_id),
    title: str(r.title),
    price: num(r.price),
    originalPrice: r.original_price === null ? null : num(r.original_price),
    image: str(r.image),
    stock: num(r.stock),
    sold: num(r.sold),
    status: str(r.status) as GoodsStatus,
    position: num(r.position),
    updatedAt: num(r.updated_at),
  };
}

function toCoupon(r: Row): MerchantCoupon {
  return {
    id: str(r.id),
    roomID: str(r.room_id),
    title: str(r.title),
    amount: num(r.amount),
    threshold: num(r.threshold),
    stock: num(r.stock),
    remaining: num(r.remaining),
    expiresAt: num(r.expires_at),
    createdAt: num(r.created_at),
  };
}

function toClaim(r: Row): MerchantClaim {
  return {
    id: str(r.id),
    couponID: str(r.coupon_id),
    roomID: str(r.room_id),
    userID: str(r.user_id),
    requestID: optStr(r.request_id),
    createdAt: num(r.created_at),
    orderID: optStr(r.order_id),
  };
}

function toOrder(r: Row): MerchantOrder {
  return {
    id: str(r.id),
    roomID: str(r.room_id),
    goodsID: str(r.goods_id),
    title: str(r.title),
    userID: str(r.user_id),
    quantity: num(r.quantity),
    unitPrice: num(r.unit_price),
    discount: num(r.discount),
    total: num(r.total),
    couponID: optStr(r.coupon_id),
    requestID: optStr(r.request_id),
    createdAt: num(r.created_at),
  };
}

/** The shape the merchant API accepts for new goods (the client's `CreateGoodsInput`). */
export type NewGoods = CreateGoodsInput;

export interface NewCoupon {
  title: string;
  amount: number;
  threshold: number;
  stock: number;
  expiresAt: number;
}

export interface ClaimResult {
  claim: MerchantClaim;
  coupon: MerchantCoupon;
  /** True when the request id named an earlier claim: nothing changed. */
  replayed: boolean;
}

export interface OrderResult {
  order: MerchantOrder;
  goods: MerchantGoods;
  replayed: boolean;
  /** `replay` when the order was taken from the replay of an ended show. */
  via: 'live' | 'replay';
}

/**
 * Goods, coupons, claims and orders in SQLite. Every method is synchronous and every write runs in
 * one transaction whose guard is in SQL (`remaining > 0`, `stock >= ?`, UNIQUE), so the result is
 * right even with several connections on the same file, not only thanks to Node's single thread.
 */
export class MerchantStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly now: () => number,
    /** The room's lifecycle phase (from the IM `room_status` field); every room is open without it. */
    private readonly phaseOf: (roomID: string) => RoomPhase = () => 'idle',
  ) {
    migrateMerchantSchema(db);
    db.exec(ROOM_RULES_SCHEMA);
    migrateRoomRules(db);
  }

  // --- the room's lifecycle rules -------------------------------------------------------------

  /**
   * Commerce follows the show: an ended room takes no new order, claim or coupon (`ROOM_ENDED`); a
   * paused one keeps selling unless the host turned `sellWhilePaused` off (`ROOM_PAUSED`). Replays of
   * requests already made still answer, so nothing paid or claimed is lost.
   */
  assertSelling(roomID: string, action: 'buy' | 'claim' | 'issue', via?: 'replay'): 'live' | 'replay' {
    const phase = this.phaseOf(roomID);
    // A replay keeps selling the show's goods after it ended, when the merchant allows it.
    if (phase === 'ended' && action === 'buy' && via === 'replay' && this.salesRules(roomID).sellOnReplay) {
      return 'replay';
    }
    if (!isCommerceOpen(phase)) {
      throw new MerchantError(409, ROOM_ENDED, `The show has ended: this room takes no more ${ACTION_NOUN[action]}`, {
        phase,
      });
    }
    if (phase === 'paused' && !this.salesRules(roomID).sellWhilePaused) {
      throw new MerchantError(409, 'ROOM_PAUSED', `The show is paused and the host stopped ${ACTION_NOUN[action]}`, {
        phase,
      });
    }
    return 'live';
  }

  salesRules(roomID: string): SalesRules {
    return readSalesRules(this.db, roomID);
  }

  setSalesRules(roomID: string, rules: Partial<SalesRules>): SalesRules {
    const next = { ...this.salesRules(roomID), ...rules };
    this.run(
      `INSERT INTO merchant_room_rules (room_id, sell_while_paused, sell_on_replay) VALUES (?, ?, ?)
       ON CONFLICT (room_id) DO UPDATE SET sell_while_paused = excluded.sell_while_paused,
         sell_on_replay = excluded.sell_on_replay`,
      [roomID, next.sellWhilePaused ? 1 : 0, next.sellOnReplay ? 1 : 0],
    );
    return this.salesRules(roomID);
  }

  // libsql takes parameters as one array (a lone null or a boolean breaks its argument decoding).
  private get(sql: string, params: Param[] = []): Row | undefined {
    return this.db.prepare(sql).get(params) as Row | undefined;
  }
  private all(sql: string, params: Param[] = []): Row[] {
    return this.db.prepare(sql).all(params) as Row[];
  }
  private run(sql: string, params: Param[] = []): number {
    return this.db.prepare(sql).run(params).changes;
  }

  listGoods(roomID: string, includeOff: boolean): MerchantGoods[] {
    const rows = this.all(
      `SELECT * FROM merchant_goods WHERE room_id = ? ${includeOff ? '' : "AND status = 'on'"}
       ORDER BY position, created_at, id`,
      [roomID],
    );
    return rows.map(toGoods);
  }

  getGoods(roomID: string, goodsID: string): MerchantGoods | undefined {
    const row = this.get('SELECT * FROM merchant_goods WHERE room_id = ? AND id = ?', [roomID, goodsID]);
    return row && toGoods(row);
  }

  createGoods(roomID: string, input: NewGoods): MerchantGoods {
    const id = input.id ?? newID('g');
    const now = this.now();
    return this.db.transaction(() => {
      if (this.get('SELECT 1 AS x FROM merchant_goods WHERE room_id = ? AND id = ?', [roomID, id])) {
        throw new MerchantError(409, 'GOODS_EXISTS', `Goods "${id}" already exists in this room`, { goodsID: id });
      }
      const position =
        input.position ??
        num(this.get('SELECT COALESCE(MAX(position), -1) + 1 AS p FROM merchant_goods WHERE room_id = ?', [roomID])?.p);
      this.run(
        `INSERT INTO merchant_goods (room_id, id, title, price, original_price, image, stock, sold, status, position,
           created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)`,
        [
          roomID,
          id,
          input.title,
          input.price,
          input.originalPrice ?? null,
          input.image ?? '',
          input.stock,
          input.status ?? 'on',
          position,
          now,
          now,
        ],
      );
      return this.getGoods(roomID, id)!;
    })();
  }

  updateGoods(roomID: string, goodsID: string, patch: Partial<Omit<NewGoods, 'id'>>): MerchantGoods {
    const columns: Array<[string, Param]> = [];
    if (patch.title !== undefined) columns.push(['title', patch.title]);
    if (patch.price !== undefined) columns.push(['price', patch.price]);
    if (patch.originalPrice !== undefined) columns.push(['original_price', patch.originalPrice]);
    if (patch.image !== undefined) columns.push(['image', patch.image]);
    if (patch.stock !== undefined) columns.push(['stock', patch.stock]);
    if (patch.status !== undefined) columns.push(['status', patch.status]);
    if (patch.position !== undefined) columns.push(['position', patch.position]);
    columns.push(['updated_at', this.now()]);
    const changes = this.run(
      `UPDATE merchant_goods SET ${columns.map(([c]) => `${c} = ?`).join(', ')} WHERE room_id = ? AND id = ?`,
      [...columns.map(([, v]) => v), roomID, goodsID],
    );
    if (!changes) throw goodsNotFound(goodsID);
    return this.getGoods(roomID, goodsID)!;
  }

  getExplaining(roomID: string): MerchantExplaining | null {
    const row = this.get('SELECT * FROM merchant_rooms WHERE room_id = ?', [roomID]);
    if (!row || row.explaining_goods_id === null) return null;
    return {
      goodsID: str(row.explaining_goods_id),
      version: num(row.explaining_version),
      since: num(row.explaining_since),
    };
  }

  /** Records the explaining item (or none) under the room's next version and returns that version. */
  setExplaining(roomID: string, goodsID: string | null): { explaining: MerchantExplaining | null; version: number } {
    return this.db.transaction(() => {
      if (goodsID !== null && !this.getGoods(roomID, goodsID)) throw goodsNotFound(goodsID);
      const now = this.now();
      this.run(
        `INSERT INTO merchant_rooms (room_id, explaining_goods_id, explaining_version, explaining_since)
         VALUES (?, ?, 1, ?)
         ON CONFLICT (room_id) DO UPDATE SET explaining_goods_id = excluded.explaining_goods_id,
           explaining_version = explaining_version + 1, explaining_since = excluded.explaining_since`,
        [roomID, goodsID, now],
      );
      const version = num(
        this.get('SELECT explaining_version AS v FROM merchant_rooms WHERE room_id = ?', [roomID])?.v,
      );
      return { explaining: goodsID === null ? null : { goodsID, version, since: now }, version };
    })();
  }

  listCoupons(roomID: string, includeEnded: boolean, userID?: string): MerchantCoupon[] {
    const rows = this.all(
      `SELECT c.*, ${userID ? 'EXISTS (SELECT 1 FROM merchant_claims k WHERE k.coupon_id = c.id AND k.user_id = ?)' : 'NULL'}
         AS claimed
       FROM merchant_coupons c WHERE c.room_id = ? ${includeEnded ? '' : 'AND c.expires_at > ?'}
       ORDER BY c.created_at DESC, c.id LIMIT 100`,
      [...(userID ? [userID] : []), roomID, ...(includeEnded ? [] : [this.now()])],
    );
    return rows.map((r) => {
      const coupon = toCoupon(r);
      if (userID) coupon.claimed = num(r.claimed) === 1;
      return coupon;
    });
  }

  getCoupon(roomID: string, couponID: string): MerchantCoupon | undefined {
    const row = this.get('SELECT * FROM merchant_coupons WHERE room_id = ? AND id = ?', [roomID, couponID]);
    return row && toCoupon(row);
  }

  issueCoupon(roomID: string, input: NewCoupon): MerchantCoupon {
    this.assertSelling(roomID, 'issue');
    const id = newID('c');
    this.run(
      `INSERT INTO merchant_coupons (id, room_id, title, amount, threshold, stock, remaining, expires_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [id, roomID, input.title, input.amount, input.threshold, input.stock, input.stock, input.expiresAt, this.now()],
    );
    return this.getCoupon(roomID, id)!;
  }

  /**
   * One claim per user per coupon, never more claims than stock. A repeated request id returns the
   * claim it made; another claim by the same user is refused with ALREADY_CLAIMED.
   */
  claimCoupon(roomID: string, couponID: string, userID: string, requestID: string | undefined): ClaimResult {
    return this.db.transaction((): ClaimResult => {
      if (requestID) {
        const earlier = this.get('SELECT * FROM merchant_claims WHERE user_id = ? AND request_id = ?', [
          userID,
          requestID,
        ]);
        if (earlier) {
          if (str(earlier.coupon_id) !== couponID || str(earlier.room_id) !== roomID) throw requestReused(requestID);
          return { claim: toClaim(earlier), coupon: this.getCoupon(roomID, couponID)!, replayed: true };
        }
      }
      const coupon = this.getCoupon(roomID, couponID);
      if (!coupon) throw new MerchantError(404, 'COUPON_NOT_FOUND', `No coupon "${couponID}" in this room`);
      this.assertSelling(roomID, 'claim');
      const held = this.get('SELECT id FROM merchant_claims WHERE coupon_id = ? AND user_id = ?', [couponID, userID]);
      if (held) {
        throw new MerchantError(409, 'ALREADY_CLAIMED', 'You have already claimed this coupon', {
          claimID: str(held.id),
        });
      }
      if (coupon.expiresAt <= this.now()) {
        throw new MerchantError(410, 'COUPON_EXPIRED', 'This coupon has expired', { expiresAt: coupon.expiresAt });
      }
      const taken = this.run('UPDATE merchant_coupons SET remaining = remaining - 1 WHERE id = ? AND remaining > 0', [
        couponID,
      ]);
      if (!taken) throw new MerchantError(409, 'SOLD_OUT', 'All of these coupons have been claimed', { remaining: 0 });
      const id = newID('cl');
      this.run(
        'INSERT INTO merchant_claims (id, coupon_id, room_id, user_id, request_id, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        [id, couponID, roomID, userID, requestID ?? null, this.now()],
      );
      const claim = toClaim(this.get('SELECT * FROM merchant_claims WHERE id = ?', [id])!);
      return { claim, coupon: this.getCoupon(roomID, couponID)!, replayed: false };
    })();
  }

  /** Creates an order, taking stock with a guarded UPDATE and using a claimed coupon when given. */
  buy(
    roomID: string,
    userID: string,
    input: { goodsID: string; quantity: number; couponID?: string; requestID?: string; via?: 'replay' },
  ): OrderResult {
    return this.db.transaction((): OrderResult => {
      if (input.requestID) {
        const earlier = this.get('SELECT * FROM merchant_orders WHERE user_id = ? AND request_id = ?', [
          userID,
          input.requestID,
        ]);
        if (earlier) {
          const order = toOrder(earlier);
          if (order.roomID !== roomID || order.goodsID !== input.goodsID || order.quantity !== input.quantity) {
            throw requestReused(input.requestID);
          }
          return { order, goods: this.getGoods(roomID, order.goodsID)!, replayed: true, via: 'live' };
        }
      }
      const goods = this.getGoods(roomID, input.goodsID);
      if (!goods) throw goodsNotFound(input.goodsID);
      const via = this.assertSelling(roomID, 'buy', input.via);
      if (goods.status !== 'on') throw new MerchantError(409, 'GOODS_UNAVAILABLE', 'This product is not on sale');
      const subtotal = goods.price * input.quantity;
      let discount = 0;
      let claimID: string | undefined;
      if (input.couponID) {
        const coupon = this.getCoupon(roomID, input.couponID);
        if (!coupon) throw new MerchantError(404, 'COUPON_NOT_FOUND', `No coupon "${input.couponID}" in this room`);
        const claim = this.get('SELECT * FROM merchant_claims WHERE coupon_id = ? AND user_id = ?', [
          input.couponID,
          userID,
        ]);
        if (!claim) throw new MerchantError(409, 'COUPON_NOT_CLAIMED', 'Claim this coupon before using it');
        if (claim.order_id !== null) throw new MerchantError(409, 'COUPON_USED', 'This coupon has already been used');
        if (coupon.expiresAt <= this.now()) throw new MerchantError(410, 'COUPON_EXPIRED', 'This coupon has expired');
        if (subtotal < coupon.threshold) {
          throw new MerchantError(
            409,
            'COUPON_THRESHOLD',
            `This coupon needs an order of at least ${coupon.threshold}`,
            {
              threshold: coupon.threshold,
            },
          );
        }
        discount = Math.min(coupon.amount, subtotal);
        claimID = str(claim.id);
      }
      const taken = this.run(
        `UPDATE merchant_goods SET stock = stock - ?, sold = sold + ?, updated_at = ?
         WHERE room_id = ? AND id = ? AND stock >= ?`,
        [input.quantity, input.quantity, this.now(), roomID, input.goodsID, input.quantity],
      );
      if (!taken) {
        throw goods.stock === 0
          ? new MerchantError(409, 'SOLD_OUT', 'This product is sold out', { stock: 0 })
          : new MerchantError(409, 'INSUFFICIENT_STOCK', `Only ${goods.stock} left`, { stock: goods.stock });
      }
      const id = newID('o');
      this.run(
        `INSERT INTO merchant_orders (id, room_id, goods_id, title, user_id, quantity, unit_price, discount, total,
           coupon_id, request_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          id,
          roomID,
          goods.id,
          goods.title,
          userID,
          input.quantity,
          goods.price,
          discount,
          subtotal - discount,
          input.couponID ?? null,
          input.requestID ?? null,
          this.now(),
        ],
      );
      if (claimID) this.run('UPDATE merchant_claims SET order_id = ? WHERE id = ?', [id, claimID]);
      const order = toOrder(this.get('SELECT * FROM merchant_orders WHERE id = ?', [id])!);
      return { order, goods: this.getGoods(roomID, goods.id)!, replayed: false, via };
    })();
  }

  listOrders(roomID: string, userID: string | undefined, limit: number): MerchantOrder[] {
    const rows = this.all(
      `SELECT * FROM merchant_orders WHERE room_id = ? ${userID ? 'AND user_id = ?' : ''}
       ORDER BY created_at DESC, id DESC LIMIT ?`,
      [roomID, ...(userID ? [userID] : []), limit],
    );
    return rows.map(toOrder);
  }
}

export interface SalesRules {
  /** Whether a paused show keeps taking orders and claims (default true). */
  sellWhilePaused: boolean;
  /** Whether the replay of an ended show takes orders (`via: 'replay'`) for goods still on sale (default true). */
  sellOnReplay: boolean;
}

/** A room's sales rules straight from the database (defaults when the merchant never set them). */
export function readSalesRules(db: SqlDatabase, roomID: string): SalesRules {
  let row: { sell_while_paused?: unknown; sell_on_replay?: unknown } | undefined;
  try {
    row = db.prepare('SELECT * FROM merchant_room_rules WHERE room_id = ?').get([roomID]) as typeof row;
  } catch {
    // No merchant module in this server: the defaults.
    row = undefined;
  }
  return {
    sellWhilePaused: row ? Number(row.sell_while_paused) === 1 : true,
    sellOnReplay: row && row.sell_on_replay !== undefined ? Number(row.sell_on_replay) === 1 : true,
  };
}

/** Adds `sell_on_replay` to a database made before replays. */
function migrateRoomRules(db: SqlDatabase): void {
  const columns = db.prepare('PRAGMA table_info(merchant_room_rules)').all() as Array<{ name: string }>;
  if (!columns.some((c) => c.name === 'sell_on_replay')) {
    db.exec('ALTER TABLE merchant_room_rules ADD COLUMN sell_on_replay INTEGER NOT NULL DEFAULT 1');
  }
}

const ACTION_NOUN = { buy: 'orders', claim: 'coupon claims', issue: 'new coupons' } as const;

const ROOM_RULES_SCHEMA = `
CREATE TABLE IF NOT EXISTS merchant_room_rules (
  room_id TEXT PRIMARY KEY,
  sell_while_paused INTEGER NOT NULL DEFAULT 1,
  sell_on_replay INTEGER NOT NULL DEFAULT 1
);
`;

const goodsNotFound = (goodsID: string) =>
  new MerchantError(404, 'GOODS_NOT_FOUND', `No goods "${goodsID}" in this room`, { goodsID });
const requestReused = (requestID: string) =>
  new MerchantError(409, 'REQUEST_ID_REUSED', `Request id "${requestID}" was already used for a different request`);
