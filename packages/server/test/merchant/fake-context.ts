import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { roomPhase } from '@livesell/core';
import Database from 'libsql';
import { type AccessPolicy, createHttpApp } from '../../src/http';
import { ImEvents } from '../../src/im/events';
import type {
  CustomFields,
  LiveServerAdmin,
  LiveServerContext,
  LiveServerModule,
  LiveServerModuleFactory,
  MessagePriority,
  RoomInfo,
  SqlDatabase,
} from '../../src/module';

/**
 * A hand-made `LiveServerContext` for testing the merchant module on its own: a real libsql
 * database (WAL) in a temp dir and a real HTTP server on port 0, but a *recording fake* admin in
 * place of the IM gateway and a fake `authenticate` that accepts the sig `sig-<userID>`.
 * The integration tests in this folder run the same flows through the real `startLiveServer`.
 */

export interface SentMessage {
  groupID: string;
  data: string;
  extension?: string;
  priority?: MessagePriority;
}

export interface FakeAdmin extends LiveServerAdmin {
  rooms: Map<string, RoomInfo>;
  updates: Array<{ groupID: string; customFields?: CustomFields }>;
  sent: SentMessage[];
  failSends: boolean;
}

export const ADMIN_ID = 'administrator';
export const fakeSig = (userID: string) => `sig-${userID}`;
export const bearer = (userID: string) => `Bearer ${userID}:${fakeSig(userID)}`;

export function createFakeAdmin(): FakeAdmin {
  const rooms = new Map<string, RoomInfo>();
  const admin: FakeAdmin = {
    rooms,
    updates: [],
    sent: [],
    failSends: false,
    async createRoom({ ownerID, name, groupID, introduction }) {
      const id = groupID ?? `@TGS#${rooms.size + 1}`;
      rooms.set(id, {
        groupID: id,
        name: name ?? id,
        ownerID,
        notification: '',
        introduction: introduction ?? '',
        customFields: {},
        admins: [],
        createdAt: Date.now(),
        memberCount: 0,
      });
      return { groupID: id };
    },
    async updateRoom({ groupID, customFields }) {
      const room = rooms.get(groupID);
      if (!room) throw new Error(`no room ${groupID}`);
      admin.updates.push({ groupID, customFields });
      room.customFields = { ...room.customFields, ...customFields };
      return room;
    },
    async sendCustomMessage({ groupID, data, extension, priority }) {
      if (admin.failSends) throw new Error('IM is down');
      admin.sent.push({ groupID, data, extension, priority });
      return { messageID: `m${admin.sent.length}` };
    },
    async sendTextMessage() {
      return { messageID: 'text' };
    },
    async deleteRoom({ groupID }) {
      rooms.delete(groupID);
    },
    async getRoom(groupID) {
      return rooms.get(groupID);
    },
    async listRooms() {
      return [...rooms.values()];
    },
    async listRoomPage({ offset, limit, newestFirst }) {
      const all = [...rooms.values()];
      if (newestFirst) all.reverse();
      return { rooms: all.slice(offset, offset + limit), total: all.length };
    },
    async getOnlineCount() {
      return 0;
    },
    async setAdmin({ groupID, userID, admin: on }) {
      const room = rooms.get(groupID)!;
      room.admins = on ? [...room.admins, userID] : room.admins.filter((a) => a !== userID);
    },
    async kick() {},
    async mute() {},
    async setProfile() {},
    async getProfile(userID) {
      return { userID, nick: '', avatar: '' };
    },
  };
  return admin;
}

export interface Harness {
  url: string;
  dataDir: string;
  admin: FakeAdmin;
  module: LiveServerModule;
  db: SqlDatabase;
  logs: string[];
  /** The IM events the module hears (`ctx.im`); emit to play the gateway. */
  events: ImEvents;
  /** Closes the HTTP server and the database but keeps the data dir. */
  stop(): Promise<void>;
}

export async function startHarness(
  factory: LiveServerModuleFactory,
  options: { dataDir?: string; admin?: FakeAdmin } = {},
): Promise<Harness> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'merchant-'));
  mkdirSync(dataDir, { recursive: true });
  const raw = new Database(join(dataDir, 'livesell.db'));
  raw.exec('PRAGMA journal_mode = WAL');
  const db = raw as unknown as SqlDatabase;
  const admin = options.admin ?? createFakeAdmin();
  const logs: string[] = [];
  // The server's real HTTP layer (Host/Origin checks, CORS, body parser, error format).
  const policy: AccessPolicy = { allowedHosts: new Set(), allowedOrigins: [] };
  const app = await createHttpApp({ policy, log: (message) => logs.push(message) });
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  // Modules hear IM events from here; tests emit them as the gateway would.
  const events = new ImEvents((message) => logs.push(message));
  const ctx: LiveServerContext = {
    host: '127.0.0.1',
    httpUrl: url,
    wsUrl: url.replace('http', 'ws'),
    sdkAppID: 1400000000,
    secretKey: 'test-secret',
    dataDir,
    db,
    admin,
    adminUserID: ADMIN_ID,
    roomPhase: (groupID) => roomPhase(admin.rooms.get(groupID)?.customFields.room_status),
    roomTransitions: () => [],
    im: events,
    authenticate: (userID, userSig) =>
      userSig === fakeSig(userID) ? { ok: true } : { ok: false, reason: 'bad-signature' },
    allowOrigins: (rules) => policy.allowedOrigins.push(...rules),
    log: (message) => logs.push(message),
  };
  const module: LiveServerModule = await factory(ctx);
  await module.routes?.(app);
  // What the module does not claim falls through to the rest of the server.
  app.get('/*', async () => 'not mine');
  await app.ready();
  return {
    url,
    dataDir,
    admin,
    module,
    db,
    logs,
    events,
    async stop() {
      await module.close?.();
      app.server.closeAllConnections();
      await app.close();
      await new Promise<void>((resolve) => app.server.close(() => resolve()));
      db.close();
    },
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
