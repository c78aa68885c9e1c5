import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError, readJson, sendError, sendJson } from '../http';
import { verifyUserSig } from '../usersig';
import type { LocalServerAdmin } from './admin';
import { ImError } from './im-error';

export interface RestOptions {
  admin: LocalServerAdmin;
  sdkAppID: number;
  secretKey: string;
  adminUserID: string;
  devUserSig: boolean;
  userSig(userID: string, expireSeconds?: number): string;
}

type Handler = (ctx: {
  req: IncomingMessage;
  params: string[];
  url: URL;
  body: () => Promise<Record<string, unknown>>;
}) => Promise<[number, unknown]>;

interface Route {
  method: string;
  pattern: RegExp;
  admin: boolean;
  handler: Handler;
}

const STATUS_BY_IM_CODE: Record<number, number> = {
  10004: 400,
  10007: 403,
  10010: 404,
  10021: 409,
  2101: 409,
  80002: 413,
};

function str(body: Record<string, unknown>, key: string, required = true): string | undefined {
  const value = body[key];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || (required && value === '')) {
    throw new HttpError(400, 'INVALID_ARGUMENT', `"${key}" must be a ${required ? 'non-empty ' : ''}string`);
  }
  return value;
}

/**
 * The admin REST API (for the merchant backend and the host console) and the two public routes.
 * Returns false for paths it does not own so server modules can answer them.
 */
export function createRestRouter(options: RestOptions) {
  const { admin } = options;
  const routes: Route[] = [];
  const route = (method: string, path: string, isAdmin: boolean, handler: Handler) => {
    const pattern = new RegExp(`^${path.replace(/:[a-z]+/g, '([^/]+)')}$`);
    routes.push({ method, pattern, admin: isAdmin, handler });
  };

  route('GET', '/v4/health', false, async () => [200, { ok: true }]);

  route('GET', '/v4/rooms', false, async () => {
    const rooms = await admin.listRooms();
    return [
      200,
      {
        rooms: rooms.map((r) => ({
          groupID: r.groupID,
          name: r.name,
          ownerID: r.ownerID,
          introduction: r.introduction,
          status: r.customFields.room_status ?? '',
          onlineCount: r.memberCount,
          createdAt: r.createdAt,
        })),
      },
    ];
  });

  route('GET', '/v4/usersig', false, async ({ url }) => {
    if (!options.devUserSig) {
      throw new HttpError(404, 'NOT_FOUND', 'UserSig issuing is off; start the server with devUserSig to enable it');
    }
    const userID = url.searchParams.get('userID') ?? '';
    if (!/^[\x21-\x7e]{1,32}$/.test(userID) || userID === options.adminUserID) {
      throw new HttpError(400, 'INVALID_ARGUMENT', 'userID must be 1-32 printable ASCII characters (not the admin)');
    }
    return [200, { userID, sdkAppID: options.sdkAppID, userSig: options.userSig(userID) }];
  });

  route('GET', '/v4/admin/stats', true, async () => [200, await admin.getStats()]);
  route('GET', '/v4/admin/rooms', true, async () => [200, { rooms: await admin.listRooms() }]);
  route('POST', '/v4/admin/rooms', true, async ({ body }) => {
    const b = await body();
    const created = await admin.createRoom({
      ownerID: str(b, 'ownerID') as string,
      name: str(b, 'name', false),
      groupID: str(b, 'groupID', false),
      introduction: str(b, 'introduction', false),
    });
    return [201, await admin.getRoom(created.groupID)];
  });
  route('GET', '/v4/admin/rooms/:id', true, async ({ params }) => {
    const room = await admin.getRoom(params[0] as string);
    if (!room) throw new ImError(10010, `group ${params[0]} does not exist`);
    return [200, room];
  });
  route('PATCH', '/v4/admin/rooms/:id', true, async ({ params, body }) => {
    const b = await body();
    const customFields = b.customFields;
    if (customFields !== undefined && (typeof customFields !== 'object' || customFields === null)) {
      throw new HttpError(400, 'INVALID_ARGUMENT', '"customFields" must be an object of strings');
    }
    return [
      200,
      await admin.updateRoom({
        groupID: params[0] as string,
        name: str(b, 'name', false),
        notification: str(b, 'notification', false),
        introduction: str(b, 'introduction', false),
        customFields: customFields as Record<string, string> | undefined,
      }),
    ];
  });
  route('POST', '/v4/admin/rooms/:id/messages', true, async ({ params, body }) => {
    const b = await body();
    const groupID = params[0] as string;
    const type = b.type ?? 'custom';
    if (type === 'text') {
      return [
        201,
        await admin.sendTextMessage({
          groupID,
          text: str(b, 'text') as string,
          fromUserID: str(b, 'fromUserID', false),
        }),
      ];
    }
    if (type !== 'custom') throw new HttpError(400, 'INVALID_ARGUMENT', '"type" must be "custom" or "text"');
    return [
      201,
      await admin.sendCustomMessage({
        groupID,
        data: str(b, 'data') as string,
        extension: str(b, 'extension', false),
        description: str(b, 'description', false),
        priority: b.priority as never,
      }),
    ];
  });
  route('GET', '/v4/admin/rooms/:id/online', true, async ({ params }) => [
    200,
    { groupID: params[0], memberCount: await admin.getOnlineCount(params[0] as string) },
  ]);
  route('GET', '/v4/admin/rooms/:id/stats', true, async ({ params }) => [
    200,
    (await admin.getRoomStats(params[0] as string)) ?? null,
  ]);
  route('POST', '/v4/admin/rooms/:id/kick', true, async ({ params, body }) => {
    await admin.kick({ groupID: params[0] as string, userID: str(await body(), 'userID') as string });
    return [200, { ok: true }];
  });
  route('POST', '/v4/admin/rooms/:id/mute', true, async ({ params, body }) => {
    const b = await body();
    if (typeof b.seconds !== 'number') throw new HttpError(400, 'INVALID_ARGUMENT', '"seconds" must be a number');
    await admin.mute({ groupID: params[0] as string, userID: str(b, 'userID') as string, seconds: b.seconds });
    return [200, { ok: true }];
  });
  route('POST', '/v4/admin/rooms/:id/admins', true, async ({ params, body }) => {
    const b = await body();
    if (typeof b.admin !== 'boolean') throw new HttpError(400, 'INVALID_ARGUMENT', '"admin" must be a boolean');
    await admin.setAdmin({ groupID: params[0] as string, userID: str(b, 'userID') as string, admin: b.admin });
    return [200, await admin.getRoom(params[0] as string)];
  });
  route('PUT', '/v4/admin/users/:id/profile', true, async ({ params, body }) => {
    const b = await body();
    await admin.setProfile({
      userID: params[0] as string,
      nick: str(b, 'nick', false),
      avatar: str(b, 'avatar', false),
    });
    return [200, { ok: true }];
  });
  route('POST', '/v4/admin/users/:id/kick', true, async ({ params }) => [
    200,
    { online: await admin.kickUser(params[0] as string) },
  ]);

  function authorize(req: IncomingMessage): void {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer ([^:\s]+):(\S+)$/.exec(header);
    if (!match) {
      throw new HttpError(401, 'UNAUTHORIZED', 'send "Authorization: Bearer <adminUserID>:<userSig>"');
    }
    const [, userID, userSig] = match as unknown as [string, string, string];
    const check = verifyUserSig({ sdkAppID: options.sdkAppID, secretKey: options.secretKey, userSig, userID });
    if (!check.ok) throw new HttpError(401, 'UNAUTHORIZED', `admin UserSig refused: ${check.reason}`);
    if (userID !== options.adminUserID) {
      throw new HttpError(
        403,
        'FORBIDDEN',
        `only the administrator account (${options.adminUserID}) may use the admin API`,
      );
    }
  }

  return async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const path = url.pathname.replace(/\/+$/, '') || '/';
    let methodMismatch = false;
    for (const r of routes) {
      const m = r.pattern.exec(path);
      if (!m) continue;
      if (r.method !== req.method) {
        methodMismatch = true;
        continue;
      }
      try {
        if (r.admin) authorize(req);
        const params = m.slice(1).map((p) => decodeURIComponent(p));
        const [status, body] = await r.handler({ req, params, url, body: () => readJson(req) });
        sendJson(res, status, body);
      } catch (error) {
        if (error instanceof HttpError) sendError(res, error.status, error.code, error.message);
        else if (error instanceof ImError)
          sendError(res, STATUS_BY_IM_CODE[error.code] ?? 400, error.code, error.message);
        else sendError(res, 500, 'INTERNAL', 'internal error');
      }
      return true;
    }
    if (methodMismatch) {
      sendError(res, 405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${path}`);
      return true;
    }
    return false;
  };
}
