import type { SqlDatabase } from '../module';

/** What a live room keeps across restarts. Members are online state and live in the gateway. */
export interface RoomRecord {
  groupID: string;
  name: string;
  type: string;
  ownerID: string;
  notification: string;
  introduction: string;
  avatar: string;
  muteAllMembers: boolean;
  createdAt: number;
  customFields: Map<string, string>;
  admins: Set<string>;
  attributes: Map<string, string>;
  /** userID → muted until (ms since the epoch). */
  mutes: Map<string, number>;
}

export interface ProfileRecord {
  userID: string;
  nick: string;
  avatar: string;
  selfSignature: string;
}

export type RoomProfilePatch = Partial<
  Pick<RoomRecord, 'name' | 'notification' | 'introduction' | 'avatar' | 'muteAllMembers'>
>;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS im_rooms (
  group_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  owner_id TEXT NOT NULL,
  notification TEXT NOT NULL DEFAULT '',
  introduction TEXT NOT NULL DEFAULT '',
  avatar TEXT NOT NULL DEFAULT '',
  mute_all INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS im_room_fields (
  group_id TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (group_id, key)
);
CREATE TABLE IF NOT EXISTS im_room_admins (
  group_id TEXT NOT NULL, user_id TEXT NOT NULL, PRIMARY KEY (group_id, user_id)
);
CREATE TABLE IF NOT EXISTS im_room_attributes (
  group_id TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (group_id, key)
);
CREATE TABLE IF NOT EXISTS im_room_mutes (
  group_id TEXT NOT NULL, user_id TEXT NOT NULL, until INTEGER NOT NULL, PRIMARY KEY (group_id, user_id)
);
CREATE TABLE IF NOT EXISTS im_profiles (
  user_id TEXT PRIMARY KEY,
  nick TEXT NOT NULL DEFAULT '',
  avatar TEXT NOT NULL DEFAULT '',
  self_signature TEXT NOT NULL DEFAULT ''
);
`;

interface RoomRow {
  group_id: string;
  name: string;
  type: string;
  owner_id: string;
  notification: string;
  introduction: string;
  avatar: string;
  mute_all: number;
  created_at: number;
}
interface KeyValueRow {
  group_id: string;
  key: string;
  value: string;
}
interface UserRow {
  group_id: string;
  user_id: string;
}
interface MuteRow extends UserRow {
  until: number;
}
interface ProfileRow {
  user_id: string;
  nick: string;
  avatar: string;
  self_signature: string;
}

/**
 * Rooms and profiles, cached in memory and written through to SQLite: reads on the message path
 * never touch the disk, and every change survives a restart.
 */
export class ImStore {
  private readonly rooms = new Map<string, RoomRecord>();
  private readonly profiles = new Map<string, ProfileRecord>();

  constructor(private readonly db: SqlDatabase) {
    db.exec(SCHEMA);
    this.load();
  }

  private load(): void {
    for (const row of this.db.prepare('SELECT * FROM im_rooms').all() as RoomRow[]) {
      this.rooms.set(row.group_id, {
        groupID: row.group_id,
        name: row.name,
        type: row.type,
        ownerID: row.owner_id,
        notification: row.notification,
        introduction: row.introduction,
        avatar: row.avatar,
        muteAllMembers: row.mute_all === 1,
        createdAt: row.created_at,
        customFields: new Map(),
        admins: new Set(),
        attributes: new Map(),
        mutes: new Map(),
      });
    }
    for (const row of this.db.prepare('SELECT * FROM im_room_fields').all() as KeyValueRow[]) {
      this.rooms.get(row.group_id)?.customFields.set(row.key, row.value);
    }
    for (const row of this.db.prepare('SELECT * FROM im_room_attributes').all() as KeyValueRow[]) {
      this.rooms.get(row.group_id)?.attributes.set(row.key, row.value);
    }
    for (const row of this.db.prepare('SELECT * FROM im_room_admins').all() as UserRow[]) {
      this.rooms.get(row.group_id)?.admins.add(row.user_id);
    }
    for (const row of this.db.prepare('SELECT * FROM im_room_mutes').all() as MuteRow[]) {
      this.rooms.get(row.group_id)?.mutes.set(row.user_id, row.until);
    }
    for (const row of this.db.prepare('SELECT * FROM im_profiles').all() as ProfileRow[]) {
      this.profiles.set(row.user_id, {
        userID: row.user_id,
        nick: row.nick,
        avatar: row.avatar,
        selfSignature: row.self_signature,
      });
    }
  }

  room(groupID: string): RoomRecord | undefined {
    return this.rooms.get(groupID);
  }

  allRooms(): RoomRecord[] {
    return [...this.rooms.values()];
  }

  createRoom(room: Omit<RoomRecord, 'customFields' | 'admins' | 'attributes' | 'mutes'>): RoomRecord {
    const record: RoomRecord = {
      ...room,
      customFields: new Map(),
      admins: new Set(),
      attributes: new Map(),
      mutes: new Map(),
    };
    this.db
      .prepare(
        'INSERT INTO im_rooms (group_id, name, type, owner_id, notification, introduction, avatar, mute_all, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        room.groupID,
        room.name,
        room.type,
        room.ownerID,
        room.notification,
        room.introduction,
        room.avatar,
        room.muteAllMembers ? 1 : 0,
        room.createdAt,
      );
    this.rooms.set(room.groupID, record);
    return record;
  }

  updateRoom(room: RoomRecord, patch: RoomProfilePatch, fields?: Map<string, string>): void {
    const write = this.db.transaction(() => {
      Object.assign(room, patch);
      this.db
        .prepare(
          'UPDATE im_rooms SET name = ?, notification = ?, introduction = ?, avatar = ?, mute_all = ? WHERE group_id = ?',
        )
        .run(room.name, room.notification, room.introduction, room.avatar, room.muteAllMembers ? 1 : 0, room.groupID);
      if (fields) {
        const upsert = this.db.prepare(
          'INSERT INTO im_room_fields (group_id, key, value) VALUES (?, ?, ?) ON CONFLICT (group_id, key) DO UPDATE SET value = excluded.value',
        );
        for (const [key, value] of fields) {
          upsert.run(room.groupID, key, value);
          room.customFields.set(key, value);
        }
      }
    });
    write();
  }

  /** Deletes a room and everything kept for it (fields, admins, attributes, mutes). */
  deleteRoom(groupID: string): boolean {
    if (!this.rooms.has(groupID)) return false;
    this.db.transaction(() => {
      for (const table of ['im_rooms', 'im_room_fields', 'im_room_admins', 'im_room_attributes', 'im_room_mutes']) {
        this.db.prepare(`DELETE FROM ${table} WHERE group_id = ?`).run(groupID);
      }
    })();
    this.rooms.delete(groupID);
    return true;
  }

  setAttributes(room: RoomRecord, set: Map<string, string>, remove: string[] = []): void {
    const write = this.db.transaction(() => {
      const upsert = this.db.prepare(
        'INSERT INTO im_room_attributes (group_id, key, value) VALUES (?, ?, ?) ON CONFLICT (group_id, key) DO UPDATE SET value = excluded.value',
      );
      const del = this.db.prepare('DELETE FROM im_room_attributes WHERE group_id = ? AND key = ?');
      for (const [key, value] of set) {
        upsert.run(room.groupID, key, value);
        room.attributes.set(key, value);
      }
      for (const key of remove) {
        del.run(room.groupID, key);
        room.attributes.delete(key);
      }
    });
    write();
  }

  setAdmin(room: RoomRecord, userID: string, admin: boolean): void {
    if (admin) {
      this.db
        .prepare('INSERT OR IGNORE INTO im_room_admins (group_id, user_id) VALUES (?, ?)')
        .run(room.groupID, userID);
      room.admins.add(userID);
    } else {
      this.db.prepare('DELETE FROM im_room_admins WHERE group_id = ? AND user_id = ?').run(room.groupID, userID);
      room.admins.delete(userID);
    }
  }

  setMute(room: RoomRecord, userID: string, until: number): void {
    if (until > 0) {
      this.db
        .prepare(
          'INSERT INTO im_room_mutes (group_id, user_id, until) VALUES (?, ?, ?) ON CONFLICT (group_id, user_id) DO UPDATE SET until = excluded.until',
        )
        .run(room.groupID, userID, until);
      room.mutes.set(userID, until);
    } else {
      this.db.prepare('DELETE FROM im_room_mutes WHERE group_id = ? AND user_id = ?').run(room.groupID, userID);
      room.mutes.delete(userID);
    }
  }

  profile(userID: string): ProfileRecord {
    return this.profiles.get(userID) ?? { userID, nick: '', avatar: '', selfSignature: '' };
  }

  setProfile(userID: string, patch: Partial<Omit<ProfileRecord, 'userID'>>): ProfileRecord {
    const next = { ...this.profile(userID), ...patch, userID };
    this.db
      .prepare(
        'INSERT INTO im_profiles (user_id, nick, avatar, self_signature) VALUES (?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET nick = excluded.nick, avatar = excluded.avatar, self_signature = excluded.self_signature',
      )
      .run(userID, next.nick, next.avatar, next.selfSignature);
    this.profiles.set(userID, next);
    return next;
  }
}
