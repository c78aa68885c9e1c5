import {
  type ReplayChapter,
  TIMELINE_EVENT_TYPES,
  type TimelineEvent,
  type TimelineEventType,
} from '@livesell/core/protocol';
import type { SqlDatabase } from '../module';

/**
 * What happened in a room while it was live, with server time: the replay timeline. Events are
 * written in batches (one transaction per flush) into a WITHOUT ROWID table keyed
 * `(room, at, seq)`, so a window of the show is one range scan of the primary key.
 */

/** The event types (from the shared protocol); a type's index is its stored code. */
export const TIMELINE_TYPES = TIMELINE_EVENT_TYPES;
/** A timeline event type (`TimelineEventType` in `@livesell/core/protocol`). */
export type TimelineType = TimelineEventType;
export type { TimelineEvent };

export interface NewTimelineEvent {
  roomID: string;
  at: number;
  type: TimelineType;
  /** The IM message ID of a chat message (so it can be deleted later). */
  messageID?: string;
  userID?: string;
  nick?: string;
  avatar?: string;
  data: Record<string, unknown>;
}

/** A product the host explained (`ReplayChapter` in `@livesell/core/protocol`). */
export type Chapter = ReplayChapter;

export interface TimelineLimits {
  /** Events kept per room; beyond it only status and explain events are stored. Default 2,000,000. */
  maxEventsPerRoom: number;
  /** Largest JSON `data` of one event (bytes); larger events are dropped. Default 4096. */
  maxDataBytes: number;
  /** Events buffered before a flush is forced. Default 1000. */
  maxBuffered: number;
}

export const DEFAULT_TIMELINE_LIMITS: TimelineLimits = {
  maxEventsPerRoom: 2_000_000,
  maxDataBytes: 4096,
  maxBuffered: 1000,
};

const TYPE_CODE: ReadonlyMap<TimelineType, number> = new Map(TIMELINE_TYPES.map((t, i) => [t, i]));
const ALWAYS_KEPT: ReadonlySet<TimelineType> = new Set(['status', 'explain']);

const SCHEMA = `
CREATE TABLE IF NOT EXISTS replay_rooms (
  room_key INTEGER PRIMARY KEY,
  room_id TEXT NOT NULL UNIQUE,
  next_seq INTEGER NOT NULL DEFAULT 1,
  events INTEGER NOT NULL DEFAULT 0,
  dropped INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS replay_events (
  room_key INTEGER NOT NULL,
  at INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  type INTEGER NOT NULL,
  msg_id TEXT,
  user_id TEXT,
  nick TEXT,
  avatar TEXT,
  data TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (room_key, at, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS replay_events_by_msg ON replay_events (room_key, msg_id) WHERE msg_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS replay_chapters (
  room_key INTEGER NOT NULL,
  at INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  goods_id TEXT NOT NULL,
  title TEXT NOT NULL,
  image TEXT,
  price INTEGER,
  PRIMARY KEY (room_key, at, seq)
) WITHOUT ROWID;
`;

interface RoomState {
  key: number;
  nextSeq: number;
  events: number;
  dropped: number;
  dirty: boolean;
}

interface Pending {
  room: RoomState;
  seq: number;
  event: NewTimelineEvent;
  data: string;
}

interface EventRow {
  at: number;
  seq: number;
  type: number;
  msg_id: string | null;
  user_id: string | null;
  nick: string | null;
  avatar: string | null;
  data: string;
}

export interface TimelineQuery {
  from: number;
  to: number;
  limit: number;
  /** Resume after this `(at, seq)` (from a `next` cursor). */
  after?: { at: number; seq: number };
  types?: readonly TimelineType[];
}

export class TimelineStore {
  private readonly rooms = new Map<string, RoomState>();
  private buffer: Pending[] = [];
  private readonly limits: TimelineLimits;

  constructor(
    private readonly db: SqlDatabase,
    limits: Partial<TimelineLimits> = {},
  ) {
    this.limits = { ...DEFAULT_TIMELINE_LIMITS, ...limits };
    db.exec(SCHEMA);
  }

  private room(roomID: string, create: boolean): RoomState | undefined {
    let state = this.rooms.get(roomID);
    if (state) return state;
    let row = this.db
      .prepare('SELECT room_key, next_seq, events, dropped FROM replay_rooms WHERE room_id = ?')
      .get([roomID]) as { room_key: number; next_seq: number; events: number; dropped: number } | undefined;
    if (!row) {
      if (!create) return undefined;
      const { lastInsertRowid } = this.db.prepare('INSERT INTO replay_rooms (room_id) VALUES (?)').run([roomID]);
      row = { room_key: Number(lastInsertRowid), next_seq: 1, events: 0, dropped: 0 };
    }
    state = {
      key: Number(row.room_key),
      nextSeq: Number(row.next_seq),
      events: Number(row.events),
      dropped: Number(row.dropped),
      dirty: false,
    };
    this.rooms.set(roomID, state);
    return state;
  }

  /** Queues an event; false when it was dropped (room full, data too large). Written on the next flush. */
  add(event: NewTimelineEvent): boolean {
    const room = this.room(event.roomID, true)!;
    const data = JSON.stringify(event.data);
    if (
      data.length > this.limits.maxDataBytes ||
      Buffer.byteLength(data) > this.limits.maxDataBytes ||
      (room.events >= this.limits.maxEventsPerRoom && !ALWAYS_KEPT.has(event.type))
    ) {
      room.dropped++;
      room.dirty = true;
      return false;
    }
    const seq = room.nextSeq++;
    room.events++;
    room.dirty = true;
    this.buffer.push({ room, seq, event, data });
    if (this.buffer.length >= this.limits.maxBuffered) this.flush();
    return true;
  }

  /** Writes the buffered events in one transaction. */
  flush(): void {
    if (this.buffer.length === 0 && ![...this.rooms.values()].some((r) => r.dirty)) return;
    const batch = this.buffer;
    this.buffer = [];
    const insert = this.db.prepare(
      'INSERT OR IGNORE INTO replay_events (room_key, at, seq, type, msg_id, user_id, nick, avatar, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const chapter = this.db.prepare(
      'INSERT OR IGNORE INTO replay_chapters (room_key, at, seq, goods_id, title, image, price) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const update = this.db.prepare('UPDATE replay_rooms SET next_seq = ?, events = ?, dropped = ? WHERE room_key = ?');
    this.db.transaction(() => {
      for (const { room, seq, event, data } of batch) {
        insert.run([
          room.key,
          event.at,
          seq,
          TYPE_CODE.get(event.type)!,
          event.messageID ?? null,
          event.userID ?? null,
          event.nick ?? null,
          event.avatar ?? null,
          data,
        ]);
        const d = event.data;
        if (event.type === 'explain' && typeof d.goodsID === 'string') {
          chapter.run([
            room.key,
            event.at,
            seq,
            d.goodsID,
            typeof d.title === 'string' ? d.title : d.goodsID,
            typeof d.image === 'string' ? d.image : null,
            typeof d.price === 'number' ? d.price : null,
          ]);
        }
      }
      for (const room of this.rooms.values()) {
        if (!room.dirty) continue;
        update.run([room.nextSeq, room.events, room.dropped, room.key]);
        room.dirty = false;
      }
    })();
  }

  /** Marks a chat message deleted (only `from`'s copy when the sender is known): it is never returned again. */
  deleteMessage(roomID: string, messageID: string, from?: string): boolean {
    this.flush();
    const room = this.room(roomID, false);
    if (!room) return false;
    const bySender = from === undefined ? '' : ' AND user_id = ?';
    const params = from === undefined ? [room.key, messageID] : [room.key, messageID, from];
    return (
      this.db.prepare(`UPDATE replay_events SET deleted = 1 WHERE room_key = ? AND msg_id = ?${bySender}`).run(params)
        .changes > 0
    );
  }

  /** One page of a room's events in `[from, to)`, ordered by `(at, seq)`, deleted ones left out. */
  query(roomID: string, q: TimelineQuery): { events: TimelineEvent[]; seqs: number[] } {
    this.flush();
    const room = this.room(roomID, false);
    if (!room) return { events: [], seqs: [] };
    const params: unknown[] = [room.key, q.after ? Math.max(q.from, q.after.at) : q.from, q.to];
    let sql =
      'SELECT at, seq, type, msg_id, user_id, nick, avatar, data FROM replay_events WHERE room_key = ? AND at >= ? AND at < ?';
    if (q.after) {
      sql += ' AND (at > ? OR (at = ? AND seq > ?))';
      params.push(q.after.at, q.after.at, q.after.seq);
    }
    sql += ' AND deleted = 0';
    if (q.types && q.types.length < TIMELINE_TYPES.length) {
      sql += ` AND type IN (${q.types.map(() => '?').join(',')})`;
      for (const t of q.types) params.push(TYPE_CODE.get(t)!);
    }
    sql += ' ORDER BY at, seq LIMIT ?';
    params.push(q.limit);
    const rows = this.db.prepare(sql).all(params) as EventRow[];
    return { events: rows.map(toEvent), seqs: rows.map((r) => Number(r.seq)) };
  }

  chapters(roomID: string, limit = 500): Chapter[] {
    this.flush();
    const room = this.room(roomID, false);
    if (!room) return [];
    const rows = this.db
      .prepare(
        'SELECT at, goods_id, title, image, price FROM replay_chapters WHERE room_key = ? ORDER BY at, seq LIMIT ?',
      )
      .all([room.key, limit]) as Array<{
      at: number;
      goods_id: string;
      title: string;
      image: string | null;
      price: number | null;
    }>;
    return rows.map((r) => {
      const c: Chapter = { at: Number(r.at), goodsID: r.goods_id, title: r.title };
      if (r.image !== null) c.image = r.image;
      if (r.price !== null) c.price = Number(r.price);
      return c;
    });
  }

  /** Events stored and dropped for a room. */
  stats(roomID: string): { events: number; dropped: number } {
    const room = this.room(roomID, false);
    return { events: room?.events ?? 0, dropped: room?.dropped ?? 0 };
  }

  removeRoom(roomID: string): void {
    this.buffer = this.buffer.filter((p) => p.event.roomID !== roomID);
    const room = this.room(roomID, false);
    this.rooms.delete(roomID);
    if (!room) return;
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM replay_events WHERE room_key = ?').run([room.key]);
      this.db.prepare('DELETE FROM replay_chapters WHERE room_key = ?').run([room.key]);
      this.db.prepare('DELETE FROM replay_rooms WHERE room_key = ?').run([room.key]);
    })();
  }
}

function toEvent(row: EventRow): TimelineEvent {
  const type = TIMELINE_TYPES[Number(row.type)] ?? 'chat';
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(row.data) as Record<string, unknown>;
  } catch {
    data = {};
  }
  const event: TimelineEvent = {
    id: type === 'chat' && row.msg_id ? row.msg_id : `${type}-${row.seq}`,
    at: Number(row.at),
    type,
    data,
  };
  if (row.user_id !== null) event.userID = row.user_id;
  if (row.nick !== null) event.nick = row.nick;
  if (row.avatar !== null) event.avatar = row.avatar;
  return event;
}

/** `next` cursors: opaque to clients, `(at, seq)` of the last event returned. */
export function encodeCursor(last: { at: number; seq: number }): string {
  return `${last.at.toString(36)}.${last.seq.toString(36)}`;
}

export function decodeCursor(cursor: string): { at: number; seq: number } | undefined {
  const match = /^([0-9a-z]{1,12})\.([0-9a-z]{1,12})$/.exec(cursor);
  if (!match) return undefined;
  const at = Number.parseInt(match[1]!, 36);
  const seq = Number.parseInt(match[2]!, 36);
  return Number.isSafeInteger(at) && Number.isSafeInteger(seq) ? { at, seq } : undefined;
}
