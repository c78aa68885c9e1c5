import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RoomPhase } from '@livesell/core';
import type { RoomTransition } from './room/lifecycle';

/**
 * How the pieces of the local server plug into the one process `startLiveServer` runs:
 * the IM gateway owns the HTTP server and the SQLite database; the merchant API, the media
 * server and the WeChat room-list emulation are modules that get this context and answer
 * the HTTP requests they recognise.
 */

/** A group custom field map, e.g. `{ add_goods: '…', room_status: '…' }`. */
export type CustomFields = Record<string, string>;

export type MessagePriority = 'High' | 'Normal' | 'Low' | 'Lowest';

export interface RoomInfo {
  groupID: string;
  name: string;
  ownerID: string;
  notification: string;
  introduction: string;
  customFields: CustomFields;
  admins: string[];
  createdAt: number;
  memberCount: number;
}

/** The in-process face of the admin REST API (the merchant backend's view of IM). */
export interface LiveServerAdmin {
  createRoom(options: {
    ownerID: string;
    name?: string;
    groupID?: string;
    introduction?: string;
  }): Promise<{ groupID: string }>;
  updateRoom(options: {
    groupID: string;
    name?: string;
    notification?: string;
    introduction?: string;
    customFields?: CustomFields;
  }): Promise<RoomInfo>;
  /** Sent as the server (`from` is the administrator account); exempt from the per-group rate limit. */
  sendCustomMessage(options: {
    groupID: string;
    data: string;
    extension?: string;
    description?: string;
    priority?: MessagePriority;
  }): Promise<{ messageID: string }>;
  sendTextMessage(options: { groupID: string; text: string; fromUserID?: string }): Promise<{ messageID: string }>;
  getRoom(groupID: string): Promise<RoomInfo | undefined>;
  listRooms(): Promise<RoomInfo[]>;
  getOnlineCount(groupID: string): Promise<number>;
  setAdmin(options: { groupID: string; userID: string; admin: boolean }): Promise<void>;
  kick(options: { groupID: string; userID: string }): Promise<void>;
  mute(options: { groupID: string; userID: string; seconds: number }): Promise<void>;
  setProfile(options: { userID: string; nick?: string; avatar?: string }): Promise<void>;
  /** A user's IM profile (empty nick/avatar when never set). */
  getProfile(userID: string): Promise<{ userID: string; nick: string; avatar: string }>;
}

/** The minimal SQLite surface modules use (libsql's better-sqlite3-compatible API). */
export interface SqlStatement {
  run(...params: unknown[]): { changes: number; lastInsertRowid: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}
export interface SqlDatabase {
  exec(sql: string): void;
  prepare(sql: string): SqlStatement;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R;
  close(): void;
}

export interface LiveServerContext {
  host: string;
  httpUrl: string;
  wsUrl: string;
  sdkAppID: number;
  secretKey: string;
  dataDir: string;
  db: SqlDatabase;
  admin: LiveServerAdmin;
  /** The administrator account messages "from the server" are sent as. */
  adminUserID: string;
  /** The room's lifecycle phase now, from its `room_status` field (`idle` for an unknown room). */
  roomPhase(groupID: string): RoomPhase;
  /** Each change of the room's status with its time and author, oldest first. */
  roomTransitions(groupID: string): RoomTransition[];
  /** Verifies a client's `userID` + `userSig` (used by HTTP APIs that act for a viewer). */
  authenticate(userID: string, userSig: string): { ok: true } | { ok: false; reason: string };
  log(message: string): void;
}

export interface LiveServerModule {
  name: string;
  /** Answers a request it recognises and returns true; returns false to let others try. */
  handle?(req: IncomingMessage, res: ServerResponse, url: URL): boolean | Promise<boolean>;
  /** Extra facts printed by the CLI and returned in `LiveServer.modules` (e.g. stream URLs). */
  info?: Record<string, unknown>;
  close?(): Promise<void>;
}

export type LiveServerModuleFactory = (ctx: LiveServerContext) => Promise<LiveServerModule>;
