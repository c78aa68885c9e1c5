import type { SenderRole } from '../live-sell/index';
import { last } from './last';

/** A danmaku row in a ring slot. `seq` grows with every new row: sort or CSS-`order` by it. */
export interface DanmakuRow {
  /** The slot's key: fixed for the life of the store, whatever row the slot holds. */
  key: string;
  seq: number;
  empty: false;
  /** The IM message ID (own messages: the ID `sendMessage` resolved with). */
  id: string;
  userID: string;
  nick: string;
  avatar: string;
  text: string;
  role: SenderRole;
  isHost: boolean;
  isSelf: boolean;
  /** Identical messages merged into this row (1 = just this one). */
  count: number;
  /** Milliseconds since the epoch. */
  time: number;
  /** Sent before this client joined (recent chat shown to a newcomer); absent on live rows. */
  earlier?: boolean;
}

export interface EmptySlot {
  key: string;
  seq: 0;
  empty: true;
}

export type DanmakuSlot = DanmakuRow | EmptySlot;

export interface DanmakuRing {
  /**
   * Fixed-length array of slots. A new row overwrites the slot `(seq - 1) % size`; every other
   * slot keeps its object identity, so a keyed list updates one node (one small setData on weapp).
   */
  slots: readonly DanmakuSlot[];
  /** `seq` of the newest row (0 = none yet). */
  newestSeq: number;
}

export type NewDanmakuRow = Omit<DanmakuRow, 'key' | 'seq' | 'empty'>;

export function createDanmakuRing(size: number, keyPrefix = 'dm'): DanmakuRing {
  const slots: EmptySlot[] = [];
  for (let i = 0; i < size; i++) slots.push({ key: `${keyPrefix}${i}`, seq: 0, empty: true });
  return { slots, newestSeq: 0 };
}

/** Writes rows (oldest first) after the newest one; returns a new ring sharing untouched slots. */
export function writeDanmaku(ring: DanmakuRing, rows: readonly NewDanmakuRow[]): DanmakuRing {
  if (rows.length === 0) return ring;
  const slots = ring.slots.slice();
  const size = slots.length;
  let seq = ring.newestSeq;
  // More rows than slots: only the last `size` can be visible.
  for (const row of last(rows, size)) {
    seq++;
    const index = (seq - 1) % size;
    // A literal, not a spread of `row`: one fixed shape, and no more fields than a row has.
    slots[index] = {
      key: slots[index]!.key,
      seq,
      empty: false,
      id: row.id,
      userID: row.userID,
      nick: row.nick,
      avatar: row.avatar,
      text: row.text,
      role: row.role,
      isHost: row.isHost,
      isSelf: row.isSelf,
      count: row.count,
      time: row.time,
    };
  }
  return { slots, newestSeq: seq };
}

/** The newest row, if any. */
export function newestDanmaku(ring: DanmakuRing): DanmakuRow | undefined {
  if (ring.newestSeq === 0) return undefined;
  const slot = ring.slots[(ring.newestSeq - 1) % ring.slots.length];
  return slot && !slot.empty ? slot : undefined;
}

/** Replaces one row in place (same slot, same seq), e.g. to bump its merge count. */
export function replaceDanmaku(ring: DanmakuRing, row: DanmakuRow): DanmakuRing {
  const index = (row.seq - 1) % ring.slots.length;
  const slot = ring.slots[index];
  if (!slot || slot.seq !== row.seq) return ring;
  const slots = ring.slots.slice();
  slots[index] = row;
  return { slots, newestSeq: ring.newestSeq };
}

/**
 * Empties the slot holding message `id` (a message deleted for everyone): only that slot changes,
 * every other keeps its identity. The same ring when no row has that ID.
 */
export function removeDanmaku(ring: DanmakuRing, id: string): DanmakuRing {
  const slots = ring.slots;
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i]!;
    if (!slot.empty && slot.id === id) {
      const next = slots.slice();
      next[i] = { key: slot.key, seq: 0, empty: true };
      return { slots: next, newestSeq: ring.newestSeq };
    }
  }
  return ring;
}

const orderCache = new WeakMap<readonly DanmakuSlot[], readonly DanmakuRow[]>();

/**
 * The rows oldest → newest (render top → bottom). Cached per slots array, so it is a stable
 * selector result. On weapp prefer rendering `slots` in place with CSS `order: seq` in a flex
 * column: the node list never moves, only the rewritten slot changes.
 */
export function orderedDanmaku(ring: DanmakuRing): readonly DanmakuRow[] {
  const cached = orderCache.get(ring.slots);
  if (cached) return cached;
  const size = ring.slots.length;
  const rows: DanmakuRow[] = [];
  const first = Math.max(1, ring.newestSeq - size + 1);
  for (let seq = first; seq <= ring.newestSeq; seq++) {
    const slot = ring.slots[(seq - 1) % size];
    if (slot && !slot.empty && slot.seq === seq) rows.push(slot);
  }
  orderCache.set(ring.slots, rows);
  return rows;
}
