import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RoomPhase } from '@livesell/core';
import type { FastifyInstance } from 'fastify';
import type { OriginRule } from './http';
import type { ImEventSource } from './im/events';

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
  /**
   * Sent as the server (`from` is the administrator account); exempt from the per-group rate limit,
   * unless it is an `announcement`.
   */
  sendCustomMessage(options: {
    groupID: string;
    data: string;
    extension?: string;
    description?: string;
    priority?: MessagePriority;
    /**
     * A server announcement (verified purchase, coupon claim …): it goes through the room's
     * 40 msgs/s budget like a client's High message. When the budget is spent it waits, and later
     * announcements with the same `mergeKey` merge into it: the extension (a JSON object) keeps the
     * newest fields, adds the `sum` fields up and counts the announcements it stands for in
     * `merged` ("+12 bought"). `messageID` is then the ID of the message it went out in, once sent.
     */
    announcement?: { mergeKey?: string; sum?: readonly string[] };
  }): Promise<{ messageID: string; status?: AnnouncementStatus }>;
  sendTextMessage(options: { groupID: string; text: string; fromUserID?: string }): Promise<{ messageID: string }>;
  getRoom(groupID: string): Promise<RoomInfo | undefined>;
  /**
   * Deletes a room: its members are removed, its record, status history, recordings and replay
   * timeline are deleted (modules hear `roomDeleted`). Orders and goods stay with the merchant.
   */
  deleteRoom(options: { groupID: string }): Promise<void>;
  listRooms(): Promise<RoomInfo[]>;
  /** One page of rooms in creation order (`newestFirst` reverses it); costs the page, not the room count. */
  listRoomPage(options: {
    offset: number;
    limit: number;
    newestFirst?: boolean;
  }): Promise<{ rooms: RoomInfo[]; total: number }>;
  getOnlineCount(groupID: string): Promise<number>;
  setAdmin(options: { groupID: string; userID: string; admin: boolean }): Promise<void>;
  kick(options: { groupID: string; userID: string }): Promise<void>;
  mute(options: { groupID: string; userID: string; seconds: number }): Promise<void>;
  setProfile(options: { userID: string; nick?: string; avatar?: string }): Promise<void>;
  /** A user's IM profile (empty nick/avatar when never set). */
  getProfile(userID: string): Promise<{ userID: string; nick: string; avatar: string }>;
}

/** What became of an announcement: delivered now, waiting for the room's budget, or merged into a waiting one. */
export type AnnouncementStatus = 'sent' | 'queued' | 'merged' | 'dropped';

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
  /**
   * What happens in the IM (messages delivered, rooms created and updated, members joining and
   * leaving), like Tencent IM's server callbacks: `ctx.im.on('message', fn)` returns its remover.
   */
  im: ImEventSource;
  /** Adds origins allowed for CORS and the IM upgrade (e.g. a merchant console on another host). */
  allowOrigins(rules: readonly OriginRule[]): void;
  log(message: string): void;
}

export interface LiveServerModule {
  name: string;
  /**
   * Registers the module's routes on the server's HTTP app (fastify): they get the Host/Origin
   * checks, CORS, the JSON body parser, per-route body limits and the error format for free.
   */
  routes?(app: FastifyInstance): void | Promise<void>;
  /**
   * Raw alternative to `routes`: answers a request no route claimed and returns true, or false
   * to let others try. The body is unread.
   */
  handle?(req: IncomingMessage, res: ServerResponse, url: URL): boolean | Promise<boolean>;
  /** Extra facts printed by the CLI and returned in `LiveServer.modules` (e.g. stream URLs). */
  info?: Record<string, unknown>;
  close?(): Promise<void>;
}

export type LiveServerModuleFactory = (ctx: LiveServerContext) => Promise<LiveServerModule>;

/** One change of a room's `room_status`, as the server saw it. */
export interface RoomTransition {
  seq: number;
  groupID: string;
  /** The raw `room_status` value written. */
  status: string;
  /** Its lifecycle phase (`idle`, `live`, `paused`, `ended`). */
  phase: RoomPhase;
  /** The phase before, `null` for the room's first recorded status. */
  from: RoomPhase | null;
  /** Who wrote it: the host, a room admin or the server's administrator account. */
  operatorID: string;
  /** Server time, ms. */
  at: number;
}
