import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type Authenticate, bearerUser, HttpError, isLoopbackAddress, methodNotAllowed } from '../http';
import type { LocalServerAdmin } from './admin';
import { ImError } from './im-error';

export interface RestOptions {
  admin: LocalServerAdmin;
  sdkAppID: number;
  adminUserID: string;
  devUserSig: boolean;
  authenticate: Authenticate;
  userSig(userID: string, expireSeconds?: number): string;
  log(message: string): void;
  /** Recorded replay segments per room, for the room list's `replayCount`. */
  replayCounts?(groupIDs: readonly string[]): Map<string, number>;
}

/** Default and largest page of `GET /v4/rooms`. */
export const ROOM_PAGE_DEFAULT = 50;
export const ROOM_PAGE_MAX = 200;

const str = { type: 'string' } as const;
const nonEmpty = { type: 'string', minLength: 1 } as const;
const objectBody = (properties: Record<string, unknown>, required: string[] = []) => ({
  body: { type: 'object', properties, required },
});
/** Admin bodies are small: a room profile, a message (12 KB), custom fields. */
const ADMIN_BODY_LIMIT = 32 * 1024;

type Params = { id: string };

function page(query: unknown): { offset: number; limit: number } {
  const q = (query ?? {}) as Record<string, string | undefined>;
  const offset = q.offset === undefined ? 0 : Number(q.offset);
  const limit = q.limit === undefined ? ROOM_PAGE_DEFAULT : Number(q.limit);
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new HttpError(400, 'INVALID_ARGUMENT', '"offset" must be a non-negative integer');
  }
  if (!Number.isInteger(limit) || limit < 1 || limit > ROOM_PAGE_MAX) {
    throw new HttpError(400, 'INVALID_ARGUMENT', `"limit" must be an integer from 1 to ${ROOM_PAGE_MAX}`);
  }
  return { offset, limit };
}

/**
 * The admin REST API (for the merchant backend and the host console) and the public routes
 * (health, the paginated room list, dev UserSigs), on the server's one HTTP app.
 */
export function registerRestRoutes(app: FastifyInstance, options: RestOptions): void {
  const { admin } = options;

  const requireAdmin = async (request: FastifyRequest) => {
    const userID = bearerUser(request.headers.authorization, options.authenticate, 'UNAUTHORIZED');
    if (userID === undefined) {
      throw new HttpError(401, 'UNAUTHORIZED', 'send "Authorization: Bearer <adminUserID>:<userSig>"');
    }
    if (userID !== options.adminUserID) {
      throw new HttpError(
        403,
        'FORBIDDEN',
        `only the administrator account (${options.adminUserID}) may use the admin API`,
      );
    }
  };
  const adminRoute = { preHandler: requireAdmin, bodyLimit: ADMIN_BODY_LIMIT };
  const id = (request: FastifyRequest) => (request.params as Params).id;

  app.get('/v4/health', async () => ({ ok: true }));
  // The account clients must trust as the server: pass `serverUserIDs` to TIMLiveSell.
  app.get('/v4/info', async () => ({
    sdkAppID: options.sdkAppID,
    adminUserID: options.adminUserID,
    serverUserIDs: [options.adminUserID],
  }));

  app.get('/v4/rooms', async (request) => {
    const { offset, limit } = page(request.query);
    const { rooms, total } = await admin.listRoomPage({ offset, limit });
    const next = offset + rooms.length < total ? offset + rooms.length : null;
    const replays = options.replayCounts?.(rooms.map((r) => r.groupID)) ?? new Map<string, number>();
    return {
      rooms: rooms.map((r) => ({
        groupID: r.groupID,
        name: r.name,
        ownerID: r.ownerID,
        introduction: r.introduction,
        status: r.customFields.room_status ?? '',
        onlineCount: r.memberCount,
        createdAt: r.createdAt,
        replayCount: replays.get(r.groupID) ?? 0,
      })),
      total,
      offset,
      limit,
      next,
    };
  });
  methodNotAllowed(app, '/v4/rooms', ['GET']);

  app.get('/v4/usersig', async (request) => {
    if (!options.devUserSig) {
      throw new HttpError(404, 'NOT_FOUND', 'UserSig issuing is off; start the server with devUserSig to enable it');
    }
    const userID = String((request.query as Record<string, unknown>).userID ?? '');
    if (!/^[\x21-\x7e]{1,32}$/.test(userID) || userID === options.adminUserID) {
      throw new HttpError(400, 'INVALID_ARGUMENT', 'userID must be 1-32 printable ASCII characters (not the admin)');
    }
    // A LAN caller must not become a host: room owners' and admins' sigs only go to this machine.
    if (!isLoopbackAddress(request.socket.remoteAddress) && (await admin.isPrivileged(userID))) {
      options.log(`http: refused a dev UserSig for room host "${userID}" to ${request.socket.remoteAddress}`);
      throw new HttpError(
        403,
        'FORBIDDEN',
        'dev UserSigs for room owners and admins are only issued to callers on this machine',
      );
    }
    return { userID, sdkAppID: options.sdkAppID, userSig: options.userSig(userID) };
  });

  app.get('/v4/admin/stats', adminRoute, async () => admin.getStats());
  app.get('/v4/admin/rooms', adminRoute, async () => ({ rooms: await admin.listRooms() }));
  app.post(
    '/v4/admin/rooms',
    {
      ...adminRoute,
      schema: objectBody({ ownerID: nonEmpty, name: str, groupID: str, introduction: str }, ['ownerID']),
    },
    async (request, reply) => {
      const b = request.body as { ownerID: string; name?: string; groupID?: string; introduction?: string };
      const created = await admin.createRoom(b);
      reply.code(201);
      return admin.getRoom(created.groupID);
    },
  );
  methodNotAllowed(app, '/v4/admin/rooms', ['GET', 'POST']);

  app.get('/v4/admin/rooms/:id', adminRoute, async (request) => {
    const room = await admin.getRoom(id(request));
    if (!room) throw new ImError(10010, `group ${id(request)} does not exist`);
    return room;
  });
  app.patch(
    '/v4/admin/rooms/:id',
    {
      ...adminRoute,
      schema: objectBody({
        name: str,
        notification: str,
        introduction: str,
        customFields: { type: 'object', additionalProperties: { type: 'string' } },
      }),
    },
    async (request) => {
      const b = request.body as {
        name?: string;
        notification?: string;
        introduction?: string;
        customFields?: Record<string, string>;
      };
      return admin.updateRoom({ groupID: id(request), ...b });
    },
  );
  app.delete('/v4/admin/rooms/:id', { ...adminRoute, config: { body: 'none' } }, async (request) => {
    await admin.deleteRoom({ groupID: id(request) });
    return { ok: true, groupID: id(request) };
  });
  methodNotAllowed(app, '/v4/admin/rooms/:id', ['GET', 'PATCH', 'DELETE']);

  app.post(
    '/v4/admin/rooms/:id/messages',
    {
      ...adminRoute,
      schema: objectBody({
        type: { enum: ['custom', 'text'] },
        data: str,
        extension: str,
        description: str,
        priority: str,
        text: str,
        fromUserID: str,
      }),
    },
    async (request, reply) => {
      const b = request.body as Record<string, string | undefined>;
      const groupID = id(request);
      reply.code(201);
      if (b.type === 'text') {
        if (!b.text) throw new HttpError(400, 'INVALID_ARGUMENT', '"text" must be a non-empty string');
        return admin.sendTextMessage({ groupID, text: b.text, fromUserID: b.fromUserID });
      }
      if (!b.data) throw new HttpError(400, 'INVALID_ARGUMENT', '"data" must be a non-empty string');
      return admin.sendCustomMessage({
        groupID,
        data: b.data,
        extension: b.extension,
        description: b.description,
        priority: b.priority as never,
      });
    },
  );
  app.get('/v4/admin/rooms/:id/online', adminRoute, async (request) => ({
    groupID: id(request),
    memberCount: await admin.getOnlineCount(id(request)),
  }));
  app.get('/v4/admin/rooms/:id/stats', adminRoute, async (request) => (await admin.getRoomStats(id(request))) ?? null);
  app.post(
    '/v4/admin/rooms/:id/kick',
    { ...adminRoute, schema: objectBody({ userID: nonEmpty }, ['userID']) },
    async (request) => {
      await admin.kick({ groupID: id(request), userID: (request.body as { userID: string }).userID });
      return { ok: true };
    },
  );
  app.post(
    '/v4/admin/rooms/:id/mute',
    { ...adminRoute, schema: objectBody({ userID: nonEmpty, seconds: { type: 'number' } }, ['userID', 'seconds']) },
    async (request) => {
      const b = request.body as { userID: string; seconds: number };
      await admin.mute({ groupID: id(request), userID: b.userID, seconds: b.seconds });
      return { ok: true };
    },
  );
  app.post(
    '/v4/admin/rooms/:id/admins',
    { ...adminRoute, schema: objectBody({ userID: nonEmpty, admin: { type: 'boolean' } }, ['userID', 'admin']) },
    async (request) => {
      const b = request.body as { userID: string; admin: boolean };
      await admin.setAdmin({ groupID: id(request), userID: b.userID, admin: b.admin });
      return admin.getRoom(id(request));
    },
  );
  app.put(
    '/v4/admin/users/:id/profile',
    { ...adminRoute, schema: objectBody({ nick: str, avatar: str }) },
    async (request) => {
      const b = request.body as { nick?: string; avatar?: string };
      await admin.setProfile({ userID: id(request), nick: b.nick, avatar: b.avatar });
      return { ok: true };
    },
  );
  app.post('/v4/admin/users/:id/kick', adminRoute, async (request) => ({
    online: await admin.kickUser(id(request)),
  }));
}
