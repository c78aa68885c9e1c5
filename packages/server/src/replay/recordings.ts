import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { SqlDatabase } from '../module';

/**
 * The recorded segments of each room: one MP4 per continuous push (RTMP, or WHIP bridged into
 * RTMP), written by the media module's recorder and served by the replay module. Rows live in
 * the server's SQLite file; the files under `<dataDir>/recordings/`.
 */
export interface RecordingSegment {
  roomID: string;
  id: string;
  /** Server ms of the segment's first frame (`at = startedAt + currentTime * 1000`). */
  startedAt: number;
  /** Server ms of its last frame; null while it is being recorded. */
  endedAt: number | null;
  durationMs: number;
  /** Path relative to the data directory. */
  path: string;
  bytes: number;
  state: 'recording' | 'ready';
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS replay_segments (
  room_id TEXT NOT NULL,
  id TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  duration_ms INTEGER NOT NULL DEFAULT 0,
  path TEXT NOT NULL,
  bytes INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL DEFAULT 'recording',
  PRIMARY KEY (room_id, id)
);
CREATE INDEX IF NOT EXISTS replay_segments_by_time ON replay_segments (room_id, started_at);
`;

interface SegmentRow {
  room_id: string;
  id: string;
  started_at: number;
  ended_at: number | null;
  duration_ms: number;
  path: string;
  bytes: number;
  state: string;
}

const toSegment = (row: SegmentRow): RecordingSegment => ({
  roomID: row.room_id,
  id: row.id,
  startedAt: Number(row.started_at),
  endedAt: row.ended_at === null ? null : Number(row.ended_at),
  durationMs: Number(row.duration_ms),
  path: row.path,
  bytes: Number(row.bytes),
  state: row.state === 'ready' ? 'ready' : 'recording',
});

/** Directory (relative to the data dir) of a room's recordings: the room ID, percent-encoded. */
export function roomRecordingDir(roomID: string): string {
  return join('recordings', encodeURIComponent(roomID).replace(/\./g, '%2E'));
}

export const SEGMENT_ID = /^[a-z0-9]{8,40}$/;

export class RecordingStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly dataDir: string,
  ) {
    db.exec(SCHEMA);
  }

  newSegmentID(now: number): string {
    return `${now.toString(36)}${randomBytes(5).toString('hex')}`;
  }

  begin(segment: { roomID: string; id: string; startedAt: number; path: string }): void {
    this.db
      .prepare('INSERT INTO replay_segments (room_id, id, started_at, path, state) VALUES (?, ?, ?, ?, ?)')
      .run([segment.roomID, segment.id, segment.startedAt, segment.path, 'recording']);
  }

  /** Corrects the start once the recorder knows the first frame's time. */
  setStart(roomID: string, id: string, startedAt: number): void {
    this.db
      .prepare('UPDATE replay_segments SET started_at = ? WHERE room_id = ? AND id = ?')
      .run([startedAt, roomID, id]);
  }

  /** Marks a segment finished; false when its row is gone (the room was deleted meanwhile). */
  finish(roomID: string, id: string, done: { endedAt: number; durationMs: number; path: string; bytes: number }) {
    return (
      this.db
        .prepare(
          "UPDATE replay_segments SET ended_at = ?, duration_ms = ?, path = ?, bytes = ?, state = 'ready' WHERE room_id = ? AND id = ?",
        )
        .run([done.endedAt, done.durationMs, done.path, done.bytes, roomID, id]).changes > 0
    );
  }

  get(roomID: string, id: string): RecordingSegment | undefined {
    const row = this.db.prepare('SELECT * FROM replay_segments WHERE room_id = ? AND id = ?').get([roomID, id]) as
      | SegmentRow
      | undefined;
    return row && toSegment(row);
  }

  /** Finished segments of a room, oldest first. */
  list(roomID: string, offset = 0, limit = 1000): RecordingSegment[] {
    const rows = this.db
      .prepare(
        "SELECT * FROM replay_segments WHERE room_id = ? AND state = 'ready' ORDER BY started_at ASC, id ASC LIMIT ? OFFSET ?",
      )
      .all([roomID, limit, offset]) as SegmentRow[];
    return rows.map(toSegment);
  }

  count(roomID: string): number {
    const row = this.db
      .prepare("SELECT COUNT(*) AS n FROM replay_segments WHERE room_id = ? AND state = 'ready'")
      .get([roomID]) as { n: number } | undefined;
    return Number(row?.n ?? 0);
  }

  /** Finished segments per room, for a page of the room list (one query). */
  counts(roomIDs: readonly string[]): Map<string, number> {
    const out = new Map<string, number>();
    if (roomIDs.length === 0) return out;
    const rows = this.db
      .prepare(
        `SELECT room_id, COUNT(*) AS n FROM replay_segments WHERE state = 'ready' AND room_id IN (${roomIDs
          .map(() => '?')
          .join(',')}) GROUP BY room_id`,
      )
      .all([...roomIDs]) as Array<{ room_id: string; n: number }>;
    for (const row of rows) out.set(row.room_id, Number(row.n));
    return out;
  }

  /** Segments left `recording` by a server that stopped without finishing them. */
  unfinished(): RecordingSegment[] {
    return (this.db.prepare("SELECT * FROM replay_segments WHERE state = 'recording'").all() as SegmentRow[]).map(
      toSegment,
    );
  }

  remove(roomID: string, id: string): void {
    this.db.prepare('DELETE FROM replay_segments WHERE room_id = ? AND id = ?').run([roomID, id]);
  }

  /** Deletes a room's rows and its recordings directory; returns how many segments it had. */
  removeRoom(roomID: string): number {
    const { changes } = this.db.prepare('DELETE FROM replay_segments WHERE room_id = ?').run([roomID]);
    rmSync(join(this.dataDir, roomRecordingDir(roomID)), { recursive: true, force: true });
    return changes;
  }
}

/**
 * Signed replay URLs: `/replay/<room>/<segment>.mp4?t=<expiry s>&sign=<hex>`, HMAC-SHA256 with a
 * key derived from the server's secret. Clients never sign; the server hands signed URLs out.
 */
export class ReplaySigner {
  private readonly key: Buffer;

  constructor(secretKey: string) {
    this.key = createHmac('sha256', 'livesell-replay').update(secretKey).digest();
  }

  private mac(roomID: string, segmentID: string, expiresAt: number): string {
    return createHmac('sha256', this.key).update(`${roomID}\n${segmentID}\n${expiresAt}`).digest('hex');
  }

  path(roomID: string, segmentID: string, expiresAt: number): string {
    const sign = this.mac(roomID, segmentID, expiresAt);
    return `/replay/${encodeURIComponent(roomID)}/${segmentID}.mp4?t=${expiresAt}&sign=${sign}`;
  }

  verify(roomID: string, segmentID: string, t: string | undefined, sign: string | undefined, nowSeconds: number) {
    if (!t || !sign || !/^\d{1,12}$/.test(t) || !/^[0-9a-f]{64}$/.test(sign)) return 'missing' as const;
    const expiresAt = Number(t);
    if (expiresAt < nowSeconds) return 'expired' as const;
    const want = Buffer.from(this.mac(roomID, segmentID, expiresAt), 'hex');
    return timingSafeEqual(want, Buffer.from(sign, 'hex')) ? ('ok' as const) : ('mismatch' as const);
  }
}

/** Lifetime of the replay URLs the server hands out (s): the `expire_time` of WeChat's get_replay. */
export const REPLAY_URL_TTL_SECONDS = 7 * 24 * 3600;
