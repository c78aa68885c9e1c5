import type { SqlDatabase } from '../module';

/**
 * Tables live in the server's shared SQLite file, so every name carries the `merchant_` prefix.
 * Stock and remaining coupons can never go negative (CHECK), a user can hold one claim per coupon
 * (UNIQUE), and a request id names one claim / one order per user (partial UNIQUE index).
 */
export const MERCHANT_SCHEMA = `
CREATE TABLE IF NOT EXISTS merchant_goods (
  room_id TEXT NOT NULL,
  id TEXT NOT NULL,
  title TEXT NOT NULL,
  price INTEGER NOT NULL CHECK (price >= 0),
  original_price INTEGER,
  image TEXT NOT NULL DEFAULT '',
  stock INTEGER NOT NULL CHECK (stock >= 0),
  sold INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'on' CHECK (status IN ('on', 'off')),
  position INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (room_id, id)
);
CREATE TABLE IF NOT EXISTS merchant_rooms (
  room_id TEXT PRIMARY KEY,
  explaining_goods_id TEXT,
  explaining_version INTEGER NOT NULL DEFAULT 0,
  explaining_since INTEGER
);
CREATE TABLE IF NOT EXISTS merchant_coupons (
  id TEXT PRIMARY KEY,
  room_id TEXT NOT NULL,
  title TEXT NOT NULL,
  amount INTEGER NOT NULL CHECK (amount > 0),
  threshold INTEGER NOT NULL DEFAULT 0,
  stock INTEGER NOT NULL CHECK (stock > 0),
  remaining INTEGER NOT NULL CHECK (remaining >= 0),
  expires_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS merchant_coupons_room ON merchant_coupons (room_id, created_at);
CREATE TABLE IF NOT EXISTS merchant_claims (
  id TEXT PRIMARY KEY,
  coupon_id TEXT NOT NULL,
  room_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  request_id TEXT,
  created_at INTEGER NOT NULL,
  order_id TEXT,
  UNIQUE (coupon_id, user_id)
);
CREATE UNIQUE INDEX IF NOT EXISTS merchant_claims_request ON merchant_claims (user_id, request_id)
  WHERE request_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS merchant_orders (
  id TEXT PRIMARY KEY,
  room_id TEXT NOT NULL,
  goods_id TEXT NOT NULL,
  title TEXT NOT NULL,
  user_id TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  unit_price INTEGER NOT NULL,
  discount INTEGER NOT NULL DEFAULT 0,
  total INTEGER NOT NULL,
  coupon_id TEXT,
  request_id TEXT,
  created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS merchant_orders_request ON merchant_orders (user_id, request_id)
  WHERE request_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS merchant_orders_room ON merchant_orders (room_id, created_at);
`;

export function migrateMerchantSchema(db: SqlDatabase): void {
  db.exec(MERCHANT_SCHEMA);
}
