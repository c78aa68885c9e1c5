import type { FilterMode, ModerationRules } from '@livesell/core/protocol';
import type { SqlDatabase } from '../module';

export type { FilterMode };

/** A room's moderation settings, enforced by the server before broadcast (`ModerationRules` in `@livesell/core/protocol`). */
export type ModerationSettings = ModerationRules;

export type ModerationAction =
  | 'mute'
  | 'unmute'
  | 'kick'
  | 'block'
  | 'unblock'
  | 'delete'
  | 'admin'
  | 'unadmin'
  | 'settings'
  | 'filtered';

export interface ModerationLogEntry {
  seq: number;
  groupID: string;
  at: number;
  operatorID: string;
  action: ModerationAction;
  /** The member or message acted on ('' for settings). */
  target: string;
  /** JSON details (duration, the changed settings, the filter rule …). */
  detail: string;
}

export const DEFAULT_SETTINGS: Readonly<ModerationSettings> = Object.freeze({
  words: [],
  noLinks: false,
  filterMode: 'refuse',
  slowModeSeconds: 0,
});

const SCHEMA = `
CREATE TABLE IF NOT EXISTS moderation_settings (
  group_id TEXT PRIMARY KEY,
  words TEXT NOT NULL DEFAULT '[]',
  no_links INTEGER NOT NULL DEFAULT 0,
  filter_mode TEXT NOT NULL DEFAULT 'refuse',
  slow_mode INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS moderation_blocks (
  group_id TEXT NOT NULL, user_id TEXT NOT NULL, until INTEGER NOT NULL, PRIMARY KEY (group_id, user_id)
);
CREATE TABLE IF NOT EXISTS moderation_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  group_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  operator_id TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL DEFAULT '',
  detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS moderation_log_room ON moderation_log (group_id, seq);
`;

interface SettingsRow {
  group_id: string;
  words: string;
  no_links: number;
  filter_mode: string;
  slow_mode: number;
}
interface BlockRow {
  group_id: string;
  user_id: string;
  until: number;
}
interface LogRow {
  seq: number;
  group_id: string;
  at: number;
  operator_id: string;
  action: ModerationAction;
  target: string;
  detail: string;
}

function parseWords(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((w): w is string => typeof w === 'string') : [];
  } catch {
    return [];
  }
}

/** Log entries kept per room: the newest; older ones are pruned as new ones come (every 100). */
export const MAX_LOG_ROWS = 10_000;
const PRUNE_EVERY = 100;

/**
 * Word lists, link policy, slow mode, blocks and the moderation log, cached in memory and written
 * through to SQLite: the send path never touches the disk, and all of it survives a restart.
 */
export class ModerationStore {
  /** groupID → log entries written since the room's log was last pruned. */
  private readonly logWrites = new Map<string, number>();
  private readonly settingsByRoom = new Map<string, ModerationSettings>();
  /** groupID → userID → blocked until (server ms). */
  private readonly blocksByRoom = new Map<string, Map<string, number>>();

  constructor(private readonly db: SqlDatabase) {
    db.exec(SCHEMA);
    for (const row of db.prepare('SELECT * FROM moderation_settings').all() as SettingsRow[]) {
      this.settingsByRoom.set(row.group_id, {
        words: parseWords(row.words),
        noLinks: row.no_links === 1,
        filterMode: row.filter_mode === 'sender-only' ? 'sender-only' : 'refuse',
        slowModeSeconds: row.slow_mode,
      });
    }
    for (const row of db.prepare('SELECT * FROM moderation_blocks').all() as BlockRow[]) {
      this.blocksOf(row.group_id).set(row.user_id, row.until);
    }
  }

  settings(groupID: string): Readonly<ModerationSettings> {
    return this.settingsByRoom.get(groupID) ?? DEFAULT_SETTINGS;
  }

  setSettings(groupID: string, next: ModerationSettings): void {
    this.db
      .prepare(
        `INSERT INTO moderation_settings (group_id, words, no_links, filter_mode, slow_mode) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (group_id) DO UPDATE SET words = excluded.words, no_links = excluded.no_links,
         filter_mode = excluded.filter_mode, slow_mode = excluded.slow_mode`,
      )
      .run(groupID, JSON.stringify(next.words), next.noLinks ? 1 : 0, next.filterMode, next.slowModeSeconds);
    this.settingsByRoom.set(groupID, { ...next, words: next.words.slice() });
  }

  private blocksOf(groupID: string): Map<string, number> {
    let blocks = this.blocksByRoom.get(groupID);
    if (!blocks) {
      blocks = new Map();
      this.blocksByRoom.set(groupID, blocks);
    }
    return blocks;
  }

  /** Until when `userID` is blocked from the room (server ms), or 0. Expired blocks are forgotten. */
  blockedUntil(groupID: string, userID: string, now: number): number {
    const until = this.blocksByRoom.get(groupID)?.get(userID) ?? 0;
    if (until === 0) return 0;
    if (until > now) return until;
    this.setBlock(groupID, userID, 0);
    return 0;
  }

  setBlock(groupID: string, userID: string, until: number): void {
    if (until > 0) {
      this.db
        .prepare(
          'INSERT INTO moderation_blocks (group_id, user_id, until) VALUES (?, ?, ?) ON CONFLICT (group_id, user_id) DO UPDATE SET until = excluded.until',
        )
        .run(groupID, userID, until);
      this.blocksOf(groupID).set(userID, until);
    } else {
      this.db.prepare('DELETE FROM moderation_blocks WHERE group_id = ? AND user_id = ?').run(groupID, userID);
      this.blocksByRoom.get(groupID)?.delete(userID);
    }
  }

  /** How many blocks the room holds once expired ones are forgotten. */
  blockCount(groupID: string, now: number): number {
    const blocks = this.blocksByRoom.get(groupID);
    if (!blocks) return 0;
    for (const [userID, until] of blocks) if (until <= now) this.setBlock(groupID, userID, 0);
    return blocks.size;
  }

  /** Blocks still in force, soonest end first. */
  blocks(groupID: string, now: number): Array<{ userID: string; until: number }> {
    const out: Array<{ userID: string; until: number }> = [];
    for (const [userID, until] of this.blocksByRoom.get(groupID) ?? []) if (until > now) out.push({ userID, until });
    return out.sort((a, b) => a.until - b.until);
  }

  /** Forgets everything of a deleted room. */
  deleteRoom(groupID: string): void {
    const run = this.db.transaction(() => {
      for (const table of ['moderation_settings', 'moderation_blocks', 'moderation_log']) {
        this.db.prepare(`DELETE FROM ${table} WHERE group_id = ?`).run(groupID);
      }
    });
    run();
    this.settingsByRoom.delete(groupID);
    this.blocksByRoom.delete(groupID);
    this.logWrites.delete(groupID);
  }

  log(entry: Omit<ModerationLogEntry, 'seq'>): void {
    this.db
      .prepare(
        'INSERT INTO moderation_log (group_id, at, operator_id, action, target, detail) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(entry.groupID, entry.at, entry.operatorID, entry.action, entry.target, entry.detail);
    const writes = (this.logWrites.get(entry.groupID) ?? 0) + 1;
    if (writes < PRUNE_EVERY) {
      this.logWrites.set(entry.groupID, writes);
      return;
    }
    this.logWrites.delete(entry.groupID);
    this.db
      .prepare(
        `DELETE FROM moderation_log WHERE group_id = ? AND seq <= (
           SELECT seq FROM moderation_log WHERE group_id = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)`,
      )
      .run(entry.groupID, entry.groupID, MAX_LOG_ROWS);
  }

  /** The room's log, oldest first (the last `limit` entries). */
  entries(groupID: string, limit = 200): ModerationLogEntry[] {
    const rows = this.db
      .prepare('SELECT * FROM moderation_log WHERE group_id = ? ORDER BY seq DESC LIMIT ?')
      .all(groupID, Math.max(1, Math.min(1000, limit))) as LogRow[];
    return rows.reverse().map((r) => ({
      seq: r.seq,
      groupID: r.group_id,
      at: r.at,
      operatorID: r.operator_id,
      action: r.action,
      target: r.target,
      detail: r.detail,
    }));
  }
}
