import { type RoomPhase, roomPhase } from '@livesell/core';
import type { RoomTransition, SqlDatabase } from '../module';

export type { RoomTransition };

const SCHEMA = `
CREATE TABLE IF NOT EXISTS room_transitions (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  group_id TEXT NOT NULL,
  status TEXT NOT NULL,
  phase TEXT NOT NULL,
  from_phase TEXT,
  operator_id TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS room_transitions_by_room ON room_transitions (group_id, seq);
`;

interface TransitionRow {
  seq: number;
  group_id: string;
  status: string;
  phase: string;
  from_phase: string | null;
  operator_id: string;
  at: number;
}

const toTransition = (row: TransitionRow): RoomTransition => ({
  seq: Number(row.seq),
  groupID: row.group_id,
  status: row.status,
  phase: row.phase as RoomPhase,
  from: (row.from_phase as RoomPhase | null) ?? null,
  operatorID: row.operator_id,
  at: Number(row.at),
});

/**
 * The server's record of each room's lifecycle: every write of `room_status` that changes the value
 * is kept with its time and author (the replay timeline reads it). Who may write is checked before
 * (only the owner, a room admin or the server change a group profile).
 */
export class RoomLifecycleLog {
  /** The last recorded value per room, so that rewriting the same status records nothing. */
  private readonly lastStatus = new Map<string, string>();

  constructor(private readonly db: SqlDatabase) {
    db.exec(SCHEMA);
    const rows = db
      .prepare(
        'SELECT group_id, status FROM room_transitions WHERE seq IN (SELECT MAX(seq) FROM room_transitions GROUP BY group_id)',
      )
      .all() as Array<{ group_id: string; status: string }>;
    for (const row of rows) this.lastStatus.set(row.group_id, row.status);
  }

  /** Records a new `room_status` value; returns the transition, or `undefined` when the value did not change. */
  record(groupID: string, status: string, operatorID: string, at: number): RoomTransition | undefined {
    const previous = this.lastStatus.get(groupID);
    if (previous === status) return undefined;
    const phase = roomPhase(status);
    const from = previous === undefined ? null : roomPhase(previous);
    const result = this.db
      .prepare(
        'INSERT INTO room_transitions (group_id, status, phase, from_phase, operator_id, at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run([groupID, status, phase, from, operatorID, at]);
    this.lastStatus.set(groupID, status);
    return { seq: Number(result.lastInsertRowid), groupID, status, phase, from, operatorID, at };
  }

  /** Forgets a deleted room's transitions. */
  forget(groupID: string): void {
    this.db.prepare('DELETE FROM room_transitions WHERE group_id = ?').run([groupID]);
    this.lastStatus.delete(groupID);
  }

  /** A room's transitions, oldest first (at most `limit`, default 1000). */
  transitions(groupID: string, limit = 1000): RoomTransition[] {
    const rows = this.db
      .prepare('SELECT * FROM room_transitions WHERE group_id = ? ORDER BY seq ASC LIMIT ?')
      .all([groupID, Math.max(1, Math.min(10_000, Math.floor(limit)))]) as TransitionRow[];
    return rows.map(toTransition);
  }
}
